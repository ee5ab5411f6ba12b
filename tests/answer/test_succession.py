"""Who took over: from a sentence reporting the change, when the recorded moves only say who left."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.engine import Engine, EngineConfig
from answer.kinds.succession import asked_predecessor
from answer.model import AnswerKind
from tests.conftest import FakeEmbedder, engine_of, engine_over, moves_front_matter, write_article

ARTICLES = [
    (
        "2025-07-windsurf-ceo-leaves",
        "Google DeepMind hires Windsurf's chief executive",
        "Google DeepMind hired Windsurf chief executive Varun Mohan. Most of Windsurf's staff are staying. "
        "Jeff Wang, previously head of business, has become interim chief executive of the company.",
        "Windsurf, Google DeepMind",
        "Varun Mohan, Jeff Wang",
        'moves:\n  - person: Varun Mohan\n    from: Windsurf\n    to: Google DeepMind\n    date: "2025-07-11"\n',
    ),
    (
        "2026-03-qwen-post-training-lead",
        "Alibaba hires a new Qwen post-training lead",
        "Yu Bowen left Alibaba for ByteDance in March. Alibaba has appointed Zhou Hao to run Qwen "
        "post-training. He takes over from Yu Bowen, who had run it since 2023.",
        "Alibaba, ByteDance",
        "Yu Bowen, Zhou Hao",
        'moves:\n  - person: Yu Bowen\n    from: Alibaba\n    to: ByteDance\n    date: "2026-03"\n',
    ),
    (
        "2026-03-qwen-lead-resigns",
        "Qwen's technical lead resigns",
        "Lin Junyang, the technical lead of Alibaba's Qwen models, has resigned. Alibaba did not comment.",
        "Alibaba",
        "Lin Junyang",
        'moves:\n  - person: Lin Junyang\n    from: Alibaba\n    date: "2026-03"\n',
    ),
]


@pytest.fixture
def engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for article_id, title, body, companies, people, moves in ARTICLES:
        write_article(
            corpus,
            article_id=article_id,
            title=title,
            body=body,
            published="2026-03-05",
            moves=moves,
            companies=companies,
            people=people,
        )
    return engine_over(corpus, tmp_path / "data", fake_embedder)


def test_who_replaced_someone_gets_the_sentence_naming_the_successor(engine: Engine) -> None:
    answer = engine.answer("who did alibaba bring in to replace yu bowen")
    assert answer.answered and answer.kind is AnswerKind.ROLE
    text = answer.plain_text()
    assert "Alibaba has appointed Zhou Hao" in text  # the sentence "He takes over..." needs
    assert "He takes over from Yu Bowen" in text
    assert "Yu Bowen: Alibaba → ByteDance" in text


def test_who_runs_a_company_after_its_leader_left(engine: Engine) -> None:
    for question in ("windsurf's ceo after mohan left for google", "who is the ceo of windsurf now"):
        text = engine.answer(question).plain_text()
        assert "Jeff Wang, previously head of business, has become interim chief executive" in text, question


def test_no_successor_on_record_is_not_made_up(engine: Engine) -> None:
    answer = engine.answer("who replaced lin junyang")
    assert answer.kind is not AnswerKind.ROLE
    assert "Zhou Hao" not in answer.plain_text()


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("who replaced yu bowen", "Yu Bowen"),
        ("who took over after varun mohan left", "Varun Mohan"),
        ("who did zhou hao replace?", None),  # asks who came before
        ("where did yu bowen go", None),
    ],
)
def test_which_questions_ask_for_a_successor(engine: Engine, question: str, asked: str | None) -> None:
    assert asked_predecessor(engine.parse(question)) == asked


def test_a_newcomer_to_a_title_is_found_however_the_sentence_says_it(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    hume = {
        "article_id": "2026-01-deepmind-hires-hume-ceo",
        "title": "Google DeepMind hires Hume AI's chief executive Alan Cowen",
        "body": "Google DeepMind hired Alan Cowen, chief executive of Hume AI. Hume itself is not being bought. "
        "It will continue as an independent company under a new chief executive, Andrew Ettinger.",
        "published": "2026-01-22",
        "companies": "Google DeepMind, Hume AI",
        "people": "Alan Cowen, Andrew Ettinger",
    }
    character = {
        "article_id": "2024-09-google-character-deal",
        "title": "Google's Character.AI deal brings back its founders",
        "body": "Google rehired the founders of Character.AI. Character.AI's general counsel, Dominic Perella, "
        "stepped in as interim chief executive of the start-up.",
        "published": "2024-09-26",
        "companies": "Google, Character.AI",
        "people": "Dominic Perella",
    }
    scale = {
        "article_id": "2025-06-meta-scale",
        "title": "Meta invests in Scale AI",
        "body": "Alexandr Wang, who founded Scale AI, left to run Meta's new lab. Meta took a 49% stake in Scale "
        "AI. Leadership of Scale AI passes to Jason Droege, previously its chief strategy officer, who "
        "becomes interim chief executive.",
        "published": "2025-06-13",
        "companies": "Meta, Scale AI",
        "people": "Jason Droege",
    }
    engine = engine_of(
        tmp_path, fake_embedder, hume, character, scale, config=EngineConfig(thresholds={"hybrid": 0.0})
    )
    # named by its own word ("Hume") in the sentence before; the name typed in full is no part of it
    assert "Andrew Ettinger" in engine.answer("who leads hume ai").plain_text()
    assert (
        "Dominic Perella"
        in engine.answer("who's the interim ceo at character.ai after the google deal").plain_text()
    )
    assert "Jason Droege" in engine.answer("who is scale ai's interim ceo").plain_text()
    # ...and who took over from a founder who left: that one line, not the founder's story
    took_over = engine.answer("who took over scale ai after wang left")
    assert [line.text for line in took_over.lines] == [scale["body"].split(". ")[-1]]


def test_who_ended_up_running_a_company_whose_leaders_on_record_left_is_who_took_over(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    character = {
        "article_id": "2024-09-google-character-deal",
        "title": "Google's Character.AI deal brings back Noam Shazeer",
        "body": "Google rehired Noam Shazeer, who co-founded Character.AI. Character.AI's general counsel, "
        "Dominic Perella, stepped in as interim chief executive of the start-up.",
        "published": "2024-09-26",
        "companies": "Google, Character.AI",
        "people": "Noam Shazeer, Dominic Perella",
        "moves": moves_front_matter(
            "Noam Shazeer | Google | Character.AI | co-founder | 2021",
            "Noam Shazeer | Character.AI | Google | researcher | 2024-08",
        ),
    }
    windsurf = {
        "article_id": "2025-07-google-windsurf",
        "title": "Google hires Windsurf's chief executive",
        "body": "After its Character.AI deal Google went on to hire Windsurf chief executive Varun Mohan.",
        "published": "2025-07-14",
        "companies": "Google, Windsurf, Character.AI",
        "people": "Varun Mohan",
    }
    engine = engine_of(
        tmp_path, fake_embedder, character, windsurf, config=EngineConfig(thresholds={"hybrid": 0.0})
    )
    answer = engine.answer("who ended up running character.ai after that")
    assert answer.lines[0].text.startswith("Character.AI's general counsel, Dominic Perella")
    assert "Varun Mohan" not in answer.plain_text()  # Windsurf's chief executive, not Character.AI's
