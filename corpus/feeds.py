"""Read an RSS or Atom feed (with feedparser): one article draft per entry.

An entry becomes a draft from its own full content when that has at least :data:`MIN_FEED_WORDS` words,
otherwise from the page it links to. An entry whose link is already known is skipped without a fetch, and
one entry that fails never stops the others.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urljoin

from corpus.drafts import (
    Document,
    Draft,
    Failed,
    Skipped,
    SourceError,
    check_page,
    describe,
    detect_kind,
    first_line,
)
from corpus.fetch import Fetch, decode, fetch_ok
from corpus.webpage import extract_page, host, html_to_text, is_web_url, loose_date, paragraphs

__all__ = ["MIN_FEED_WORDS", "KnownUrl", "feed_drafts"]

MIN_FEED_WORDS = 80  # fewer words in a feed entry is a teaser: read the page it links to instead
# When that page can't be had (a paywall, a 404, a timeout), a summary this long still says who moved where:
# it stands in for the article rather than losing the story (shorter ones are a headline and a half).
MIN_SUMMARY_WORDS = 30

KnownUrl = Callable[[str], str | None]  # the id of the known article at a URL, if any


@dataclass(frozen=True)
class _Entry:
    """What a feed entry says about itself."""

    number: int  # 1-based position in the feed
    label: str  # how the report names it: its link, else the feed and its position
    link: str | None
    guid: str
    title: str | None
    published: dt.date | None
    author: str | None
    text: str


def _entry_text(entry: Any) -> str:
    """The longest text an entry carries: its full content, else its summary."""
    texts: list[str] = []
    summary = {"value": entry.get("summary", ""), "type": (entry.get("summary_detail") or {}).get("type", "")}
    for item in [*(entry.get("content") or []), summary]:
        value = item.get("value") or ""
        kind = str(item.get("type") or "text/html")
        if value.strip():
            texts.append(html_to_text(value) if "html" in kind or "<" in value else paragraphs(value))
    return max(texts, key=lambda t: len(t.split()), default="")


def _read_entry(entry: Any, number: int, label: str, link: str | None) -> _Entry:
    raw_title = str(entry.get("title", ""))
    title = " ".join((html_to_text(raw_title) if "<" in raw_title else html.unescape(raw_title)).split())
    return _Entry(
        number=number,
        label=label,
        link=link,
        guid=str(entry.get("id") or ""),
        title=title or None,
        published=loose_date(entry.get("published_parsed")) or loose_date(entry.get("updated_parsed")),
        author=str(entry.get("author")) if entry.get("author") else None,
        text=_entry_text(entry),
    )


def feed_drafts(doc: Document, fetch: Fetch, known_url: KnownUrl) -> Iterator[Draft | Skipped | Failed]:
    """The drafts of a feed's entries, and a Skipped or Failed for each entry that gives none."""
    import feedparser  # imported here: only feeds need it

    headers = {"content-location": doc.url} if doc.url else {}
    parsed: Any = feedparser.parse(doc.data, response_headers=headers)
    entries = list(parsed.entries)
    if not entries:
        problem = parsed.get("bozo_exception")
        raise SourceError(f"the feed has no entries{f': {problem}' if problem else ''}")
    feed_title = " ".join(str(parsed.feed.get("title", "")).split()) or None
    for number, entry in enumerate(entries, start=1):
        link = entry.get("link") or None
        if link and doc.url:
            link = urljoin(doc.url, link)
        label = link or f"{doc.source} (entry {number})"
        try:
            if link and (duplicate_of := known_url(link)):
                yield Skipped(label, "same URL", duplicate_of)
                continue
            yield _entry_draft(_read_entry(entry, number, label, link), feed_title, doc, fetch)
        except Exception as exc:
            yield Failed(label, describe(exc))


def _entry_draft(entry: _Entry, feed_title: str | None, doc: Document, fetch: Fetch) -> Draft:
    """The entry's own text when it is long enough, else the page it links to (else, when that page can't be
    had, a summary of MIN_SUMMARY_WORDS or more)."""
    words = len(entry.text.split())
    if words < MIN_FEED_WORDS:
        if not entry.link:
            raise SourceError(f"the entry has only {words} words of text and no link to the article")
        try:
            return _linked_page_draft(entry, entry.link, feed_title, doc, fetch)
        except Exception:
            if words < MIN_SUMMARY_WORDS:
                raise
    if entry.link and is_web_url(entry.link):
        url = entry.link
    elif is_web_url(entry.guid):
        url = entry.guid
    else:  # an entry with no address of its own: one per entry, under the feed's
        url = f"{doc.default_url}?entry={quote(entry.guid or str(entry.number))}"
    return Draft(
        source=entry.label,
        title=entry.title or first_line(entry.text),
        publisher=feed_title or host(entry.link) or doc.default_publisher,
        url=url,
        published=entry.published or doc.default_date,
        body=entry.text,
        author=entry.author,
    )


def _linked_page_draft(
    entry: _Entry, link: str, feed_title: str | None, doc: Document, fetch: Fetch
) -> Draft:
    result = fetch_ok(fetch, link)
    kind = detect_kind(result.content, result.content_type)
    if kind != "html":
        raise SourceError(f"the entry's link is not an HTML page ({kind})")
    page = extract_page(decode(result.content, result.content_type), result.url)
    check_page(page, "the linked page")
    return Draft(
        source=entry.label,
        title=entry.title or page.title or first_line(page.body),
        publisher=page.site_name or feed_title or host(page.url or result.url) or doc.default_publisher,
        url=page.url or result.url or link,
        published=entry.published or page.date or dt.date.today(),
        body=page.body,
        author=entry.author or page.author,
    )
