"""Scale benchmark for the FAISS index choice and factory (index/faiss_spec.py, index/faiss_factory.py).

    python bench/scale.py [--sizes 10000,100000,1000000] [--queries 200] [--k 10] [--seed 0]

For every corpus size it picks the index with ``choose_index_spec``, builds it with the factory's
streaming builder (the code path behind ``build_faiss``, which the dense index's FAISS backend uses;
streaming keeps the 10^6 corpus, 1.5 GB as float32, out of memory), and reports build time, resident
memory, single-query search latency (p50/p99, k=10) and recall@10 against exact search. The 10^6 row is
checked against the targets: p50 <= 5 ms, recall@10 >= 0.95, whole-process peak RSS <= 2 GB, build < 15 min.

Synthetic corpus
----------------
Uniform noise on the sphere is a poor proxy for sentence embeddings: in 384-d all its pairwise
similarities concentrate near 0, "nearest neighbours" are barely nearer than anything else, and ANN
indexes look either uselessly bad (no structure to exploit) or misleadingly good. Real MiniLM
embeddings are (a) anisotropic -- they share a common direction, so unrelated passages have cosine
~0.05-0.1, (b) topical -- passages form clusters of very different sizes (same-topic cosine ~0.3-0.5),
and (c) locally low-dimensional -- within a topic the variation lives mostly in a few tens of
directions, with a small full-rank residual. So each passage is drawn as::

    x = c_j + B_j z + sigma * e,   x <- x / |x|

with cluster j drawn from log-normal weights over ``N_CLUSTERS`` (= 300) topics; centre
``c_j = 0.3 g + 0.75 u_j`` (g a shared global direction, u_j a random unit vector); ``B_j`` a random
orthonormal basis of rank ``RANK`` (= 48) with a decaying spectrum (scale ~ i^-0.6); z, e standard
normal; sigma = 0.02 per dimension. Queries are fresh draws from the same mixture perturbed by extra
isotropic noise (0.02 per dimension, about the size of a paraphrase), so each query has genuine close
neighbours. Resulting statistics (10^5 corpus): random-pair cosine ~0.06, same-cluster ~0.41,
query top-1 ~0.75, top-10 ~0.69 -- in the range seen for MiniLM passage retrieval.

The corpus is generated in float32 chunks from per-chunk seeds, so it can be regenerated
deterministically; exact ground truth is computed blockwise (numpy matmul + top-k merge) on the same
chunks while they are fed to the index, and its time is excluded from the build time.

Memory is read from /proc/self/status (VmRSS current, VmHWM peak); the peak is reset per size via
/proc/self/clear_refs when the kernel allows it, so "peak delta" is the growth during that size.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.faiss_factory import build_faiss_streaming
from index.faiss_spec import IndexSpec, choose_index_spec, estimate_index_bytes, factory_string

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]

DIM = 384
N_CLUSTERS = 300
RANK = 48
CENTRE_WEIGHT = 0.75
GLOBAL_WEIGHT = 0.3
SUBSPACE_SCALE = 0.9
NOISE = 0.02
QUERY_NOISE = 0.02
CHUNK = 50_000

TARGET_N = 1_000_000
TARGET_P50_MS = 5.0
TARGET_RECALL = 0.95
TARGET_RSS_BYTES = 2 * 1024**3
TARGET_BUILD_S = 15 * 60.0


# --------------------------------------------------------------------------- synthetic data
@dataclass(frozen=True)
class Mixture:
    centres: FloatArray  # (C, D)
    weights: npt.NDArray[np.float64]  # (C,)
    bases: FloatArray  # (C, RANK, D), rows scaled by the spectrum


def make_mixture(dim: int = DIM, n_clusters: int = N_CLUSTERS, rank: int = RANK, seed: int = 0) -> Mixture:
    rng = np.random.default_rng([seed, 1_000_003])
    g = rng.standard_normal(dim)
    g /= np.linalg.norm(g)
    u = rng.standard_normal((n_clusters, dim))
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    centres = (GLOBAL_WEIGHT * g + CENTRE_WEIGHT * u).astype(np.float32)
    weights = rng.lognormal(0.0, 1.0, n_clusters)
    weights /= weights.sum()
    spectrum = np.arange(1, rank + 1, dtype=np.float64) ** -0.6
    spectrum *= SUBSPACE_SCALE / np.sqrt((spectrum**2).sum())
    bases = np.empty((n_clusters, rank, dim), dtype=np.float32)
    for j in range(n_clusters):
        q, _ = np.linalg.qr(rng.standard_normal((dim, rank)))
        bases[j] = (q * spectrum).T
    return Mixture(centres=centres, weights=weights, bases=bases)


def sample_mixture(mix: Mixture, n: int, rng: np.random.Generator, extra_noise: float = 0.0) -> FloatArray:
    dim = mix.centres.shape[1]
    labels = rng.choice(len(mix.weights), size=n, p=mix.weights)
    x = rng.standard_normal((n, dim), dtype=np.float32)
    x *= np.float32(np.hypot(NOISE, extra_noise))
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(len(mix.weights) + 1))
    for j in range(len(mix.weights)):
        rows = order[bounds[j] : bounds[j + 1]]
        if len(rows):
            z = rng.standard_normal((len(rows), mix.bases.shape[1]), dtype=np.float32)
            x[rows] += mix.centres[j] + z @ mix.bases[j]
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


def corpus_chunks(mix: Mixture, n: int, seed: int, chunk: int = CHUNK) -> Iterator[FloatArray]:
    """The corpus of size n, deterministically, as float32 chunks (chunk i depends only on seed, i)."""
    for i, start in enumerate(range(0, n, chunk)):
        yield sample_mixture(mix, min(chunk, n - start), np.random.default_rng([seed, i]))


def make_queries(mix: Mixture, nq: int, seed: int) -> FloatArray:
    return sample_mixture(mix, nq, np.random.default_rng([seed, 999_999_937]), extra_noise=QUERY_NOISE)


# --------------------------------------------------------------------------- measurement helpers
def proc_status_bytes(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise KeyError(field)


def reset_peak_rss() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


class ExactTopK:
    """Running exact top-k (inner product) of a query set over a corpus seen chunk by chunk."""

    def __init__(self, queries: FloatArray, k: int) -> None:
        self.queries = queries
        self.k = k
        self.scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        self.ids = np.full((len(queries), k), -1, dtype=np.int64)
        self.seen = 0

    def update(self, chunk: FloatArray) -> None:
        sims = self.queries @ chunk.T
        kk = min(self.k, chunk.shape[0])
        part = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
        all_scores = np.concatenate([self.scores, np.take_along_axis(sims, part, axis=1)], axis=1)
        all_ids = np.concatenate([self.ids, part + self.seen], axis=1)
        best = np.argsort(-all_scores, axis=1, kind="stable")[:, : self.k]
        self.scores = np.take_along_axis(all_scores, best, axis=1)
        self.ids = np.take_along_axis(all_ids, best, axis=1)
        self.seen += chunk.shape[0]


class TimedChunks:
    """Iterates corpus chunks, feeding each to the exact top-k, and accounts the time spent doing so
    (generation + ground truth) so it can be subtracted from the index build time."""

    def __init__(self, chunks: Iterator[FloatArray], exact: ExactTopK) -> None:
        self.chunks = chunks
        self.exact = exact
        self.overhead_s = 0.0

    def __iter__(self) -> Iterator[FloatArray]:
        while True:
            t0 = time.perf_counter()
            chunk = next(self.chunks, None)
            if chunk is None:
                self.overhead_s += time.perf_counter() - t0
                return
            self.exact.update(chunk)
            self.overhead_s += time.perf_counter() - t0
            yield chunk


def recall_at_k(found: IntArray, truth: IntArray) -> float:
    k: int = truth.shape[1]
    hits = sum(len(np.intersect1d(f[f >= 0], t)) for f, t in zip(found, truth, strict=True))
    return hits / (k * len(truth))


# --------------------------------------------------------------------------- benchmark
@dataclass
class Result:
    n: int
    spec: IndexSpec
    build_s: float
    train_s: float
    peak_delta: int
    peak_rss: int
    rss: int
    index_bytes: int
    p50_ms: float
    p99_ms: float
    recall: float
    peak_reset: bool


def run_size(n: int, mix: Mixture, queries: FloatArray, k: int, seed: int) -> Result:
    spec = choose_index_spec(n, DIM)
    peak_reset = reset_peak_rss()
    rss_before = proc_status_bytes("VmRSS")
    peak_before = proc_status_bytes("VmHWM")

    exact = ExactTopK(queries, k)
    t_start = time.perf_counter()
    train: FloatArray | None = None
    gen_s = 0.0
    if spec.needs_training:
        # Training sample = the first chunks of the corpus (i.i.d. draws, so a uniform random sample).
        assert spec.train_size is not None
        t0 = time.perf_counter()
        train = np.concatenate(list(corpus_chunks(mix, spec.train_size, seed)))
        gen_s = time.perf_counter() - t0
    feed = TimedChunks(corpus_chunks(mix, n, seed), exact)
    train_box: list[float] = []

    t_train0 = time.perf_counter()
    index = build_faiss_streaming(_train_timer(feed, train_box), spec, train)
    build_s = time.perf_counter() - t_start - feed.overhead_s - gen_s
    train_s = train_box[0] - t_train0 if train_box else 0.0
    del train
    assert index.ntotal == n and exact.seen == n

    rss_after = proc_status_bytes("VmRSS")
    peak_after = proc_status_bytes("VmHWM")

    # Single-query latency: one query per search() call, like the bot serving a user.
    for i in range(min(20, len(queries))):
        index.search(queries[i : i + 1], k)
    lat = np.empty(len(queries))
    found = np.empty((len(queries), k), dtype=np.int64)
    for i in range(len(queries)):
        t0 = time.perf_counter()
        _, ids = index.search(queries[i : i + 1], k)
        lat[i] = time.perf_counter() - t0
        found[i] = ids[0]
    recall = recall_at_k(found, exact.ids)
    index_bytes = faiss.serialize_index(index).nbytes if n <= 200_000 else estimate_index_bytes(spec, n)
    peak_final = proc_status_bytes("VmHWM")
    del index
    return Result(
        n=n,
        spec=spec,
        build_s=build_s,
        train_s=train_s,
        peak_delta=max(peak_after, peak_final) - (rss_before if peak_reset else peak_before),
        peak_rss=max(peak_after, peak_final),
        rss=rss_after,
        index_bytes=int(index_bytes),
        p50_ms=float(np.percentile(lat, 50) * 1e3),
        p99_ms=float(np.percentile(lat, 99) * 1e3),
        recall=recall,
        peak_reset=peak_reset,
    )


def _train_timer(feed: TimedChunks, box: list[float]) -> Iterator[FloatArray]:
    """Records when the first batch is requested, i.e. when training has finished."""
    box.append(time.perf_counter())
    yield from feed


def fmt_bytes(b: int) -> str:
    return f"{b / 1024**2:,.0f} MB"


def print_result(r: Result) -> None:
    s = r.spec
    params = {
        "flat": "exact",
        "hnsw": f"M={s.hnsw_m} efC={s.ef_construction} efS={s.ef_search}",
        "ivf": f"nlist={s.nlist} nprobe={s.nprobe} train={s.train_size}",
    }[s.kind]
    rows = [
        ("index", f"{s.kind} ({factory_string(s)}, quantiser={s.quantiser}, {params})"),
        ("build time", f"{r.build_s:,.1f} s (training {r.train_s:,.1f} s)"),
        ("index size", fmt_bytes(r.index_bytes)),
        (
            "peak RSS delta",
            fmt_bytes(r.peak_delta) + ("" if r.peak_reset else " (peak not resettable: vs previous peak)"),
        ),
        ("peak RSS (process)", fmt_bytes(r.peak_rss)),
        ("current RSS", fmt_bytes(r.rss)),
        ("search p50 / p99", f"{r.p50_ms:.3f} / {r.p99_ms:.3f} ms (single query, k=10)"),
        ("recall@10 vs exact", f"{r.recall:.4f}"),
    ]
    print(f"\n=== n = {r.n:,} ===")
    for name, value in rows:
        print(f"  {name:<20} {value}")
    sys.stdout.flush()


def print_targets(results: list[Result]) -> bool:
    print(
        f"\nTargets at n={TARGET_N:,}: p50 <= {TARGET_P50_MS} ms, recall@10 >= {TARGET_RECALL}, "
        f"process peak RSS <= {fmt_bytes(TARGET_RSS_BYTES)}, build < {TARGET_BUILD_S / 60:.0f} min"
    )
    big = [r for r in results if r.n >= TARGET_N]
    if not big:
        print("  (no size >= 10^6 in this run; targets not evaluated)")
        return True
    r = big[0]
    checks = [
        ("search p50", f"{r.p50_ms:.3f} ms", r.p50_ms <= TARGET_P50_MS),
        ("recall@10", f"{r.recall:.4f}", r.recall >= TARGET_RECALL),
        ("peak RSS", fmt_bytes(r.peak_rss), r.peak_rss <= TARGET_RSS_BYTES),
        ("build time", f"{r.build_s:,.1f} s", r.build_s < TARGET_BUILD_S),
    ]
    for name, value, ok in checks:
        print(f"  {name:<12} {value:>14}  {'MET' if ok else 'NOT MET'}")
    all_ok = all(ok for *_, ok in checks)
    print(f"  => {'all targets met' if all_ok else 'SOME TARGETS NOT MET'}")
    return all_ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated corpus sizes")
    ap.add_argument("--queries", type=int, default=200, help="number of single-query searches")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    print(
        f"faiss {faiss.__version__}, omp threads {faiss.omp_get_max_threads()}, dim {DIM}, "
        f"{args.queries} queries, k={args.k}; corpus: {N_CLUSTERS}-cluster anisotropic Gaussian mixture"
    )
    mix = make_mixture(seed=args.seed)
    queries = make_queries(mix, args.queries, args.seed)
    results = []
    for n in sizes:
        r = run_size(n, mix, queries, args.k, args.seed)
        print_result(r)
        results.append(r)

    print("\nSummary")
    header = (
        f"{'n':>10} {'index':<14} {'build s':>9} {'peak MB':>9} {'rss MB':>8} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'R@10':>7}"
    )
    print(header)
    for r in results:
        print(
            f"{r.n:>10,} {factory_string(r.spec):<14} {r.build_s:>9.1f} {r.peak_rss / 1024**2:>9.0f} "
            f"{r.rss / 1024**2:>8.0f} {r.p50_ms:>8.3f} {r.p99_ms:>8.3f} {r.recall:>7.4f}"
        )
    ok = print_targets(results)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
