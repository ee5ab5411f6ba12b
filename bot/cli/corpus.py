"""`talentbot corpus check`: validate every article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import fail, settings
from corpus.loader import check_articles

corpus_app = typer.Typer(help="Validate the article corpus.", no_args_is_help=True)


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
