"""Bring new articles into a corpus directory from files and URLs: Markdown, plain text, HTML pages and feeds.

``ingest(sources, dest_dir, existing)`` reads each source (a file path, a directory of files, or an http(s)
URL), works out what it is from its content (not its name), turns it into one or more articles, drops the
ones that repeat an article already known (:mod:`corpus.dedup`: same URL, same text or a syndicated
near-copy; known means in ``existing``, already in ``dest_dir`` or added earlier in the run) and writes the rest as normalised Markdown files, ``dest_dir/<id>.md``, that
:func:`corpus.loader.load_articles` reads. Every file is validated with :func:`corpus.loader.parse_article`
before it is written, and written atomically. One bad source never stops the others: it is reported in
``IngestReport.failed`` with the reason.

Kinds of input:

* **Markdown with YAML front matter** (the shipped corpus format): its fields are kept; empty ``moves`` are
  filled from the text, empty ``companies``/``people`` from the moves;
* **plain text**: the first line is the title, the rest the body; the publisher is the site's host, or
  "Local file", the date the file's modification date (today for a URL);
* **HTML pages**: trafilatura extracts the main text (no navigation, ads, comments or footers) and the
  metadata: title, site name (else ``og:site_name``, else the host), date, canonical URL and author;
* **RSS and Atom feeds**: one article per entry, from the entry's full content when it has at least
  :data:`MIN_FEED_WORDS` words, otherwise from the page the entry links to.

A local file has no URL of its own, and an article needs one: it gets ``https://local.invalid/<hash>/<name>``
(``.invalid`` is reserved and never resolves), unless an HTML file names its canonical URL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urljoin, urlsplit

import httpx
import yaml

from corpus.atomic import write_atomic
from corpus.dedup import DuplicateIndex, strip_tracking
from corpus.loader import SHIPPED_DIR, ArticleError, check_articles, parse_article
from corpus.model import ID_PATTERN, Article, Move
from corpus.moves import extract_moves

__all__ = [
    "MAX_BYTES",
    "MIN_FEED_WORDS",
    "TIMEOUT",
    "USER_AGENT",
    "Failed",
    "FetchError",
    "FetchResult",
    "HttpFetcher",
    "IngestReport",
    "Skipped",
    "detect_kind",
    "html_to_text",
    "ingest",
    "make_id",
    "render_markdown",
    "slugify",
]

TIMEOUT = 15.0
MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = "TalentBot/0.1"
MIN_FEED_WORDS = 80
MIN_PAGE_WORDS = 25  # less than this from a page is a menu or a teaser, not an article
LOCAL_PUBLISHER = "Local file"
LOCAL_HOST = "local.invalid"
SLUG_MAX = 60

Kind = Literal["markdown", "feed", "html", "text"]


# ----------------------------------------------------------------------------- public records


@dataclass(frozen=True)
class FetchResult:
    """What a fetch returned: the final URL (after redirects), the status and the raw bytes."""

    url: str
    content: bytes
    status: int = 200
    content_type: str = ""


class FetchError(Exception):
    """A URL could not be fetched (network error, timeout, HTTP error status, too large)."""


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str  # "same URL", "same text" or "near-duplicate"
    duplicate_of: str


@dataclass(frozen=True)
class Failed:
    source: str
    reason: str


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)


# ----------------------------------------------------------------------------- fetching


class HttpFetcher:
    """The default fetch: httpx, 15 s timeout, redirects followed, at most 5 MB, User-Agent TalentBot/0.1."""

    def __init__(
        self, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES, user_agent: str = USER_AGENT
    ) -> None:
        self.max_bytes = max_bytes
        self._client = httpx.Client(
            timeout=timeout, follow_redirects=True, headers={"User-Agent": user_agent}, max_redirects=10
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
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"response too large: over {self.max_bytes} bytes")
                    chunks.append(chunk)
                return FetchResult(
                    url=str(response.url),
                    content=b"".join(chunks),
                    status=response.status_code,
                    content_type=response.headers.get("content-type", ""),
                )
        except httpx.HTTPError as exc:
            raise FetchError(f"network error: {type(exc).__name__}: {exc or 'no detail'}") from exc


def _fetch_ok(fetch: Callable[[str], FetchResult], url: str) -> FetchResult:
    result = fetch(url)
    if result.status >= 400:
        raise FetchError(f"HTTP {result.status} {_reason_phrase(result.status)}".rstrip())
    return result


def _reason_phrase(status: int) -> str:
    return httpx.codes.get_reason_phrase(status)


# ----------------------------------------------------------------------------- text helpers


def _charset(content_type: str) -> str | None:
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return charset if isinstance(charset, str) else None


def _decode(data: bytes, content_type: str = "") -> str:
    """Bytes to text: BOM, then the declared charset (header or <meta charset>), then UTF-8, then cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    declared = _charset(content_type)
    if declared is None:
        found = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", data[:4096], re.IGNORECASE)
        declared = found.group(1).decode("ascii") if found else None
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    return data.decode("cp1252", "replace")


