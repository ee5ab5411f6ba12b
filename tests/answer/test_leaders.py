"""A company's leader, named in a question about moves, stands for the company."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.engine import Engine
from answer.model import AnswerKind
from tests.conftest import FakeEmbedder, engine_of

PANG = "moves:\n  - {person: Ruoming Pang, from: Apple, to: Meta, date: 2025-07}\n"
BODY = (
    "Meta chief executive Mark Zuckerberg has hired Ruoming Pang from Apple. Elon Musk's xAI was not "
    "involved. Tim Cook, Apple's chief executive, did not comment."
)


@pytest.fixture
def engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    people = "Ruoming Pang, Mark Zuckerberg, Elon Musk, Tim Cook"
    return engine_of(
        tmp_path,
        fake_embedder,
        {"body": BODY, "moves": PANG, "people": people, "companies": "Meta, Apple, xAI"},
    )


def test_the_articles_name_who_leads_which_company(engine: Engine) -> None:
    # "Meta chief executive X", "X's xAI", "X, Apple's chief executive"; not the person who moved
    assert engine.state.leaders() == {"Mark Zuckerberg": "Meta", "Elon Musk": "xAI", "Tim Cook": "Apple"}


@pytest.mark.parametrize(
    "question",
    [
        "who did zuckerberg hire from apple",
        "did mark zuckerberg poach anyone from apple",
        "who has tim cook lost",
    ],
)
def test_a_leader_asked_about_as_hiring_or_losing_stands_for_the_company(
    engine: Engine, question: str
) -> None:
    answer = engine.answer(question)
    assert answer.kind is AnswerKind.MOVES, question
    assert [line.text.split(":")[0] for line in answer.lines] == ["Ruoming Pang"]


def test_a_leader_asked_about_as_a_mover_is_not_read_as_the_company(engine: Engine) -> None:
    # about him, not whom Meta hired: no list of Meta's moves (the sentence naming both answers it here)
    assert engine.answer("did mark zuckerberg join apple").kind is not AnswerKind.MOVES


def test_a_founders_company_said_as_theirs_stands_for_the_company(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    moves = (
        "moves:\n"
        "  - {person: Mira Murati, from: OpenAI, to: Thinking Machines Lab, role: founder and CEO, date: 2025-02}\n"
        "  - {person: Soumith Chintala, from: Meta, to: Thinking Machines Lab, role: CTO, date: 2025-11}\n"
    )
    body = "Mira Murati founded Thinking Machines Lab. Soumith Chintala joined it from Meta."
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "body": body,
            "moves": moves,
            "people": "Mira Murati, Soumith Chintala",
            "companies": "Meta, Thinking Machines Lab",
        },
    )
    answer = engine.answer("any meta ppl jump ship to murati's lab?")
    assert answer.kind is AnswerKind.MOVES
    assert [line.text.split(":")[0] for line in answer.lines] == ["Soumith Chintala"]
