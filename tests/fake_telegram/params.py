"""Decoding and checking Bot API parameters the way Telegram does.

Texts are measured in UTF-16 code units, inline keyboards and their callback data are validated, and
every refusal is an :class:`ApiError` carrying Telegram's error code and description.
"""

from __future__ import annotations

import copy
import email.parser
import email.policy
import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.fake_telegram.html import HtmlParseError, parse_html, strip_formatted, utf16_len
from tests.fake_telegram.records import JSONDict

# Telegram's documented limits.
MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_COMMANDS = 100
MAX_INLINE_BUTTONS = 100
# A command description may have at most this many characters.
_MAX_COMMAND_DESCRIPTION = 256

_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
# An inline button must use exactly one of these fields.
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


class ApiError(Exception):
    """A refusal: ``deliberate`` ones (blocked, flood, superseded poll) are not recorded as rejections."""

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


def bad_request(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


# ------------------------------------------------------------------------------------------ decoding


def _decode_multipart(content_type: str, body: bytes, params: JSONDict) -> None:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise bad_request("can't parse multipart/form-data body")
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


def decode_body(content_type: str, body: bytes, query: str) -> JSONDict:
    """The parameters of a request: query string, then a JSON, form or multipart body."""
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
                raise bad_request("can't parse JSON object")
            params.update(decoded)
        elif mime == "application/x-www-form-urlencoded":
            for key, value in parse_qsl(body.decode("ascii"), keep_blank_values=True, errors="strict"):
                params.setdefault(key, value)
        elif mime == "multipart/form-data":
            _decode_multipart(content_type, body, params)
        else:
            raise bad_request(f"unsupported Content-Type {mime!r}")
    except UnicodeDecodeError as exc:
        raise bad_request("strings must be encoded in UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise bad_request("can't parse JSON object") from exc
    return params


def get_str(params: JSONDict, name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    raise bad_request(f'field "{name}" must be of type String')


def get_int(params: JSONDict, name: str) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise bad_request(f'field "{name}" must be of type Integer')
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value.strip()):
        return int(value)
    raise bad_request(f'field "{name}" must be of type Integer')


def get_float(params: JSONDict, name: str) -> float | None:
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
    raise bad_request(f'field "{name}" must be a Number')


def get_bool(params: JSONDict, name: str) -> bool | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "false", "1", "0"}:
        return value.lower() in {"true", "1"}
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise bad_request(f'field "{name}" must be of type Boolean')


def get_json(params: JSONDict, name: str, error: str) -> Any:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise bad_request(error) from exc
    return value


# ------------------------------------------------------------------------------------ reply markup


def is_valid_button_url(url: str) -> bool:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in {"http", "https"}:
        return bool(parts.hostname)
    return scheme == "tg" and bool(parts.netloc or parts.path)


def _validate_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    text = button.get("text")
    if not isinstance(text, str):
        raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
    if not text.strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [key for key in _INLINE_BUTTON_ACTIONS if key in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise bad_request(
            "can't parse inline keyboard button: exactly one of the optional fields must be used, "
            f"got {', '.join(actions)}"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not is_valid_button_url(url):
            raise bad_request("BUTTON_URL_INVALID")


def _validate_inline_keyboard(keyboard: Any) -> None:
    if not isinstance(keyboard, list) or not all(isinstance(row, list) for row in keyboard):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays')
    if sum(len(row) for row in keyboard) > MAX_INLINE_BUTTONS:
        raise bad_request("REPLY_MARKUP_TOO_LONG")
    for row in keyboard:
        for button in row:
            _validate_inline_button(button)


def _validate_reply_keyboard(keyboard: Any) -> None:
    if not isinstance(keyboard, list) or not all(isinstance(row, list) for row in keyboard):
        raise bad_request('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays')
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
                raise bad_request("keyboard button text is empty")


def validate_reply_markup(params: JSONDict, *, inline_only: bool) -> JSONDict | None:
    """The ``reply_markup`` parameter, checked; None when absent."""
    error = "can't parse reply keyboard markup JSON object"
    markup = get_json(params, "reply_markup", error)
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request(error)
    if "inline_keyboard" in markup:
        _validate_inline_keyboard(markup["inline_keyboard"])
        return markup
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        _validate_reply_keyboard(markup["keyboard"])
        return markup
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise bad_request(error)


# --------------------------------------------------------------------------------- texts, commands


def _explicit_entities(params: JSONDict, name: str) -> list[JSONDict]:
    explicit = get_json(
        params, "entities" if name == "text" else "caption_entities", "can't parse entities JSON object"
    )
    if explicit is None:
        return []
    if not isinstance(explicit, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("type"), str)
        and isinstance(e.get("offset"), int)
        and isinstance(e.get("length"), int)
        for e in explicit
    ):
        raise bad_request("can't parse entities JSON object")
    return copy.deepcopy(explicit)


def _formatted_text(
    params: JSONDict, name: str, *, strict_html: bool, max_length: int, empty_error: str, long_error: str
) -> tuple[str, str, str | None, list[JSONDict]]:
    """Validate a text/caption parameter: returns (plain text, raw text, parse_mode, entities)."""
    raw = get_str(params, name) or ""
    parse_mode = get_str(params, "parse_mode") or None
    mode = (parse_mode or "").lower()
    if mode == "html":
        try:
            plain, entities = parse_html(raw, strict=strict_html)
        except HtmlParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from exc
    elif mode in {"markdown", "markdownv2"}:
        raise bad_request(
            f"can't parse entities: parse_mode {parse_mode!r} is not implemented by the fake Telegram "
            "server used in tests; use HTML"
        )
    elif mode:
        raise bad_request("unsupported parse_mode")
    else:
        plain, entities = raw, _explicit_entities(params, name)
    plain, entities = strip_formatted(plain, entities)
    if not plain:
        raise bad_request(empty_error)
    if utf16_len(plain) > max_length:
        raise bad_request(long_error)
    return plain, raw, parse_mode, entities


def message_text(params: JSONDict, *, strict_html: bool) -> tuple[str, str, str | None, list[JSONDict]]:
    """The checked ``text`` of a message (and its ``caption``, if any): plain, raw, parse_mode, entities."""
    if "caption" in params:
        _caption(params, strict_html=strict_html)
    return _formatted_text(
        params,
        "text",
        strict_html=strict_html,
        max_length=MAX_MESSAGE_LENGTH,
        empty_error="message text is empty",
        long_error="message is too long",
    )


def caption_text(params: JSONDict, *, strict_html: bool) -> tuple[str, str, str | None, list[JSONDict]]:
    """The checked, optional ``caption`` of a media message: plain, raw, parse_mode, entities."""
    if not get_str(params, "caption"):
        return "", "", get_str(params, "parse_mode") or None, []
    return _caption(params, strict_html=strict_html)


def _caption(params: JSONDict, *, strict_html: bool) -> tuple[str, str, str | None, list[JSONDict]]:
    return _formatted_text(
        params,
        "caption",
        strict_html=strict_html,
        max_length=MAX_CAPTION_LENGTH,
        empty_error="message caption is empty",
        long_error="message caption is too long",
    )


def check_link_preview(params: JSONDict) -> None:
    """The optional flags of sendMessage/editMessageText must have the right types."""
    get_bool(params, "disable_web_page_preview")
    options = get_json(params, "link_preview_options", "can't parse link preview options JSON object")
    if options is not None and not isinstance(options, dict):
        raise bad_request("can't parse link preview options JSON object")
    get_bool(params, "disable_notification")
    get_bool(params, "protect_content")


def validate_commands(params: JSONDict) -> list[JSONDict]:
    """The ``commands`` of setMyCommands, checked, as ``{"command", "description"}`` dicts."""
    commands = get_json(params, "commands", "can't parse commands JSON object")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > MAX_COMMANDS:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand: BotCommand must be an Object")
        name = command.get("command")
        description = command.get("description")
        if not isinstance(name, str) or not _COMMAND_RE.fullmatch(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if (
            not isinstance(description, str)
            or not 1 <= len(description.strip()) <= _MAX_COMMAND_DESCRIPTION
            or len(description) > _MAX_COMMAND_DESCRIPTION
        ):
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    return [{"command": c["command"], "description": c["description"]} for c in commands]


def validate_language_code(params: JSONDict) -> str:
    """The ``language_code`` of setMyCommands: "" when absent, else two lowercase letters."""
    language_code = get_str(params, "language_code") or ""
    if language_code and not re.fullmatch(r"[a-z]{2}", language_code):
        raise bad_request("invalid language code specified")
    return language_code
