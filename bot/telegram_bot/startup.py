"""Before `serve` loads anything: is the Bot API reachable, and does it accept the token? One clear line if not."""

from __future__ import annotations

from telegram import Bot
from telegram.error import InvalidToken, TelegramError

from bot.settings import Settings
from bot.telegram_bot.logs import Redactor, is_transport, one_line

# Exit codes, as the CLI's: 1 when the work fails (the API is unreachable), 2 when a setting is unusable.
UNREACHABLE_EXIT = 1
REJECTED_EXIT = 2


class StartupError(RuntimeError):
    """Telegram cannot be used; the message is one line for the operator, with no secret in it."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def explain(error: TelegramError, settings: Settings) -> StartupError:
    """What a failed start-up call means for the operator."""
    redact = Redactor(settings.secrets()).redact
    where = settings.telegram_api_base_url
    if isinstance(error, InvalidToken):
        return StartupError(
            "Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized): check it with @BotFather", REJECTED_EXIT
        )
    if is_transport(error):
        return StartupError(
            f"cannot reach the Telegram Bot API at {where} ({redact(one_line(error))})", UNREACHABLE_EXIT
        )
    return StartupError(f"the Telegram Bot API at {where} refused: {redact(one_line(error))}", REJECTED_EXIT)


async def check_telegram(settings: Settings) -> str:
    """The bot's username, from getMe; raises StartupError when the API is unreachable or refuses the token."""
    try:
        async with Bot(settings.require_token(), base_url=settings.telegram_api_base_url) as bot:
            return bot.username
    except TelegramError as exc:
        raise explain(exc, settings) from None
