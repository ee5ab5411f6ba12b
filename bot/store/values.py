"""Small values every replica must agree on (e.g. a generated webhook secret: the first writer's value wins) and
counters they add to (e.g. the questions answered today)."""

from __future__ import annotations

from bot.store.base import Backend, utcnow


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
