"""Every ask answered: an ask the first answer leaves out is answered on its own and its best line added."""

from __future__ import annotations

from pathlib import Path

from answer.model import AnswerKind
from tests.conftest import FakeEmbedder, any_passage_engine, moves_front_matter

XAI = {
    "article_id": "2026-03-xai-rebuilt",
    "title": "Musk says xAI is being rebuilt and hires two Cursor engineers",
    "body": (
        "Elon Musk said xAI is being rebuilt from the ground up. xAI recruited two engineers from Cursor: Andrew "
        "Milich and Jason Ginsberg."
    ),
    "published": "2026-03-13",
    "companies": "xAI, Cursor",
    "people": "Elon Musk, Andrew Milich, Jason Ginsberg",
    "moves": moves_front_matter(
        "Andrew Milich | Cursor | xAI |  | 2026-03", "Jason Ginsberg | Cursor | xAI |  | 2026-03"
    ),
}

TALENT_HEAD = {
    "article_id": "2026-02-xai-talent-head",
    "title": "xAI names a head of talent",
    "body": "xAI's head of talent, Baris Akis, is calling back engineers the company turned down.",
    "published": "2026-02-20",
    "companies": "xAI",
    "people": "Baris Akis",
}


def test_a_role_asked_beside_a_list_of_moves_is_answered_too(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = any_passage_engine(tmp_path, fake_embedder, XAI, TALENT_HEAD)
    answer = engine.answer("which two cursor engineers did xai hire and who is xai's head of talent")
    assert answer.kind is AnswerKind.MOVES
    text = answer.plain_text()
    assert "Andrew Milich: Cursor → xAI" in text and "Jason Ginsberg: Cursor → xAI" in text
    assert "Baris Akis" in text  # the role, from its own answer, cited
    assert "[2] Example News, 2026-02-20: xAI names a head of talent" in text


def test_a_question_asking_one_thing_is_answered_as_before(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = any_passage_engine(tmp_path, fake_embedder, XAI, TALENT_HEAD)
    answer = engine.answer("which two cursor engineers did xai hire")
    assert "Baris Akis" not in answer.plain_text()
