"""The recap as Telegram gets it: the chart (a real PNG), its caption within 1,024 characters, the text split
into messages of at most 4,096, never inside a tag; and `recap preview --png`."""

from __future__ import annotations

import dataclasses
import re
import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

from answer.dates import date_style
from answer.recap import MAX_ITEMS, Point, build_recap
from answer.recap_flows import company_flows
from bot.cli import app as cli_app
from bot.recap_chart import flows_png
from bot.recap_render import CAPTION_LIMIT, recap_post
from bot.render import TELEGRAM_LIMIT
from bot.settings import Settings
from bot.weekly_recap import post_parts
from tests.answer.test_recap import TODAY, WEEK, article, days_ago, move
from tests.conftest import FIXED_TODAY, write_article
from tests.fake_telegram import parse_html, utf16_len

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE) and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def plain(html: str) -> str:
    text, _ = parse_html(html)  # raises on anything Telegram would refuse to parse
    return text


def links(html: str) -> list[str]:
    _, entities = parse_html(html)
    return [str(e["url"]) for e in entities if e["type"] == "text_link"]


# ------------------------------------------------------------------------------------------------ chart


def test_the_chart_is_a_png_a_phone_can_read() -> None:
    recap = build_recap(WEEK, TODAY)

    png = flows_png(recap.flows)

    assert png is not None and len(png) > 10_000  # a drawn chart, not an empty canvas
    width, height = png_size(png)
    assert width >= 1000 and height < 2 * width  # wide enough for phone-sized labels, not a thin strip


def test_no_flows_no_chart() -> None:
    assert flows_png(company_flows([], TODAY, TODAY)) is None


def test_a_week_with_moves_is_a_photo_then_the_text() -> None:
    parts = post_parts(build_recap(WEEK, TODAY))

    photo, *messages = parts
    assert photo.photo is not None and photo.photo.startswith(PNG_SIGNATURE)
    assert plain(photo.text).startswith("AI talent war — weekly recap, 16 Nov – 22 Nov 2026\n\nTL;DR\n")
    assert len(messages) == 1 and messages[0].photo is None
    text = plain(messages[0].text)
    assert text.startswith("Key takeaways\n• Meta gained the most talent")
    assert "Talent moves (4)" in text and "Top articles (4)" in text
    assert links(messages[0].text) == [
        f"https://example.com/{a.id}" for a in build_recap(WEEK, TODAY).articles
    ]


def test_without_moves_in_90_days_the_text_comes_alone_title_and_tldr_first() -> None:
    quiet_talent = [a.model_copy(update={"moves": ()}) for a in WEEK]

    parts = post_parts(build_recap(quiet_talent, TODAY))

    assert [p.photo for p in parts] == [None]
    text = plain(parts[0].text)
    assert text.startswith("AI talent war — weekly recap, 16 Nov – 22 Nov 2026\n\nTL;DR\n")
    assert "No talent moves reported in these articles." in text


def test_every_part_writes_its_dates_in_the_chosen_style_and_the_chart_is_the_same() -> None:
    recap = build_recap(WEEK, TODAY)
    english, german = post_parts(recap), post_parts(recap, date_style("de"))

    assert plain(german[0].text).startswith("AI talent war — weekly recap, 16.11. – 22.11.2026\n\nTL;DR\n")
    days = re.findall(r"^\[\d+\] (\S+):", plain(german[1].text), flags=re.MULTILINE)
    assert days and all(re.fullmatch(r"\d{1,2}\.\d{1,2}\.", d) for d in days)
    assert german[0].photo == english[0].photo and len(german) == len(english)
    older = article(
        "last-month", days_ago(30), moves=[move("Ana Ruiz", "Meta", from_="OpenAI", date="2026-10")]
    )
    chart, line = post_parts(build_recap([older], TODAY), date_style("iso"))
    assert plain(chart.text).endswith("(2026-08-25 – 2026-11-22)")
    assert "2026-11-16 – 2026-11-22: no new articles" in plain(line.text)
    assert "The most recent, from 2026-10-24:" in plain(line.text)


def test_a_quiet_week_is_its_one_line_after_the_90_day_chart() -> None:
    older = article(
        "last-month", days_ago(30), moves=[move("Ana Ruiz", "Meta", from_="OpenAI", date="2026-10")]
    )

    photo, line = post_parts(build_recap([older], TODAY))

    assert photo.photo is not None
    assert plain(photo.text).startswith("AI talent flows, last 90 days")
    assert plain(line.text) == (
        "AI talent war — weekly recap, 16 Nov – 22 Nov 2026: no new articles this week. The most recent, from "
        "24 Oct 2026: Story last-month (Example News)"
    )
    assert links(line.text) == ["https://example.com/last-month"]


# ------------------------------------------------------------------------------------------------ limits

LONG_WORD = "𝔸𝔹ℂ&<b>🤖"  # surrogate pairs, and characters HTML must escape


