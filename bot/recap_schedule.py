"""When recaps go out: each subscriber's own weekly slot (/settings; TALENTBOT_RECAP_* by default), added to
the delivery ledger once due, whichever replica sees it first; a slot missed while no bot ran caught up at start;
editions left unfinished (a failed chat, a killed sender) resumed; and `talentbot recap send`.

A chat's recap is due at its local day and time; the ledger's (edition, chat) key makes adding it idempotent, so
every replica can look every minute and each chat still gets each week's edition (named after the ISO week of its
local recap day, "2026-W49") once. Each edition freezes its parts (the chart with its caption, then the text's
messages) once per recap day and date style, the first time a chat needs them, so a retry or another replica
sends the same recap.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Iterable

from telegram import Bot

from answer.dates import date_style
from answer.recap import Recap
from bot.recap_chart import flows_png
from bot.recap_delivery import DeliveryPolicy, DeliveryReport, deliver_edition, worker_id
from bot.recap_times import ChatSlot, default_time, slot_of
from bot.recap_times import edition_for as edition_for  # where the tests and `recap send` found it
from bot.settings import Settings
from bot.store import ChatSettings, Due, EditionPart, Store, open_store
from bot.store.base import as_time, utcnow
from bot.weekly_recap import chart_parts, weekly_recap
from corpus.loader import ArticleError

log = logging.getLogger(__name__)

JOB = "weekly-recap"
# The shared value that records when a bot first ran the schedule: slots before it were nobody's to send.
SCHEDULE_SINCE = "weekly-recap-since"
# A slot missed while no replica was running is sent late only within this window; older, the news is stale
# and next week's recap goes out as usual.
CATCH_UP_WINDOW = dt.timedelta(days=2)
# Chats an edition has not reached are retried automatically for this long after they became due.
RETRY_WINDOW = dt.timedelta(days=7)


def latest_slot(settings: Settings, now: dt.datetime) -> dt.datetime:
    """The most recent default recap time (TALENTBOT_RECAP_DAY, _TIME, TALENTBOT_TZ) at or before `now`."""
    return default_time(settings).latest(now)


def slot_key(slot: dt.datetime) -> str:
    return slot.astimezone(dt.UTC).isoformat(timespec="seconds")


def due_slots(
    chats: Iterable[ChatSettings], settings: Settings, now: dt.datetime, since: dt.datetime, weekly: bool
) -> list[ChatSlot]:
    """The chats whose latest slot is due: it passed after the first bot started and at most CATCH_UP_WINDOW
    ago; with `weekly` (the job at the default time), the default slot is due whenever it is."""
    default = latest_slot(settings, now)
    due = []
    for chat in chats:
        slot = slot_of(chat, settings, now)
        if (weekly and slot.due == default) or (since < slot.due and now - slot.due <= CATCH_UP_WINDOW):
            due.append(slot)
    return due


def freeze_parts(
    store: Store, settings: Settings, edition: str, slots: Iterable[ChatSlot]
) -> dict[str, list[EditionPart]]:
    """The parts of the variants these chats get that the edition has not frozen yet (one recap and one chart
    per recap day, in each chat's date style). Raises ArticleError on a broken article."""
    frozen = store.deliveries.variants(edition)
    drawn: dict[dt.date, tuple[Recap, bytes | None]] = {}
    contents: dict[str, list[EditionPart]] = {}
    for slot in slots:
        if slot.variant in frozen or slot.variant in contents:
            continue
        if slot.day not in drawn:
            recap = weekly_recap(settings, slot.day)
            drawn[slot.day] = (recap, flows_png(recap.flows))
        contents[slot.variant] = chart_parts(*drawn[slot.day], slot.dates)
    return contents


def add_due(
    store: Store, settings: Settings, slots: list[ChatSlot], now: dt.datetime, worker: str, edition: str = ""
) -> int:
    """Add to the ledger the chats not yet in their edition (`edition`: this one for all); returns how many.
    Raises ArticleError on a broken article, before adding any."""
    added = 0
    for name in sorted({edition or s.edition for s in slots}):
        have = store.deliveries.chats_in(name)
        new = [s for s in slots if (edition or s.edition) == name and s.chat_id not in have]
        if not new:
            continue
        contents = freeze_parts(store, settings, name, new)
        runs = () if edition else {(JOB, slot_key(s.due)) for s in new}
        chats = [Due(s.chat_id, s.variant, s.due) for s in new]
        added += store.deliveries.add_due(name, contents, chats, now, schedule=runs, worker=worker)
    return added


def open_due(store: Store, settings: Settings, now: dt.datetime, worker: str, weekly: bool) -> int:
    """Add every chat whose recap is due to its edition. Raises ArticleError."""
    since = as_time(store.values.setdefault(SCHEDULE_SINCE, slot_key(now))) or now
    return add_due(
        store,
        settings,
        due_slots(store.chat_settings.recipients(), settings, now, since, weekly),
        now,
        worker,
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
        added = await asyncio.to_thread(open_due, store, settings, now, worker, not missed_only)
    except ArticleError as exc:
        log.error("the weekly recap cannot be built, the corpus has errors:\n%s", exc)
        added = 0
    if added:
        log.info("weekly recap due for %s chat(s)", added)
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
    now, day, worker = utcnow(), settings.today(), worker_id()
    name = edition or edition_for(day)
    with open_store(settings) as store:
        # Due now for everyone, whatever their own time: the week as of today in TALENTBOT_TZ.
        chats = store.chat_settings.recipients()
        add_due(
            store,
            settings,
            [ChatSlot(c.chat_id, day, now, date_style(c.date_language)) for c in chats],
            now,
            worker,
            name,
        )
        async with Bot(settings.require_token(), base_url=settings.telegram_api_base_url) as bot:
            return await deliver_edition(bot, store, name, worker, policy, honour_backoff=False)
