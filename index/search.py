"""Passage search: dense (vector index), keyword (BM25) or both fused with reciprocal rank fusion."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from index.modes import SEARCH_MODES
from index.store import IndexData

EXACT_FILTER_LIMIT = 50_000  # below this many allowed passages, a filtered search is an exact matrix product


@dataclass(frozen=True)
class SearchParams:
    """Fusion parameters; the defaults are the ones `talentbot eval` chose (see README)."""

    rrf_k: float = 30.0  # bench/fusion.py: best Recall@5, then MRR, on the eval set's answerable questions
    dense_weight: float = 0.5
    keyword_weight: float = 1.0
    candidates: int = 50
    per_article: int = 2
    boost: float = 0.3  # added fraction of the fused score for passages about a person/company asked about


@dataclass(frozen=True)
class Hit:
    row: int
    article_id: str
    score: float  # fused score used for ranking
    dense: float  # cosine similarity with the question
    keyword: float  # BM25 score


def allowed_rows(data: IndexData, article_ids: Collection[str] | None) -> npt.NDArray[np.int64] | None:
    if article_ids is None:
        return None
    wanted = set(article_ids)
    return np.asarray([i for i, p in enumerate(data.passages) if p.article_id in wanted], dtype=np.int64)


def dense_search(
    data: IndexData, query: npt.NDArray[np.float32], k: int, rows: npt.NDArray[np.int64] | None
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Top-k passage rows by inner product, restricted to `rows` before ranking when given.

    A small allowed set is scored exactly on the stored passage vectors, whatever the dense backend;
    otherwise the backend searches (and filters) itself."""
    q = query.reshape(-1).astype(np.float32)
    if rows is not None and len(rows) <= EXACT_FILTER_LIMIT:
        if len(rows) == 0 or len(data.passages) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores = data.passage_vectors[rows] @ q
        order = np.argsort(-scores)[:k]
        return rows[order], scores[order].astype(np.float32)
    found_scores, found_rows = data.dense.search(q, k, rows)
    return found_rows, found_scores


def keyword_search(
    data: IndexData, text: str, k: int, rows: npt.NDArray[np.int64] | None
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    scores = data.keyword.scores(text)
    if rows is not None:
        mask = np.zeros_like(scores, dtype=bool)
        mask[rows] = True
        scores = np.where(mask, scores, 0.0)
    candidates = np.flatnonzero(scores > 0)
    order = candidates[np.argsort(-scores[candidates], kind="stable")][:k]
    return order.astype(np.int64), scores[order]


def search(
    data: IndexData,
    query_vector: npt.NDArray[np.float32],
    text: str,
    mode: str = "hybrid",
    k: int = 6,
    article_ids: Collection[str] | None = None,
    boost_articles: Collection[str] = (),
    params: SearchParams = SearchParams(),
) -> list[Hit]:
    """Rank passages for a question. `article_ids` restricts the search before ranking (a pre-filter)."""
    if mode not in SEARCH_MODES:
        raise ValueError(f"unknown search mode {mode!r}; use one of {', '.join(SEARCH_MODES)}")
    rows = allowed_rows(data, article_ids)
    fused: dict[int, float] = {}
    if mode in ("dense", "hybrid"):
        ids, scores = dense_search(data, query_vector, params.candidates, rows)
        for rank, row in enumerate(ids.tolist()):
            fused[row] = fused.get(row, 0.0) + (
                params.dense_weight / (params.rrf_k + rank + 1) if mode == "hybrid" else float(scores[rank])
            )
    if mode in ("bm25", "hybrid"):
        ids, scores = keyword_search(data, text, params.candidates, rows)
        for rank, row in enumerate(ids.tolist()):
            fused[row] = fused.get(row, 0.0) + (
                params.keyword_weight / (params.rrf_k + rank + 1) if mode == "hybrid" else float(scores[rank])
            )
    if not fused:
        return []
    candidate_rows = np.fromiter(fused, dtype=np.int64)
    cosines = data.passage_vectors[candidate_rows] @ query_vector.reshape(-1)
    bm25 = data.keyword.scores(text)[candidate_rows] if mode != "dense" else np.zeros(len(candidate_rows))
    boosted = set(boost_articles)
    hits = []
    for i, row in enumerate(candidate_rows.tolist()):
        article_id = data.passages[row].article_id
        score = fused[row]
        if article_id in boosted:
            score += abs(score) * params.boost
        hits.append(Hit(row, article_id, score, float(cosines[i]), float(bm25[i])))
    hits.sort(key=lambda h: (-h.score, h.row))
    return diversify(hits, data.canonical, k, params.per_article)


def diversify(hits: list[Hit], canonical: dict[str, str], k: int, per_article: int) -> list[Hit]:
    """At most `per_article` passages per story; syndicated copies count as the story they copy."""
    taken: dict[str, int] = {}
    story_article: dict[str, str] = {}
    result: list[Hit] = []
    for hit in hits:
        story = canonical.get(hit.article_id, hit.article_id)
        first = story_article.setdefault(story, hit.article_id)
        if first != hit.article_id or taken.get(story, 0) >= per_article:
            continue
        taken[story] = taken.get(story, 0) + 1
        result.append(hit)
        if len(result) == k:
            break
    return result
