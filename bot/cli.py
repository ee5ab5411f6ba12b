"""The `talentbot` command line: ask, chat, index, corpus, recap, serve, ingest, eval."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from answer.compose import Answer
from bot.settings import Settings, SettingsError
from corpus.loader import ArticleError, check_articles
from index.embedder import ModelIntegrityError
from index.search import SEARCH_MODES
from index.store import IndexMissingError

if TYPE_CHECKING:
    from answer.engine import Engine

app = typer.Typer(
    help="TalentBot: answers questions about the AI talent war from sourced news articles.",
    no_args_is_help=True,
    add_completion=False,
)
index_app = typer.Typer(help="Build or inspect the search index.", no_args_is_help=True)
corpus_app = typer.Typer(help="Validate the article corpus.", no_args_is_help=True)
recap_app = typer.Typer(help="The weekly recap.", no_args_is_help=True)
app.add_typer(index_app, name="index")
app.add_typer(corpus_app, name="corpus")
app.add_typer(recap_app, name="recap")


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"talentbot: {message}", err=True)
    return typer.Exit(code)


def settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise fail(str(exc), 2) from exc


def answer_json(answer: Answer) -> dict[str, Any]:
    return {
        "question": answer.question,
        "answered": answer.answered,
        "answer": answer.plain_text(),
        "sources": [
            {"title": s.title, "publisher": s.publisher, "url": s.url, "published": s.published.isoformat()}
            for s in answer.sources
        ],
        "passages": [{"article_id": a, "text": t, "score": s} for a, t, s in answer.passages],
        "timings": answer.timings,
    }


def _engine(progress: bool = True, mode: str | None = None) -> Engine:
    from bot.runtime import load_engine

    s = settings()
    if mode:
        from dataclasses import replace

        from bot.settings import parse_mode

        try:
            s = replace(s, search_mode=parse_mode(mode))
        except SettingsError as exc:
            raise fail(str(exc).replace("TALENTBOT_SEARCH_MODE", "--mode"), 2) from exc
    try:
        return load_engine(s, progress=progress)
    except ArticleError as exc:
        raise fail(f"the corpus has errors:\n{exc}") from exc
    except (ModelIntegrityError, IndexMissingError) as exc:
        raise fail(str(exc)) from exc


@app.command()
def ask(
    question: Annotated[
        str, typer.Argument(help="The question, or - to read one question per line from stdin.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON object (one per line with -).")
    ] = False,
    mode: Annotated[str | None, typer.Option(help=f"Retrieval mode: {', '.join(SEARCH_MODES)}.")] = None,
    page: Annotated[int, typer.Option(help="Page of a long list (moves, headlines), from 1.", min=1)] = 1,
) -> None:
    """Answer a question in the terminal."""
    engine = _engine(progress=not as_json, mode=mode)
    questions = (line.strip() for line in sys.stdin) if question == "-" else iter([question])
    for q in questions:
        if not q:
            continue
        answer = engine.answer(q, page=page - 1)
        if as_json:
            typer.echo(json.dumps(answer_json(answer), ensure_ascii=False))
        else:
            typer.echo(answer.plain_text() + ("\n" if question == "-" else ""))


@app.command()
def chat() -> None:
    """An interactive chat in the terminal (no Telegram needed). Type 'quit' or Ctrl-D to leave."""
    engine = _engine()
    typer.echo(
        "TalentBot — ask about the AI talent war (who hired whom, pay, the shortage). "
        "'more' shows the rest of a long list; 'quit' to leave."
    )
    last: tuple[str, int] | None = None  # the last list answered, and its page
    while True:
        try:
            q = input("\nyou> ").strip()
        except (EOFError, KeyboardInterrupt):
            typer.echo()
            return
        if q.lower() in {"quit", "exit", ":q", "bye"}:
            return
        if q.lower() in {"more", "next", "show more"} and last is not None:
            q, page = last[0], last[1] + 1
        elif q:
            page = 0
        else:
            continue
        answer = engine.answer(q, page=page)
        last = (q, page) if answer.more else None
        typer.echo("\n" + answer.plain_text() + ("\n(type 'more' for the next page)" if answer.more else ""))


@index_app.command("build")
def index_build(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    calibrate: Annotated[
        bool,
        typer.Option("--calibrate", help="Then fit the 'I don't know' thresholds on the evaluation set."),
    ] = False,
) -> None:
    """Embed new or changed articles and write the index (atomically) into the data directory."""
    from answer.engine import Engine
    from bot.runtime import refresh_index
    from index.embedder import SentenceTransformerEmbedder

    s = settings()
    try:
        embedder = SentenceTransformerEmbedder()
        data, report = refresh_index(s, embedder, progress=not quiet)
    except ArticleError as exc:
        raise fail(f"the corpus has errors:\n{exc}") from exc
    except (ModelIntegrityError, IndexMissingError) as exc:
        raise fail(str(exc)) from exc
    typer.echo(
        f"Index built in {report.elapsed_s:.1f}s: {report.articles} articles, {report.passages} passages; "
        f"embedded {report.embedded_articles} new or changed articles ({report.embedded_texts} texts), "
        f"kept {report.reused_articles}. -> {report.directory}"
    )
    if calibrate:
        _calibrate(Engine(data, embedder), s.index_dir, None)


def _calibrate(engine: Engine, index_dir: Path, questions: Path | None, modes: tuple[str, ...] = ()) -> None:
    """Fit the thresholds, store them in the manifest, print the figures."""
    from answer import evaluate as ev
    from answer.calibrate import CalibrationError, calibrate_and_store

    items = ev.load_questions(questions or ev.DEFAULT_QUESTIONS)
    try:
        report = calibrate_and_store(engine, items, index_dir, modes or SEARCH_MODES)
    except CalibrationError as exc:
        raise fail(str(exc)) from exc
    typer.echo(ev.format_calibration(report))
    typer.echo("Stored the fitted thresholds in the index manifest.\n")


@index_app.command("status")
def index_status() -> None:
    """Show the manifest of the current index and whether the corpus changed since."""
    from corpus.loader import load_articles
    from index.embedder import MODEL_NAME
    from index.store import is_stale, read_manifest

    s = settings()
    manifest = read_manifest(s.index_dir)
    if manifest is None:
        raise fail(f"no index in {s.index_dir}: run `talentbot index build`")
    stale = is_stale(manifest, load_articles(s.all_corpus_dirs), MODEL_NAME)
    shown = {k: v for k, v in manifest.items() if k not in ("article_hashes", "canonical")}
    typer.echo(json.dumps(shown, indent=2, sort_keys=True))
    typer.echo("status: " + ("STALE (run `talentbot index build`)" if stale else "up to date"))
    calibration = manifest.get("calibration")
    if calibration is None:
        typer.echo(
            "calibration: built-in thresholds fitted on the shipped corpus (`talentbot eval --calibrate` refits)"
        )
    elif calibration.get("corpus_hash") != manifest.get("corpus_hash"):
        typer.echo("calibration: fitted on an earlier corpus; run `talentbot eval --calibrate` to refit")
    else:
        typer.echo(f"calibration: fitted {calibration.get('fitted_at')} on this corpus")


@corpus_app.command("check")
def corpus_check(
    directories: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: all).")] = None,
) -> None:
    """Validate every article; print `path: field: problem` lines and exit 1 if there is any."""
    s = settings()
    dirs = tuple(directories) if directories else s.all_corpus_dirs
    missing = [d for d in dirs if not d.exists() and d != s.user_articles_dir]
    for d in missing:
        typer.echo(f"{d}: path: does not exist")
    articles, problems = check_articles(dirs)
    for problem in problems:
        typer.echo(str(problem))
    moves = sum(len(a.moves) for a in articles)
    if problems or missing:
        broken = len({p.path for p in problems})
        raise fail(
            f"{len(problems) + len(missing)} problem(s) in {broken} of {len(articles) + broken} article(s)"
        )
    typer.echo(f"OK: {len(articles)} articles, {moves} recorded moves")


@recap_app.command("preview")
def recap_preview(
    date: Annotated[str | None, typer.Option(help="Pretend today is this ISO date.")] = None,
) -> None:
    """Print this week's recap."""
    from answer.recap import build_recap, recap_text
    from corpus.loader import load_articles

    s = settings()
    today = _parse_date(date) if date else s.today()
    try:
        articles = load_articles(s.all_corpus_dirs)
    except ArticleError as exc:
        raise fail(f"the corpus has errors:\n{exc}") from exc
    typer.echo(recap_text(build_recap(articles, today)))


