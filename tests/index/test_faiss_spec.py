"""Tests for index/faiss_spec.py: which index a corpus size gets, and its manifest record."""

from __future__ import annotations

import json

import pytest

from index.faiss_spec import IndexSpec, choose_index_spec, flat_max_vectors, spec_from_dict, spec_to_dict
from tests.index.synthetic import DIM

N = 2_000
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
