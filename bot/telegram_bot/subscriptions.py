"""/subscribe, /unsubscribe and /recap."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.recap_delivery import send_part
from bot.render import esc
from bot.settings import Settings
from bot.store.ledger import EditionPart
from bot.telegram_bot.access import settings_of, store_of
from bot.telegram_bot.texts import DAY_NAMES
from bot.weekly_recap import recap_parts
from corpus.loader import ArticleError

log = logging.getLogger(__name__)

RECAP_UNAVAILABLE = "Sorry, I can't put the recap together right now. Please try again later."


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_chat is None or update.effective_message is None:
        return
    s = settings_of(context)
    new = await asyncio.to_thread(store_of(context).subscribers.subscribe, update.effective_chat.id)
    when = f"every {DAY_NAMES[s.recap_day]} at {s.recap_time:%H:%M} ({esc(s.timezone)})"
    text = (
        f"Subscribed: you'll get the weekly recap {when}." if new else f"You're already subscribed ({when})."
    )
    await update.effective_message.reply_html(text + " /unsubscribe to stop.")


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_chat is None or update.effective_message is None:
        return
    removed = await asyncio.to_thread(store_of(context).subscribers.unsubscribe, update.effective_chat.id)
    text = (
        "Unsubscribed: no more weekly recaps." if removed else "You weren't subscribed. /subscribe to start."
    )
    await update.effective_message.reply_html(text)


async def recap_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """This week's recap as subscribers get it: the chart with its caption, then the text."""
    if update.effective_chat is None or update.effective_message is None:
        return
    parts = await current_recap_parts(settings_of(context))
    if parts is None:
        await update.effective_message.reply_html(RECAP_UNAVAILABLE)
        return
    for part in parts:
        await send_part(context.bot, update.effective_chat.id, part)


async def current_recap_parts(settings: Settings) -> list[EditionPart] | None:
    """This week's recap as Telegram messages, or None (logged) when an article on disk is broken."""
    try:
        return await asyncio.to_thread(recap_parts, settings)
    except ArticleError as exc:
        log.error("the weekly recap cannot be built, the corpus has errors:\n%s", exc)
        return None
