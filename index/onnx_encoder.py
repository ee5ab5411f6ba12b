"""all-MiniLM-L6-v2 exported to ONNX, run with onnxruntime + `tokenizers`: no torch, fast to load.

The graph (see index/onnx_export.py) takes input_ids, attention_mask and token_type_ids and returns the
mean-pooled, L2-normalised sentence vector. Its weights may sit in a file beside it (`<graph>.data`), which
onnxruntime maps into memory instead of parsing and copying them: a third of the load time, half the memory. Texts are tokenized like sentence-transformers does (truncated
to the model's max_seq_length) and each batch is padded to its longest text only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

from index.embedder import (
    MODEL_NAME,
    OFFICIAL_SHA256,
    ModelIntegrityError,
    Vectors,
    default_model_dir,
    sha256_file,
    verify_model_files,
)

INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT_NAME = "sentence_embedding"
PAD_TOKEN = "[PAD]"
# The weights of a split export: `<graph file name>.data`, beside the graph.
DATA_SUFFIX = ".data"
# One intra-op thread: on the 2-core host a question encodes fastest (and steals no core from a
# concurrent request) with one; two threads were slower at p50 and p99 (bench/startup.py --threads).
DEFAULT_THREADS = 1
# Texts per run: sorted by length first, so a batch's padding stays small (sentence-transformers uses 32).
BATCH_SIZE = 32
# Only the tokenizer's vocabulary and rules are checked: the ONNX graph has its own expected hash.
TOKENIZER_SHA256 = {"tokenizer.json": OFFICIAL_SHA256["tokenizer.json"]}


def read_max_seq_length(model_dir: Path) -> int:
    """sentence-transformers' truncation length, checked against the model's position embeddings."""
    try:
        wanted = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        max_seq_length, positions = int(wanted["max_seq_length"]), int(config["max_position_embeddings"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelIntegrityError(f"cannot read max_seq_length from {model_dir}: {exc}") from exc
    if not 0 < max_seq_length <= positions:
        raise ModelIntegrityError(
            f"max_seq_length {max_seq_length} in {model_dir} is outside 1..{positions} (max_position_embeddings)"
        )
    return max_seq_length


def load_tokenizer(model_dir: Path) -> Tokenizer:
    """The packaged tokenizer.json, checked, truncating like sentence-transformers and never padding.

    The file pads every input to 128 tokens and truncates at 128; sentence-transformers truncates at
    max_seq_length (256) and pads a batch to its longest input, which `encode` does itself.
    """
    verify_model_files(model_dir, TOKENIZER_SHA256)
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=read_max_seq_length(model_dir))
    return tokenizer


def weights_path(onnx_path: Path) -> Path:
    return onnx_path.with_name(onnx_path.name + DATA_SUFFIX)


def verify_onnx_file(onnx_path: Path, expected_sha256: str, data_sha256: str | None = None) -> None:
    """Refuse a graph, or the weights beside it, unless each hashes to the value recorded at export."""
    _verify(onnx_path, expected_sha256, "ONNX model")
    weights = weights_path(onnx_path)
    if data_sha256 is not None:
        _verify(weights, data_sha256, "ONNX weights")
    elif weights.exists():
        raise ModelIntegrityError(f"ONNX weights {weights} have no expected sha256; refusing to load them")


def _verify(path: Path, expected_sha256: str, what: str) -> None:
    if not path.is_file():
        raise ModelIntegrityError(f"{what} {path} is missing: rebuild the index to export it")
    got = sha256_file(path)
    if got != expected_sha256:
        raise ModelIntegrityError(
            f"{what} {path} has sha256 {got}, expected {expected_sha256}; refusing to load it "
            "(rebuild the index to export it again)"
        )


def make_session(onnx_path: Path, threads: int = DEFAULT_THREADS) -> ort.InferenceSession:
    """A CPU session; loaded from the path, which peaks ~120 MB lower than loading from bytes."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3  # errors only: ORT's warnings are about CPU features, not our inputs
    return ort.InferenceSession(str(onnx_path), sess_options=options, providers=["CPUExecutionProvider"])


class OnnxEmbedder:
    """The Embedder protocol on onnxruntime: same vectors as SentenceTransformerEmbedder, no torch."""

    name = MODEL_NAME
    dim = 384

    def __init__(
        self,
        onnx_path: Path,
        expected_sha256: str,
        model_dir: Path | None = None,
        threads: int = DEFAULT_THREADS,
        data_sha256: str | None = None,
    ) -> None:
        """`data_sha256`: the expected hash of the weights beside the graph (`weights_path`), if split."""
        # As SentenceTransformerEmbedder: no Rust thread pool that a later fork (or the 2 cores) would fight.
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        verify_onnx_file(onnx_path, expected_sha256, data_sha256)
        self._tokenizer = load_tokenizer(model_dir or default_model_dir())
        pad_id = self._tokenizer.token_to_id(PAD_TOKEN)
        if pad_id is None:
            raise ModelIntegrityError(f"tokenizer.json has no {PAD_TOKEN} token")
        self._pad_id = pad_id
        self._session = make_session(onnx_path, threads)
        names = tuple(node.name for node in self._session.get_inputs())
        if sorted(names) != sorted(INPUT_NAMES):
            raise ModelIntegrityError(f"ONNX graph takes inputs {names}, expected {INPUT_NAMES}")
        self.dim = int(self._session.get_outputs()[0].shape[-1])

    def encode(self, texts: list[str]) -> Vectors:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda row: len(encodings[row].ids))
        for start in range(0, len(order), BATCH_SIZE):
            rows = order[start : start + BATCH_SIZE]
            feeds = _pad(
                [encodings[row].ids for row in rows], [encodings[row].type_ids for row in rows], self._pad_id
            )
            out[rows] = self._session.run([OUTPUT_NAME], feeds)[0]
        return out


def _pad(ids: list[list[int]], type_ids: list[list[int]], pad_id: int) -> dict[str, npt.NDArray[np.int64]]:
    """Right-pad a batch to its longest row with masked-out [PAD] tokens, as sentence-transformers does."""
    width = max(len(row) for row in ids)
    feeds = {name: np.zeros((len(ids), width), dtype=np.int64) for name in INPUT_NAMES}
    feeds["input_ids"].fill(pad_id)
    for row, (tokens, types) in enumerate(zip(ids, type_ids, strict=True)):
        feeds["input_ids"][row, : len(tokens)] = tokens
        feeds["token_type_ids"][row, : len(types)] = types
        feeds["attention_mask"][row, : len(tokens)] = 1
    return feeds
