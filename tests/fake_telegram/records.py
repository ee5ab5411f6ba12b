"""Records the fake keeps and hands to tests: requests, refusals, messages and chats."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

JSONDict = dict[str, Any]


class Call(NamedTuple):
    """One request received by the fake: the method name, its decoded parameters and when it arrived
    (``time.monotonic()``)."""

    method: str
    params: JSONDict
    at: float = 0.0


class Rejection(NamedTuple):
    """One 4xx answer: the method, its parameters and the error description that was returned."""

    method: str
    params: JSONDict
    description: str


@dataclass
class SentMessage:
    """A message sent (or an edit made) by the bot, as Telegram stored it.

    ``text`` is what the user sees (entities parsed, whitespace stripped), ``raw_text`` is the ``text``
    parameter exactly as the bot sent it, ``entities`` are the parsed entities (UTF-16 offsets).
    """

    chat_id: int
    message_id: int
    method: str
    text: str
    raw_text: str
    parse_mode: str | None
    entities: list[JSONDict]
    reply_markup: JSONDict | None
    date: int
    edit_date: int | None = None
    params: JSONDict = field(default_factory=dict)
    #: the uploaded image of a sendPhoto (``text``, ``raw_text`` and ``entities`` are then its caption's)
    photo: bytes | None = None

    @property
    def edited(self) -> bool:
        return self.edit_date is not None

    @property
    def callback_data(self) -> list[str]:
        """All ``callback_data`` values of the inline keyboard, row by row."""
        if not self.reply_markup:
            return []
        return [
            button["callback_data"]
            for row in self.reply_markup.get("inline_keyboard", [])
            for button in row
            if "callback_data" in button
        ]

    @property
    def button_texts(self) -> list[str]:
        """All button texts of the inline keyboard, row by row."""
        if not self.reply_markup:
            return []
        return [button["text"] for row in self.reply_markup.get("inline_keyboard", []) for button in row]


@dataclass
class StoredMessage:
    """A message as the fake server stores it (from the bot or from a user)."""

    chat_id: int
    message_id: int
    from_bot: bool
    text: str
    raw_text: str
    parse_mode: str | None
    entities: list[JSONDict]
    reply_markup: JSONDict | None
    date: int
    edit_date: int | None = None
    from_user: JSONDict | None = None
    reply_to: int | None = None  # the message (of the same chat) this one replies to
    photo: JSONDict | None = None  # a photo message: its PhotoSize (file_id, dimensions, size)
    photo_bytes: bytes | None = None


@dataclass
class Chat:
    """A chat the fake knows; ``first_name`` is the title of a group chat."""

    id: int
    first_name: str
    username: str | None
    type: str
