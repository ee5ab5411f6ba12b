"""Read web content: HTML to plain paragraphs, a page's head metadata, and trafilatura's extraction of a page.

:func:`extract_page` gives a page's main text (no navigation, ads, comments or footers) and its metadata:
title, site name (else ``og:site_name``), date, canonical URL and author, falling back on the page's
``<meta>`` tags, ``<link rel=canonical>`` and ``<title>`` when trafilatura finds nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from corpus.model import WEB_URL

__all__ = ["Page", "extract_page", "host", "html_to_text", "is_web_url", "loose_date", "paragraphs"]

HEAD_PARSE_LIMIT = (
    500_000  # characters: a page's <head> is far shorter; a huge page is not worth parsing whole
)

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "head", "title"})
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
        "table", "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd", "dt", "aside",
    }
)  # fmt: skip


def paragraphs(text: str) -> str:
    """Normalised body text: paragraphs of single-spaced lines separated by one blank line."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n\n".join(" ".join(b.split()) for b in blocks if b.strip())


def _lines_to_paragraphs(text: str) -> str:
    """trafilatura's txt output has one paragraph per line: make them Markdown paragraphs."""
    return "\n\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): block elements become paragraphs."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return paragraphs("".join(parser.parts))


class _HeadParser(HTMLParser):
    """<meta>, <link rel=canonical> and <title> of a page: the fallbacks when trafilatura finds nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and "content" in values:
                self.meta.setdefault(key, values["content"].strip())
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _head(page: str) -> _HeadParser:
    parser = _HeadParser()
    try:
        parser.feed(page[:HEAD_PARSE_LIMIT])
        parser.close()
    except Exception:  # a malformed page: keep what was read
        pass
    return parser


def host(url: str | None) -> str | None:
    """The URL's host, lower-case and without ``www.``; None when there is none."""
    if not url:
        return None
    name = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return name or None


def is_web_url(url: str | None) -> bool:
    """True for an address an article may have (http(s), a dotted host)."""
    return bool(url) and WEB_URL.match(url or "") is not None


def loose_date(value: object) -> dt.date | None:
    """A date from whatever a page or feed gives: a date, a datetime, a struct_time or ISO-led text."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, tuple) and len(value) >= 3:  # time.struct_time from feedparser
        try:
            return dt.date(int(value[0]), int(value[1]), int(value[2]))
        except (TypeError, ValueError):
            return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


@dataclass
class Page:
    """What a web page says about itself, each field None when the page does not say."""

    title: str | None
    site_name: str | None  # None when the page names no site (not even via og:site_name)
    url: str | None
    date: dt.date | None
    author: str | None
    body: str


def _meta_text(meta: Any, name: str) -> str | None:
    """One of trafilatura's metadata fields, whitespace-folded; None when missing or blank."""
    value = getattr(meta, name, None) if meta is not None else None
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def extract_page(page: str, url: str | None) -> Page:
    """The main text and metadata of an HTML page fetched from (or canonical at) `url`."""
    import trafilatura  # imported here: heavy, and only HTML needs it

    text = trafilatura.extract(
        page,
        url=url,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    body = _lines_to_paragraphs(text) if isinstance(text, str) else ""
    meta: Any = trafilatura.extract_metadata(page, default_url=url)
    head = _head(page)
    title = _meta_text(meta, "title") or head.meta.get("og:title") or " ".join(head.title.split()) or None
    if title and body.startswith(title):
        body = body[len(title) :].lstrip()
    canonical = _meta_text(meta, "url") or head.canonical or head.meta.get("og:url")
    if canonical and url:
        canonical = urljoin(url, canonical)
    site = _meta_text(meta, "sitename")
    hosts = {urlsplit(u).netloc.lower().removeprefix("www.") for u in (canonical, url) if u}
    if site and site.lower().removeprefix("www.") in hosts:
        site = None  # trafilatura's own fallback to the host name: not a real site name
    site = site or head.meta.get("og:site_name") or None
    date = loose_date(_meta_text(meta, "date")) or loose_date(head.meta.get("article:published_time"))
    author = _meta_text(meta, "author") or head.meta.get("author") or None
    return Page(title, site, canonical if is_web_url(canonical) else None, date, author, body)
