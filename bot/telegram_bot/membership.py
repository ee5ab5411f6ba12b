"""The bot's own membership (`my_chat_member`): a hello when added to a group, and no more recaps for a chat
it was removed from (or, in a private chat, blocked in)."""

from __future__ import annotations

import asyncio
import logging

from telegram import ChatMember, ChatMemberRestricted, ChatMemberUpdated, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.telegram_bot.access import store_of
from bot.telegram_bot.addressing import GROUP_TYPES
from bot.telegram_bot.texts import NO_PREVIEW, group_hello

log = logging.getLogger(__name__)

IN_CHAT = frozenset({ChatMember.OWNER, ChatMember.ADMINISTRATOR, ChatMember.MEMBER})
REMOVED_NOTE = "removed from the group"  # the subscriber's note, as "blocked: ..." is for a blocked bot
BLOCKED_NOTE = "blocked: the user blocked the bot"


def is_in(member: ChatMember) -> bool:
    """Whether this status has the bot in the chat (restricted counts while still a member)."""
    return member.status in IN_CHAT or (isinstance(member, ChatMemberRestricted) and member.is_member)


def joined_or_left(change: ChatMemberUpdated) -> bool | None:
    """True: the bot was added; False: it is out (left, kicked, blocked); None: some other change (e.g. made
    an administrator)."""
    was, now = is_in(change.old_chat_member), is_in(change.new_chat_member)
    if not now:
        return False
    return True if not was else None


async def my_membership_changed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    change = update.my_chat_member
    if change is None:
        return
    joined = joined_or_left(change)
    chat = change.chat
    if joined is False:
        note = BLOCKED_NOTE if chat.type == ChatType.PRIVATE else REMOVED_NOTE
        await asyncio.to_thread(store_of(context).subscribers.mark_inactive, chat.id, note)
        log.info("no longer in chat %s (%s): its recap subscription is off", chat.id, note)
    elif joined and chat.type in GROUP_TYPES:
        try:
            await context.bot.send_message(
                chat.id,
                group_hello(context.bot.username),
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
            )
        except TelegramError as exc:  # e.g. added without the right to post
            log.info("could not greet chat %s: %s", chat.id, exc)
