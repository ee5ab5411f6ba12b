"""Running the bot against the fake Bot API, and reading what it sent: shared by the Telegram tests."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator

from telegram.ext import Application

from tests.fake_telegram import FakeTelegram, SentMessage


@contextlib.asynccontextmanager
async def running(application: Application) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The application polling the fake, as `run_polling` would run it (post_init included)."""
    async with application:
        assert application.post_init is not None
        await application.post_init(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=2)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


async def replies(tg: FakeTelegram, chat: int, count: int, timeout: float = 15) -> list[SentMessage]:
    """The chat's messages from the bot once there are `count` of them."""
    await tg.wait_for_async(lambda: len(tg.sent_messages(chat)) >= count, timeout=timeout)
    return tg.sent_messages(chat)


def replied_to(message: SentMessage) -> int | None:
    """The message id a bot message replied to, if any."""
    parameters = message.params.get("reply_parameters")  # as sent: JSON
    return int(json.loads(parameters)["message_id"]) if parameters else None
