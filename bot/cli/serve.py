"""`talentbot serve`: the Telegram bot, long polling."""

from __future__ import annotations

from bot.cli.common import fail, load_engine, settings_with_token
from bot.store import StoreError


def serve() -> None:
    """Run the Telegram bot (long polling). Needs TELEGRAM_BOT_TOKEN."""
    from bot.telegram_bot import run  # python-telegram-bot: only for the commands that use it

    s = settings_with_token()
    try:
        run(s, load_engine())
    except StoreError as exc:  # the database is unreachable or from a newer TalentBot
        raise fail(str(exc)) from exc