def _paragraphs(text: str) -> str:
    """Normalised body text: paragraphs of single-spaced lines separated by one blank line."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n\n".join(" ".join(b.split()) for b in blocks if b.strip())


def _lines_to_paragraphs(text: str) -> str:
    """trafilatura's txt output has one paragraph per line: make them Markdown paragraphs."""
    return "\n\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "head", "title"})
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
        "table", "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd", "dt", "aside",
    }
)  # fmt: skip


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
    return _paragraphs("".join(parser.parts))


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
        parser.feed(page[:500_000])
        parser.close()
    except Exception:  # a malformed page: keep what was read
        pass
    return parser


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return host or None


def _is_web_url(url: str | None) -> bool:
    return bool(url) and re.match(r"^https?://[^\s/]+\.[^\s]+$", url or "") is not None


def _date(value: object) -> dt.date | None:
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


def _unique(items: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def _local_url(path: Path) -> str:
    resolved = str(path.resolve())
    digest = hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:8]
    return f"https://{LOCAL_HOST}/{digest}/{quote(path.name)}"


# ----------------------------------------------------------------------------- kinds

_PROLOG = re.compile(
    r"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^>\[]|\[[^\]]*\])*>)", re.IGNORECASE | re.DOTALL
)
_HTML_ROOTS = frozenset(
    {"html", "head", "body", "div", "p", "article", "main", "section", "meta", "title", "header", "span", "a"}
)


class SourceError(ValueError):
    """A source that cannot become an article; the message is the whole reason."""


class UnsupportedContent(SourceError):
    pass


def detect_kind(data: bytes, content_type: str = "") -> Kind:
    """What the bytes are, from their content: "markdown" (with front matter), "feed", "html" or "text".

    The Content-Type only breaks ties (an XML document of unknown root). Binary data raises
    UnsupportedContent.
    """
    head = data[:8192]
    if b"\x00" in head or head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04")):
        raise UnsupportedContent("unsupported content: binary data, not text, HTML or a feed")
    text = _decode(head, content_type).lstrip("\ufeff")
    if (
        text.split("\n", 1)[0].strip() == "---"
    ):  # front matter, maybe broken: parse_article says what is wrong
        return "markdown"
    rest = text
    doctype_html = False
    while True:
        found = _PROLOG.match(rest)
        if not found or not found.group(0):
            break
        doctype_html = doctype_html or found.group(0).lower().startswith("<!doctype html")
        rest = rest[found.end() :]
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


# ----------------------------------------------------------------------------- drafts


@dataclass
class _Draft:
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


@dataclass
class _Input:
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
        return _local_url(self.path)

    @property
    def default_publisher(self) -> str:
        return _host(self.url) or LOCAL_PUBLISHER

    @property
    def default_date(self) -> dt.date:
        if self.path is not None:
            return dt.date.fromtimestamp(self.path.stat().st_mtime)
        return dt.date.today()


