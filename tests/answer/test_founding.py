"""When someone founded their company: the recorded founder move's month, then the articles' sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.engine import Engine
from answer.model import AnswerKind
from tests.conftest import FakeEmbedder, engine_of, moves_front_matter

LAUNCH = "Mira Murati unveiled her new start-up, Thinking Machines Lab, on 18 February 2025."
RAISE = "Thinking Machines Lab, founded by Mira Murati, raised $2 billion in July 2025."


@pytest.fixture
def engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    return engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-02-murati-launches-tml",
            "title": "Mira Murati launches Thinking Machines Lab",
            "body": f"{LAUNCH} She left OpenAI in 2024.",
            "published": "2025-02-19",
            "companies": "Thinking Machines Lab, OpenAI",
            "people": "Mira Murati",
            "moves": moves_front_matter(
                "Mira Murati | OpenAI | Thinking Machines Lab | founder and CEO | 2025-02"
            ),
        },
        {
            "article_id": "2025-07-tml-raises",
            "title": "Thinking Machines Lab raises $2 billion",
            "body": f"{RAISE} It is valued at $12 billion.",
            "published": "2025-07-15",
            "companies": "Thinking Machines Lab",
            "people": "Mira Murati",
        },
    )


@pytest.mark.parametrize(
    "question",
    [
        "when did murati start thinking machines",
        "when did mira murati launch her startup",
        "what year did murati found tml",
    ],
)
def test_when_someone_started_their_company_is_their_founder_move(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.kind is AnswerKind.EXTRACTIVE
    texts = [line.text for line in answer.lines]
    assert texts[0] == "Mira Murati founded Thinking Machines Lab on 18 February 2025."
    assert RAISE not in texts  # the company's later news is not when it started


def test_a_date_of_something_else_is_not_the_founding(engine: Engine) -> None:
    answer = engine.answer("when did thinking machines lab raise $2 billion")
    assert "founded Thinking Machines Lab in February 2025" not in answer.plain_text()
