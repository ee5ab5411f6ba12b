"""Scheduled work: the weekly recap, its catch-up, picking up a new index build, and polling the news feeds."""

from __future__ import annotations

import asyncio
import logging

from telegram.ext import ContextTypes

from bot.feed_poll import poll_and_refresh
from bot.recap_delivery import DeliveryPolicy, DeliveryReport
from bot.recap_schedule import run_schedule
from bot.recap_schedule import send_recap_now as send_edition_now
from bot.settings import Settings
from bot.telegram_bot.access import (
    clock_of,
    engine_of,
    recap_lock_of,
    settings_of,
    store_of,
    topic_filter_of,
    worker_of,
)

log = logging.getLogger(__name__)

# The recap check (chats whose own recap time has come, a slot missed while down, chats left pending) runs
# this long after start, then at this interval: a chat's recap goes out within a minute of its local time.
CATCH_UP_FIRST_S = 5
CATCH_UP_INTERVAL_S = 60
RELOAD_INDEX_EVERY_S = 60  # a new `index build` is picked up within a minute, without a restart
FEEDS_FIRST_S = 10  # the first feed poll soon after start: a restarted bot catches up on due feeds at once


async def weekly_recap_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """At the default recap time: the chats on the default schedule get the week's edition; every replica
    helps send it."""
    async with recap_lock_of(context):
        await run_schedule(
            context.bot,
            store_of(context),
            settings_of(context),
            worker_of(context),
            missed_only=False,
            now=clock_of(context)(),
        )


async def recap_catch_up_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """At start and every minute: chats whose own recap time has come (or passed while no bot ran), and chats
    an edition has not reached yet. Skipped while this process's previous run is still sending."""
    lock = recap_lock_of(context)
    if lock.locked():
        return
    async with lock:
        await run_schedule(
            context.bot,
            store_of(context),
            settings_of(context),
            worker_of(context),
            missed_only=True,
            now=clock_of(context)(),
        )


async def reload_index_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    engine = engine_of(context)
    if await asyncio.to_thread(engine.reload_if_changed, settings_of(context).index_dir):
        log.info("loaded a new index build: %s", engine.data.directory)


async def poll_feeds_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every TALENTBOT_FEEDS_EVERY minutes: the due feeds polled, their new articles indexed and answerable."""
    try:
        topic = await asyncio.to_thread(topic_filter_of, context)
        report = await asyncio.to_thread(
            poll_and_refresh, store_of(context), settings_of(context), engine_of(context), relevance=topic
        )
    except Exception:  # a broken article on disk, the database away: the next poll tries again
        log.exception("feed poll failed")
        return
    if report.feeds:
        failed = sum(1 for f in report.feeds if f.status == "failed")
        log.info(
            "polled %d feeds (%d failed): %d articles added",
            len(report.feeds),
            failed,
            len(report.ingest.added),
        )


async def send_recap_now(
    settings: Settings, edition: str | None = None, policy: DeliveryPolicy | None = None
) -> DeliveryReport:
    """`talentbot recap send`: the same recap, database and Telegram settings as `serve`, through the ledger.
    Raises ArticleError on a broken article, before anything is sent."""
    return await send_edition_now(settings, edition, policy)


def ptb_days(recap_day: int) -> tuple[int, ...]:
    """PTB's run_daily counts days from Sunday = 0; settings count from Monday = 0 (as datetime does)."""
    return ((recap_day + 1) % 7,)
