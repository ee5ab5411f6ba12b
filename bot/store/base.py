"""The storage interface: a backend runs short transactions; the tables' accessors are written once over it.

Both backends speak the same SQL (with `?` placeholders) except for the schema's types, the row-locking clause
a delivery claim adds and the lock that serialises migrations. Times are aware UTC datetimes in Python.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

Row = tuple[Any, ...]


class StoreError(RuntimeError):
    """The database cannot be used (unreachable, or its schema is newer than this TalentBot); says why."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_time(value: object) -> dt.datetime | None:
    """A stored time (SQLite: ISO text; PostgreSQL: timestamptz) as an aware UTC datetime."""
    if value is None:
        return None
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    if when.tzinfo is None:  # never written by TalentBot, but a hand-edited row should not crash a reader
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def required_time(value: object) -> dt.datetime:
    """A time from a NOT NULL column."""
    when = as_time(value)
    if when is None:
        raise StoreError("a required time is missing from the database")
    return when


class Tx(ABC):
    """One open transaction: everything run through it commits together or not at all."""

    @abstractmethod
    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; returns the number of rows it changed."""

    @abstractmethod
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one statement that returns rows (SELECT, or a change with RETURNING)."""

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None


class Backend(ABC):
    """A database TalentBot keeps its state in: SQLite (the default) or PostgreSQL."""

    #: "sqlite" or "postgresql": which of each migration's scripts applies
    name: str
    #: added to the SELECT that picks rows to claim, so concurrent claimers skip each other's rows
    claim_lock: str

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Tx]:
        """A write transaction: committed when the block ends, rolled back when it raises."""

    @abstractmethod
    def location(self) -> str:
        """Where the data is, for people: a file path, or a URL without its password."""

    @abstractmethod
    def lock_for_migrations(self, tx: Tx) -> None:
        """Hold, until `tx` ends, the lock that lets one process at a time apply migrations."""

    @abstractmethod
    def close(self) -> None:
        """Release connections; the backend is not used afterwards."""
