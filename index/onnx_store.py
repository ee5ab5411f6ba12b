"""The ONNX query encoder kept beside the index: exported or reused by a build, loaded to answer.

Under the data directory (the index directory's parent):

    models/all-MiniLM-L6-v2-<sha12>.onnx        the graph, named by the weights it was traced from
    models/all-MiniLM-L6-v2-<sha12>.onnx.data   its weights (90 MB), mapped into memory when loaded
    models/all-MiniLM-L6-v2-<sha12>.int8.onnx   the same graph with int8 weights (23 MB): what answers use
    index/build-*/manifest.json                 "onnx": {"path", "sha256", "data_sha256", "source_sha256",
                                                         "opset", "min_cosine", "int8_sha256",
                                                         "int8_min_cosine"}

The files live outside the build directories, so an incremental build neither copies nor re-exports them: a
build reuses the previous build's export while both files still hash to the recorded values. After a build,
exports that no remaining build names are deleted. A new export replaces files (rename), never rewrites
them, so a running bot keeps the ones it mapped.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from index.embedder import OFFICIAL_SHA256, ModelIntegrityError, sha256_file
from index.modes import DEFAULT_PRECISION
from index.onnx_encoder import OnnxEmbedder, weights_path
from index.onnx_export import OPSET, export_checked
from index.onnx_quantize import int8_path, quantize_checked

ONNX_KEY = "onnx"
MODELS_DIR = "models"
FILE_STEM = "all-MiniLM-L6-v2"
# The weights a graph is traced from; SentenceTransformerEmbedder refuses any other file.
SOURCE_SHA256 = OFFICIAL_SHA256["model.safetensors"]
# Hex digits of the source weights' SHA-256 in the file name: tells exports of other weights apart.
NAME_DIGITS = 12

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OnnxEntry:
    """The manifest's record of a checked export; `path` is relative to the data directory."""

    path: str
    sha256: str
    data_sha256: str
    source_sha256: str
    opset: int
    min_cosine: float
    int8_sha256: str | None = None  # the int8 copy, when one was made and checked
    int8_min_cosine: float | None = None

    def to_manifest(self) -> dict[str, Any]:
        return {ONNX_KEY: asdict(self)}


def read_entry(manifest: dict[str, Any] | None) -> OnnxEntry | None:
    """The manifest's ONNX record, or None when the build has none (or an unreadable one)."""
    raw = (manifest or {}).get(ONNX_KEY)
    if not isinstance(raw, dict):
        return None
    try:
        return OnnxEntry(
            path=str(raw["path"]),
            sha256=str(raw["sha256"]),
            data_sha256=str(raw["data_sha256"]),
            source_sha256=str(raw["source_sha256"]),
            opset=int(raw["opset"]),
            min_cosine=float(raw["min_cosine"]),
            int8_sha256=str(raw["int8_sha256"]) if raw.get("int8_sha256") else None,
            int8_min_cosine=float(raw["int8_min_cosine"]) if raw.get("int8_min_cosine") is not None else None,
        )
    except (KeyError, TypeError, ValueError):
        return None


def graph_path(index_dir: Path, entry: OnnxEntry) -> Path:
    return index_dir.parent / entry.path


def still_valid(index_dir: Path, entry: OnnxEntry) -> bool:
    """Traced from today's weights with today's opset, and both files still hash to the recorded values."""
    path = graph_path(index_dir, entry)
    return (
        entry.source_sha256 == SOURCE_SHA256
        and entry.opset == OPSET
        and path.is_file()
        and weights_path(path).is_file()
        and sha256_file(path) == entry.sha256
        and sha256_file(weights_path(path)) == entry.data_sha256
    )


def int8_valid(index_dir: Path, entry: OnnxEntry) -> bool:
    """The entry has an int8 copy and the file still hashes to the recorded value."""
    path = int8_path(graph_path(index_dir, entry))
    return entry.int8_sha256 is not None and path.is_file() and sha256_file(path) == entry.int8_sha256


