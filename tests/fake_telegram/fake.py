"""``FakeTelegram``: the server tests start, with controls to play the users and ways to inspect the bot."""

from __future__ import annotations

import asyncio
import copy
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

from tests.fake_telegram.api import BotApi
from tests.fake_telegram.chats import ChatState, scope_key, user_json
from tests.fake_telegram.records import Call, JSONDict, Rejection, SentMessage
from tests.fake_telegram.server import TOKEN, Fault, HttpServer, Router
from tests.fake_telegram.webhook import Webhook, post_update

T = TypeVar("T")

# Bot id used when the token does not start with a number.
_DEFAULT_BOT_ID = 123456789


def _short(params: JSONDict, limit: int = 80) -> str:
    text = ", ".join(f"{k}={v!r}" for k, v in params.items())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class FakeTelegram:
    """A strict fake Telegram Bot API server; see the package docstring."""

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
        self.bot_id = int(prefix) if prefix.isdigit() else _DEFAULT_BOT_ID
        self.bot_user: JSONDict = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self._cond = threading.Condition(threading.RLock())
        self._state = ChatState(self.bot_user)
        self._api = BotApi(self._state, self._cond, strict_html=strict_html)
        self._router = Router(token, self._api.methods, self._cond)
        self._http = HttpServer(self._router.dispatch, host, port)

    # ----------------------------------------------------------------------------------------- life

    def start(self) -> FakeTelegram:
        if self._http.running:
            return self
        self._api.closed = False
        self._http.start()
        return self

    def stop(self) -> None:
        if not self._http.running:
            return
        with self._cond:
            self._api.closed = True
            self._cond.notify_all()
        self._http.stop()

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
        return self._http.port

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/bot``; PTB appends ``{token}/{method}``."""
        return f"http://{self._http.host}:{self.port}/bot"

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
            self._state.ensure_chat(chat_id, first_name=first_name, username=username, chat_type=chat_type)

    def set_member(self, chat_id: int, user_id: int, status: str) -> None:
        """What getChatMember answers for ``user_id`` in ``chat_id``: "creator", "administrator", "member",
        "left" or "kicked" (anyone not set is a "member")."""
        with self._cond:
            self._state.ensure_chat(chat_id)
            self._state.members[(chat_id, user_id)] = status

    def block(self, chat_id: int) -> None:
        """The user blocks the bot: sends to ``chat_id`` get 403 "Forbidden: bot was blocked by the user"."""
        with self._cond:
            self._state.ensure_chat(chat_id)
            self._state.blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        with self._cond:
            self._state.blocked.discard(chat_id)

    def flood(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """The next ``times`` calls to ``method`` answer 429 with ``parameters.retry_after``."""
        fault = Fault(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})
        with self._cond:
            self._router.faults.setdefault(method.lower(), []).extend([fault] * times)

    def fail(
        self,
        method: str,
        times: int = 1,
        *,
        code: int = 500,
        description: str = "Internal Server Error",
        after: int = 0,
        action: Callable[[], None] | None = None,
    ) -> None:
        """After ``after`` more calls to ``method`` are answered normally, the next ``times`` answer ``code``
        with ``description`` instead of being carried out (a 5xx by default); ``action`` runs (on the server
        thread) before each such answer, e.g. to kill the client mid-send. Queued behind earlier floods."""
        with self._cond:
            queue = self._router.faults.setdefault(method.lower(), [])
            queue.extend([None] * after)
            queue.extend([Fault(code, description, None, action)] * times)

    def on_call(self, method: str, action: Callable[[], None], *, after: int = 0) -> None:
        """After ``after`` more calls to ``method``, the next one is carried out as usual and then ``action``
        runs (on the server thread) before it is answered: e.g. kill the client once Telegram has the message
        but before the client knows. Queued behind earlier floods and failures."""
        with self._cond:
            queue = self._router.faults.setdefault(method.lower(), [])
            queue.extend([None] * after)
            queue.append(Fault(None, action=action))

    def queue_update(self, update: JSONDict) -> int:
        """Queue a raw update (an ``update_id`` is assigned); returns the update_id.

        Chats appearing in the update (``<kind>.chat`` or ``<kind>.message.chat``) become known.
        """
        with self._cond:
            update_id = self._state.queue_update(update)
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
        reply_to: int | None = None,
        entities: list[JSONDict] | None = None,
    ) -> int:
        """Queue a text message from a user in a private chat (a group when ``chat_id`` is negative or was
        added as one); returns its message_id.

        Bot commands (``/cmd`` or ``/cmd@botname``) get ``bot_command`` entities and ``@username``
        ``mention`` entities, as Telegram sends them; ``entities`` (e.g. a ``text_mention``) are added.
        ``reply_to`` is the message_id (in this chat) the message replies to.
        """
        user = user_json(user_id if user_id is not None else chat_id, first_name, username, language_code)
        with self._cond:
            message_id = self._state.user_message(
                chat_id, text, user, username, reply_to=reply_to, entities=entities
            )
            self._cond.notify_all()
            return message_id

    def edit_user_message(self, chat_id: int, message_id: int, text: str) -> None:
        """The user edits a message they sent: an ``edited_message`` update is queued."""
        with self._cond:
            self._state.edit_user_message(chat_id, message_id, text)
            self._cond.notify_all()

    def set_bot_status(
        self, chat_id: int, status: str, *, by_user_id: int = 1, first_name: str = "Tester"
    ) -> None:
        """A user adds the bot to a group ("member", "administrator") or removes it ("left", "kicked"), or
        blocks it in a private chat ("kicked"): a ``my_chat_member`` update is queued, and while the bot is
        out, sends to the chat answer 403."""
        with self._cond:
            self._state.bot_status(chat_id, status, user_json(by_user_id, first_name, None, "en"))
            self._cond.notify_all()

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
        user = user_json(user_id if user_id is not None else chat_id, first_name, username, "en")
        with self._cond:
            query_id = self._state.press_button(chat_id, message_id, data, user, check_button=check_button)
            self._cond.notify_all()
            return query_id

    # ----------------------------------------------------------------------------------- inspection

    @property
    def requests(self) -> list[Call]:
        """Every request received, in order, as ``(method, params)``."""
        with self._cond:
            return list(self._router.requests)

    @property
    def rejected(self) -> list[Rejection]:
        """Every 4xx answer except deliberate ones (blocked 403, flood 429, superseded getUpdates 409)."""
        with self._cond:
            return list(self._router.rejected)

    @property
    def refused(self) -> list[Rejection]:
        """The deliberate refusals: blocked-chat 403s, flood 429s, injected faults and superseded long polls."""
        with self._cond:
            return list(self._router.refused)

    @property
    def webhook(self) -> Webhook | None:
        """The webhook set with setWebhook (url, secret_token, ...), or None."""
        with self._cond:
            return copy.deepcopy(self._api.webhook)

    def deliver_updates(self, address: str) -> list[int]:
        """As Telegram does while a webhook is set: POST each queued update, oldest first, with the webhook's
        secret, to `address` (the bot's local server, standing in for the public URL); an update is dropped
        from the queue once answered 200, kept otherwise. Returns the HTTP statuses. Blocking."""
        with self._cond:
            if self._api.webhook is None:
                raise RuntimeError("no webhook is set: the bot has not called setWebhook")
            secret = self._api.webhook.secret_token
            updates = copy.deepcopy(self._state.updates)
        statuses = []
        for update in updates:
            status = post_update(address, update, secret)
            statuses.append(status)
            if status == 200:
                with self._cond:
                    self._state.updates = [
                        u for u in self._state.updates if u["update_id"] != update["update_id"]
                    ]
        return statuses

    def take_updates(self) -> list[JSONDict]:
        """Remove the queued updates and return them, e.g. to POST them to webhooks in some other order."""
        with self._cond:
            taken, self._state.updates = self._state.updates, []
            return taken

    @property
    def pending_updates(self) -> int:
        """Number of queued updates the bot has not acknowledged yet (via getUpdates' offset)."""
        with self._cond:
            return len(self._state.updates)

    @property
    def callback_answers(self) -> list[JSONDict]:
        """Parameters of every successful answerCallbackQuery."""
        with self._cond:
            return [dict(answer) for answer in self._state.answered_callbacks]

    def calls(self, method: str) -> list[JSONDict]:
        """Parameters of every request to ``method`` (case-insensitive), accepted or not."""
        with self._cond:
            return [dict(c.params) for c in self._router.requests if c.method.lower() == method.lower()]

    def sent_messages(self, chat_id: int | None = None) -> list[SentMessage]:
        """Successful sendMessage/sendPhoto/editMessageText(/ReplyMarkup) calls, in order, optionally for one chat
        (a photo's ``text`` is its caption, ``photo`` the image)."""
        with self._cond:
            return [copy.deepcopy(m) for m in self._state.sent if chat_id is None or m.chat_id == chat_id]

    def message(self, chat_id: int, message_id: int) -> SentMessage | None:
        """Current state of a bot message (after edits), or None if unknown/deleted."""
        with self._cond:
            stored = self._state.messages.get((chat_id, message_id))
            if stored is None or not stored.from_bot:
                return None
            method = "sendMessage" if stored.edit_date is None else "editMessageText"
            return self._state.snapshot(stored, method)

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """The command list set with setMyCommands for ``scope`` (default scope if None)."""
        with self._cond:
            return copy.deepcopy(self._state.commands.get((scope_key(scope), language_code), []))

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
            recent = [f"{c.method}({_short(c.params)})" for c in self._router.requests[-8:]]
            rejected = [f"{r.method}: {r.description}" for r in self._router.rejected[-5:]]
        what = message or "condition"
        return (
            f"FakeTelegram: timed out after {timeout}s waiting for {what}; "
            f"recent requests: {recent}; rejected: {rejected}"
        )
