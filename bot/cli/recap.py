"""`talentbot recap preview` and `talentbot recap send`: the weekly recap from the terminal."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Annotated

import typer

from answer.recap import recap_text
from bot.cli.common import USAGE, corpus_failure, fail, settings, settings_with_token
from bot.weekly_recap import weekly_recap
from corpus.loader import ArticleError

recap_app = typer.Typer(help="The weekly recap.", no_args_is_help=True)


@recap_app.command("preview")
def recap_preview(
    date: Annotated[str | None, typer.Option(help="Pretend today is this ISO date.")] = None,
) -> None:
    """Print this week's recap."""
    s = settings()
    today = parse_date(date) if date else None
    try:
        recap = weekly_recap(s, today)
    except ArticleError as exc:
        raise corpus_failure(exc) from exc
    typer.echo(recap_text(recap))


@recap_app.command("send")
def recap_send() -> None:
    """Send the recap now to every active subscriber (same database and Telegram settings as `serve`)."""
    from bot.telegram_app import send_recap_now  # python-telegram-bot: only for the commands that use it

    s = settings_with_token()
    try:
        report = asyncio.run(send_recap_now(s))
    except ArticleError as exc:
        raise corpus_failure(exc) from exc
    typer.echo(
        f"Recap sent to {report.sent} subscriber(s); {report.blocked} blocked (marked inactive); "
        f"{report.failed} failed."
    )
    if report.failed:
        raise typer.Exit(1)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise fail(f"{text!r} is not an ISO date (YYYY-MM-DD)", USAGE) from exc