def with_int8(entry: OnnxEntry, index_dir: Path, check_texts: Sequence[str]) -> OnnxEntry:
    """The entry with its int8 copy, made and checked now unless a valid one is recorded; without one, with
    a warning, when it cannot be made (questions are then embedded by the float32 graph)."""
    if int8_valid(index_dir, entry):
        return entry
    try:
        made = quantize_checked(graph_path(index_dir, entry), entry.sha256, entry.data_sha256, check_texts)
    # the copy only saves time: whatever the quantizer (or onnx under it) raises, questions use the graph
    except Exception as exc:
        log.warning("could not make the int8 query encoder, answers will use the float32 one: %s", exc)
        return replace(entry, int8_sha256=None, int8_min_cosine=None)
    return replace(entry, int8_sha256=made.sha256, int8_min_cosine=round(made.min_cosine, 6))


def export_entry(model: Any, index_dir: Path, check_texts: Sequence[str]) -> OnnxEntry:
    """Export the loaded SentenceTransformer, checked against it, into the models directory."""
    models = index_dir.parent / MODELS_DIR
    models.mkdir(parents=True, exist_ok=True)
    name = f"{FILE_STEM}-{SOURCE_SHA256[:NAME_DIGITS]}.onnx"
    exported = export_checked(model, models / name, check_texts, split_weights=True)
    assert exported.data_sha256 is not None  # split_weights=True
    return OnnxEntry(
        path=f"{MODELS_DIR}/{name}",
        sha256=exported.sha256,
        data_sha256=exported.data_sha256,
        source_sha256=SOURCE_SHA256,
        opset=OPSET,
        min_cosine=round(exported.min_cosine, 6),
    )


def prepare_entry(
    model: Any, index_dir: Path, previous: dict[str, Any] | None, check_texts: Sequence[str]
) -> OnnxEntry | None:
    """For a build: the previous build's graph while it is still valid, else a fresh checked export;
    None, with one warning, when the export fails (queries then use sentence-transformers)."""
    entry = read_entry(previous)
    if entry is not None and still_valid(index_dir, entry):
        return with_int8(entry, index_dir, check_texts)
    try:
        return with_int8(export_entry(model, index_dir, check_texts), index_dir, check_texts)
    except (OSError, RuntimeError, ImportError) as exc:  # OnnxExportError and ModelIntegrityError included
        reason = " ".join(str(exc).split())  # one line, whatever the exporter printed
        log.warning(
            "could not export the ONNX query encoder, answers will load sentence-transformers: %s", reason
        )
        return None


def prune_graphs(index_dir: Path) -> None:
    """Delete the exported graphs that no build left in `index_dir` names."""
    models = index_dir.parent / MODELS_DIR
    if not models.is_dir():
        return
    named: set[Path] = set()
    for manifest in index_dir.glob("build-*/manifest.json"):
        try:
            entry = read_entry(json.loads(manifest.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
        if entry is not None:
            named.add(graph_path(index_dir, entry).resolve())
            if entry.int8_sha256 is not None:
                named.add(int8_path(graph_path(index_dir, entry)).resolve())
    for graph in models.glob(f"{FILE_STEM}-*.onnx"):
        if graph.resolve() not in named:
            weights_path(graph).unlink(missing_ok=True)
            graph.unlink(missing_ok=True)


def load_query_encoder(
    index_dir: Path, manifest: dict[str, Any] | None, precision: str = DEFAULT_PRECISION
) -> OnnxEmbedder | None:
    """The manifest's ONNX encoder (None if it has none): its int8 copy when asked for and recorded, else the
    float32 graph; ModelIntegrityError if the file is missing or differs from the one recorded."""
    entry = read_entry(manifest)
    if entry is None:
        return None
    if entry.source_sha256 != SOURCE_SHA256:
        raise ModelIntegrityError(
            f"ONNX model {entry.path} was traced from other weights than the official ones"
        )
    graph = graph_path(index_dir, entry)
    if precision == DEFAULT_PRECISION and entry.int8_sha256 is not None:
        return OnnxEmbedder(int8_path(graph), entry.int8_sha256)
    return OnnxEmbedder(graph, entry.sha256, data_sha256=entry.data_sha256)
