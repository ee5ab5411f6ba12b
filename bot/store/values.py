"""Small values every replica must agree on (e.g. a generated webhook secret: the first writer's value wins) and
counters they add to (e.g. the questions answered today)."""

from __future__ import annotations

import datetime as dt

from bot.store.base import Backend, utcnow

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class SharedValues:
    def __init__(self, backend: Backend) -> None:
        self._db = backend

    def get(self, key: str) -> str | None:
        with self._db.transaction() as tx:
            row = tx.one("SELECT value FROM shared_values WHERE key = ?", (key,))
        return None if row is None else str(row[0])

    def setdefault(self, key: str, value: str) -> str:
        """Store `value` unless the key has one already; returns the stored value, the same for every caller."""
        with self._db.transaction() as tx:
            tx.run(
                "INSERT INTO shared_values (key, value, updated) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
                (key, value, utcnow()),
            )
            row = tx.one("SELECT value FROM shared_values WHERE key = ?", (key,))
        assert row is not None
        return str(row[0])

    def increment(self, key: str, by: int = 1) -> int:
        """Add `by` to a counter (created at 0) atomically, whoever else adds at the same time; returns its value."""
        with self._db.transaction() as tx:
            row = tx.one(
                "INSERT INTO shared_values (key, value, updated) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
                "SET value = CAST(CAST(shared_values.value AS BIGINT) + ? AS TEXT), updated = excluded.updated "
                "RETURNING value",
                (key, str(by), utcnow(), by),
            )
        assert row is not None
        return int(row[0])

    def reserve_slot(self, key: str, now: dt.datetime, gap: dt.timedelta) -> dt.datetime:
        """The next free moment of a schedule every process shares (at `now` or later, `gap` after the last one
        handed out), reserved atomically: e.g. ≈30 recap messages a second across all senders together."""
        now_us = (now - _EPOCH) // dt.timedelta(microseconds=1)
        gap_us = gap // dt.timedelta(microseconds=1)
        with self._db.transaction() as tx:
            row = tx.one(
                "INSERT INTO shared_values (key, value, updated) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
                "SET value = CAST(CASE WHEN CAST(shared_values.value AS BIGINT) > ? "
                "THEN CAST(shared_values.value AS BIGINT) ELSE ? END + ? AS TEXT), updated = excluded.updated "
                "RETURNING value",
                (key, str(now_us + gap_us), now, now_us, now_us, gap_us),
            )
        assert row is not None
        return _EPOCH + dt.timedelta(microseconds=int(row[0]) - gap_us)
