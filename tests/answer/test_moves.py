"""The recorded moves: merged across articles, filtered by a question, described and listed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from answer.model import AnswerKind
from answer.moves import MAX_MOVES, RecordedMove, collect_moves, compose_moves, describe_move, filter_moves
from answer.query import Question, parse_question
from corpus.entities import EntityIndex
from corpus.model import Article, Move
from tests.conftest import FIXED_TODAY, FakeEmbedder, engine_of, make_article, parse


def move(
    person: str, to: str, from_: str | None = None, role: str | None = None, date: str | None = None
) -> Move:
    return Move.model_validate({"person": person, "from": from_, "to": to, "role": role, "date": date})


def article(
    article_id: str, published: str, moves: Sequence[Move] = (), companies: Sequence[str] = ("Meta", "Apple")
) -> Article:
    parsed = parse(make_article(article_id=article_id, published=published, title=f"Story {article_id}"))
    return parsed.model_copy(update={"moves": tuple(moves), "companies": tuple(companies)})


# ---------------------------------------------------------------------------------------- collect_moves


def test_the_same_move_from_several_articles_is_merged() -> None:
    articles = [  # given newest first: the order must not matter
        article("third", "2025-07-20", [move("Ruoming Pang", "Meta", from_="Apple", date="2025-07")]),
        article(
            "second",
            "2025-07-10",
            [
                move(
                    "Ruoming Pang", "Meta", from_="Apple", role="head of foundation models", date="2025-07-07"
                )
            ],
        ),
        article("first", "2025-07-01", [move("Ruoming Pang", "Meta", date="2025")]),
    ]

    (recorded,) = collect_moves(articles)

    assert recorded.article_id == "first"  # cited to the first report
    assert recorded.published == dt.date(2025, 7, 1)
    assert recorded.move.date == "2025-07-07"  # the most precise date
    assert recorded.move.role == "head of foundation models"
    assert recorded.move.from_ == "Apple"
    assert (
        describe_move(recorded.move) == "Ruoming Pang: Apple → Meta, head of foundation models (7 July 2025)"
    )


def test_a_later_vaguer_date_does_not_replace_a_precise_one() -> None:
    articles = [
        article("first", "2025-07-08", [move("Ruoming Pang", "Meta", role="researcher", date="2025-07-07")]),
        article("later", "2025-08-01", [move("Ruoming Pang", "Meta", role="researcher", date="2025")]),
    ]

    (recorded,) = collect_moves(articles)

    assert recorded.move.date == "2025-07-07" and recorded.article_id == "first"


def test_same_move_written_in_different_case_is_one_move() -> None:
    articles = [
        article("first", "2025-07-01", [move("Ruoming Pang", "Meta")]),
        article("second", "2025-07-02", [move("ruoming pang", "META")]),
    ]

    assert len(collect_moves(articles)) == 1


def test_different_moves_stay_separate() -> None:
    articles = [
        article(
            "story-a",
            "2025-07-01",
            [move("Ruoming Pang", "Meta", from_="Apple"), move("Tan Xu", "Moonshot AI")],
        ),
        article("story-b", "2025-09-01", [move("Ruoming Pang", "OpenAI", from_="Meta")]),
    ]

    moves = collect_moves(articles)

    assert sorted((r.move.person, r.move.to) for r in moves) == [
        ("Ruoming Pang", "Meta"),
        ("Ruoming Pang", "OpenAI"),
        ("Tan Xu", "Moonshot AI"),
    ]


def test_a_later_report_naming_where_the_person_came_from_is_used() -> None:
    articles = [
        article("first", "2025-07-01", [move("Ruoming Pang", "Meta", role="researcher", date="2025-07")]),
        article(
            "second",
            "2025-07-02",
            [move("Ruoming Pang", "Meta", from_="Apple", role="researcher", date="2025-07")],
        ),
    ]

    (recorded,) = collect_moves(articles)

    assert describe_move(recorded.move) == "Ruoming Pang: Apple → Meta, researcher (July 2025)"


# ----------------------------------------------------------------------------------------- filter_moves


@pytest.fixture
def corpus_articles() -> list[Article]:
    return [
        article(
            "pang",
            "2025-07-08",
            [move("Ruoming Pang", "Meta", from_="Apple", role="researcher", date="2025-07")],
        ),
        article("zhao", "2025-06-30", [move("Shengjia Zhao", "Meta", from_="OpenAI", date="2025-06-25")]),
        article("beyer", "2025-06-27", [move("Lucas Beyer", "Meta", from_="OpenAI", date="2025")]),
        article("tan", "2024-08-20", [move("Tan Xu", "Moonshot AI", from_="Microsoft Research Asia")]),
        article(
            "wu-yonghui",
            "2025-02-20",
            [move("Wu Yonghui", "ByteDance Seed", from_="Google DeepMind", date="2025-02")],
            companies=("Google", "ByteDance"),
        ),
    ]


def ask(text: str, articles: list[Article]) -> Question:
    return parse_question(text, EntityIndex.from_articles(articles), FIXED_TODAY, set())


def people(moves: list[RecordedMove]) -> list[str]:
    return [r.move.person for r in moves]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who did Meta hire?", ["Ruoming Pang", "Shengjia Zhao", "Lucas Beyer"]),
        ("Who left OpenAI?", ["Shengjia Zhao", "Lucas Beyer"]),
        ("Who did Meta hire from Apple?", ["Ruoming Pang"]),
        ("Who joined Moonshot AI?", ["Tan Xu"]),
        ("Who did Google hire?", []),  # Google lost people; it hired no one here
        ("Who left Google?", ["Wu Yonghui"]),  # "Google" covers "Google DeepMind"
        ("Where did Ruoming Pang go?", ["Ruoming Pang"]),
        ("Where did Pang go?", ["Ruoming Pang"]),
        ("Who did Meta hire in July 2025?", ["Ruoming Pang", "Lucas Beyer"]),  # "2025" could be July
        ("Who did Meta hire in June 2025?", ["Shengjia Zhao", "Lucas Beyer"]),
        ("Who did Meta hire in 2024?", []),
        ("Who joined Moonshot AI in 2024?", ["Tan Xu"]),  # undated move: the article's date counts
        ("Who joined Moonshot AI in 2025?", []),
        ("Who moved since 2025?", ["Ruoming Pang", "Shengjia Zhao", "Wu Yonghui", "Lucas Beyer"]),
    ],
)
def test_filter_moves_by_question(question: str, expected: list[str], corpus_articles: list[Article]) -> None:
    moves = collect_moves(corpus_articles)

    assert people(filter_moves(moves, ask(question, corpus_articles))) == expected


def test_filter_moves_newest_first(corpus_articles: list[Article]) -> None:
    moves = collect_moves(corpus_articles)

    found = filter_moves(moves, ask("Who moved?", corpus_articles))

    # A year-only date ("2025") sorts after the dated moves of that year.
    assert people(found) == ["Ruoming Pang", "Shengjia Zhao", "Wu Yonghui", "Lucas Beyer", "Tan Xu"]


# ---------------------------------------------------------------------------------------- describe_move


@pytest.mark.parametrize(
    ("m", "text"),
    [
        (
            move("Ruoming Pang", "Meta", from_="Apple", role="researcher", date="2025-07"),
            "Ruoming Pang: Apple → Meta, researcher (July 2025)",
        ),
        (move("Tan Xu", "Moonshot AI"), "Tan Xu: joined Moonshot AI"),
        (move("Tan Xu", "Moonshot AI", date="2024-08-20"), "Tan Xu: joined Moonshot AI (20 August 2024)"),
        (move("Lucas Beyer", "Meta", from_="OpenAI"), "Lucas Beyer: OpenAI → Meta"),
        (
            move("Mira Murati", "Thinking Machines Lab", role="founder"),
            "Mira Murati: joined Thinking Machines Lab, founder",
        ),
    ],
)
def test_describe_move(m: Move, text: str) -> None:
    assert describe_move(m) == text


def test_compose_moves_cites_each_article_once_in_order_of_use(corpus_articles: list[Article]) -> None:
    q = ask("Who did Meta hire?", corpus_articles)
    found = filter_moves(collect_moves(corpus_articles), q)

    answer = compose_moves(q, found, {a.id: a for a in corpus_articles})
    text = answer.plain_text()

    assert answer.answered and answer.kind is AnswerKind.MOVES
    assert text.startswith(
        "3 talent moves to Meta, newest first:\n- Ruoming Pang: Apple → Meta, researcher (July 2025) [1]"
    )
    assert [s.article_id for s in answer.sources] == ["pang", "zhao", "beyer"]
    assert "[3] Example News, 2025-06-27: Story beyer https://example.com/beyer" in text


def test_compose_moves_shows_at_most_max_moves_and_says_how_many_more() -> None:
    articles = [
        article(
            f"hire-{i:02d}",
            f"2025-03-{i + 1:02d}",
            [move(f"Person Number{i}", "Meta", date=f"2025-03-{i + 1:02d}")],
        )
        for i in range(MAX_MOVES + 3)
    ]
    q = ask("Who did Meta hire?", articles)
    found = filter_moves(collect_moves(articles), q)

    answer = compose_moves(q, found, {a.id: a for a in articles})

    assert len(answer.lines) == MAX_MOVES
    assert answer.lines[0].text.startswith(f"Person Number{MAX_MOVES + 2}:")  # newest first
    assert answer.intro.startswith(f"{MAX_MOVES + 3} talent moves to Meta")
    assert "…and 3 more" in answer.plain_text()


def test_a_move_known_only_to_the_year_is_not_news_of_this_week() -> None:
    articles = [
        article("vague", "2026-11-20", [move("Year Only", "Meta", date="2026")]),
        article("month", "2026-11-20", [move("Month Known", "Meta", date="2026-11")]),
    ]
    this_week = ask("who joined Meta this week?", articles)
    assert people(filter_moves(collect_moves(articles), this_week)) == ["Month Known"]
    this_year = ask("who joined Meta in 2026?", articles)
    assert sorted(people(filter_moves(collect_moves(articles), this_year))) == ["Month Known", "Year Only"]


def test_a_part_of_a_company_no_move_names_is_read_as_the_company(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2026-04-anthropic-hires-boyd",
            "title": "Anthropic hires Microsoft's Eric Boyd",
            "body": "Anthropic hired Eric Boyd, who led the Azure AI organisation at Microsoft, to run infrastructure.",
            "moves": "moves:\n  - person: Eric Boyd\n    from: Microsoft\n    to: Anthropic\n",
            "companies": "Anthropic, Microsoft, Azure AI",
            "people": "Eric Boyd",
        },
    )
    answer = engine.answer("who did anthropic take from microsoft's azure ai side")
    assert answer.kind is AnswerKind.MOVES and "Eric Boyd" in answer.plain_text()
    assert answer.intro.startswith("1 talent move to Anthropic from Microsoft,")
