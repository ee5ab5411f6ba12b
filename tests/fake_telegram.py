"""A strict, in-process fake of the Telegram Bot API for tests.

``FakeTelegram`` runs a real HTTP server (``http.server.ThreadingHTTPServer``) on 127.0.0.1 in a
background thread, so it can be used by the real python-telegram-bot ``Application``/``Bot`` of the
test process (whatever asyncio loop that runs in) and by subprocesses alike::

    with FakeTelegram() as tg:
        app = ApplicationBuilder().token(tg.token).base_url(tg.base_url).build()
        # or, for a subprocess: env["TELEGRAM_API_BASE_URL"] = tg.base_url
        tg.send_user_message(42, "/start")
        tg.wait_for_messages(chat_id=42)

PTB requests ``{base_url}{token}/{method}`` and encodes parameters as
``application/x-www-form-urlencoded`` (or ``multipart/form-data`` when uploading files) where string
values are sent as-is and every other value (ints, bools, reply_markup, ...) is JSON-encoded. Plain
``application/json`` bodies and GET query strings are accepted too, as Telegram does.

The fake answers like Telegram, including its error JSON
``{"ok": false, "error_code": N, "description": "..."}``, and it rejects what Telegram rejects: bad
tokens, unknown methods, malformed HTML, empty or overlong texts, invalid inline keyboards, unknown
chats, ... Every 4xx answer is recorded in :attr:`FakeTelegram.rejected` (except the deliberate
"blocked" 403s, flood-control 429s and superseded long polls, which go to
:attr:`FakeTelegram.refused`), so a test can assert that the bot never sent anything Telegram would
have refused.

Deliberate deviations (all in the strict direction): with ``strict_html=True`` (the default) a bare
``&`` or a raw ``>`` in HTML text is rejected (Telegram documents that they must be escaped, although
its parser tolerates them), ``<a>`` needs a non-empty ``href``, empty end tags ``</>`` are rejected,
an inline button must use exactly one action field, and the Markdown parse modes are refused with a
400 explaining that the fake does not implement them.
"""

from __future__ import annotations

import contextlib
import copy
import email.parser
import email.policy
import itertools
import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, NamedTuple, TypeVar
from urllib.parse import parse_qsl, urlsplit

__all__ = [
    "TOKEN",
    "Call",
    "FakeTelegram",
    "HtmlParseError",
    "Rejection",
    "SentMessage",
    "parse_html",
    "utf16_len",
]

#: A well-formed default bot token (``<bot id>:<35 characters>``).
TOKEN = "123456789:AAFakeTelegramTokenForTests-0123456"

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_COMMANDS = 100
MAX_INLINE_BUTTONS = 100

T = TypeVar("T")
JSONDict = dict[str, Any]

_TOKEN_RE = re.compile(r"[0-9]+:[A-Za-z0-9_-]+")
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_BOT_COMMAND_IN_TEXT_RE = re.compile(
    r"(?<![^\s])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])"
)
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
_INLINE_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
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


# --------------------------------------------------------------------------------------------------
# Records handed to tests
# --------------------------------------------------------------------------------------------------


class Call(NamedTuple):
    """One request received by the fake: the method name and its decoded parameters."""

    method: str
    params: JSONDict


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
class _StoredMessage:
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


@dataclass
class _Chat:
    id: int
    first_name: str
    username: str | None
    type: str


