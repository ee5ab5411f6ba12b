"""How answers go out: "typing…" only while an answer is slow, and an edited question's answer edited in place.

The bot remembers which reply answered which question (chat and message id, the most recent MAX_REPLIES), so
that when the user edits the question the reply is edited to the new answer instead of a second reply being
sent; when the edit cannot be applied (the reply is too old, deleted, or forgotten) a new reply is sent."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass

from telegram import Bot, InlineKeyboardMarkup, ReplyParameters
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.telegram_bot.texts import NO_PREVIEW

log = logging.getLogger(__name__)

MAX_REPLIES = 10_000  # question -> reply pairs remembered for edits; the oldest are forgotten first
TYPING_AFTER_S = 1.0  # a quicker answer needs no "typing…": it would cost a request and only flash
TYPING_EVERY_S = 4.5  # Telegram shows "typing…" for 5 s, or until the bot's next message
NOT_MODIFIED = "message is not modified"  # Telegram's refusal of an edit that changes nothing


@dataclass(frozen=True)
class Reply:
    message_id: int
    digest: str  # of what it says (text and buttons): an edit to the same is not sent (Telegram refuses it)


def digest(html: str, keyboard: InlineKeyboardMarkup | None) -> str:
    said = html + "\x00" + (keyboard.to_json() if keyboard is not None else "")
    return hashlib.blake2b(said.encode("utf-8"), digest_size=16).hexdigest()


class ReplyMemory:
    """(chat, question message) -> the bot's reply to it, the most recent `limit` of them."""

    def __init__(self, limit: int = MAX_REPLIES) -> None:
        self.limit = limit
        self._replies: OrderedDict[tuple[int, int], Reply] = OrderedDict()

    def remember(self, chat_id: int, question_id: int, reply: Reply) -> None:
        self._replies[(chat_id, question_id)] = reply
        self._replies.move_to_end((chat_id, question_id))
        while len(self._replies) > self.limit:
            self._replies.popitem(last=False)

    def reply_to(self, chat_id: int, question_id: int) -> Reply | None:
        return self._replies.get((chat_id, question_id))

    def __len__(self) -> int:
        return len(self._replies)


def memory_of(context: ContextTypes.DEFAULT_TYPE) -> ReplyMemory:
    memory: ReplyMemory | None = context.application.bot_data.get("replies")
    if memory is None:
        memory = context.application.bot_data["replies"] = ReplyMemory()
    return memory


@contextlib.asynccontextmanager
async def typing_while_slow(bot: Bot, chat_id: int, after: float = TYPING_AFTER_S) -> AsyncIterator[None]:
    """Show "typing…" in the chat if the body of the `async with` takes longer than `after` seconds."""
    task = asyncio.create_task(_keep_typing(bot, chat_id, after))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _keep_typing(bot: Bot, chat_id: int, after: float) -> None:
    await asyncio.sleep(after)
    while True:
        try:
            await bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError as exc:  # a nicety: never let it stop the answer
            log.debug("send_chat_action failed: %s", exc)
            return
        await asyncio.sleep(TYPING_EVERY_S)


async def send_or_edit(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    html: str,
    *,
    reply_to: int | None,
    edited: bool,
    keyboard: InlineKeyboardMarkup | None,
) -> None:
    """Send `html` as the reply to message `reply_to` or, when that message was `edited` and was answered
    before, edit the earlier reply to it."""
    memory = memory_of(context)
    said = digest(html, keyboard)
    if edited and reply_to is not None and await _edited_in_place(context, chat_id, reply_to, html, keyboard):
        return
    sent = await context.bot.send_message(
        chat_id,
        html,
        parse_mode=ParseMode.HTML,
        link_preview_options=NO_PREVIEW,
        reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None,
        reply_markup=keyboard,
    )
    if reply_to is not None:
        memory.remember(chat_id, reply_to, Reply(sent.message_id, said))


async def _edited_in_place(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    question_id: int,
    html: str,
    keyboard: InlineKeyboardMarkup | None,
) -> bool:
    """Edit the earlier reply to `question_id` to say `html`; False when there is none or it can't be edited."""
    memory = memory_of(context)
    earlier = memory.reply_to(chat_id, question_id)
    said = digest(html, keyboard)
    if earlier is None:
        return False
    if earlier.digest == said:  # the edited question has the same answer: the reply already says it
        return True
    try:
        await context.bot.edit_message_text(
            html,
            chat_id,
            earlier.message_id,
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
            reply_markup=keyboard,
        )
    except BadRequest as exc:
        if NOT_MODIFIED in exc.message.lower():
            return True
        log.info(
            "could not edit reply %s in chat %s (%s): sending a new one", earlier.message_id, chat_id, exc
        )
        return False
    memory.remember(chat_id, question_id, Reply(earlier.message_id, said))
    return True
