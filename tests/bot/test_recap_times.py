"""Per-chat recap times on both backends: each subscriber's recap goes out at its own local day and time, once,
whichever of two bot replicas sees it first; a paused recap is skipped and resumes; `recap send` honours both.

Time is driven through the applications' clock (`bot_data["clock"]`), not by waiting. The driven weeks lie in
the past, as the ledger's bookkeeping runs on the real clock.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application

from answer.engine import Engine
from bot.recap_schedule import CATCH_UP_WINDOW, due_slots, send_recap_now
from bot.recap_times import RecapTime, edition_for, recap_time
from bot.settings import Settings
from bot.store import ChatSettings, EditionCounts, Store, open_store
from bot.telegram_bot import build_application
from tests.fake_telegram import FakeTelegram

TOKYO, NEW_YORK, LONDON_PAUSED = 81, 82, 83
# Monday 1 September 2025, 09:00 in Tokyo: the Sunday before, 24:00 UTC; 09:00 in New York (summer time): 13:00 UTC.
TOKYO_NINE = dt.datetime(2025, 9, 1, 0, 0, tzinfo=dt.UTC)
NEW_YORK_NINE = dt.datetime(2025, 9, 1, 13, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def settings(sender_settings: Settings) -> Settings:
    return dataclasses.replace(
        sender_settings,
        recap_day=0,
        recap_time=dt.time(9, 0),
        timezone="Europe/London",
    )


def recaps_per_chat(tg: FakeTelegram) -> Counter[int]:
    return Counter(m.chat_id for m in tg.sent_messages() if "weekly recap" in m.text)


def subscribe(store: Store, tg: FakeTelegram, chat: int, **chosen: object) -> None:
    tg.add_chat(chat)
    store.subscribers.subscribe(chat)
    if chosen:
        store.chat_settings.save(dataclasses.replace(ChatSettings(chat), **chosen))  # type: ignore[arg-type]


class Replicas:
    """Two bot applications on one database, each with its own store, sharing one driven clock."""

    def __init__(self, apps: list[Application]) -> None:  # type: ignore[type-arg]
        self.apps = apps
        self.now = TOKYO_NINE - dt.timedelta(hours=1)
        for app in apps:
            app.bot_data["clock"] = lambda: self.now

    async def tick(self, now: dt.datetime) -> None:
        """Both replicas' every-minute recap job, at once, at `now`."""
        self.now = now
        jobs = []
        for app in self.apps:
            assert app.job_queue is not None
            [job] = app.job_queue.get_jobs_by_name("recap-catch-up")
            jobs.append(job.run(app))
        await asyncio.gather(*jobs)


@pytest.fixture
async def replicas(settings: Settings, small_engine: Engine) -> AsyncIterator[Replicas]:
    with open_store(settings) as one, open_store(settings) as two:
        apps = [
            build_application(settings, small_engine, one),
            build_application(settings, small_engine, two),
        ]
        async with apps[0], apps[1]:
            yield Replicas(apps)


async def test_each_subscriber_gets_the_recap_at_its_own_local_time_once_across_two_replicas(
    replicas: Replicas, store: Store, tg: FakeTelegram
) -> None:
    subscribe(store, tg, TOKYO, timezone="Asia/Tokyo", date_language="iso")
    subscribe(store, tg, NEW_YORK, timezone="America/New_York")
    await replicas.tick(TOKYO_NINE - dt.timedelta(hours=1))  # the first run: the deployment starts here
    await replicas.tick(TOKYO_NINE - MINUTE)
    assert recaps_per_chat(tg) == Counter()

    await replicas.tick(TOKYO_NINE)
    assert recaps_per_chat(tg) == Counter({TOKYO: 1})
    await replicas.tick(TOKYO_NINE + MINUTE)
    await replicas.tick(NEW_YORK_NINE - MINUTE)
    assert recaps_per_chat(tg) == Counter({TOKYO: 1})

    await replicas.tick(NEW_YORK_NINE)
    for later in (MINUTE, dt.timedelta(hours=5), dt.timedelta(days=1)):
        await replicas.tick(NEW_YORK_NINE + later)
    assert recaps_per_chat(tg) == Counter({TOKYO: 1, NEW_YORK: 1})
    assert store.deliveries.counts(edition_for(dt.date(2025, 9, 1))) == EditionCounts(sent=2)

    # Each recap is of the week before its chat's Monday (which had no news, so it says so and points to the most
    # recent article, under the chart of the last 90 days), its dates written as the chat chose in every part.
    tokyo, new_york = (
        next(m for m in tg.sent_messages(c) if "weekly recap" in m.text) for c in (TOKYO, NEW_YORK)
    )
    assert "weekly recap, 2025-08-25 – 2025-08-31: no new articles this week" in tokyo.text
    assert "The most recent, from 2025-07-07:" in tokyo.text
    assert "weekly recap, 25 Aug – 31 Aug 2025: no new articles this week" in new_york.text
    assert "The most recent, from 07 Jul 2025:" in new_york.text
    [tokyo_chart], [new_york_chart] = (
        [m for m in tg.sent_messages(c) if m.photo is not None] for c in (TOKYO, NEW_YORK)
    )
    assert "– 2025-08-31)" in tokyo_chart.text and "– 31 Aug 2025)" in new_york_chart.text
    for chat in (TOKYO, NEW_YORK):  # each part once, the chart first, whichever replica sent it
        assert [m.method for m in tg.sent_messages(chat)] == ["sendPhoto", "sendMessage"]
    tg.assert_no_rejections()


