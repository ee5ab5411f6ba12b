"""Turn one source (a file or an http(s) URL) into an article draft, working out what it is from its content.

* **Markdown with YAML front matter** (the shipped corpus format): its fields are kept;
* **plain text**: the first line is the title, the rest the body; the publisher is the site's host, or
  "Local file", the date the file's modification date (today for a URL);
* **HTML pages**: :func:`corpus.webpage.extract_page` gives the main text and the metadata;
* **RSS and Atom feeds** are detected here and read by :mod:`corpus.feeds`, one draft per entry.

A local file has no URL of its own, and an article needs one: it gets ``https://local.invalid/<hash>/<name>``
(``.invalid`` is reserved and never resolves), unless an HTML file names its canonical URL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from corpus.fetch import MAX_BYTES, Fetch, FetchError, decode, fetch_ok
from corpus.loader import ArticleError, parse_article
from corpus.model import Move
from corpus.webpage import Page, extract_page, host, paragraphs

__all__ = [
    "Document",
    "Draft",
    "Failed",
    "Kind",
    "Skipped",
    "SourceError",
    "UnsupportedContent",
    "check_page",
    "describe",
    "detect_kind",
    "first_line",
    "html_draft",
    "is_url",
    "local_url",
    "markdown_draft",
    "read_source",
    "text_draft",
]

MIN_PAGE_WORDS = 25  # less than this from a page is a menu or a teaser, not an article
LOCAL_PUBLISHER = "Local file"
LOCAL_HOST = "local.invalid"  # reserved (RFC 2606): a local file's made-up URL can never resolve
KIND_SNIFF_BYTES = 8192  # enough to see past a page's prolog and comments to its root element
MAX_TITLE_LINE = 200  # characters: a longer first line of a text file is a paragraph, not a title
SUMMARY_TITLE_WORDS = 12  # a text file without a title line is named by its first words
FALLBACK_TITLE_CHARS = 120  # a page or entry without a title is named by its first line, cut to this

Kind = Literal["markdown", "feed", "html", "text"]

_PROLOG = re.compile(
    r"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^>\[]|\[[^\]]*\])*>)", re.IGNORECASE | re.DOTALL
)
_HTML_ROOTS = frozenset(
    {"html", "head", "body", "div", "p", "article", "main", "section", "meta", "title", "header", "span", "a"}
)
_URL_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*)://", re.IGNORECASE)


class SourceError(ValueError):
    """A source that cannot become an article; the message is the whole reason."""


class UnsupportedContent(SourceError):
    pass


@dataclass(frozen=True)
class Skipped:
    """A source (or feed entry) not added because it repeats a known article or is off topic."""

    source: str
    reason: str  # "same URL", "same text", "near-duplicate" or "off-topic"
    duplicate_of: str  # the id it repeats; empty for "off-topic"


@dataclass(frozen=True)
class Failed:
    """A source (or feed entry) that could not become an article, and why."""

    source: str
    reason: str


def describe(exc: BaseException) -> str:
    """Why a source failed, for the report: our own errors' messages as they are, others with their type."""
    if isinstance(exc, (FetchError, ArticleError, SourceError)):
        return str(exc)
    detail = str(exc).strip()
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


# ----------------------------------------------------------------------------- kinds


def _skip_prolog(text: str) -> tuple[str, bool]:
    """The text after any XML declaration, comments and doctype; and whether the doctype says HTML."""
    rest = text
    doctype_html = False
    while True:
        found = _PROLOG.match(rest)
        if not found or not found.group(0):
            return rest, doctype_html
        doctype_html = doctype_html or found.group(0).lower().startswith("<!doctype html")
        rest = rest[found.end() :]


def detect_kind(data: bytes, content_type: str = "") -> Kind:
    """What the bytes are, from their content: "markdown" (with front matter), "feed", "html" or "text".

    The Content-Type only breaks ties (an XML document of unknown root). Binary data raises
    UnsupportedContent.
    """
    head = data[:KIND_SNIFF_BYTES]
    if b"\x00" in head or head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04")):
        raise UnsupportedContent("unsupported content: binary data, not text, HTML or a feed")
    text = decode(head, content_type).lstrip("\ufeff")
    if text.split("\n", 1)[0].strip() == "---":
        return "markdown"  # front matter, maybe broken: parse_article says what is wrong
    rest, doctype_html = _skip_prolog(text)
    root = re.match(r"<([A-Za-z][\w:.-]*)", rest)
    if root:
        name = root.group(1).lower()
        if name in ("rss", "feed", "rdf:rdf", "rdf"):
            return "feed"
        if doctype_html or name in _HTML_ROOTS:
            return "html"
        ctype = content_type.lower()
        if any(t in ctype for t in ("rss", "atom", "xml")):
            return "feed"
        return "html"
    if doctype_html:
        return "html"
    return "text"


