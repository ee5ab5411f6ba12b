"""A news site on 127.0.0.1 whose feeds change between polls: conditional GETs, errors, garbage, slow drips."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Item:
    title: str
    link: str
    published: dt.date
    text: str  # the entry's full content (80 words or more: nothing else is fetched)


def rss(title: str, items: list[Item]) -> bytes:
    """An RSS 2.0 feed carrying each item's full text."""
    entries = "".join(
        f"<item><title>{escape(i.title)}</title><link>{escape(i.link)}</link><guid>{escape(i.link)}</guid>"
        f"<pubDate>{format_datetime(dt.datetime.combine(i.published, dt.time(9), dt.UTC))}</pubDate>"
        f"<description>{escape(i.text)}</description></item>"
        for i in items
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>https://example.org/</link>{entries}</channel></rss>"
    ).encode()


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/rss+xml"
    validators: bool = True  # send an ETag and a Last-Modified, and answer 304 when they come back
    delay: float = 0.0  # seconds between chunks of the body (a slow drip)
    chunks: int = 1
    declare_length: bool = True  # False: no Content-Length, the body ends when the connection closes


@dataclass
class Request:
    path: str
    if_none_match: str | None
    if_modified_since: str | None
    status: int


@dataclass
class FeedSite:
    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def serve(self, path: str, route: Route) -> None:
        self.routes[path] = route

    def statuses(self, path: str) -> list[int]:
        return [r.status for r in self.requests if r.path == path]


LAST_MODIFIED = "Fri, 20 Nov 2026 09:00:00 GMT"


def _handler(site: FeedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = site.routes.get(self.path, Route(404, b"not found", "text/plain"))
            etag = f'"{hashlib.sha1(route.body).hexdigest()[:12]}"'
            sent_etag = self.headers.get("If-None-Match")
            unchanged = route.validators and route.status == 200 and sent_etag == etag
            status = 304 if unchanged else route.status
            site.requests.append(Request(self.path, sent_etag, self.headers.get("If-Modified-Since"), status))
            self.send_response(status)
            if route.validators and route.status == 200:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", LAST_MODIFIED)
            if status == 304:
                self.end_headers()
                return
            self.send_header("Content-Type", route.content_type)
            if route.declare_length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self._write(route)

        def _write(self, route: Route) -> None:
            size = max(1, len(route.body) // route.chunks + 1)
            for start in range(0, len(route.body), size):
                try:
                    self.wfile.write(route.body[start : start + size])
                    self.wfile.flush()
                except OSError:  # the client gave up (a cap or a deadline): fine
                    return
                time.sleep(route.delay)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def feed_site() -> Iterator[FeedSite]:
    site = FeedSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
