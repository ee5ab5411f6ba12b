"""Choose the FAISS index used for passage retrieval: its kind, parameters and manifest record.

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

Building, configuring and searching the chosen index is :mod:`index.faiss_factory`'s job.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal, get_args

__all__ = [
    "FLAT_MAX_FLOATS",
    "IndexKind",
    "IndexSpec",
    "Quantiser",
    "choose_index_spec",
    "estimate_index_bytes",
    "factory_string",
    "flat_max_vectors",
    "spec_from_dict",
    "spec_to_dict",
]

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
