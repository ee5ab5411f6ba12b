"""Poll the news feeds kept in the state database and take in their new items, as `talentbot ingest` does.

Each due feed is claimed (so that of several replicas only one polls it), fetched with a conditional GET
(:mod:`corpus.feed_fetch`: a 304 costs nothing and parses nothing) and, when it changed, its entries go
through :func:`corpus.ingest.ingest` into the user articles directory (same dedup: known URLs, same text,
syndicated copies; same move extraction). A feed that answers an error, times out, is too large or is not a
feed is recorded as that feed's last error and polled again after an exponential back-off; the other feeds
are polled all the same. :func:`poll_and_refresh` then rebuilds the index and has the engine load it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from answer.engine import Engine
from bot.runtime import refresh_index
from bot.settings import DEFAULT_FEEDS_EVERY, Settings
from bot.store import Feed, Store
from bot.store.base import utcnow
from corpus.drafts import SourceError, describe, detect_kind
from corpus.feed_fetch import FeedFetcher
from corpus.fetch import Fetch, FetchResult, HttpFetcher
from corpus.ingest import IngestReport, ingest
from corpus.loader import load_articles
from corpus.model import Article

__all__ = [
    "CLAIM_HOLD",
    "MAX_BACKOFF",
    "FeedResult",
    "PollReport",
    "Relevance",
    "backoff",
    "poll_and_refresh",
    "poll_feeds",
    "poll_interval",
]

# A claimed feed is left to its poller this long (a feed plus the pages of its teaser entries, each with a
# 15 s timeout); a poller that died meanwhile loses it to the next one after that.
CLAIM_HOLD = dt.timedelta(minutes=15)
# A feed due this soon is polled now: `serve` polls every interval, and a feed polled a few seconds into the
# previous run would otherwise be due a moment after this run and wait a whole interval more.
DUE_SLACK = dt.timedelta(minutes=2)
MAX_BACKOFF = dt.timedelta(hours=24)  # a feed broken for days is still tried once a day
ERROR_CHARS = 300  # of a feed's last error: one line in `feeds list`
NOT_A_FEED = {"html": "an HTML page", "text": "plain text", "markdown": "a Markdown file"}

Relevance = Callable[[str, str], bool]  # (title, text) -> on topic? (the off-topic filter's signature)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedResult:
    """What one poll of one feed did: "new" (fetched and read), "unchanged" (304) or "failed"."""

    url: str
    name: str
    status: str
    added: int = 0
    error: str | None = None
    next_poll: dt.datetime | None = None


@dataclass
class PollReport:
    """Every polled feed's result, and their entries' fate as `ingest --json` reports it."""

    feeds: list[FeedResult] = field(default_factory=list)
    ingest: IngestReport = field(default_factory=IngestReport)
    reloaded: bool = False  # the engine now answers from an index with the new articles

    def merge(self, report: IngestReport) -> None:
        self.ingest.added.extend(report.added)
        self.ingest.skipped.extend(report.skipped)
        self.ingest.failed.extend(report.failed)
        self.ingest.articles.extend(report.articles)


def poll_interval(settings: Settings) -> dt.timedelta:
    """Time between two polls of a healthy feed (the default when `serve` does not poll)."""
    return dt.timedelta(minutes=settings.feeds_every or DEFAULT_FEEDS_EVERY)


def backoff(interval: dt.timedelta, failures: int) -> dt.timedelta:
    """The wait after `failures` failed polls in a row: the interval doubled per failure, at most a day."""
    doubled: dt.timedelta = interval * (2 ** min(failures, 32))
    return min(doubled, MAX_BACKOFF)


@dataclass(frozen=True)
class _Prefetched:
    """The fetch ingest is handed: the feed's bytes already fetched, any other URL (a linked page) fetched."""

    url: str
    result: FetchResult
    fetch: Fetch

    def __call__(self, url: str) -> FetchResult:
        return self.result if url == self.url else self.fetch(url)


