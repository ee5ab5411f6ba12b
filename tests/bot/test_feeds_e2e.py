"""End to end on 127.0.0.1: the running bot polls a news site whose feeds change between polls, and a new story
becomes answerable through Telegram (the fake Bot API) and appears in `recap preview`, with no restart."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest
from telegram.ext import Application
from typer.testing import CliRunner

from answer.engine import Engine
from bot.cli import app as cli_app
from bot.feed_poll import poll_and_refresh
from bot.settings import Settings
from bot.store import Store, open_store
from bot.store.base import utcnow
from bot.telegram_bot import build_application
from tests.bot.running_bot import running
from tests.fake_telegram import FakeTelegram, SentMessage
from tests.feed_server import FeedSite, Route, feed_site, rss
from tests.feed_stories import GADGET, KOVAC, OKAFOR, OKAFOR_COPY, talent_only

CHAT = 5151
QUESTION = "who did Zephyr Labs hire?"


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with feed_site() as running_site:
        yield running_site


def cli(settings: Settings, *args: str) -> str:
    env = {"TALENTBOT_DATA_DIR": str(settings.data_dir), "TALENTBOT_CORPUS_DIR": str(settings.corpus_dirs[0])}
    result = CliRunner().invoke(cli_app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.output


async def ask(tg: FakeTelegram, question: str) -> SentMessage:
    count = len(tg.sent_messages(CHAT))
    tg.send_user_message(CHAT, question)
    await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) > count, timeout=10)
    return tg.sent_messages(CHAT)[-1]


def serve_first_edition(site: FeedSite, store: Store) -> None:
    site.serve("/times.xml", Route(body=rss("Talent Times", [OKAFOR])))
    site.serve("/broken.xml", Route(500, b"upstream failed", "text/plain"))
    site.serve(
        "/garbage.xml", Route(body=b"<html><body><h1>We moved!</h1></body></html>", content_type="text/html")
    )
    for path, name in (
        ("/times.xml", "Talent Times"),
        ("/broken.xml", "Broken"),
        ("/garbage.xml", "Garbage"),
    ):
        store.feeds.add(site.url(path), name)


async def test_a_story_in_a_feed_is_answerable_and_in_the_recap_after_one_poll(
    tg: FakeTelegram, site: FeedSite, bot_settings: Settings, small_engine: Engine
) -> None:
    with open_store(bot_settings) as store:
        serve_first_edition(site, store)
        application: Application = build_application(bot_settings, small_engine, store)  # type: ignore[type-arg]
        await run_two_polls(application, tg, site, bot_settings, small_engine, store)
    tg.assert_no_rejections()

    recap = cli(bot_settings, "recap", "preview", "--date", "2026-11-23")
    assert OKAFOR.link in recap and KOVAC.link in recap and "Mira Okafor" in recap
    assert OKAFOR_COPY.link not in recap and GADGET.link not in recap


async def run_two_polls(
    application: Application,  # type: ignore[type-arg]
    tg: FakeTelegram,
    site: FeedSite,
    bot_settings: Settings,
    small_engine: Engine,
    store: Store,
) -> None:
    async with running(application):
        assert application.job_queue is not None
        [job] = application.job_queue.get_jobs_by_name("poll-feeds")
        assert job.job.trigger.interval == dt.timedelta(minutes=30)
        job.enabled = False  # run by hand below rather than when the schedule says
        assert "Mira Okafor" not in (await ask(tg, QUESTION)).text

        await job.run(application)  # the scheduled poll: fetch, ingest, index, reload

        answer = await ask(tg, QUESTION)
        assert "Mira Okafor" in answer.text and "OpenAI" in answer.text
        assert OKAFOR.link in [e.get("url") for e in answer.entities]
        listing = {f.name: f for f in store.feeds.all()}
        assert listing["Talent Times"].items_added == 1 and listing["Talent Times"].last_error is None
        assert listing["Broken"].last_error == "HTTP 500 Internal Server Error"
        assert "not an RSS or Atom feed" in (listing["Garbage"].last_error or "")
        shown = cli(bot_settings, "feeds", "list")
        assert "last error (1 failed in a row): HTTP 500 Internal Server Error" in shown

        # Half an hour later: the story's feed is unchanged, a wire service republishes it next to a new story
        # and a product launch, and the broken feeds wait out their back-off.
        site.serve("/wire.xml", Route(body=rss("Wire", [OKAFOR_COPY, KOVAC, GADGET])))
        store.feeds.add(site.url("/wire.xml"), "Wire")
        later = utcnow() + dt.timedelta(minutes=31)
        report = await asyncio.to_thread(
            poll_and_refresh, store, bot_settings, small_engine, now=later, relevance=talent_only
        )

        assert {r.name: r.status for r in report.feeds} == {"Talent Times": "unchanged", "Wire": "new"}
        assert site.statuses("/times.xml") == [200, 304] and site.statuses("/broken.xml") == [500]
        copy = next(k for k in report.ingest.skipped if k.source == OKAFOR_COPY.link)
        assert copy.reason in ("same text", "near-duplicate")
        gadget = next(k for k in report.ingest.skipped if k.source == GADGET.link)
        assert gadget.reason == "off-topic"
        assert report.reloaded
        assert "Ivo Kovac" in (await ask(tg, "who did Halcyon AI hire?")).text


def test_serve_polls_only_when_feeds_every_is_set(bot_settings: Settings, small_engine: Engine) -> None:
    with open_store(bot_settings) as store:
        off = build_application(replace(bot_settings, feeds_every=0), small_engine, store)
        assert off.job_queue is not None and off.job_queue.get_jobs_by_name("poll-feeds") == ()
        hourly = build_application(replace(bot_settings, feeds_every=60), small_engine, store)
        assert hourly.job_queue is not None
        [job] = hourly.job_queue.get_jobs_by_name("poll-feeds")
        assert job.job.trigger.interval == dt.timedelta(hours=1)
