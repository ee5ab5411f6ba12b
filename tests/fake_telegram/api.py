"""The Bot API methods the fake implements, over the chat state; each runs under the owner's lock."""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from typing import Any

from tests.fake_telegram.chats import ChatState, scope_key
from tests.fake_telegram.html import utf16_len
from tests.fake_telegram.params import (
    MAX_CALLBACK_ANSWER_LENGTH,
    ApiError,
    bad_request,
    caption_text,
    check_link_preview,
    get_bool,
    get_float,
    get_int,
    get_json,
    get_str,
    is_valid_button_url,
    message_text,
    validate_commands,
    validate_language_code,
    validate_reply_markup,
)
from tests.fake_telegram.records import JSONDict, StoredMessage
from tests.fake_telegram.webhook import Webhook, parse_set_webhook, webhook_info

Handler = Callable[[JSONDict], Any]

# getUpdates returns at most this many updates.
_MAX_UPDATES = 100
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
# What getUpdates delivers when allowed_updates is empty or never set.
_DEFAULT_ALLOWED_UPDATES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
# The fields a getChatMember answer has for each status besides "status" and "user" (an administrator with
# the rights a group's admin usually has).
_MEMBER_FIELDS: dict[str, JSONDict] = {
    "creator": {"is_anonymous": False},
    "administrator": {
        "can_be_edited": False,
        "is_anonymous": False,
        "can_manage_chat": True,
        "can_delete_messages": True,
        "can_manage_video_chats": True,
        "can_restrict_members": True,
        "can_promote_members": False,
        "can_change_info": True,
        "can_invite_users": True,
        "can_post_stories": False,
        "can_edit_stories": False,
        "can_delete_stories": False,
    },
    "member": {},
    "left": {},
    "kicked": {"until_date": 0},
}
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


