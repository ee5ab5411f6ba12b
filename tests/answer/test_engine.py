"""The engine on a tiny corpus with the fake embedder: routing, dates, refusals (no model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.config import EngineConfig
from answer.conversation import Conversation
from answer.engine import Engine
from tests.conftest import OTHER_STORY, FakeEmbedder, engine_of


def test_who_hired_whom_lists_recorded_moves_with_sources(small_engine: Engine) -> None:
    answer = small_engine.answer("Who did Meta hire from Apple?")
    assert answer.kind == "moves" and answer.answered
    assert answer.lines[0].text.startswith("Ruoming Pang: Apple → Meta")
    assert answer.sources[0].url == "https://example.com/2025-07-meta-hires-pang"


def test_moves_questions_filter_by_the_moves_dates(small_engine: Engine) -> None:
    in_2024 = small_engine.answer("who was hired in 2024?")
    assert [line.text.split(":")[0] for line in in_2024.lines] == ["Tan Xu"]
    since = small_engine.answer("any hires since June 2025?")
    assert [line.text.split(":")[0] for line in since.lines] == ["Ruoming Pang"]


def test_relative_dates_with_no_articles_are_said_plainly(small_engine: Engine) -> None:
    answer = small_engine.answer("what happened this week?")
    assert not answer.answered
    assert answer.intro.startswith(
        "I have no articles from this week. The most recent article I have is from"
    )


def test_what_happened_after_the_newest_article_is_said_to_be_unreported(small_engine: Engine) -> None:
    after = small_engine.answer("how much did meta pay its researchers in march 2026")
    assert not after.answered
    assert after.intro == (
        "I have no articles from March 2026. The most recent article I have is from 7 July 2025."
    )
    # ...but what the articles expected of that time is asked of them
    expected = small_engine.answer("is meta expected to hire from apple in march 2026")
    assert expected.kind != "empty_period"


def test_overview_of_a_year_lists_its_headlines(small_engine: Engine) -> None:
    answer = small_engine.answer("what happened in 2025?")
    assert answer.kind == "overview"
    assert [s.article_id for s in answer.sources] == ["2025-07-meta-hires-pang", "2025-02-china-shortage"]


def test_names_the_corpus_never_mentions_are_refused(small_engine: Engine) -> None:
    answer = small_engine.answer("Who did Amazon hire from Nvidia?")
    assert not answer.answered and "Amazon" in answer.intro
    assert not answer.sources


def test_typo_in_a_name_still_finds_it(small_engine: Engine) -> None:
    answer = small_engine.answer("who did moonshott hire")
    assert answer.answered and "Tan Xu" in answer.plain_text()


def test_greeting_and_empty_input(small_engine: Engine) -> None:
    assert not small_engine.answer("hello!").answered
    assert "TalentBot" in small_engine.answer("hello!").intro
    assert not small_engine.answer("   ?? ").answered


def test_timings_cover_every_stage(small_engine: Engine) -> None:
    timings = small_engine.answer("Why does China lack AI engineers?").timings
    assert set(timings) == {"embed_ms", "search_ms", "compose_ms", "total_ms"}
    assert timings["total_ms"] >= timings["embed_ms"]


def test_who_runs_an_organisation_lists_leaders_who_joined_it(tmp_path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import engine_over, write_article

    corpus = tmp_path / "a"
    corpus.mkdir()
    write_article(
        corpus,
        article_id="2025-06-meta-msl",
        title="Meta names Alexandr Wang to lead MSL",
        body="Meta named Alexandr Wang its Chief AI Officer. He leads Meta Superintelligence Labs now. " * 2,
        moves=(
            "moves:\n  - person: Alexandr Wang\n    from: Scale AI\n    to: Meta\n    role: Chief AI Officer\n"
            "  - person: Shuchao Bi\n    from: OpenAI\n    to: Meta\n    role: researcher\n"
        ),
    )
    engine = engine_over(corpus, tmp_path / "d", fake_embedder)
    answer = engine.answer("who runs Meta's AI work?")
    assert [line.text.split(":")[0] for line in answer.lines] == ["Alexandr Wang"]


def test_a_move_not_on_record_is_said_plainly(small_engine: Engine) -> None:
    answer = small_engine.answer("Did Moonshot AI hire anyone from Apple?")
    assert not answer.answered
    assert answer.intro == "I have no record of talent moves to Moonshot AI from Apple."
    dated = small_engine.answer("Who did Meta hire from Apple in 2023?")
    assert not dated.answered and dated.intro.endswith("from Apple in 2023.")


def test_who_else_leaves_out_the_people_it_names(tmp_path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import engine_over, write_article

    corpus = tmp_path / "articles"
    corpus.mkdir()
    write_article(
        corpus,
        moves=(
            "moves:\n  - {person: Noam Shazeer, from: Character.AI, to: Google, date: 2024-08}\n"
            "  - {person: Daniel De Freitas, from: Character.AI, to: Google, date: 2024-08}\n"
        ),
    )
    engine = engine_over(corpus, tmp_path / "data", fake_embedder)
    for question in (
        "besides Noam Shazeer, who else came back to Google from Character.AI?",
        "Shazeer wasn't the only one Google hired from Character.AI, who else?",
    ):
        answer = engine.answer(question)
        assert [line.text.split(":")[0] for line in answer.lines] == ["Daniel De Freitas"], question


def _cuts_engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    """Meta's job cuts, told in one article, and an article about something else."""
    return engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-10-meta-cuts-msl-jobs",
            "title": "Meta cuts 600 jobs in its superintelligence labs",
            "body": "Meta is eliminating about 600 positions in its superintelligence labs, Alexandr Wang told staff. "
            "The cuts fall on the FAIR research group and the product AI teams. The TBD Lab team is spared "
            "and keeps all of its researchers.",
            "published": "2025-10-22",
            "companies": "Meta",
            "people": "Alexandr Wang",
        },
        OTHER_STORY,
        config=EngineConfig(thresholds={"hybrid": 0.15}),
    )


def test_a_short_question_nothing_answered_goes_on_with_the_last_story(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _cuts_engine(tmp_path, fake_embedder)
    assert not engine.answer("which team was spared").answered  # alone, too vague to answer
    chat = Conversation()
    assert engine.answer(
        "how many jobs did meta cut in its superintelligence labs", conversation=chat
    ).answered
    follow_up = engine.answer("which team was spared", conversation=chat)
    assert follow_up.answered and "TBD Lab" in follow_up.plain_text()
    assert follow_up.understood_as == "which team was spared (Meta)?"  # says how it was read


@pytest.mark.parametrize(
    "question",
    [
        "how much does a plumber earn",  # words the story never uses: a question of its own
        "whats the capital of france",  # a place of its own
    ],
)
def test_a_question_of_its_own_is_not_asked_of_the_last_story(
    tmp_path: Path, fake_embedder: FakeEmbedder, question: str
) -> None:
    engine = _cuts_engine(tmp_path, fake_embedder)
    chat = Conversation()
    engine.answer("how many jobs did meta cut in its superintelligence labs", conversation=chat)
    unrelated = engine.answer(question, conversation=chat)
    assert not unrelated.answered and not unrelated.understood_as
