"""Polling the feeds in the state database against a news site on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.feed_poll import CLAIM_HOLD, backoff, poll_feeds
from bot.runtime import refresh_index
from bot.settings import Settings
from bot.store import Store, open_store
from corpus.loader import load_articles
from index import onnx_store, store
from index.embedder import sha256_file
from index.onnx_encoder import weights_path
from index.onnx_export import OPSET
from tests.conftest import FakeEmbedder, write_article
from tests.feed_server import FeedSite, Route, feed_site, rss
from tests.feed_stories import GADGET, KOVAC, OKAFOR, OKAFOR_COPY, talent_only

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with feed_site() as running:
        yield running


@pytest.fixture
def poll_settings(tmp_path: Path, small_corpus: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dirs=(small_corpus,))


@pytest.fixture
def feed_store(poll_settings: Settings) -> Iterator[Store]:
    with open_store(poll_settings) as opened:
        yield opened


def test_backoff_doubles_the_interval_per_failure_up_to_a_day() -> None:
    waits = [backoff(30 * MINUTE, failures) / MINUTE for failures in range(1, 8)]
    assert waits == [60, 120, 240, 480, 960, 1440, 1440]
    assert backoff(5 * MINUTE, 1000) == dt.timedelta(hours=24)


def test_new_items_come_in_then_an_unchanged_feed_costs_a_304(
    site: FeedSite, feed_store: Store, poll_settings: Settings
) -> None:
    site.serve("/times.xml", Route(body=rss("Talent Times", [OKAFOR, KOVAC])))
    feed_store.feeds.add(site.url("/times.xml"), "Talent Times")

    first = poll_feeds(feed_store, poll_settings, now=T0)

    assert [(r.name, r.status, r.added) for r in first.feeds] == [("Talent Times", "new", 2)]
    written = {a.url: a for a in load_articles([poll_settings.user_articles_dir])}
    assert set(written) == {OKAFOR.link, KOVAC.link}
    assert written[OKAFOR.link].title == OKAFOR.title and written[OKAFOR.link].published == OKAFOR.published
    assert [(m.person, m.from_, m.to) for m in written[OKAFOR.link].moves] == [
        ("Mira Okafor", "OpenAI", "Zephyr Labs")
    ]
    feed = feed_store.feeds.get(site.url("/times.xml"))
    assert feed is not None and feed.etag and feed.last_modified
    assert (feed.last_success, feed.items_added, feed.next_poll) == (T0, 2, T0 + 30 * MINUTE)

    assert poll_feeds(feed_store, poll_settings, now=T0 + 10 * MINUTE).feeds == []  # not due yet
    second = poll_feeds(feed_store, poll_settings, now=T0 + 30 * MINUTE)

    assert [(r.status, r.added) for r in second.feeds] == [("unchanged", 0)]
    assert site.statuses("/times.xml") == [200, 304]
    assert site.requests[-1].if_none_match == feed.etag
    assert len(list(poll_settings.user_articles_dir.glob("*.md"))) == 2


def test_broken_feeds_are_recorded_and_backed_off_while_the_others_are_polled(
    site: FeedSite, feed_store: Store, poll_settings: Settings
) -> None:
    broken = {
        "/error.xml": (Route(500, b"upstream failed", "text/plain"), "HTTP 500 Internal Server Error"),
        "/page.xml": (Route(body=b"<html><body><p>Hello</p></body></html>"), "not an RSS or Atom feed"),
        "/binary.xml": (Route(body=b"\x89PNG\r\n\x1a\n\x00\x00"), "binary data"),
        "/empty.xml": (Route(body=rss("Nothing", [])), "the feed has no entries"),
    }
    for path, (route, _) in broken.items():
        site.serve(path, route)
        feed_store.feeds.add(site.url(path), path.strip("/"))
    site.serve("/times.xml", Route(body=rss("Talent Times", [OKAFOR])))
    feed_store.feeds.add(site.url("/times.xml"), "Talent Times")

    report = poll_feeds(feed_store, poll_settings, now=T0)

    statuses = {r.name: r.status for r in report.feeds}
    assert statuses.pop("Talent Times") == "new" and set(statuses.values()) == {"failed"}
    assert report.ingest.added and len(report.ingest.added) == 1
    for path, (_, error) in broken.items():
        feed = feed_store.feeds.get(site.url(path))
        assert feed is not None and feed.last_error is not None and error in feed.last_error, path
        assert (feed.failures, feed.next_poll, feed.last_success) == (1, T0 + 60 * MINUTE, None)

    later = T0 + 61 * MINUTE
    site.serve("/error.xml", Route(body=rss("Recovered", [KOVAC])))
    again = poll_feeds(feed_store, poll_settings, now=later)

    assert {r.name: r.status for r in again.feeds} == {
        "error.xml": "new",
        "page.xml": "failed",
        "binary.xml": "failed",
        "empty.xml": "failed",
        "Talent Times": "unchanged",
    }
    recovered = feed_store.feeds.get(site.url("/error.xml"))
    assert recovered is not None and (recovered.failures, recovered.last_error) == (0, None)
    still = feed_store.feeds.get(site.url("/page.xml"))
    assert still is not None and (still.failures, still.next_poll) == (2, later + 120 * MINUTE)


def test_a_syndicated_copy_in_another_feed_is_skipped(
    site: FeedSite, feed_store: Store, poll_settings: Settings
) -> None:
    site.serve("/times.xml", Route(body=rss("Talent Times", [OKAFOR])))
    feed_store.feeds.add(site.url("/times.xml"), "Talent Times")
    [original] = poll_feeds(feed_store, poll_settings, now=T0).ingest.added
    site.serve("/wire.xml", Route(body=rss("Wire", [OKAFOR_COPY, KOVAC])))
    feed_store.feeds.add(site.url("/wire.xml"), "Wire")

    report = poll_feeds(feed_store, poll_settings, now=T0 + MINUTE)

    assert [(k.source, k.duplicate_of) for k in report.ingest.skipped] == [(OKAFOR_COPY.link, original)]
    assert report.ingest.skipped[0].reason in ("same text", "near-duplicate")
    assert [a.url for a in report.ingest.articles] == [KOVAC.link]
    wire = feed_store.feeds.get(site.url("/wire.xml"))
    assert wire is not None and wire.items_added == 1


def test_a_feed_another_replica_claimed_is_left_to_it(
    site: FeedSite, feed_store: Store, poll_settings: Settings
) -> None:
    for path in ("/a.xml", "/b.xml"):
        site.serve(path, Route(body=rss(path, [OKAFOR])))
        feed_store.feeds.add(site.url(path), path)
    claimed = feed_store.feeds.claim_due(T0, CLAIM_HOLD)  # another replica is polling it right now
    assert claimed is not None

    report = poll_feeds(feed_store, poll_settings, now=T0)

    assert [r.url for r in report.feeds] == [site.url(p) for p in ("/a.xml", "/b.xml") if p != claimed.name]
    assert site.statuses(claimed.name) == []
    everything = poll_feeds(feed_store, poll_settings, now=T0, every_feed=True)
    assert len(everything.feeds) == 2  # `feeds poll --all`: due or not


def test_off_topic_items_are_skipped_with_the_relevance_filter(
    site: FeedSite, feed_store: Store, poll_settings: Settings
) -> None:
    site.serve("/times.xml", Route(body=rss("Talent Times", [GADGET, KOVAC])))
    feed_store.feeds.add(site.url("/times.xml"), "Talent Times")

    report = poll_feeds(feed_store, poll_settings, now=T0, relevance=talent_only)

    assert [a.url for a in report.ingest.articles] == [KOVAC.link]
    assert [(k.source, k.reason) for k in report.ingest.skipped] == [(GADGET.link, "off-topic")]


def test_a_rebuild_with_the_bots_own_encoder_keeps_the_onnx_export(
    poll_settings: Settings, small_corpus: Path, fake_embedder: FakeEmbedder
) -> None:
    """The running bot embeds a poll's articles with its ONNX query encoder: the export must stay in the
    manifest (and on disk), or the next start would load sentence-transformers."""
    refresh_index(poll_settings, fake_embedder)
    models = poll_settings.data_dir / onnx_store.MODELS_DIR
    models.mkdir()
    graph = models / f"{onnx_store.FILE_STEM}-test.onnx"
    graph.write_bytes(b"graph")
    weights_path(graph).write_bytes(b"weights")
    entry = onnx_store.OnnxEntry(
        f"{onnx_store.MODELS_DIR}/{graph.name}",
        sha256_file(graph),
        sha256_file(weights_path(graph)),
        onnx_store.SOURCE_SHA256,
        OPSET,
        0.9999,
    )
    store.update_manifest(poll_settings.index_dir, entry.to_manifest())
    write_article(small_corpus, article_id="2026-11-new", title="New", published="2026-11-20")

    refresh_index(poll_settings, fake_embedder)

    assert onnx_store.read_entry(store.read_manifest(poll_settings.index_dir)) == entry
    assert graph.is_file() and weights_path(graph).is_file()
