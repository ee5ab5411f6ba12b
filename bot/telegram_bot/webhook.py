"""Webhook mode: Telegram POSTs updates to each replica behind a load balancer, which probes `GET /healthz`.

PTB's own `run_webhook` serves one route (the webhook) and nothing else, so, as PTB's "custom webhook bot"
example does, the application runs without its updater and a small web server of ours puts each update on
`application.update_queue`. The server is tornado's (what PTB's webhook server uses, so nothing new to install):
the webhook path checks Telegram's `X-Telegram-Bot-Api-Secret-Token` header (wrong or missing: 403, the update is
not read), `/healthz` answers 200 while the application runs. The secret is TALENTBOT_WEBHOOK_SECRET, or one
generated once and kept in the database, so every replica shares it.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import secrets
import signal
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import tornado.web
from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer

from bot.settings import Settings
from bot.store import Store

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET_KEY = "telegram_webhook_secret"  # its key among the database's shared values
SECRET_BYTES = 32  # token_urlsafe(32): 43 characters of A-Za-z0-9_-, as Telegram allows
HEALTH_PATH = "/healthz"
DEFAULT_LISTEN = ("0.0.0.0", 8080)  # behind a load balancer: every interface, an unprivileged port
# Telegram sends updates only to these ports (setWebhook's documentation).
TELEGRAM_PORTS = (443, 80, 88, 8443)


class WebhookError(ValueError):
    """--webhook or --listen cannot be used; says why."""


@dataclass(frozen=True)
class Webhook:
    url: str  # the public HTTPS URL given to setWebhook
    host: str  # where this replica listens
    port: int

    @property
    def path(self) -> str:
        """The path the update route serves: the public URL's (a proxy forwards it as it is)."""
        return urlsplit(self.url).path.rstrip("/") or "/"


def parse_webhook(url: str, listen: str | None) -> Webhook:
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.hostname:
        raise WebhookError(f"--webhook {url!r}: Telegram needs an https:// URL")
    if parts.port is not None and parts.port not in TELEGRAM_PORTS:
        raise WebhookError(f"--webhook {url!r}: Telegram sends webhooks to ports 443, 80, 88 and 8443 only")
    host, port = parse_listen(listen) if listen else DEFAULT_LISTEN
    hook = Webhook(url.strip(), host, port)
    if hook.path == HEALTH_PATH:
        raise WebhookError(f"--webhook {url!r}: {HEALTH_PATH} is the health check's path; use another")
    return hook


def parse_listen(value: str) -> tuple[str, int]:
    """HOST:PORT ([::]:PORT for IPv6)."""
    host, sep, port = value.strip().rpartition(":")
    if not sep or not host or not (port.isascii() and port.isdigit()) or not 0 < int(port) < 65536:
        raise WebhookError(f"--listen {value!r}: use HOST:PORT, e.g. 0.0.0.0:8080")
    return host.strip("[]"), int(port)


def webhook_secret(settings: Settings, store: Store) -> str:
    """TALENTBOT_WEBHOOK_SECRET, or the database's (the first replica to start generates it)."""
    if settings.webhook_secret:
        return settings.webhook_secret
    return store.values.setdefault(SECRET_KEY, secrets.token_urlsafe(SECRET_BYTES))


class UpdateHandler(tornado.web.RequestHandler):
    """POST an update: checked against the secret, then queued for the application (as PTB's server does)."""

    def initialize(self, bot_app: Application, secret: str) -> None:  # type: ignore[type-arg]
        self.bot_app = bot_app
        self.secret = secret

    def check_xsrf_cookie(self) -> None:  # Telegram sends no cookie; the secret header authenticates it
        pass

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.bot_app.bot)
        except Exception as exc:  # not an update: Telegram would not resend it differently
            log.warning("ignored a webhook request that is not an update (%s)", type(exc).__name__)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        await self.bot_app.update_queue.put(update)
        self.set_status(HTTPStatus.OK)

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:  # 403s and 400s are not errors of ours
        if not isinstance(value, tornado.web.HTTPError):
            super().log_exception(typ, value, tb)


class HealthHandler(tornado.web.RequestHandler):
    def initialize(self, bot_app: Application) -> None:  # type: ignore[type-arg]
        self.bot_app = bot_app

    def get(self) -> None:
        running = self.bot_app.running
        self.set_status(HTTPStatus.OK if running else HTTPStatus.SERVICE_UNAVAILABLE)
        self.write({"ok": running})


def web_app(application: Application, hook: Webhook, secret: str) -> tornado.web.Application:  # type: ignore[type-arg]
    return tornado.web.Application(
        [
            (HEALTH_PATH, HealthHandler, {"bot_app": application}),
            (hook.path, UpdateHandler, {"bot_app": application, "secret": secret}),
        ],
        log_function=lambda handler: None,  # no access log: a line per update is noise
    )


async def serve_webhook(
    application: Application,  # type: ignore[type-arg]
    hook: Webhook,
    secret: str,
    stop: asyncio.Event,
) -> None:
    """Run `application` behind the webhook server until `stop` is set: setWebhook (pending updates kept), serve,
    then stop taking requests before the application finishes the updates it has queued."""
    async with application:
        if application.post_init is not None:
            await application.post_init(application)
        await application.bot.set_webhook(
            url=hook.url, secret_token=secret, allowed_updates=Update.ALL_TYPES, drop_pending_updates=False
        )
        await application.start()
        server = HTTPServer(web_app(application, hook, secret))
        server.listen(hook.port, address=hook.host)
        log.info("webhook %s: listening on %s:%d", hook.url, hook.host, hook.port)
        try:
            await stop.wait()
        finally:
            server.stop()
            await server.close_all_connections()
            await application.stop()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)


def stop_on_signals(stop: asyncio.Event) -> None:
    """SIGINT and SIGTERM (a deployment's stop) end `serve_webhook` gracefully."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
