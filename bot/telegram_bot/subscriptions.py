"""/subscribe, /unsubscribe and /recap; in groups, subscribing is for the group's administrators."""

from __future__ import annotations

import asyncio
import dataclasses
import logging

from telegram import Update
from telegram.ext import ContextTypes

from answer.dates import DEFAULT, DateStyle, date_style
from bot.recap_delivery import send_part
from bot.recap_times import recap_time
from bot.render import esc
from bot.settings import Settings
from bot.store import EditionPart, Store
from bot.telegram_bot.access import settings_of, store_of
from bot.telegram_bot.admins import ADMINS_ONLY, may_configure
from bot.telegram_bot.texts import DAY_NAMES
from bot.weekly_recap import recap_parts
from corpus.loader import ArticleError

log = logging.getLogger(__name__)

RECAP_UNAVAILABLE = "Sorry, I can't put the recap together right now. Please try again later."


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_chat is None or update.effective_message is None:
        return
    if not await may_configure(update, context):
        await update.effective_message.reply_html(ADMINS_ONLY)
        return
    store, chat_id = store_of(context), update.effective_chat.id
    new = await asyncio.to_thread(store.subscribers.subscribe, chat_id)
    resumed = await asyncio.to_thread(resume, store, chat_id)
    when = await asyncio.to_thread(recap_when, store, settings_of(context), chat_id)
    text = (
        f"Subscribed: you'll get the weekly recap {when}."
        if new or resumed
        else f"You're already subscribed ({when})."
    )
    await update.effective_message.reply_html(text + " /settings to change when; /unsubscribe to stop.")


def resume(store: Store, chat_id: int) -> bool:
    """Turn a paused recap (/settings) back on; False when it was on."""
    chat = store.chat_settings.get(chat_id)
    if chat.recap_enabled:
        return False
    store.chat_settings.save(dataclasses.replace(chat, recap_enabled=True))
    return True


def recap_when(store: Store, settings: Settings, chat_id: int) -> str:
    when = recap_time(store.chat_settings.get(chat_id), settings)
    return f"every {DAY_NAMES[when.day]} at {when.time:%H:%M} ({esc(when.zone)})"


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_chat is None or update.effective_message is None:
        return
    if not await may_configure(update, context):
        await update.effective_message.reply_html(ADMINS_ONLY)
        return
    removed = await asyncio.to_thread(store_of(context).subscribers.unsubscribe, update.effective_chat.id)
    text = (
        "Unsubscribed: no more weekly recaps." if removed else "You weren't subscribed. /subscribe to start."
    )
    await update.effective_message.reply_html(text)


async def recap_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """This week's recap as subscribers get it, its dates in the chat's style: the chart with its caption, then
    the text."""
    if update.effective_chat is None or update.effective_message is None:
        return
    chat = await asyncio.to_thread(store_of(context).chat_settings.get, update.effective_chat.id)
    parts = await current_recap_parts(settings_of(context), date_style(chat.date_language))
    if parts is None:
        await update.effective_message.reply_html(RECAP_UNAVAILABLE)
        return
    for part in parts:
        await send_part(context.bot, update.effective_chat.id, part)


async def current_recap_parts(settings: Settings, dates: DateStyle = DEFAULT) -> list[EditionPart] | None:
    """This week's recap as Telegram messages (its dates in the chat's style), or None (logged) when an article
    on disk is broken."""
    try:
        return await asyncio.to_thread(recap_parts, settings, None, dates)
    except ArticleError as exc:
        log.error("the weekly recap cannot be built, the corpus has errors:\n%s", exc)
        return None
