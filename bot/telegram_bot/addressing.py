"""Which messages are for this bot. In a private chat: all but commands naming another bot. In a group or
supergroup: its commands (`/cmd`, `/cmd@ThisBot`), messages that mention it and replies to its messages; the
rest of the group's talk is not for it. Channel posts never are."""

from __future__ import annotations

from telegram import Bot, Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.telegram_bot.texts import STALE_BUTTON

GROUP_TYPES = frozenset({ChatType.GROUP, ChatType.SUPERGROUP})
LEFT_OVER = " \t\n,.:;-—"  # what a cut-out leading mention leaves ("@TalentBot, who ..." -> "who ...")
MENTIONS = (MessageEntity.MENTION, MessageEntity.TEXT_MENTION)


def in_group(message: Message) -> bool:
    return message.chat.type in GROUP_TYPES


def leading_command(message: Message) -> tuple[str, str | None] | None:
    """The command a message starts with and the bot it names, lower-cased ("/Help@TalentBot" -> ("help",
    "talentbot"); "/help" -> ("help", None)), or None."""
    entities = message.entities
    if not message.text or not entities:
        return None
    first = entities[0]
    if first.type != MessageEntity.BOT_COMMAND or first.offset != 0:
        return None
    name, _, target = message.text[1 : first.length].partition("@")  # commands are ASCII: UTF-16 = str
    return name.lower(), target.lower() or None


def _my_mentions(message: Message, bot: Bot) -> list[MessageEntity]:
    me = (bot.username or "").lower()
    return [
        entity
        for entity, text in message.parse_entities(list(MENTIONS)).items()
        if (entity.type == MessageEntity.MENTION and text[1:].lower() == me)
        or (
            entity.type == MessageEntity.TEXT_MENTION and entity.user is not None and entity.user.id == bot.id
        )
    ]


def replies_to_me(message: Message, bot: Bot) -> bool:
    replied = message.reply_to_message
    return replied is not None and replied.from_user is not None and replied.from_user.id == bot.id


def for_me(message: Message, bot: Bot) -> bool:
    """Whether the bot should act on this message (see the module docstring)."""
    command = leading_command(message)
    if command is not None:
        return command[1] in (None, (bot.username or "").lower())
    if not in_group(message):
        return True
    return replies_to_me(message, bot) or bool(_my_mentions(message, bot))


def question_text(message: Message, bot: Bot) -> str:
    """The message's text with the mentions of this bot cut out ("@TalentBot who did Meta hire?" -> "who did
    Meta hire?")."""
    text = message.text or ""
    spans = sorted((e.offset, e.offset + e.length) for e in _my_mentions(message, bot))
    if not spans:
        return text
    encoded = text.encode("utf-16-le")  # entity offsets count UTF-16 code units
    pieces, start = [], 0
    for begin, end in spans:
        pieces.append(encoded[start * 2 : begin * 2].decode("utf-16-le"))
        start = end
    pieces.append(encoded[start * 2 :].decode("utf-16-le"))
    return " ".join(" ".join(pieces).split()).lstrip(LEFT_OVER)


async def drop_what_is_not_for_me(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every other handler: channel posts, and messages that are not for this bot, go no further
    (a group's "lol" gets no answer, another bot's command no help text); a button press without data (which
    PTB would hand to every button handler, as every pattern matches it) is acknowledged as stale here."""
    query = update.callback_query
    if query is not None and not query.data:
        await query.answer(STALE_BUTTON)
        raise ApplicationHandlerStop
    if update.channel_post is not None or update.edited_channel_post is not None:
        raise ApplicationHandlerStop
    message = update.message or update.edited_message
    if message is not None and not for_me(message, context.bot):
        raise ApplicationHandlerStop
