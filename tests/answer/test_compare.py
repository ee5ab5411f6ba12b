""" "Compare Meta and OpenAI": the companies side by side, every fact in the table cited to its article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from answer.engine import Engine
from answer.model import Answer, AnswerKind, Table
from tests.conftest import FakeEmbedder
from tests.rivals import META_PAY, OPENAI_PAY, rivals_engine

ROW_LABELS = [
    "Moves in",
    "Moves out",
    "Hired from the other",
    "Leaders hired",
    "Pay & retention",
    "Latest article",
]


@pytest.fixture
def engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    return rivals_engine(tmp_path, fake_embedder)


def cells(answer: Answer, company: str) -> dict[str, str]:
    assert answer.table is not None
    column = answer.table.columns.index(company)
    return {row[0]: row[column] for row in answer.table.rows}


def cited_article(answer: Answer, cell: str) -> str:
    """The one article a cell cites."""
    [number] = {int(n) for n in re.findall(r"\[(\d+)\]", cell)}
    return next(s.article_id for s in answer.sources if s.number == number)


def test_companies_side_by_side_with_moves_leaders_pay_and_latest_article(engine: Engine) -> None:
    answer = engine.answer("compare Meta and OpenAI")

    assert answer.kind is AnswerKind.COMPARE and answer.answered
    assert answer.table is not None
    assert answer.table.columns == ("", "Meta", "OpenAI")
    assert [row[0] for row in answer.table.rows] == ROW_LABELS
    meta, openai = cells(answer, "Meta"), cells(answer, "OpenAI")
    # Counts with the names the most articles report (here each once), a leader first (Wang, Chief AI Officer,
    # also with his role in the leaders' row), then the newest.
    assert meta["Moves in"].startswith("3, notable: Alexandr Wang [1]; Lucas Beyer [")
    assert "Jiahui Yu" in meta["Moves in"] and "Alexandr Wang" in meta["Moves in"]
    assert meta["Moves out"].startswith("1, notable: Yann LeCun [")
    # Whom each hired from the other: Meta's two researchers from OpenAI, none the other way.
    assert meta["Hired from the other"].startswith("2, notable: ")
    assert (
        "Lucas Beyer" in meta["Hired from the other"] and "Alexandr Wang" not in meta["Hired from the other"]
    )
    assert openai["Hired from the other"] == "none on record"
    assert meta["Leaders hired"].startswith("1, notable: Alexandr Wang, Chief AI Officer [")
    assert openai["Moves out"].startswith("3, notable: ")
    assert "John Schulman" in openai["Moves out"]
    assert openai["Leaders hired"].startswith("1, notable: Noam Shazeer, lead for architecture research [")
    # Pay: the sentence naming the company, not the other one's; the latest article whose title names it.
    assert meta["Pay & retention"].startswith(META_PAY)
    assert openai["Pay & retention"].startswith(OPENAI_PAY)
    assert meta["Latest article"].startswith("19 Nov 2025: Yann LeCun leaves Meta to found AMI [")
    assert openai["Latest article"].startswith("10 Jan 2026: Noam Shazeer joins OpenAI from Google [")
    assert "not all hiring" in answer.note


def test_every_fact_in_the_table_is_cited_to_an_article_that_states_it(engine: Engine) -> None:
    answer = engine.answer("Meta vs OpenAI")
    articles = engine.data.articles
    assert answer.table is not None

    meta, openai = cells(answer, "Meta"), cells(answer, "OpenAI")
    assert cited_article(answer, meta["Pay & retention"]) == "2025-06-meta-signs-openai-researchers"
    assert OPENAI_PAY in articles[cited_article(answer, openai["Pay & retention"])].body
    for company in (meta, openai):
        for label in ("Moves in", "Moves out", "Leaders hired"):
            for entry in company[label].split("notable: ")[1].split("; "):
                person = entry.split(" [")[0].split(",")[0]
                assert person in {m.person for m in articles[cited_article(answer, entry)].moves}, entry
    used = {int(n) for row in answer.table.rows for cell in row for n in re.findall(r"\[(\d+)\]", cell)}
    assert used == {s.number for s in answer.sources}  # no source listed that no cell uses


@pytest.mark.parametrize(
    "question",
    [
        "compare Meta and OpenAI",
        "Meta vs OpenAI",
        "Meta vs. OpenAI",
        "Meta versus OpenAI",
        "how does Meta compare with OpenAI on hiring?",
        "Compare Meta, OpenAI",
    ],
)
def test_ways_of_asking_for_a_comparison(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.kind is AnswerKind.COMPARE
    assert answer.table is not None and answer.table.columns == ("", "Meta", "OpenAI")


@pytest.mark.parametrize(
    "question", ["Meta vs OpenAI vs Anthropic two year retention", "compare Meta and OpenAI retention"]
)
def test_a_comparison_asking_for_one_thing_is_answered_with_it_not_the_table(
    engine: Engine, question: str
) -> None:
    assert engine.answer(question).kind is not AnswerKind.COMPARE


def test_a_company_with_nothing_on_record_says_so_rather_than_guessing(engine: Engine) -> None:
    anthropic = cells(engine.answer("compare Anthropic and Google"), "Anthropic")
    assert anthropic["Moves out"] == "none on record"
    assert anthropic["Leaders hired"] == "none on record"
    assert anthropic["Pay & retention"] == "—"  # no sentence states Anthropic's pay


def test_an_unknown_company_is_refused_by_name(engine: Engine) -> None:
    answer = engine.answer("Compare Amazon and Meta")
    assert answer.kind is AnswerKind.COMPARE and not answer.answered
    assert answer.intro == "I have no articles about Amazon, so I can't compare them."
    assert not answer.sources and answer.table is None
    # Known companies with an unknown one: compared, and the unknown one named in the note.
    partly = engine.answer("compare Meta, OpenAI and Amazon")
    assert partly.answered and partly.table is not None and len(partly.table.columns) == 3
    assert "I have no articles about Amazon." in partly.note


def test_one_company_is_not_a_comparison(engine: Engine) -> None:
    assert engine.answer("how does Meta's pay compare?").kind is not AnswerKind.COMPARE


def test_the_terminal_shows_one_block_per_company_with_the_sources(engine: Engine) -> None:
    text = engine.answer("compare Meta and OpenAI").plain_text()
    meta, openai = text.index("\nMeta\n"), text.index("\nOpenAI\n")
    assert text.startswith("Meta and OpenAI side by side, from my articles:\nMeta\n")
    assert (
        meta < text.index("  Moves in: 3, notable: Alexandr Wang") < openai < text.index("\nSources:\n[1] ")
    )
    assert f"  Pay & retention: {META_PAY}" in text


def test_a_narrow_table_is_an_aligned_grid() -> None:
    table = Table(("", "Meta", "OpenAI"), (("Moves in", "3 [1]", "1 [2]"), ("Pay", "—", "$1.5m [3]")))
    assert table.as_text().splitlines() == [
        "          Meta   OpenAI",
        "--------  -----  ---------",
        "Moves in  3 [1]  1 [2]",
        "Pay       —      $1.5m [3]",
    ]
    assert table.as_text(width=20).splitlines()[:3] == ["Meta", "  Moves in: 3 [1]", "  Pay: —"]


def test_the_names_shown_are_those_the_most_articles_report(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    profile = (
        "2025-09-schulman-profile",
        "What John Schulman did next",
        "2025-09-01",
        "Anthropic",
        "John Schulman, who left OpenAI for Anthropic, now leads alignment work there.",
        [("John Schulman", "OpenAI", "Anthropic", "researcher", "2024-08")],  # reported a second time
    )
    engine = rivals_engine(tmp_path, fake_embedder, extra=[profile])
    openai = cells(engine.answer("compare Meta and OpenAI"), "OpenAI")
    assert openai["Moves out"].startswith("3, notable: John Schulman [")  # in two articles; the others in one
