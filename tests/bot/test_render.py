"""Answers as Telegram HTML: everything escaped, links intact, within Telegram's 4096 UTF-16 unit limit."""

from __future__ import annotations

import datetime as dt
import re

from answer.model import SUGGESTIONS, Answer, AnswerKind, Line, Source, refusal
from bot.render import TELEGRAM_LIMIT, answer_html
from tests.fake_telegram import JSONDict, parse_html, utf16_len

NASTY_TITLE = 'Meta\'s <script>alert("x")</script> & "Superintelligence" <b>Labs</b>'
NASTY_PUBLISHER = "Smith & <Sons> \"Daily\" 'News'"
NASTY_URL = "https://example.com/story?a=1&b=\"2\"&c='3'&lt=<x>"


def source(
    number: int = 1, title: str = NASTY_TITLE, publisher: str = NASTY_PUBLISHER, url: str = NASTY_URL
) -> Source:
    return Source(number, f"article-{number}", title, publisher, url, dt.date(2025, 7, 7))


def answer(
    lines: tuple[Line, ...],
    sources: tuple[Source, ...] = (),
    kind: AnswerKind = AnswerKind.MOVES,
    intro: str = "2 talent moves to <Meta> & co, newest first:",
    note: str = "",
    answered: bool = True,
) -> Answer:
    return Answer(
        question="q", answered=answered, kind=kind, intro=intro, lines=lines, sources=sources, note=note
    )


def spans(plain: str, entities: list[JSONDict], kind: str) -> list[str]:
    return [plain[e["offset"] : e["offset"] + e["length"]] for e in entities if e["type"] == kind]


def test_every_piece_of_text_is_escaped_and_shown_literally() -> None:
    a = answer(
        lines=(
            Line('Jane <script>alert("hi")</script> & "Co": Apple → Meta', (1,)),
            Line("R&D <i>lead</i> 'quoted' → OpenAI", (1,)),
        ),
        sources=(source(),),
        note="Note: <u>not</u> underlined & fine",
    )

    html = answer_html(a)
    plain, entities = parse_html(html)  # strict: a stray <, > or & would be an error

    assert "2 talent moves to <Meta> & co, newest first:" in plain
    assert '• Jane <script>alert("hi")</script> & "Co": Apple → Meta [1]' in plain
    assert "• R&D <i>lead</i> 'quoted' → OpenAI [1]" in plain
    assert "Note: <u>not</u> underlined & fine" in plain
    assert f"[1] {NASTY_PUBLISHER}, 07 Jul 2025: {NASTY_TITLE}" in plain
    # Only the renderer's own markup becomes formatting; nothing from the text does.
    assert spans(plain, entities, "bold") == ["2 talent moves to <Meta> & co, newest first:", "Sources"]
    assert spans(plain, entities, "italic") == ["Note: <u>not</u> underlined & fine"]
    assert {e["type"] for e in entities} == {"bold", "italic", "text_link"}
    assert "<script>" not in html and "<u>" not in html


def test_source_link_url_with_ampersands_and_quotes_survives() -> None:
    html = answer_html(answer(lines=(Line("A line.", (1,)),), sources=(source(),)))

    plain, entities = parse_html(html)
    (link,) = [e for e in entities if e["type"] == "text_link"]

    assert link["url"] == NASTY_URL
    assert spans(plain, entities, "text_link") == [NASTY_PUBLISHER]
    href = re.search(r'<a href="([^"]*)">', html)
    assert href is not None and "&amp;" in href.group(1) and "&quot;" in href.group(1)


def test_several_sources_are_numbered_in_order() -> None:
    sources = (
        source(1, title="First", publisher="Reuters", url="https://example.com/1"),
        source(2, title="Second", publisher="Bloomberg", url="https://example.com/2"),
    )
    plain, entities = parse_html(answer_html(answer(lines=(Line("x", (1, 2)),), sources=sources)))

    assert "x [1][2]" in plain
    assert plain.index("[1] Reuters, 07 Jul 2025: First") < plain.index("[2] Bloomberg, 07 Jul 2025: Second")
    assert [e["url"] for e in entities if e["type"] == "text_link"] == [
        "https://example.com/1",
        "https://example.com/2",
    ]


