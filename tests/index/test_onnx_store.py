"""The ONNX query encoder beside the index: exported by a build, recorded, reused, pruned, loaded or refused.

Tracing needs the real model (tests/index/test_onnx.py, integration); here the export writes stand-in files
so what the build and the loaders do with them is checked in milliseconds. Hash checks are the real ones.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from answer.engine import Engine
from bot.runtime import load_engine, refresh_index
from bot.settings import Settings
from index import onnx_store, store
from index.embedder import SentenceTransformerEmbedder, Vectors
from index.onnx_encoder import verify_onnx_file, weights_path
from index.onnx_export import OPSET, Exported, OnnxExportError
from index.onnx_quantize import Quantized, QuantizeError, int8_path
from tests.conftest import FakeEmbedder, write_article


class HashingSentenceTransformer(SentenceTransformerEmbedder):
    """Passes for sentence-transformers (so a build exports) with hashed vectors and no model loaded."""

    def __init__(self) -> None:
        self._model = "the loaded SentenceTransformer"
        self.dim = 384
        self._vectors = FakeEmbedder()

    def encode(self, texts: list[str]) -> Vectors:
        return self._vectors.encode(texts)


class StandInOnnx(FakeEmbedder):
    """OnnxEmbedder's checks on the files, FakeEmbedder's vectors."""

    def __init__(self, path: Path, sha256: str, data_sha256: str | None = None) -> None:
        super().__init__()
        verify_onnx_file(path, sha256, data_sha256)
        self.path = path


class Exports:
    """Stands in for export_checked: writes a graph and its weights, counts the calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, Path, int]] = []
        self.weights = b"weights v1"

    def __call__(
        self, model: Any, out_path: Path, check_texts: Sequence[str], split_weights: bool = False
    ) -> Exported:
        assert split_weights
        self.calls.append((model, out_path, len(check_texts)))
        out_path.write_bytes(b"graph")
        weights_path(out_path).write_bytes(self.weights)
        return Exported(_sha(out_path), 0.9999987, _sha(weights_path(out_path)))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Quantizes:
    """Stands in for quantize_checked: writes the int8 copy beside the graph, counts the calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(
        self, graph: Path, sha256: str, data_sha256: str | None, check_texts: Sequence[str]
    ) -> Quantized:
        assert _sha(graph) == sha256  # made from the graph recorded
        self.calls += 1
        int8_path(graph).write_bytes(b"int8 graph")
        return Quantized(_sha(int8_path(graph)), 0.98765)


@pytest.fixture
def exports(monkeypatch: pytest.MonkeyPatch) -> Exports:
    fake = Exports()
    monkeypatch.setattr("index.onnx_store.export_checked", fake)
    monkeypatch.setattr("index.onnx_store.quantize_checked", Quantizes())
    monkeypatch.setattr("index.onnx_store.OnnxEmbedder", StandInOnnx)
    monkeypatch.setattr("bot.runtime.SentenceTransformerEmbedder", HashingSentenceTransformer)
    return fake


@pytest.fixture
def small_settings(tmp_path: Path, small_corpus: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dirs=(small_corpus,))


def test_a_build_exports_beside_the_index_records_it_and_the_next_build_reuses_it(
    small_settings: Settings, exports: Exports
) -> None:
    data, report = refresh_index(small_settings, HashingSentenceTransformer())
    entry = data.manifest["onnx"]
    graph = small_settings.data_dir / entry["path"]
    assert graph.parent == small_settings.data_dir / "models" and graph.name.startswith("all-MiniLM-L6-v2-")
    assert entry["sha256"] == _sha(graph) and entry["data_sha256"] == _sha(weights_path(graph))
    assert entry["source_sha256"] == onnx_store.SOURCE_SHA256 and entry["opset"] == OPSET
    assert entry["min_cosine"] == 0.999999
    assert json.loads((report.directory / "manifest.json").read_text())["onnx"] == entry
    assert not list(report.directory.rglob("*.onnx*"))  # not inside the build directory
    model, _, checked = exports.calls[0]
    assert model == "the loaded SentenceTransformer" and checked >= 30  # the build's own model, ~40 questions
    again, _ = refresh_index(small_settings, HashingSentenceTransformer())
    assert again.manifest["onnx"] == entry and len(exports.calls) == 1


def test_a_build_exports_again_when_the_recorded_files_changed(
    small_settings: Settings, exports: Exports
) -> None:
    data, _ = refresh_index(small_settings, HashingSentenceTransformer())
    weights = weights_path(small_settings.data_dir / data.manifest["onnx"]["path"])
    weights.write_bytes(b"tampered")
    exports.weights = b"weights v2"
    again, _ = refresh_index(small_settings, HashingSentenceTransformer())
    assert len(exports.calls) == 2
    assert again.manifest["onnx"]["data_sha256"] == hashlib.sha256(b"weights v2").hexdigest()


def test_a_failed_export_warns_once_and_the_build_goes_on(
    small_settings: Settings,
    exports: Exports,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def failing(*args: Any, **kwargs: Any) -> Exported:
        raise OnnxExportError("cosine 0.98 < 0.9999 on 'Who hired Tan Xu?';\n  the file was not written")

    monkeypatch.setattr("index.onnx_store.export_checked", failing)
    with caplog.at_level(logging.WARNING):
        data, report = refresh_index(small_settings, HashingSentenceTransformer())
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "cosine 0.98" in warnings[0].getMessage()
    assert "\n" not in warnings[0].getMessage()
    assert "onnx" not in data.manifest and report.articles == 3


def test_another_embedder_builds_without_an_export(small_settings: Settings, exports: Exports) -> None:
    data, _ = refresh_index(small_settings, FakeEmbedder())
    assert "onnx" not in data.manifest and not exports.calls
    assert not (small_settings.data_dir / "models").exists()


def test_exports_no_build_names_are_deleted(small_settings: Settings, exports: Exports) -> None:
    models = small_settings.data_dir / "models"
    models.mkdir(parents=True)
    stray = models / "all-MiniLM-L6-v2-0123456789ab.onnx"
    stray.write_bytes(b"old graph")
    weights_path(stray).write_bytes(b"old weights")
    data, _ = refresh_index(small_settings, HashingSentenceTransformer())
    kept = small_settings.data_dir / data.manifest["onnx"]["path"]
    names = [kept.name, weights_path(kept).name, int8_path(kept).name]
    assert sorted(p.name for p in models.iterdir()) == sorted(names)


def test_answers_load_the_recorded_onnx_encoder(small_settings: Settings, exports: Exports) -> None:
    data, _ = refresh_index(small_settings, HashingSentenceTransformer())
    engine = load_engine(small_settings)
    # the int8 copy by default, the float32 graph when the settings ask for it
    assert isinstance(engine.embedder, StandInOnnx)
    graph = small_settings.data_dir / data.manifest["onnx"]["path"]
    assert engine.embedder.path == int8_path(graph)
    assert engine.answer("Who did Moonshot AI hire?").answered
    full = load_engine(replace(small_settings, query_precision="fp32"))
    assert isinstance(full.embedder, StandInOnnx) and full.embedder.path == graph


def test_a_build_records_the_int8_copy_and_makes_it_again_only_when_it_changed(
    small_settings: Settings, exports: Exports
) -> None:
    data, _ = refresh_index(small_settings, HashingSentenceTransformer())
    entry = data.manifest["onnx"]
    copy = int8_path(small_settings.data_dir / entry["path"])
    assert entry["int8_sha256"] == _sha(copy) and entry["int8_min_cosine"] == 0.98765
    quantizes = onnx_store.quantize_checked
    assert isinstance(quantizes, Quantizes) and quantizes.calls == 1
    refresh_index(small_settings, HashingSentenceTransformer())
    assert quantizes.calls == 1  # reused
    copy.write_bytes(b"tampered")
    again, _ = refresh_index(small_settings, HashingSentenceTransformer())
    assert quantizes.calls == 2 and len(exports.calls) == 1  # the graph itself was still good
    assert again.manifest["onnx"]["int8_sha256"] == _sha(copy)


def test_a_failed_int8_copy_warns_once_and_answers_use_the_float32_graph(
    small_settings: Settings,
    exports: Exports,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def failing(*args: Any, **kwargs: Any) -> Quantized:
        raise QuantizeError("the int8 query encoder strays from the float32 one: cosine 0.9100 < 0.95")

    monkeypatch.setattr("index.onnx_store.quantize_checked", failing)
    with caplog.at_level(logging.WARNING):
        data, _ = refresh_index(small_settings, HashingSentenceTransformer())
    (warning,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert "int8" in warning and "cosine 0.9100" in warning
    assert data.manifest["onnx"]["int8_sha256"] is None
    engine = load_engine(small_settings)
    assert isinstance(engine.embedder, StandInOnnx)
    assert engine.embedder.path == small_settings.data_dir / data.manifest["onnx"]["path"]


def test_altered_weights_fall_back_to_sentence_transformers_with_one_warning(
    small_settings: Settings, exports: Exports, caplog: pytest.LogCaptureFixture
) -> None:
    data, _ = refresh_index(small_settings, HashingSentenceTransformer())
    graph = small_settings.data_dir / data.manifest["onnx"]["path"]
    weights_path(graph).write_bytes(b"tampered")
    int8_path(graph).write_bytes(b"tampered too")
    with caplog.at_level(logging.WARNING):
        engine = load_engine(small_settings, rebuild=False)
        full = load_engine(replace(small_settings, query_precision="fp32"), rebuild=False)
    assert isinstance(engine.embedder, HashingSentenceTransformer)
    assert isinstance(full.embedder, HashingSentenceTransformer)
    int8_warning, warning = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert "refusing to load" in int8_warning and "sentence-transformers" in int8_warning
    assert "ONNX weights" in warning and "refusing to load" in warning and "sentence-transformers" in warning
    assert "\n" not in warning
    assert len(exports.calls) == 1  # no rebuild allowed: nothing exported again
    assert store.read_manifest(small_settings.index_dir) == data.manifest


def test_a_missing_export_is_made_again_when_a_rebuild_is_allowed(
    small_settings: Settings, exports: Exports, caplog: pytest.LogCaptureFixture
) -> None:
    data, _ = refresh_index(small_settings, HashingSentenceTransformer())
    graph = small_settings.data_dir / data.manifest["onnx"]["path"]
    graph.unlink()
    int8_path(graph).unlink()
    with caplog.at_level(logging.WARNING):
        engine = load_engine(small_settings)
    assert isinstance(engine.embedder, HashingSentenceTransformer)  # this run: the model it exported with
    (warning,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert "missing" in warning and "exported it again" in warning
    assert len(exports.calls) == 2 and graph.is_file() and int8_path(graph).is_file()
    assert isinstance(load_engine(small_settings).embedder, StandInOnnx)  # the next start


def test_a_stale_index_is_rebuilt_with_sentence_transformers_which_then_answers(
    small_settings: Settings, small_corpus: Path, exports: Exports
) -> None:
    refresh_index(small_settings, HashingSentenceTransformer())
    write_article(small_corpus, article_id="2026-03-new", title="A new hire", body="xAI hired a lot. " * 5)
    engine = load_engine(small_settings)
    assert isinstance(engine, Engine) and isinstance(engine.embedder, HashingSentenceTransformer)
    assert "2026-03-new" in engine.data.articles and "onnx" in engine.data.manifest


def test_an_altered_int8_copy_is_made_again_from_the_graph_still_recorded(
    small_settings: Settings, exports: Exports, caplog: pytest.LogCaptureFixture
) -> None:
    data, _ = refresh_index(small_settings, HashingSentenceTransformer())
    copy = int8_path(small_settings.data_dir / data.manifest["onnx"]["path"])
    copy.write_bytes(b"tampered")
    with caplog.at_level(logging.WARNING):
        engine = load_engine(small_settings)
    assert isinstance(engine.embedder, HashingSentenceTransformer)  # this run
    (warning,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert "refusing to load" in warning
    assert len(exports.calls) == 1  # the graph was still as recorded: not exported again
    assert store.read_manifest(small_settings.index_dir)["onnx"]["int8_sha256"] == _sha(copy)
    assert isinstance(load_engine(small_settings).embedder, StandInOnnx)  # the next start
