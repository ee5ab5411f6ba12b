"""`talentbot serve`: the Telegram bot, long polling (the default) or behind a webhook."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from bot.cli.common import USAGE, fail, load_engine, settings_with_token
from bot.store import StoreError

WebhookUrl = Annotated[
    str | None,
    typer.Option(
        "--webhook",
        metavar="URL",
        help="Public https:// URL Telegram sends updates to (set with setWebhook); default: long polling.",
    ),
]
Listen = Annotated[
    str | None,
    typer.Option(
        "--listen", metavar="HOST:PORT", help="Where the webhook server listens (default 0.0.0.0:8080)."
    ),
]


def serve(webhook: WebhookUrl = None, listen: Listen = None) -> None:
    """Run the Telegram bot. Needs TELEGRAM_BOT_TOKEN. With --webhook, several replicas can share one
    PostgreSQL (TALENTBOT_DATABASE_URL) behind a load balancer probing GET /healthz."""
    # python-telegram-bot and tornado: only for the commands that use them
    from bot.telegram_bot import run
    from bot.telegram_bot.startup import StartupError, check_telegram
    from bot.telegram_bot.webhook import WebhookError, parse_webhook

    if listen is not None and webhook is None:
        raise fail("--listen needs --webhook URL", USAGE)
    s = settings_with_token()
    try:
        hook = parse_webhook(webhook, listen) if webhook is not None else None
    except WebhookError as exc:
        raise fail(str(exc), USAGE) from exc
    try:
        asyncio.run(check_telegram(s))  # before the model loads: a wrong token or no network fails at once
        run(s, load_engine(), hook)
    except StartupError as exc:
        raise fail(str(exc), exc.exit_code) from exc
    except StoreError as exc:  # the database is unreachable or from a newer TalentBot
        raise fail(str(exc)) from exc
