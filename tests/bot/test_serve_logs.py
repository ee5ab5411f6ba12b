"""Quiet, safe logs: no secret in any output, one clear line when Telegram cannot be used at start, one line
per outage while running (not a traceback per poll)."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from telegram.error import InvalidToken, NetworkError, TelegramError

from answer.engine import Engine
from bot.settings import Settings
from bot.telegram_bot import build_application
from bot.telegram_bot.logs import REDACTED, ApiHealth, Redactor, setup_logging
from bot.telegram_bot.startup import explain
from tests.fake_telegram import TOKEN, FakeTelegram

REPO = Path(__file__).resolve().parents[2]
WRONG_TOKEN = "987654321:AAWrongTokenWrongTokenWrongToken-xyz"
CHAT = 777


def serve(tmp_path: Path, token: str, base_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "PYTHONPATH": str(REPO),
        "TALENTBOT_DATA_DIR": str(tmp_path / "data"),
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_API_BASE_URL": base_url,
    }
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "serve", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def secret_half(token: str) -> str:
    return token.partition(":")[2]


@pytest.mark.parametrize("args", [(), ("--webhook", "https://bot.example.com/hook")])
def test_a_rejected_token_gives_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    with FakeTelegram() as tg:
        done = serve(tmp_path, WRONG_TOKEN, tg.base_url, *args)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "talentbot: Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized): check it with @BotFather"
    ]
    assert secret_half(WRONG_TOKEN) not in done.stdout + done.stderr


def test_an_unreachable_api_gives_one_line_and_exit_1(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = serve(tmp_path, TOKEN, f"http://127.0.0.1:{port}/bot")
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"talentbot: cannot reach the Telegram Bot API at http://127.0.0.1:{port}/bot (")
    assert secret_half(TOKEN) not in done.stdout + done.stderr


def test_secrets_are_redacted_from_messages_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    redactor = Redactor(Settings(telegram_token=TOKEN, webhook_secret="hook-secret-123").secrets())
    handler.addFilter(redactor)
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    try:
        logger.warning("HTTP Request: POST %s/getMe", f"https://api.telegram.org/bot{TOKEN}")
        logger.warning("quoted %s", TOKEN.replace(":", "%3A"))  # URL-encoded: the secret half still goes
        try:
            raise ValueError(f"the token `{TOKEN}` and hook-secret-123 were rejected")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert secret_half(TOKEN) not in text and "hook-secret-123" not in text
    assert text.count(REDACTED) == 5 and "Traceback" in text


def test_setup_logging_puts_the_redactor_on_every_handler() -> None:
    other = logging.getLogger("tests.own_handler")
    handler = logging.StreamHandler(io.StringIO())
    other.addHandler(handler)
    try:
        redactor = setup_logging(Settings(telegram_token=TOKEN))
        assert redactor in handler.filters
        assert all(redactor in h.filters for h in logging.getLogger().handlers)
    finally:
        other.removeHandler(handler)
        for h in logging.getLogger().handlers:
            h.removeFilter(redactor)


def test_start_up_failures_are_explained_without_the_token() -> None:
    settings = Settings(telegram_token=TOKEN, telegram_api_base_url="http://127.0.0.1:9/bot")
    cases: list[tuple[TelegramError, int]] = [
        (InvalidToken(f"The token `{TOKEN}` was rejected by the server."), 2),
        (NetworkError(f"httpx.ConnectError: cannot connect to /bot{TOKEN}/getMe"), 1),
    ]
    for error, code in cases:
        explained = explain(error, settings)
        assert explained.exit_code == code
        assert secret_half(TOKEN) not in str(explained) and "\n" not in str(explained)


def test_api_health_logs_an_outage_once(caplog: pytest.LogCaptureFixture) -> None:
    health = ApiHealth()
    with caplog.at_level(logging.DEBUG, logger="bot.telegram_bot.logs"):
        for _ in range(50):
            health.failed(NetworkError("httpx.ConnectError: All connection attempts failed"))
        health.succeeded()
        health.succeeded()
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2 and "unreachable" in lines[0] and "50 failed calls" in lines[1]


@pytest.fixture
def port() -> int:
    """A free port, closed again so that the fake can take it (and take it again after the outage)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_an_outage_while_running_logs_a_bounded_number_of_lines(
    tmp_path: Path, small_corpus: Path, small_engine: Engine, port: int, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        corpus_dirs=(small_corpus,),
        telegram_token=TOKEN,
        telegram_api_base_url=f"http://127.0.0.1:{port}/bot",
    )
    caplog.handler.addFilter(Redactor(settings.secrets()))
    application = build_application(settings, small_engine)
    tg = FakeTelegram(port=port).start()
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(  # as run_polling does: polling errors to the error handlers
            timeout=1,
            error_callback=lambda exc: application.create_task(application.process_error(None, exc)) and None,
        )
        tg.stop()
        with caplog.at_level(logging.INFO):
            await asyncio.sleep(5)  # polls fail for 5 s: each would log a traceback
            tg = FakeTelegram(port=port).start()
            tg.send_user_message(CHAT, "who did Moonshot AI hire?")
            await tg.wait_for_async(lambda: tg.sent_messages(CHAT), timeout=30)
        await application.updater.stop()
        await application.stop()
    tg.stop()
    noisy = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(noisy) == 2, noisy
    assert noisy[0].startswith("Telegram Bot API unreachable (NetworkError: httpx.ConnectError")
    assert noisy[1].startswith("Telegram Bot API reachable again after")
    assert not any(r.exc_info or r.exc_text for r in caplog.records if r.levelno >= logging.WARNING)
    assert secret_half(TOKEN) not in caplog.text


def test_httpx_is_the_one_that_logs_urls() -> None:
    """The reason for redaction: httpx logs each request's URL, which carries the token, at INFO."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(Redactor([TOKEN]))
    logger = logging.getLogger("httpx")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.INFO)
    try:
        with FakeTelegram() as tg, httpx.Client() as client:
            client.post(f"{tg.api_url}/getMe")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)
    assert "getMe" in stream.getvalue() and REDACTED in stream.getvalue()
    assert secret_half(TOKEN) not in stream.getvalue()
