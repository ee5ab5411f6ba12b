"""What every command shares: the error exit, settings, the engine, an answer as JSON, calibration."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from answer.model import Answer
from bot.settings import Settings, SettingsError, parse_mode
from corpus.loader import ArticleError
from index.embedder import ModelIntegrityError
from index.modes import SEARCH_MODES
from index.store import IndexMissingError

if TYPE_CHECKING:
    from answer.engine import Engine

# Exit codes: 1 when the work fails, 2 when the command line or a setting is unusable (as Click does).
FAILED = 1
USAGE = 2


def fail(message: str, code: int = FAILED) -> typer.Exit:
    """Print `talentbot: message` on stderr; the caller raises the returned Exit."""
    typer.echo(f"talentbot: {message}", err=True)
    return typer.Exit(code)


def corpus_failure(exc: ArticleError) -> typer.Exit:
    return fail(f"the corpus has errors:\n{exc}")


def settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise fail(str(exc), USAGE) from exc


def settings_with_token() -> Settings:
    """Settings for the commands that talk to Telegram: a missing or malformed token exits 2."""
    s = settings()
    try:
        s.require_token()
    except SettingsError as exc:
        raise fail(str(exc), USAGE) from exc
    return s


def load_engine(progress: bool = True, mode: str | None = None) -> Engine:
    """The engine over the saved index (rebuilt first if the corpus changed); `mode` overrides the setting."""
    from bot.runtime import load_engine as load  # loads torch and faiss: only for the commands that answer

    s = settings()
    if mode:
        try:
            s = replace(s, search_mode=parse_mode(mode))
        except SettingsError as exc:
            raise fail(str(exc).replace("TALENTBOT_SEARCH_MODE", "--mode"), USAGE) from exc
    try:
        return load(s, progress=progress)
    except ArticleError as exc:
        raise corpus_failure(exc) from exc
    except (ModelIntegrityError, IndexMissingError) as exc:
        raise fail(str(exc)) from exc


def answer_json(answer: Answer) -> dict[str, Any]:
    """The `ask --json` object; a comparison adds `table` ({columns, rows}), a follow-up `understood_as` (the
    whole question it was read as)."""
    result: dict[str, Any] = {
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
    if answer.table is not None:
        result["table"] = {
            "columns": list(answer.table.columns),
            "rows": [list(r) for r in answer.table.rows],
        }
    if answer.understood_as:
        result["understood_as"] = answer.understood_as
    return result


def calibrate(engine: Engine, index_dir: Path, questions: Path | None, modes: tuple[str, ...] = ()) -> None:
    """Fit the thresholds, store them in the manifest, print the figures."""
    from answer import evaluate as ev
    from answer.calibrate import CalibrationError, calibrate_and_store, format_calibration

    items = ev.load_questions(questions or ev.DEFAULT_QUESTIONS)
    try:
        report = calibrate_and_store(engine, items, index_dir, modes or SEARCH_MODES)
    except CalibrationError as exc:
        raise fail(str(exc)) from exc
    typer.echo(format_calibration(report))
    typer.echo("Stored the fitted thresholds in the index manifest.\n")
