"""The weekly recap schedule on both backends: a slot fires once across replicas, a missed slot is caught up."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections import Counter

import pytest
from telegram import Bot

from answer.engine import Engine
from bot.recap_schedule import (
    CATCH_UP_WINDOW,
    JOB,
    SCHEDULE_SINCE,
    edition_for,
    latest_slot,
    run_schedule,
    slot_key,
)
from bot.settings import Settings
from bot.store import EditionCounts, Store, open_store
from bot.telegram_bot import build_application
from tests.fake_telegram import TOKEN, FakeTelegram

MONDAY_0900 = dict(recap_day=0, recap_time=dt.time(9, 0))


@pytest.fixture
def settings(sender_settings: Settings) -> Settings:
    return dataclasses.replace(sender_settings, **MONDAY_0900)


def recaps_per_chat(tg: FakeTelegram) -> Counter[int]:
    return Counter(m.chat_id for m in tg.sent_messages() if "weekly recap" in m.text)


def subscribe(store: Store, tg: FakeTelegram, chats: list[int]) -> None:
    for chat in chats:
        tg.add_chat(chat)
        store.subscribers.subscribe(chat)


@pytest.mark.parametrize(
    ("now", "zone", "expected"),
    [
        ("2026-11-30T09:00:00+00:00", "UTC", "2026-11-30T09:00:00+00:00"),  # the slot itself
        ("2026-11-30T08:59:00+00:00", "UTC", "2026-11-23T09:00:00+00:00"),  # a minute before: last week's
        ("2026-12-02T12:00:00+00:00", "UTC", "2026-11-30T09:00:00+00:00"),  # Wednesday
        (
            "2026-11-30T02:00:00+00:00",
            "Asia/Shanghai",
            "2026-11-30T01:00:00+00:00",
        ),  # 10:00 local, slot 09:00
        (
            "2026-03-30T12:00:00+00:00",
            "Europe/London",
            "2026-03-30T08:00:00+00:00",
        ),  # summer time began on the 29th
    ],
)
def test_latest_slot(now: str, zone: str, expected: str) -> None:
    settings = Settings(timezone=zone, **MONDAY_0900)  # type: ignore[arg-type]
    assert slot_key(latest_slot(settings, dt.datetime.fromisoformat(now))) == expected


def test_the_edition_is_the_iso_week() -> None:
    assert edition_for(dt.date(2026, 11, 30)) == "2026-W49"
    assert edition_for(dt.date(2027, 1, 1)) == "2026-W53"


async def test_the_weekly_slot_fires_once_across_replicas(
    settings: Settings, store: Store, tg: FakeTelegram
) -> None:
    subscribe(store, tg, list(range(1, 21)))
    now = dt.datetime(2026, 11, 30, 9, 0, 1, tzinfo=dt.UTC)

    async def replica(name: str) -> None:
        with open_store(settings) as own:
            async with Bot(TOKEN, base_url=tg.base_url) as bot:
                await run_schedule(bot, own, settings, name, missed_only=False, now=now)

    await asyncio.gather(replica("a"), replica("b"), replica("c"))

    assert recaps_per_chat(tg) == Counter({chat: 1 for chat in range(1, 21)})
    assert store.deliveries.counts("2026-W49") == EditionCounts(sent=20)
    assert store.deliveries.last_slot(JOB) == "2026-11-30T09:00:00+00:00"
    tg.assert_no_rejections()


def slot_ago(settings: Settings, ago: dt.timedelta) -> tuple[Settings, dt.datetime]:
    """Settings whose latest recap slot (UTC, to the minute) was `ago` before now, and that slot."""
    slot = (dt.datetime.now(dt.UTC) - ago).replace(second=0, microsecond=0)
    changed = dataclasses.replace(settings, recap_day=slot.weekday(), recap_time=slot.time(), timezone="UTC")
    return changed, slot


def ran_last_week(store: Store, slot: dt.datetime) -> None:
    """A bot has run the schedule since before the slot a week before `slot`, and ran that slot (so a start
    now finds `slot` missed)."""
    last_week = slot - dt.timedelta(days=7)
    store.values.setdefault(SCHEDULE_SINCE, slot_key(last_week - dt.timedelta(days=1)))
    store.deliveries.open_edition(
        edition_for(last_week.date()), "x", last_week, schedule=(JOB, slot_key(last_week))
    )


async def test_a_missed_slot_is_caught_up_once(settings: Settings, store: Store, tg: FakeTelegram) -> None:
    subscribe(store, tg, [1, 2])
    s, slot = slot_ago(settings, dt.timedelta(hours=2))  # the bot was down at the recap time
    ran_last_week(store, slot)
    async with Bot(TOKEN, base_url=tg.base_url) as bot:
        [report] = await run_schedule(bot, store, s, "r", missed_only=True)
        assert (report.edition, report.sent) == (edition_for(slot.date()), 2)
        assert await run_schedule(bot, store, s, "other-replica", missed_only=True) == []

    assert recaps_per_chat(tg) == Counter({1: 1, 2: 1})
    assert store.deliveries.last_slot(JOB) == slot_key(slot)


async def test_a_slot_missed_too_long_ago_is_not_sent_late(
    settings: Settings, store: Store, tg: FakeTelegram
) -> None:
    subscribe(store, tg, [1])
    s, slot = slot_ago(settings, CATCH_UP_WINDOW + dt.timedelta(minutes=5))
    ran_last_week(store, slot)
    async with Bot(TOKEN, base_url=tg.base_url) as bot:
        assert await run_schedule(bot, store, s, "r", missed_only=True) == []
    assert tg.sent_messages() == []


async def test_the_first_slot_after_a_deployment_is_caught_up_too(
    settings: Settings, store: Store, tg: FakeTelegram
) -> None:
    subscribe(store, tg, [1])
    s, slot = slot_ago(settings, dt.timedelta(hours=1))
    store.values.setdefault(
        SCHEDULE_SINCE, slot_key(slot - dt.timedelta(days=3))
    )  # deployed, never ran a slot
    async with Bot(TOKEN, base_url=tg.base_url) as bot:
        [report] = await run_schedule(bot, store, s, "r", missed_only=True)
    assert report.sent == 1


async def test_a_new_deployment_does_not_send_a_recap_at_its_first_start(
    settings: Settings, store: Store, tg: FakeTelegram
) -> None:
    subscribe(store, tg, [1])
    async with Bot(TOKEN, base_url=tg.base_url) as bot:
        now = dt.datetime(2026, 11, 30, 11, 0, tzinfo=dt.UTC)
        assert await run_schedule(bot, store, settings, "r", missed_only=True, now=now) == []
    assert tg.sent_messages() == []


async def test_the_bot_catches_up_a_missed_recap_at_start(
    settings: Settings, store: Store, tg: FakeTelegram, small_engine: Engine
) -> None:
    """Through the real application: the last run was a week ago, and this week's slot passed while it was down."""
    s, slot = slot_ago(settings, dt.timedelta(minutes=30))
    subscribe(store, tg, [7])
    ran_last_week(store, slot)
    with open_store(s) as own:
        application = build_application(s, small_engine, own)
        async with application:
            await application.start()
            try:
                await tg.wait_for_async(lambda: recaps_per_chat(tg), timeout=30)
            finally:
                await application.stop()
    assert recaps_per_chat(tg) == Counter({7: 1})
    assert store.deliveries.last_slot(JOB) == slot_key(slot)
