"""Who may change a chat's recap (/subscribe, /unsubscribe, /settings): anyone in a private chat; in a group or
supergroup only its administrators (asked of Telegram with getChatMember, so a promotion counts at once)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

log = logging.getLogger(__name__)

GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)
ADMINS = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
ADMINS_ONLY = "Only this group's administrators can change its weekly recap."


async def may_configure(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the update's sender may change its chat's recap. A press counts its presser, a message its
    author; an administrator writing anonymously (as the group itself) counts as one."""
    chat = update.effective_chat
    if chat is None or chat.type not in (ChatType.PRIVATE, *GROUPS):
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    if update.message is not None and update.message.sender_chat is not None:
        return update.message.sender_chat.id == chat.id
    user = update.effective_user
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:  # cannot tell: refuse, and say so in the log
        log.warning("could not check whether user %s administers chat %s: %s", user.id, chat.id, exc)
        return False
    return member.status in ADMINS
