"""Who gets the weekly recap: subscribe, unsubscribe, the active list, and chats marked inactive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.store.base import Backend, as_time, required_time, utcnow


@dataclass(frozen=True)
class Subscriber:
    chat_id: int
    active: bool
    subscribed: dt.datetime
    last_sent: dt.datetime | None  # when a recap last reached the chat
    note: str | None  # why the chat is inactive: "unsubscribed", "blocked: ...", "chat not found"


class Subscribers:
    def __init__(self, backend: Backend) -> None:
        self._db = backend

    def subscribe(self, chat_id: int) -> bool:
        """Subscribe (or re-activate) a chat. Returns False when it was already an active subscriber."""
        now = utcnow()
        with self._db.transaction() as tx:
            changed = tx.rows(
                "INSERT INTO subscribers (chat_id, active, subscribed, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET active = excluded.active, updated = excluded.updated, "
                "note = NULL WHERE subscribers.active = ? RETURNING chat_id",
                (chat_id, True, now, now, False),
            )
        return bool(changed)

    def unsubscribe(self, chat_id: int) -> bool:
        """Returns False when the chat was not subscribed."""
        with self._db.transaction() as tx:
            return (
                tx.run(
                    "UPDATE subscribers SET active = ?, updated = ?, note = 'unsubscribed' "
                    "WHERE chat_id = ? AND active = ?",
                    (False, utcnow(), chat_id, True),
                )
                > 0
            )

    def mark_inactive(self, chat_id: int, note: str) -> None:
        with self._db.transaction() as tx:
            tx.run(
                "UPDATE subscribers SET active = ?, updated = ?, note = ? WHERE chat_id = ?",
                (False, utcnow(), note, chat_id),
            )

    def is_active(self, chat_id: int) -> bool:
        with self._db.transaction() as tx:
            row = tx.one("SELECT active FROM subscribers WHERE chat_id = ?", (chat_id,))
        return bool(row and row[0])

    def active(self) -> list[int]:
        with self._db.transaction() as tx:
            rows = tx.rows("SELECT chat_id FROM subscribers WHERE active = ? ORDER BY chat_id", (True,))
        return [int(r[0]) for r in rows]

    def all(self) -> list[Subscriber]:
        with self._db.transaction() as tx:
            rows = tx.rows(
                "SELECT chat_id, active, subscribed, last_sent, note FROM subscribers ORDER BY chat_id"
            )
        return [Subscriber(int(c), bool(a), required_time(s), as_time(ls), n) for c, a, s, ls, n in rows]
