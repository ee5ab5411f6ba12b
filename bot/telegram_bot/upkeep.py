"""Memory stays flat over a long run: PTB keeps `chat_data` and `user_data` for every chat and user it ever saw,
so chats and users idle for a day are forgotten (their follow-up context expired long before), and at most
`MAX_REMEMBERED` of each are kept, the least recently seen forgotten first."""

from __future__ import annotations

import time
from collections import OrderedDict

from telegram import Update
from telegram.ext import Application, ContextTypes, JobQueue, TypeHandler

IDLE_S = (
    24 * 3600
)  # a conversation expires after 30 minutes; other per-chat notes (replies to edit) after a day
MAX_REMEMBERED = 20_000  # chats (and users) kept at most: a few KB each, so tens of MB at worst
FORGET_EVERY_S = 600
SEEN_GROUP = -100  # runs first, for every update, and never stops the others


class Seen:
    """When each chat and user was last seen, least recent first."""

    def __init__(self) -> None:
        self.chats: OrderedDict[int, float] = OrderedDict()
        self.users: OrderedDict[int, float] = OrderedDict()

    def touch(self, chat_id: int | None, user_id: int | None, now: float) -> None:
        for seen, key in ((self.chats, chat_id), (self.users, user_id)):
            if key is not None:
                seen[key] = now
                seen.move_to_end(key)


def stale(seen: OrderedDict[int, float], now: float, idle_s: float, keep: int) -> list[int]:
    """Keys to forget: idle longer than `idle_s`, or beyond the `keep` most recent."""
    excess = max(len(seen) - keep, 0)
    found: list[int] = []
    for i, (key, when) in enumerate(seen.items()):
        if i >= excess and now - when <= idle_s:
            break  # the rest were seen more recently
        found.append(key)
    return found


def seen_of(application: Application) -> Seen:  # type: ignore[type-arg]
    seen: Seen = application.bot_data.setdefault("seen", Seen())
    return seen


async def touch(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, user = update.effective_chat, update.effective_user
    seen_of(context.application).touch(chat.id if chat else None, user.id if user else None, time.monotonic())


def forget_idle(
    application: Application,  # type: ignore[type-arg]
    now: float,
    idle_s: float = IDLE_S,
    keep: int = MAX_REMEMBERED,
) -> int:
    """Drop the data of idle chats and users (and of any PTB holds without having seen them); returns how
    many chats and users were forgotten."""
    seen = seen_of(application)
    forgotten = 0
    for table, drop, held in (
        (seen.chats, application.drop_chat_data, application.chat_data),
        (seen.users, application.drop_user_data, application.user_data),
    ):
        for key in [*stale(table, now, idle_s, keep), *(k for k in list(held) if k not in table)]:
            table.pop(key, None)
            if key in held:
                drop(key)
            forgotten += 1
    return forgotten


async def forget_idle_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    forget_idle(context.application, time.monotonic())


def add_handlers(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(TypeHandler(Update, touch), group=SEEN_GROUP)


def add_jobs(queue: JobQueue) -> None:  # type: ignore[type-arg]
    queue.run_repeating(forget_idle_job, interval=FORGET_EVERY_S, first=FORGET_EVERY_S, name="forget-idle")
