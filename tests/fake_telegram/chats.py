"""What the fake Telegram server remembers: chats, messages, queued updates, callback queries, commands.

Not thread-safe by itself: the owner holds one lock around every use.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import json
import re
import time
from typing import Any

from tests.fake_telegram.html import utf16_len
from tests.fake_telegram.params import ApiError, bad_request, get_int
from tests.fake_telegram.photos import photo_size
from tests.fake_telegram.records import Chat, JSONDict, SentMessage, StoredMessage

# A bot command in a user's text, as Telegram marks it with a bot_command entity.
_BOT_COMMAND_IN_TEXT_RE = re.compile(
    r"(?<![^\s])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])"
)
# A username mentioned in a user's text, as Telegram marks it with a mention entity.
_MENTION_IN_TEXT_RE = re.compile(r"(?<![A-Za-z0-9_/@])@[A-Za-z0-9_]{5,32}(?![A-Za-z0-9_])")
# Statuses in which the bot is in a chat (and can send there).
_MEMBER_STATUSES = frozenset({"creator", "administrator", "member", "restricted"})
# First ids handed out; any value works, these merely look like Telegram's.
_FIRST_UPDATE_ID = 100_000
_FIRST_CALLBACK_ID = 7_000_000_000_000_000


def user_json(user_id: int, first_name: str, username: str | None, language_code: str | None) -> JSONDict:
    user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def scope_key(scope: Any) -> str:
    """The key a command list is stored under; no scope means the default one."""
    if not scope:
        return json.dumps({"type": "default"})
    return json.dumps(scope, sort_keys=True)


class ChatState:
    """The server side of every chat of one bot."""

    def __init__(self, bot_user: JSONDict) -> None:
        self.bot_user = bot_user
        self.chats: dict[int, Chat] = {}
        self.blocked: set[int] = set()
        self.removed: set[int] = set()  # groups the bot was removed from
        self.messages: dict[tuple[int, int], StoredMessage] = {}
        self.sent: list[SentMessage] = []
        self.updates: list[JSONDict] = []
        self.callback_queries: dict[str, JSONDict] = {}
        self.answered_callbacks: list[JSONDict] = []
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.members: dict[tuple[int, int], str] = {}  # (chat, user) -> status; others are plain members
        #: file_id -> (PhotoSize, image) of every photo uploaded, for sending again by file_id
        self.files: dict[str, tuple[JSONDict, bytes]] = {}
        self.message_ids = itertools.count(1)
        self._update_ids = itertools.count(_FIRST_UPDATE_ID)
        self._callback_ids = itertools.count(_FIRST_CALLBACK_ID)

    # ------------------------------------------------------------------------------------ chats

    def ensure_chat(
        self,
        chat_id: int,
        *,
        first_name: str = "Tester",
        username: str | None = None,
        chat_type: str | None = None,
    ) -> Chat:
        chat = self.chats.get(chat_id)
        if chat is None:
            kind = chat_type or ("private" if chat_id > 0 else "group")
            chat = Chat(chat_id, first_name, username, kind)
            self.chats[chat_id] = chat
        return chat

    def chat_json(self, chat_id: int) -> JSONDict:
        chat = self.ensure_chat(chat_id)
        if chat.type == "private":
            data: JSONDict = {"id": chat.id, "type": "private", "first_name": chat.first_name}
            if chat.username:
                data["username"] = chat.username
            return data
        return {"id": chat.id, "type": chat.type, "title": chat.first_name}

    def resolve_chat(self, params: JSONDict, *, check_blocked: bool = True) -> int:
        """The known chat ``params["chat_id"]`` names; a blocked one answers 403."""
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        chat_id: int | None = None
        if isinstance(raw, str) and raw.startswith("@"):
            for chat in self.chats.values():
                if chat.username and chat.type != "private" and chat.username.lower() == raw[1:].lower():
                    chat_id = chat.id
        else:
            try:
                chat_id = get_int(params, "chat_id")
            except ApiError:
                chat_id = None
        if chat_id is None or chat_id not in self.chats:
            raise bad_request("chat not found")
        if check_blocked and chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user", deliberate=True)
        if check_blocked and chat_id in self.removed:
            raise ApiError(403, "Forbidden: bot was kicked from the group chat", deliberate=True)
        return chat_id

    # --------------------------------------------------------------------------------- messages

    def photo(self, value: Any) -> tuple[JSONDict, bytes]:
        """The PhotoSize and image of a sendPhoto's ``photo``: an upload (checked) or a known file_id."""
        if isinstance(value, bytes):
            width, height = photo_size(value)
            digest = hashlib.sha256(value).hexdigest()
            size: JSONDict = {
                "file_id": f"AgACAgFake{digest[:40]}",
                "file_unique_id": f"AQAD{digest[:12]}",
                "width": width,
                "height": height,
                "file_size": len(value),
            }
            self.files[size["file_id"]] = (size, value)
            return size, value
        if not value:
            raise bad_request("there is no photo in the request")
        if not isinstance(value, str) or value not in self.files:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return self.files[value]

    def message_json(self, stored: StoredMessage, *, with_reply: bool = True) -> JSONDict:
        data: JSONDict = {
            "message_id": stored.message_id,
            "from": dict(self.bot_user) if stored.from_bot else dict(stored.from_user or {}),
            "chat": self.chat_json(stored.chat_id),
            "date": stored.date,
        }
        if stored.photo is not None:
            data["photo"] = [dict(stored.photo)]
            if stored.text:
                data["caption"] = stored.text
            if stored.entities:
                data["caption_entities"] = copy.deepcopy(stored.entities)
        else:
            data["text"] = stored.text
            if stored.entities:
                data["entities"] = copy.deepcopy(stored.entities)
        if stored.edit_date is not None:
            data["edit_date"] = stored.edit_date
        if stored.reply_markup and "inline_keyboard" in stored.reply_markup:
            data["reply_markup"] = copy.deepcopy(stored.reply_markup)
        replied = self.messages.get((stored.chat_id, stored.reply_to or 0))
        if with_reply and replied is not None:  # one level deep, as Telegram sends it
            data["reply_to_message"] = self.message_json(replied, with_reply=False)
        return data

    def stored_bot_message(self, params: JSONDict, *, action: str) -> StoredMessage:
        """The message ``params`` point at, for ``action`` ("edit" or "delete")."""
        if params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        chat_id = self.resolve_chat(params)
        message_id = get_int(params, "message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        stored = self.messages.get((chat_id, message_id))
        if stored is None:
            raise bad_request(f"message to {action} not found")
        if not stored.from_bot and action == "edit":
            raise bad_request("message can't be edited")
        return stored

    def snapshot(self, stored: StoredMessage, method: str, params: JSONDict | None = None) -> SentMessage:
        """A copy of ``stored`` for tests, as the result of ``method``."""
        return SentMessage(
            chat_id=stored.chat_id,
            message_id=stored.message_id,
            method=method,
            text=stored.text,
            raw_text=stored.raw_text,
            parse_mode=stored.parse_mode,
            entities=copy.deepcopy(stored.entities),
            reply_markup=copy.deepcopy(stored.reply_markup),
            date=stored.date,
            edit_date=stored.edit_date,
            params=dict(params or {}),
            photo=stored.photo_bytes,
        )

    def record_sent(self, stored: StoredMessage, method: str, params: JSONDict) -> None:
        self.sent.append(self.snapshot(stored, method, params))

    # ------------------------------------------------------------------------------ from users

    def queue_update(self, update: JSONDict) -> int:
        """Queue a raw update; chats appearing in it become known. Returns its update_id."""
        for payload in update.values():
            if not isinstance(payload, dict):
                continue
            for holder in (payload, payload.get("message")):
                chat = holder.get("chat") if isinstance(holder, dict) else None
                if isinstance(chat, dict) and isinstance(chat.get("id"), int):
                    self.ensure_chat(
                        chat["id"],
                        first_name=str(chat.get("first_name") or chat.get("title") or "Tester"),
                        username=chat.get("username"),
                        chat_type=chat.get("type"),
                    )
        update_id = next(self._update_ids)
        self.updates.append({"update_id": update_id, **copy.deepcopy(update)})
        return update_id

    def user_message(
        self,
        chat_id: int,
        text: str,
        user: JSONDict,
        username: str | None,
        *,
        reply_to: int | None = None,
        entities: list[JSONDict] | None = None,
    ) -> int:
        """Queue ``text`` from ``user`` in ``chat_id`` (private unless made a group), commands and mentions
        marked, ``entities`` added; returns its message_id."""
        chat = self.ensure_chat(chat_id, first_name=user["first_name"], username=username)
        message_id = next(self.message_ids)
        stored = StoredMessage(
            chat_id=chat.id,
            message_id=message_id,
            from_bot=False,
            text=text,
            raw_text=text,
            parse_mode=None,
            entities=_marked_entities(text, entities or []),
            reply_markup=None,
            date=int(time.time()),
            from_user=user,
            reply_to=reply_to,
        )
        self.messages[(chat.id, message_id)] = stored
        self.queue_update({"message": self.message_json(stored)})
        return message_id

    def edit_user_message(self, chat_id: int, message_id: int, text: str) -> None:
        """The user edits their message: its text changes and an ``edited_message`` update is queued."""
        stored = self.messages.get((chat_id, message_id))
        if stored is None or stored.from_bot:
            raise ValueError(f"no user message {message_id} in chat {chat_id}")
        stored.text = stored.raw_text = text
        stored.entities = _marked_entities(text, [])
        stored.edit_date = int(time.time())
        self.queue_update({"edited_message": self.message_json(stored)})

    def bot_status(self, chat_id: int, status: str, by_user: JSONDict) -> None:
        """``by_user`` changes the bot's status in ``chat_id`` ("member", "administrator", "left",
        "kicked"): a ``my_chat_member`` update is queued, and sends fail while the bot is out. A chat the
        fake did not know had the bot out before."""
        was_out = chat_id not in self.chats or chat_id in self.removed or chat_id in self.blocked
        chat = self.ensure_chat(chat_id)
        (self.removed if chat.type != "private" else self.blocked).discard(chat_id)
        if status not in _MEMBER_STATUSES:
            (self.removed if chat.type != "private" else self.blocked).add(chat_id)
        old = "left" if was_out else "member"
        now = int(time.time())
        self.queue_update(
            {
                "my_chat_member": {
                    "chat": self.chat_json(chat_id),
                    "from": by_user,
                    "date": now,
                    "old_chat_member": {"status": old, "user": dict(self.bot_user)},
                    "new_chat_member": _member(status, self.bot_user),
                }
            }
        )

    def press_button(
        self, chat_id: int, message_id: int, data: str, user: JSONDict, *, check_button: bool
    ) -> str:
        """Queue a callback_query from ``user`` for a button of a bot message; returns the query id."""
        stored = self.messages.get((chat_id, message_id))
        if stored is None or not stored.from_bot:
            raise ValueError(f"no bot message {message_id} in chat {chat_id}")
        if check_button:
            available = [
                button.get("callback_data")
                for row in (stored.reply_markup or {}).get("inline_keyboard", [])
                for button in row
            ]
            if data not in available:
                raise ValueError(
                    f"message {message_id} in chat {chat_id} has no button with callback_data "
                    f"{data!r}; available: {available}"
                )
        query_id = str(next(self._callback_ids))
        query: JSONDict = {
            "id": query_id,
            "from": user,
            "message": self.message_json(stored),
            "chat_instance": str(abs(chat_id) * 7919 + 1),
            "data": data,
        }
        self.callback_queries[query_id] = query
        self.queue_update({"callback_query": query})
        return query_id


def _marked_entities(text: str, extra: list[JSONDict]) -> list[JSONDict]:
    """The bot_command and mention entities Telegram marks in a user's text, with ``extra`` ones, in order."""
    found = [
        {"type": kind, "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
        for kind, pattern in (("bot_command", _BOT_COMMAND_IN_TEXT_RE), ("mention", _MENTION_IN_TEXT_RE))
        for m in pattern.finditer(text)
    ]
    return sorted(found + copy.deepcopy(extra), key=lambda e: (e["offset"], e["length"]))


def _member(status: str, user: JSONDict) -> JSONDict:
    """A ChatMember of ``status`` with the fields Telegram requires for it."""
    member: JSONDict = {"status": status, "user": dict(user)}
    if status == "kicked":
        member["until_date"] = 0
    if status == "administrator":
        rights = ("can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members")
        rights += ("can_promote_members", "can_change_info", "can_invite_users", "can_post_stories")
        rights += ("can_edit_stories", "can_delete_stories")
        member.update({"can_be_edited": False, "is_anonymous": False, **dict.fromkeys(rights, False)})
    return member
