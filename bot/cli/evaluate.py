"""`talentbot eval`: the evaluation set, per retrieval mode, optionally calibrating first."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import calibrate, load_engine, settings


def evaluate(
    modes: Annotated[str, typer.Option(help="Comma-separated retrieval modes.")] = "bm25,dense,hybrid",
    calibrate_first: Annotated[
        bool,
        typer.Option("--calibrate", help="Fit the 'I don't know' thresholds and store them in the index."),
    ] = False,
    failures: Annotated[bool, typer.Option("--failures", help="List the questions that fail.")] = False,
    questions: Annotated[
        Path | None, typer.Option(help="Question file (default: answer/data/questions.yaml).")
    ] = None,
) -> None:
    """Run the evaluation set: Recall@1/5, MRR, key terms, refusals and latency per retrieval mode."""
    from answer import evaluate as ev  # pulls in the engine: only when evaluating

    engine = load_engine(progress=True)
    chosen = tuple(m.strip() for m in modes.split(",") if m.strip())
    if calibrate_first:
        calibrate(engine, settings().index_dir, questions, chosen)
    result = ev.run_eval(engine, ev.load_questions(questions or ev.DEFAULT_QUESTIONS), chosen)
    typer.echo(ev.format_table(result))
    if failures:
        typer.echo("\n" + ev.format_failures(result))
