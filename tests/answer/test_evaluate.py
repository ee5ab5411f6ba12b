"""Fast tests for bot/evaluate.py: metric functions, threshold fitting and the question set (no model)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pydantic import ValidationError

from answer.eval_set import DEFAULT_QUESTIONS, EvalItem, load_questions
from answer.metrics import (
    dedupe,
    first_gold_rank,
    fit_threshold,
    has_terms,
    mean_reciprocal_rank,
    percentile,
    recall_at_k,
    refusal_rates,
)

ARTICLES_DIR = Path(__file__).resolve().parents[2] / "corpus" / "articles"


# ------------------------------------------------------------------------------------------ ranking


def test_dedupe_keeps_first_occurrence_order() -> None:
    assert dedupe(["b", "a", "b", "c", "a"]) == ["b", "a", "c"]


def test_first_gold_rank_counts_articles_not_passages() -> None:
    # Two passages of article "x" come first: "g" is the second *article*.
    assert first_gold_rank(["x", "x", "g", "y"], {"g"}) == 2
    assert first_gold_rank(["g"], {"g", "h"}) == 1
    assert first_gold_rank(["x", "h", "g"], {"g", "h"}) == 2  # any gold article counts
    assert first_gold_rank(["x", "y"], {"g"}) is None
    assert first_gold_rank([], {"g"}) is None


def test_recall_at_k() -> None:
    ranks = [1, 2, 5, 6, None]
    assert recall_at_k(ranks, 1) == pytest.approx(1 / 5)
    assert recall_at_k(ranks, 5) == pytest.approx(3 / 5)
    assert recall_at_k(ranks, 10) == pytest.approx(4 / 5)
    assert recall_at_k([], 5) == 0.0


def test_mean_reciprocal_rank() -> None:
    assert mean_reciprocal_rank([1, 2, 4, None]) == pytest.approx((1 + 0.5 + 0.25 + 0) / 4)
    assert mean_reciprocal_rank([None, None]) == 0.0
    assert mean_reciprocal_rank([]) == 0.0


def test_has_terms_is_case_insensitive_and_needs_all() -> None:
    text = "Meta invested about $14.3 billion in Scale AI.\nSources: [1] Global Finance"
    assert has_terms(text, ["14.3 billion"])
    assert has_terms(text, ["scale ai", "META"])
    assert not has_terms(text, ["14.3 billion", "Alexandr Wang"])
    assert has_terms("Tan  Xu\njoined", ["tan xu"])  # whitespace runs do not matter
    assert has_terms("anything", [])


def test_percentile() -> None:
    assert percentile([], 50) == 0.0
    assert percentile([10.0, 20.0, 30.0], 50) == pytest.approx(20.0)
    assert percentile(list(map(float, range(1, 101))), 95) == pytest.approx(95.05)


# ---------------------------------------------------------------------------------------- thresholds


def test_refusal_rates() -> None:
    fit = refusal_rates([0.5, 0.6, 0.7, 0.8], [0.1, 0.2, 0.65], 0.55)
    assert fit.correct_refusals == pytest.approx(2 / 3)
    assert fit.wrong_refusals == pytest.approx(1 / 4)


def test_fit_threshold_separable_scores_uses_midpoint_of_gap() -> None:
    fit = fit_threshold([0.6, 0.7, 0.8, 0.9], [0.1, 0.2, 0.3])
    assert fit.threshold == pytest.approx(0.45)
    assert fit.correct_refusals == 1.0
    assert fit.wrong_refusals == 0.0


def test_fit_threshold_respects_wrong_refusal_budget() -> None:
    answerable = [0.30 + 0.01 * i for i in range(40)]  # 0.30 .. 0.69
    out_of_scope = [0.10, 0.20, 0.305, 0.315, 0.50]
    # 5% of 40 answerable = 2 may be refused: the threshold can go up to just under 0.32, which also
    # catches 0.305 and 0.315; 0.50 stays answered.
    fit = fit_threshold(answerable, out_of_scope, max_wrong=0.05)
    assert fit.wrong_refusals <= 0.05
    assert fit.correct_refusals == pytest.approx(4 / 5)
    assert 0.315 < fit.threshold < 0.32
    assert fit.threshold == pytest.approx((0.315 + 0.32) / 2)
    # With no budget, only the scores below the lowest answerable one are refused.
    strict = fit_threshold(answerable, out_of_scope, max_wrong=0.0)
    assert strict.wrong_refusals == 0.0
    assert strict.correct_refusals == pytest.approx(2 / 5)
    assert strict.threshold == pytest.approx((0.20 + 0.30) / 2)


def test_fit_threshold_prefers_fewer_wrong_refusals_on_ties() -> None:
    # Raising the threshold past 0.35 refuses an answerable question without catching more out-of-scope.
    fit = fit_threshold([0.35, 0.5, 0.6, 0.7, 0.8] * 10, [0.1, 0.2], max_wrong=0.2)
    assert fit.wrong_refusals == 0.0
    assert fit.threshold == pytest.approx((0.2 + 0.35) / 2)


def test_fit_threshold_edge_cases() -> None:
    assert fit_threshold([], []).threshold == 0.0
    only_answerable = fit_threshold([0.4, 0.5], [])
    assert only_answerable.wrong_refusals == 0.0
    assert only_answerable.threshold < 0.4
    only_oos = fit_threshold([], [0.1, 0.2])
    assert only_oos.correct_refusals == 1.0
    assert only_oos.threshold > 0.2
    # BM25 scores live on another scale; the fit does not care.
    bm25 = fit_threshold([8.0, 11.5, 14.0], [0.0, 2.5, 3.1])
    assert 3.1 < bm25.threshold < 8.0


# ---------------------------------------------------------------------------------------- questions


def test_eval_item_validation() -> None:
    EvalItem(q="Who did Moonshot AI hire?", articles=("a",), terms=("Tan Xu",), kind="moves")
    EvalItem(q="weather?", kind="out_of_scope")
    with pytest.raises(ValidationError):
        EvalItem(q="Who did Moonshot AI hire?", articles=(), terms=("Tan Xu",), kind="moves")
    with pytest.raises(ValidationError):
        EvalItem(q="weather?", articles=("a",), kind="out_of_scope")
    with pytest.raises(ValidationError):
        EvalItem(q="x", articles=("a",), terms=("t",), kind="nonsense")  # type: ignore[arg-type]


def test_questions_file_parses_and_is_big_enough() -> None:
    items = load_questions(DEFAULT_QUESTIONS)
    kinds = Counter(i.kind for i in items)
    assert len(items) >= 100
    assert kinds["out_of_scope"] >= 20
    assert kinds["fact"] >= 25
    assert kinds["why"] >= 15
    assert kinds["moves"] >= 15
    assert kinds["date"] >= 8
    assert kinds["casual"] + kinds["typo"] >= 12
    assert len({i.q for i in items}) == len(items), "duplicate questions"
    answerable = [i for i in items if i.answerable]
    test_share = sum(i.split == "test" for i in answerable) / len(answerable)
    assert 0.2 <= test_share <= 0.4
    assert any(i.split == "test" for i in items if not i.answerable)


def test_every_gold_article_exists() -> None:
    ids = {p.stem for p in ARTICLES_DIR.glob("*.md")}
    assert ids, f"no articles in {ARTICLES_DIR}"
    missing = {(i.q, a) for i in load_questions(DEFAULT_QUESTIONS) for a in i.articles if a not in ids}
    assert not missing
