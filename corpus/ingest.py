"""Bring new articles into a corpus directory from files and URLs: Markdown, plain text, HTML pages and feeds.

``ingest(sources, dest_dir, existing)`` reads each source (a file path, a directory of files, or an http(s)
URL), turns it into one or more drafts (:mod:`corpus.drafts` works out what a source is from its content, not
its name), drops the ones that repeat an article already known (:mod:`corpus.dedup`: same URL, same text or a
syndicated near-copy; known means in ``existing``, already in ``dest_dir`` or added earlier in the run) and
writes the rest as normalised Markdown files, ``dest_dir/<id>.md``, that :func:`corpus.loader.load_articles`
reads. A draft from Markdown keeps its fields; empty ``moves`` are filled from the text, empty
``companies``/``people`` from the moves. Every file is validated with :func:`corpus.loader.parse_article`
before it is written, and written atomically. One bad source never stops the others: it is reported in
``IngestReport.failed`` with the reason.

Fetching lives in :mod:`corpus.fetch`, reading HTML in :mod:`corpus.webpage`, reading a source in
:mod:`corpus.drafts` and a feed in :mod:`corpus.feeds`; the public names callers use are re-exported here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from corpus.atomic import write_atomic
from corpus.dedup import DuplicateIndex, strip_tracking
from corpus.drafts import (
    Draft,
    Failed,
    Skipped,
    describe,
    detect_kind,
    html_draft,
    is_url,
    markdown_draft,
    read_source,
    text_draft,
)
from corpus.feeds import MIN_FEED_WORDS, KnownUrl, feed_drafts
from corpus.fetch import MAX_BYTES, TIMEOUT, USER_AGENT, Fetch, FetchError, FetchResult, HttpFetcher
from corpus.loader import SHIPPED_DIR, check_articles, parse_article
from corpus.model import ID_PATTERN, Article
from corpus.moves import extract_moves
from corpus.webpage import html_to_text, is_web_url

__all__ = [
    "MAX_BYTES",
    "MIN_FEED_WORDS",
    "OFF_TOPIC",
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

SLUG_MAX = 60  # characters of title in an id: long enough to tell stories apart, short enough for a file name
ID_BASE_MAX = 110  # characters before a disambiguating suffix, so the id stays within ID_PATTERN's 121
OFF_TOPIC = "off-topic"  # the skipped reason of a draft the `relevance` judge turned down


@dataclass
class IngestReport:
    """What an ingest run did: ids written (with their articles), sources skipped as repeats, and failures."""

    added: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)


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
    base = base[:ID_BASE_MAX].rstrip("-")
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


def _unique(items: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def _article(draft: Draft, article_id: str, path: Path) -> tuple[Article, str]:
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


def _expand(sources: Iterable[str]) -> Iterator[str]:
    """The sources, with each directory replaced by its (non-hidden) files in name order."""
    for source in sources:
        path = Path(source)
        if not is_url(source) and path.is_dir():
            yield from (str(p) for p in sorted(path.iterdir()) if p.is_file() and not p.name.startswith("."))
        else:
            yield source


def _drafts(source: str, fetch: Fetch, known_url: KnownUrl) -> Iterator[Draft | Skipped | Failed]:
    """The drafts of one source; a feed also yields its entries that are skipped (known URL) or failed."""
    doc = read_source(source, fetch)
    kind = detect_kind(doc.data, doc.content_type)
    if kind == "markdown":
        yield markdown_draft(doc)
    elif kind == "text":
        yield text_draft(doc)
    elif kind == "html":
        yield html_draft(doc)
    else:
        yield from feed_drafts(doc, fetch, known_url)


@dataclass
class _Run:
    """One ingest run: where it writes, what it already knows, and what became of each source so far."""

    dest_dir: Path
    fetch: Fetch
    index: DuplicateIndex
    taken: set[str]  # ids in use: file names in dest_dir and ids of existing articles
    relevance: Callable[[str, str], bool] | None = None  # (title, text) -> on topic; None keeps everything
    report: IngestReport = field(default_factory=IngestReport)

    def source(self, source: str) -> None:
        """Add the articles of one source; whatever goes wrong is reported, never raised."""
        try:
            if is_web_url(source) and (duplicate_of := self.index.find_url(source)) is not None:
                self.report.skipped.append(Skipped(source, "same URL", duplicate_of))  # not even fetched
                return
            for item in _drafts(source, self.fetch, self.index.find_url):
                if isinstance(item, Skipped):
                    self.report.skipped.append(item)
                elif isinstance(item, Failed):
                    self.report.failed.append(item)
                else:
                    self.add(item)
        except Exception as exc:
            self.report.failed.append(Failed(source, describe(exc)))

    def add(self, draft: Draft) -> None:
        """Write the draft as a new article, unless it is off topic, repeats a known one or is invalid (all
        reported)."""
        try:
            if self.relevance is not None and not self.relevance(draft.title, draft.body):
                self.report.skipped.append(Skipped(draft.source, OFF_TOPIC, ""))
                return
            if draft.id is not None:
                article_id = _unique_id(draft.id, draft.url, self.taken)
            else:
                article_id = make_id(draft.published, draft.title, draft.url, self.taken)
            path = self.dest_dir / f"{article_id}.md"
            article, text = _article(draft, article_id, path)
            found = self.index.find(article)
            if found is not None:
                self.report.skipped.append(Skipped(draft.source, found[0], found[1]))
                return
            write_atomic(path, text)
        except Exception as exc:
            self.report.failed.append(Failed(draft.source, describe(exc)))
            return
        self.taken.add(article_id)
        self.index.add(article)
        self.report.added.append(article_id)
        self.report.articles.append(article)


def _known(dest_dir: Path, existing: list[Article]) -> tuple[DuplicateIndex, set[str]]:
    """The duplicate index and the ids in use: `existing`, plus what earlier runs wrote to `dest_dir`."""
    known = {a.id for a in existing}
    earlier, _ = check_articles([dest_dir])  # counted even if the caller left them out of `existing`
    index = DuplicateIndex()
    index.extend([*existing, *(a for a in earlier if a.id not in known)])
    return index, known | {p.stem for p in dest_dir.glob("*.md")}


def ingest(
    sources: list[str],
    dest_dir: Path,
    existing: list[Article],
    fetch: Fetch | None = None,
    relevance: Callable[[str, str], bool] | None = None,
) -> IngestReport:
    """Turn `sources` (files, directories of files, http(s) URLs) into new article files in `dest_dir`.

    With `relevance`, a draft whose (title, text) it judges off topic is skipped with reason OFF_TOPIC
    (``duplicate_of`` empty) and nothing is written for it; without, every draft is kept. Articles that repeat one of `existing`, one already in `dest_dir` or one added earlier in the run are
    skipped (with the reason and the id they repeat); sources that cannot be read or understood are reported
    in `failed`. Raises ValueError only when `dest_dir` is the shipped corpus.
    """
    dest_dir = Path(dest_dir)
    shipped = SHIPPED_DIR.resolve()
    target = dest_dir.resolve()
    if target == shipped or shipped in target.parents:
        raise ValueError(f"refusing to write into the shipped corpus ({SHIPPED_DIR})")
    dest_dir.mkdir(parents=True, exist_ok=True)
    index, taken = _known(dest_dir, existing)
    with HttpFetcher() if fetch is None else contextlib.nullcontext(fetch) as fetcher:
        run = _Run(dest_dir, fetcher, index, taken, relevance)
        for source in _expand(sources):
            run.source(source)
    return run.report