def test_extractive_answers_have_no_bullets() -> None:
    a = answer(
        lines=(Line("China trains few PhDs.", (1,)),),
        sources=(source(),),
        kind=AnswerKind.EXTRACTIVE,
        intro="",
    )

    plain, _ = parse_html(answer_html(a))

    assert plain.startswith("China trains few PhDs. [1]")
    assert "•" not in plain


def test_a_very_long_answer_is_cut_to_the_limit_and_still_parses() -> None:
    total = 400
    lines = tuple(
        Line(f'Person {i} 🤖 <left> Apple & went to "Meta" as researcher 🚀🚀 {"𝔸" * 20}', (1,))
        for i in range(total)
    )
    a = answer(lines=lines, sources=(source(),), note="Ask about a company to narrow it down.")

    html = answer_html(a)
    plain, entities = parse_html(html)

    assert utf16_len(plain.strip()) <= TELEGRAM_LIMIT  # what Telegram counts: the text, not the tags
    shown = [i for i in range(total) if f"Person {i} 🤖" in plain]
    assert shown == list(range(len(shown)))  # the first lines, in order
    assert 10 < len(shown) < total
    more = re.search(r"…and (\d+) more", plain)
    assert more is not None
    assert len(shown) + int(more.group(1)) == total
    # The intro, the note and the sources are kept.
    assert plain.startswith("2 talent moves to <Meta> & co")
    assert "Ask about a company to narrow it down." in plain
    assert f"[1] {NASTY_PUBLISHER}" in plain
    assert [e["url"] for e in entities if e["type"] == "text_link"] == [NASTY_URL]


def test_astral_characters_count_double() -> None:
    # 130 lines of 31 code points: about 4030 by len(), which would fit, but about 7900 UTF-16 units.
    lines = tuple(Line("𝔸" * 30, ()) for _ in range(130))
    assert sum(len(f"{line.text} ") for line in lines) < TELEGRAM_LIMIT

    html = answer_html(answer(lines=lines, intro="", kind=AnswerKind.EXTRACTIVE))
    plain, _ = parse_html(html)

    assert utf16_len(html) <= TELEGRAM_LIMIT
    more = re.search(r"…and (\d+) more", plain)
    assert more is not None
    assert plain.count("𝔸" * 30) + int(more.group(1)) == 130


def test_one_enormous_line_does_not_break_the_message() -> None:
    a = answer(lines=(Line("x & y " * 2000, (1,)), Line("short", (1,))), sources=(source(),))

    html = answer_html(a)
    plain, _ = parse_html(html)

    assert utf16_len(html) <= TELEGRAM_LIMIT
    assert "…and 2 more" in plain
    assert f"[1] {NASTY_PUBLISHER}" in plain


def test_enormous_sources_are_cut_on_whole_lines() -> None:
    sources = tuple(source(n, title=f"Title {n} & <b> " + "long " * 200) for n in range(1, 8))
    html = answer_html(answer(lines=(Line("A move.", (1,)),), sources=sources))

    plain, _ = parse_html(html)

    assert utf16_len(html) <= TELEGRAM_LIMIT
    assert plain.startswith("2 talent moves")


def test_refusal_renders_without_a_sources_block() -> None:
    r = refusal("What is the capital of Peru?", "I couldn't find anything in my articles that answers that.")

    html = answer_html(r)
    plain, entities = parse_html(html)

    assert plain.startswith("I couldn't find anything in my articles that answers that.")
    assert "Sources" not in plain
    assert not [e for e in entities if e["type"] == "text_link"]
    for suggestion in SUGGESTIONS[:3]:
        assert suggestion in plain
    assert not spans(plain, entities, "bold")  # only answered questions get a bold intro


def test_refusal_naming_user_text_is_escaped() -> None:
    r = refusal("Who is <Bob & Alice>?", "I have no articles about <Bob & Alice>, so I can't answer that.")

    plain, _ = parse_html(answer_html(r))

    assert "I have no articles about <Bob & Alice>, so I can't answer that." in plain


def test_only_telegrams_named_entities_are_used() -> None:
    from bot.render import esc, link

    text = esc('O\'Brien said "5 < 6 & 7 > 3"') + link("https://x.com/?a=1&b='2'", "it's")
    assert "&#" not in text
    assert text.count("&quot;") == 2 and "&amp;" in text and "&lt;" in text and "&gt;" in text
