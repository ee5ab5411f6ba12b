"""`talentbot ask` and `talentbot chat`: questions answered in the terminal."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from answer.conversation import Conversation
from bot.cli.common import USAGE, answer_json, fail, load_engine
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
    conversation: Annotated[
        bool,
        typer.Option(
            "--conversation",
            help="With -: the lines are one conversation, so follow-ups ('and from OpenAI?') are read "
            "against the earlier questions.",
        ),
    ] = False,
) -> None:
    """Answer a question in the terminal."""
    if conversation and question != "-":
        raise fail(
            "--conversation reads the questions from standard input: use `ask --conversation -`", USAGE
        )
    engine = load_engine(progress=not as_json, mode=mode)
    questions = (line.strip() for line in sys.stdin) if question == "-" else iter([question])
    chat = Conversation() if conversation else None
    for q in questions:
        if not q:
            continue
        answer = engine.answer(q, page=page - 1, conversation=chat)
        if as_json:
            typer.echo(json.dumps(answer_json(answer), ensure_ascii=False))
        else:
            typer.echo(answer.plain_text() + ("\n" if question == "-" else ""))


def chat() -> None:
    """An interactive chat in the terminal (no Telegram needed). Type 'quit' or Ctrl-D to leave."""
    engine = load_engine()
    typer.echo(
        "TalentBot — ask about the AI talent war (who hired whom, pay, the shortage); follow-ups like "
        "'and from OpenAI?' work. 'more' shows the rest of a long list; 'quit' to leave."
    )
    last: tuple[str, int] | None = None  # the last list answered (as understood), and its page
    conversation = Conversation()  # follow-ups ("and from OpenAI?") are read against earlier questions
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
            answer = engine.answer(q, page=page)  # the same question: not a new turn of the conversation
        elif q:
            page = 0
            answer = engine.answer(q, page=page, conversation=conversation)
        else:
            continue
        last = (answer.understood_as or q, page) if answer.more else None
        typer.echo("\n" + answer.plain_text() + ("\n(type 'more' for the next page)" if answer.more else ""))
