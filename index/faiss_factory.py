"""Choose, build and configure the FAISS index used for passage retrieval.

All vectors are all-MiniLM-L6-v2 sentence embeddings: 384-dim, float32, L2-normalised, so cosine
similarity equals inner product and every index here uses ``METRIC_INNER_PRODUCT``.

Index choice by corpus size (see :func:`choose_index_spec`)
------------------------------------------------------------
* **Exact** ``IndexFlatIP`` while a brute-force scan of the corpus stays around 2 ms per query.
  Measured on the deployment machine (2-core Xeon with AVX-512, 480 MB L3, faiss-cpu 1.15.1, one query,
  k=10, single-threaded because faiss only parallelises flat search across queries), p50 latency:

  ======== ======= ======= ======= ======= ======= ========
  n        5 000   10 000  20 000  30 000  50 000  100 000
  p50 (ms) 0.28    0.73    1.39    2.12    4.79    14.8
  ======== ======= ======= ======= ======= ======= ========

  i.e. ~70 ns per 384-dim vector (memory bound, ~1.5 KB read per vector), crossing 2 ms at ~28 000
  vectors and growing super-linearly beyond once the corpus falls out of cache. The scan cost is
  proportional to ``n * dim``, so the threshold is stored as a number of floats
  (:data:`FLAT_MAX_FLOATS` = 25 000 x 384, rounded down from the 2 ms crossing for headroom on p99) and
  divided by ``dim``. Below it exact search is fast enough *and* has perfect recall, so there is no
  reason to approximate.

* **Approximate** ``IndexIVFScalarQuantizer`` (``IVF<nlist>,SQ8``, residual encoding) above it.
  The 10^6-vector target (single query p50 <= 5 ms, recall@10 >= 0.95 vs exact, whole-process RSS
  <= 2 GB, build < 15 min on 2 cores) rules out anything that keeps the raw float32 vectors
  (10^6 x 384 x 4 B = 1.5 GB: HNSW-Flat, IVF-Flat, IndexRefineFlat). The candidates that fit were:

  - ``HNSW32_SQ8`` (IndexHNSWSQ, efConstruction=80): 384 MB codes + ~260 MB graph. Measured at
    10^6 (synthetic corpus of ``bench/scale.py``, 2 shared cores): build 662 s (graph insertion needs
    thousands of SQ8 distance evaluations per vector), peak RSS 974 MB, and recall@10 only
    0.833 / 0.875 / 0.916 / 0.945 at efSearch 32 / 64 / 128 / 256 (p50 0.31 / 0.43 / 0.68 / 1.03 ms):
    the graph built on 8-bit distances and the non-residual SQ8 error cap recall below target.
  - ``IVF4096,SQ8`` (residual encoding): 384 MB codes + 8 MB ids + 6 MB coarse centroids. Measured at
    10^6: k-means training on 262k vectors 175 s + adding 17 s, peak RSS 849 MB; single-query p50 /
    recall@10 = 0.48 ms / 0.984 (nprobe 16), 0.76 / 0.989 (32), 1.30 / 0.990 (64), 2.49 / 0.990 (128).
    Recall plateaus at ~0.99, the SQ8 quantisation ceiling; the rest is bought with nprobe, which costs
    latency linearly (each query scans ``nprobe / nlist`` of the codes single-threaded).
  - IVF-PQ (not benchmarked) would be smaller still, but PQ codes lose more recall than SQ8 and the
    usual fix, re-ranking on raw vectors, brings back the 1.5 GB that does not fit.

  IVF-SQ8 meets every target with wide margins, so it is the approximate index chosen by default;
  ``nprobe = nlist / 64`` (64 at 10^6) sits on the recall plateau with ~4x latency headroom, leaving room
  for real embeddings, which are less cleanly clustered than the benchmark corpus. HNSW (flat, fp16 or
  SQ8 storage) stays available by passing an explicit :class:`IndexSpec`.

Parameters are tuned on a clustered synthetic corpus that mimics sentence-embedding statistics
(``bench/scale.py`` explains the distribution); re-run that benchmark after changing anything here.

After ``faiss.read_index`` always call :func:`configure_search` with the spec saved alongside the index
(:func:`spec_to_dict` / :func:`spec_from_dict` for the JSON manifest). faiss-cpu 1.15.1 does serialise
HNSW ``efSearch`` and IVF ``nprobe`` (checked), but older releases / other index wrappers did not reliably
carry search-time knobs, and making the manifest the single source of truth lets search parameters be
retuned without rebuilding the index; it also validates that the file matches the manifest.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal, get_args

import faiss
import numpy as np
import numpy.typing as npt

__all__ = [
    "FLAT_MAX_FLOATS",
    "IndexKind",
    "IndexSpec",
    "Quantiser",
    "add_vectors",
    "build_index",
    "build_index_streaming",
    "choose_index_spec",
    "configure_search",
    "estimate_index_bytes",
    "factory_string",
    "flat_max_vectors",
    "new_index",
    "spec_from_dict",
    "spec_to_dict",
    "train_index",
    "training_sample",
]

FloatArray = npt.NDArray[np.float32]

IndexKind = Literal["flat", "hnsw", "ivf"]
Quantiser = Literal["flat", "sq8", "fp16"]

SPEC_FORMAT_VERSION = 1
METRIC_NAME = "inner_product"

#: Largest corpus (counted in stored floats, n * dim) searched exactly; see the module docstring for the
#: latency measurements behind 25 000 vectors of dim 384.
FLAT_MAX_FLOATS = 25_000 * 384

#: k-means training points per IVF centroid. faiss warns below 39; more points give slightly better
#: centroids at a linear training cost. Capped by :data:`IVF_MAX_TRAIN` but never below
#: :data:`IVF_MIN_TRAIN_POINTS_PER_LIST` per list.
IVF_TRAIN_POINTS_PER_LIST = 64
IVF_MIN_TRAIN_POINTS_PER_LIST = 40
IVF_MAX_TRAIN = 262_144
IVF_MIN_LISTS = 64
IVF_MAX_LISTS = 65_536
#: Target average inverted-list length is ~sqrt(n)/4, i.e. nlist ~ 4 * sqrt(n) (the usual faiss rule
#: of thumb), rounded to a power of two.
IVF_LISTS_PER_SQRT_N = 4.0
#: Fraction of the lists probed per query. Tuned on the clustered synthetic corpus (bench/scale.py): at
#: 10^6 (nlist=4096) recall@10 reaches its SQ8 plateau (~0.99) by ~1 % of the lists; 1/64 adds margin
#: for harder real data at ~1.3 ms p50. See the module docstring for the sweep.
IVF_PROBE_FRACTION = 1.0 / 64.0
IVF_MIN_PROBE = 16
K_MEANS_ITERATIONS = 20

_QTYPE = {
    "sq8": "SQ8",
    "fp16": "SQfp16",
}
_BYTES_PER_DIM = {"flat": 4.0, "fp16": 2.0, "sq8": 1.0}


@dataclass(frozen=True)
class IndexSpec:
    """Everything needed to rebuild an index and to configure it for search after loading.

    ``kind``: ``"flat"`` (exact IndexFlatIP), ``"hnsw"`` or ``"ivf"``.
    ``quantiser``: how vectors are stored -- ``"flat"`` float32, ``"fp16"`` or ``"sq8"`` (8-bit scalar
    quantiser, per-dimension min/max). Must be ``"flat"`` for ``kind="flat"``.
    HNSW: ``hnsw_m`` (graph degree; base layer has 2*M links), ``ef_construction``, ``ef_search``.
    IVF: ``nlist`` (inverted lists / k-means centroids), ``nprobe`` (lists scanned per query),
    ``train_size`` (max vectors sampled for training).
    ``n_vectors`` is informational: the corpus size the spec was chosen for.
    """

    kind: IndexKind
    dim: int
    quantiser: Quantiser = "flat"
    hnsw_m: int | None = None
    ef_construction: int | None = None
    ef_search: int | None = None
    nlist: int | None = None
    nprobe: int | None = None
    train_size: int | None = None
    n_vectors: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in get_args(IndexKind):
            raise ValueError(f"unknown index kind {self.kind!r}")
        if self.quantiser not in get_args(Quantiser):
            raise ValueError(f"unknown quantiser {self.quantiser!r}")
        if self.dim <= 0:
            raise ValueError(f"dim must be positive, got {self.dim}")
        if self.kind == "flat":
            if self.quantiser != "flat":
                raise ValueError("an exact flat index stores raw float32 vectors (quantiser='flat')")
        elif self.kind == "hnsw":
            for name in ("hnsw_m", "ef_construction", "ef_search"):
                value = getattr(self, name)
                if value is None or value <= 0:
                    raise ValueError(f"hnsw spec needs a positive {name}, got {value!r}")
        elif self.kind == "ivf":
            if self.nlist is None or self.nlist <= 0 or self.nprobe is None or self.nprobe <= 0:
                raise ValueError(f"ivf spec needs positive nlist and nprobe, got {self.nlist}, {self.nprobe}")
            if self.nprobe > self.nlist:
                raise ValueError(f"nprobe ({self.nprobe}) cannot exceed nlist ({self.nlist})")
        if self.train_size is not None and self.train_size <= 0:
            raise ValueError(f"train_size must be positive, got {self.train_size}")

    @property
    def needs_training(self) -> bool:
        return self.kind == "ivf" or self.quantiser == "sq8"

    @property
    def is_exact(self) -> bool:
        return self.kind == "flat"


def flat_max_vectors(dim: int) -> int:
    """Largest corpus searched with an exact IndexFlatIP for vectors of dimension ``dim``."""
    if dim <= 0:
        raise ValueError(f"dim must be positive, got {dim}")
    return FLAT_MAX_FLOATS // dim


def _pow2_round(x: float) -> int:
    return int(2 ** round(math.log2(max(x, 1.0))))


def _ivf_nlist(n_vectors: int) -> int:
    nlist = _pow2_round(IVF_LISTS_PER_SQRT_N * math.sqrt(n_vectors))
    # Keep at least ~39 points per centroid available for k-means (faiss' own minimum).
    while nlist > IVF_MIN_LISTS and n_vectors < IVF_MIN_TRAIN_POINTS_PER_LIST * nlist:
        nlist //= 2
    return max(IVF_MIN_LISTS, min(IVF_MAX_LISTS, nlist))


def _ivf_nprobe(nlist: int) -> int:
    return min(nlist, max(IVF_MIN_PROBE, round(nlist * IVF_PROBE_FRACTION)))


def _ivf_train_size(n_vectors: int, nlist: int) -> int:
    wanted = max(IVF_MIN_TRAIN_POINTS_PER_LIST * nlist, min(IVF_MAX_TRAIN, IVF_TRAIN_POINTS_PER_LIST * nlist))
    return min(n_vectors, wanted)


def choose_index_spec(n_vectors: int, dim: int) -> IndexSpec:
    """Pick the index for a corpus of ``n_vectors`` embeddings of dimension ``dim``.

    Exact ``flat`` up to :func:`flat_max_vectors` (measured ~2 ms p50 single-query scan), otherwise
    ``IVF<nlist>,SQ8`` with ``nlist ~ 4 sqrt(n)`` (power of two) and ``nprobe = nlist / 64`` (at least
    16), trained on up to 64 points per list (max 262 144). At 10^6 x 384 this gives nlist=4096,
    nprobe=64: ~380 MB of index, 101 s to build on 2 cores (192 s with the cores shared), 1.3 ms
    single-query p50 and recall@10 0.99 on the synthetic benchmark (bench/scale.py).
    """
    if n_vectors < 0:
        raise ValueError(f"n_vectors must be non-negative, got {n_vectors}")
    if dim <= 0:
        raise ValueError(f"dim must be positive, got {dim}")
    if n_vectors <= flat_max_vectors(dim):
        return IndexSpec(kind="flat", dim=dim, quantiser="flat", n_vectors=n_vectors)
    nlist = _ivf_nlist(n_vectors)
    return IndexSpec(
        kind="ivf",
        dim=dim,
        quantiser="sq8",
        nlist=nlist,
        nprobe=_ivf_nprobe(nlist),
        train_size=_ivf_train_size(n_vectors, nlist),
        n_vectors=n_vectors,
    )


def estimate_index_bytes(spec: IndexSpec, n_vectors: int) -> int:
    """Rough resident size of the index holding ``n_vectors`` (codes + ids + graph/centroids)."""
    code = _BYTES_PER_DIM[spec.quantiser] * spec.dim
    if spec.kind == "flat":
        return int(n_vectors * code)
    if spec.kind == "hnsw":
        assert spec.hnsw_m is not None
        # base layer 2*M int32 links, upper layers add ~1/M of that again.
        links = 2 * spec.hnsw_m * 4 * (1.0 + 1.0 / spec.hnsw_m)
        return int(n_vectors * (code + links + 8))
    assert spec.nlist is not None
    return int(n_vectors * (code + 8) + spec.nlist * spec.dim * 4)


def factory_string(spec: IndexSpec) -> str:
    """The ``faiss.index_factory`` description of ``spec`` (metric is always inner product)."""
    if spec.kind == "flat":
        return "Flat"
    if spec.kind == "hnsw":
        suffix = "" if spec.quantiser == "flat" else "_" + _QTYPE[spec.quantiser]
        return f"HNSW{spec.hnsw_m}{suffix}"
    storage = "Flat" if spec.quantiser == "flat" else _QTYPE[spec.quantiser]
    return f"IVF{spec.nlist},{storage}"


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


def add_vectors(index: faiss.Index, vectors: FloatArray, batch_size: int = 65_536) -> None:
    """Add ``vectors`` in batches (bounds the temporary memory of IVF assignment)."""
    vectors = _check_vectors(vectors, index.d)
    for start in range(0, len(vectors), batch_size):
        index.add(vectors[start : start + batch_size])


def build_index_streaming(
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


def build_index(vectors: FloatArray, spec: IndexSpec | None = None) -> faiss.Index:
    """Build a search-ready index over ``vectors`` (float32, L2-normalised, shape (n, dim)).

    ``spec`` defaults to :func:`choose_index_spec` for the corpus size. Ids are row numbers.
    """
    if vectors.ndim != 2:
        raise ValueError(f"expected a 2-D array, got shape {vectors.shape}")
    if spec is None:
        spec = choose_index_spec(len(vectors), vectors.shape[1])
    vectors = _check_vectors(vectors, spec.dim)
    train = training_sample(vectors, spec) if spec.needs_training else None
    return build_index_streaming(_batches(vectors), spec, train)


def _batches(vectors: FloatArray, batch_size: int = 65_536) -> Iterator[FloatArray]:
    for start in range(0, len(vectors), batch_size):
        yield vectors[start : start + batch_size]


def spec_to_dict(spec: IndexSpec) -> dict[str, Any]:
    """JSON-serialisable form of ``spec`` for the index manifest (includes metric and factory string)."""
    data: dict[str, Any] = asdict(spec)
    data["metric"] = METRIC_NAME
    data["factory"] = factory_string(spec)
    data["format_version"] = SPEC_FORMAT_VERSION
    return data


def spec_from_dict(data: Mapping[str, Any]) -> IndexSpec:
    """Inverse of :func:`spec_to_dict`; unknown informational keys are ignored, bad values raise."""
    metric = data.get("metric", METRIC_NAME)
    if metric != METRIC_NAME:
        raise ValueError(f"unsupported metric {metric!r}; this project only uses {METRIC_NAME}")
    version = data.get("format_version", SPEC_FORMAT_VERSION)
    if version != SPEC_FORMAT_VERSION:
        raise ValueError(f"unsupported index spec format_version {version!r}")
    names = {f.name for f in fields(IndexSpec)}
    missing = {"kind", "dim"} - data.keys()
    if missing:
        raise ValueError(f"index spec is missing {sorted(missing)}")
    kwargs = {k: v for k, v in data.items() if k in names}
    for key, value in kwargs.items():
        if key in ("kind", "quantiser"):
            if not isinstance(value, str):
                raise ValueError(f"{key} must be a string, got {value!r}")
        elif value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise ValueError(f"{key} must be an integer or null, got {value!r}")
    spec = IndexSpec(**kwargs)
    factory = data.get("factory")
    if factory is not None and factory != factory_string(spec):
        raise ValueError(f"manifest factory {factory!r} does not match spec ({factory_string(spec)!r})")
    return spec
