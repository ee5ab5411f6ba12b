"""Who gets the weekly recap: a small SQLite store (WAL mode, one short transaction per change)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS subscribers (
    chat_id     INTEGER PRIMARY KEY,
    active      INTEGER NOT NULL DEFAULT 1,
    subscribed  TEXT NOT NULL,
    updated     TEXT NOT NULL,
    last_sent   TEXT,
    note        TEXT
)
"""


@dataclass(frozen=True)
class Subscriber:
    chat_id: int
    active: bool
    subscribed: str
    last_sent: str | None
    note: str | None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class SubscriberStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.close()

    def subscribe(self, chat_id: int) -> bool:
        """Subscribe (or re-activate) a chat. Returns False when it was already an active subscriber."""
        with self._connect() as db:
            row = db.execute("SELECT active FROM subscribers WHERE chat_id = ?", (chat_id,)).fetchone()
            if row is not None and row[0]:
                return False
            now = _now()
            db.execute(
                "INSERT INTO subscribers (chat_id, active, subscribed, updated) VALUES (?, 1, ?, ?) "
                "ON CONFLICT(chat_id) DO UPDATE SET active = 1, updated = excluded.updated, note = NULL",
                (chat_id, now, now),
            )
            return True

    def unsubscribe(self, chat_id: int) -> bool:
        """Returns False when the chat was not subscribed."""
        with self._connect() as db:
            cur = db.execute(
                "UPDATE subscribers SET active = 0, updated = ?, note = 'unsubscribed' "
                "WHERE chat_id = ? AND active = 1",
                (_now(), chat_id),
            )
            return cur.rowcount > 0

    def mark_inactive(self, chat_id: int, note: str) -> None:
        with self._connect() as db:
            db.execute(
                "UPDATE subscribers SET active = 0, updated = ?, note = ? WHERE chat_id = ?",
                (_now(), note, chat_id),
            )

    def mark_sent(self, chat_id: int) -> None:
        with self._connect() as db:
            db.execute("UPDATE subscribers SET last_sent = ? WHERE chat_id = ?", (_now(), chat_id))

    def is_active(self, chat_id: int) -> bool:
        with self._connect() as db:
            row = db.execute("SELECT active FROM subscribers WHERE chat_id = ?", (chat_id,)).fetchone()
            return bool(row and row[0])

    def active(self) -> list[int]:
        with self._connect() as db:
            return [
                r[0] for r in db.execute("SELECT chat_id FROM subscribers WHERE active = 1 ORDER BY chat_id")
            ]

    def all(self) -> list[Subscriber]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT chat_id, active, subscribed, last_sent, note FROM subscribers ORDER BY chat_id"
            ).fetchall()
        return [Subscriber(r[0], bool(r[1]), r[2], r[3], r[4]) for r in rows]
