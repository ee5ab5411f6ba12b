"""/compare and /timeline through the real PTB Application and the strict fake Bot API."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import Application

from answer.kinds.timeline import EVENTS_PER_PAGE
from bot.commands import COMPARE, TIMELINE, command_named
from bot.settings import Settings
from bot.telegram_bot import build_application
from bot.telegram_bot.texts import COMMANDS, help_text
from tests.bot.running_bot import running
from tests.conftest import FakeEmbedder
from tests.fake_telegram import TOKEN, FakeTelegram, SentMessage
from tests.rivals import many_meta_hires, rivals_engine

CHAT = 5151


@pytest.fixture
async def app(tmp_path: Path, tg: FakeTelegram, fake_embedder: FakeEmbedder) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    engine = rivals_engine(tmp_path, fake_embedder, extra=many_meta_hires(12))
    settings = Settings(
        data_dir=tmp_path / "bot-data",
        corpus_dirs=(tmp_path / "rivals",),
        telegram_token=TOKEN,
        telegram_api_base_url=tg.base_url,
    )
    async with running(build_application(settings, engine)) as application:
        yield application
    tg.assert_no_rejections()


async def reply_to(tg: FakeTelegram, text: str) -> SentMessage:
    before = len(tg.sent_messages(CHAT))
    tg.send_user_message(CHAT, text)
    await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) > before, timeout=10)
    return tg.sent_messages(CHAT)[-1]


def bold(message: SentMessage) -> list[str]:
    return [
        message.text[e["offset"] : e["offset"] + e["length"]] for e in message.entities if e["type"] == "bold"
    ]


async def test_compare_replies_with_a_block_per_company(app: Application, tg: FakeTelegram) -> None:  # type: ignore[type-arg]
    reply = await reply_to(tg, "/compare Meta OpenAI")

    assert reply.parse_mode == "HTML"
    assert reply.text.startswith(
        "Meta and OpenAI side by side, from my articles:\n\nMeta\nMoves in: 15, notable: "
    )
    assert "\n\nOpenAI\nMoves in: 1, notable: Noam Shazeer [" in reply.text
    assert bold(reply)[1:4] == ["Meta", "OpenAI", "Sources"]
    assert "Pay & retention: Meta offered packages worth up to $100 million" in reply.text
    assert any(e.get("url", "").startswith("https://example.com/") for e in reply.entities)


async def test_compare_without_two_known_companies_says_how_to_use_it(
    app: Application, tg: FakeTelegram
) -> None:  # type: ignore[type-arg]
    missing = await reply_to(tg, "/compare")
    assert missing.text.startswith("Usage: /compare Meta OpenAI — two or three companies")
    unknown = await reply_to(tg, "/compare Meta Amazon")
    assert unknown.text.startswith("I have no articles about Amazon.\nUsage: /compare Meta OpenAI")
    one = await reply_to(tg, "/compare Meta")
    assert one.text.startswith("Usage: /compare")
    assert [e["type"] for e in one.entities] == ["code"]


async def test_timeline_pages_with_show_more(app: Application, tg: FakeTelegram) -> None:  # type: ignore[type-arg]
    first = await reply_to(tg, "/timeline Meta")
    assert first.text.startswith(
        # 14: a month's moves on one line, passing mentions left out (see tests/answer/test_timeline.py)
        "Timeline of Meta: 14 events, oldest first:\n• January 2024 — Researcher Number00"
    )
    assert first.text.count("• ") == EVENTS_PER_PAGE
    [data] = first.callback_data
    tg.press_button(CHAT, first.message_id, data)
    await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 2, timeout=10)
    second = tg.sent_messages(CHAT)[-1]
    assert f"continued: {EVENTS_PER_PAGE + 1}–14 of 14" in second.text
    month = dt.date(2024, 1, 15) + dt.timedelta(days=31 * EVENTS_PER_PAGE)  # one hire a month
    assert f"• {month:%B %Y} — Researcher Number{EVENTS_PER_PAGE:02d} joins Meta from Apple" in second.text
    unknown = await reply_to(tg, "/timeline Amazon")
    assert unknown.text.startswith("I have no articles about Amazon.\nUsage: /timeline DeepSeek")


async def test_the_commands_are_in_the_menu_and_the_help(app: Application, tg: FakeTelegram) -> None:  # type: ignore[type-arg]
    registered = [c["command"] for c in tg.commands()]
    assert registered == [c.command for c in COMMANDS]
    assert {"compare", "timeline"} <= set(registered)
    help_reply = await reply_to(tg, "/help")
    assert "/compare Meta OpenAI — companies side by side" in help_reply.text
    assert "/timeline DeepSeek —" in help_reply.text
    assert "/compare" in help_text(app.bot_data["settings"])


def test_the_command_is_read_from_the_message_even_with_the_bots_name() -> None:
    assert command_named("/compare@TalentBot Meta OpenAI") is COMPARE
    assert command_named("/Timeline DeepSeek") is TIMELINE
