"""Fetch a feed with a conditional GET: its validators (ETag, Last-Modified) sent back, a 304 read as "unchanged".

The body is streamed and the download stopped as soon as it passes the size cap or the whole request takes
longer than the deadline (httpx's timeout is per network operation, so a server dripping bytes would never
trip it). An HTTP error status, a network error, a cap or a deadline raises :class:`corpus.fetch.FetchError`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from corpus.fetch import MAX_REDIRECTS, USER_AGENT, FetchError, FetchResult

__all__ = ["FEED_DEADLINE", "FEED_TIMEOUT", "MAX_FEED_BYTES", "FeedFetcher", "FeedResponse"]

FEED_TIMEOUT = 15.0  # seconds per connect or read: a feed server slower than that is down or throttling us
FEED_DEADLINE = 60.0  # seconds for the whole download: a slow drip of bytes is a failure too
MAX_FEED_BYTES = 4 * 1024 * 1024  # a full-text feed of 50 long stories is about 1 MB; more is not a feed
NOT_MODIFIED = 304
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"


@dataclass(frozen=True)
class FeedResponse:
    """A feed's answer: `result` is None when it was unchanged (304); the validators to send next time."""

    result: FetchResult | None
    etag: str | None
    last_modified: str | None

    @property
    def unchanged(self) -> bool:
        return self.result is None


class FeedFetcher:
    """Conditional GETs over one httpx client: redirects followed, timeouts, a size cap and a deadline."""

    def __init__(
        self,
        *,
        timeout: float = FEED_TIMEOUT,
        deadline: float = FEED_DEADLINE,
        max_bytes: int = MAX_FEED_BYTES,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.deadline = deadline
        self.max_bytes = max_bytes
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": user_agent, "Accept": FEED_ACCEPT},
        )

    def __enter__(self) -> FeedFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FeedResponse:
        """GET `url`, sending back the validators of the previous answer; FetchError when it fails."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code == NOT_MODIFIED:  # nothing to read: keep the validators we sent
                    return FeedResponse(
                        None,
                        response.headers.get("etag") or etag,
                        response.headers.get("last-modified") or last_modified,
                    )
                if response.status_code >= 400:
                    phrase = httpx.codes.get_reason_phrase(response.status_code)
                    raise FetchError(f"HTTP {response.status_code} {phrase}".rstrip())
                content = self._read_body(response, started)
                result = FetchResult(
                    str(response.url), content, response.status_code, response.headers.get("content-type", "")
                )
                return FeedResponse(
                    result, response.headers.get("etag"), response.headers.get("last-modified")
                )
        except httpx.TimeoutException as exc:
            raise FetchError(
                f"timed out after {self._client.timeout.read or 0:g} s ({type(exc).__name__})"
            ) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"network error: {type(exc).__name__}: {exc or 'no detail'}") from exc

    def _read_body(self, response: httpx.Response, started: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"feed too large: {int(declared)} bytes (limit {self.max_bytes})")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"feed too large: over {self.max_bytes} bytes")
            if time.monotonic() - started > self.deadline:
                raise FetchError(f"timed out: the feed took over {self.deadline:g} s to download")
            chunks.append(chunk)
        return b"".join(chunks)
