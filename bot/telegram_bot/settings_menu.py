"""/settings: the chat's recap day, time, time zone, on/off and date style, as one message edited in place as
buttons are pressed, or typed (`/settings tz Europe/Berlin`). Every press is answered (answerCallbackQuery),
a stale or unknown one with a short notice. In groups only administrators may change anything."""

from __future__ import annotations

import asyncio
import dataclasses
import logging

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.store import ChatSettings, Store
from bot.telegram_bot.access import clock_of, settings_of, store_of
from bot.telegram_bot.admins import ADMINS_ONLY, may_configure
from bot.telegram_bot.settings_views import PAGES, USAGE, Choice, Shown, applied, page, parse_choice, summary

log = logging.getLogger(__name__)

STALE = "That button is out of date: send /settings for the current menu."
SAVED = {
    "recap_day": "Day saved",
    "recap_time": "Time saved",
    "timezone": "Time zone saved",
    "date_language": "Date style saved",
    "reset": "Back to the defaults",
}
# Telegram's answer to an edit that would change nothing; harmless when two presses cross.
NOT_MODIFIED = "message is not modified"


async def shown_for(store: Store, chat_id: int) -> Shown:
    chat = await asyncio.to_thread(store.chat_settings.get, chat_id)
    return Shown(chat, await asyncio.to_thread(store.subscribers.is_active, chat_id))


async def save(store: Store, shown: Shown, chat: ChatSettings) -> Shown:
    if chat != shown.chat:
        await asyncio.to_thread(store.chat_settings.save, chat)
    return dataclasses.replace(shown, chat=chat)


async def settings_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/settings shows the menu; /settings <what> <value> changes one setting first."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    settings, now = settings_of(context), clock_of(context)()
    shown = await shown_for(store_of(context), chat.id)
    if not await may_configure(update, context):
        await message.reply_html(f"{summary(shown, settings, now)}\n\n{ADMINS_ONLY}")
        return
    args = context.args or []
    note = ""
    if args:
        choice = parse_choice(args[0].lower(), " ".join(args[1:]))
        if isinstance(choice, str):
            await message.reply_html(choice if choice == USAGE else f"{choice}\n\n{USAGE}")
            return
        shown = await save(store_of(context), shown, applied(shown.chat, choice))
        note = "Saved.\n\n"
    text, keys = page("main", shown, settings, now)
    await message.reply_html(note + text, reply_markup=keys)


async def settings_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A menu button: change the setting, acknowledge the press, and show the menu's new state in place."""
    query = update.callback_query
    if query is None:
        return
    message = query.message if isinstance(query.message, Message) else None
    if message is None:  # too old for Telegram to say which message it was
        await query.answer(STALE)
        return
    if not await may_configure(update, context):
        await query.answer(ADMINS_ONLY, show_alert=True)
        return
    try:
        notice, target = await _press(query, message.chat_id, context)
    except BaseException:
        await query.answer("Sorry, that did not work. Please try again.")
        raise
    await query.answer(notice)
    if target is not None:
        await _show(query, message.chat_id, target, context)


async def _press(
    query: CallbackQuery, chat_id: int, context: ContextTypes.DEFAULT_TYPE
) -> tuple[str | None, str | None]:
    """Carry out a press: (the notice to answer it with, the page to show or "done"; None: leave it as it is)."""
    _, what, value = (*(query.data or "").split(":", 2), "", "")[:3]
    store = store_of(context)
    if what == "p":
        return (None, value) if value in PAGES else (STALE, None)
    if what == "done":
        return None, "done"
    shown = await shown_for(store, chat_id)
    if what == "sub":
        await asyncio.to_thread(store.subscribers.subscribe, chat_id)
        await save(store, shown, dataclasses.replace(shown.chat, recap_enabled=True))
        return "Subscribed", "main"
    choice = (
        parse_choice(what, value) if what in ("day", "time", "tz", "dates", "on", "off", "reset") else STALE
    )
    if isinstance(choice, str):
        return STALE, None
    changed = applied(shown.chat, choice)
    if changed == shown.chat:
        return "Already set", ("main" if what in ("day", "time", "tz", "dates") else None)
    await save(store, shown, changed)
    return _notice(choice), "main"


def _notice(choice: Choice) -> str:
    if choice.field == "recap_enabled":
        return "Recap resumed" if choice.value else "Recap paused"
    return SAVED[choice.field]


async def _show(query: CallbackQuery, chat_id: int, target: str, context: ContextTypes.DEFAULT_TYPE) -> None:
    settings, now = settings_of(context), clock_of(context)()
    shown = await shown_for(store_of(context), chat_id)
    try:
        if target == "done":
            await query.edit_message_text(summary(shown, settings, now), parse_mode="HTML")
        else:
            text, keys = page(target, shown, settings, now)
            await query.edit_message_text(text, parse_mode="HTML", reply_markup=keys)
    except BadRequest as exc:  # two presses crossed, or the message is too old to edit
        if NOT_MODIFIED not in exc.message.lower():
            log.info("could not update the settings menu in chat %s: %s", chat_id, exc.message)
