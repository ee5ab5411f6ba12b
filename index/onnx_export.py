"""Export the query encoder (transformer + mean pooling + L2 normalisation) to ONNX, checked before writing.

The graph is traced from the loaded SentenceTransformer with torch's TorchScript exporter (which needs the
`onnx` package, not `onnxscript`). Before the file is put in place, index/onnx_encoder.py runs the exported
file on the given texts and every vector must match sentence-transformers' own (cosine >= 0.9999).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corpus.atomic import fsync_dir, write_atomic
from index.embedder import Vectors, default_model_dir, sha256_file, verify_model_files
from index.onnx_encoder import INPUT_NAMES, OUTPUT_NAME, OnnxEmbedder, weights_path

# Opset 17 is mature in the TorchScript exporter and in every onnxruntime since 1.14.
OPSET = 17
# Export must reproduce sentence-transformers' vectors; float32 rounding alone stays above 0.99999.
MIN_COSINE = 0.9999
# sentence-transformers' module stack this exporter reproduces (mean pooling is checked separately).
EXPECTED_MODULES = ("Transformer", "Pooling", "Normalize")
# Checked on every export besides the caller's texts: a passage longer than max_seq_length (256 tokens)
# whose topic changes every sentence, so a wrong truncation length changes its vector.
LONG_PROBE = " ".join(
    f"Sentence {n}: {topic} hired {n} researchers from a rival laboratory in {city}."
    for n, (topic, city) in enumerate(
        [("Meta", "Menlo Park"), ("OpenAI", "San Francisco"), ("DeepSeek", "Hangzhou"), ("Mistral", "Paris")]
        * 10
    )
)


class OnnxExportError(RuntimeError):
    """The exported graph does not reproduce sentence-transformers' vectors, or cannot be exported."""


def export_onnx(out_path: Path, check_texts: Sequence[str], model_dir: Path | None = None) -> str:
    """Load the checked model, export it to `out_path` atomically and return the file's SHA-256."""
    model_dir = model_dir or default_model_dir()
    verify_model_files(model_dir)
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    return export_model(model, out_path, check_texts, model_dir)


def export_model(
    model: Any, out_path: Path, check_texts: Sequence[str], model_dir: Path | None = None
) -> str:
    """Export an already-loaded SentenceTransformer (e.g. the one a build indexes with); see export_onnx."""
    return export_checked(model, out_path, check_texts, model_dir).sha256


@dataclass(frozen=True)
class Exported:
    """A checked export: the graph's SHA-256, its weights' when split, and the lowest cosine measured."""

    sha256: str
    min_cosine: float
    data_sha256: str | None = None