TOPICS = ("Meta paid researchers record packages", "OpenAI granted engineers fresh stock", "Anthropic hired")


def long_sentence(n: int) -> str:
    return f"{TOPICS[n % 3]} {n} " + " ".join([LONG_WORD] * 30) + " this week."


def test_a_long_tldr_is_cut_to_the_caption_limit_between_lines_and_nothing_is_lost() -> None:
    week = [article(f"long-{n}", days_ago(n + 1), body=long_sentence(n), title=f"Long {n}") for n in range(3)]
    recap = build_recap(week, TODAY)
    assert len(recap.tldr) == 3

    post = recap_post(recap, with_photo=True)

    caption = plain(post.caption)
    assert utf16_len(caption) <= CAPTION_LIMIT < utf16_len("\n".join(p.text for p in recap.tldr))
    assert caption.startswith("AI talent war — weekly recap")
    shown = [p.text for p in recap.tldr if p.text in caption]
    assert 1 <= len(shown) < 3
    rest = plain(post.messages[0])
    assert rest.startswith("TL;DR (continued)")
    assert all(p.text in rest for p in recap.tldr if p.text not in shown)


def test_one_enormous_sentence_is_shortened_at_a_word_never_inside_an_escaped_character() -> None:
    recap = build_recap(WEEK, TODAY)
    huge = Point("Researchers " + " ".join([LONG_WORD] * 400) + " moved.", (WEEK[0].id,))
    recap = dataclasses.replace(recap, tldr=(huge, *recap.tldr[1:]))

    post = recap_post(recap, with_photo=True)

    caption = plain(post.caption)
    assert utf16_len(caption) <= CAPTION_LIMIT
    first = caption.split("\n")[3]
    assert re.fullmatch(r"Researchers (?:𝔸𝔹ℂ&<b>🤖 )*𝔸𝔹ℂ&<b>🤖… \[\d\]", first)  # whole words, then "…"


def test_a_huge_week_is_split_into_messages_within_the_limit_never_inside_a_tag() -> None:
    week = [
        article(
            f"story-{i:03d}",
            days_ago(1 + i % 7),
            title=f"Story {i}: <script> & 'quotes' 🤖 " + "𝔸" * 250,
            url=f'https://example.com/story?id={i}&ref="feed"',
            publisher="Ex & <Co> 📰",
            moves=[move(f"Person {i} 🤖 " + "𝔹" * 150, "<New> & Co", from_="Old & Co", date="2026-11")],
            body=" ".join(long_sentence(n) for n in range(2)),
        )
        for i in range(200)
    ]
    recap = build_recap(week, TODAY)

    post = recap_post(recap, with_photo=True)

    assert len(post.messages) >= 2
    for message in post.messages:
        assert utf16_len(plain(message)) <= TELEGRAM_LIMIT
    text = "\n".join(plain(m) for m in post.messages)
    assert text.count("• Person ") == MAX_ITEMS and "…and 190 more moves" in text
    urls = [u for m in post.messages for u in links(m)]
    assert urls == [a.url for a in recap.articles[: recap.listed]]
    assert text.rstrip().endswith("/unsubscribe to stop these messages.")


# -------------------------------------------------------------------------------------------------- CLI


def test_recap_preview_writes_the_chart_it_describes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    write_article(
        corpus,
        article_id="2026-11-meta-hires-lee",
        title="Meta hires Dana Lee from Google DeepMind",
        body="Meta hired the researcher Dana Lee from Google DeepMind to lead a new team in Zurich this month.",
        published="2026-11-18",
        moves="moves:\n  - person: Dana Lee\n    from: Google DeepMind\n    to: Meta\n    date: 2026-11\n",
    )
    monkeypatch.setattr(Settings, "today", lambda self: FIXED_TODAY)
    env = {"TALENTBOT_CORPUS_DIR": str(corpus), "TALENTBOT_DATA_DIR": str(tmp_path / "data")}
    chart = tmp_path / "chart.png"

    result = CliRunner().invoke(
        cli_app, ["recap", "preview", "--date", "2026-11-23", "--png", str(chart)], env=env
    )

    assert result.exit_code == 0, result.output
    assert "Dana Lee: Google DeepMind → Meta (November 2026) [1]" in result.output
    assert f"Chart of the talent flows, 16–22 Nov 2026: {chart}" in result.output
    assert png_size(chart.read_bytes())[0] >= 1000

    quiet = CliRunner().invoke(
        cli_app, ["recap", "preview", "--date", "2027-06-01", "--png", str(tmp_path / "none.png")], env=env
    )
    assert quiet.exit_code == 0, quiet.output
    assert "no new articles this week. The most recent, from 18 Nov 2026" in quiet.output
    assert "No chart: no company gained or lost anyone" in quiet.output
    assert not (tmp_path / "none.png").exists()
