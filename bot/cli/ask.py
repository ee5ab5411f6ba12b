"""`talentbot ask` and `talentbot chat`: questions answered in the terminal."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from bot.cli.common import answer_json, load_engine
from index.modes import SEARCH_MODES

# What people type to leave a chat, and to see the next page of a long list.
QUIT = {"quit", "exit", ":q", "bye"}
MORE = {"more", "next", "show more"}


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
    engine = load_engine(progress=not as_json, mode=mode)
    questions = (line.strip() for line in sys.stdin) if question == "-" else iter([question])
    for q in questions:
        if not q:
            continue
        answer = engine.answer(q, page=page - 1)
        if as_json:
            typer.echo(json.dumps(answer_json(answer), ensure_ascii=False))
        else:
            typer.echo(answer.plain_text() + ("\n" if question == "-" else ""))


def chat() -> None:
    """An interactive chat in the terminal (no Telegram needed). Type 'quit' or Ctrl-D to leave."""
    engine = load_engine()
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
        if q.lower() in QUIT:
            return
        if q.lower() in MORE and last is not None:
            q, page = last[0], last[1] + 1
        elif q:
            page = 0
        else:
            continue
        answer = engine.answer(q, page=page)
        last = (q, page) if answer.more else None
        typer.echo("\n" + answer.plain_text() + ("\n(type 'more' for the next page)" if answer.more else ""))
