"""The `talentbot` command line: ask, chat, ingest, eval, serve, and the index, corpus, recap, moves, feeds and
db groups."""

from __future__ import annotations

import typer

from bot.cli.ask import ask, chat
from bot.cli.corpus import corpus_app
from bot.cli.db import db_app
from bot.cli.evaluate import evaluate
from bot.cli.feeds import feeds_app
from bot.cli.index import index_app
from bot.cli.ingest import ingest
from bot.cli.moves import moves_app
from bot.cli.recap import recap_app
from bot.cli.serve import serve

__all__ = ["app", "main"]

app = typer.Typer(
    help="TalentBot: answers questions about the AI talent war from sourced news articles.",
    no_args_is_help=True,
    add_completion=False,
)
app.command()(ask)
app.command()(chat)
app.command()(ingest)
app.command("eval")(evaluate)
app.command()(serve)
app.add_typer(index_app, name="index")
app.add_typer(corpus_app, name="corpus")
app.add_typer(recap_app, name="recap")
app.add_typer(moves_app, name="moves")
app.add_typer(feeds_app, name="feeds")
app.add_typer(db_app, name="db")


def main() -> None:
    app()
