"""News feeds and their poll state: conditional-request validators, successes, failures, the next poll."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.store.base import Backend, Row, as_time, utcnow


@dataclass(frozen=True)
class Feed:
    url: str
    name: str
    etag: str | None = None  # sent back as If-None-Match
    last_modified: str | None = None  # sent back as If-Modified-Since
    last_success: dt.datetime | None = None
    last_error: str | None = None  # of the latest poll; None after a success
    failures: int = 0  # consecutive failed polls
    next_poll: dt.datetime | None = None  # None: as soon as possible
    items_added: int = 0  # articles this feed brought in, all polls together


COLUMNS = "url, name, etag, last_modified, last_success, last_error, failures, next_poll, items_added"


def _feed(row: Row) -> Feed:
    url, name, etag, modified, success, error, failures, next_poll, added = row
    return Feed(
        url, name, etag, modified, as_time(success), error, int(failures), as_time(next_poll), int(added)
    )


class Feeds:
    def __init__(self, backend: Backend) -> None:
        self._db = backend

    def add(self, url: str, name: str) -> bool:
        """Returns False when the feed was already there (its name is then left as it was)."""
        with self._db.transaction() as tx:
            return (
                tx.run(
                    "INSERT INTO feeds (url, name, added) VALUES (?, ?, ?) ON CONFLICT (url) DO NOTHING",
                    (url, name, utcnow()),
                )
                > 0
            )

    def remove(self, url: str) -> bool:
        with self._db.transaction() as tx:
            return tx.run("DELETE FROM feeds WHERE url = ?", (url,)) > 0

    def get(self, url: str) -> Feed | None:
        with self._db.transaction() as tx:
            row = tx.one(f"SELECT {COLUMNS} FROM feeds WHERE url = ?", (url,))
        return None if row is None else _feed(row)

    def all(self) -> list[Feed]:
        with self._db.transaction() as tx:
            return [_feed(r) for r in tx.rows(f"SELECT {COLUMNS} FROM feeds ORDER BY url")]

    def claim_due(self, now: dt.datetime, hold: dt.timedelta) -> Feed | None:
        """The feed whose poll is most overdue, its next poll pushed `hold` ahead so that no other replica
        polls it meanwhile; None when no feed is due. The poll's result then sets the real next poll."""
        with self._db.transaction() as tx:
            row = tx.one(
                f"SELECT {COLUMNS} FROM feeds WHERE next_poll IS NULL OR next_poll <= ? "
                "ORDER BY next_poll IS NOT NULL, next_poll, url LIMIT 1",
                (now,),
            )
            if row is None:
                return None
            url = row[0]
            claimed = tx.run(
                "UPDATE feeds SET next_poll = ? WHERE url = ? AND (next_poll IS NULL OR next_poll <= ?)",
                (now + hold, url, now),
            )
        return _feed(row) if claimed else None

    def record_success(
        self,
        url: str,
        now: dt.datetime,
        next_poll: dt.datetime,
        *,
        etag: str | None,
        last_modified: str | None,
        items_added: int,
    ) -> None:
        with self._db.transaction() as tx:
            tx.run(
                "UPDATE feeds SET etag = ?, last_modified = ?, last_success = ?, last_error = NULL, "
                "failures = 0, next_poll = ?, items_added = items_added + ? WHERE url = ?",
                (etag, last_modified, now, next_poll, items_added, url),
            )

    def record_failure(self, url: str, error: str, next_poll: dt.datetime) -> int:
        """Returns the number of failures in a row, for the caller's back-off."""
        with self._db.transaction() as tx:
            row = tx.one(
                "UPDATE feeds SET last_error = ?, failures = failures + 1, next_poll = ? WHERE url = ? "
                "RETURNING failures",
                (error, next_poll, url),
            )
        return 0 if row is None else int(row[0])
