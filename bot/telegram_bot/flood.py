"""Pacing the bot's requests to Telegram's flood limits, so that one chat's flood wait never delays another.

PTB's AIORateLimiter paces requests the same way (overall and per group) but, on a 429 answer, holds back
every request of the bot until the `retry_after` has passed: one chat that asks too fast would then stall
everyone's answers. Telegram's 429 for a message is almost always about that chat (the overall rate is paced
here), so `ChatFloodLimiter` waits it out for that chat alone; a 429 for a request about no chat still holds
back everything, as PTB does."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

OVERALL_PER_SECOND = 30  # Telegram: "no more than 30 messages per second" to different chats
GROUP_PER_MINUTE = 20  # Telegram: "no more than 20 messages per minute" in one group
MAX_RETRIES = 3  # flood waits sat out per request before the 429 reaches the caller
WAIT_SLACK_S = 0.1  # added to retry_after, so the retry does not arrive a hair too early
MAX_TRACKED = 512  # group limiters and finished waits kept before the idle ones are dropped

ChatKey = int | str | None  # a chat id or @channelname; None: the request is about no chat
JSONDict = dict[str, Any]
Result = bool | JSONDict | list[JSONDict]


def chat_of(data: JSONDict) -> ChatKey:
    """The chat a request is about (``chat_id`` as an int when it is one), or None."""
    chat = data.get("chat_id")
    if chat is None:
        return None
    with contextlib.suppress(ValueError, TypeError):
        return int(chat)
    return str(chat)


def _seconds(wait: int | dt.timedelta) -> float:
    return wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)


class ChatFloodLimiter(BaseRateLimiter[int]):
    """≈30 requests/s about chats overall and 20/min per group; a 429 pauses only the chat it names.

    `rate_limit_args` (an int) overrides how many flood waits a request sits out."""

    def __init__(self, max_retries: int = MAX_RETRIES) -> None:
        self._max_retries = max_retries
        self._overall = AsyncLimiter(OVERALL_PER_SECOND, 1)
        self._groups: dict[ChatKey, AsyncLimiter] = {}
        self._paused: dict[ChatKey, float] = {}  # chat (None: all) -> when its flood wait ends (monotonic)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: JSONDict,
        rate_limit_args: int | None,
    ) -> Result:
        chat = chat_of(data)
        retries = self._max_retries if rate_limit_args is None else rate_limit_args
        attempt = 0
        while True:
            await self._wait_out(chat)
            try:
                async with self._paced(chat):
                    return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt >= retries:
                    raise
                attempt += 1
                wait = _seconds(exc.retry_after) + WAIT_SLACK_S
                log.info("flood limit for %s in chat %s: retrying in %.1f s", endpoint, chat, wait)
                self._paused[chat] = max(self._paused.get(chat, 0.0), time.monotonic() + wait)

    def paused_until(self, chat: ChatKey) -> float:
        """When requests about `chat` may go again (monotonic; in the past when they may go now)."""
        return max(self._paused.get(chat, 0.0), self._paused.get(None, 0.0))

    async def _wait_out(self, chat: ChatKey) -> None:
        """Sleep while this chat (or every chat) is in a flood wait."""
        while (left := self.paused_until(chat) - time.monotonic()) > 0:
            await asyncio.sleep(left)
        self._paused.pop(chat, None)
        if len(self._paused) > MAX_TRACKED:
            now = time.monotonic()
            for key in [k for k, until in self._paused.items() if until <= now]:
                del self._paused[key]

    @contextlib.asynccontextmanager
    async def _paced(self, chat: ChatKey) -> AsyncIterator[None]:
        if chat is None:  # callback answers, the command menu: not counted, as in PTB
            yield
            return
        async with contextlib.AsyncExitStack() as stack:
            if isinstance(chat, str) or chat < 0:  # a group, supergroup or channel
                await stack.enter_async_context(self._group(chat))
            await stack.enter_async_context(self._overall)
            yield

    def _group(self, chat: ChatKey) -> AsyncLimiter:
        limiter = self._groups.get(chat)
        if limiter is None:
            if len(self._groups) >= MAX_TRACKED:  # drop the groups with nothing recent to remember
                for key in [k for k, lim in self._groups.items() if lim.has_capacity(lim.max_rate)]:
                    del self._groups[key]
            limiter = self._groups[chat] = AsyncLimiter(GROUP_PER_MINUTE, 60)
        return limiter
