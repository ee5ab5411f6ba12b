"""Fetch a URL over HTTP, and decode fetched or read bytes into text (BOM, charset, UTF-8, cp1252)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message

import httpx

__all__ = [
    "MAX_BYTES",
    "TIMEOUT",
    "USER_AGENT",
    "Fetch",
    "FetchError",
    "FetchResult",
    "HttpFetcher",
    "decode",
    "fetch_ok",
]

TIMEOUT = 15.0  # seconds: a news page that takes longer is down or throttling us
MAX_BYTES = 5 * 1024 * 1024  # an article page is well under 1 MB; more is a download, not a story
USER_AGENT = "TalentBot/0.1"  # say who we are, so a site can tell us apart from a browser
MAX_REDIRECTS = 10  # enough for http -> https -> www -> canonical chains, not for a loop
CHARSET_SNIFF_BYTES = 4096  # a page's <meta charset> comes early in its <head>


@dataclass(frozen=True)
class FetchResult:
    """What a fetch returned: the final URL (after redirects), the status and the raw bytes."""

    url: str
    content: bytes
    status: int = 200
    content_type: str = ""


class FetchError(Exception):
    """A URL could not be fetched (network error, timeout, HTTP error status, too large)."""


Fetch = Callable[[str], FetchResult]


class HttpFetcher:
    """The default fetch: httpx, 15 s timeout, redirects followed, at most 5 MB, User-Agent TalentBot/0.1."""

    def __init__(
        self, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES, user_agent: str = USER_AGENT
    ) -> None:
        self.max_bytes = max_bytes
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            headers={"User-Agent": user_agent},
            max_redirects=MAX_REDIRECTS,
        )

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def __call__(self, url: str) -> FetchResult:
        try:
            with self._client.stream("GET", url) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(f"response too large: {int(declared)} bytes (limit {self.max_bytes})")
                return FetchResult(
                    url=str(response.url),
                    content=self._read_body(response),
                    status=response.status_code,
                    content_type=response.headers.get("content-type", ""),
                )
        except httpx.HTTPError as exc:
            raise FetchError(f"network error: {type(exc).__name__}: {exc or 'no detail'}") from exc

    def _read_body(self, response: httpx.Response) -> bytes:
        """The body, stopping as soon as it passes the size limit (a missing Content-Length is no promise)."""
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"response too large: over {self.max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


def fetch_ok(fetch: Fetch, url: str) -> FetchResult:
    """Fetch `url`; an HTTP error status raises FetchError ("HTTP 404 Not Found")."""
    result = fetch(url)
    if result.status >= 400:
        raise FetchError(f"HTTP {result.status} {httpx.codes.get_reason_phrase(result.status)}".rstrip())
    return result


def _charset(content_type: str) -> str | None:
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return charset if isinstance(charset, str) else None


def decode(data: bytes, content_type: str = "") -> str:
    """Bytes to text: BOM, then the declared charset (header or <meta charset>), then UTF-8, then cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    declared = _charset(content_type)
    if declared is None:
        found = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", data[:CHARSET_SNIFF_BYTES], re.IGNORECASE)
        declared = found.group(1).decode("ascii") if found else None
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    return data.decode("cp1252", "replace")
