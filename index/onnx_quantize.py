"""The int8 copy of the ONNX query encoder: the exported graph's weights quantized per channel, checked.

Questions are embedded one at a time, and the encoder is most of an answer's time: int8 weights halve it
(`python bench/latency.py`). Passages stay embedded by the full model, so only the question's vector moves a
little; the copy is kept only when every check text's vector stays within MIN_INT8_COSINE of the float32
graph's. The file is written beside the graph, checked under a temporary name, then renamed into place.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.atomic import fsync_dir
from index.embedder import sha256_file
from index.onnx_encoder import OnnxEmbedder
from index.onnx_export import worst_cosine

# Per-channel int8 weights kept every question's vector within cosine 0.975 of the float32 graph's (mean
# 0.992, over 600 evaluation questions), and the evaluation's key facts within 0.1 point; per-tensor weights
# fell to 0.87, so a copy this far off is refused.
MIN_INT8_COSINE = 0.95
INT8_SUFFIX = ".int8.onnx"


class QuantizeError(RuntimeError):
    """The int8 copy strays too far from the float32 graph (or cannot be made)."""


@dataclass(frozen=True)
class Quantized:
    sha256: str
    min_cosine: float


@contextlib.contextmanager
def _root_logger_kept() -> Iterator[None]:
    """The quantizer logs advice through the root logger ("consider pre-processing"), which configures it
    (a handler, a level) for the rest of the process: silenced, and the root logger put back as it was."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)
        root.handlers[:] = handlers
        root.setLevel(level)


def int8_path(graph: Path) -> Path:
    """Where the int8 copy of `graph` lives: beside it, "<stem>.int8.onnx"."""
    return graph.with_name(graph.name.removesuffix(".onnx") + INT8_SUFFIX)


def quantize_checked(
    graph: Path, sha256: str, data_sha256: str | None, check_texts: Sequence[str]
) -> Quantized:
    """Write `int8_path(graph)`, checked against the float32 graph on `check_texts`; QuantizeError (and
    nothing written) when a vector strays below MIN_INT8_COSINE."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out = int8_path(graph)
    staged = out.with_name(f".{out.name}.unverified")
    try:
        with _root_logger_kept():
            quantize_dynamic(str(graph), str(staged), weight_type=QuantType.QInt8, per_channel=True)
        texts = list(check_texts)
        full = OnnxEmbedder(graph, sha256, data_sha256=data_sha256).encode(texts)
        small = OnnxEmbedder(staged, sha256_file(staged)).encode(texts)
        worst, text = worst_cosine(full, small, texts)
        if not worst >= MIN_INT8_COSINE:  # also catches NaN
            raise QuantizeError(
                f"the int8 query encoder strays from the float32 one: cosine {worst:.4f} < "
                f"{MIN_INT8_COSINE} on {text[:80]!r}"
            )
        digest = sha256_file(staged)
        os.replace(staged, out)
    finally:
        staged.unlink(missing_ok=True)
    fsync_dir(out.parent)
    return Quantized(digest, worst)
