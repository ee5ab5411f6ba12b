"""Quiet, safe logs: secrets redacted from every record, one line per outage instead of a traceback per poll.

`setup_logging(settings)` configures the root handler once and puts a `Redactor` on every handler, so PTB's,
httpx's (request URLs carry the token) and tornado's records are redacted too, exception texts included. A
network error's traceback says nothing an operator can act on: `Redactor` shortens records carrying one to a
single line. `ApiHealth` logs the first failed call of an outage and the recovery, nothing in between; the
`MonitoredRequest` every Bot API call goes through tells it both.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import ContextTypes
from telegram.request import HTTPXRequest

from bot.settings import Settings

log = logging.getLogger(__name__)

REDACTED = "[redacted]"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Chatty at INFO: httpx logs every request (its URL carries the token), apscheduler every job run.
QUIET_LOGGERS = ("httpx", "httpcore", "apscheduler")
# Telegram answers 5xx while it has trouble: the API is as good as unreachable then.
SERVER_ERROR = 500
# Other polling errors (e.g. 409: another instance polls the same bot) are logged at most this often.
POLLING_ERROR_EVERY_S = 60.0


class Redactor(logging.Filter):
    """Replaces every known secret in a record's message, exception text and stack with [redacted], and
    shortens a record whose exception is a network error to one line. Never drops a record."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets: list[str] = []
        for secret in secrets:
            self.add(secret)

    def add(self, secret: str) -> None:
        """Redact `secret` from now on (e.g. a webhook secret read from the database)."""
        if secret and secret not in self._secrets:
            self._secrets.append(secret)
            self._secrets.sort(key=len, reverse=True)  # the whole token before its secret half

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: log what there is rather than nothing
            message = f"{record.msg!r} {record.args!r}"
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and is_transport(error):
            message = f"{message} ({one_line(error)})"
            record.exc_info, record.exc_text = None, None
        elif record.exc_info:
            text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_text = self.redact(text)
        record.msg, record.args = self.redact(message), None
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def is_transport(error: BaseException) -> bool:
    """A network error, time-out or 5xx: the API could not be reached (not a request it refused)."""
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


def one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def setup_logging(settings: Settings, level: int = logging.INFO) -> Redactor:
    """The root handler (stderr) with a Redactor for the settings' secrets, also put on every other handler
    already configured; returns it so secrets known later can be added."""
    redactor = Redactor(settings.secrets())
    logging.basicConfig(format=LOG_FORMAT, level=level)
    logging.captureWarnings(True)  # warnings go through the handlers, hence through the Redactor
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    loggers = [logging.getLogger(), *(logging.getLogger(n) for n in logging.root.manager.loggerDict)]
    for logger in loggers:
        for handler in logger.handlers:
            if redactor not in handler.filters:
                handler.addFilter(redactor)
    return redactor


class ApiHealth:
    """Whether the Bot API answers: one warning when calls start failing, one line when they succeed again."""

    def __init__(self) -> None:
        self.down_since: float | None = None
        self.failures = 0  # failed calls in the current outage
        self.outages = 0  # outages so far
        self._polling_logged = -POLLING_ERROR_EVERY_S

    def failed(self, error: TelegramError) -> None:
        self.failures += 1
        if self.down_since is None:
            self.down_since = time.monotonic()
            self.outages += 1
            log.warning("Telegram Bot API unreachable (%s); retrying with back-off", one_line(error))

    def succeeded(self) -> None:
        if self.down_since is not None:
            log.warning(
                "Telegram Bot API reachable again after %.0f s (%d failed calls)",
                time.monotonic() - self.down_since,
                self.failures,
            )
            self.down_since, self.failures = None, 0

    def polling_error(self, error: TelegramError) -> None:
        """PTB's `error_callback` for getUpdates: the request counted network errors already; any other error
        (e.g. a 409 conflict with another poller) is logged at most once a minute."""
        if is_transport(error):
            return
        now = time.monotonic()
        if now - self._polling_logged >= POLLING_ERROR_EVERY_S:
            self._polling_logged = now
            log.warning("polling for updates failed (%s); retrying", one_line(error))


def quieted(update: object, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """For the error handler: True when the error needs no traceback. A network error's outage is logged once
    by `ApiHealth`; a polling error (PTB passes those with neither update nor job) goes to
    `ApiHealth.polling_error`."""
    error = context.error
    if error is None:
        return False
    if is_transport(error):
        log.debug("a Bot API call failed: %s", one_line(error))
        return True
    health = context.application.bot_data.get("health")
    polling = update is None and context.job is None
    if polling and isinstance(error, TelegramError) and isinstance(health, ApiHealth):
        health.polling_error(error)
        return True
    return False


class MonitoredRequest(HTTPXRequest):
    """PTB's HTTPX request, reporting each call's outcome to an `ApiHealth` (any HTTP answer means the API is
    reachable; a network error or time-out means it is not)."""

    def __init__(self, health: ApiHealth, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.health = health

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        try:
            answer = await super().do_request(*args, **kwargs)
        except NetworkError as exc:  # TimedOut is a NetworkError
            self.health.failed(exc)
            raise
        if answer[0] >= SERVER_ERROR:
            self.health.failed(NetworkError(f"HTTP {answer[0]} from the Bot API"))
        else:
            self.health.succeeded()
        return answer
