"""Questions: plain messages, /compare and /timeline, the example buttons and "Show more"."""

from __future__ import annotations

import asyncio
import hashlib
import logging

from telegram import Update
from telegram.ext import ContextTypes

from answer.conversation import Conversation
from bot.commands import command_named
from bot.render import answer_html, esc
from bot.telegram_bot.access import conversation_of, engine_of
from bot.telegram_bot.addressing import question_text
from bot.telegram_bot.admin import count_question
from bot.telegram_bot.fair_use import MAX_MESSAGE_CHARS, TOO_LONG, may_ask
from bot.telegram_bot.replies import send_or_edit, typing_while_slow
from bot.telegram_bot.texts import EXAMPLES, MENTION_ONLY, STALE_BUTTON, more_keyboard

log = logging.getLogger(__name__)

MAX_REMEMBERED = 2000  # questions whose further pages can still be asked for
SORRY = "Sorry, something went wrong on my side. Please try again."


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message (new or edited) that is a question for the bot; in a group, its mention cut out."""
    message = update.effective_message
    if message is None or not message.text or not await may_ask(update, context):
        return
    text = question_text(message, context.bot)
    edited = update.edited_message is not None
    length = len(" ".join(text.split()))  # blanks do not make a message long
    short = TOO_LONG if length > MAX_MESSAGE_CHARS else MENTION_ONLY if not length else None
    if short is not None:
        await send_or_edit(
            context, message.chat_id, short, reply_to=message.message_id, edited=edited, keyboard=None
        )
        return
    await reply_answer(
        message.chat_id,
        text,
        context,
        reply_to=message.message_id,
        edited=edited,
        conversation=conversation_of(context),
    )


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/compare, /timeline (new or edited): ask the command's question for its arguments, or say how to use
    it."""
    message = update.effective_message
    if message is None or not message.text or not await may_ask(update, context):
        return
    parse = engine_of(context).parse
    text, usage = await asyncio.to_thread(command_named(message.text).question, context.args or [], parse)
    edited = update.edited_message is not None
    if usage is not None:
        await send_or_edit(
            context, message.chat_id, usage, reply_to=message.message_id, edited=edited, keyboard=None
        )
        return
    await reply_answer(message.chat_id, text, context, reply_to=message.message_id, edited=edited)


def _example(data: str | None) -> str | None:
    """The example question an "ask:<n>" button asks, or None for a button of an older keyboard."""
    number = (data or "").removeprefix("ask:")
    return (
        EXAMPLES[int(number)]
        if number.isascii() and number.isdigit() and int(number) < len(EXAMPLES)
        else None
    )


async def example_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    text = _example(query.data)
    if text is None or query.message is None:
        await query.answer(STALE_BUTTON)
        return
    if not await may_ask(update, context):
        return
    await query.answer()
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
    if query is None:
        return
    _, key, page = (query.data or "::").split(":")  # no data: PTB lets every pattern match it
    text = context.application.bot_data.get("questions", {}).get(key)
    if text is None or query.message is None:
        await query.answer("That list has expired: ask the question again.")
        return
    if not await may_ask(update, context):
        return
    await query.answer()
    await reply_answer(query.message.chat.id, text, context, page=int(page))


async def unknown_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any other button press (an old keyboard, unexpected data): acknowledged, so it stops spinning."""
    if update.callback_query is not None:
        await update.callback_query.answer(STALE_BUTTON)


async def reply_answer(
    chat_id: int,
    text: str,
    context: ContextTypes.DEFAULT_TYPE,
    reply_to: int | None = None,
    echo: bool = False,
    page: int = 0,
    conversation: Conversation | None = None,
    edited: bool = False,
) -> None:
    """Answer a question (a follow-up within `conversation`) in reply to `reply_to` (editing the earlier reply
    when the question was `edited`); a long list gets a "Show more" button that asks for the next page of the
    question as understood."""
    try:
        async with typing_while_slow(context.bot, chat_id):
            answer = await asyncio.to_thread(engine_of(context).answer, text, None, page, conversation)
    except Exception:
        log.exception("answering %r failed", text)
        await send_or_edit(context, chat_id, SORRY, reply_to=reply_to, edited=edited, keyboard=None)
        return
    count_question(context)
    body = answer_html(answer)
    if echo:
        body = f"<i>{esc(text)}</i>\n\n{body}"
    keyboard = (
        more_keyboard(remember(context, answer.understood_as or text), page + 1) if answer.more else None
    )
    await send_or_edit(context, chat_id, body, reply_to=reply_to, edited=edited, keyboard=keyboard)
