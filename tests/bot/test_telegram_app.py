"""The real PTB Application against the strict fake Bot API on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import Application
from typer.testing import CliRunner

from answer.engine import Engine
from bot.cli import app as cli_app
from bot.settings import Settings
from bot.store import open_store
from bot.telegram_bot import build_application
from bot.telegram_bot.jobs import send_recap_now
from bot.telegram_bot.subscriptions import RECAP_UNAVAILABLE
from bot.telegram_bot.texts import COMMANDS
from corpus.dedup import canonical_map
from corpus.loader import load_articles
from tests.bot.running_bot import running
from tests.conftest import FIXED_TODAY, FakeEmbedder, write_article
from tests.fake_telegram import TOKEN, FakeTelegram, SentMessage

CHAT = 4242


@pytest.fixture
async def app(bot_settings: Settings, small_engine: Engine, tg: FakeTelegram) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    async with running(build_application(bot_settings, small_engine)) as application:
        yield application
    tg.assert_no_rejections()


async def test_commands_are_registered(app: Application, tg: FakeTelegram) -> None:  # type: ignore[type-arg]
    assert [c["command"] for c in tg.commands()] == [c.command for c in COMMANDS]


async def test_start_shows_examples_that_answer_when_pressed(app: Application, tg: FakeTelegram) -> None:  # type: ignore[type-arg]
    tg.send_user_message(CHAT, "/start", first_name="Ada <&>")
    [welcome] = await tg.wait_for_async(lambda: tg.sent_messages(CHAT), timeout=10)
    assert "Ada <&>" in welcome.text and "AI talent war" in welcome.text
    assert len(welcome.callback_data) == 3
    assert all(len(d.encode()) <= 64 for d in welcome.callback_data)
    tg.press_button(CHAT, welcome.message_id, welcome.callback_data[1])
    await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 2, timeout=10)
    answer = tg.sent_messages(CHAT)[-1]
    assert "Who did ByteDance hire from Alibaba?" in answer.text
    assert len(tg.callback_answers) == 1


async def test_question_is_answered_with_sources(app: Application, tg: FakeTelegram) -> None:  # type: ignore[type-arg]
    tg.send_user_message(CHAT, "who did Moonshot AI hire?")
    [reply] = await tg.wait_for_async(lambda: tg.sent_messages(CHAT), timeout=10)
    assert reply.parse_mode == "HTML"
    assert "Tan Xu" in reply.text and "Sources" in reply.text
    assert any(e.get("url", "").startswith("https://example.com/") for e in reply.entities)


async def test_user_text_with_markup_characters_is_escaped(app: Application, tg: FakeTelegram) -> None:  # type: ignore[type-arg]
    tg.send_user_message(CHAT, "Did <b>Zorblax</b> & Quux&Co hire from Meta?")
    [reply] = await tg.wait_for_async(lambda: tg.sent_messages(CHAT), timeout=10)
    # The unknown names are echoed literally: the "&" escaped, the user's <b> not turned into bold.
    assert reply.text.startswith("I have no articles about Zorblax, Quux&Co, so I can't answer that.")
    assert "Quux&amp;Co" in reply.raw_text and "<b>" not in reply.raw_text
    assert [e["type"] for e in reply.entities] == ["italic"]
    tg.send_user_message(CHAT, "<<< & >>>")
    await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 2, timeout=10)
    assert tg.sent_messages(CHAT)[-1].text.startswith("Ask me a question in words")


async def test_subscribe_then_weekly_recap_and_blocked_chat(
    app: Application,
    tg: FakeTelegram,
    bot_settings: Settings,  # type: ignore[type-arg]
) -> None:
    other = CHAT + 1
    tg.send_user_message(CHAT, "/subscribe")
    tg.send_user_message(other, "/subscribe")
    await tg.wait_for_async(lambda: len(tg.sent_messages()) == 2, timeout=10)
    assert "Subscribed" in tg.sent_messages(CHAT)[0].text
    store = open_store(bot_settings).subscribers
    assert store.active() == [CHAT, other]

    tg.block(other)
    tg.flood("sendMessage", times=1, retry_after=1)
    assert app.job_queue is not None
    [job] = app.job_queue.get_jobs_by_name("recap")
    await job.run(app)
    recap = tg.sent_messages(CHAT)[-1]
    assert "weekly recap" in recap.text
    # Nothing is newer than July 2025: a quiet week, one line pointing to Pang's article (the most recent), with
    # no old recap re-run as news.
    assert "no new articles this week" in recap.text and len(recap.text.splitlines()) == 1
    assert "The most recent, from 07 Jul 2025: Meta hires Apple's Ruoming Pang" in recap.text
    assert "Ruoming Pang: Apple → Meta" not in recap.text and "Tan Xu" not in recap.text
    assert [m.method for m in tg.sent_messages(CHAT)][-1] == "sendMessage"  # no moves in 90 days: no chart
    assert store.active() == [CHAT]
    assert next(s.note for s in store.all() if s.chat_id == other).startswith("blocked")
    assert any(r.description.startswith("Too Many Requests") for r in tg.refused)


async def test_unsubscribe_and_recap_command(
    app: Application, tg: FakeTelegram, bot_settings: Settings
) -> None:  # type: ignore[type-arg]
    tg.send_user_message(CHAT, "/unsubscribe")
    tg.send_user_message(CHAT, "/recap")
    await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 2, timeout=10)
    texts = [m.text for m in tg.sent_messages(CHAT)]
    assert "weren't subscribed" in texts[0]
    assert "weekly recap" in texts[1]


def test_recap_day_is_scheduled_in_ptb_convention(bot_settings: Settings, small_engine: Engine) -> None:
    import datetime as dt

    s = dataclasses.replace(bot_settings, recap_day=0, recap_time=dt.time(9, 0), timezone="Europe/London")
    application = build_application(s, small_engine)
    assert application.job_queue is not None
    [job] = application.job_queue.get_jobs_by_name("recap")
    trigger = job.job.trigger  # APScheduler CronTrigger
    assert "mon" in str(trigger) and "hour='9'" in str(trigger)
    assert str(trigger.timezone) == "Europe/London"


def fifteen_hires(
    tmp_path: Path, bot_settings: Settings, fake_embedder: FakeEmbedder
) -> tuple[Settings, Engine]:
    """A corpus with 15 moves OpenAI -> Meta in 2025: a list longer than one page."""
    from bot.runtime import refresh_index

    corpus = tmp_path / "many"
    corpus.mkdir()
    moves = "moves:\n" + "".join(
        f"  - person: Researcher Number{i:02d}\n    from: OpenAI\n    to: Meta\n    date: 2025-{1 + i % 12:02d}\n"
        for i in range(15)
    )
    write_article(corpus, article_id="2025-12-meta-hires-fifteen", title="Meta hires fifteen", moves=moves)
    s = dataclasses.replace(bot_settings, corpus_dirs=(corpus,), data_dir=tmp_path / "many-data")
    return s, Engine(refresh_index(s, fake_embedder)[0], fake_embedder, today=lambda: FIXED_TODAY)


async def test_long_lists_page_with_a_show_more_button(
    tmp_path: Path, tg: FakeTelegram, bot_settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    s, engine = fifteen_hires(tmp_path, bot_settings, fake_embedder)
    async with running(build_application(s, engine)):
        tg.send_user_message(CHAT, "who did Meta hire from OpenAI?")
        [first] = await tg.wait_for_async(lambda: tg.sent_messages(CHAT), timeout=10)
        assert first.text.count("Researcher Number") == 12
        [data] = first.callback_data
        assert len(data.encode()) <= 64
        tg.press_button(CHAT, first.message_id, data)
        await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 2, timeout=10)
        second = tg.sent_messages(CHAT)[-1]
        assert "continued: 13–15 of 15" in second.text
        assert second.text.count("Researcher Number") == 3 and not second.callback_data
    tg.assert_no_rejections()


# ------------------------------------------------------------------ one recap: preview, /recap, recap send

RAMAN = (
    "Anthropic has hired Priya Raman from Google DeepMind as its head of interpretability research, the company "
    "confirmed on Tuesday. Raman spent six years at DeepMind in London, where she led a team studying how large "
    "language models represent concepts internally. At Anthropic she will oversee a team of roughly forty "
    "researchers spread between San Francisco and London."
)
ORIGINAL, COPY, OTHER = (
    "2026-11-anthropic-hires-raman",
    "2026-11-raman-republished",
    "2026-11-meta-zurich-lab",
)


@pytest.fixture
def syndicated_corpus(tmp_path: Path) -> Path:
    """A week (before FIXED_TODAY) with a story, a syndicated copy of it a day later, and another story."""
    directory = tmp_path / "syndicated"
    directory.mkdir()
    move = (
        "moves:\n  - person: Priya Raman\n    from: Google DeepMind\n    to: Anthropic\n    date: 2026-11\n"
    )
    write_article(
        directory,
        article_id=ORIGINAL,
        title="Anthropic hires Priya Raman",
        body=RAMAN,
        published="2026-11-17",
        moves=move,
    )
    write_article(
        directory,
        article_id=COPY,
        title="Google DeepMind interpretability chief defects to Anthropic",
        body=RAMAN + "\n\nThis story was first published by Example News and is republished here.",
        published="2026-11-18",
        moves=move,
    )
    write_article(
        directory,
        article_id=OTHER,
        title="Meta opens a research lab in Zurich",
        body="Meta opened a research lab in Zurich to hire computer vision researchers.",
        published="2026-11-20",
    )
    return directory


def listed_urls(recap_text: str) -> list[str]:
    return re.findall(r"^\[\d+\] \d\d \w{3}: .* (https://\S+)$", recap_text, flags=re.MULTILINE)


def linked_urls(message: SentMessage) -> list[str]:
    return [str(e["url"]) for e in message.entities if e["type"] == "text_link"]


async def test_preview_recap_command_and_recap_send_list_the_same_items(
    tg: FakeTelegram,
    bot_settings: Settings,
    small_engine: Engine,
    syndicated_corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert canonical_map(load_articles([syndicated_corpus])) == {COPY: ORIGINAL}  # the copy is one
    monkeypatch.setattr(Settings, "today", lambda self: FIXED_TODAY)
    s = dataclasses.replace(bot_settings, corpus_dirs=(syndicated_corpus,))
    env = {"TALENTBOT_CORPUS_DIR": str(syndicated_corpus), "TALENTBOT_DATA_DIR": str(s.data_dir)}

    preview = CliRunner().invoke(cli_app, ["recap", "preview"], env=env)
    async with running(build_application(s, small_engine)):
        tg.send_user_message(CHAT, "/recap")
        await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 2, timeout=10)
    with open_store(s) as store:
        store.subscribers.subscribe(CHAT)
    report = await send_recap_now(s)

    assert preview.exit_code == 0, preview.output
    expected = listed_urls(preview.output)
    assert sorted(expected) == [f"https://example.com/{ORIGINAL}", f"https://example.com/{OTHER}"]
    assert report.sent == 1
    photo, command, sent_photo, sent = tg.sent_messages(CHAT)
    # /recap shows what subscribers get: the chart with the title as its caption, then the text.
    assert photo.method == sent_photo.method == "sendPhoto" and photo.photo == sent_photo.photo
    assert photo.text.startswith("AI talent war — weekly recap, 16 Nov – 22 Nov 2026")
    assert command.text == sent.text
    assert linked_urls(command) == linked_urls(sent) == expected
    for text in (preview.output, command.text, sent.text):
        assert text.count("Priya Raman: Google DeepMind → Anthropic") == 1
        assert "defects to Anthropic" not in text
    tg.assert_no_rejections()


async def test_a_broken_article_gets_an_apology_not_silence(
    tg: FakeTelegram, bot_settings: Settings, small_engine: Engine, small_corpus: Path
) -> None:
    (small_corpus / "broken.md").write_text("no front matter\n", encoding="utf-8")
    async with running(build_application(bot_settings, small_engine)):
        tg.send_user_message(CHAT, "/recap")
        [reply] = await tg.wait_for_async(lambda: tg.sent_messages(CHAT), timeout=10)
    assert reply.text == RECAP_UNAVAILABLE
    tg.assert_no_rejections()


def test_recap_send_with_a_broken_article_sends_nothing_and_says_why(
    tg: FakeTelegram, bot_settings: Settings, small_corpus: Path
) -> None:
    (small_corpus / "broken.md").write_text("no front matter\n", encoding="utf-8")
    with open_store(bot_settings) as store:
        store.subscribers.subscribe(CHAT)
    env = {
        "TALENTBOT_CORPUS_DIR": str(small_corpus),
        "TALENTBOT_DATA_DIR": str(bot_settings.data_dir),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": tg.base_url,
    }
    result = CliRunner().invoke(cli_app, ["recap", "send"], env=env)
    assert result.exit_code == 1
    assert f"talentbot: the corpus has errors:\n{small_corpus / 'broken.md'}: front matter:" in result.output
    assert tg.sent_messages() == []


# ------------------------------------------------------------------------------------------- follow-ups


async def test_follow_ups_are_read_against_the_same_chat_only(app: Application, tg: FakeTelegram) -> None:  # type: ignore[type-arg]
    other = CHAT + 1
    tg.send_user_message(CHAT, "who did Meta hire from Apple?")
    await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 1, timeout=10)
    tg.send_user_message(other, "who did Moonshot AI hire?")
    await tg.wait_for_async(lambda: len(tg.sent_messages(other)) == 1, timeout=10)

    tg.send_user_message(CHAT, "when did he join?")
    await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 2, timeout=10)
    tg.send_user_message(other, "when did he join?")
    await tg.wait_for_async(lambda: len(tg.sent_messages(other)) == 2, timeout=10)
    mine, theirs = tg.sent_messages(CHAT)[-1], tg.sent_messages(other)[-1]
    assert mine.text.startswith("(Taking that as: “when did Ruoming Pang join?”)")
    assert "Ruoming Pang: Apple → Meta" in mine.text and "Tan Xu" not in mine.text
    assert theirs.text.startswith("(Taking that as: “when did Tan Xu join?”)")

    tg.send_user_message(CHAT, "/start")  # a fresh start forgets the earlier questions
    await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 3, timeout=10)
    tg.send_user_message(CHAT, "and from Microsoft Research Asia?")
    await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 4, timeout=10)
    assert "Taking that as" not in tg.sent_messages(CHAT)[-1].text


async def test_show_more_pages_through_the_follow_up_as_understood(
    tmp_path: Path, tg: FakeTelegram, bot_settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    s, engine = fifteen_hires(tmp_path, bot_settings, fake_embedder)
    async with running(build_application(s, engine)):
        tg.send_user_message(CHAT, "who did Meta hire in 2024?")
        await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 1, timeout=10)
        tg.send_user_message(CHAT, "and in 2025?")
        await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 2, timeout=10)
        follow = tg.sent_messages(CHAT)[-1]
        assert follow.text.startswith("(Taking that as: “who did Meta hire in 2025?”)")
        [data] = follow.callback_data
        tg.press_button(CHAT, follow.message_id, data)
        await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 3, timeout=10)
        page = tg.sent_messages(CHAT)[-1]
        assert page.text.startswith("15 talent moves to Meta in 2025, newest first (continued: 13–15 of 15)")
        assert page.text.count("Researcher Number") == 3
    tg.assert_no_rejections()
