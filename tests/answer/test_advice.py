"""Advice and predictions are declined plainly; a forecast the articles report is still answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.engine import Engine
from answer.kinds.advice import CHORE, DECLINE, asks_advice
from answer.model import AnswerKind
from tests.conftest import FakeEmbedder, engine_over, write_article


@pytest.fixture
def engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    write_article(
        corpus,
        article_id="2025-02-china-ai-talent-gap",
        title="China could be 4 million AI workers short by 2030",
        body="China will need 6 million AI professionals by 2030 and could be 4 million short. Fresh AI PhD "
        "graduates are offered up to 1 million yuan a year. Meta hired Ruoming Pang from Apple.",
    )
    return engine_over(corpus, tmp_path / "data", fake_embedder)


@pytest.mark.parametrize(
    "question",
    [
        "should i do a phd in ai",
        "how do i become an ai researcher",
        "is it worth learning cuda",
        "is a phd in ml still worth it in 2026",
        "whats the best ai stock to buy rn",
        "any tips for getting hired at meta",
        "who will win the ai race",
        "will meta win the talent war",
        "is the ai bubble going to burst",
        "how do i apply for an o-1 visa",
        "what time is it in beijing",
        "tell me a joke",
        "best online ml course to get hired at deepmind",
        "whats the best ai lab to work at",
        "is it a good time to buy nvidia shares",
        "should i sell my meta stock",
        "btw whats the best phd program for ai in europe",
        "best open source llm for coding rn?",
    ],
)
def test_advice_and_predictions_are_declined(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert not answer.answered and answer.kind is AnswerKind.ADVICE
    assert answer.intro in (DECLINE, CHORE)
    assert not answer.sources


@pytest.mark.parametrize(
    "question",
    [
        "how short of ai workers could china be by 2030",
        "what are fresh ai phds offered in china",
        "who did meta hire from apple",
        "will china need more ai professionals by 2030",
        "how do i subscribe",
        "remind me the date meta hired pang",
        "what was meta's offer worth",
        "who runs ssi and how much is it worth",  # a valuation
        "did meta buy back shares from staff",
        "which phd programme does huawei run for top graduates",
        "which lab has the best researchers",
    ],
)
def test_questions_about_the_news_are_not_advice(engine: Engine, question: str) -> None:
    assert not asks_advice(question)
    assert engine.answer(question).kind is not AnswerKind.ADVICE
