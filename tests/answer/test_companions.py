"""Who moved with someone: the others who made the same move at about the same time."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.conversation import Conversation
from answer.engine import Engine
from answer.model import AnswerKind
from tests.conftest import FakeEmbedder, engine_of


def _move(person: str, from_: str, to: str, date: str) -> str:
    return f'  - person: {person}\n    from: {from_}\n    to: {to}\n    date: "{date}"\n'


@pytest.fixture
def engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    moves = (
        _move("Dawn Song", "Virtue AI", "Meta", "2026-06-25")
        + _move("Bo Li", "Virtue AI", "Meta", "2026-06")
        + _move("Sanmi Koyejo", "Virtue AI", "Meta", "2026-06")
        + _move("Ana Ruiz", "Virtue AI", "Meta", "2025-01")  # the same move, long before
        + _move("Tom Berg", "Apple", "Meta", "2026-06")  # the same month, from elsewhere
        + _move("Lea Stone", "Apple", "OpenAI", "2025-03")
    )
    return engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2026-06-meta-hires-dawn-song",
            "title": "Meta hires Dawn Song and her Virtue AI co-founders",
            "body": "Meta hired Dawn Song to lead AI safety. Her co-founders Bo Li and Sanmi Koyejo also joined.",
            "published": "2026-06-25",
            "people": "Dawn Song, Bo Li, Sanmi Koyejo, Ana Ruiz, Tom Berg, Lea Stone",
            "companies": "Meta, Virtue AI, Apple, OpenAI",
            "moves": f"moves:\n{moves}",
        },
    )


def test_who_came_with_someone_are_those_who_made_the_same_move_at_about_the_same_time(
    engine: Engine,
) -> None:
    answer = engine.answer("did dawn song bring anyone with her")
    assert answer.kind is AnswerKind.MOVES
    assert answer.intro.startswith(
        "2 people moved from Virtue AI to Meta at about the same time as Dawn Song"
    )
    assert [line.text.split(":")[0] for line in answer.lines] == ["Sanmi Koyejo", "Bo Li"]


def test_who_followed_someone_reads_the_person_from_the_conversation(engine: Engine) -> None:
    chat = Conversation()
    engine.answer("who is dawn song", conversation=chat)
    answer = engine.answer("who followed her", conversation=chat)
    assert {line.text.split(":")[0] for line in answer.lines} == {"Bo Li", "Sanmi Koyejo"}


def test_no_one_moving_with_someone_leaves_the_question_to_the_other_kinds(engine: Engine) -> None:
    alone = engine.answer("did lea stone bring anyone with her")
    assert "at about the same time" not in alone.intro
