"""`talentbot recap preview` and `talentbot recap send`: the weekly recap from the terminal."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from answer.recap import recap_text
from bot.cli.common import USAGE, corpus_failure, fail, settings, settings_with_token
from bot.recap_chart import flows_png
from bot.store import StoreError
from bot.weekly_recap import weekly_recap
from corpus.loader import ArticleError

recap_app = typer.Typer(help="The weekly recap.", no_args_is_help=True)


@recap_app.command("preview")
def recap_preview(
    date: Annotated[str | None, typer.Option(help="Pretend today is this ISO date.")] = None,
    png: Annotated[
        Path | None,
        typer.Option(help="Write the recap's chart (the talent flows between companies) to this PNG file."),
    ] = None,
) -> None:
    """Print this week's recap, as subscribers get it, and with --png write its chart."""
    s = settings()
    today = parse_date(date) if date else None
    try:
        recap = weekly_recap(s, today)
    except ArticleError as exc:
        raise corpus_failure(exc) from exc
    typer.echo(recap_text(recap))
    if png is None:
        return
    chart = flows_png(recap.flows)
    if chart is None:
        typer.echo(f"No chart: no company gained or lost anyone in {recap.flows.label}.", err=True)
        return
    try:
        png.write_bytes(chart)
    except OSError as exc:
        raise fail(f"cannot write {png}: {exc.strerror}") from exc
    typer.echo(f"Chart of the talent flows, {recap.flows.label}: {png}", err=True)


@recap_app.command("send")
def recap_send(
    edition: Annotated[
        str | None, typer.Option(help="The edition to send or finish, e.g. 2026-W49 (default: this week's).")
    ] = None,
    lease: Annotated[
        float | None,
        typer.Option(
            min=1,
            help="Seconds a chat this process claimed stays its own (default 600); a killed sender's chat "
            "is sent by another after this.",
        ),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Chats this process has in progress at once (default 8); all senders together stay at about "
            "25 messages a second.",
        ),
    ] = None,
) -> None:
    """Send this week's recap to every active subscriber who has not had it (same database and Telegram
    settings as `serve`). Safe to run again, or several at once: nobody gets an edition twice."""
    # python-telegram-bot: only for the commands that use it
    from bot.recap_delivery import DeliveryPolicy
    from bot.telegram_bot.jobs import send_recap_now

    s = settings_with_token()
    policy = DeliveryPolicy()
    if lease is not None:
        policy = dataclasses.replace(policy, lease=dt.timedelta(seconds=lease))
    if concurrency is not None:
        policy = dataclasses.replace(policy, concurrency=concurrency)
    try:
        report = asyncio.run(send_recap_now(s, edition, policy))
    except ArticleError as exc:
        raise corpus_failure(exc) from exc
    except StoreError as exc:
        raise fail(str(exc)) from exc
    counts = report.counts
    typer.echo(
        f"Recap sent to {report.sent} subscriber(s); {report.blocked} blocked (marked inactive); "
        f"{report.failed} failed."
    )
    presumed = (
        f" ({counts.presumed} presumed: their sender died during the request)" if counts.presumed else ""
    )
    typer.echo(
        f"Edition {report.edition}: {counts.sent} sent{presumed}, {counts.pending} still to send, "
        f"{counts.claimed} being sent by another process, {counts.blocked} blocked, "
        f"{counts.skipped} unsubscribed before it reached them."
    )
    if report.failed:
        typer.echo("Chats that failed are kept: run `talentbot recap send` again to retry them.")
        raise typer.Exit(1)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise fail(f"{text!r} is not an ISO date (YYYY-MM-DD)", USAGE) from exc
