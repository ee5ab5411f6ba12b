"""Storage fixtures: every storage test runs against SQLite and against a real PostgreSQL.

The PostgreSQL server comes from the `pgserver` wheel (its own PostgreSQL binaries, a fresh data directory per
test session, listening only on a Unix socket). PostgreSQL refuses to run as root; when the tests run as root
(as CI does) pgserver creates a system user `pgserver` once (with `useradd`), hands it the data directory and
runs initdb and the server as that user, so nothing is installed or started by hand. Each test gets its own
schema, dropped afterwards.
"""

from __future__ import annotations

import dataclasses
import itertools
import tempfile
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import psycopg
import pytest
from telegram.ext import Application

from answer.engine import Engine
from bot.settings import Settings
from bot.store import Store, open_store
from bot.telegram_bot import build_application
from tests.bot.running_bot import running
from tests.fake_telegram import TOKEN, FakeTelegram

BACKENDS = ("sqlite", "postgresql")
_schemas = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of the session's PostgreSQL server's maintenance database."""
    with warnings.catch_warnings():  # platformdirs warns that XDG_RUNTIME_DIR is unset (as in CI)
        warnings.simplefilter("ignore")
        import pgserver

        pgdata = Path(tempfile.mkdtemp(prefix="talentbot-pg-"))  # short: the socket lives there too
        server = pgserver.get_server(pgdata, cleanup_mode="delete")
    try:
        url = server.get_uri()
        with psycopg.connect(url, autocommit=True) as conn:  # test data need not survive a power cut
            conn.execute("ALTER SYSTEM SET fsync = off")
            conn.execute("ALTER SYSTEM SET synchronous_commit = off")
            conn.execute("SELECT pg_reload_conf()")
        yield url
    finally:
        server.cleanup()


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty schema for one test (as good as a database of its own for TalentBot, whose SQL never
    names a schema, and much faster to make than one), dropped afterwards."""
    name = f"talentbot_test_{next(_schemas)}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    yield f"{postgres_server}&options=-csearch_path%3D{name}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{name}" CASCADE')


@pytest.fixture(params=BACKENDS)
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for a fresh, empty store on each backend."""
    if request.param == "sqlite":
        return Settings(data_dir=tmp_path / "data" / "nested")  # parent folders do not exist yet
    return Settings(data_dir=tmp_path / "data", database_url=request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(store_settings: Settings) -> Iterator[Store]:
    with open_store(store_settings) as opened:
        yield opened


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    """The strict fake Bot API on loopback."""
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def bot_settings(tmp_path: Path, tg: FakeTelegram, small_corpus: Path) -> Settings:
    """Settings for a bot talking to the fake, over the small test corpus and SQLite in a fresh directory."""
    return Settings(
        data_dir=tmp_path / "data",
        corpus_dirs=(small_corpus,),
        telegram_token=TOKEN,
        telegram_api_base_url=tg.base_url,
    )


@pytest.fixture
async def app(bot_settings: Settings, small_engine: Engine, tg: FakeTelegram) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The bot running against the fake; the test fails if Telegram would have refused any of its calls."""
    async with running(build_application(bot_settings, small_engine)) as application:
        yield application
    tg.assert_no_rejections()


@pytest.fixture
def sender_settings(store_settings: Settings, tg: FakeTelegram, small_corpus: Path) -> Settings:
    """Settings for a bot or `recap send` on each storage backend, talking to the fake, over the small corpus."""
    return dataclasses.replace(
        store_settings, corpus_dirs=(small_corpus,), telegram_token=TOKEN, telegram_api_base_url=tg.base_url
    )
