"""When recaps go out: the weekly slot, opened once across replicas; a missed slot caught up at start; editions
left unfinished (a failed chat, a killed sender) resumed; and `talentbot recap send`.

An edition is named after the ISO week of its day ("2026-W49"), so the scheduled recap and an operator's
`recap send` in the same week are one edition, and nobody gets it twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from telegram import Bot

from bot.recap_delivery import DeliveryPolicy, DeliveryReport, deliver_edition, worker_id
from bot.settings import Settings
from bot.store import Opened, Store, open_store
from bot.store.base import utcnow
from bot.weekly_recap import edition_text, recap_parts
from corpus.loader import ArticleError

log = logging.getLogger(__name__)

JOB = "weekly-recap"
# The shared value that records when a bot first ran the schedule: slots before it were nobody's to send.
SCHEDULE_SINCE = "weekly-recap-since"
# A slot missed while no replica was running is sent late only within this window; older, the news is stale
# and next week's recap goes out as usual.
CATCH_UP_WINDOW = dt.timedelta(days=2)
# Editions with chats still to send are retried automatically until the next week's edition replaces them.
RETRY_WINDOW = dt.timedelta(days=7)


def edition_for(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def latest_slot(settings: Settings, now: dt.datetime) -> dt.datetime:
    """The most recent recap time (day, time, zone from the settings) at or before `now`."""
    local = now.astimezone(settings.tzinfo)
    day = local.date() - dt.timedelta(days=(local.weekday() - settings.recap_day) % 7)
    slot = dt.datetime.combine(day, settings.recap_time, tzinfo=settings.tzinfo)
    if slot > local:  # today is the recap day, before its time
        slot = dt.datetime.combine(day - dt.timedelta(days=7), settings.recap_time, tzinfo=settings.tzinfo)
    return slot


def slot_key(slot: dt.datetime) -> str:
    return slot.astimezone(dt.UTC).isoformat(timespec="seconds")


async def open_scheduled(
    store: Store, settings: Settings, now: dt.datetime, worker: str, missed_only: bool
) -> Opened | None:
    """Open the latest slot's edition unless a replica already did. With `missed_only` (at start), only for a
    recent slot that passed while no bot ran, since the first bot started. Raises ArticleError."""
    slot = latest_slot(settings, now)
    key = slot_key(slot)
    since = await asyncio.to_thread(store.values.setdefault, SCHEDULE_SINCE, slot_key(now))
    if missed_only:
        last = await asyncio.to_thread(store.deliveries.last_slot, JOB)
        if key <= since or (last is not None and last >= key) or now - slot > CATCH_UP_WINDOW:
            return None
    parts = await asyncio.to_thread(recap_parts, settings, slot.astimezone(settings.tzinfo).date())
    edition = edition_for(slot.astimezone(settings.tzinfo).date())
    return await asyncio.to_thread(
        store.deliveries.open_edition,
        edition,
        edition_text(parts),
        now,
        schedule=(JOB, key),
        worker=worker,
        parts=parts,
    )


async def run_schedule(
    bot: Bot,
    store: Store,
    settings: Settings,
    worker: str,
    missed_only: bool,
    policy: DeliveryPolicy | None = None,
    now: dt.datetime | None = None,
) -> list[DeliveryReport]:
    """The weekly job (`missed_only` False) and the start-up and periodic catch-up (True): open the slot's
    edition if due, then send every recent edition's unsent chats."""
    now = now or utcnow()
    try:
        opened = await open_scheduled(store, settings, now, worker, missed_only)
    except ArticleError as exc:
        log.error("the weekly recap cannot be built, the corpus has errors:\n%s", exc)
        opened = None
    if opened is not None:
        log.info("weekly recap %s opened for %s chat(s)", opened.edition, opened.added)
    reports = []
    for edition in await asyncio.to_thread(store.deliveries.unfinished, now - RETRY_WINDOW):
        report = await deliver_edition(bot, store, edition, worker, policy)
        log.info(
            "weekly recap %s: %s sent, %s blocked, %s failed",
            edition,
            report.sent,
            report.blocked,
            report.failed,
        )
        reports.append(report)
    return reports


async def send_recap_now(
    settings: Settings, edition: str | None = None, policy: DeliveryPolicy | None = None
) -> DeliveryReport:
    """`talentbot recap send`: this week's edition (or `edition`) to every subscriber who has not had it, with
    failed chats retried at once. Raises ArticleError on a broken article, before anything is sent."""
    parts = recap_parts(settings)
    with open_store(settings) as store:
        opened = store.deliveries.open_edition(
            edition or edition_for(settings.today()), edition_text(parts), utcnow(), parts=parts
        )
        assert opened is not None  # only a scheduled opening can lose to another replica
        async with Bot(settings.require_token(), base_url=settings.telegram_api_base_url) as bot:
            return await deliver_edition(
                bot, store, opened.edition, worker_id(), policy, honour_backoff=False
            )
