from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from answer.evaluate import load_questions
from index.embedder import ModelIntegrityError, default_model_dir
from index.onnx_encoder import OnnxEmbedder, load_tokenizer, read_max_seq_length
from index.onnx_export import LONG_PROBE, MIN_COSINE, OnnxExportError, check_agreement, export_model

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "transformers", "sentence_transformers")


def _run_python(code: str, *args: str) -> dict[str, Any]:
    env = os.environ | {"PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=env, timeout=120
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# ------------------------------------------------------------------------------------------- unit tests


def test_a_graph_with_another_hash_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    graph = tmp_path / "model.onnx"
    graph.write_bytes(b"not the exported graph")
    expected = hashlib.sha256(b"the exported graph").hexdigest()
    with pytest.raises(ModelIntegrityError) as err:
        OnnxEmbedder(graph, expected)
    message = str(err.value)
    assert expected in message and hashlib.sha256(b"not the exported graph").hexdigest() in message
    assert "refusing to load it" in message


def test_a_missing_graph_says_to_rebuild(tmp_path: Path) -> None:
    with pytest.raises(ModelIntegrityError, match="missing: rebuild the index"):
        OnnxEmbedder(tmp_path / "absent.onnx", "0" * 64)


def test_the_tokenizer_truncates_like_sentence_transformers_and_does_not_pad() -> None:
    tokenizer = load_tokenizer(default_model_dir())
    short, long = tokenizer.encode_batch(["Who hired Ruoming Pang?", LONG_PROBE])
    assert len(short.ids) < 16 and all(short.attention_mask)  # the packaged file would pad it to 128
    assert len(long.ids) == read_max_seq_length(default_model_dir()) == 256
    assert long.ids[-1] == tokenizer.token_to_id("[SEP]")


def test_a_max_seq_length_beyond_the_position_embeddings_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"max_position_embeddings": 512}))
    (tmp_path / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 1024}))
    with pytest.raises(ModelIntegrityError, match="max_seq_length 1024"):
        read_max_seq_length(tmp_path)
    (tmp_path / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 256}))
    assert read_max_seq_length(tmp_path) == 256


def test_vectors_that_drift_are_refused_naming_the_text() -> None:
    reference = np.eye(3, 4, dtype=np.float32)
    texts = ["first question", "second question", "third question"]
    assert check_agreement(reference, reference.copy(), texts) == pytest.approx(1.0)
    drifted = reference.copy()
    drifted[1] = [0.0, 0.99, 0.14, 0.0]
    with pytest.raises(OnnxExportError, match="'second question'; the file was not written"):
        check_agreement(reference, drifted, texts)
    drifted[1] = np.nan
    with pytest.raises(OnnxExportError, match="second question"):
        check_agreement(reference, drifted, texts)


def test_importing_the_exporter_does_not_import_torch() -> None:
    """So the build can import it anywhere: torch loads only when an export actually runs."""
    code = "import json, sys, index.onnx_export; print(json.dumps({'heavy': [m for m in sys.argv[1:] if m in sys.modules]}))"
    assert _run_python(code, *HEAVY) == {"heavy": []}


# ------------------------------------------------------------------------------------------- real model


@pytest.fixture(scope="module")
def st_model() -> Iterator[Any]:
    """The reference model, on one torch thread: on the shared 2-core host two threads ran it ~5x slower."""
    import torch
    from sentence_transformers import SentenceTransformer

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield SentenceTransformer(str(default_model_dir()), device="cpu", local_files_only=True)
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def questions() -> list[str]:
    """Every third evaluation question: 55, covering every kind (typos, casual, out of scope)."""
    return [item.q for item in load_questions()][::3]


@pytest.fixture(scope="module")
def exported(
    tmp_path_factory: pytest.TempPathFactory, st_model: Any, questions: list[str]
) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("onnx") / "all-MiniLM-L6-v2.onnx"
    return path, export_model(st_model, path, questions[:10])


@pytest.mark.integration
def test_the_export_reproduces_sentence_transformers(
    exported: tuple[Path, str], st_model: Any, questions: list[str]
) -> None:
    path, sha = exported
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
    assert not list(path.parent.glob(".*"))  # no temporary file left beside it
    embedder = OnnxEmbedder(path, sha)
    texts = [*questions, LONG_PROBE]
    reference = st_model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    batched = embedder.encode(texts)
    one_by_one = np.vstack([embedder.encode([text]) for text in texts])
    assert len(questions) >= 50 and batched.shape == (len(texts), 384) and batched.dtype == np.float32
    assert np.allclose(np.linalg.norm(batched, axis=1), 1.0, atol=1e-5)
    assert np.min(np.sum(reference * batched, axis=1)) >= MIN_COSINE
    assert np.min(np.sum(reference * one_by_one, axis=1)) >= MIN_COSINE
    assert embedder.encode([]).shape == (0, 384)


@pytest.mark.integration
def test_the_encoder_runs_without_torch_in_a_fresh_process(exported: tuple[Path, str]) -> None:
    path, sha = exported
    code = (
        "import json, sys; from pathlib import Path; from index.onnx_encoder import OnnxEmbedder; "
        "v = OnnxEmbedder(Path(sys.argv[1]), sys.argv[2]).encode(['Who hired Ruoming Pang?']); "
        "print(json.dumps({'vector': v[0].tolist(), 'heavy': [m for m in sys.argv[3:] if m in sys.modules]}))"
    )
    result = _run_python(code, str(path), sha, *HEAVY)
    assert result["heavy"] == []
    here = OnnxEmbedder(path, sha).encode(["Who hired Ruoming Pang?"])[0]
    assert np.allclose(np.asarray(result["vector"], dtype=np.float32), here, atol=1e-6)


@pytest.mark.integration
def test_a_tampered_export_is_refused(exported: tuple[Path, str], tmp_path: Path) -> None:
    path, sha = exported
    tampered = tmp_path / "tampered.onnx"
    tampered.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(ModelIntegrityError, match=f"expected {sha}; refusing to load it"):
        OnnxEmbedder(tampered, sha)


@pytest.mark.integration
def test_a_failed_check_keeps_the_previous_file(
    exported: tuple[Path, str], st_model: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "model.onnx"
    target.write_bytes(b"previous export")
    graph = exported[0].read_bytes()
    monkeypatch.setattr("index.onnx_export._trace", lambda model: graph)  # tracing again costs ~5 s
    monkeypatch.setattr("index.onnx_export.MIN_COSINE", 1.5)  # no export can pass
    with pytest.raises(OnnxExportError, match="does not reproduce sentence-transformers"):
        export_model(st_model, target, ["How much did Meta pay for its Scale AI stake?"])
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["model.onnx"]
