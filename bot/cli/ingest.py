"""`talentbot ingest`: take in new articles from files, folders and URLs."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bot.cli.common import corpus_failure, fail, settings
from corpus.loader import ArticleError, load_articles

if TYPE_CHECKING:
    from corpus.ingest import IngestReport
    from index.topic import TopicFilter


def ingest(
    sources: Annotated[
        list[str], typer.Argument(help="Files, folders or http(s) URLs: Markdown, text, HTML, RSS/Atom.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print {added, skipped, failed} as JSON on the last line.")
    ] = False,
    only_on_topic: Annotated[
        bool,
        typer.Option(
            "--filter", help="Skip items that are not about AI talent (reason off-topic); loads the model."
        ),
    ] = False,
) -> None:
    """Take in new articles; they are written to $TALENTBOT_DATA_DIR/articles/ (never the shipped corpus)."""
    from corpus.ingest import ingest as run_ingest  # trafilatura and feedparser: only for this command

    s = settings()
    try:
        existing = load_articles(s.all_corpus_dirs)
    except ArticleError as exc:
        raise corpus_failure(exc) from exc
    relevance = topic_filter() if only_on_topic else None
    report = run_ingest(sources, s.user_articles_dir, existing, relevance=relevance)
    if as_json:
        print_json(report)
    else:
        print_text(report)
    if report.failed and not report.added and not report.skipped:
        raise typer.Exit(1)


def topic_filter() -> TopicFilter:
    """The off-topic filter over all-MiniLM-L6-v2 (its fitted parameters ship with the package)."""
    from index.embedder import (
        ModelIntegrityError,
        SentenceTransformerEmbedder,
    )  # the model: only with --filter
    from index.topic import load_topic_filter

    try:
        return load_topic_filter(SentenceTransformerEmbedder())
    except ModelIntegrityError as exc:
        raise fail(str(exc)) from exc


def print_json(report: IngestReport) -> None:
    typer.echo(json.dumps(report_json(report), ensure_ascii=False))


def report_json(report: IngestReport) -> dict[str, Any]:
    """The `ingest --json` object: {added, skipped, failed}."""
    return {
        "added": report.added,
        "skipped": [
            {"source": k.source, "reason": k.reason, "duplicate_of": k.duplicate_of} for k in report.skipped
        ],
        "failed": [{"source": f.source, "reason": f.reason} for f in report.failed],
    }


def print_text(report: IngestReport, index_hint: bool = True) -> None:
    for article in report.articles:
        typer.echo(
            f"added   {article.id}  ({article.publisher}, {article.published}, {len(article.moves)} moves)"
        )
    for k in report.skipped:
        typer.echo(
            f"skipped {k.source}: {k.reason}"
            + (f" (duplicate of {k.duplicate_of})" if k.duplicate_of else "")
        )
    for f in report.failed:
        typer.echo(f"failed  {f.source}: {f.reason}")
    typer.echo(
        f"{len(report.added)} added, {len(report.skipped)} skipped, {len(report.failed)} failed."
        + (" Run `talentbot index build` to make them searchable." if report.added and index_hint else "")
    )