def _markdown_draft(doc: _Input) -> _Draft:
    article = parse_article(_decode(doc.data, doc.content_type), doc.path or Path(doc.source))
    return _Draft(
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


def _text_draft(doc: _Input) -> _Draft:
    text = _decode(doc.data, doc.content_type).lstrip("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise SourceError("the file is empty")
    title = " ".join(lines[0].strip().lstrip("#").split())
    body = _paragraphs("\n".join(lines[1:]))
    if len(title) > 200:  # no title line: the first line is a paragraph
        body = _paragraphs(text)
        title = " ".join(title.split()[:12]) + "…"
    if not body:
        raise SourceError("no text after the title line")
    return _Draft(
        source=doc.source,
        title=title,
        publisher=doc.default_publisher,
        url=doc.default_url,
        published=doc.default_date,
        body=body,
    )


@dataclass
class _Page:
    title: str | None
    site_name: str | None  # None when the page names no site (not even via og:site_name)
    url: str | None
    date: dt.date | None
    author: str | None
    body: str


def _extract_page(page: str, url: str | None) -> _Page:
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

    def attr(name: str) -> str | None:
        value = getattr(meta, name, None) if meta is not None else None
        return " ".join(value.split()) if isinstance(value, str) and value.strip() else None

    title = attr("title") or head.meta.get("og:title") or " ".join(head.title.split()) or None
    if title and body.startswith(title):
        body = body[len(title) :].lstrip()
    canonical = attr("url") or head.canonical or head.meta.get("og:url")
    if canonical and url:
        canonical = urljoin(url, canonical)
    site = attr("sitename")
    hosts = {urlsplit(u).netloc.lower().removeprefix("www.") for u in (canonical, url) if u}
    if site and site.lower().removeprefix("www.") in hosts:
        site = None  # trafilatura's own fallback to the host name: not a real site name
    site = site or head.meta.get("og:site_name") or None
    date = _date(attr("date")) or _date(head.meta.get("article:published_time"))
    author = attr("author") or head.meta.get("author") or None
    return _Page(title, site, canonical if _is_web_url(canonical) else None, date, author, body)


def _check_page(page: _Page, what: str = "the page") -> None:
    words = len(page.body.split())
    if words < MIN_PAGE_WORDS:
        detail = f" (only {words} word{'s' if words != 1 else ''})" if words else ""
        raise SourceError(f"no article text found in {what}{detail}")


def _html_draft(doc: _Input) -> _Draft:
    page = _extract_page(_decode(doc.data, doc.content_type), doc.url)
    _check_page(page)
    url = page.url or doc.default_url
    return _Draft(
        source=doc.source,
        title=page.title or page.body.split("\n")[0][:120],
        publisher=page.site_name or _host(page.url or doc.url) or LOCAL_PUBLISHER,
        url=url,
        published=page.date or doc.default_date,
        body=page.body,
        author=page.author,
    )


def _entry_text(entry: Any) -> str:
    """The longest text an entry carries: its full content, else its summary."""
    texts: list[str] = []
    summary = {"value": entry.get("summary", ""), "type": (entry.get("summary_detail") or {}).get("type", "")}
    for item in [*(entry.get("content") or []), summary]:
        value = item.get("value") or ""
        kind = str(item.get("type") or "text/html")
        if value.strip():
            texts.append(html_to_text(value) if "html" in kind or "<" in value else _paragraphs(value))
    return max(texts, key=lambda t: len(t.split()), default="")


def _feed_drafts(
    doc: _Input,
    fetch: Callable[[str], FetchResult],
    known_url: Callable[[str], str | None],
    report: IngestReport,
) -> Iterator[_Draft]:
    import feedparser

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
                report.skipped.append(Skipped(label, "same URL", duplicate_of))
                continue
            yield _entry_draft(entry, number, label, link, feed_title, doc, fetch)
        except Exception as exc:
            report.failed.append(Failed(label, _describe(exc)))


def _entry_draft(
    entry: Any,
    number: int,
    label: str,
    link: str | None,
    feed_title: str | None,
    doc: _Input,
    fetch: Callable[[str], FetchResult],
) -> _Draft:
    raw_title = str(entry.get("title", ""))
    title = (
        " ".join((html_to_text(raw_title) if "<" in raw_title else html.unescape(raw_title)).split()) or None
    )
    published = _date(entry.get("published_parsed")) or _date(entry.get("updated_parsed"))
    author = str(entry.get("author")) if entry.get("author") else None
    text = _entry_text(entry)
    if len(text.split()) >= MIN_FEED_WORDS:
        guid = str(entry.get("id") or "")
        if link and _is_web_url(link):
            url = link
        elif _is_web_url(guid):
            url = guid
        else:  # an entry with no address of its own: one per entry, under the feed's
            url = f"{doc.default_url}?entry={quote(guid or str(number))}"
        return _Draft(
            source=label,
            title=title or text.split("\n")[0][:120],
            publisher=feed_title or _host(link) or doc.default_publisher,
            url=url,
            published=published or doc.default_date,
            body=text,
            author=author,
        )
    if not link:
        raise SourceError(f"the entry has only {len(text.split())} words of text and no link to the article")
    result = _fetch_ok(fetch, link)
    kind = detect_kind(result.content, result.content_type)
    if kind != "html":
        raise SourceError(f"the entry's link is not an HTML page ({kind})")
    page = _extract_page(_decode(result.content, result.content_type), result.url)
    _check_page(page, "the linked page")
    return _Draft(
        source=label,
        title=title or page.title or page.body.split("\n")[0][:120],
        publisher=page.site_name or feed_title or _host(page.url or result.url) or doc.default_publisher,
        url=page.url or result.url or link,
        published=published or page.date or dt.date.today(),
        body=page.body,
        author=author or page.author,
    )


# ----------------------------------------------------------------------------- ids and rendering


def slugify(text: str, max_length: int = SLUG_MAX) -> str:
    """Lower-case ASCII words joined by dashes, cut at a word boundary to at most `max_length` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "").replace("’", "")).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    return slug.strip("-")


def make_id(published: dt.date, title: str, url: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """`YYYY-MM-<slug of title>`, with `-<4 hex of sha1(url)>` appended only when the plain id is taken."""
    base = f"{published.year:04d}-{published.month:02d}-{slugify(title) or 'article'}"
    return _unique_id(base, url, taken)


def _unique_id(base: str, url: str, taken: set[str] | frozenset[str]) -> str:
    base = base[:110].rstrip("-")
    if base not in taken and ID_PATTERN.match(base):
        return base
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()
    for candidate in (f"{base}-{digest[:4]}", f"{base}-{digest[:8]}"):
        if candidate not in taken:
            return candidate
    n = 2
    while f"{base}-{digest[:4]}-{n}" in taken:
        n += 1
    return f"{base}-{digest[:4]}-{n}"


def render_markdown(article: Article) -> str:
    """The article as a corpus file: YAML front matter (fields in the corpus order), then the body."""
    meta: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "publisher": article.publisher,
        "url": article.url,
        "published": article.published,
    }
    if article.author:
        meta["author"] = article.author
    meta["tags"] = list(article.tags)
    meta["companies"] = list(article.companies)
    meta["people"] = list(article.people)
    meta["moves"] = [m.model_dump(by_alias=True, exclude_none=True) for m in article.moves]
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1_000)
    return f"---\n{front}---\n{article.body.strip()}\n"


def _article(draft: _Draft, article_id: str, path: Path) -> tuple[Article, str]:
    """Validate the draft as the Markdown file it becomes; return the parsed article and that text."""
    moves = draft.moves if draft.moves is not None else tuple(extract_moves(draft.body, draft.published))
    companies = draft.companies or tuple(_unique(org for m in moves for org in (m.from_, m.to)))
    people = draft.people or tuple(_unique(m.person for m in moves))
    article = Article.model_validate(
        {
            "id": article_id,
            "title": draft.title,
            "publisher": draft.publisher,
            "url": strip_tracking(draft.url),
            "published": draft.published,
            "author": draft.author,
            "tags": draft.tags,
            "companies": companies,
            "people": people,
            "moves": moves,
            "body": draft.body,
        }
    )
    text = render_markdown(article)
    return parse_article(text, path), text


# ----------------------------------------------------------------------------- driver


def _describe(exc: BaseException) -> str:
    if isinstance(exc, (FetchError, ArticleError, SourceError)):
        return str(exc)
    detail = str(exc).strip()
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _expand(sources: Iterable[str]) -> Iterator[str]:
    for source in sources:
        path = Path(source)
        if not re.match(r"^[a-z][a-z0-9+.-]*://", source, re.IGNORECASE) and path.is_dir():
            yield from (str(p) for p in sorted(path.iterdir()) if p.is_file() and not p.name.startswith("."))
        else:
            yield source


def _read(source: str, fetch: Callable[[str], FetchResult]) -> _Input:
    scheme = re.match(r"^([a-z][a-z0-9+.-]*)://", source, re.IGNORECASE)
    if scheme:
        if scheme.group(1).lower() not in ("http", "https"):
            raise SourceError(f"unsupported URL scheme {scheme.group(1)!r}: only http(s) URLs and files")
        result = _fetch_ok(fetch, source)
        return _Input(source, result.content, result.url or source, None, result.content_type)
    path = Path(source).expanduser()
    if not path.is_file():
        raise SourceError("no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SourceError(f"file too large: {size} bytes (limit {MAX_BYTES})")
    return _Input(source, path.read_bytes(), None, path)


def ingest(
    sources: list[str],
    dest_dir: Path,
    existing: list[Article],
    fetch: Callable[[str], FetchResult] | None = None,
) -> IngestReport:
    """Turn `sources` (files, directories of files, http(s) URLs) into new article files in `dest_dir`.

    Articles that repeat one of `existing`, one already in `dest_dir` or one added earlier in the run are
    skipped (with the reason and the id they repeat); sources that cannot be read or understood are reported in `failed`. Raises ValueError only
    when `dest_dir` is the shipped corpus.
    """
    dest_dir = Path(dest_dir)
    shipped = SHIPPED_DIR.resolve()
    target = dest_dir.resolve()
    if target == shipped or shipped in target.parents:
        raise ValueError(f"refusing to write into the shipped corpus ({SHIPPED_DIR})")
    dest_dir.mkdir(parents=True, exist_ok=True)

    owned = fetch is None
    fetcher: Callable[[str], FetchResult] = HttpFetcher() if fetch is None else fetch
    report = IngestReport()
    # Articles written to dest_dir by earlier runs count as existing too, even if the caller left them out.
    known = {a.id for a in existing}
    earlier, _ = check_articles([dest_dir])
    index = DuplicateIndex()
    index.extend([*existing, *(a for a in earlier if a.id not in known)])
    taken = known | {p.stem for p in dest_dir.glob("*.md")}
    try:
        for source in _expand(sources):
            try:
                if _is_web_url(source) and (duplicate_of := index.find_url(source)) is not None:
                    report.skipped.append(Skipped(source, "same URL", duplicate_of))  # not even fetched
                    continue
                for draft in _drafts(source, fetcher, index.find_url, report):
                    _add(draft, dest_dir, index, taken, report)
            except Exception as exc:
                report.failed.append(Failed(source, _describe(exc)))
    finally:
        if owned and isinstance(fetcher, HttpFetcher):
            fetcher.close()
    return report


def _drafts(
    source: str,
    fetch: Callable[[str], FetchResult],
    known_url: Callable[[str], str | None],
    report: IngestReport,
) -> Iterator[_Draft]:
    doc = _read(source, fetch)
    kind = detect_kind(doc.data, doc.content_type)
    if kind == "markdown":
        yield _markdown_draft(doc)
    elif kind == "text":
        yield _text_draft(doc)
    elif kind == "html":
        yield _html_draft(doc)
    else:
        yield from _feed_drafts(doc, fetch, known_url, report)


def _add(draft: _Draft, dest_dir: Path, index: DuplicateIndex, taken: set[str], report: IngestReport) -> None:
    try:
        if draft.id is not None:
            article_id = _unique_id(draft.id, draft.url, taken)
        else:
            article_id = make_id(draft.published, draft.title, draft.url, taken)
        path = dest_dir / f"{article_id}.md"
        article, text = _article(draft, article_id, path)
        found = index.find(article)
        if found is not None:
            report.skipped.append(Skipped(draft.source, found[0], found[1]))
            return
        write_atomic(path, text)
    except Exception as exc:
        report.failed.append(Failed(draft.source, _describe(exc)))
        return
    taken.add(article_id)
    index.add(article)
    report.added.append(article_id)
    report.articles.append(article)
