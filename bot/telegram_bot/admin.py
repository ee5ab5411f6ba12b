"""The operator's commands, for TALENTBOT_ADMINS in a private chat: /stats and /broadcast_status.

Anyone else (or an admin in a group) gets what any unknown command gets, the help: the commands are not
advertised. Questions answered are counted per process and added to a counter in the database every few
seconds, so /stats shows every replica's questions today (in the recap's time zone) at one write per flush.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
from dataclasses import dataclass

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CommandHandler,
    ContextTypes,
    JobQueue,
    filters,
)

from bot.render import esc
from bot.settings import Settings
from bot.store import EditionCounts, Store, StoreError
from bot.telegram_bot.access import settings_of, store_of
from index.store import read_manifest

log = logging.getLogger(__name__)

ADMIN_GROUP = -10  # before the usual handlers, so that the catch-all command handler never sees these
RECENT_EDITIONS = 5  # editions /broadcast_status lists
FLUSH_EVERY_S = 15  # how stale another replica's question count may be in /stats


def questions_key(day: dt.date) -> str:
    return f"questions:{day.isoformat()}"


class QuestionCounter:
    """Questions this process answered and has not yet added to the database's counters, per day."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: dict[str, int] = {}

    def count(self, day: dt.date, n: int = 1) -> None:
        with self._lock:
            key = questions_key(day)
            self._pending[key] = self._pending.get(key, 0) + n

    def unflushed(self, day: dt.date) -> int:
        with self._lock:
            return self._pending.get(questions_key(day), 0)

    def flush(self, store: Store) -> None:
        """Add the counts to the database; on failure they are kept for the next flush."""
        with self._lock:
            taken, self._pending = self._pending, {}
        for key, n in taken.items():
            try:
                store.values.increment(key, n)
            except StoreError:
                with self._lock:
                    self._pending[key] = self._pending.get(key, 0) + n
                raise


def counter_of(application: Application) -> QuestionCounter:  # type: ignore[type-arg]
    counter: QuestionCounter = application.bot_data.setdefault("question_counter", QuestionCounter())
    return counter


def count_question(context: ContextTypes.DEFAULT_TYPE) -> None:
    """One more question answered (called by the question handlers)."""
    counter_of(context.application).count(settings_of(context).today())


@dataclass(frozen=True)
class EditionStatus:
    edition: str
    opened: dt.datetime
    counts: EditionCounts
    failed: int  # of counts.pending: the last try failed, retried later


@dataclass(frozen=True)
class Stats:
    subscribers: int
    unsubscribed: int  # inactive: unsubscribed, blocked the bot, or the chat is gone
    questions_today: int
    feeds: int
    failing_feeds: int
    index_built: dt.datetime | None
    last_edition: EditionStatus | None


def edition_statuses(store: Store, limit: int) -> list[EditionStatus]:
    ledger = store.deliveries
    return [EditionStatus(e, when, ledger.counts(e), ledger.failed(e)) for e, when in ledger.recent(limit)]


def gather_stats(store: Store, settings: Settings, counter: QuestionCounter) -> Stats:
    counter.flush(store)
    subscribers = store.subscribers.all()
    active = sum(1 for s in subscribers if s.active)
    feeds = store.feeds.all()
    manifest = read_manifest(settings.index_dir) or {}
    built = manifest.get("built_at")
    last = edition_statuses(store, 1)
    return Stats(
        subscribers=active,
        unsubscribed=len(subscribers) - active,
        questions_today=int(store.values.get(questions_key(settings.today())) or 0),
        feeds=len(feeds),
        failing_feeds=sum(1 for f in feeds if f.failures),
        index_built=dt.datetime.fromisoformat(built) if isinstance(built, str) else None,
        last_edition=last[0] if last else None,
    )


def age(since: dt.datetime, now: dt.datetime) -> str:
    minutes = int((now - since).total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


def counts_line(status: EditionStatus) -> str:
    c = status.counts
    return (
        f"sent {c.sent}, pending {c.pending + c.claimed} (failed, to retry: {status.failed}), "
        f"blocked {c.blocked}, skipped {c.skipped}"
    )


def stats_html(stats: Stats, now: dt.datetime) -> str:
    index = (
        f"built {stats.index_built:%Y-%m-%d %H:%M} UTC, {age(stats.index_built, now)} ago"
        if stats.index_built
        else "none"
    )
    lines = [
        "<b>TalentBot stats</b>",
        f"Subscribers: {stats.subscribers} (inactive: {stats.unsubscribed})",
        f"Questions today: {stats.questions_today}",
        f"Feeds: {stats.feeds} (failing: {stats.failing_feeds})",
        f"Index: {index}",
    ]
    last = stats.last_edition
    lines.append(
        f"Last recap: {esc(last.edition)}, {counts_line(last)}" if last else "Last recap: none sent yet"
    )
    return "\n".join(lines)


def broadcast_html(statuses: list[EditionStatus]) -> str:
    if not statuses:
        return "No recap edition has been opened yet."
    lines = ["<b>Recap deliveries</b> (latest first)"]
    lines += [
        f"<b>{esc(s.edition)}</b> (opened {s.opened:%Y-%m-%d %H:%M} UTC): {counts_line(s)}" for s in statuses
    ]
    return "\n".join(lines)


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None:
        stats = await asyncio.to_thread(
            gather_stats, store_of(context), settings_of(context), counter_of(context.application)
        )
        await update.effective_message.reply_html(stats_html(stats, dt.datetime.now(dt.UTC)))
    raise ApplicationHandlerStop


async def broadcast_status_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None:
        statuses = await asyncio.to_thread(edition_statuses, store_of(context), RECENT_EDITIONS)
        await update.effective_message.reply_html(broadcast_html(statuses))
    raise ApplicationHandlerStop


async def flush_counts_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    try:
        await asyncio.to_thread(counter_of(context.application).flush, store_of(context))
    except StoreError as exc:
        log.warning("could not save the question count (kept for the next try): %s", exc)


def add_handlers(application: Application, admins: frozenset[int]) -> None:  # type: ignore[type-arg]
    if not admins:
        return
    only_admins = filters.User(user_id=admins) & filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("stats", stats_command, filters=only_admins), group=ADMIN_GROUP)
    application.add_handler(
        CommandHandler("broadcast_status", broadcast_status_command, filters=only_admins), group=ADMIN_GROUP
    )


def add_jobs(queue: JobQueue) -> None:  # type: ignore[type-arg]
    queue.run_repeating(flush_counts_job, interval=FLUSH_EVERY_S, first=FLUSH_EVERY_S, name="flush-counts")
