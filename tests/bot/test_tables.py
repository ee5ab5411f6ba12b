"""Comparison tables and timelines as Telegram HTML (escaped, readable on a phone, within the limit) and in
`ask --json`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from answer.kinds.timeline import EVENTS_PER_PAGE
from answer.model import Answer, AnswerKind, Line, Source, Table
from bot.cli.common import answer_json
from bot.render import PRE_WIDTH, TELEGRAM_LIMIT, answer_html
from tests.conftest import FakeEmbedder
from tests.fake_telegram import JSONDict, parse_html, utf16_len
from tests.rivals import META_PAY, many_meta_hires, rivals_engine

NASTY = 'R&D <Labs> "Co"'
LONG_TITLE = "A headline that goes on and on about the AI talent war, " * 3


def source(n: int) -> Source:
    return Source(
        n,
        f"article-{n}",
        f"{LONG_TITLE} #{n}",
        "Example & Sons",
        f"https://example.com/{n}?a=1&b=2",
        dt.date(2025, 7, 7),
    )


def compare_answer(table: Table, sources: int = 2) -> Answer:
    return Answer(
        question="q",
        answered=True,
        kind=AnswerKind.COMPARE,
        intro="Meta and R&D side by side, from my articles:",
        lines=(),
        sources=tuple(source(n) for n in range(1, sources + 1)),
        note="Counts are the talent moves my articles record, not all hiring.",
        table=table,
    )


def spans(plain: str, entities: list[JSONDict], kind: str) -> list[str]:
    return [plain[e["offset"] : e["offset"] + e["length"]] for e in entities if e["type"] == kind]


WIDE = Table(
    ("", "Meta", NASTY),
    (
        ("Moves in", "3, newest: Lucas Beyer [1]; Jiahui Yu [1]", "1, newest: A <b>bold</b> name & co [2]"),
        ("Pay & retention", f"{META_PAY} [1]", "—"),
    ),
)


def test_a_wide_table_is_one_block_per_company_everything_escaped() -> None:
    html = answer_html(compare_answer(WIDE))
    plain, entities = parse_html(html)  # strict: a stray <, > or & is an error

    assert "\nMeta\nMoves in: 3, newest: Lucas Beyer [1]; Jiahui Yu [1]\nPay & retention: " in plain
    assert f"\n{NASTY}\nMoves in: 1, newest: A <b>bold</b> name & co [2]\nPay & retention: —\n" in plain
    assert spans(plain, entities, "bold") == [
        "Meta and R&D side by side, from my articles:",
        "Meta",
        NASTY,
        "Sources",
    ]
    assert spans(plain, entities, "italic")[:4] == [
        "Moves in:",
        "Pay & retention:",
        "Moves in:",
        "Pay & retention:",
    ]
    assert "<b>bold</b>" not in html and "pre" not in {e["type"] for e in entities}


def test_a_narrow_table_is_a_monospace_grid() -> None:
    table = Table(("", "Meta", "Apple"), (("In", "3 [1]", "1 [2]"), ("Out", "1 [1]", "—")))
    assert max(len(line) for line in table.grid()) <= PRE_WIDTH

    plain, entities = parse_html(answer_html(compare_answer(table)))

    [pre] = spans(plain, entities, "pre")
    assert pre.splitlines() == [
        "     Meta   Apple",
        "---  -----  -----",
        "In   3 [1]  1 [2]",
        "Out  1 [1]  —",
    ]


def test_a_table_with_many_sources_keeps_every_cell_and_drops_the_titles_first() -> None:
    rows = tuple((f"Row {i}", f"fact {i} & more [{i}]", f"other {i} [{i + 9}]") for i in range(1, 10))
    few, many = (
        compare_answer(Table(("", "A", "B"), rows[:2])),
        compare_answer(Table(("", "A", "B"), rows), 18),
    )

    few_plain, _ = parse_html(answer_html(few))
    html = answer_html(many)
    plain, entities = parse_html(html)

    assert LONG_TITLE in few_plain  # titles shown when everything fits
    assert utf16_len(html) <= TELEGRAM_LIMIT
    assert all(f"Row {i}: fact {i} & more [{i}]" in plain for i in range(1, 10))  # no cell cut
    assert "…and" not in plain and LONG_TITLE not in plain
    assert "[18] Example & Sons, 07 Jul 2025" in plain
    assert len(spans(plain, entities, "text_link")) == 18


def test_ask_json_adds_the_table_only_when_there_is_one() -> None:
    payload = answer_json(compare_answer(WIDE))
    assert payload["table"] == {
        "columns": ["", "Meta", NASTY],
        "rows": [[cell for cell in row] for row in WIDE.rows],
    }
    plain = Answer("q", True, AnswerKind.EXTRACTIVE, "", (Line("A fact.", (1,)),), (source(1),))
    assert set(answer_json(plain)) == {"question", "answered", "answer", "sources", "passages", "timings"}


def test_real_comparison_and_timeline_render_within_the_limit(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = rivals_engine(
        tmp_path, fake_embedder, extra=many_meta_hires(15)
    )  # 17 events: 15 hires, June 2025, LeCun
    for question in ("compare Meta and OpenAI", "timeline of Meta"):
        html = answer_html(engine.answer(question))
        plain, entities = parse_html(html)
        assert utf16_len(plain.strip()) <= TELEGRAM_LIMIT and "…and" not in plain.split("\n\n")[0]
        assert "Sources" in spans(plain, entities, "bold")
    timeline, _ = parse_html(answer_html(engine.answer("timeline of Meta")))
    assert (
        timeline.count("• ") == EVENTS_PER_PAGE and f"…and {17 - EVENTS_PER_PAGE} later events." in timeline
    )
