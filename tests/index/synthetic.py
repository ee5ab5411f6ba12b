"""Synthetic sentence-embedding-like vectors and recall helpers for the dense index tests."""

from __future__ import annotations

import faiss
import numpy as np
import numpy.typing as npt

DIM = 384
K = 10


def clustered(
    n: int, n_queries: int, seed: int = 0
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Normalised vectors from a mixture of anisotropic Gaussian clusters, plus perturbed queries."""
    rng = np.random.default_rng(seed)
    n_clusters, rank = 20, 16
    centres = rng.standard_normal((n_clusters, DIM)) / np.sqrt(DIM)
    bases = rng.standard_normal((n_clusters, rank, DIM)) / np.sqrt(DIM) * 0.6

    def draw(m: int, noise: float) -> npt.NDArray[np.float32]:
        labels = rng.integers(0, n_clusters, m)
        z = rng.standard_normal((m, rank))
        x = (
            centres[labels]
            + np.einsum("mr,mrd->md", z, bases[labels])
            + noise * rng.standard_normal((m, DIM))
        )
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        out: npt.NDArray[np.float32] = x.astype(np.float32)
        return out

    return draw(n, 0.02), draw(n_queries, 0.03)


def exact_ids(base: npt.NDArray[np.float32], queries: npt.NDArray[np.float32], k: int = K) -> np.ndarray:
    flat = faiss.IndexFlatIP(DIM)
    flat.add(base)
    _, ids = flat.search(queries, k)
    return ids


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(
        np.mean([len(np.intersect1d(f, t)) / truth.shape[1] for f, t in zip(found, truth, strict=True)])
    )
