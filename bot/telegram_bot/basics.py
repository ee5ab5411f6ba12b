"""/start, /help, unknown commands, messages that are not text, and the error handler."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.render import esc
from bot.telegram_bot.access import conversation_of, settings_of
from bot.telegram_bot.addressing import in_group, leading_command
from bot.telegram_bot.logs import quieted
from bot.telegram_bot.texts import NO_PREVIEW, example_keyboard, help_text

log = logging.getLogger(__name__)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is None:
        return
    conversation = conversation_of(context)
    if conversation is not None:
        conversation.reset()  # a fresh start: earlier questions no longer shape follow-ups
    name = update.effective_user.first_name if update.effective_user else "there"
    text = (
        f"Hi {esc(name)}! I answer questions about the <b>AI talent war</b> — who hired whom, why there is a "
        "shortage, what researchers are paid, how companies and governments compete — from news articles, "
        "with sources.\n\nTry one of these, or type your own question:"
    )
    await update.effective_message.reply_html(
        text, reply_markup=example_keyboard(), link_preview_options=NO_PREVIEW
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_html(
            help_text(settings_of(context), context.bot.username), link_preview_options=NO_PREVIEW
        )


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have gets the help, but in a group only when it names this bot: a bare
    "/play" there is most likely for another bot."""
    message = update.effective_message
    if message is None:
        return
    command = leading_command(message)
    if in_group(message) and (command is None or command[1] is None):
        return
    await help_command(update, context)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_html(
            "I read text only: type your question. /help shows examples."
        )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    if quieted(update, context):
        return  # a network error (its outage is logged once) or a polling error (logged once a minute)
    log.error("error while handling an update", exc_info=context.error)
