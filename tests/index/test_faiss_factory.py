"""Fast tests for index/faiss_factory.py (small synthetic corpora, a few seconds in total)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import faiss
import numpy as np
import numpy.typing as npt
import pytest

from index.faiss_factory import (
    IndexSpec,
    build_index,
    choose_index_spec,
    configure_search,
    flat_max_vectors,
    spec_from_dict,
    spec_to_dict,
)

DIM = 384
N = 2_000
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


@pytest.fixture(scope="module")
def data() -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    return clustered(N, 100)


IVF_SMALL = IndexSpec(kind="ivf", dim=DIM, quantiser="sq8", nlist=32, nprobe=8, train_size=N)
HNSW_SMALL = IndexSpec(kind="hnsw", dim=DIM, quantiser="sq8", hnsw_m=16, ef_construction=64, ef_search=64)


def test_flat_for_small_corpus() -> None:
    assert choose_index_spec(0, DIM).kind == "flat"
    assert choose_index_spec(N, DIM).kind == "flat"
    assert choose_index_spec(flat_max_vectors(DIM), DIM).kind == "flat"
    assert choose_index_spec(flat_max_vectors(DIM), DIM).is_exact


@pytest.mark.parametrize("n", [flat_max_vectors(DIM) + 1, 100_000, 1_000_000, 10_000_000])
def test_approximate_for_large_corpus(n: int) -> None:
    spec = choose_index_spec(n, DIM)
    assert (spec.kind, spec.quantiser) == ("ivf", "sq8")
    assert not spec.is_exact
    assert spec.nlist is not None and spec.nprobe is not None and spec.train_size is not None
    assert 1 <= spec.nprobe <= spec.nlist
    assert spec.nlist * 39 <= spec.train_size <= n


def test_threshold_scales_with_dim() -> None:
    assert flat_max_vectors(2 * DIM) < flat_max_vectors(DIM)


def test_flat_build_is_exact(data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]) -> None:
    base, queries = data
    index = build_index(base)
    assert index.ntotal == N
    assert index.metric_type == faiss.METRIC_INNER_PRODUCT
    _, ids = index.search(queries, K)
    assert recall(ids, exact_ids(base, queries)) == 1.0


@pytest.mark.parametrize("spec", [IVF_SMALL, HNSW_SMALL], ids=["ivf-sq8", "hnsw-sq8"])
def test_approximate_recall(
    spec: IndexSpec, data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]
) -> None:
    base, queries = data
    index = build_index(base, spec)
    assert index.ntotal == N
    assert index.metric_type == faiss.METRIC_INNER_PRODUCT
    _, ids = index.search(queries, K)
    assert recall(ids, exact_ids(base, queries)) >= 0.9


@pytest.mark.parametrize("spec", [IVF_SMALL, HNSW_SMALL], ids=["ivf-sq8", "hnsw-sq8"])
def test_write_read_configure_keeps_results(
    spec: IndexSpec, data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]], tmp_path: Path
) -> None:
    base, queries = data
    index = build_index(base, spec)
    scores_before, ids_before = index.search(queries, K)

    path = tmp_path / "passages.faiss"
    faiss.write_index(index, str(path))
    (tmp_path / "manifest.json").write_text(json.dumps({"index": spec_to_dict(spec)}))

    loaded = faiss.read_index(str(path))
    loaded_spec = spec_from_dict(json.loads((tmp_path / "manifest.json").read_text())["index"])
    configure_search(loaded, loaded_spec)
    if spec.kind == "hnsw":
        assert faiss.downcast_index(loaded).hnsw.efSearch == spec.ef_search  # type: ignore[attr-defined]
    else:
        assert faiss.extract_index_ivf(loaded).nprobe == spec.nprobe
    scores_after, ids_after = loaded.search(queries, K)
    np.testing.assert_array_equal(ids_after, ids_before)
    np.testing.assert_allclose(scores_after, scores_before, rtol=1e-6, atol=1e-6)


def test_configure_search_overrides_and_validates(
    data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]],
) -> None:
    base, _ = data
    index = build_index(base, HNSW_SMALL)
    configure_search(index, replace(HNSW_SMALL, ef_search=200))
    assert faiss.downcast_index(index).hnsw.efSearch == 200  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        configure_search(index, IVF_SMALL)
    ivf = build_index(base, IVF_SMALL)
    with pytest.raises(ValueError):
        configure_search(ivf, replace(IVF_SMALL, nlist=64))


@pytest.mark.parametrize(
    "spec",
    [choose_index_spec(1_000, DIM), choose_index_spec(1_000_000, DIM), IVF_SMALL, HNSW_SMALL],
    ids=["flat", "auto-1e6", "ivf", "hnsw"],
)
def test_spec_dict_round_trip(spec: IndexSpec) -> None:
    data = json.loads(json.dumps(spec_to_dict(spec)))
    assert data["metric"] == "inner_product"
    assert spec_from_dict(data) == spec


def test_spec_validation() -> None:
    with pytest.raises(ValueError):
        IndexSpec(kind="ivf", dim=DIM, nlist=16, nprobe=32)
    with pytest.raises(ValueError):
        IndexSpec(kind="hnsw", dim=DIM, hnsw_m=16)
    with pytest.raises(ValueError):
        IndexSpec(kind="flat", dim=DIM, quantiser="sq8")
    with pytest.raises(ValueError):
        spec_from_dict({**spec_to_dict(IVF_SMALL), "metric": "l2"})
    with pytest.raises(ValueError):
        spec_from_dict({**spec_to_dict(IVF_SMALL), "nlist": "32"})


def test_build_rejects_bad_vectors(data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]) -> None:
    base, _ = data
    with pytest.raises(ValueError, match="float32"):
        build_index(base.astype(np.float64))
    with pytest.raises(ValueError, match="normalised"):
        build_index(base * 2.0)
