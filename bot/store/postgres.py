"""The PostgreSQL backend: psycopg 3 with a connection pool, for several replicas sharing one database."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import conninfo
from psycopg_pool import ConnectionPool, PoolTimeout

from bot.store.base import Backend, Row, StoreError, Tx

# Connections one process keeps at most; the recap sender and the bot's handlers each hold one briefly.
POOL_MAX = 8
# How long opening the store waits for a first connection before saying the database is unreachable.
CONNECT_TIMEOUT_S = 10.0
# Key of the advisory lock that lets one process at a time apply migrations (any constant bigint works).
MIGRATION_LOCK_KEY = 7_240_511_010


def _sql(text: str) -> str:
    """The shared SQL uses `?` placeholders; psycopg uses `%s` (no statement contains a literal `?` or `%`)."""
    return text.replace("?", "%s")


class PostgresTx(Tx):
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._conn.execute(_sql(sql), params).rowcount

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = self._conn.execute(_sql(sql), params)
        return [tuple(r) for r in cursor.fetchall()] if cursor.description is not None else []


def redact(url: str) -> str:
    """The URL as people may see it: no password, wherever the URL put it."""
    try:
        parts = conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "postgresql://(unparseable URL)"
    user = f"{parts['user']}@" if parts.get("user") else ""
    host = str(parts.get("host") or "localhost")
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname') or ''}"


class PostgresBackend(Backend):
    name = "postgresql"
    claim_lock = (
        "FOR UPDATE OF d SKIP LOCKED"  # a row another sender is claiming is passed over, not waited for
    )

    def __init__(self, url: str) -> None:
        self.url = url
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            url,
            min_size=1,
            max_size=POOL_MAX,
            kwargs={"autocommit": True},  # each transaction() block is the one explicit transaction
            check=ConnectionPool.check_connection,  # a connection dropped by a server restart is replaced
            open=False,
            name="talentbot",
        )
        self._probe()
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout as exc:
            self._pool.close()
            raise StoreError(f"cannot connect to the database at {redact(url)}: timed out") from exc

    def _probe(self) -> None:
        """One direct connection first, so that an unreachable server or a refused login is one clear line."""
        try:
            psycopg.connect(self.url, connect_timeout=int(CONNECT_TIMEOUT_S)).close()
        except psycopg.Error as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise StoreError(f"cannot connect to the database at {redact(self.url)}: {reason}") from exc

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        with self._pool.connection() as conn, conn.transaction():
            yield PostgresTx(conn)

    def location(self) -> str:
        return redact(self.url)

    def lock_for_migrations(self, tx: Tx) -> None:
        tx.rows("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK_KEY,))

    def close(self) -> None:
        self._pool.close()
