"""Recap delivery against the strict fake Bot API, on both backends: every chat once, whatever fails or dies."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from telegram import Bot
from typer.testing import CliRunner

from answer.recap import build_recap
from bot.cli import app as cli_app
from bot.recap_delivery import DeliveryPolicy, deliver_edition
from bot.recap_schedule import edition_for
from bot.settings import Settings
from bot.store import Delivery, EditionCounts, Store, open_store
from bot.store.base import required_time, utcnow
from bot.weekly_recap import edition_text, post_parts
from tests.answer.test_recap import TODAY, WEEK
from tests.conftest import write_article
from tests.fake_telegram import TOKEN, FakeTelegram

EDITION = "2026-W49"
# Retries without the waits a real deployment wants, so the tests stay fast.
# One chat at a time, unpaced: the fault injections below hit the calls in chat order.
FAST = DeliveryPolicy(backoff_s=0.01, attempts=3, per_second=1000, chat_gap_s=0.01, concurrency=1)


@pytest.fixture
def settings(sender_settings: Settings) -> Settings:
    return sender_settings


def env_for(settings: Settings) -> dict[str, str]:
    env = {
        "TALENTBOT_DATA_DIR": str(settings.data_dir),
        "TALENTBOT_CORPUS_DIR": str(settings.corpus_dirs[0]),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": settings.telegram_api_base_url,
    }
    if settings.database_url:
        env["TALENTBOT_DATABASE_URL"] = settings.database_url
    return env


def subscribe(store: Store, tg: FakeTelegram, chats: list[int]) -> None:
    for chat in chats:
        tg.add_chat(chat)
        store.subscribers.subscribe(chat)


def recaps_per_chat(tg: FakeTelegram) -> Counter[int]:
    return Counter(m.chat_id for m in tg.sent_messages() if "weekly recap" in m.text)


def bot_for(tg: FakeTelegram) -> Bot:
    return Bot(TOKEN, base_url=tg.base_url)


async def test_concurrent_senders_reach_every_chat_exactly_once(store: Store, tg: FakeTelegram) -> None:
    chats = list(range(1, 41))
    subscribe(store, tg, chats)
    store.deliveries.open_edition(EDITION, "<b>The weekly recap</b>", utcnow())
    tg.flood("sendMessage", times=2, retry_after=1)  # one sender waits while the others carry on

    async with bot_for(tg) as one, bot_for(tg) as two, bot_for(tg) as three:
        reports = await asyncio.gather(
            *(
                deliver_edition(bot, store, EDITION, f"sender-{i}", FAST)
                for i, bot in enumerate((one, two, three))
            )
        )

    assert recaps_per_chat(tg) == Counter({chat: 1 for chat in chats})
    assert sum(r.sent for r in reports) == 40 and all(r.failed == 0 for r in reports)
    assert store.deliveries.counts(EDITION) == EditionCounts(sent=40)
    tg.assert_no_rejections()


async def test_a_429_waits_retry_after_then_sends(store: Store, tg: FakeTelegram) -> None:
    subscribe(store, tg, [1])
    store.deliveries.open_edition(EDITION, "The weekly recap", utcnow())
    tg.flood("sendMessage", times=1, retry_after=1)
    started = time.monotonic()
    async with bot_for(tg) as bot:
        report = await deliver_edition(bot, store, EDITION, "w", FAST)
    assert time.monotonic() - started >= 1.0
    assert (report.sent, report.failed) == (1, 0)
    assert recaps_per_chat(tg) == Counter({1: 1})


async def test_a_5xx_is_retried_then_left_pending_then_sent_by_a_later_run(
    store: Store, tg: FakeTelegram
) -> None:
    subscribe(store, tg, [1, 2, 3])
    store.deliveries.open_edition(EDITION, "The weekly recap", utcnow())
    tg.fail("sendMessage", times=1, code=502, description="Bad Gateway")  # chat 1: fine on the second try
    tg.fail("sendMessage", times=FAST.attempts, after=1, code=500)  # chat 2: every try of this run fails

    async with bot_for(tg) as bot:
        first = await deliver_edition(bot, store, EDITION, "first-run", FAST)
        assert (first.sent, first.failed) == (2, 1)
        assert first.counts == EditionCounts(pending=1, sent=2)
        assert recaps_per_chat(tg) == Counter({1: 1, 3: 1})
        assert store.subscribers.is_active(2)  # a server error is not the chat's fault

        automatic = await deliver_edition(bot, store, EDITION, "catch-up", FAST)  # too early to retry
        assert automatic.sent == 0 and automatic.counts.pending == 1
        later = await deliver_edition(bot, store, EDITION, "operator", FAST, honour_backoff=False)

    assert (later.sent, later.failed) == (1, 0)
    assert recaps_per_chat(tg) == Counter({1: 1, 2: 1, 3: 1})
    assert store.deliveries.counts(EDITION) == EditionCounts(sent=3)


async def test_403_and_chat_not_found_mark_the_subscriber_inactive(store: Store, tg: FakeTelegram) -> None:
    subscribe(store, tg, [1, 2])
    store.subscribers.subscribe(3)  # a chat Telegram does not know (deleted account)
    tg.block(2)
    store.deliveries.open_edition(EDITION, "The weekly recap", utcnow())

    async with bot_for(tg) as bot:
        report = await deliver_edition(bot, store, EDITION, "w", FAST)

    assert (report.sent, report.blocked, report.failed) == (1, 2, 0)
    assert store.subscribers.active() == [1]
    notes = {s.chat_id: s.note for s in store.subscribers.all()}
    assert notes[2] == "blocked: Forbidden: bot was blocked by the user"
    assert notes[3] == "chat not found"
    assert store.deliveries.counts(EDITION) == EditionCounts(sent=1, blocked=2)


def test_recap_send_twice_reaches_only_those_it_missed(settings: Settings, tg: FakeTelegram) -> None:
    with open_store(settings) as store:
        subscribe(store, tg, [1, 2])
    runner = CliRunner()
    first = runner.invoke(cli_app, ["recap", "send"], env=env_for(settings))
    assert first.exit_code == 0, first.output
    assert "Recap sent to 2 subscriber(s); 0 blocked (marked inactive); 0 failed." in first.output
    with open_store(settings) as store:
        subscribe(store, tg, [3])

    second = runner.invoke(cli_app, ["recap", "send"], env=env_for(settings))

    assert second.exit_code == 0, second.output
    assert "Recap sent to 1 subscriber(s)" in second.output and ": 3 sent, 0 still to send" in second.output
    assert recaps_per_chat(tg) == Counter({1: 1, 2: 1, 3: 1})


def start_sender(settings: Settings, lease_s: int) -> subprocess.Popen[str]:
    """`talentbot recap send` in a process of its own, which a test can kill; one chat at a time, so that the
    test knows which chat's request was in flight."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "recap", "send", "--lease", str(lease_s), "--concurrency", "1"],
        env={**os.environ, **env_for(settings)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def killed_while_sending(settings: Settings, tg: FakeTelegram, method: str, after: int) -> None:
    """A sender killed (SIGKILL) the moment Telegram has taken its `after`+1-th `method` call, before it
    hears back; waits for it to die."""
    sender: list[subprocess.Popen[str]] = []
    tg.on_call(method, lambda: os.kill(sender[0].pid, signal.SIGKILL), after=after)
    sender.append(start_sender(settings, lease_s=2))
    output, _ = sender[0].communicate(timeout=120)
    assert sender[0].returncode == -signal.SIGKILL, output


def kill(sender: subprocess.Popen[str]) -> None:
    os.kill(sender.pid, signal.SIGKILL)
    output, _ = sender.communicate(timeout=60)
    assert sender.returncode == -signal.SIGKILL, output


def in_backoff(settings: Settings, chat: int) -> bool:
    """The chat is claimed, its last request answered (a 5xx), and its sender waiting to try again."""
    with open_store(settings) as store, store.backend.transaction() as tx:
        row = tx.one("SELECT state, sending_since FROM deliveries WHERE chat_id = ?", (chat,))
    return row is not None and row[0] == "claimed" and row[1] is None


@pytest.mark.timeout(180)
def test_a_sender_killed_during_a_request_is_finished_by_the_next_run_once(
    settings: Settings, tg: FakeTelegram
) -> None:
    chats = list(range(101, 109))
    with open_store(settings) as store:
        subscribe(store, tg, chats)
    # Telegram takes the 4th message, and the sender is killed (SIGKILL) before it hears back.
    killed_while_sending(settings, tg, "sendMessage", after=3)
    assert recaps_per_chat(tg) == Counter({101: 1, 102: 1, 103: 1, 104: 1})

    time.sleep(2.5)  # the killed sender's claim on chat 104 runs out
    result = CliRunner().invoke(cli_app, ["recap", "send"], env=env_for(settings))

    assert result.exit_code == 0, result.output
    assert "Recap sent to 4 subscriber(s)" in result.output  # 105-108: not 104 again
    assert recaps_per_chat(tg) == Counter({chat: 1 for chat in chats})
    with open_store(settings) as store:
        assert store.deliveries.counts(edition_for(settings.today())) == EditionCounts(sent=8, presumed=1)


@pytest.mark.timeout(180)
def test_a_sender_killed_while_waiting_to_retry_is_finished_by_the_next_run_once(
    settings: Settings, tg: FakeTelegram
) -> None:
    chats = list(range(101, 106))
    with open_store(settings) as store:
        subscribe(store, tg, chats)
    tg.fail("sendMessage", times=1, code=500, after=2)  # chat 103's first try; the sender backs off 1 s
    sender = start_sender(settings, lease_s=8)  # ample for the 1 s back-off, even on a busy machine
    tg.wait_for(lambda: in_backoff(settings, 103), timeout=60)
    kill(sender)
    assert recaps_per_chat(tg) == Counter({101: 1, 102: 1})
    assert in_backoff(settings, 103)  # killed while it waited, its claim still held

    with open_store(settings) as store, store.backend.transaction() as tx:
        row = tx.one("SELECT lease_until FROM deliveries WHERE chat_id = ?", (103,))
    assert row is not None
    time.sleep(max(0.0, (required_time(row[0]) - utcnow()).total_seconds()) + 0.2)  # the claim runs out
    result = CliRunner().invoke(cli_app, ["recap", "send"], env=env_for(settings))

    assert result.exit_code == 0, result.output
    assert "Recap sent to 3 subscriber(s)" in result.output
    assert recaps_per_chat(tg) == Counter({chat: 1 for chat in chats})


# ---------------------------------------------------------------------------- a photo, then the text

WEEK_PARTS = post_parts(build_recap(WEEK, TODAY))


class Crash(Exception):
    """The sender process dying at a chosen point."""


def parts_per_chat(tg: FakeTelegram) -> Counter[tuple[int, str]]:
    return Counter((m.chat_id, m.method) for m in tg.sent_messages())


def both_parts_once(chats: list[int]) -> Counter[tuple[int, str]]:
    return Counter({(chat, method): 1 for chat in chats for method in ("sendPhoto", "sendMessage")})


async def test_a_recap_with_a_chart_reaches_every_chat_as_a_photo_then_its_text(
    store: Store, tg: FakeTelegram
) -> None:
    subscribe(store, tg, [1, 2])
    store.deliveries.open_edition(EDITION, edition_text(WEEK_PARTS), utcnow(), parts=WEEK_PARTS)

    async with bot_for(tg) as bot:
        report = await deliver_edition(bot, store, EDITION, "w", FAST)

    assert report.sent == 2 and store.deliveries.counts(EDITION) == EditionCounts(sent=2)
    assert [(m.chat_id, m.method) for m in tg.sent_messages()] == [
        (1, "sendPhoto"),
        (1, "sendMessage"),
        (2, "sendPhoto"),
        (2, "sendMessage"),
    ]
    photo, text = tg.sent_messages(1)
    assert photo.photo == WEEK_PARTS[0].photo and photo.text.startswith("AI talent war — weekly recap")
    assert text.text.startswith("Key takeaways")
    tg.assert_no_rejections()


async def test_a_sender_dying_between_photo_and_text_is_finished_with_the_text_only(
    store: Store, tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscribe(store, tg, [1, 2, 3])
    store.deliveries.open_edition(EDITION, edition_text(WEEK_PARTS), utcnow(), parts=WEEK_PARTS)
    recorded = store.deliveries.mark_part_sent

    def dies_once_recorded(delivery: Delivery, worker: str, now: dt.datetime, part: int) -> bool:
        recorded(delivery, worker, now, part)
        if delivery.chat_id == 2:
            raise Crash  # chat 2 has the photo, on record; the process dies before the text
        return True

    monkeypatch.setattr(store.deliveries, "mark_part_sent", dies_once_recorded)
    short = dataclasses.replace(FAST, lease=dt.timedelta(seconds=1))
    async with bot_for(tg) as bot:
        with pytest.raises(Crash):
            await deliver_edition(bot, store, EDITION, "dies", short)
        assert parts_per_chat(tg) == Counter(
            {(1, "sendPhoto"): 1, (1, "sendMessage"): 1, (2, "sendPhoto"): 1}
        )
        monkeypatch.undo()
        await asyncio.sleep(1.2)  # the dead sender's claim on chat 2 runs out
        report = await deliver_edition(bot, store, EDITION, "restarted", FAST)

    assert report.sent == 2
    assert parts_per_chat(tg) == both_parts_once([1, 2, 3])
    assert store.deliveries.counts(EDITION) == EditionCounts(sent=3)
    tg.assert_no_rejections()


@pytest.mark.timeout(180)
def test_a_sender_killed_while_telegram_takes_the_photo_is_finished_with_the_text_only(
    settings: Settings, tg: FakeTelegram, tmp_path: Path
) -> None:
    corpus = tmp_path / "fresh"
    corpus.mkdir()
    write_article(
        corpus,
        article_id="fresh-meta-hires-lee",
        title="Meta hires Dana Lee from Google DeepMind",
        body="Meta hired the researcher Dana Lee from Google DeepMind to lead a new team in Zurich this week.",
        published=(settings.today() - dt.timedelta(days=2)).isoformat(),
        moves="moves:\n  - person: Dana Lee\n    from: Google DeepMind\n    to: Meta\n",
    )
    settings = dataclasses.replace(settings, corpus_dirs=(corpus,))
    chats = [101, 102, 103]
    with open_store(settings) as store:
        subscribe(store, tg, chats)
    # Telegram takes chat 102's photo and the sender is killed (SIGKILL) before it hears back.
    killed_while_sending(settings, tg, "sendPhoto", after=1)
    assert parts_per_chat(tg) == Counter(
        {(101, "sendPhoto"): 1, (101, "sendMessage"): 1, (102, "sendPhoto"): 1}
    )

    time.sleep(2.5)  # the killed sender's claim on chat 102 runs out
    result = CliRunner().invoke(cli_app, ["recap", "send"], env=env_for(settings))

    assert result.exit_code == 0, result.output
    assert parts_per_chat(tg) == both_parts_once(chats)
    with open_store(settings) as store:
        assert store.deliveries.counts(edition_for(settings.today())) == EditionCounts(sent=3)
    tg.assert_no_rejections()


async def test_senders_together_keep_to_the_overall_rate_and_space_a_chats_parts(
    store: Store, tg: FakeTelegram
) -> None:
    """Telegram allows about 30 messages a second per bot, whatever the number of processes, and one a second
    per chat: two senders of four chats in progress each share one schedule in the database."""
    chats = list(range(1, 13))
    subscribe(store, tg, chats)
    store.deliveries.open_edition(EDITION, edition_text(WEEK_PARTS), utcnow(), parts=WEEK_PARTS)
    paced = dataclasses.replace(FAST, per_second=10.0, chat_gap_s=0.5, concurrency=4)

    async with bot_for(tg) as first, bot_for(tg) as second:
        reports = await asyncio.gather(
            deliver_edition(first, store, EDITION, "one", paced),
            deliver_edition(second, store, EDITION, "two", paced),
        )

    assert sum(r.sent for r in reports) == len(chats) and all(r.sent for r in reports)
    sends = [c for c in tg.requests if c.method in ("sendPhoto", "sendMessage")]
    assert Counter((int(c.params["chat_id"]), c.method) for c in sends) == both_parts_once(chats)
    times = sorted(c.at for c in sends)
    # 24 messages at 10 a second: never more than 10 in any second (+2: on a busy machine one late request
    # can arrive in the same second as the two after it), 2.3 s or more in all
    assert max(sum(1 for t in times if start <= t < start + 1.0) for start in times) <= 12
    assert times[-1] - times[0] >= 2.0
    for chat in chats:
        photo, text = (c.at for c in sends if int(c.params["chat_id"]) == chat)
        assert text - photo >= 0.5


def test_a_shared_schedule_hands_every_caller_its_own_moment(store: Store) -> None:
    start = utcnow()
    gap = dt.timedelta(milliseconds=40)

    slots = [store.values.reserve_slot("pace", start, gap) for _ in range(5)]
    later = store.values.reserve_slot("pace", start + dt.timedelta(seconds=10), gap)

    assert slots == [start + gap * n for n in range(5)]
    assert later == start + dt.timedelta(seconds=10)  # an idle schedule starts again from now