class BotApi:
    """The methods, by lower-cased name in :attr:`methods`; ``cond`` wakes long polls."""

    def __init__(self, state: ChatState, cond: threading.Condition, *, strict_html: bool) -> None:
        self.state = state
        self.cond = cond
        self.strict_html = strict_html
        self.closed = False
        self._allowed_updates = _DEFAULT_ALLOWED_UPDATES
        self._poll_generation = 0
        self.webhook: Webhook | None = None
        handlers: dict[str, Handler] = {
            "getMe": self.get_me,
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "sendMessage": self.send_message,
            "sendPhoto": self.send_photo,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "sendChatAction": self.send_chat_action,
            "getChatMember": self.get_chat_member,
        }
        #: lower-cased method name -> (canonical name, handler)
        self.methods = {name.lower(): (name, handler) for name, handler in handlers.items()}

    # ------------------------------------------------------------------------------- bot, updates

    def get_me(self, params: JSONDict) -> JSONDict:
        return dict(self.state.bot_user)

    def set_webhook(self, params: JSONDict) -> bool:
        self.webhook = parse_set_webhook(params)
        if get_bool(params, "drop_pending_updates"):
            self.state.updates.clear()
        return True

    def delete_webhook(self, params: JSONDict) -> bool:
        self.webhook = None
        if get_bool(params, "drop_pending_updates"):
            self.state.updates.clear()
        return True

    def get_webhook_info(self, params: JSONDict) -> JSONDict:
        return webhook_info(self.webhook, len(self.state.updates))

    def get_updates(self, params: JSONDict) -> list[JSONDict]:
        """Long poll; a newer getUpdates supersedes this one with a 409, as on Telegram."""
        state = self.state
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
                "the webhook first",
            )
        offset = get_int(params, "offset")
        limit = min(max(get_int(params, "limit") or _MAX_UPDATES, 1), _MAX_UPDATES)
        timeout = max(get_float(params, "timeout") or 0.0, 0.0)
        allowed = get_json(params, "allowed_updates", "can't parse allowed_updates JSON object")
        if allowed is not None:
            if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
                raise bad_request("can't parse allowed_updates JSON object")
            self._allowed_updates = frozenset(allowed) if allowed else _DEFAULT_ALLOWED_UPDATES
        if offset is not None:
            if offset < 0:
                state.updates = state.updates[offset:]
            else:
                state.updates = [u for u in state.updates if u["update_id"] >= offset]
        self._poll_generation += 1
        generation = self._poll_generation
        self.cond.notify_all()
        deadline = time.monotonic() + timeout
        while True:
            state.updates = [u for u in state.updates if (set(u) - {"update_id"}) & self._allowed_updates]
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                    deliberate=True,
                )
            if state.updates or self.closed:
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self.cond.wait(remaining)
        return copy.deepcopy(state.updates[:limit])

    # ------------------------------------------------------------------------------------ commands

    def set_my_commands(self, params: JSONDict) -> bool:
        commands = validate_commands(params)
        scope = get_json(params, "scope", "can't parse BotCommandScope JSON object")
        if scope is not None and (not isinstance(scope, dict) or not isinstance(scope.get("type"), str)):
            raise bad_request("can't parse BotCommandScope JSON object")
        language_code = validate_language_code(params)
        self.state.commands[(scope_key(scope), language_code)] = commands
        return True

    def get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        scope = get_json(params, "scope", "can't parse BotCommandScope JSON object")
        language_code = get_str(params, "language_code") or ""
        return copy.deepcopy(self.state.commands.get((scope_key(scope), language_code), []))

    def delete_my_commands(self, params: JSONDict) -> bool:
        scope = get_json(params, "scope", "can't parse BotCommandScope JSON object")
        language_code = get_str(params, "language_code") or ""
        self.state.commands.pop((scope_key(scope), language_code), None)
        return True

    # ------------------------------------------------------------------------------------ messages

    def _reply_to(self, params: JSONDict, chat_id: int) -> None:
        """A reply must point at a message of the chat unless sending without it is allowed."""
        reply_to = get_int(params, "reply_to_message_id")
        allow_without_reply = bool(get_bool(params, "allow_sending_without_reply"))
        reply_parameters = get_json(params, "reply_parameters", "can't parse reply parameters JSON object")
        if reply_parameters is not None:
            if not isinstance(reply_parameters, dict) or not isinstance(
                reply_parameters.get("message_id"), int
            ):
                raise bad_request("can't parse reply parameters JSON object")
            reply_to = reply_parameters["message_id"]
            allow_without_reply = bool(reply_parameters.get("allow_sending_without_reply"))
        if (
            reply_to is not None
            and (chat_id, reply_to) not in self.state.messages
            and not allow_without_reply
        ):
            raise bad_request("message to be replied not found")

    def send_message(self, params: JSONDict) -> JSONDict:
        state = self.state
        chat_id = state.resolve_chat(params)
        reply_markup = validate_reply_markup(params, inline_only=False)
        check_link_preview(params)
        text = message_text(params, strict_html=self.strict_html)
        self._reply_to(params, chat_id)
        return self._store_sent("sendMessage", params, chat_id, text, reply_markup)

    def send_photo(self, params: JSONDict) -> JSONDict:
        """An uploaded PNG or JPEG (checked like Telegram checks a photo), or a file_id this fake issued, with an
        optional caption (at most 1,024 characters after entity parsing)."""
        state = self.state
        chat_id = state.resolve_chat(params)
        reply_markup = validate_reply_markup(params, inline_only=False)
        get_bool(params, "disable_notification")
        get_bool(params, "protect_content")
        text = caption_text(params, strict_html=self.strict_html)
        self._reply_to(params, chat_id)
        photo, data = state.photo(params.get("photo"))
        return self._store_sent(
            "sendPhoto", params, chat_id, text, reply_markup, photo=photo, photo_bytes=data
        )

    def _store_sent(
        self,
        method: str,
        params: JSONDict,
        chat_id: int,
        text: tuple[str, str, str | None, list[JSONDict]],
        reply_markup: Any,
        **extra: Any,
    ) -> JSONDict:
        """Keep a message the bot sent (its text as parsed: plain, raw, parse mode, entities) and answer it."""
        state = self.state
        plain, raw, parse_mode, entities = text
        stored = StoredMessage(
            chat_id=chat_id,
            message_id=next(state.message_ids),
            from_bot=True,
            text=plain,
            raw_text=raw,
            parse_mode=parse_mode,
            entities=entities,
            reply_markup=reply_markup,
            date=int(time.time()),
            **extra,
        )
        state.messages[(chat_id, stored.message_id)] = stored
        state.record_sent(stored, method, params)
        return state.message_json(stored)

    def edit_message_text(self, params: JSONDict) -> JSONDict:
        stored = self.state.stored_bot_message(params, action="edit")
        if stored.photo is not None:
            raise bad_request("there is no text in the message to edit")
        reply_markup = validate_reply_markup(params, inline_only=True)
        check_link_preview(params)
        plain, raw, parse_mode, entities = message_text(params, strict_html=self.strict_html)
        if plain == stored.text and entities == stored.entities and reply_markup == stored.reply_markup:
            raise bad_request(_NOT_MODIFIED)
        stored.text, stored.raw_text, stored.parse_mode, stored.entities = plain, raw, parse_mode, entities
        stored.reply_markup = reply_markup  # omitting reply_markup removes the inline keyboard
        stored.edit_date = int(time.time())
        self.state.record_sent(stored, "editMessageText", params)
        return self.state.message_json(stored)

    def edit_message_reply_markup(self, params: JSONDict) -> JSONDict:
        stored = self.state.stored_bot_message(params, action="edit")
        reply_markup = validate_reply_markup(params, inline_only=True)
        if reply_markup == stored.reply_markup:
            raise bad_request(_NOT_MODIFIED)
        stored.reply_markup = reply_markup
        stored.edit_date = int(time.time())
        self.state.record_sent(stored, "editMessageReplyMarkup", params)
        return self.state.message_json(stored)

    def delete_message(self, params: JSONDict) -> bool:
        stored = self.state.stored_bot_message(params, action="delete")
        del self.state.messages[(stored.chat_id, stored.message_id)]
        return True

    # ------------------------------------------------------------------------- callbacks, actions

    def answer_callback_query(self, params: JSONDict) -> bool:
        query_id = get_str(params, "callback_query_id")
        if not query_id:
            raise bad_request("query_id is empty")
        if query_id not in self.state.callback_queries:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        text = get_str(params, "text") or ""
        if utf16_len(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise bad_request("MESSAGE_TOO_LONG")
        get_bool(params, "show_alert")
        get_int(params, "cache_time")
        url = get_str(params, "url")
        if url and not is_valid_button_url(url):
            raise bad_request("URL_INVALID")
        del self.state.callback_queries[query_id]  # a query can be answered only once
        self.state.answered_callbacks.append(dict(params))
        return True

    def get_chat_member(self, params: JSONDict) -> JSONDict:
        chat_id = self.state.resolve_chat(params, check_blocked=False)
        user_id = get_int(params, "user_id")
        if user_id is None:
            raise bad_request("user_id is empty")
        status = self.state.members.get((chat_id, user_id), "member")
        user = {"id": user_id, "is_bot": False, "first_name": "Tester"}
        return {"status": status, "user": user, **_MEMBER_FIELDS[status]}

    def send_chat_action(self, params: JSONDict) -> bool:
        self.state.resolve_chat(params)
        action = get_str(params, "action")
        if not action:
            raise bad_request("action is empty")
        if action not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True
