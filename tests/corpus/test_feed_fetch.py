"""Conditional GETs of a feed on 127.0.0.1: validators sent back, 304, errors, the size cap and the deadline."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from corpus.feed_fetch import FeedFetcher
from corpus.fetch import FetchError
from tests.feed_server import LAST_MODIFIED, FeedSite, Route, feed_site

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with feed_site() as running:
        yield running


def test_an_unchanged_feed_costs_a_304_and_keeps_its_validators(site: FeedSite) -> None:
    site.serve("/feed", Route(body=FEED))
    with FeedFetcher() as fetcher:
        first = fetcher.get(site.url("/feed"))
        assert first.result is not None and first.result.content == FEED
        assert first.etag and first.last_modified == LAST_MODIFIED
        again = fetcher.get(site.url("/feed"), first.etag, first.last_modified)
    assert again.unchanged and again.result is None
    assert (again.etag, again.last_modified) == (first.etag, first.last_modified)
    assert site.statuses("/feed") == [200, 304]
    assert site.requests[1].if_none_match == first.etag
    assert site.requests[1].if_modified_since == LAST_MODIFIED


def test_a_changed_feed_is_fetched_again_with_new_validators(site: FeedSite) -> None:
    site.serve("/feed", Route(body=FEED))
    with FeedFetcher() as fetcher:
        first = fetcher.get(site.url("/feed"))
        site.serve("/feed", Route(body=FEED.replace(b"<title>T", b"<title>U")))
        second = fetcher.get(site.url("/feed"), first.etag, first.last_modified)
    assert second.result is not None and b"<title>U" in second.result.content
    assert second.etag != first.etag


def test_an_error_status_is_a_fetch_error(site: FeedSite) -> None:
    site.serve("/feed", Route(500, b"oops", "text/plain"))
    with FeedFetcher() as fetcher, pytest.raises(FetchError, match="HTTP 500 Internal Server Error"):
        fetcher.get(site.url("/feed"))


@pytest.mark.parametrize("declared", [True, False])
def test_a_feed_over_the_cap_is_refused(site: FeedSite, declared: bool) -> None:
    site.serve("/big", Route(body=b"<rss>" + b"x" * 50_000, chunks=20, declare_length=declared))
    with FeedFetcher(max_bytes=10_000) as fetcher, pytest.raises(FetchError, match="feed too large"):
        fetcher.get(site.url("/big"))


def test_a_slow_server_times_out(site: FeedSite) -> None:
    site.serve("/slow", Route(body=FEED, chunks=2, delay=2.0))
    started = time.monotonic()
    with FeedFetcher(timeout=0.5) as fetcher, pytest.raises(FetchError, match="timed out"):
        fetcher.get(site.url("/slow"))
    assert time.monotonic() - started < 2.0


def test_a_slow_drip_hits_the_deadline(site: FeedSite) -> None:
    site.serve("/drip", Route(body=FEED * 4, chunks=8, delay=0.3))
    with (
        FeedFetcher(timeout=5, deadline=0.5) as fetcher,
        pytest.raises(FetchError, match=r"took over 0\.5 s"),
    ):
        fetcher.get(site.url("/drip"))


def test_nothing_listening_is_a_network_error() -> None:
    with feed_site() as gone:
        url = gone.url("/feed")
    with FeedFetcher(timeout=2) as fetcher, pytest.raises(FetchError, match="network error"):
        fetcher.get(url)
