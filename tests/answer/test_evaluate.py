"""Fast tests for the evaluation: metric functions, threshold fitting, the question files and their schema,
follow-ups in one conversation and the per-kind table (no real model)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pydantic import ValidationError

from answer.engine import Engine
from answer.eval_set import (
    DEFAULT_FILES,
    DEFAULT_QUESTIONS,
    KINDS,
    USER_QUESTIONS,
    EvalItem,
    load_question_files,
    load_questions,
)
from answer.evaluate import QuestionResult, format_kind_table, kind_rows, run_eval
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


def test_new_kinds_follow_ups_and_questions_without_gold_articles() -> None:
    follow = EvalItem(
        q="and from OpenAI?",
        after="who did Meta hire from Apple?",
        articles=("a",),
        terms=("x",),
        kind="follow_up",
    )
    assert follow.answerable and not follow.calibrates
    about = EvalItem(q="what can u do", terms=("talent",), kind="about")
    assert about.answerable and not about.calibrates
    other = EvalItem(q="¿quién?", terms=("English",), kind="other_language")
    assert not other.answerable and not other.calibrates
    assert EvalItem(q="x", articles=("a",), terms=("t",), kind="compare").calibrates
    with pytest.raises(ValidationError):  # a follow-up needs the question it follows
        EvalItem(q="and from OpenAI?", articles=("a",), terms=("x",), kind="follow_up")
    with pytest.raises(ValidationError):  # and only a follow-up has one
        EvalItem(q="who?", after="who did Meta hire?", articles=("a",), terms=("x",), kind="moves")
    with pytest.raises(ValidationError):  # about the bot: still key terms
        EvalItem(q="what can u do", kind="about")
    with pytest.raises(ValidationError):  # the kinds of the corpus still need gold articles
        EvalItem(q="compare a and b", terms=("x",), kind="compare")


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


def test_user_questions_file_covers_every_kind_with_a_large_test_split() -> None:
    items = load_questions(USER_QUESTIONS)
    kinds: Counter[str] = Counter(i.kind for i in items)
    assert len(items) >= 120
    assert set(kinds) == set(KINDS)
    assert all(kinds[k] >= 5 for k in KINDS if k not in {"fact", "why", "moves", "date", "casual", "typo"})
    assert kinds["out_of_scope"] >= 15
    assert sum(i.split == "test" for i in items) / len(items) >= 0.4
    for kind in KINDS:
        assert {i.split for i in items if i.kind == kind} == {"dev", "test"}, kind
    assert len({(i.after, i.q) for i in items}) == len(items), "duplicate questions"


def test_default_files_are_both_sets() -> None:
    assert DEFAULT_FILES == (DEFAULT_QUESTIONS, USER_QUESTIONS)
    both = load_question_files()
    assert len(both) == len(load_questions(DEFAULT_QUESTIONS)) + len(load_questions(USER_QUESTIONS))
    assert not {i.q for i in load_questions(DEFAULT_QUESTIONS)} & {
        i.q for i in load_questions(USER_QUESTIONS)
    }


def _article_texts() -> dict[str, str]:
    return {
        p.stem: " ".join(p.read_text(encoding="utf-8").lower().split()) for p in ARTICLES_DIR.glob("*.md")
    }


def test_every_gold_article_exists() -> None:
    ids = set(_article_texts())
    assert ids, f"no articles in {ARTICLES_DIR}"
    missing = {(i.q, a) for i in load_question_files() for a in i.articles if a not in ids}
    assert not missing


def test_every_key_term_is_in_a_gold_article() -> None:
    """Key terms come from the articles: at least one gold article states each of them."""
    texts = _article_texts()
    unsupported = {
        (i.q, t)
        for i in load_question_files()
        if i.articles
        for t in i.terms
        if not any(" ".join(t.lower().split()) in texts[a] for a in i.articles)
    }
    assert not unsupported


# ------------------------------------------------------------------------------------- running them


def test_a_follow_up_is_asked_after_its_question_in_one_conversation(small_engine: Engine) -> None:
    follow = EvalItem(
        q="when did he join?",
        after="who did Moonshot AI hire?",
        articles=("2024-08-moonshot-hires-tan-xu",),
        terms=("Tan Xu",),
        kind="follow_up",
    )
    alone = EvalItem(
        q="when did he join?", articles=("2024-08-moonshot-hires-tan-xu",), terms=("Tan Xu",), kind="date"
    )
    # A second follow-up starts a new conversation: "he" is not Tan Xu there.
    other = EvalItem(
        q="and from Microsoft Research Asia?",
        after="who did Meta hire from Apple?",
        articles=("2024-08-moonshot-hires-tan-xu",),
        terms=("Tan Xu",),
        kind="follow_up",
    )
    report = run_eval(small_engine, [follow, alone, other], ("hybrid",))
    first, second, third = report.mode("hybrid").results
    assert first.terms_ok and first.answered
    assert not second.terms_ok
    assert "Meta" in third.text and not third.terms_ok
    assert first.retrieval_rank is None and third.retrieval_rank is None  # no standalone text to search
    assert second.retrieval_rank == 1
    assert report.mode("hybrid").recall_at_1 == 1.0  # follow-ups are left out of the search figures


def _result(
    kind: str, answered: bool, terms_ok: bool, split: str = "test", ms: float = 5.0, cited: bool = True
) -> QuestionResult:
    item = EvalItem(
        q=f"{kind} {answered} {terms_ok} {split} {ms}",
        articles=("a",) if kind not in {"out_of_scope", "other_language", "about"} else (),
        terms=("t",) if kind != "out_of_scope" else (),
        kind=kind,  # type: ignore[arg-type]
        split=split,  # type: ignore[arg-type]
    )
    return QuestionResult(item, "hybrid", None, None, answered, "extractive", terms_ok, ms, "", cited)


def test_per_kind_table_counts_facts_refusals_and_the_language_note() -> None:
    results = [
        _result("fact", True, True, ms=4.0),
        _result("fact", False, False, ms=8.0),
        _result("fact", True, False, split="dev"),
        _result("out_of_scope", False, False),
        _result("out_of_scope", True, False),
        _result("other_language", False, True, cited=False),  # the note that the bot reads English news
        _result("other_language", True, True, cited=True),  # a corpus answer that happens to say "English"
        _result("about", True, True),
    ]
    rows = {row.kind: row.cells() for row in kind_rows(results, "test")}
    assert list(rows) == ["fact", "about", "other_language", "out_of_scope", "all"]
    assert rows["fact"] == ["fact", "2", "50.0%", "50.0%", "50.0%", "—", "6"]
    assert rows["out_of_scope"][2:6] == ["—", "50.0%", "—", "50.0%"]
    assert rows["other_language"][2:6] == ["100.0%", "50.0%", "—", "50.0%"]
    assert rows["about"][2:6] == ["100.0%", "100.0%", "0.0%", "—"]
    assert rows["all"][:2] == ["all", "7"]
    assert rows["all"][4] == "33.3%"  # 1 of 3 answerable questions refused
    assert {row.kind: row.cells()[1] for row in kind_rows(results)}["fact"] == "3"  # both splits


def test_format_kind_table_is_markdown_for_one_mode(small_engine: Engine) -> None:
    item = EvalItem(
        q="who did Moonshot AI hire?",
        articles=("2024-08-moonshot-hires-tan-xu",),
        terms=("Tan Xu",),
        kind="moves",
        split="test",
    )
    table = format_kind_table(run_eval(small_engine, [item], ("hybrid", "bm25")), "hybrid", "test")
    assert table.startswith("Per kind of question (hybrid, test split):")
    assert "| moves | 1 | 100.0% | 100.0% | 0.0% | — |" in table
    assert "| all | 1 |" in table
