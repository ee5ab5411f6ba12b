"""Fast tests for index/faiss_factory.py (small synthetic corpora, a few seconds in total)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import faiss
import numpy as np
import numpy.typing as npt
import pytest

from index.faiss_factory import build_faiss, configure_search, search_parameters
from index.faiss_spec import IndexSpec, spec_from_dict, spec_to_dict
from tests.index.synthetic import DIM, K, clustered, exact_ids, recall

N = 2_000


@pytest.fixture(scope="module")
def data() -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    return clustered(N, 100)


IVF_SMALL = IndexSpec(kind="ivf", dim=DIM, quantiser="sq8", nlist=32, nprobe=8, train_size=N)
HNSW_SMALL = IndexSpec(kind="hnsw", dim=DIM, quantiser="sq8", hnsw_m=16, ef_construction=64, ef_search=64)


def test_flat_build_is_exact(data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]) -> None:
    base, queries = data
    index = build_faiss(base)
    assert index.ntotal == N
    assert index.metric_type == faiss.METRIC_INNER_PRODUCT
    _, ids = index.search(queries, K)
    assert recall(ids, exact_ids(base, queries)) == 1.0


@pytest.mark.parametrize("spec", [IVF_SMALL, HNSW_SMALL], ids=["ivf-sq8", "hnsw-sq8"])
def test_approximate_recall(
    spec: IndexSpec, data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]
) -> None:
    base, queries = data
    index = build_faiss(base, spec)
    assert index.ntotal == N
    assert index.metric_type == faiss.METRIC_INNER_PRODUCT
    _, ids = index.search(queries, K)
    assert recall(ids, exact_ids(base, queries)) >= 0.9


@pytest.mark.parametrize("spec", [IVF_SMALL, HNSW_SMALL], ids=["ivf-sq8", "hnsw-sq8"])
def test_write_read_configure_keeps_results(
    spec: IndexSpec, data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]], tmp_path: Path
) -> None:
    base, queries = data
    index = build_faiss(base, spec)
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
    index = build_faiss(base, HNSW_SMALL)
    configure_search(index, replace(HNSW_SMALL, ef_search=200))
    assert faiss.downcast_index(index).hnsw.efSearch == 200  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        configure_search(index, IVF_SMALL)
    ivf = build_faiss(base, IVF_SMALL)
    with pytest.raises(ValueError):
        configure_search(ivf, replace(IVF_SMALL, nlist=64))


def test_build_rejects_bad_vectors(data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]) -> None:
    base, _ = data
    with pytest.raises(ValueError, match="float32"):
        build_faiss(base.astype(np.float64))
    with pytest.raises(ValueError, match="normalised"):
        build_faiss(base * 2.0)


@pytest.mark.parametrize("spec", [IVF_SMALL, HNSW_SMALL], ids=["ivf-sq8", "hnsw-sq8"])
def test_search_parameters_keep_to_the_allowed_rows(
    spec: IndexSpec, data: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]
) -> None:
    base, queries = data
    index = build_faiss(base, spec)
    allowed = np.arange(0, N, 4, dtype=np.int64)
    _, ids = index.search(queries, K, params=search_parameters(spec, allowed, K))
    assert set(ids.ravel().tolist()) <= set(allowed.tolist())
    assert recall(ids, allowed[exact_ids(base[allowed], queries)]) >= 0.9
