"""Webhook mode: the real application behind its webhook server on 127.0.0.1, updates POSTed as Telegram would."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import socket
import urllib.request
from collections.abc import AsyncIterator

import pytest

from answer.engine import Engine
from bot.settings import Settings
from bot.store import open_store
from bot.telegram_bot import build_application
from bot.telegram_bot.webhook import (
    SECRET_KEY,
    Webhook,
    WebhookError,
    parse_webhook,
    serve_webhook,
    webhook_secret,
)
from tests.fake_telegram import FakeTelegram
from tests.fake_telegram.webhook import post_update

CHAT = 5151
PUBLIC_URL = "https://bot.example.com/telegram/hook"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get_status(url: str) -> tuple[int, dict[str, object]]:
    with urllib.request.urlopen(url, timeout=5) as answer:
        return int(answer.status), json.loads(answer.read())


@pytest.fixture
def tg() -> AsyncIterator[FakeTelegram]:  # type: ignore[misc]
    with FakeTelegram() as fake:
        yield fake


@contextlib.asynccontextmanager
async def replica(settings: Settings, engine: Engine) -> AsyncIterator[str]:
    """A bot replica serving its webhook on a free local port; yields the local address of the webhook."""
    application = build_application(settings, engine)
    hook = Webhook(PUBLIC_URL, "127.0.0.1", free_port())
    secret = webhook_secret(settings, application.bot_data["store"])
    stop = asyncio.Event()
    task = asyncio.create_task(serve_webhook(application, hook, secret, stop))
    base = f"http://127.0.0.1:{hook.port}"
    for _ in range(200):  # ready once /healthz answers
        with contextlib.suppress(OSError):
            if (await asyncio.to_thread(get_status, f"{base}/healthz"))[0] == 200:
                break
        assert not task.done(), task.exception()
        await asyncio.sleep(0.05)
    try:
        yield f"{base}{hook.path}"
    finally:
        stop.set()
        await task


async def test_an_update_with_the_secret_is_answered_and_healthz_is_200(
    bot_settings: Settings, small_engine: Engine, tg: FakeTelegram
) -> None:
    async with replica(bot_settings, small_engine) as address:
        webhook = tg.webhook
        assert webhook is not None and webhook.url == PUBLIC_URL
        with open_store(bot_settings) as store:
            assert webhook.secret_token == store.values.get(SECRET_KEY)  # generated once, kept there
        health = address.replace("/telegram/hook", "/healthz")
        assert await asyncio.to_thread(get_status, health) == (200, {"ok": True})
        tg.send_user_message(CHAT, "who did Moonshot AI hire?")
        assert await asyncio.to_thread(tg.deliver_updates, address) == [200]
        [reply] = await tg.wait_for_async(lambda: tg.sent_messages(CHAT), timeout=10)
        assert "Tan Xu" in reply.text
    assert [c.get("drop_pending_updates") for c in tg.calls("setWebhook")] == ["false"]
    assert not tg.calls("deleteWebhook")  # stopping one replica leaves the webhook to the others
    tg.assert_no_rejections()


async def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_processed(
    bot_settings: Settings, small_engine: Engine, tg: FakeTelegram
) -> None:
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": CHAT, "type": "private"},
            "from": {"id": CHAT, "is_bot": False, "first_name": "Eve"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }
    async with replica(bot_settings, small_engine) as address:
        for secret in ("wrong-secret", None, ""):
            assert await asyncio.to_thread(post_update, address, update, secret) == 403
        await asyncio.sleep(0.5)
    assert tg.sent_messages() == []
    assert not tg.calls("sendChatAction")


async def test_replicas_share_the_generated_secret_and_either_answers(
    bot_settings: Settings, small_engine: Engine, tg: FakeTelegram
) -> None:
    async with replica(bot_settings, small_engine) as first, replica(bot_settings, small_engine) as second:
        secrets = {c["secret_token"] for c in tg.calls("setWebhook")}
        assert len(tg.calls("setWebhook")) == 2 and len(secrets) == 1
        tg.send_user_message(CHAT, "who did Moonshot AI hire?")
        assert await asyncio.to_thread(tg.deliver_updates, second) == [200]
        tg.send_user_message(CHAT + 1, "who did Moonshot AI hire?")
        assert await asyncio.to_thread(tg.deliver_updates, first) == [200]
        await tg.wait_for_async(lambda: len(tg.sent_messages()) == 2, timeout=10)


def test_the_secret_is_generated_once_per_database(store_settings: Settings) -> None:
    with open_store(store_settings) as one, open_store(store_settings) as other:
        generated = webhook_secret(store_settings, one)
        assert webhook_secret(store_settings, other) == generated
        assert 1 <= len(generated) <= 256
    chosen = dataclasses.replace(store_settings, webhook_secret="from_the-environment")
    with open_store(chosen) as store:
        assert webhook_secret(chosen, store) == "from_the-environment"


@pytest.mark.parametrize(
    ("url", "listen", "problem"),
    [
        ("http://bot.example.com/hook", None, "https"),
        ("https://bot.example.com:9000/hook", None, "ports"),
        ("https://bot.example.com/healthz", None, "health"),
        ("https://bot.example.com/hook", "8080", "HOST:PORT"),
        ("https://bot.example.com/hook", "0.0.0.0:99999", "HOST:PORT"),
    ],
)
def test_unusable_webhook_options_say_why(url: str, listen: str | None, problem: str) -> None:
    with pytest.raises(WebhookError, match=problem):
        parse_webhook(url, listen)


def test_webhook_options() -> None:
    assert parse_webhook("https://bot.example.com/", None) == Webhook(
        "https://bot.example.com/", "0.0.0.0", 8080
    )
    hook = parse_webhook("https://bot.example.com:8443/tg/", "[::]:9001")
    assert (hook.host, hook.port, hook.path) == ("::", 9001, "/tg")
