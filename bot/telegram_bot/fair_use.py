"""Fair use: a per-user limit on questions, with one polite notice when it is reached, and a short reply to a
message too long to be one question."""

from __future__ import annotations

import enum
import time
from collections import deque
from collections.abc import Callable

from telegram import Update
from telegram.ext import ContextTypes

from bot.telegram_bot.access import settings_of

WINDOW_S = 60.0  # the limit counts questions over the last minute (TALENTBOT_RATE_LIMIT is per minute)
MAX_USERS = 10_000  # users remembered before those with no question in the window are forgotten
MAX_MESSAGE_CHARS = 1000  # longer is a pasted text or several questions, not one question
TOO_LONG = (
    "That's a long message. Please ask one question at a time, in a sentence or two — "
    "for example: <i>Who did Meta hire from OpenAI?</i>"
)


class Verdict(enum.Enum):
    ASK = "ask"  # answer it
    NOTICE = "notice"  # over the limit, and not told yet: say so once
    QUIET = "quiet"  # over the limit, and already told


def slow_down(per_minute: int) -> str:
    return (
        f"You're asking faster than I can keep up with (at most {per_minute} questions a minute). "
        "Please wait a minute, then ask again."
    )


class QuestionLimiter:
    """At most `per_minute` questions per user in any minute (0: no limit). Questions refused do not count,
    so a user is never locked out for longer than the minute; the first refused one of a burst gets a notice,
    the rest none."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._asked: dict[int, deque[float]] = {}
        self._told: set[int] = set()

    def check(self, user: int) -> Verdict:
        if self.per_minute <= 0:
            return Verdict.ASK
        now = self._clock()
        asked = self._asked.get(user)
        if asked is None:
            self._forget_idle(now)
            asked = self._asked[user] = deque()
        while asked and asked[0] <= now - WINDOW_S:
            asked.popleft()
        if len(asked) < self.per_minute:
            asked.append(now)
            self._told.discard(user)
            return Verdict.ASK
        if user in self._told:
            return Verdict.QUIET
        self._told.add(user)
        return Verdict.NOTICE

    @property
    def users(self) -> int:
        """Users remembered (bounded by MAX_USERS plus the ones active in the last minute)."""
        return len(self._asked)

    def _forget_idle(self, now: float) -> None:
        if len(self._asked) < MAX_USERS:
            return
        for user in [u for u, times in self._asked.items() if not times or times[-1] <= now - WINDOW_S]:
            del self._asked[user]
            self._told.discard(user)


def limiter_of(context: ContextTypes.DEFAULT_TYPE) -> QuestionLimiter:
    limiter: QuestionLimiter | None = context.application.bot_data.get("question_limiter")
    if limiter is None:
        limiter = QuestionLimiter(settings_of(context).rate_limit)
        context.application.bot_data["question_limiter"] = limiter
    return limiter


async def may_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether this question may be answered. Over the limit, a message gets one reply saying so (the first
    refused one of a burst; the rest get none), a button press the same words in its notice each time (it
    must be acknowledged anyway, and a notice adds nothing to the chat)."""
    who = update.effective_user or update.effective_chat
    limiter = limiter_of(context)
    verdict = limiter.check(who.id) if who is not None else Verdict.ASK
    if verdict is Verdict.ASK:
        return True
    if update.callback_query is not None:
        await update.callback_query.answer(slow_down(limiter.per_minute))
    elif verdict is Verdict.NOTICE and update.effective_message is not None:
        await update.effective_message.reply_text(slow_down(limiter.per_minute))
    return False