@dataclass
class _Poll:
    """One poll run: where it writes, what it already knows, its clock and its fetchers."""

    store: Store
    settings: Settings
    now: dt.datetime
    feed_fetcher: FeedFetcher
    page_fetch: Fetch
    existing: list[Article]
    relevance: Relevance | None
    report: PollReport = field(default_factory=PollReport)

    def feed(self, feed: Feed) -> None:
        """Poll one feed and record the outcome; nothing it does raises."""
        interval = poll_interval(self.settings)
        try:
            response = self.feed_fetcher.get(feed.url, feed.etag, feed.last_modified)
            added = 0
            if response.result is not None:
                added = self._take_in(feed, response.result)
        except Exception as exc:
            self._failed(feed, interval, describe(exc))
            return
        next_poll = self.now + interval
        self.store.feeds.record_success(
            feed.url,
            self.now,
            next_poll,
            etag=response.etag,
            last_modified=response.last_modified,
            items_added=added,
        )
        status = "unchanged" if response.unchanged else "new"
        self.report.feeds.append(FeedResult(feed.url, feed.name, status, added, None, next_poll))

    def _take_in(self, feed: Feed, result: FetchResult) -> int:
        """Ingest the feed's entries; SourceError when the whole feed is unusable."""
        kind = detect_kind(result.content, result.content_type)  # binary data raises
        if kind != "feed":
            raise SourceError(f"not an RSS or Atom feed: the server sent {NOT_A_FEED[kind]}")
        fetch = _Prefetched(feed.url, result, self.page_fetch)
        report = ingest(
            [feed.url], self.settings.user_articles_dir, self.existing, fetch, relevance=self.relevance
        )
        whole = [f for f in report.failed if f.source == feed.url]
        if whole:
            raise SourceError(whole[0].reason)
        self.existing.extend(report.articles)
        self.report.merge(report)
        return len(report.added)

    def _failed(self, feed: Feed, interval: dt.timedelta, error: str) -> None:
        error = " ".join(error.split())[:ERROR_CHARS]
        next_poll = self.now + backoff(interval, feed.failures + 1)
        self.store.feeds.record_failure(feed.url, error, next_poll)
        self.report.feeds.append(FeedResult(feed.url, feed.name, "failed", 0, error, next_poll))
        log.warning("feed %s failed (%d in a row): %s", feed.url, feed.failures + 1, error)


def _to_poll(store: Store, now: dt.datetime, every_feed: bool) -> Iterator[Feed]:
    """The feeds due now, each claimed before it is polled; with `every_feed`, all of them, unclaimed."""
    if every_feed:
        yield from store.feeds.all()
        return
    while (feed := store.feeds.claim_due(now + DUE_SLACK, CLAIM_HOLD)) is not None:
        yield feed


def poll_feeds(
    store: Store,
    settings: Settings,
    *,
    now: dt.datetime | None = None,
    every_feed: bool = False,
    feed_fetcher: FeedFetcher | None = None,
    page_fetch: Fetch | None = None,
    relevance: Relevance | None = None,
) -> PollReport:
    """Poll every due feed (every feed with `every_feed`) once, writing new articles to the user articles
    directory. Raises ArticleError when the corpus on disk is broken (nothing is polled then)."""
    now = now or utcnow()
    existing = load_articles(settings.all_corpus_dirs)
    with contextlib.ExitStack() as stack:
        feeds = feed_fetcher or stack.enter_context(FeedFetcher())
        pages = page_fetch or stack.enter_context(HttpFetcher())
        run = _Poll(store, settings, now, feeds, pages, existing, relevance)
        for feed in _to_poll(store, now, every_feed):
            run.feed(feed)
    return run.report


def poll_and_refresh(
    store: Store,
    settings: Settings,
    engine: Engine,
    *,
    now: dt.datetime | None = None,
    feed_fetcher: FeedFetcher | None = None,
    relevance: Relevance | None = None,
) -> PollReport:
    """`serve`'s poll: the due feeds, then, when they brought articles, the index rebuilt with the engine's
    embedder and loaded by the engine at once, so the new articles are answerable before this returns."""
    report = poll_feeds(store, settings, now=now, feed_fetcher=feed_fetcher, relevance=relevance)
    if report.ingest.added:
        refresh_index(settings, engine.embedder)
        report.reloaded = engine.reload_if_changed(settings.index_dir)
    return report
