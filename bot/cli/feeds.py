"""`talentbot feeds`: the news feeds `serve` polls (add, list, remove, import, export), and one poll from the shell."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

import typer

from bot.cli.common import USAGE, corpus_failure, fail, settings
from bot.cli.ingest import print_text, report_json
from bot.opml import STARTER_FEEDS, OpmlError, OpmlFeed, read_opml, write_opml
from bot.settings import Settings
from bot.store import Feed, Store, StoreError, open_store
from bot.store.base import utcnow
from corpus.loader import ArticleError

if TYPE_CHECKING:
    from bot.feed_poll import FeedResult, PollReport
    from index.embedder import Embedder

feeds_app = typer.Typer(help="The news feeds `serve` polls for new articles.", no_args_is_help=True)
MAX_OPML_BYTES = 2 * 1024 * 1024  # a feed list of thousands of feeds is well under this


@contextmanager
def _store(s: Settings) -> Iterator[Store]:
    try:
        with open_store(s) as store:
            yield store
    except StoreError as exc:
        raise fail(str(exc)) from exc


def default_name(url: str, taken: set[str]) -> str:
    """The feed's host (without www.), numbered when another feed already has that name."""
    host = (urlsplit(url).hostname or url).removeprefix("www.")
    name, n = host, 2
    while name.casefold() in taken:
        name, n = f"{host} {n}", n + 1
    return name


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(f"{url!r} is not an http(s) URL of a feed", USAGE)
    return url


@feeds_app.command("add")
def feeds_add(
    url: Annotated[str, typer.Argument(help="The RSS or Atom feed's http(s) URL.")],
    name: Annotated[
        str | None, typer.Option(help="What `feeds list` calls it (default: the site's host).")
    ] = None,
) -> None:
    """Add a feed; `serve` polls it from its next poll (or run `talentbot feeds poll`)."""
    url = check_url(url)
    with _store(settings()) as store:
        feeds = store.feeds.all()
        existing = next((f for f in feeds if f.url == url), None)
        if existing is not None:
            typer.echo(f"Already there: {existing.name} <{url}>")
            return
        taken = {f.name.casefold() for f in feeds}
        if name is not None and name.strip().casefold() in taken:
            raise fail(f"another feed is already called {name.strip()!r}: choose another --name", USAGE)
        label = " ".join(name.split()) if name and name.strip() else default_name(url, taken)
        store.feeds.add(url, label)
    typer.echo(f"Added {label} <{url}>")


@feeds_app.command("remove")
def feeds_remove(
    feed: Annotated[str, typer.Argument(help="The feed's URL or its name (as `feeds list` shows it).")],
) -> None:
    """Stop polling a feed (the articles it brought stay)."""
    with _store(settings()) as store:
        found = find_feed(store.feeds.all(), feed)
        if found is None:
            raise fail(f"no feed with the URL or name {feed!r} (see `talentbot feeds list`)")
        store.feeds.remove(found.url)
    typer.echo(f"Removed {found.name} <{found.url}>")


def find_feed(feeds: list[Feed], key: str) -> Feed | None:
    """The feed with this URL, else the one with this name (case ignored)."""
    key = key.strip()
    by_url = next((f for f in feeds if f.url == key), None)
    return by_url or next((f for f in feeds if f.name.casefold() == key.casefold()), None)


def _when(moment: dt.datetime | None, now: dt.datetime, never: str) -> str:
    if moment is None:
        return never
    return "due now" if never == "due now" and moment <= now else moment.strftime("%Y-%m-%d %H:%M UTC")


def feed_json(feed: Feed) -> dict[str, Any]:
    def iso(moment: dt.datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    return {
        "name": feed.name,
        "url": feed.url,
        "last_success": iso(feed.last_success),
        "last_error": feed.last_error,
        "failures": feed.failures,
        "items_added": feed.items_added,
        "next_poll": iso(feed.next_poll),
    }


@feeds_app.command("list")
def feeds_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print the feeds as a JSON list.")] = False,
) -> None:
    """Each feed: name, URL, last success, last error, items added, next poll."""
    with _store(settings()) as store:
        feeds = sorted(store.feeds.all(), key=lambda f: f.name.casefold())
    if as_json:
        typer.echo(json.dumps([feed_json(f) for f in feeds], ensure_ascii=False))
        return
    if not feeds:
        typer.echo("No feeds. Add one with `talentbot feeds add URL` or `talentbot feeds import --starter`.")
        return
    now = utcnow()
    for feed in feeds:
        typer.echo(f"{feed.name}  <{feed.url}>")
        typer.echo(
            f"    last success: {_when(feed.last_success, now, 'never')}; items added: {feed.items_added}; "
            f"next poll: {_when(feed.next_poll, now, 'due now')}"
        )
        if feed.last_error:
            typer.echo(f"    last error ({feed.failures} failed in a row): {feed.last_error}")


