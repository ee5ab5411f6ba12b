"""Build, train, fill and configure the FAISS index described by an :class:`~index.faiss_spec.IndexSpec`.

After ``faiss.read_index`` always call :func:`configure_search` with the spec saved alongside the index
(``index.dense.FaissIndex.load`` does, from the manifest). faiss-cpu 1.15.1 does serialise
HNSW ``efSearch`` and IVF ``nprobe`` (checked), but older releases / other index wrappers did not reliably
carry search-time knobs, and making the manifest the single source of truth lets search parameters be
retuned without rebuilding the index; it also validates that the file matches the manifest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import faiss
import numpy as np
import numpy.typing as npt

from index.faiss_spec import (
    IVF_TRAIN_POINTS_PER_LIST,
    IndexSpec,
    choose_index_spec,
    factory_string,
)

__all__ = [
    "add_vectors",
    "build_faiss",
    "build_faiss_streaming",
    "configure_search",
    "new_index",
    "search_parameters",
    "train_index",
    "training_sample",
]

FloatArray = npt.NDArray[np.float32]
RowArray = npt.NDArray[np.int64]
_faiss: Any = faiss  # the SWIG selector and search-parameter classes are not typed

#: Lloyd iterations of the IVF coarse quantiser's k-means (faiss' default is 25); the bench/scale.py
#: figures in :mod:`index.faiss_spec` were measured with 20.
K_MEANS_ITERATIONS = 20
#: Vectors added to an index per call: bounds the temporary memory of IVF list assignment.
ADD_BATCH = 65_536


def new_index(spec: IndexSpec) -> faiss.Index:
    """An empty (untrained) index for ``spec`` with inner-product metric and build parameters set."""
    index = faiss.index_factory(spec.dim, factory_string(spec), faiss.METRIC_INNER_PRODUCT)
    if spec.kind == "hnsw":
        assert spec.ef_construction is not None
        _as_hnsw(index).hnsw.efConstruction = spec.ef_construction
    elif spec.kind == "ivf":
        ivf = faiss.extract_index_ivf(index)
        ivf.cp.niter = K_MEANS_ITERATIONS
        ivf.cp.seed = 1234
        # faiss subsamples to max_points_per_centroid * nlist; we already pass a bounded sample.
        ivf.cp.max_points_per_centroid = max(256, IVF_TRAIN_POINTS_PER_LIST)
    if index.metric_type != faiss.METRIC_INNER_PRODUCT:  # pragma: no cover - guards faiss regressions
        raise RuntimeError(f"{factory_string(spec)} was not created with METRIC_INNER_PRODUCT")
    configure_search(index, spec)
    return index


def configure_search(index: faiss.Index, spec: IndexSpec) -> None:
    """Apply search-time parameters (HNSW efSearch, IVF nprobe) from ``spec``; call after
    ``faiss.read_index``. Raises TypeError/ValueError if the index does not match the spec."""
    if index.d != spec.dim:
        raise ValueError(f"index has dim {index.d}, spec says {spec.dim}")
    if spec.kind == "hnsw":
        assert spec.ef_search is not None
        _as_hnsw(index).hnsw.efSearch = spec.ef_search
    elif spec.kind == "ivf":
        assert spec.nprobe is not None
        ivf = faiss.try_extract_index_ivf(index)
        if ivf is None:
            raise TypeError(f"spec is ivf but index is {type(faiss.downcast_index(index)).__name__}")
        if ivf.nlist != spec.nlist:
            raise ValueError(f"index has nlist {ivf.nlist}, spec says {spec.nlist}")
        ivf.nprobe = spec.nprobe
    elif not isinstance(faiss.downcast_index(index), faiss.IndexFlat):
        raise TypeError(f"spec is flat but index is {type(faiss.downcast_index(index)).__name__}")


def search_parameters(spec: IndexSpec, rows: RowArray, k: int) -> faiss.SearchParameters:
    """Search-time parameters that restrict a search to ``rows`` (ids) while keeping the spec's HNSW
    ``efSearch`` (at least ``k``) or IVF ``nprobe``; the selector filters before ranking."""
    selector = _faiss.IDSelectorBatch(rows)
    params: faiss.SearchParameters
    if spec.kind == "hnsw":
        assert spec.ef_search is not None
        params = _faiss.SearchParametersHNSW(sel=selector, efSearch=max(spec.ef_search, k))
    elif spec.kind == "ivf":
        params = _faiss.SearchParametersIVF(sel=selector, nprobe=spec.nprobe)
    else:
        params = _faiss.SearchParameters(sel=selector)
    return params


def _as_hnsw(index: faiss.Index) -> faiss.IndexHNSW:
    hnsw_index = faiss.downcast_index(index)
    if not isinstance(hnsw_index, faiss.IndexHNSW):
        raise TypeError(f"spec is hnsw but index is {type(hnsw_index).__name__}")
    return hnsw_index


def _check_vectors(vectors: np.ndarray, dim: int) -> FloatArray:
    if vectors.ndim != 2 or vectors.shape[1] != dim:
        raise ValueError(f"expected an (n, {dim}) array, got shape {vectors.shape}")
    if vectors.dtype != np.float32:
        raise ValueError(f"expected float32 vectors, got {vectors.dtype}")
    if len(vectors):
        probe = vectors[:: max(1, len(vectors) // 256)]
        norms = np.linalg.norm(probe, axis=1)
        if not np.allclose(norms, 1.0, atol=1e-3):
            raise ValueError("vectors must be L2-normalised (inner product is used as cosine similarity)")
    return np.ascontiguousarray(vectors)


def training_sample(vectors: FloatArray, spec: IndexSpec, seed: int = 0) -> FloatArray:
    """A uniform random subset of ``vectors`` of at most ``spec.train_size`` rows (all rows if None)."""
    limit = spec.train_size if spec.train_size is not None else len(vectors)
    if len(vectors) <= limit:
        return vectors
    rows = np.sort(np.random.default_rng(seed).choice(len(vectors), size=limit, replace=False))
    return np.ascontiguousarray(vectors[rows])


def train_index(index: faiss.Index, spec: IndexSpec, sample: FloatArray) -> None:
    """Train the coarse quantiser / scalar quantiser on ``sample`` (no-op for indexes without training)."""
    if index.is_trained:
        return
    sample = _check_vectors(sample, spec.dim)
    if spec.kind == "ivf" and spec.nlist is not None and len(sample) < spec.nlist:
        raise ValueError(f"need at least nlist={spec.nlist} training vectors, got {len(sample)}")
    index.train(sample)


def add_vectors(index: faiss.Index, vectors: FloatArray, batch_size: int = ADD_BATCH) -> None:
    """Add ``vectors`` in batches (bounds the temporary memory of IVF assignment)."""
    vectors = _check_vectors(vectors, index.d)
    for start in range(0, len(vectors), batch_size):
        index.add(vectors[start : start + batch_size])


def build_faiss_streaming(
    batches: Iterable[FloatArray], spec: IndexSpec, train_vectors: FloatArray | None = None
) -> faiss.Index:
    """Build an index from an iterable of vector batches without holding the whole corpus in memory.

    ``train_vectors`` (required when ``spec.needs_training``) should be a random sample of the corpus of
    about ``spec.train_size`` rows. Batches are added in order, so ids are 0..n-1 in iteration order.
    """
    index = new_index(spec)
    if spec.needs_training:
        if train_vectors is None:
            raise ValueError(f"{factory_string(spec)} needs train_vectors")
        train_index(index, spec, train_vectors)
    for batch in batches:
        add_vectors(index, batch)
    configure_search(index, spec)
    return index


def build_faiss(vectors: FloatArray, spec: IndexSpec | None = None) -> faiss.Index:
    """Build a search-ready index over ``vectors`` (float32, L2-normalised, shape (n, dim)).

    ``spec`` defaults to :func:`choose_index_spec` for the corpus size. Ids are row numbers.
    """
    if vectors.ndim != 2:
        raise ValueError(f"expected a 2-D array, got shape {vectors.shape}")
    if spec is None:
        spec = choose_index_spec(len(vectors), vectors.shape[1])
    vectors = _check_vectors(vectors, spec.dim)
    train = training_sample(vectors, spec) if spec.needs_training else None
    return build_faiss_streaming(_batches(vectors), spec, train)


def _batches(vectors: FloatArray, batch_size: int = ADD_BATCH) -> Iterator[FloatArray]:
    for start in range(0, len(vectors), batch_size):
        yield vectors[start : start + batch_size]
