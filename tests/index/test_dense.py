"""Tests for index/dense.py: the dense-index interface and its FAISS backend."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from index import faiss_spec
from index.dense import DenseIndex, FaissIndex, load_dense_index, new_dense_index
from index.faiss_spec import IndexSpec
from tests.index.synthetic import DIM, K, clustered, exact_ids, recall

N = 2_000
IVF_SMALL = IndexSpec(kind="ivf", dim=DIM, quantiser="sq8", nlist=32, nprobe=8, train_size=N)
Data = tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]


@pytest.fixture(scope="module")
def data() -> Data:
    return clustered(N, 50)


def make(kind: str) -> DenseIndex:
    return new_dense_index(DIM) if kind == "exact" else FaissIndex(DIM, IVF_SMALL)


def search_all(
    index: DenseIndex, queries: npt.NDArray[np.float32], rows: np.ndarray | None = None
) -> np.ndarray:
    found = np.full((len(queries), K), -1, dtype=np.int64)
    for i, query in enumerate(queries):
        _, ids = index.search(query, K, rows)
        found[i, : len(ids)] = ids
    return found


@pytest.mark.parametrize("kind", ["exact", "ivf"])
def test_build_save_load_search_round_trip(kind: str, data: Data, tmp_path: Path) -> None:
    base, queries = data
    index = make(kind)
    index.build(base)
    assert index.count == N and index.dimension == DIM
    found = search_all(index, queries)
    assert recall(found, exact_ids(base, queries)) >= (1.0 if kind == "exact" else 0.9)

    index.save(tmp_path / "dense")
    config = json.loads(json.dumps(index.config))  # as it travels through the manifest
    assert config["backend"] == "faiss" and config["kind"] == ("flat" if kind == "exact" else "ivf")
    loaded = load_dense_index(tmp_path / "dense", config)
    assert loaded.count == N and loaded.config == index.config
    np.testing.assert_array_equal(search_all(loaded, queries), found)
    scores, rows = loaded.search(queries[0], K)
    assert len(rows) == K and np.all(np.diff(scores) <= 1e-6)  # best first


@pytest.mark.parametrize("kind", ["exact", "ivf"])
def test_search_only_among_allowed_rows(kind: str, data: Data) -> None:
    base, queries = data
    index = make(kind)
    index.build(base)
    allowed = np.arange(1, N, 3, dtype=np.int64)
    found = search_all(index, queries, allowed)
    assert set(found.ravel().tolist()) <= set(allowed.tolist())
    assert (found >= 0).all()  # filtered before ranking: k results, not k minus those filtered out
    truth = allowed[exact_ids(base[allowed], queries)]
    assert recall(found, truth) >= (1.0 if kind == "exact" else 0.9)
    scores, rows = index.search(queries[0], K, np.zeros(0, dtype=np.int64))
    assert len(scores) == len(rows) == 0


@pytest.mark.parametrize("kind", ["exact", "ivf"])
def test_add_after_build_finds_the_new_vectors(kind: str, data: Data) -> None:
    base, _ = data
    index = make(kind)
    index.build(base[:1_500])
    config = index.config
    index.add(base[1_500:])
    assert index.count == N
    assert index.config == config  # settings chosen at build time are kept
    for row in (1_500, 1_777, N - 1):
        _, ids = index.search(base[row], 1)
        assert ids.tolist() == [row]


def test_index_type_follows_corpus_size(data: Data, monkeypatch: pytest.MonkeyPatch) -> None:
    base, queries = data
    monkeypatch.setattr(faiss_spec, "FLAT_MAX_FLOATS", 1_000 * DIM)  # flat up to 1 000 vectors
    small = new_dense_index(DIM)
    small.build(base[:1_000])
    assert small.config["kind"] == "flat"
    large = new_dense_index(DIM)
    large.build(base)
    assert large.config["kind"] == "ivf" and large.config["quantiser"] == "sq8"
    assert large.config["nprobe"] == 16 and large.config["nlist"] == 64  # the minimum lists and probes
    assert recall(search_all(large, queries), exact_ids(base, queries)) >= 0.9


def test_load_rejects_a_config_that_does_not_match(data: Data, tmp_path: Path) -> None:
    base, _ = data
    index = FaissIndex(DIM, IVF_SMALL)
    index.build(base)
    index.save(tmp_path / "dense")
    with pytest.raises(ValueError, match="nlist"):
        load_dense_index(tmp_path / "dense", {**index.config, "nlist": 64, "factory": "IVF64,SQ8"})
    with pytest.raises(ValueError, match="backend"):
        load_dense_index(tmp_path / "dense", {**index.config, "backend": "annoy"})


def test_empty_index_finds_nothing() -> None:
    index = new_dense_index(DIM)
    index.build(np.zeros((0, DIM), dtype=np.float32))
    query = np.ones(DIM, dtype=np.float32) / np.sqrt(DIM)
    scores, rows = index.search(query, K)
    assert index.count == 0 and len(scores) == len(rows) == 0
