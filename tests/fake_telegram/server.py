"""The HTTP side: a threaded server on loopback, routing ``/bot<token>/<method>``, injected faults.

PTB requests ``{base_url}{token}/{method}`` and encodes parameters as
``application/x-www-form-urlencoded`` (or ``multipart/form-data`` when uploading files) where string
values are sent as-is and every other value (ints, bools, reply_markup, ...) is JSON-encoded. Plain
``application/json`` bodies and GET query strings are accepted too, as Telegram does.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from tests.fake_telegram.params import ApiError, decode_body
from tests.fake_telegram.records import Call, JSONDict, Rejection

#: A well-formed default bot token (``<bot id>:<35 characters>``).
TOKEN = "123456789:AAFakeTelegramTokenForTests-0123456"

_TOKEN_RE = re.compile(r"[0-9]+:[A-Za-z0-9_-]+")
_PATH_RE = re.compile(r"/bot([^/]*)/([^/]+)")
# How often the serving thread checks for shutdown, in seconds.
_POLL_INTERVAL = 0.05
# How long stop() waits for the serving thread, in seconds.
_JOIN_TIMEOUT = 5

Dispatch = Callable[[str, str, str, bytes], tuple[int, JSONDict]]


@dataclass(frozen=True)
class Fault:
    """An injected error answer (`code`), or with `code` None the call carried out as usual; `action` runs on
    the server thread before the answer is sent (after the call, when it is carried out), e.g. to kill the
    client."""

    code: int | None
    description: str = ""
    parameters: JSONDict | None = None
    action: Callable[[], None] | None = None


class Router:
    """Checks the token, routes to a method, answers the queued 429s and records every request."""

    def __init__(
        self,
        token: str,
        methods: Mapping[str, tuple[str, Callable[[JSONDict], Any]]],
        cond: threading.Condition,
    ) -> None:
        self.token = token
        self.methods = methods
        self.cond = cond
        self.requests: list[Call] = []
        self.rejected: list[Rejection] = []
        self.refused: list[Rejection] = []
        #: lower-cased method name -> the next calls' injected answers, in order (None: answer normally)
        self.faults: dict[str, list[Fault | None]] = {}

    def dispatch(self, path: str, query: str, content_type: str, body: bytes) -> tuple[int, JSONDict]:
        """Answer one request: (HTTP status, Telegram's JSON answer)."""
        match = _PATH_RE.fullmatch(path)
        method = match.group(2) if match else path
        params: JSONDict = {}
        try:
            try:
                params = decode_body(content_type, body, query)
            finally:
                if match is not None:
                    entry = self.methods.get(method.lower())
                    if entry is not None:
                        method = entry[0]
                with self.cond:
                    self.requests.append(Call(method, dict(params), time.monotonic()))
                    self.cond.notify_all()
            return 200, {"ok": True, "result": self._call(match, method, params)}
        except ApiError as err:
            return self._refuse(err, method, params)
        except Exception as exc:  # a bug in the fake: report it loudly as a 500
            return 500, {"ok": False, "error_code": 500, "description": f"Internal Server Error: {exc!r}"}

    def _call(self, match: re.Match[str] | None, method: str, params: JSONDict) -> Any:
        if match is None:
            raise ApiError(404, "Not Found")
        token = match.group(1)
        if token != self.token:
            if _TOKEN_RE.fullmatch(token):
                raise ApiError(401, "Unauthorized")
            raise ApiError(404, "Not Found")
        entry = self.methods.get(method.lower())
        if entry is None:
            raise ApiError(404, "Not Found")
        with self.cond:
            faults = self.faults.get(method.lower())
            fault = faults.pop(0) if faults else None
            if fault is not None and fault.code is not None:
                if fault.action is not None:
                    fault.action()
                raise ApiError(fault.code, fault.description, deliberate=True, parameters=fault.parameters)
            result = entry[1](params)
            if fault is not None and fault.action is not None:
                fault.action()
            self.cond.notify_all()
        return result

    def _refuse(self, err: ApiError, method: str, params: JSONDict) -> tuple[int, JSONDict]:
        with self.cond:
            record = Rejection(method, dict(params), err.description)
            if err.deliberate:
                self.refused.append(record)
            elif 400 <= err.code < 500:
                self.rejected.append(record)
            self.cond.notify_all()
        payload: JSONDict = {"ok": False, "error_code": err.code, "description": err.description}
        if err.parameters:
            payload["parameters"] = err.parameters
        return err.code, payload


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, dispatch: Dispatch, address: tuple[str, int]) -> None:
        super().__init__(address, _Handler)
        self.dispatch = dispatch
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
        status, payload = self.server.dispatch(
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


class HttpServer:
    """Serves ``dispatch`` on ``host:port`` (0: any free port) from a daemon thread."""

    def __init__(self, dispatch: Dispatch, host: str, port: int) -> None:
        self.dispatch = dispatch
        self.host = host
        self._requested_port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeTelegram is not running; use it as a context manager or call start()")
        return int(self._server.server_address[1])

    def start(self) -> None:
        self._server = _Server(self.dispatch, (self.host, self._requested_port))
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": _POLL_INTERVAL},
            name="FakeTelegram",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Shut down, cutting open connections (such as pending long polls)."""
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        server.server_close()
        with server.connections_lock:
            connections = list(server.connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        if thread is not None:
            thread.join(timeout=_JOIN_TIMEOUT)
        self._server = None
        self._thread = None
