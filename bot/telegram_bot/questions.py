"""Questions: plain messages, /compare and /timeline, the example buttons and "Show more"."""

from __future__ import annotations

import asyncio
import hashlib
import logging

from telegram import ReplyParameters, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from answer.conversation import Conversation
from bot.commands import command_named
from bot.render import answer_html, esc
from bot.telegram_bot.access import conversation_of, engine_of
from bot.telegram_bot.admin import count_question
from bot.telegram_bot.texts import EXAMPLES, NO_PREVIEW, more_keyboard

log = logging.getLogger(__name__)

MAX_REMEMBERED = 2000  # questions whose further pages can still be asked for


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    await reply_answer(
        message.chat_id,
        message.text,
        context,
        reply_to=message.message_id,
        conversation=conversation_of(context),
    )


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/compare, /timeline: ask the command's question for its arguments, or say how to use it."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text, usage = command_named(message.text).question(context.args or [], engine_of(context).parse)
    if usage is not None:
        await message.reply_html(usage)
        return
    await reply_answer(message.chat_id, text, context, reply_to=message.message_id)


async def example_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None or query.data is None or query.message is None:
        return
    await query.answer()
    try:
        text = EXAMPLES[int(query.data.split(":", 1)[1])]
    except (ValueError, IndexError):
        return
    await reply_answer(query.message.chat.id, text, context, echo=True, conversation=conversation_of(context))


def remember(context: ContextTypes.DEFAULT_TYPE, question: str) -> str:
    """A short key for a question, so a "Show more" button fits Telegram's 64-byte callback data."""
    key = hashlib.sha1(question.encode("utf-8")).hexdigest()[:10]
    questions: dict[str, str] = context.application.bot_data.setdefault("questions", {})
    questions.pop(key, None)
    questions[key] = question
    while len(questions) > MAX_REMEMBERED:
        questions.pop(next(iter(questions)))
    return key


async def more_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None or query.data is None or query.message is None:
        return
    _, key, page = query.data.split(":")
    text = context.application.bot_data.get("questions", {}).get(key)
    if text is None:
        await query.answer("That list has expired: ask the question again.")
        return
    await query.answer()
    await reply_answer(query.message.chat.id, text, context, page=int(page))


async def reply_answer(
    chat_id: int,
    text: str,
    context: ContextTypes.DEFAULT_TYPE,
    reply_to: int | None = None,
    echo: bool = False,
    page: int = 0,
    conversation: Conversation | None = None,
) -> None:
    """Answer a question (a follow-up within `conversation`); a long list gets a "Show more" button that asks
    for the next page of the question as understood."""
    try:
        await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
    except TelegramError as exc:  # a nicety: never let it stop the answer
        log.debug("send_chat_action failed: %s", exc)
    try:
        answer = await asyncio.to_thread(engine_of(context).answer, text, None, page, conversation)
    except Exception:
        log.exception("answering %r failed", text)
        await context.bot.send_message(chat_id, "Sorry, something went wrong on my side. Please try again.")
        return
    count_question(context)
    body = answer_html(answer)
    if echo:
        body = f"<i>{esc(text)}</i>\n\n{body}"
    await context.bot.send_message(
        chat_id,
        body,
        parse_mode=ParseMode.HTML,
        link_preview_options=NO_PREVIEW,
        reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None,
        reply_markup=(
            more_keyboard(remember(context, answer.understood_as or text), page + 1) if answer.more else None
        ),
    )