# ----------------------------------------------------------------------------- sources


@dataclass
class Draft:
    """An article before it has an id: what a source said about itself."""

    source: str
    title: str
    publisher: str
    url: str
    published: dt.date
    body: str
    author: str | None = None
    id: str | None = None
    tags: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    moves: tuple[Move, ...] | None = None  # None: extract from the body


def local_url(path: Path) -> str:
    """The made-up URL of a local file: stable for its absolute path, and never resolvable."""
    resolved = str(path.resolve())
    digest = hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:8]
    return f"https://{LOCAL_HOST}/{digest}/{quote(path.name)}"


@dataclass
class Document:
    """One source's bytes, and where they came from."""

    source: str
    data: bytes
    url: str | None  # the final URL when fetched
    path: Path | None
    content_type: str = ""

    @property
    def default_url(self) -> str:
        if self.url:
            return self.url
        assert self.path is not None
        return local_url(self.path)

    @property
    def default_publisher(self) -> str:
        return host(self.url) or LOCAL_PUBLISHER

    @property
    def default_date(self) -> dt.date:
        if self.path is not None:
            return dt.date.fromtimestamp(self.path.stat().st_mtime)
        return dt.date.today()


def is_url(source: str) -> bool:
    """True when the source is written as a URL (any scheme), not as a file path."""
    return _URL_SCHEME.match(source) is not None


def read_source(source: str, fetch: Fetch) -> Document:
    """Fetch an http(s) URL or read a file (at most MAX_BYTES); other URL schemes raise SourceError."""
    scheme = _URL_SCHEME.match(source)
    if scheme:
        if scheme.group(1).lower() not in ("http", "https"):
            raise SourceError(f"unsupported URL scheme {scheme.group(1)!r}: only http(s) URLs and files")
        result = fetch_ok(fetch, source)
        return Document(source, result.content, result.url or source, None, result.content_type)
    path = Path(source).expanduser()
    if not path.is_file():
        raise SourceError("no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SourceError(f"file too large: {size} bytes (limit {MAX_BYTES})")
    return Document(source, path.read_bytes(), None, path)


# ----------------------------------------------------------------------------- files and pages


def markdown_draft(doc: Document) -> Draft:
    article = parse_article(decode(doc.data, doc.content_type), doc.path or Path(doc.source))
    return Draft(
        source=doc.source,
        title=article.title,
        publisher=article.publisher,
        url=article.url,
        published=article.published,
        body=article.body,
        author=article.author,
        id=article.id,
        tags=article.tags,
        companies=article.companies,
        people=article.people,
        moves=article.moves or None,
    )


def text_draft(doc: Document) -> Draft:
    text = decode(doc.data, doc.content_type).lstrip("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise SourceError("the file is empty")
    title = " ".join(lines[0].strip().lstrip("#").split())
    body = paragraphs("\n".join(lines[1:]))
    if len(title) > MAX_TITLE_LINE:  # no title line: the first line is a paragraph
        body = paragraphs(text)
        title = " ".join(title.split()[:SUMMARY_TITLE_WORDS]) + "…"
    if not body:
        raise SourceError("no text after the title line")
    return Draft(
        source=doc.source,
        title=title,
        publisher=doc.default_publisher,
        url=doc.default_url,
        published=doc.default_date,
        body=body,
    )


def check_page(page: Page, what: str = "the page") -> None:
    """Raise SourceError when what was extracted from a page is too short to be an article."""
    words = len(page.body.split())
    if words < MIN_PAGE_WORDS:
        detail = f" (only {words} word{'s' if words != 1 else ''})" if words else ""
        raise SourceError(f"no article text found in {what}{detail}")


def first_line(body: str) -> str:
    """The title of last resort: the body's first line, cut short."""
    return body.split("\n")[0][:FALLBACK_TITLE_CHARS]


def html_draft(doc: Document) -> Draft:
    page = extract_page(decode(doc.data, doc.content_type), doc.url)
    check_page(page)
    return Draft(
        source=doc.source,
        title=page.title or first_line(page.body),
        publisher=page.site_name or host(page.url or doc.url) or LOCAL_PUBLISHER,
        url=page.url or doc.default_url,
        published=page.date or doc.default_date,
        body=page.body,
        author=page.author,
    )