def export_checked(
    model: Any,
    out_path: Path,
    check_texts: Sequence[str],
    model_dir: Path | None = None,
    split_weights: bool = False,
) -> Exported:
    """As export_model; with `split_weights` the weights go to `weights_path(out_path)`, beside the graph.

    Both files are written into a hidden staging directory beside `out_path`, checked there, then moved
    into place (weights first): a failed check leaves whatever was at `out_path` untouched."""
    model_dir = model_dir or default_model_dir()
    _check_structure(model)
    graph = _trace(model)
    texts = [*check_texts, LONG_PROBE]
    reference = np.asarray(model.encode(texts, normalize_embeddings=True, convert_to_numpy=True), np.float32)
    staging = out_path.with_name(f".{out_path.name}.unverified")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        staged = staging / out_path.name
        data_sha256 = _write_split(graph, staged) if split_weights else None
        if data_sha256 is None:
            write_atomic(staged, graph)
        digest = sha256_file(staged)
        exported = OnnxEmbedder(staged, digest, model_dir, data_sha256=data_sha256).encode(texts)
        worst = check_agreement(reference, exported, texts)
        if data_sha256 is not None:
            os.replace(weights_path(staged), weights_path(out_path))
        os.replace(staged, out_path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    fsync_dir(out_path.parent)
    return Exported(digest, worst, data_sha256)


def _write_split(graph: bytes, path: Path) -> str:
    """Write the graph to `path` and its weights to `weights_path(path)`; return the weights' SHA-256."""
    import onnx

    weights = weights_path(path)
    onnx.save_model(
        onnx.load_model_from_string(graph),
        str(path),
        save_as_external_data=True,
        all_tensors_to_one_file=True,
        location=weights.name,
    )
    for written in (path, weights):
        with written.open("rb") as handle:
            os.fsync(handle.fileno())
        written.chmod(0o644)  # as write_atomic: onnx creates the weights file private
    return sha256_file(weights)


def worst_cosine(a: Vectors, b: Vectors, texts: Sequence[str]) -> tuple[float, str]:
    """The lowest cosine between a row of `a` and the same row of `b` (NaN if any is), and its text."""
    norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    cosines = np.sum(a * b, axis=1) / np.maximum(norms, 1e-12)
    worst = int(np.argmin(cosines))
    return float(cosines[worst]), texts[worst]


def check_agreement(reference: Vectors, exported: Vectors, texts: Sequence[str]) -> float:
    """The lowest cosine between the two sets of vectors; raises OnnxExportError below MIN_COSINE."""
    if reference.shape != exported.shape:
        raise OnnxExportError(
            f"ONNX vectors have shape {exported.shape}, sentence-transformers' {reference.shape}"
        )
    worst, text = worst_cosine(reference, exported, texts)
    if not worst >= MIN_COSINE:  # also catches NaN
        raise OnnxExportError(
            f"the exported ONNX model does not reproduce sentence-transformers: cosine {worst:.6f} "
            f"< {MIN_COSINE} on {text[:80]!r}; the file was not written"
        )
    return worst


def _check_structure(model: Any) -> None:
    kinds = tuple(type(module).__name__ for module in model)
    if kinds != EXPECTED_MODULES:
        raise OnnxExportError(f"cannot export modules {kinds}: expected {EXPECTED_MODULES}")
    pooling = model[1].get_config_dict()
    if pooling.get("pooling_mode", "mean" if pooling.get("pooling_mode_mean_tokens") else "") != "mean":
        raise OnnxExportError(f"cannot export pooling {pooling}: only mean pooling is supported")


def _trace(model: Any) -> bytes:
    """Trace transformer + pooling on a padded two-text batch; batch and sequence axes stay dynamic."""
    import torch

    encoder = _mean_pooled(model[0].auto_model).eval()
    sample = model.tokenizer(
        ["a short question", "a longer question about who hired whom in the talent war"],
        padding=True,
        return_tensors="pt",
    )
    args = tuple(sample[name] for name in INPUT_NAMES)
    axes = {name: {0: "batch", 1: "sequence"} for name in INPUT_NAMES} | {OUTPUT_NAME: {0: "batch"}}
    try:
        with tempfile.TemporaryDirectory() as scratch, warnings.catch_warnings(), torch.inference_mode():
            warnings.simplefilter("ignore")  # tracer notes on shape-dependent Python branches; checked below
            torch.onnx.export(
                encoder,
                args,
                Path(scratch) / "graph.onnx",
                input_names=list(INPUT_NAMES),
                output_names=[OUTPUT_NAME],
                dynamic_axes=axes,
                opset_version=OPSET,
                dynamo=False,
            )
            return (Path(scratch) / "graph.onnx").read_bytes()
    except Exception as exc:
        raise OnnxExportError(f"torch.onnx.export failed: {exc}") from exc


def _mean_pooled(transformer: Any) -> Any:
    """Wrap the transformer; the class is built here so importing this module does not import torch."""
    import torch

    class MeanPooledEncoder(torch.nn.Module):
        """BERT's token vectors, averaged over the attention mask and L2-normalised."""

        def __init__(self, transformer: torch.nn.Module) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(
            self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
        ) -> torch.Tensor:
            tokens = self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    return MeanPooledEncoder(transformer)
