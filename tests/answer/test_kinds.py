"""The registry of kinds of question: which kind answers which question, and adding a kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.context import Context
from answer.engine import Engine, EngineConfig
from answer.kinds import REGISTRY
from answer.kinds.extractive import Extractive
from answer.model import Answer, AnswerKind, Line
from answer.query import Question
from tests.conftest import FakeEmbedder, engine_of, moves_front_matter


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("  ?? ", AnswerKind.EMPTY),
        ("hello!", AnswerKind.GREETING),
        ("Who did Amazon hire from Nvidia?", AnswerKind.UNKNOWN_NAME),
        ("who did Meta hire from Apple?", AnswerKind.MOVES),
        ("who was hired in 2024?", AnswerKind.MOVES),
        ("Did Moonshot AI hire anyone from Apple?", AnswerKind.NO_RECORD),
        ("Who did Meta hire from Apple in 2023?", AnswerKind.NO_RECORD),
        ("what happened this week?", AnswerKind.EMPTY_PERIOD),
        ("what happened in 2025?", AnswerKind.OVERVIEW),
        ("what is the best pizza topping?", AnswerKind.NOT_FOUND),
        ("Why does China lack AI engineers?", AnswerKind.EXTRACTIVE),
        ("how old is Tan Xu?", AnswerKind.NOT_FOUND),  # no article gives his age
    ],
)
def test_each_question_is_answered_by_its_kind(small_engine: Engine, question: str, kind: AnswerKind) -> None:
    answer = small_engine.answer(question)
    assert answer.kind is kind
    assert answer.answered == (kind in {AnswerKind.MOVES, AnswerKind.OVERVIEW, AnswerKind.EXTRACTIVE})


def test_every_kind_of_answer_has_a_kind_of_question_and_the_catch_all_comes_last() -> None:
    produced = {k.kind for k in REGISTRY}
    assert produced == set(AnswerKind)
    assert isinstance(REGISTRY[-1], Extractive)
    assert not any(isinstance(k, Extractive) for k in REGISTRY[:-1])


def test_kinds_that_need_no_search_neither_embed_nor_search(small_engine: Engine) -> None:
    before = small_engine.embedder.calls  # type: ignore[attr-defined]
    greeting = small_engine.answer("hello!")
    assert small_engine.embedder.calls == before  # type: ignore[attr-defined]
    assert greeting.timings["embed_ms"] == 0 and greeting.timings["search_ms"] == 0
    moves = small_engine.answer("who did Meta hire from Apple?")
    assert moves.timings["search_ms"] == 0  # from the recorded moves; embedded only to cite the best passage
    assert moves.passages and moves.passages[0][0] == "2025-07-meta-hires-pang"


class Weather:
    """A kind of question added from outside: one class, one place in the registry."""

    kind = AnswerKind.EXTRACTIVE

    def match(self, q: Question, ctx: Context) -> float | None:
        return 1.0 if "weather" in q.text.lower() else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        return Answer(q.text, True, self.kind, "", (Line("Sunny in the corpus.", ()),), ())


def test_a_new_kind_is_one_class_in_the_registry(small_engine: Engine) -> None:
    engine = Engine(small_engine.data, small_engine.embedder, kinds=(Weather(), *REGISTRY))
    assert engine.answer("what's the weather?").plain_text() == "Sunny in the corpus."
    assert engine.answer("who did Meta hire from Apple?").kind is AnswerKind.MOVES  # the others still answer


@pytest.mark.parametrize(
    "question",
    [
        "back in 2025 what made Ruoming Pang leave Apple?",  # a reason, not the move
        "how many of the people Meta hired from Apple studied in China?",  # not what the moves record
        "where did Ruoming Pang go to college?",  # schooling, not a job
    ],
)
def test_questions_about_a_move_that_ask_something_else_get_no_moves_list(
    small_engine: Engine, question: str
) -> None:
    assert small_engine.answer(question).kind not in {
        AnswerKind.MOVES,
        AnswerKind.AGGREGATE,
        AnswerKind.PROFILE,
    }


def test_garden_leave_is_time_off_not_leaving(small_engine: Engine) -> None:
    assert small_engine.answer("which companies use garden leave?").kind not in {
        AnswerKind.AGGREGATE,
        AnswerKind.MOVES,
    }


def _unthresholded(tmp_path: Path, fake_embedder: FakeEmbedder, *articles: dict[str, str]) -> Engine:
    """An engine over these articles that answers whatever its search finds (no relevance threshold)."""
    return engine_of(tmp_path, fake_embedder, *articles, config=EngineConfig(thresholds={"hybrid": 0.0}))


def _move(person: str, from_: str, to: str, date: str) -> str:
    """Front-matter `moves:` of one recorded move."""
    return moves_front_matter(f"{person} | {from_} | {to} | | {date}")


def test_a_move_between_two_companies_named_only_apart_is_no_record(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    article = {
        "article_id": "2025-07-meta-and-apple",
        "title": "Meta hires widely while Apple loses staff",
        "body": "Meta hired several researchers in July. Separately, Apple lost staff to OpenAI that month.",
        "companies": "Meta, Apple, OpenAI",
        "people": "",
        "moves": _move("Ruoming Pang", "Apple", "OpenAI", "2025-07"),
    }
    engine = _unthresholded(tmp_path, fake_embedder, article)
    answer = engine.answer("did meta poach anyone from apple?")
    assert answer.kind is AnswerKind.NO_RECORD and not answer.answered
    assert answer.intro == "I have no record of talent moves to Meta from Apple."


def test_who_else_left_in_a_month_is_answered_from_the_articles_when_no_other_move_is_recorded(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    article = {
        "article_id": "2024-08-openai-exits",
        "title": "John Schulman leaves OpenAI for Anthropic",
        "published": "2024-08-06",
        "body": "John Schulman left OpenAI for Anthropic in August 2024. Peter Deng, a product vice president, "
        "also left OpenAI that month.",
        "companies": "OpenAI, Anthropic",
        "people": "John Schulman, Peter Deng",
        "moves": _move("John Schulman", "OpenAI", "Anthropic", "2024-08"),
    }
    engine = _unthresholded(tmp_path, fake_embedder, article)
    answer = engine.answer("when schulman left openai in aug 2024 who else stepped away")
    assert answer.answered and "Peter Deng" in answer.plain_text()


def test_two_asks_of_which_one_has_its_move_on_record_are_not_refused_as_no_record(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    article = {
        "article_id": "2026-04-deepseek-losses",
        "title": "DeepSeek loses researchers to rivals",
        "published": "2026-04-23",
        "body": "Guo Daya left DeepSeek for ByteDance. Training veteran Wang Bingxuan went to Tencent.",
        "companies": "DeepSeek, ByteDance, Tencent",
        "people": "Guo Daya, Wang Bingxuan",
        "moves": _move("Guo Daya", "DeepSeek", "ByteDance", "2026-03"),
    }
    engine = _unthresholded(tmp_path, fake_embedder, article)
    answer = engine.answer("deepseek lost guo daya to who, and which training vet went to tencent instead")
    assert answer.answered and "Wang Bingxuan" in answer.plain_text()


def test_an_age_asked_with_something_else_leaves_each_ask_to_its_search(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    scale = {
        "article_id": "2025-06-meta-scale-wang",
        "title": "Meta hires Scale AI founder Alexandr Wang",
        "published": "2025-06-13",
        "body": (
            "Wang, who is 28, joins Meta as Chief AI Officer. "
            "Leadership of Scale AI passes to Jason Droege, who becomes interim chief executive."
        ),
        "companies": "Meta, Scale AI",
        "people": "Alexandr Wang, Jason Droege",
    }
    engine = engine_of(tmp_path, fake_embedder, scale, config=EngineConfig(thresholds={"hybrid": 0.05}))
    alone = engine.answer("how old is alexandr wang")
    assert "who is 28" in alone.plain_text()
    both = engine.answer(
        "how old was alexandr wang when he joined meta and who took over scale ai as interim ceo"
    )
    assert both.kind is AnswerKind.EXTRACTIVE
    assert "who is 28" in both.plain_text() and "Jason Droege" in both.plain_text()