@recap_app.command("send")
def recap_send() -> None:
    """Send the recap now to every active subscriber (same database and Telegram settings as `serve`)."""
    import asyncio

    from bot.telegram_app import send_recap_now

    s = settings()
    try:
        s.require_token()
    except SettingsError as exc:
        raise fail(str(exc), 2) from exc
    report = asyncio.run(send_recap_now(s))
    typer.echo(
        f"Recap sent to {report.sent} subscriber(s); {report.blocked} blocked (marked inactive); "
        f"{report.failed} failed."
    )
    if report.failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    sources: Annotated[
        list[str], typer.Argument(help="Files, folders or http(s) URLs: Markdown, text, HTML, RSS/Atom.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print {added, skipped, failed} as JSON on the last line.")
    ] = False,
) -> None:
    """Take in new articles; they are written to $TALENTBOT_DATA_DIR/articles/ (never the shipped corpus)."""
    from corpus.ingest import ingest as run_ingest
    from corpus.loader import load_articles

    s = settings()
    try:
        existing = load_articles(s.all_corpus_dirs)
    except ArticleError as exc:
        raise fail(f"the corpus has errors:\n{exc}") from exc
    report = run_ingest(sources, s.user_articles_dir, existing)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "added": report.added,
                    "skipped": [
                        {"source": k.source, "reason": k.reason, "duplicate_of": k.duplicate_of}
                        for k in report.skipped
                    ],
                    "failed": [{"source": f.source, "reason": f.reason} for f in report.failed],
                },
                ensure_ascii=False,
            )
        )
    else:
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
            + (" Run `talentbot index build` to make them searchable." if report.added else "")
        )
    if report.failed and not report.added and not report.skipped:
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    modes: Annotated[str, typer.Option(help="Comma-separated retrieval modes.")] = "bm25,dense,hybrid",
    calibrate: Annotated[
        bool,
        typer.Option("--calibrate", help="Fit the 'I don't know' thresholds and store them in the index."),
    ] = False,
    failures: Annotated[bool, typer.Option("--failures", help="List the questions that fail.")] = False,
    questions: Annotated[
        Path | None, typer.Option(help="Question file (default: answer/data/questions.yaml).")
    ] = None,
) -> None:
    """Run the evaluation set: Recall@1/5, MRR, key terms, refusals and latency per retrieval mode."""
    from answer import evaluate as ev

    engine = _engine(progress=True)
    chosen = tuple(m.strip() for m in modes.split(",") if m.strip())
    if calibrate:
        _calibrate(engine, settings().index_dir, questions, chosen)
    result = ev.run_eval(engine, ev.load_questions(questions or ev.DEFAULT_QUESTIONS), chosen)
    typer.echo(ev.format_table(result))
    if failures:
        typer.echo("\n" + ev.format_failures(result))


@app.command()
def serve() -> None:
    """Run the Telegram bot (long polling). Needs TELEGRAM_BOT_TOKEN."""
    from bot.telegram_app import run

    s = settings()
    try:
        s.require_token()
    except SettingsError as exc:
        raise fail(str(exc), 2) from exc
    engine = _engine()
    run(s, engine)


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise fail(f"{text!r} is not an ISO date (YYYY-MM-DD)", 2) from exc


def main() -> None:
    app()


if __name__ == "__main__":
    main()