async def test_a_paused_recap_is_skipped_and_resuming_sends_the_week_s_edition(
    replicas: Replicas, store: Store, tg: FakeTelegram
) -> None:
    subscribe(store, tg, LONDON_PAUSED, recap_enabled=False)
    subscribe(store, tg, NEW_YORK)  # on the default schedule: Monday 09:00 London (08:00 UTC)
    london_nine = dt.datetime(2025, 9, 1, 8, 0, tzinfo=dt.UTC)
    await replicas.tick(london_nine - dt.timedelta(hours=2))
    await replicas.tick(london_nine)
    assert recaps_per_chat(tg) == Counter({NEW_YORK: 1})

    store.chat_settings.save(ChatSettings(LONDON_PAUSED, recap_enabled=True))  # resumed at 10:30
    await replicas.tick(london_nine + dt.timedelta(hours=1, minutes=30))
    await replicas.tick(london_nine + dt.timedelta(hours=2))
    assert recaps_per_chat(tg) == Counter({NEW_YORK: 1, LONDON_PAUSED: 1})


async def test_a_slot_missed_while_no_replica_ran_is_caught_up_at_start_within_the_window(
    replicas: Replicas, store: Store, tg: FakeTelegram
) -> None:
    subscribe(store, tg, TOKYO, timezone="Asia/Tokyo")
    subscribe(store, tg, NEW_YORK, timezone="America/New_York", recap_day=4)  # Friday 09:00: long past
    await replicas.tick(TOKYO_NINE - dt.timedelta(days=1))  # the deployment ran on Sunday
    await replicas.tick(TOKYO_NINE + dt.timedelta(hours=6))  # down from Sunday to Monday 15:00 in Tokyo
    assert recaps_per_chat(tg) == Counter({TOKYO: 1})  # New York's Friday slot is older than the window
    assert replicas.now - dt.datetime(2025, 8, 29, 13, 0, tzinfo=dt.UTC) > CATCH_UP_WINDOW


async def test_recap_send_reaches_every_subscriber_whose_recap_is_on_now_in_its_date_style(
    settings: Settings, store: Store, tg: FakeTelegram
) -> None:
    subscribe(store, tg, TOKYO, timezone="Asia/Tokyo", date_language="zh")
    subscribe(store, tg, NEW_YORK)
    subscribe(store, tg, LONDON_PAUSED, recap_enabled=False)
    report = await send_recap_now(settings)
    assert (report.sent, report.counts) == (2, EditionCounts(sent=2))
    assert recaps_per_chat(tg) == Counter({TOKYO: 1, NEW_YORK: 1})
    assert "年" in tg.sent_messages(TOKYO)[0].text and "年" not in tg.sent_messages(NEW_YORK)[0].text
    again = await send_recap_now(settings)
    assert again.sent == 0 and recaps_per_chat(tg) == Counter({TOKYO: 1, NEW_YORK: 1})


@pytest.mark.parametrize(
    ("when", "now", "latest", "following"),
    [
        # 09:00 on Mondays in Tokyo: the Sunday before, 24:00 UTC
        (
            RecapTime(0, dt.time(9), "Asia/Tokyo"),
            "2025-09-01T00:00+00:00",
            "2025-09-01T09:00+09:00",
            "2025-09-08",
        ),
        (
            RecapTime(0, dt.time(9), "Asia/Tokyo"),
            "2025-08-31T23:59+00:00",
            "2025-08-25T09:00+09:00",
            "2025-09-01",
        ),
        # New York leaves summer time on 2 November 2025: 09:00 stays 09:00 local, 13:00 then 14:00 UTC
        (
            RecapTime(0, dt.time(9), "America/New_York"),
            "2025-11-03T13:30+00:00",
            "2025-10-27T09:00-04:00",
            "2025-11-03",
        ),
        (
            RecapTime(0, dt.time(9), "America/New_York"),
            "2025-11-03T14:00+00:00",
            "2025-11-03T09:00-05:00",
            "2025-11-10",
        ),
    ],
)
def test_a_chat_s_latest_and_next_recap_time(when: RecapTime, now: str, latest: str, following: str) -> None:
    at = dt.datetime.fromisoformat(now)
    assert when.latest(at) == dt.datetime.fromisoformat(latest)
    assert when.following(at).date().isoformat() == following
    assert when.following(at).time() == when.time


def test_unset_settings_follow_the_defaults_and_an_unknown_zone_falls_back() -> None:
    defaults = Settings(recap_day=2, recap_time=dt.time(7, 30), timezone="Europe/Paris")
    assert recap_time(ChatSettings(1), defaults) == RecapTime(2, dt.time(7, 30), "Europe/Paris")
    chosen = ChatSettings(1, recap_day=4, recap_time=dt.time(18), timezone="Asia/Tokyo")
    assert recap_time(chosen, defaults) == RecapTime(4, dt.time(18), "Asia/Tokyo")
    assert recap_time(ChatSettings(1, timezone="Mars/Olympus"), defaults).zone == "Europe/Paris"


def test_the_weekly_job_sends_the_default_slot_whenever_it_runs_but_not_other_chats_old_slots() -> None:
    defaults = Settings(recap_day=0, recap_time=dt.time(9), timezone="UTC")
    now = dt.datetime(2025, 9, 5, 12, 0, tzinfo=dt.UTC)  # Friday: Monday's slot is past the catch-up window
    chats = [ChatSettings(1), ChatSettings(2, timezone="Asia/Tokyo")]
    since = now - dt.timedelta(days=30)
    assert [s.chat_id for s in due_slots(chats, defaults, now, since, weekly=True)] == [1]
    assert due_slots(chats, defaults, now, since, weekly=False) == []
