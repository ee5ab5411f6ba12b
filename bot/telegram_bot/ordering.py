"""Updates from different chats handled at once, each chat's one at a time and in order.

PTB's `concurrent_updates` runs updates concurrently but in no particular order: a follow-up ("and from
OpenAI?") could overtake the question it follows, or two questions' replies arrive swapped. `PerChatProcessor`
queues each chat's updates behind a lock of its own, and only an update whose turn has come takes one of the
`concurrent` slots, so a chat sending a hundred messages holds one slot, not all of them."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates taken from Telegram and not finished yet, across all chats; more wait in PTB's queue. Large, since a
# waiting update costs little: the real bound on work at once is `concurrent`.
MAX_PENDING = 4096

Key = int | None


@dataclass
class _Turn:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0  # updates of the chat holding or waiting for the lock; at 0 the entry goes


def turn_key(update: object) -> Key:
    """Whose turn an update waits for: its chat's, else its user's (an inline query); None: nobody's."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


class PerChatProcessor(BaseUpdateProcessor):
    """At most `concurrent` updates run at once, never two of one chat; a chat's run in arrival order."""

    def __init__(self, concurrent: int) -> None:
        super().__init__(max_concurrent_updates=MAX_PENDING)
        self._slots = asyncio.BoundedSemaphore(concurrent)
        self._turns: dict[Key, _Turn] = {}

    @property
    def chats_waiting(self) -> int:
        """Chats with an update running or waiting (their locks are dropped once they have none)."""
        return len(self._turns)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = turn_key(update)
        if key is None:
            async with self._slots:
                await coroutine
            return
        turn = self._turns.get(key)
        if turn is None:
            turn = self._turns[key] = _Turn()
        turn.waiting += 1
        try:
            async with turn.lock, self._slots:
                await coroutine
        finally:
            turn.waiting -= 1
            if turn.waiting == 0:
                del self._turns[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""