class _ApiError(Exception):
    def __init__(
        self,
        code: int,
        description: str,
        *,
        deliberate: bool = False,
        parameters: JSONDict | None = None,
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.deliberate = deliberate
        self.parameters = parameters


def _bad_request(description: str) -> _ApiError:
    return _ApiError(400, f"Bad Request: {description}")


# --------------------------------------------------------------------------------------------------
# Telegram's HTML parser
# --------------------------------------------------------------------------------------------------


class HtmlParseError(ValueError):
    """Raised by :func:`parse_html`; the message is what follows "can't parse entities: "."""


_HTML_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_TAG_ENTITY_TYPE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_HTML_SPACE = " \t\r\n\f\v"
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit Telegram counts in."""
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


@dataclass
class _OpenTag:
    name: str
    argument: str
    language: str
    expandable: bool
    utf16_offset: int


def _decode_html_entity(text: str, i: int) -> tuple[str, int] | None:
    """Decode the entity starting with the ``&`` at ``text[i]``; return (character, next index)."""
    n = len(text)
    j = i + 1
    if j < n and text[j] == "#":
        j += 1
        base = 10
        if j < n and text[j] in "xX":
            base = 16
            j += 1
        digits = "0123456789abcdefABCDEF" if base == 16 else "0123456789"
        start = j
        while j < n and text[j] in digits and j - start < 8:
            j += 1
        if j == start or j >= n or text[j] != ";":
            return None
        code = int(text[start:j], base)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        return chr(code), j + 1
    start = j
    while j < n and text[j].isascii() and text[j].isalpha():
        j += 1
    if j >= n or text[j] != ";" or text[start:j] not in _NAMED_ENTITIES:
        return None
    return _NAMED_ENTITIES[text[start:j]], j + 1


def _valid_link_url(url: str) -> str | None:
    """Mimic Telegram: a text_link keeps only URLs it considers valid (others are silently dropped)."""
    parts = urlsplit(url if "://" in url or url.startswith(("tg:", "mailto:")) else f"http://{url}")
    scheme = parts.scheme.lower()
    if scheme in {"http", "https", "ftp", "ton"}:
        host = parts.hostname or ""
        if "." not in host and host != "localhost" and not host.replace(".", "").isdigit():
            return None
        return url if "://" in url else f"http://{url}"
    if scheme in {"tg", "mailto"}:
        return url
    return None


def parse_html(text: str, *, strict: bool = True) -> tuple[str, list[JSONDict]]:
    """Parse Telegram-flavoured HTML like the Bot API does (tdlib's ``parse_html``).

    Returns the plain text (not yet stripped) and its entities (UTF-16 offsets, sorted). Raises
    :class:`HtmlParseError` with Telegram's description on malformed input. With ``strict`` a bare
    ``&`` or a raw ``>`` is an error as well (Telegram requires them to be escaped).
    """

    def byte_offset(index: int) -> int:
        return len(text[:index].encode("utf-8", "surrogatepass"))

    n = len(text)
    result: list[str] = []
    utf16 = 0
    stack: list[_OpenTag] = []
    entities: list[JSONDict] = []
    i = 0
    while i < n:
        ch = text[i]
        if ch == "&":
            decoded = _decode_html_entity(text, i)
            if decoded is not None:
                char, i = decoded
                result.append(char)
                utf16 += utf16_len(char)
                continue
            if strict:
                raise HtmlParseError(
                    f'Character "&" at byte offset {byte_offset(i)} must be escaped as "&amp;" '
                    "(it does not start a supported HTML entity)"
                )
        if ch == ">" and strict:
            raise HtmlParseError(f'Character ">" at byte offset {byte_offset(i)} must be escaped as "&gt;"')
        if ch != "<":
            result.append(ch)
            utf16 += 2 if ord(ch) > 0xFFFF else 1
            i += 1
            continue

        begin = i
        i += 1
        if i < n and text[i] == "/":
            # End tag.
            if not stack:
                raise HtmlParseError(f"Unexpected end tag at byte offset {byte_offset(begin)}")
            j = i + 1
            while j < n and text[j] not in _HTML_SPACE and text[j] != ">":
                j += 1
            end_name = text[i + 1 : j].lower()
            while j < n and text[j] in _HTML_SPACE:
                j += 1
            if j >= n or text[j] != ">":
                raise HtmlParseError(f"Unclosed end tag at byte offset {byte_offset(begin)}")
            tag = stack.pop()
            if end_name != tag.name and (end_name or strict):
                raise HtmlParseError(
                    f"Unmatched end tag at byte offset {byte_offset(begin)}, "
                    f'expected "</{tag.name}>", found "</{end_name}>"'
                )
            i = j + 1
            length = utf16 - tag.utf16_offset
            if length <= 0:
                continue
            entity: JSONDict = {
                "type": _TAG_ENTITY_TYPE[tag.name],
                "offset": tag.utf16_offset,
                "length": length,
            }
            if tag.name == "a":
                url = _valid_link_url(tag.argument)
                if url is None:
                    continue
                entity["url"] = url
            elif tag.name == "code" and tag.language:
                entity["language"] = tag.language
            elif tag.name == "blockquote" and tag.expandable:
                entity["type"] = "expandable_blockquote"
            elif tag.name == "tg-emoji":
                entity["custom_emoji_id"] = tag.argument
            entities.append(entity)
            continue

        # Start tag.
        j = i
        while j < n and text[j] not in _HTML_SPACE and text[j] != ">":
            j += 1
        if j >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
        name = text[i:j].lower()
        if name not in _HTML_TAGS:
            raise HtmlParseError(f'Unsupported start tag "{name}" at byte offset {byte_offset(begin)}')
        argument = ""
        language = ""
        expandable = False
        has_href = False
        while True:
            while j < n and text[j] in _HTML_SPACE:
                j += 1
            if j >= n:
                raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if text[j] == ">":
                j += 1
                break
            attribute_begin = j
            while j < n and text[j] not in _HTML_SPACE and text[j] not in "=>":
                j += 1
            attribute = text[attribute_begin:j].lower()
            if not attribute:
                raise HtmlParseError(
                    f'Empty attribute name in the tag "{name}" at byte offset {byte_offset(begin)}'
                )
            while j < n and text[j] in _HTML_SPACE:
                j += 1
            if j >= n:
                raise HtmlParseError(f'Unclosed start tag "{name}" at byte offset {byte_offset(begin)}')
            if text[j] != "=":
                if name == "blockquote" and attribute == "expandable":
                    expandable = True
                    continue
                raise HtmlParseError(
                    f'Expected equal sign in declaration of an attribute of the tag "{name}" '
                    f"at byte offset {byte_offset(begin)}"
                )
            j += 1
            while j < n and text[j] in _HTML_SPACE:
                j += 1
            if j >= n:
                raise HtmlParseError(f'Unclosed start tag "{name}" at byte offset {byte_offset(begin)}')
            if text[j] not in "'\"":
                # A name token: letters, digits, periods and hyphens; case-insensitive.
                token_begin = j
                while j < n and ((text[j].isascii() and text[j].isalnum()) or text[j] in ".-"):
                    j += 1
                value = text[token_begin:j].lower()
                if j >= n or (text[j] not in _HTML_SPACE and text[j] != ">"):
                    raise HtmlParseError(
                        f"Unexpected end of name token at byte offset {byte_offset(token_begin)}"
                    )
            else:
                quote = text[j]
                j += 1
                buffer: list[str] = []
                while j < n and text[j] != quote:
                    if text[j] == "&":
                        decoded = _decode_html_entity(text, j)
                        if decoded is not None:
                            buffer.append(decoded[0])
                            j = decoded[1]
                            continue
                        if strict:
                            raise HtmlParseError(
                                f'Character "&" at byte offset {byte_offset(j)} must be escaped as "&amp;" '
                                "(it does not start a supported HTML entity)"
                            )
                    if strict and text[j] in "<>":
                        escaped = "&lt;" if text[j] == "<" else "&gt;"
                        raise HtmlParseError(
                            f'Character "{text[j]}" at byte offset {byte_offset(j)} must be escaped as '
                            f'"{escaped}"'
                        )
                    buffer.append(text[j])
                    j += 1
                if j >= n:
                    raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
                j += 1
                value = "".join(buffer)
            if name == "a" and attribute == "href":
                argument = value
                has_href = True
            elif name == "code" and attribute == "class" and value.startswith("language-"):
                language = value[len("language-") :]
            elif name == "span" and attribute == "class" and value.startswith("tg-"):
                argument = value[len("tg-") :]
            elif name == "tg-emoji" and attribute == "emoji-id":
                argument = value
            elif name == "blockquote" and attribute == "expandable":
                expandable = True
        if name == "span" and argument != "spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}'
            )
        if name == "a" and strict and not (has_href and argument):
            raise HtmlParseError(
                f'Tag "a" must have a non-empty "href" attribute at byte offset {byte_offset(begin)}'
            )
        if name == "tg-emoji" and not argument.isdigit():
            raise HtmlParseError(
                f'Tag "tg-emoji" must have a numeric "emoji-id" at byte offset {byte_offset(begin)}'
            )
        stack.append(_OpenTag(name, argument, language, expandable, utf16))
        i = j

    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')

    # <pre><code class="language-x">...</code></pre> becomes a single pre entity with a language.
    pres = {(e["offset"], e["length"]): e for e in entities if e["type"] == "pre"}
    merged: list[JSONDict] = []
    for entity in entities:
        if entity["type"] == "code" and "language" in entity:
            pre = pres.get((entity["offset"], entity["length"]))
            if pre is not None:
                pre["language"] = entity["language"]
                continue
            del entity["language"]
        merged.append(entity)
    merged.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(result), merged


def _strip_formatted(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Strip leading/trailing whitespace as Telegram does, keeping entity offsets consistent."""
    stripped = text.strip()
    if not stripped:
        return "", []
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    fixed: list[JSONDict] = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, total)
        if end > start:
            fixed.append({**entity, "offset": start, "length": end - start})
    return stripped, fixed


# --------------------------------------------------------------------------------------------------
# Parameter decoding
# --------------------------------------------------------------------------------------------------


def _decode_body(content_type: str, body: bytes, query: str) -> JSONDict:
    params: JSONDict = {}
    try:
        for key, value in parse_qsl(query, keep_blank_values=True, errors="strict"):
            params.setdefault(key, value)
        mime = content_type.split(";", 1)[0].strip().lower()
        if not body:
            return params
        if mime == "application/json":
            decoded = json.loads(body.decode("utf-8"))
            if not isinstance(decoded, dict):
                raise _bad_request("can't parse JSON object")
            params.update(decoded)
        elif mime == "application/x-www-form-urlencoded":
            for key, value in parse_qsl(body.decode("ascii"), keep_blank_values=True, errors="strict"):
                params.setdefault(key, value)
        elif mime == "multipart/form-data":
            head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
            if not message.is_multipart():
                raise _bad_request("can't parse multipart/form-data body")
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                if not isinstance(name, str):
                    continue
                payload = part.get_payload(decode=True)
                raw = payload if isinstance(payload, bytes) else b""
                if part.get_filename() is not None:
                    params.setdefault(name, raw)
                else:
                    params.setdefault(name, raw.decode("utf-8"))
        else:
            raise _bad_request(f"unsupported Content-Type {mime!r}")
    except UnicodeDecodeError as exc:
        raise _bad_request("strings must be encoded in UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise _bad_request("can't parse JSON object") from exc
    return params


def _get_str(params: JSONDict, name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    raise _bad_request(f'field "{name}" must be of type String')


def _get_int(params: JSONDict, name: str) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _bad_request(f'field "{name}" must be of type Integer')
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value.strip()):
        return int(value)
    raise _bad_request(f'field "{name}" must be of type Integer')


def _get_float(params: JSONDict, name: str) -> float | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
    raise _bad_request(f'field "{name}" must be a Number')


def _get_bool(params: JSONDict, name: str) -> bool | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "false", "1", "0"}:
        return value.lower() in {"true", "1"}
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise _bad_request(f'field "{name}" must be of type Boolean')


def _get_json(params: JSONDict, name: str, error: str) -> Any:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise _bad_request(error) from exc
    return value


def _is_valid_button_url(url: str) -> bool:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in {"http", "https"}:
        return bool(parts.hostname)
    return scheme == "tg" and bool(parts.netloc or parts.path)


def _validate_inline_keyboard(keyboard: Any) -> None:
    if not isinstance(keyboard, list) or not all(isinstance(row, list) for row in keyboard):
        raise _bad_request('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays')
    if sum(len(row) for row in keyboard) > MAX_INLINE_BUTTONS:
        raise _bad_request("REPLY_MARKUP_TOO_LONG")
    for row in keyboard:
        for button in row:
            if not isinstance(button, dict):
                raise _bad_request(
                    "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
                )
            text = button.get("text")
            if not isinstance(text, str):
                raise _bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
            if not text.strip():
                raise _bad_request("BUTTON_TEXT_INVALID")
            actions = [key for key in _INLINE_BUTTON_ACTIONS if key in button]
            if not actions:
                raise _bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
            if len(actions) > 1:
                raise _bad_request(
                    "can't parse inline keyboard button: exactly one of the optional fields must be used, "
                    f"got {', '.join(actions)}"
                )
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
                    raise _bad_request("BUTTON_DATA_INVALID")
            if "url" in button:
                url = button["url"]
                if not isinstance(url, str) or not _is_valid_button_url(url):
                    raise _bad_request("BUTTON_URL_INVALID")


def _validate_reply_markup(params: JSONDict, *, inline_only: bool) -> JSONDict | None:
    error = "can't parse reply keyboard markup JSON object"
    markup = _get_json(params, "reply_markup", error)
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _bad_request(error)
    if "inline_keyboard" in markup:
        _validate_inline_keyboard(markup["inline_keyboard"])
        return markup
    if inline_only:
        raise _bad_request("inline keyboard expected")
    if "keyboard" in markup:
        keyboard = markup["keyboard"]
        if not isinstance(keyboard, list) or not all(isinstance(row, list) for row in keyboard):
            raise _bad_request('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays')
        for row in keyboard:
            for button in row:
                text = (
                    button
                    if isinstance(button, str)
                    else button.get("text")
                    if isinstance(button, dict)
                    else None
                )
                if not isinstance(text, str) or not text.strip():
                    raise _bad_request("keyboard button text is empty")
        return markup
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise _bad_request(error)


# --------------------------------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, fake: FakeTelegram, address: tuple[str, int]) -> None:
        super().__init__(address, _Handler)
        self.fake = fake
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _handle(self) -> None:
        body = self._read_body()
        url = urlsplit(self.path)
        status, payload = self.server.fake._dispatch(
            url.path, url.query, self.headers.get("Content-Type", ""), body
        )
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the client went away (e.g. a cancelled long poll)
            self.close_connection = True


# --------------------------------------------------------------------------------------------------
# The fake
# --------------------------------------------------------------------------------------------------


class FakeTelegram:
    """A strict fake Telegram Bot API server; see the module docstring."""

    def __init__(
        self,
        token: str = TOKEN,
        *,
        bot_username: str = "TalentTestBot",
        bot_first_name: str = "TalentBot",
        strict_html: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.token = token
        self.strict_html = strict_html
        prefix = token.split(":", 1)[0]
        self.bot_id = int(prefix) if prefix.isdigit() else 123456789
        self.bot_user: JSONDict = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self._host = host
        self._requested_port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._closed = False

        self._cond = threading.Condition(threading.RLock())
        self._requests: list[Call] = []
        self._rejected: list[Rejection] = []
        self._refused: list[Rejection] = []
        self._sent: list[SentMessage] = []
        self._messages: dict[tuple[int, int], _StoredMessage] = {}
        self._chats: dict[int, _Chat] = {}
        self._blocked: set[int] = set()
        self._floods: dict[str, list[int]] = {}
        self._updates: list[JSONDict] = []
        self._update_ids = itertools.count(100_000)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(7_000_000_000_000_000)
        self._callback_queries: dict[str, JSONDict] = {}
        self._answered_callbacks: list[JSONDict] = []
        self._allowed_updates: frozenset[str] = _DEFAULT_ALLOWED_UPDATES
        self._poll_generation = 0
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}

        self._methods: dict[str, tuple[str, Callable[[JSONDict], Any]]] = {
            name.lower(): (name, handler)
            for name, handler in {
                "getMe": self._api_get_me,
                "getUpdates": self._api_get_updates,
                "deleteWebhook": self._api_delete_webhook,
                "getWebhookInfo": self._api_get_webhook_info,
                "setMyCommands": self._api_set_my_commands,
                "getMyCommands": self._api_get_my_commands,
                "deleteMyCommands": self._api_delete_my_commands,
                "sendMessage": self._api_send_message,
                "editMessageText": self._api_edit_message_text,
                "editMessageReplyMarkup": self._api_edit_message_reply_markup,
                "deleteMessage": self._api_delete_message,
                "answerCallbackQuery": self._api_answer_callback_query,
                "sendChatAction": self._api_send_chat_action,
            }.items()
        }

    # ----------------------------------------------------------------------------------------- life

    def start(self) -> FakeTelegram:
        if self._server is not None:
            return self
        self._closed = False
        self._server = _Server(self, (self._host, self._requested_port))
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeTelegram",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        server.shutdown()
        server.server_close()
        with server.connections_lock:
            connections = list(server.connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        if thread is not None:
            thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeTelegram is not running; use it as a context manager or call start()")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/bot``; PTB appends ``{token}/{method}``."""
        return f"http://{self._host}:{self.port}/bot"

    @property
    def api_url(self) -> str:
        """``{base_url}{token}``, the prefix of every method URL."""
        return f"{self.base_url}{self.token}"

    # -------------------------------------------------------------------------------- test controls

    def add_chat(
        self,
        chat_id: int,
        *,
        first_name: str = "Tester",
        username: str | None = None,
        chat_type: str | None = None,
    ) -> None:
        """Make ``chat_id`` known (as if its user had started the bot)."""
        with self._cond:
            self._ensure_chat(chat_id, first_name=first_name, username=username, chat_type=chat_type)

    def block(self, chat_id: int) -> None:
        """The user blocks the bot: sends to ``chat_id`` get 403 "Forbidden: bot was blocked by the user"."""
        with self._cond:
            self._ensure_chat(chat_id)
            self._blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        with self._cond:
            self._blocked.discard(chat_id)

    def flood(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """The next ``times`` calls to ``method`` answer 429 with ``parameters.retry_after``."""
        with self._cond:
            self._floods.setdefault(method.lower(), []).extend([retry_after] * times)

    def queue_update(self, update: JSONDict) -> int:
        """Queue a raw update (an ``update_id`` is assigned); returns the update_id.

        Chats appearing in the update (``<kind>.chat`` or ``<kind>.message.chat``) become known.
        """
        with self._cond:
            for payload in update.values():
                if not isinstance(payload, dict):
                    continue
                for holder in (payload, payload.get("message")):
                    chat = holder.get("chat") if isinstance(holder, dict) else None
                    if isinstance(chat, dict) and isinstance(chat.get("id"), int):
                        self._ensure_chat(
                            chat["id"],
                            first_name=str(chat.get("first_name") or chat.get("title") or "Tester"),
                            username=chat.get("username"),
                            chat_type=chat.get("type"),
                        )
            update_id = next(self._update_ids)
            self._updates.append({"update_id": update_id, **copy.deepcopy(update)})
            self._cond.notify_all()
            return update_id

    def send_user_message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        first_name: str = "Tester",
        username: str | None = None,
        language_code: str | None = "en",
    ) -> int:
        """Queue a text message from a user in a private chat; returns its message_id.

        Bot commands (``/cmd`` or ``/cmd@botname``) get ``bot_command`` entities as Telegram sends
        them (one at offset 0 when the text starts with a command).
        """
        with self._cond:
            user = self._user_json(
                user_id if user_id is not None else chat_id, first_name, username, language_code
            )
            chat = self._ensure_chat(chat_id, first_name=first_name, username=username)
            message_id = next(self._message_ids)
            entities = [
                {
                    "type": "bot_command",
                    "offset": utf16_len(text[: m.start()]),
                    "length": utf16_len(m.group()),
                }
                for m in _BOT_COMMAND_IN_TEXT_RE.finditer(text)
            ]
            stored = _StoredMessage(
                chat_id=chat.id,
                message_id=message_id,
                from_bot=False,
                text=text,
                raw_text=text,
                parse_mode=None,
                entities=entities,
                reply_markup=None,
                date=int(time.time()),
                from_user=user,
            )
            self._messages[(chat.id, message_id)] = stored
            self.queue_update({"message": self._message_json(stored)})
            return message_id

    def press_button(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int | None = None,
        first_name: str = "Tester",
        username: str | None = None,
        check_button: bool = True,
    ) -> str:
        """Queue a callback_query for an inline button of a bot message; returns the query id.

        Like a real client, it refuses (``ValueError``) to press a button that the message does not
        have, unless ``check_button`` is false.
        """
        with self._cond:
            stored = self._messages.get((chat_id, message_id))
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
                "from": self._user_json(
                    user_id if user_id is not None else chat_id, first_name, username, "en"
                ),
                "message": self._message_json(stored),
                "chat_instance": str(abs(chat_id) * 7919 + 1),
                "data": data,
            }
            self._callback_queries[query_id] = query
            self.queue_update({"callback_query": query})
            return query_id

    # ----------------------------------------------------------------------------------- inspection

    @property
    def requests(self) -> list[Call]:
        """Every request received, in order, as ``(method, params)``."""
        with self._cond:
            return list(self._requests)

    @property
    def rejected(self) -> list[Rejection]:
        """Every 4xx answer except deliberate ones (blocked 403, flood 429, superseded getUpdates 409)."""
        with self._cond:
            return list(self._rejected)

    @property
    def refused(self) -> list[Rejection]:
        """The deliberate refusals: blocked-chat 403s, flood 429s and superseded long polls (409)."""
        with self._cond:
            return list(self._refused)

    @property
    def pending_updates(self) -> int:
        """Number of queued updates the bot has not acknowledged yet (via getUpdates' offset)."""
        with self._cond:
            return len(self._updates)

    @property
    def callback_answers(self) -> list[JSONDict]:
        """Parameters of every successful answerCallbackQuery."""
        with self._cond:
            return [dict(answer) for answer in self._answered_callbacks]

    def calls(self, method: str) -> list[JSONDict]:
        """Parameters of every request to ``method`` (case-insensitive), accepted or not."""
        with self._cond:
            return [dict(call.params) for call in self._requests if call.method.lower() == method.lower()]

    def sent_messages(self, chat_id: int | None = None) -> list[SentMessage]:
        """Successful sendMessage/editMessageText(/ReplyMarkup) calls, in order, optionally for one chat."""
        with self._cond:
            return [copy.deepcopy(m) for m in self._sent if chat_id is None or m.chat_id == chat_id]

    def message(self, chat_id: int, message_id: int) -> SentMessage | None:
        """Current state of a bot message (after edits), or None if unknown/deleted."""
        with self._cond:
            stored = self._messages.get((chat_id, message_id))
            if stored is None or not stored.from_bot:
                return None
            return SentMessage(
                chat_id=stored.chat_id,
                message_id=stored.message_id,
                method="sendMessage" if stored.edit_date is None else "editMessageText",
                text=stored.text,
                raw_text=stored.raw_text,
                parse_mode=stored.parse_mode,
                entities=copy.deepcopy(stored.entities),
                reply_markup=copy.deepcopy(stored.reply_markup),
                date=stored.date,
                edit_date=stored.edit_date,
            )

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """The command list set with setMyCommands for ``scope`` (default scope if None)."""
        with self._cond:
            return copy.deepcopy(self._commands.get((self._scope_key(scope), language_code), []))

    def assert_no_rejections(self) -> None:
        """Fail if the fake answered any (non-deliberate) 4xx."""
        rejected = self.rejected
        if rejected:
            lines = "\n".join(f"  {r.method}: {r.description} -- params={r.params!r}" for r in rejected)
            raise AssertionError(f"Telegram rejected {len(rejected)} request(s):\n{lines}")

    # -------------------------------------------------------------------------------------- waiting

    def wait_for(
        self,
        predicate: Callable[[], T],
        timeout: float = 10.0,
        *,
        interval: float = 0.05,
        message: str | None = None,
    ) -> T:
        """Block until ``predicate()`` returns something truthy and return it.

        Re-evaluated whenever the fake receives a request or an update is queued, and at least every
        ``interval`` seconds. Raises ``TimeoutError`` (with a summary of recent traffic) on timeout.
        Blocking: from async code use ``await asyncio.to_thread(tg.wait_for, ...)`` or
        :meth:`wait_for_async`.
        """
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(self._timeout_message(message, timeout))
            with self._cond:
                self._cond.wait(min(interval, remaining))

    async def wait_for_async(
        self,
        predicate: Callable[[], T],
        timeout: float = 10.0,
        *,
        interval: float = 0.02,
        message: str | None = None,
    ) -> T:
        """Like :meth:`wait_for` but yields to the event loop while polling."""
        import asyncio

        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                raise TimeoutError(self._timeout_message(message, timeout))
            await asyncio.sleep(interval)

    def wait_for_messages(
        self, chat_id: int | None = None, count: int = 1, timeout: float = 10.0
    ) -> list[SentMessage]:
        """Wait until at least ``count`` messages were sent/edited (in ``chat_id``); return them all."""

        def ready() -> list[SentMessage]:
            sent = self.sent_messages(chat_id)
            return sent if len(sent) >= count else []

        where = "" if chat_id is None else f" in chat {chat_id}"
        return self.wait_for(ready, timeout, message=f"{count} sent message(s){where}")

    def wait_for_calls(self, method: str, count: int = 1, timeout: float = 10.0) -> list[JSONDict]:
        """Wait until ``method`` was called at least ``count`` times; return the parameters of all calls."""

        def ready() -> list[JSONDict]:
            found = self.calls(method)
            return found if len(found) >= count else []

        return self.wait_for(ready, timeout, message=f"{count} call(s) to {method}")

    def wait_until_acknowledged(self, timeout: float = 10.0) -> None:
        """Wait until the bot acknowledged (via getUpdates offset) every queued update."""
        self.wait_for(lambda: self.pending_updates == 0, timeout, message="all updates acknowledged")

    def _timeout_message(self, message: str | None, timeout: float) -> str:
        with self._cond:
            recent = [f"{c.method}({_short(c.params)})" for c in self._requests[-8:]]
            rejected = [f"{r.method}: {r.description}" for r in self._rejected[-5:]]
        what = message or "condition"
        return (
            f"FakeTelegram: timed out after {timeout}s waiting for {what}; "
            f"recent requests: {recent}; rejected: {rejected}"
        )

    # ------------------------------------------------------------------------------------- dispatch

    def _dispatch(self, path: str, query: str, content_type: str, body: bytes) -> tuple[int, JSONDict]:
        match = re.fullmatch(r"/bot([^/]*)/([^/]+)", path)
        method = match.group(2) if match else path
        params: JSONDict = {}
        try:
            try:
                params = _decode_body(content_type, body, query)
            finally:
                if match is not None:
                    entry = self._methods.get(method.lower())
                    if entry is not None:
                        method = entry[0]
                with self._cond:
                    self._requests.append(Call(method, dict(params)))
                    self._cond.notify_all()
            if match is None:
                raise _ApiError(404, "Not Found")
            token = match.group(1)
            if token != self.token:
                if _TOKEN_RE.fullmatch(token):
                    raise _ApiError(401, "Unauthorized")
                raise _ApiError(404, "Not Found")
            entry = self._methods.get(method.lower())
            if entry is None:
                raise _ApiError(404, "Not Found")
            with self._cond:
                floods = self._floods.get(method.lower())
                if floods:
                    retry_after = floods.pop(0)
                    raise _ApiError(
                        429,
                        f"Too Many Requests: retry after {retry_after}",
                        deliberate=True,
                        parameters={"retry_after": retry_after},
                    )
                result = entry[1](params)
                self._cond.notify_all()
            return 200, {"ok": True, "result": result}
        except _ApiError as err:
            with self._cond:
                record = Rejection(method, dict(params), err.description)
                if err.deliberate:
                    self._refused.append(record)
                elif 400 <= err.code < 500:
                    self._rejected.append(record)
                self._cond.notify_all()
            payload: JSONDict = {"ok": False, "error_code": err.code, "description": err.description}
            if err.parameters:
                payload["parameters"] = err.parameters
            return err.code, payload
        except Exception as exc:  # a bug in the fake: report it loudly as a 500
            return 500, {"ok": False, "error_code": 500, "description": f"Internal Server Error: {exc!r}"}

    # -------------------------------------------------------------------------------------- helpers

    def _user_json(
        self, user_id: int, first_name: str, username: str | None, language_code: str | None
    ) -> JSONDict:
        user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        return user

    def _ensure_chat(
        self,
        chat_id: int,
        *,
        first_name: str = "Tester",
        username: str | None = None,
        chat_type: str | None = None,
    ) -> _Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            kind = chat_type or ("private" if chat_id > 0 else "group")
            chat = _Chat(chat_id, first_name, username, kind)
            self._chats[chat_id] = chat
        return chat

    def _chat_json(self, chat_id: int) -> JSONDict:
        chat = self._ensure_chat(chat_id)
        if chat.type == "private":
            data: JSONDict = {"id": chat.id, "type": "private", "first_name": chat.first_name}
            if chat.username:
                data["username"] = chat.username
            return data
        return {"id": chat.id, "type": chat.type, "title": chat.first_name}

    def _message_json(self, stored: _StoredMessage) -> JSONDict:
        data: JSONDict = {
            "message_id": stored.message_id,
            "from": dict(self.bot_user) if stored.from_bot else dict(stored.from_user or {}),
            "chat": self._chat_json(stored.chat_id),
            "date": stored.date,
            "text": stored.text,
        }
        if stored.edit_date is not None:
            data["edit_date"] = stored.edit_date
        if stored.entities:
            data["entities"] = copy.deepcopy(stored.entities)
        if stored.reply_markup and "inline_keyboard" in stored.reply_markup:
            data["reply_markup"] = copy.deepcopy(stored.reply_markup)
        return data

    def _resolve_chat(self, params: JSONDict, *, check_blocked: bool = True) -> int:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise _bad_request("chat_id is empty")
        chat_id: int | None = None
        if isinstance(raw, str) and raw.startswith("@"):
            for chat in self._chats.values():
                if chat.username and chat.type != "private" and chat.username.lower() == raw[1:].lower():
                    chat_id = chat.id
        else:
            try:
                chat_id = _get_int(params, "chat_id")
            except _ApiError:
                chat_id = None
        if chat_id is None or chat_id not in self._chats:
            raise _bad_request("chat not found")
        if check_blocked and chat_id in self._blocked:
            raise _ApiError(403, "Forbidden: bot was blocked by the user", deliberate=True)
        return chat_id

    def _formatted_text(
        self, params: JSONDict, name: str, *, max_length: int, empty_error: str, long_error: str
    ) -> tuple[str, str, str | None, list[JSONDict]]:
        """Validate a text/caption parameter: returns (plain text, raw text, parse_mode, entities)."""
        raw = _get_str(params, name) or ""
        parse_mode = _get_str(params, "parse_mode") or None
        mode = (parse_mode or "").lower()
        if mode == "html":
            try:
                plain, entities = parse_html(raw, strict=self.strict_html)
            except HtmlParseError as exc:
                raise _bad_request(f"can't parse entities: {exc}") from exc
        elif mode in {"markdown", "markdownv2"}:
            raise _bad_request(
                f"can't parse entities: parse_mode {parse_mode!r} is not implemented by the fake Telegram "
                "server used in tests; use HTML"
            )
        elif mode:
            raise _bad_request("unsupported parse_mode")
        else:
            plain = raw
            entities = []
            explicit = _get_json(
                params,
                "entities" if name == "text" else "caption_entities",
                "can't parse entities JSON object",
            )
            if explicit is not None:
                if not isinstance(explicit, list) or not all(
                    isinstance(e, dict)
                    and isinstance(e.get("type"), str)
                    and isinstance(e.get("offset"), int)
                    and isinstance(e.get("length"), int)
                    for e in explicit
                ):
                    raise _bad_request("can't parse entities JSON object")
                entities = copy.deepcopy(explicit)
        plain, entities = _strip_formatted(plain, entities)
        if not plain:
            raise _bad_request(empty_error)
        if utf16_len(plain) > max_length:
            raise _bad_request(long_error)
        return plain, raw, parse_mode, entities

    def _message_text(self, params: JSONDict) -> tuple[str, str, str | None, list[JSONDict]]:
        if "caption" in params:
            self._formatted_text(
                params,
                "caption",
                max_length=MAX_CAPTION_LENGTH,
                empty_error="message caption is empty",
                long_error="message caption is too long",
            )
        return self._formatted_text(
            params,
            "text",
            max_length=MAX_MESSAGE_LENGTH,
            empty_error="message text is empty",
            long_error="message is too long",
        )

    def _check_link_preview(self, params: JSONDict) -> None:
        _get_bool(params, "disable_web_page_preview")
        options = _get_json(params, "link_preview_options", "can't parse link preview options JSON object")
        if options is not None and not isinstance(options, dict):
            raise _bad_request("can't parse link preview options JSON object")
        _get_bool(params, "disable_notification")
        _get_bool(params, "protect_content")

    def _stored_bot_message(self, params: JSONDict, *, action: str) -> _StoredMessage:
        if params.get("inline_message_id"):
            raise _bad_request("MESSAGE_ID_INVALID")
        chat_id = self._resolve_chat(params)
        message_id = _get_int(params, "message_id")
        if message_id is None:
            raise _bad_request("message identifier is not specified")
        stored = self._messages.get((chat_id, message_id))
        if stored is None:
            raise _bad_request(f"message to {action} not found")
        if not stored.from_bot and action == "edit":
            raise _bad_request("message can't be edited")
        return stored

    def _record_sent(self, stored: _StoredMessage, method: str, params: JSONDict) -> None:
        self._sent.append(
            SentMessage(
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
                params=dict(params),
            )
        )

    @staticmethod
    def _scope_key(scope: Any) -> str:
        if not scope:
            return json.dumps({"type": "default"})
        return json.dumps(scope, sort_keys=True)

    # ------------------------------------------------------------------------------------- methods

    def _api_get_me(self, params: JSONDict) -> JSONDict:
        return dict(self.bot_user)

    def _api_delete_webhook(self, params: JSONDict) -> bool:
        if _get_bool(params, "drop_pending_updates"):
            self._updates.clear()
        return True

    def _api_get_webhook_info(self, params: JSONDict) -> JSONDict:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    def _api_get_updates(self, params: JSONDict) -> list[JSONDict]:
        offset = _get_int(params, "offset")
        limit = min(max(_get_int(params, "limit") or 100, 1), 100)
        timeout = max(_get_float(params, "timeout") or 0.0, 0.0)
        allowed = _get_json(params, "allowed_updates", "can't parse allowed_updates JSON object")
        if allowed is not None:
            if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
                raise _bad_request("can't parse allowed_updates JSON object")
            self._allowed_updates = frozenset(allowed) if allowed else _DEFAULT_ALLOWED_UPDATES
        if offset is not None:
            if offset < 0:
                self._updates = self._updates[offset:]
            else:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
        self._poll_generation += 1
        generation = self._poll_generation
        self._cond.notify_all()
        deadline = time.monotonic() + timeout
        while True:
            self._updates = [u for u in self._updates if (set(u) - {"update_id"}) & self._allowed_updates]
            if generation != self._poll_generation:
                raise _ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                    deliberate=True,
                )
            if self._updates or self._closed:
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._cond.wait(remaining)
        return copy.deepcopy(self._updates[:limit])

    def _api_set_my_commands(self, params: JSONDict) -> bool:
        commands = _get_json(params, "commands", "can't parse commands JSON object")
        if not isinstance(commands, list):
            raise _bad_request("can't parse commands JSON object")
        if len(commands) > MAX_COMMANDS:
            raise _bad_request("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not isinstance(command, dict):
                raise _bad_request("can't parse BotCommand: BotCommand must be an Object")
            name = command.get("command")
            description = command.get("description")
            if not isinstance(name, str) or not _COMMAND_RE.fullmatch(name):
                raise _bad_request("BOT_COMMAND_INVALID")
            if (
                not isinstance(description, str)
                or not 1 <= len(description.strip()) <= 256
                or len(description) > 256
            ):
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        scope = _get_json(params, "scope", "can't parse BotCommandScope JSON object")
        if scope is not None and (not isinstance(scope, dict) or not isinstance(scope.get("type"), str)):
            raise _bad_request("can't parse BotCommandScope JSON object")
        language_code = _get_str(params, "language_code") or ""
        if language_code and not re.fullmatch(r"[a-z]{2}", language_code):
            raise _bad_request("invalid language code specified")
        self._commands[(self._scope_key(scope), language_code)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def _api_get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        scope = _get_json(params, "scope", "can't parse BotCommandScope JSON object")
        language_code = _get_str(params, "language_code") or ""
        return copy.deepcopy(self._commands.get((self._scope_key(scope), language_code), []))

    def _api_delete_my_commands(self, params: JSONDict) -> bool:
        scope = _get_json(params, "scope", "can't parse BotCommandScope JSON object")
        language_code = _get_str(params, "language_code") or ""
        self._commands.pop((self._scope_key(scope), language_code), None)
        return True

    def _api_send_message(self, params: JSONDict) -> JSONDict:
        chat_id = self._resolve_chat(params)
        reply_markup = _validate_reply_markup(params, inline_only=False)
        self._check_link_preview(params)
        plain, raw, parse_mode, entities = self._message_text(params)
        reply_to = _get_int(params, "reply_to_message_id")
        allow_without_reply = bool(_get_bool(params, "allow_sending_without_reply"))
        reply_parameters = _get_json(params, "reply_parameters", "can't parse reply parameters JSON object")
        if reply_parameters is not None:
            if not isinstance(reply_parameters, dict) or not isinstance(
                reply_parameters.get("message_id"), int
            ):
                raise _bad_request("can't parse reply parameters JSON object")
            reply_to = reply_parameters["message_id"]
            allow_without_reply = bool(reply_parameters.get("allow_sending_without_reply"))
        if reply_to is not None and (chat_id, reply_to) not in self._messages and not allow_without_reply:
            raise _bad_request("message to be replied not found")
        stored = _StoredMessage(
            chat_id=chat_id,
            message_id=next(self._message_ids),
            from_bot=True,
            text=plain,
            raw_text=raw,
            parse_mode=parse_mode,
            entities=entities,
            reply_markup=reply_markup,
            date=int(time.time()),
        )
        self._messages[(chat_id, stored.message_id)] = stored
        self._record_sent(stored, "sendMessage", params)
        return self._message_json(stored)

    def _api_edit_message_text(self, params: JSONDict) -> JSONDict:
        stored = self._stored_bot_message(params, action="edit")
        reply_markup = _validate_reply_markup(params, inline_only=True)
        self._check_link_preview(params)
        plain, raw, parse_mode, entities = self._message_text(params)
        if plain == stored.text and entities == stored.entities and reply_markup == stored.reply_markup:
            raise _bad_request(
                "message is not modified: specified new message content and reply markup are exactly the "
                "same as a current content and reply markup of the message"
            )
        stored.text, stored.raw_text, stored.parse_mode, stored.entities = plain, raw, parse_mode, entities
        stored.reply_markup = reply_markup  # omitting reply_markup removes the inline keyboard
        stored.edit_date = int(time.time())
        self._record_sent(stored, "editMessageText", params)
        return self._message_json(stored)

    def _api_edit_message_reply_markup(self, params: JSONDict) -> JSONDict:
        stored = self._stored_bot_message(params, action="edit")
        reply_markup = _validate_reply_markup(params, inline_only=True)
        if reply_markup == stored.reply_markup:
            raise _bad_request(
                "message is not modified: specified new message content and reply markup are exactly the "
                "same as a current content and reply markup of the message"
            )
        stored.reply_markup = reply_markup
        stored.edit_date = int(time.time())
        self._record_sent(stored, "editMessageReplyMarkup", params)
        return self._message_json(stored)

    def _api_delete_message(self, params: JSONDict) -> bool:
        stored = self._stored_bot_message(params, action="delete")
        del self._messages[(stored.chat_id, stored.message_id)]
        return True

    def _api_answer_callback_query(self, params: JSONDict) -> bool:
        query_id = _get_str(params, "callback_query_id")
        if not query_id:
            raise _bad_request("query_id is empty")
        if query_id not in self._callback_queries:
            raise _bad_request("query is too old and response timeout expired or query ID is invalid")
        text = _get_str(params, "text") or ""
        if utf16_len(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad_request("MESSAGE_TOO_LONG")
        _get_bool(params, "show_alert")
        _get_int(params, "cache_time")
        url = _get_str(params, "url")
        if url and not _is_valid_button_url(url):
            raise _bad_request("URL_INVALID")
        del self._callback_queries[query_id]  # a query can be answered only once
        self._answered_callbacks.append(dict(params))
        return True

    def _api_send_chat_action(self, params: JSONDict) -> bool:
        self._resolve_chat(params)
        action = _get_str(params, "action")
        if not action:
            raise _bad_request("action is empty")
        if action not in _CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        return True


def _short(params: JSONDict, limit: int = 80) -> str:
    text = ", ".join(f"{k}={v!r}" for k, v in params.items())
    return text if len(text) <= limit else text[: limit - 3] + "..."
