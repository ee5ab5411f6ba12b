"""The SQLite backend (the default): one file, WAL mode, a fresh connection per short write transaction."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot.store.base import Backend, Row, Tx

# How long a writer waits for another process's write lock before giving up; every transaction is short.
BUSY_TIMEOUT_S = 30
# Switching a new file to WAL can fail at once with "database is locked" (SQLite skips the busy handler there)
# when several processes open it together: retry this often until BUSY_TIMEOUT_S has passed.
WAL_RETRY_S = 0.05


def _param(value: Any) -> Any:
    """Datetimes as fixed-width UTC ISO text, so that comparing the text compares the times."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return value


class SqliteTx(Tx):
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._db.execute(sql, [_param(p) for p in params]).rowcount

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return [tuple(r) for r in self._db.execute(sql, [_param(p) for p in params]).fetchall()]


class SqliteBackend(Backend):
    name = "sqlite"
    claim_lock = ""  # BEGIN IMMEDIATE already gives the claiming transaction the database's one write lock

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._use_wal()

    def _use_wal(self) -> None:
        """WAL is a property of the file: set it once, retrying while another process holds the lock."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
            finally:
                db.close()
            time.sleep(WAL_RETRY_S)

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("BEGIN IMMEDIATE")
            try:
                yield SqliteTx(db)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.close()

    def location(self) -> str:
        return str(self.path)

    def lock_for_migrations(self, tx: Tx) -> None:
        """BEGIN IMMEDIATE already holds the database's one write lock."""

    def close(self) -> None:
        """Nothing stays open between transactions."""