@feeds_app.command("import")
def feeds_import(
    file: Annotated[Path | None, typer.Argument(help="An OPML file (as feed readers export).")] = None,
    starter: Annotated[
        bool, typer.Option("--starter", help=f"Import TalentBot's starter list ({STARTER_FEEDS.name}).")
    ] = False,
) -> None:
    """Add every feed an OPML file lists (feeds already there are left as they are)."""
    if (file is None) == (not starter):
        raise fail("give an OPML file or --starter (one of the two)", USAGE)
    path = STARTER_FEEDS if starter else file
    assert path is not None
    try:
        if path.stat().st_size > MAX_OPML_BYTES:
            raise fail(f"{path}: over {MAX_OPML_BYTES} bytes, not a feed list")
        listed = read_opml(path.read_bytes())
    except (OSError, OpmlError) as exc:
        raise fail(f"{path}: {exc}") from exc
    added = 0
    with _store(settings()) as store:
        feeds = store.feeds.all()
        known = {f.url for f in feeds}
        taken = {f.name.casefold() for f in feeds}
        for item in listed:
            if item.url in known:
                continue
            name = item.name if item.name and item.name.casefold() not in taken else None
            label = name or default_name(item.url, taken)
            added += store.feeds.add(item.url, label)
            known.add(item.url)
            taken.add(label.casefold())
    typer.echo(f"Imported {added} feeds from {path} ({len(listed) - added} already there).")


@feeds_app.command("export")
def feeds_export() -> None:
    """Print the feeds as OPML 2.0 (to import into a feed reader, or into another TalentBot)."""
    with _store(settings()) as store:
        feeds = store.feeds.all()
    typer.echo(write_opml([OpmlFeed(f.url, f.name) for f in feeds]), nl=False)


@feeds_app.command("poll")
def feeds_poll(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print {added, skipped, failed, feeds} as JSON on the last line.")
    ] = False,
    every_feed: Annotated[
        bool, typer.Option("--all", help="Poll every feed now, not only those due (back-off ignored).")
    ] = False,
    no_index: Annotated[
        bool, typer.Option("--no-index", help="Do not rebuild the index after new articles came in.")
    ] = False,
) -> None:
    """Poll the due feeds once, as `serve` does on its schedule; new articles go to the data directory and the
    index is rebuilt so they can be asked about (a running bot picks the build up within a minute)."""
    from bot.feed_poll import poll_feeds  # trafilatura and feedparser: only for this command
    from index.topic import load_topic_filter

    s = settings()
    with _store(s) as store:
        # One model for the off-topic filter and the rebuild, loaded only when there is a feed to poll.
        embedder = _poll_embedder(s) if store.feeds.all() else None
        relevance = load_topic_filter(embedder) if embedder is not None else None
        try:
            report = poll_feeds(store, s, every_feed=every_feed, relevance=relevance)
        except ArticleError as exc:
            raise corpus_failure(exc) from exc
    indexed = bool(report.ingest.added) and not no_index and _refresh_index(s, embedder or _poll_embedder(s))
    if as_json:
        summary = {**report_json(report.ingest), "feeds": [_result_json(r) for r in report.feeds]}
        typer.echo(json.dumps(summary, ensure_ascii=False))
    else:
        _print_poll(report, indexed)
    if report.feeds and all(r.status == "failed" for r in report.feeds):
        raise typer.Exit(1)


def _result_json(result: FeedResult) -> dict[str, Any]:
    return {
        "name": result.name,
        "url": result.url,
        "status": result.status,
        "added": result.added,
        "error": result.error,
        "next_poll": result.next_poll.isoformat() if result.next_poll else None,
    }


def _print_poll(report: PollReport, indexed: bool) -> None:
    if not report.feeds:
        typer.echo("No feed is due (`talentbot feeds list` says when; `--all` polls them all now).")
        return
    for r in report.feeds:
        if r.status == "failed":
            typer.echo(f"failed     {r.name}: {r.error} (next try {_when(r.next_poll, utcnow(), '-')})")
        else:
            typer.echo(f"{r.status:<10} {r.name}: {r.added} added")
    print_text(report.ingest, index_hint=not indexed)
    if indexed:
        typer.echo("Index rebuilt: the new articles can be asked about.")


def _poll_embedder(s: Settings) -> Embedder:
    """The model the index was built with (its ONNX encoder when it has one; sentence-transformers otherwise)."""
    from bot.runtime import query_embedder
    from index.embedder import MODEL_NAME, ModelIntegrityError, SentenceTransformerEmbedder
    from index.store import read_manifest

    try:
        manifest = read_manifest(s.index_dir)
        if manifest is not None and manifest.get("model") == MODEL_NAME:
            return query_embedder(s, manifest)
        return SentenceTransformerEmbedder()
    except ModelIntegrityError as exc:
        raise fail(str(exc)) from exc


def _refresh_index(s: Settings, embedder: Embedder) -> bool:
    """Rebuild the index with `embedder` (only new or changed articles are embedded)."""
    from bot.runtime import refresh_index
    from index.store import IndexMissingError

    try:
        refresh_index(s, embedder)
    except ArticleError as exc:
        raise corpus_failure(exc) from exc
    except IndexMissingError as exc:
        raise fail(str(exc)) from exc
    return True
