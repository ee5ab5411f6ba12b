"""The fake Telegram server is strict: it accepts what Telegram accepts and rejects what it rejects."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter

from tests.fake_telegram import TOKEN, FakeTelegram, parse_html, utf16_len

CHAT = 4242


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        fake.add_chat(CHAT)
        yield fake


def call(
    tg: FakeTelegram, method: str, *, token: str | None = None, as_json: bool = False, **params: Any
) -> httpx.Response:
    """POST like PTB does: form-encoded, strings as-is and everything else JSON-encoded."""
    url = f"{tg.base_url}{token if token is not None else tg.token}/{method}"
    if as_json:
        return httpx.post(url, json=params, timeout=30)
    form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    return httpx.post(url, data=form, timeout=30)


def ok(response: httpx.Response) -> Any:
    body = response.json()
    assert response.status_code == 200 and body["ok"] is True, body
    return body["result"]


def error(response: httpx.Response, code: int) -> str:
    body = response.json()
    assert response.status_code == code, body
    assert body["ok"] is False and body["error_code"] == code, body
    description: str = body["description"]
    return description


def send_html(tg: FakeTelegram, text: str, **extra: Any) -> httpx.Response:
    return call(tg, "sendMessage", chat_id=CHAT, text=text, parse_mode="HTML", **extra)


# ------------------------------------------------------------------------------------------ basics


def test_get_me_and_encodings(tg: FakeTelegram) -> None:
    me = ok(call(tg, "getMe"))
    assert me["is_bot"] is True and me["id"] == 123456789 and me["username"]
    for key in ("first_name", "can_join_groups", "can_read_all_group_messages", "supports_inline_queries"):
        assert key in me
    # Method names are case-insensitive, GET works, and all three body encodings are understood.
    assert ok(httpx.get(f"{tg.api_url}/getme"))["id"] == me["id"]
    msg = ok(call(tg, "sendMessage", as_json=True, chat_id=CHAT, text="json body"))
    assert msg["text"] == "json body" and msg["chat"] == {
        "id": CHAT,
        "type": "private",
        "first_name": "Tester",
    }
    msg = ok(call(tg, "sendMessage", chat_id=CHAT, text="form body"))
    assert msg["from"]["id"] == me["id"] and isinstance(msg["date"], int) and msg["message_id"] > 0
    multipart = httpx.post(
        f"{tg.api_url}/sendMessage",
        data={"chat_id": str(CHAT), "text": "multipart <b>body</b>", "parse_mode": "HTML"},
        files={"document": ("a.txt", b"\x00\x01binary")},
        timeout=30,
    )
    assert ok(multipart)["text"] == "multipart body"
    assert [m.text for m in tg.sent_messages(CHAT)] == ["json body", "form body", "multipart body"]
    assert tg.rejected == []


def test_good_html_is_parsed_like_telegram(tg: FakeTelegram) -> None:
    text = (
        "<b>bold</b> <strong>s</strong> <i>i</i><em>e</em> <u>u</u><ins>n</ins> <s>s</s><strike>t</strike>"
        '<del>d</del> <tg-spoiler>sp</tg-spoiler> <span class="tg-spoiler">sp2</span> '
        '<a href="https://example.com/?a=1&amp;b=2">link</a> <code>x &lt; y</code> '
        '<pre><code class="language-python">print(1)</code></pre> <blockquote expandable>q</blockquote> '
        "&lt;tag&gt; &amp; &quot;q&quot; &#39;&#x1F600; <B>upper</B>"
    )
    msg = ok(send_html(tg, text))
    assert msg["text"] == ('bold s ie un std sp sp2 link x < y print(1) q <tag> & "q" \'\U0001f600 upper')
    types = [e["type"] for e in msg["entities"]]
    assert types.count("bold") == 3 and types.count("spoiler") == 2 and "expandable_blockquote" in types
    link = next(e for e in msg["entities"] if e["type"] == "text_link")
    assert link["url"] == "https://example.com/?a=1&b=2"
    pre = next(e for e in msg["entities"] if e["type"] == "pre")
    assert pre["language"] == "python"
    assert not [e for e in msg["entities"] if e["type"] == "code" and "language" in e]
    sent = tg.sent_messages(CHAT)[-1]
    assert sent.raw_text == text and sent.parse_mode == "HTML"
    assert tg.rejected == []


def test_entity_offsets_are_utf16() -> None:
    plain, entities = parse_html("\U0001f600 <b>é\U0001f600x</b>")
    assert plain == "\U0001f600 é\U0001f600x"
    assert entities == [{"type": "bold", "offset": 3, "length": 4}]
    assert utf16_len(plain) == 7


# ------------------------------------------------------------------------------------- bad HTML


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("1 < 2", 'Unsupported start tag ""'),
        ("a<2 b", 'Unsupported start tag "2"'),
        ("a<2", "Unclosed start tag"),
        ("x > y", 'Character ">"'),
        ("AT&T", 'Character "&"'),
        ("&nbsp;", 'Character "&"'),
        ("&amp", 'Character "&"'),
        ("<foo>x</foo>", 'Unsupported start tag "foo"'),
        ("<br/>", 'Unsupported start tag "br/"'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("x</b>", "Unexpected end tag"),
        ("<b><i>x</b></i>", "Unmatched end tag"),
        ("<b>x</>", "Unmatched end tag"),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("<a>x</a>", 'Tag "a" must have a non-empty "href"'),
        ("<a href=https://x.y>x</a>", "Unexpected end of name token"),
        ('<a href="https://x.y', "Unclosed start tag"),
        ('<a href="https://x.y/?q=>">x</a>', 'Character ">"'),
        ("<b", "Unclosed start tag"),
        ("<b>x</b", "Unclosed end tag"),
        ("<i foo>x</i>", "Expected equal sign"),
    ],
)
def test_bad_html_is_rejected(tg: FakeTelegram, text: str, needle: str) -> None:
    description = error(send_html(tg, text), 400)
    assert description.startswith("Bad Request: can't parse entities: "), description
    assert needle in description, description
    assert tg.sent_messages() == []
    [rejection] = tg.rejected
    assert rejection.method == "sendMessage" and rejection.params["text"] == text
    assert rejection.description == description


def test_plain_text_is_taken_literally(tg: FakeTelegram) -> None:
    assert ok(call(tg, "sendMessage", chat_id=CHAT, text="1 < 2 & <foo>"))["text"] == "1 < 2 & <foo>"


def test_markdown_is_refused_clearly(tg: FakeTelegram) -> None:
    description = error(call(tg, "sendMessage", chat_id=CHAT, text="*x*", parse_mode="MarkdownV2"), 400)
    assert "MarkdownV2" in description and "not implemented" in description
    assert error(call(tg, "sendMessage", chat_id=CHAT, text="x", parse_mode="LaTeX"), 400) == (
        "Bad Request: unsupported parse_mode"
    )


# --------------------------------------------------------------------------------- text lengths


def test_text_length_is_counted_after_parsing_in_utf16(tg: FakeTelegram) -> None:
    too_long = "Bad Request: message is too long"
    assert error(call(tg, "sendMessage", chat_id=CHAT, text="a" * 4097), 400) == too_long
    ok(call(tg, "sendMessage", chat_id=CHAT, text="a" * 4096))
    # The raw HTML is longer than 4096, but what counts is the text after parsing entities.
    raw = "<b>" + "a" * 4090 + "</b>" + "&amp;" * 6
    assert len(raw) > 4096
    msg = ok(send_html(tg, raw))
    assert len(msg["text"]) == 4096
    assert error(send_html(tg, "<b>" + "a" * 4097 + "</b>"), 400) == too_long
    # Emoji outside the BMP count twice.
    ok(call(tg, "sendMessage", chat_id=CHAT, text="\U0001f600" * 2048))
    assert error(call(tg, "sendMessage", chat_id=CHAT, text="\U0001f600" * 2049), 400) == too_long


@pytest.mark.parametrize(
    ("text", "parse_mode"),
    [("", None), ("   \n ", None), ("<b></b>", "HTML"), ("<b> </b>\n<i></i>", "HTML"), (None, None)],
)
def test_empty_text_is_rejected(tg: FakeTelegram, text: str | None, parse_mode: str | None) -> None:
    params: dict[str, Any] = {"chat_id": CHAT}
    if text is not None:
        params["text"] = text
    if parse_mode:
        params["parse_mode"] = parse_mode
    assert error(call(tg, "sendMessage", **params), 400) == "Bad Request: message text is empty"


def test_caption_length_is_checked(tg: FakeTelegram) -> None:
    description = error(call(tg, "sendMessage", chat_id=CHAT, text="t", caption="c" * 1025), 400)
    assert description == "Bad Request: message caption is too long"


# ---------------------------------------------------------------------------------------- photos

# A 2x1 PNG (as any encoder writes it: signature, IHDR, IDAT, IEND) and a file that is not an image.
TINY_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x01\x08\x02\x00\x00\x00{@\xe8\xdd"
    b"\x00\x00\x00\x0fIDATx\x9cc\xf8\xcf\xc0\xc0\xf0\x9f\x01\x00\x07\xff\x01\xff\x01\x7f\x89\xa7"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def send_photo(tg: FakeTelegram, photo: bytes, **params: Any) -> httpx.Response:
    """A multipart upload, as PTB sends an InputFile."""
    form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in {"chat_id": CHAT, **params}.items()}
    return httpx.post(
        f"{tg.api_url}/sendPhoto", data=form, files={"photo": ("chart.png", photo, "image/png")}, timeout=30
    )


def test_send_photo_uploads_an_image_with_an_html_caption(tg: FakeTelegram) -> None:
    result = ok(send_photo(tg, TINY_PNG, caption="<b>Flows</b> &amp; more", parse_mode="HTML"))

    assert result["caption"] == "Flows & more" and "text" not in result
    assert result["caption_entities"] == [{"type": "bold", "offset": 0, "length": 5}]
    [size] = result["photo"]
    assert (size["width"], size["height"], size["file_size"]) == (2, 1, len(TINY_PNG))
    [sent] = tg.sent_messages(CHAT)
    assert (sent.method, sent.photo, sent.text) == ("sendPhoto", TINY_PNG, "Flows & more")
    again = ok(call(tg, "sendPhoto", chat_id=CHAT, photo=size["file_id"]))  # sent again by file_id
    assert again["photo"][0]["file_id"] == size["file_id"]
    edit = call(tg, "editMessageText", chat_id=CHAT, message_id=result["message_id"], text="x")
    assert error(edit, 400) == "Bad Request: there is no text in the message to edit"


@pytest.mark.parametrize(
    ("photo", "params", "needle"),
    [
        (TINY_PNG, {"caption": "c" * 1025}, "message caption is too long"),
        (
            TINY_PNG,
            {"caption": "<b>" + "𝔸" * 512 + "!</b>", "parse_mode": "HTML"},
            "message caption is too long",
        ),
        (TINY_PNG, {"caption": "<b>open", "parse_mode": "HTML"}, "can't parse entities"),
        (b"GIF89a not a photo", {}, "IMAGE_PROCESS_FAILED"),
        (TINY_PNG[:20], {}, "IMAGE_PROCESS_FAILED"),
    ],
)
def test_send_photo_is_refused_like_telegram(
    tg: FakeTelegram, photo: bytes, params: dict[str, Any], needle: str
) -> None:
    assert needle in error(send_photo(tg, photo, **params), 400)
    assert tg.sent_messages() == []


def test_send_photo_needs_a_photo(tg: FakeTelegram) -> None:
    assert error(call(tg, "sendPhoto", chat_id=CHAT), 400) == "Bad Request: there is no photo in the request"
    unknown = call(tg, "sendPhoto", chat_id=CHAT, photo="AgACAgNotAFileOfThisBot")
    assert error(unknown, 400) == "Bad Request: wrong file identifier/HTTP URL specified"


# --------------------------------------------------------------------------------- reply markup


def keyboard(*buttons: dict[str, Any]) -> dict[str, Any]:
    return {"inline_keyboard": [list(buttons)]}


def test_callback_data_is_limited_to_64_bytes(tg: FakeTelegram) -> None:
    fits = "é" * 32  # 32 characters, 64 bytes
    too_long = "é" * 32 + "a"  # 33 characters, 65 bytes
    assert len(too_long.encode()) == 65
    msg = ok(
        call(
            tg,
            "sendMessage",
            chat_id=CHAT,
            text="k",
            reply_markup=keyboard({"text": "b", "callback_data": fits}),
        )
    )
    assert msg["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == fits
    markup = keyboard({"text": "b", "callback_data": too_long})
    assert error(call(tg, "sendMessage", chat_id=CHAT, text="k", reply_markup=markup), 400) == (
        "Bad Request: BUTTON_DATA_INVALID"
    )
    markup = keyboard({"text": "b", "callback_data": ""})
    assert error(call(tg, "sendMessage", chat_id=CHAT, text="k", reply_markup=markup), 400) == (
        "Bad Request: BUTTON_DATA_INVALID"
    )


@pytest.mark.parametrize(
    ("markup", "needle"),
    [
        ("{not json", "can't parse reply keyboard markup JSON object"),
        ({"inline_keyboard": [{"text": "x", "callback_data": "y"}]}, "Array of Arrays"),
        (keyboard({"callback_data": "y"}), 'Field "text"'),
        (keyboard({"text": "x"}), "Text buttons are unallowed"),
        (keyboard({"text": "x", "url": "javascript:alert(1)"}), "BUTTON_URL_INVALID"),
        (keyboard({"text": "x", "url": "example.com"}), "BUTTON_URL_INVALID"),
        (keyboard({"text": "x", "url": "https://e.com", "callback_data": "y"}), "exactly one"),
    ],
)
def test_bad_reply_markup_is_rejected(tg: FakeTelegram, markup: Any, needle: str) -> None:
    description = error(call(tg, "sendMessage", chat_id=CHAT, text="k", reply_markup=markup), 400)
    assert needle in description


def test_url_buttons_and_link_preview_options(tg: FakeTelegram) -> None:
    markup = {
        "inline_keyboard": [
            [
                {"text": "site", "url": "https://example.com/a?b=c"},
                {"text": "tg", "url": "tg://resolve?domain=x"},
            ]
        ]
    }
    ok(call(tg, "sendMessage", chat_id=CHAT, text="k", reply_markup=markup, disable_web_page_preview=True))
    ok(call(tg, "sendMessage", chat_id=CHAT, text="k2", link_preview_options={"is_disabled": True}))
    assert tg.sent_messages(CHAT)[0].button_texts == ["site", "tg"]


# --------------------------------------------------------------------------------- chats, floods


def test_blocked_chat_gets_403_and_is_refused_not_rejected(tg: FakeTelegram) -> None:
    tg.block(CHAT)
    description = error(call(tg, "sendMessage", chat_id=CHAT, text="hi"), 403)
    assert description == "Forbidden: bot was blocked by the user"
    assert tg.rejected == [] and [r.description for r in tg.refused] == [description]
    tg.unblock(CHAT)
    ok(call(tg, "sendMessage", chat_id=CHAT, text="hi"))


def test_unknown_chat_gets_400(tg: FakeTelegram) -> None:
    assert error(call(tg, "sendMessage", chat_id=999, text="hi"), 400) == "Bad Request: chat not found"
    assert error(call(tg, "sendMessage", chat_id="nope", text="hi"), 400) == "Bad Request: chat not found"
    assert error(call(tg, "sendMessage", text="hi"), 400) == "Bad Request: chat_id is empty"
    assert (
        error(call(tg, "sendChatAction", chat_id=999, action="typing"), 400) == "Bad Request: chat not found"
    )
    assert len(tg.rejected) == 4
    tg.send_user_message(999, "hello")  # a chat that wrote to the bot is known
    ok(call(tg, "sendMessage", chat_id=999, text="hi"))


def test_flood_control_429_with_retry_after(tg: FakeTelegram) -> None:
    tg.flood("sendMessage", times=2, retry_after=3)
    for _ in range(2):
        response = call(tg, "sendMessage", chat_id=CHAT, text="hi")
        assert response.status_code == 429
        assert response.json() == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        }
    ok(call(tg, "sendMessage", chat_id=CHAT, text="hi"))
    assert len(tg.refused) == 2 and tg.rejected == []
    assert len(tg.sent_messages()) == 1


def test_injected_failures_come_after_the_normal_calls_and_are_not_carried_out(tg: FakeTelegram) -> None:
    ran: list[str] = []
    tg.fail(
        "sendMessage", times=2, after=1, code=502, description="Bad Gateway", action=lambda: ran.append("x")
    )
    ok(call(tg, "sendMessage", chat_id=CHAT, text="first"))
    for _ in range(2):
        assert error(call(tg, "sendMessage", chat_id=CHAT, text="lost"), 502) == "Bad Gateway"
    ok(call(tg, "sendMessage", chat_id=CHAT, text="last"))
    assert ran == ["x", "x"]
    assert [m.text for m in tg.sent_messages(CHAT)] == ["first", "last"]
    assert len(tg.refused) == 2 and tg.rejected == []


def test_on_call_runs_its_action_once_the_call_was_carried_out(tg: FakeTelegram) -> None:
    seen: list[int] = []
    tg.on_call("sendMessage", lambda: seen.append(len(tg.sent_messages(CHAT))), after=1)
    for text in ("one", "two", "three"):
        ok(call(tg, "sendMessage", chat_id=CHAT, text=text))
    assert seen == [2]  # the second message was already sent when the action ran


def test_bad_token_and_unknown_method(tg: FakeTelegram) -> None:
    assert (
        error(call(tg, "getMe", token="123456789:AAwrongwrongwrongwrongwrongwrongwron"), 401)
        == "Unauthorized"
    )
    assert error(call(tg, "getMe", token="not-a-token"), 404) == "Not Found"
    assert error(call(tg, "getMe", token=""), 404) == "Not Found"
    assert error(call(tg, "sendMessage", token="987:abc", chat_id=CHAT, text="x"), 401) == "Unauthorized"
    assert error(call(tg, "sendTelepathy", chat_id=CHAT), 404) == "Not Found"
    assert error(httpx.post(f"http://127.0.0.1:{tg.port}/nothing"), 404) == "Not Found"
    assert tg.sent_messages() == []
    assert len(tg.rejected) == 6


def test_chat_action(tg: FakeTelegram) -> None:
    assert ok(call(tg, "sendChatAction", chat_id=CHAT, action="typing")) is True
    assert error(call(tg, "sendChatAction", chat_id=CHAT, action="dancing"), 400) == (
        "Bad Request: wrong parameter action in request"
    )


# ------------------------------------------------------------------------------------- commands


def test_set_my_commands_validation(tg: FakeTelegram) -> None:
    commands = [{"command": "start", "description": "Start"}, {"command": "ask_2", "description": "Ask"}]
    assert ok(call(tg, "setMyCommands", commands=commands)) is True
    assert ok(call(tg, "getMyCommands")) == commands
    assert tg.commands() == commands
    for bad in (
        {"command": "Start", "description": "x"},
        {"command": "/start", "description": "x"},
        {"command": "a" * 33, "description": "x"},
        {"command": "", "description": "x"},
    ):
        assert error(call(tg, "setMyCommands", commands=[bad]), 400) == "Bad Request: BOT_COMMAND_INVALID"
    for description in ("", "d" * 257):
        bad = {"command": "ok", "description": description}
        assert error(call(tg, "setMyCommands", commands=[bad]), 400) == (
            "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"
        )
    many = [{"command": f"c{i}", "description": "d"} for i in range(101)]
    assert error(call(tg, "setMyCommands", commands=many), 400) == "Bad Request: BOT_COMMANDS_TOO_MUCH"
    assert ok(call(tg, "getMyCommands")) == commands


# ---------------------------------------------------------------------------- updates, callbacks


def test_get_updates_long_polling_and_offsets(tg: FakeTelegram) -> None:
    start = time.monotonic()
    assert ok(call(tg, "getUpdates", timeout=1)) == []
    assert 0.9 <= time.monotonic() - start < 3

    timer = threading.Timer(
        0.3, lambda: tg.send_user_message(CHAT, "/start now", user_id=7, first_name="Ann")
    )
    timer.start()
    start = time.monotonic()
    updates = ok(call(tg, "getUpdates", timeout=20))
    assert time.monotonic() - start < 5
    [update] = updates
    message = update["message"]
    assert message["text"] == "/start now" and message["from"]["id"] == 7 and message["chat"]["id"] == CHAT
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    # Not acknowledged yet: delivered again.
    assert ok(call(tg, "getUpdates", timeout=0)) == updates
    assert tg.pending_updates == 1
    assert ok(call(tg, "getUpdates", offset=update["update_id"] + 1, timeout=0)) == []
    assert tg.pending_updates == 0


def test_callback_query_edit_and_answer(tg: FakeTelegram) -> None:
    markup = keyboard({"text": "More", "callback_data": "more:1"})
    msg = ok(send_html(tg, "<b>Answer</b>", reply_markup=markup))
    with pytest.raises(ValueError, match="no button"):
        tg.press_button(CHAT, msg["message_id"], "other")
    query_id = tg.press_button(CHAT, msg["message_id"], "more:1")
    [update] = ok(call(tg, "getUpdates"))
    query = update["callback_query"]
    assert query["id"] == query_id and query["data"] == "more:1"
    assert query["message"]["message_id"] == msg["message_id"] and query["message"]["reply_markup"] == markup

    assert ok(call(tg, "answerCallbackQuery", callback_query_id=query_id)) is True
    assert "query ID is invalid" in error(call(tg, "answerCallbackQuery", callback_query_id=query_id), 400)

    edit = {"chat_id": CHAT, "message_id": msg["message_id"], "parse_mode": "HTML"}
    not_modified = error(call(tg, "editMessageText", text="<b>Answer</b>", reply_markup=markup, **edit), 400)
    assert not_modified.startswith("Bad Request: message is not modified")
    edited = ok(call(tg, "editMessageText", text="<b>Answer</b> more", **edit))
    assert edited["text"] == "Answer more" and "reply_markup" not in edited and "edit_date" in edited
    current = tg.message(CHAT, msg["message_id"])
    assert current is not None and current.text == "Answer more" and current.reply_markup is None
    assert [m.method for m in tg.sent_messages(CHAT)] == ["sendMessage", "editMessageText"]
    assert error(call(tg, "editMessageText", chat_id=CHAT, message_id=999, text="x"), 400) == (
        "Bad Request: message to edit not found"
    )


def test_wait_for_times_out_with_context(tg: FakeTelegram) -> None:
    call(tg, "sendMessage", chat_id=CHAT, text="<b>", parse_mode="HTML")
    with pytest.raises(TimeoutError, match="rejected"):
        tg.wait_for_messages(CHAT, timeout=0.2)
    with pytest.raises(AssertionError, match="rejected 1 request"):
        tg.assert_no_rejections()


def test_subprocess_can_use_the_fake(tg: FakeTelegram) -> None:
    code = (
        "import httpx, sys\n"
        "data = {'chat_id': sys.argv[3], 'text': 'from child'}\n"
        "r = httpx.post(sys.argv[1] + sys.argv[2] + '/sendMessage', data=data)\n"
        "print(r.status_code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, tg.base_url, TOKEN, str(CHAT)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "200", result.stderr
    assert [m.text for m in tg.sent_messages(CHAT)] == ["from child"]


# ------------------------------------------------------------------------------------------- PTB


async def test_real_ptb_bot_against_the_fake(tg: FakeTelegram) -> None:
    async with telegram.Bot(TOKEN, base_url=tg.base_url) as bot:
        me = await bot.get_me()
        assert me.is_bot and me.id == tg.bot_id and me.username == tg.bot_user["username"]

        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Sources", callback_data="src:1")]])
        message = await bot.send_message(
            CHAT, "<b>Hello</b> &amp; <i>welcome</i>", parse_mode=ParseMode.HTML, reply_markup=markup
        )
        assert message.text == "Hello & welcome" and message.chat.id == CHAT
        assert [e.type for e in message.entities] == ["bold", "italic"]
        assert message.reply_markup == markup
        assert message.from_user is not None and message.from_user.id == tg.bot_id
        sent = tg.sent_messages(CHAT)[-1]
        assert sent.parse_mode == "HTML" and sent.callback_data == ["src:1"]

        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(CHAT, "1 < 2", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
            await bot.send_message(
                CHAT,
                "x",
                reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="é" * 33)]]),
            )
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(31337, "hi")

        tg.block(CHAT)
        with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
            await bot.send_message(CHAT, "hi")
        tg.unblock(CHAT)

        tg.flood("sendMessage", retry_after=2)
        with pytest.raises(RetryAfter) as excinfo:
            await bot.send_message(CHAT, "hi")
        assert "Retry in 2" in str(excinfo.value)

        edited = await bot.edit_message_text("<b>Edited</b>", CHAT, message.message_id, parse_mode="HTML")
        assert isinstance(edited, telegram.Message) and edited.text == "Edited"

    wrong = telegram.Bot("123456789:AAnotTheRightTokenAtAllxxxxxxxxxxxxx", base_url=tg.base_url)
    with pytest.raises(InvalidToken):
        async with wrong:
            pass

    assert [r.description for r in tg.refused] == [
        "Forbidden: bot was blocked by the user",
        "Too Many Requests: retry after 2",
    ]
    assert len(tg.rejected) == 4  # bad HTML, bad callback_data, unknown chat, wrong token


async def test_ptb_application_polling(tg: FakeTelegram) -> None:
    from telegram import Update
    from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None
        await context.bot.send_message(
            update.effective_chat.id,
            "<b>Hi</b>",
            parse_mode="HTML",
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]]),
        )

    async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("ok")
        await query.edit_message_text(f"pressed {query.data}")

    app = ApplicationBuilder().token(TOKEN).base_url(tg.base_url).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(button))
    async with app:
        await app.bot.set_my_commands([("start", "Start the bot")])
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=5)
        try:
            tg.send_user_message(CHAT, "/start")
            [sent] = await tg.wait_for_async(lambda: tg.sent_messages(CHAT), timeout=10)
            assert sent.text == "Hi" and sent.callback_data == ["go"]
            tg.press_button(CHAT, sent.message_id, "go")
            await tg.wait_for_async(lambda: len(tg.sent_messages(CHAT)) == 2, timeout=10)
            assert tg.sent_messages(CHAT)[-1].text == "pressed go"
            assert [a["text"] for a in tg.callback_answers] == ["ok"]
            await tg.wait_for_async(lambda: tg.pending_updates == 0, timeout=10)
        finally:
            await app.updater.stop()
            await app.stop()
    assert tg.commands() == [{"command": "start", "description": "Start the bot"}]
    tg.assert_no_rejections()


# ------------------------------------------------------------------------------------------- webhooks


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"url": "http://bot.example.com/hook"}, "An HTTPS URL must be provided"),
        ({"url": "https://bot.example.com:9443/hook"}, "ports 80, 88, 443 or 8443"),
        ({"url": "https://bot.example.com/hook", "secret_token": "has space"}, "unallowed characters"),
        ({"url": "https://bot.example.com/hook", "secret_token": "x" * 257}, "unallowed characters"),
        ({"url": "https://bot.example.com/hook", "max_connections": "0"}, "max_connections"),
    ],
)
def test_set_webhook_is_checked_as_telegram_does(
    tg: FakeTelegram, params: dict[str, Any], description: str
) -> None:
    assert description in error(call(tg, "setWebhook", **params), 400)
    assert tg.webhook is None


def test_a_webhook_blocks_get_updates_until_deleted_and_receives_updates(tg: FakeTelegram) -> None:
    assert ok(call(tg, "setWebhook", url="https://bot.example.com/hook", secret_token="s3cret_-A")) is True
    info = ok(call(tg, "getWebhookInfo"))
    assert info["url"] == "https://bot.example.com/hook" and info["max_connections"] == 40
    assert "deleteWebhook" in error(call(tg, "getUpdates"), 409)
    received: list[tuple[str | None, dict[str, Any]]] = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers.get("X-Telegram-Bot-Api-Secret-Token"), json.loads(body)))
            self.send_response(200 if len(received) == 1 else 500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    with http.server.HTTPServer(("127.0.0.1", 0), Hook) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        tg.send_user_message(42, "first")
        tg.send_user_message(42, "second")
        assert tg.deliver_updates(f"http://127.0.0.1:{server.server_address[1]}/hook") == [200, 500]
        server.shutdown()
    assert [(s, u["message"]["text"]) for s, u in received] == [
        ("s3cret_-A", "first"),
        ("s3cret_-A", "second"),
    ]
    assert tg.pending_updates == 1  # the update answered 500 is kept, to be delivered again
    assert ok(call(tg, "deleteWebhook")) is True
    assert [u["message"]["text"] for u in ok(call(tg, "getUpdates"))] == ["second"]
