"""News about one company or person: its articles' headlines, newest first, each cited."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.engine import Engine
from answer.model import AnswerKind
from tests.conftest import FakeEmbedder, engine_of


@pytest.fixture
def engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    return engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-03-meta-hires-pang",
            "title": "Meta hires Ruoming Pang from Apple",
            "body": "Meta hired Ruoming Pang from Apple in March 2025.",
            "published": "2025-03-10",
            "companies": "Meta, Apple",
            "people": "Ruoming Pang",
        },
        {
            "article_id": "2026-01-meta-cuts-jobs",
            "title": "Meta cuts 600 jobs in its AI unit",
            "body": "Meta cut about 600 jobs in its AI unit in January 2026.",
            "published": "2026-01-20",
            "companies": "Meta",
            "people": "",
        },
        {
            "article_id": "2025-06-openai-bonus",
            "title": "OpenAI pays a one-time bonus",
            "body": "OpenAI paid a one-time bonus to its technical staff in June 2025.",
            "published": "2025-06-05",
            "companies": "OpenAI",
            "people": "",
        },
    )


@pytest.mark.parametrize(
    "question",
    [
        "any news on Meta?",
        "latest on meta",
        "what's new with Meta",
        "do you have news about meta",
        "meta news",
    ],
)
def test_news_about_a_company_lists_its_headlines_newest_first(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.kind is AnswerKind.OVERVIEW and answer.answered
    assert answer.intro == "2 articles about Meta, newest first:"
    assert [line.text for line in answer.lines] == [
        "20 Jan 2026: Meta cuts 600 jobs in its AI unit",
        "10 Mar 2025: Meta hires Ruoming Pang from Apple",
    ]
    assert all(line.citations for line in answer.lines)


@pytest.mark.parametrize(
    "question", ["any news on meta's pay", "news about meta and openai", "who did meta hire"]
)
def test_a_question_about_something_of_theirs_is_not_their_news(engine: Engine, question: str) -> None:
    assert engine.answer(question).intro != "2 articles about Meta, newest first:"
