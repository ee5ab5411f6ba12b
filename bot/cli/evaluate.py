"""`talentbot eval`: the evaluation set, per retrieval mode and per kind of question, optionally calibrating
first."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import USAGE, calibrate, fail, load_engine, settings


def evaluate(
    modes: Annotated[str, typer.Option(help="Comma-separated retrieval modes.")] = "bm25,dense,hybrid",
    calibrate_first: Annotated[
        bool,
        typer.Option(
            "--calibrate",
            help="Fit the 'I don't know' thresholds on the dev split of answer/data/questions.yaml (or of the "
            "one --questions file given) and store them in the index.",
        ),
    ] = False,
    failures: Annotated[bool, typer.Option("--failures", help="List the questions that fail.")] = False,
    questions: Annotated[
        list[Path] | None,
        typer.Option(
            help="Question file; repeat for several (default: answer/data/questions.yaml and "
            "answer/data/user_questions.yaml)."
        ),
    ] = None,
    split: Annotated[
        str | None,
        typer.Option(help="Only this split's questions (dev or test): work from --split dev --failures."),
    ] = None,
) -> None:
    """Run the evaluation set: Recall@1/5, MRR, key terms, refusals and latency per retrieval mode, then the
    answer figures per kind of question for the default mode, on the test split and on all questions."""
    from answer import evaluate as ev  # pulls in the engine: only when evaluating

    files = tuple(questions) if questions else ev.DEFAULT_FILES
    if calibrate_first and questions and len(questions) > 1:
        raise fail("--calibrate fits one file's dev split: give at most one --questions file", USAGE)
    engine = load_engine(progress=True)
    if split not in (None, "dev", "test"):
        raise fail(f"--split is dev or test, not {split!r}", USAGE)
    chosen = tuple(m.strip() for m in modes.split(",") if m.strip())
    if calibrate_first:
        calibrate(engine, settings().index_dir, questions[0] if questions else None, chosen)
    items = [i for i in ev.load_question_files(files) if split is None or i.split == split]
    result = ev.run_eval(engine, items, chosen)
    typer.echo(ev.format_table(result))
    default = engine.config.mode if engine.config.mode in chosen else chosen[0]
    for shown in (split,) if split else ("test", None):
        typer.echo("\n" + ev.format_kind_table(result, default, shown))
    if failures:
        typer.echo("\n" + ev.format_failures(result))
