"""A strict, in-process fake of the Telegram Bot API for tests.

``FakeTelegram`` runs a real HTTP server (``http.server.ThreadingHTTPServer``) on 127.0.0.1 in a
background thread, so it can be used by the real python-telegram-bot ``Application``/``Bot`` of the
test process (whatever asyncio loop that runs in) and by subprocesses alike::

    with FakeTelegram() as tg:
        app = ApplicationBuilder().token(tg.token).base_url(tg.base_url).build()
        # or, for a subprocess: env["TELEGRAM_API_BASE_URL"] = tg.base_url
        tg.send_user_message(42, "/start")
        tg.wait_for_messages(chat_id=42)

The fake answers like Telegram, including its error JSON
``{"ok": false, "error_code": N, "description": "..."}``, and it rejects what Telegram rejects: bad
tokens, unknown methods, malformed HTML, empty or overlong texts and captions, photos that are not images,
invalid inline keyboards, unknown chats, ... Every 4xx answer is recorded in :attr:`FakeTelegram.rejected` (except the deliberate
"blocked" 403s, flood-control 429s, faults injected with ``fail`` and superseded long polls, which go to
:attr:`FakeTelegram.refused`), so a test can assert that the bot never sent anything Telegram would
have refused.

Deliberate deviations (all in the strict direction): with ``strict_html=True`` (the default) a bare
``&`` or a raw ``>`` in HTML text is rejected (Telegram documents that they must be escaped, although
its parser tolerates them), ``<a>`` needs a non-empty ``href``, empty end tags ``</>`` are rejected,
an inline button must use exactly one action field, and the Markdown parse modes are refused with a
400 explaining that the fake does not implement them.

Modules: ``html`` (the HTML parse mode), ``params`` (parameter decoding and checks), ``chats`` (what
the server remembers), ``api`` (the Bot API methods), ``server`` (HTTP, routing, faults), ``fake``
(the ``FakeTelegram`` facade), ``records`` (what tests get back).
"""

from tests.fake_telegram.fake import FakeTelegram
from tests.fake_telegram.html import HtmlParseError, parse_html, utf16_len
from tests.fake_telegram.params import (
    MAX_CALLBACK_ANSWER_LENGTH,
    MAX_CALLBACK_DATA_BYTES,
    MAX_CAPTION_LENGTH,
    MAX_COMMANDS,
    MAX_INLINE_BUTTONS,
    MAX_MESSAGE_LENGTH,
)
from tests.fake_telegram.records import Call, JSONDict, Rejection, SentMessage
from tests.fake_telegram.server import TOKEN

__all__ = [
    "MAX_CALLBACK_ANSWER_LENGTH",
    "MAX_CALLBACK_DATA_BYTES",
    "MAX_CAPTION_LENGTH",
    "MAX_COMMANDS",
    "MAX_INLINE_BUTTONS",
    "MAX_MESSAGE_LENGTH",
    "TOKEN",
    "Call",
    "FakeTelegram",
    "HtmlParseError",
    "JSONDict",
    "Rejection",
    "SentMessage",
    "parse_html",
    "utf16_len",
]
