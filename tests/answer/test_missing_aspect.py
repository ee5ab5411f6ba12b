"""A question about something the articles do not track (revenue, a product launch, chips), asked of a company
they cover, is refused naming what is missing, not answered with a passage about the company."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.config import EngineConfig
from answer.engine import Engine
from answer.model import AnswerKind
from tests.conftest import FakeEmbedder, any_passage_engine, engine_over, write_article

ARTICLES = {
    "2026-05-moonshot-kimi-team": (
        "Moonshot AI grows its Kimi team",
        "Moonshot AI hired ten researchers for its Kimi chatbot team in May. Moonshot AI staff say the Kimi "
        "team works long hours.",
    ),
    "2026-06-zhipu-listing": (
        "Zhipu reports revenue after its listing",
        "Zhipu said its revenue doubled. Zhipu launched a new model on Nvidia chips.",
    ),
}


@pytest.fixture
def engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    """One passage searched per question, every passage relevant enough: what decides is what it says."""
    directory = tmp_path / "articles"
    directory.mkdir()
    for article_id, (title, body) in ARTICLES.items():
        write_article(
            directory,
            article_id=article_id,
            title=title,
            body=body,
            published="2026-06-20",
            companies="Moonshot AI, Zhipu",
        )
    return engine_over(
        directory, tmp_path / "data", fake_embedder, EngineConfig(k=1, thresholds={"hybrid": 0.0})
    )


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("moonshot ai kimi team revenue", "revenue"),
        ("when did moonshot ai launch the kimi team", "launch"),
        ("which chips does the moonshot ai kimi team use", "chips"),
        ("moonshot ai kimi team R&D plans", "R&D"),  # a term written with a sign
        ("whats the moonshot ai kimi team market cap", "market cap"),  # a term of two words
        ("how many parameters does the moonshot ai kimi team model have", "parameters"),  # a model's make-up
        ("how long is the moonshot ai kimi team model's context window", "context window"),
        ("is the moonshot ai kimi team going public", "going public"),
        ("how is the eu ai act affecting the moonshot ai kimi team", "AI Act"),  # a law the articles lack
        ("how much vacation does the moonshot ai kimi team get", "vacation"),
        ("whats the moonshot ai kimi team remote work policy", "remote"),
        (
            "whats the population of the city the moonshot ai kimi team is in",
            "population",
        ),  # general knowledge
    ],
)
def test_an_aspect_no_passage_mentions_is_refused_by_name(
    engine: Engine, question: str, missing: str
) -> None:
    q = engine.parse(question)
    found = engine.retrieve(q, engine.embedder.encode([q.text])[0], "hybrid", None)
    assert [h.article_id for h in found.hits] == ["2026-05-moonshot-kimi-team"]
    answer = engine.answer(question)
    assert not answer.answered and answer.kind is AnswerKind.NOT_FOUND
    assert f"say nothing about “{missing}”" in answer.intro


def test_an_aspect_the_passage_mentions_is_answered(engine: Engine) -> None:
    answer = engine.answer("zhipu revenue")
    assert answer.answered and "revenue doubled" in answer.plain_text()


def test_an_aspect_said_of_something_else_does_not_answer(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = any_passage_engine(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2026-06-apple-headset-lead-leaves",
            "title": "Apple's headset lead leaves for OpenAI",
            "body": "The Apple vice president responsible for the Vision Pro headset is leaving for OpenAI. "
            "Apple plans to release a new Siri in March 2026.",
            "published": "2026-06-27",
            "companies": "Apple, OpenAI",
        },
    )
    refused = engine.answer("when did apple release the vision pro")
    assert not refused.answered and "say nothing about “release”" in refused.intro
    assert engine.answer("when will apple release the new siri").answered  # said of what is asked


def test_an_aspect_asked_of_nothing_in_particular_may_be_said_of_anything(engine: Engine) -> None:
    from answer.kinds.missing_aspect import _about

    q = engine.parse("what was the revenue")
    assert _about(q, q.text, "revenue", {"revenue", "doubled"}) == ()  # no word it must be said with
    named = engine.parse("what was zhipu's revenue")
    assert _about(named, named.text, "revenue", {"revenue", "doubled"}) == ("zhipu",)


def test_a_second_ask_about_an_aspect_no_passage_mentions_leaves_the_first_answered(engine: Engine) -> None:
    answer = engine.answer("how many researchers did moonshot ai hire for kimi and what is its revenue")
    assert answer.answered and "ten researchers" in answer.plain_text()
    assert "I found nothing in my articles that answers “what is its revenue”" in answer.note


def test_an_aspect_said_in_another_form_or_inside_a_hyphenated_word_is_mentioned(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = any_passage_engine(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-12-study-chinese-researchers-stay",
            "title": "A study follows Chinese researchers in the US",
            "body": "The study followed 100 Chinese-born researchers at US labs, and 87 of them were still there. "
            "Their employers traded offers with rival labs all year.",
            "published": "2025-12-03",
            "companies": "Carnegie",
        },
    )
    born = engine.answer("how many chinese born researchers from the study were still at us labs")
    assert born.answered and "87 of them" in born.plain_text()
    traded = engine.answer("what offers were the employers trading with rival labs")
    assert traded.answered and "traded offers" in traded.plain_text()


def test_an_aspect_word_said_of_people_asks_about_the_people(engine: Engine) -> None:
    answer = engine.answer("is moonshot ai trading researchers with the kimi team")
    assert answer.answered and "ten researchers" in answer.plain_text()


def test_a_debut_on_an_exchange_is_said_by_the_words_of_a_listing(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = any_passage_engine(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2026-02-zhipu-lists",
            "title": "Zhipu lists in Hong Kong",
            "body": "Zhipu began trading in Hong Kong on 8 January 2026. Its staff hold shares.",
            "published": "2026-02-20",
            "companies": "Zhipu",
        },
    )
    answer = engine.answer("what day did zhipu debut in hong kong")
    assert answer.answered and "8 January 2026" in answer.plain_text()


def test_an_aspect_asked_of_someone_before_another_ask_is_asked_of_them(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    """ "Her degree and where she worked before": the degree is asked of her, not of where she worked."""
    engine = any_passage_engine(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-11-luo-fuli-joins-xiaomi",
            "title": "Luo Fuli joins Xiaomi",
            "body": "Luo Fuli, born in 1995, holds a master's degree from Peking University. Before DeepSeek "
            "she worked at Alibaba DAMO Academy, the research arm of Alibaba.",
            "published": "2025-11-12",
            "people": "Luo Fuli",
            "companies": "Xiaomi, DeepSeek, Alibaba",
        },
    )
    answer = engine.answer("luo fuli's degree and where she worked before deepseek?")
    assert answer.answered
    assert "Peking University" in answer.plain_text() and "Alibaba DAMO Academy" in answer.plain_text()


def test_a_listing_asked_of_a_job_is_no_share_listing(engine: Engine) -> None:
    # "listing" is a job's as often as a share's: a question saying it is not refused for want of a listing
    answer = engine.answer("that moonshot ai kimi team job listing, how many researchers")
    assert answer.answered


def test_a_launch_of_a_company_named_is_its_start_not_a_product_launch(engine: Engine) -> None:
    # "when did moonshot ai launch the kimi team" asks of a product-like launch; "moonshot ai launch" is its start
    answer = engine.answer("moonshot ai launch and kimi team hires, when")
    assert "say nothing about “launch”" not in answer.intro
