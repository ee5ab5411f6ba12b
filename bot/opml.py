"""Feed lists as OPML 2.0, the format feed readers import and export, and the starter list shipped with TalentBot.

Reading takes every `<outline>` with an `xmlUrl` (http or https), at any depth, so a reader's folders are
flattened; its name is the outline's `title`, else its `text`. Writing gives one flat `<body>`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path

from bot.store.base import utcnow

__all__ = ["STARTER_FEEDS", "OpmlError", "OpmlFeed", "read_opml", "write_opml"]

STARTER_FEEDS = Path(__file__).parent / "data" / "starter_feeds.opml"
WEB_SCHEMES = ("http://", "https://")


class OpmlError(ValueError):
    """A file that is not an OPML feed list; the message says why."""


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    name: str | None  # None: the outline names no title


def read_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds an OPML document lists, in its order, each URL once. Raises OpmlError."""
    if b"<!ENTITY" in data:  # entity definitions have no place in a feed list (and expand without bound)
        raise OpmlError("the file defines XML entities: not an OPML feed list")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OpmlError(f"not well-formed XML: {exc}") from exc
    if root.tag.lower() != "opml":
        raise OpmlError(f"the root element is <{root.tag}>, not <opml>")
    feeds: dict[str, OpmlFeed] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if url.lower().startswith(WEB_SCHEMES) and url not in feeds:
            name = " ".join((outline.get("title") or outline.get("text") or "").split())
            feeds[url] = OpmlFeed(url, name or None)
    return list(feeds.values())


def write_opml(feeds: list[OpmlFeed], title: str = "TalentBot feeds") -> str:
    """An OPML 2.0 document listing `feeds` (type "rss", which readers use for Atom too)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(utcnow())
    body = ET.SubElement(root, "body")
    for feed in feeds:
        name = feed.name or feed.url
        ET.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
