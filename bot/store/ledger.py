"""The recap delivery ledger: one row per (chat, recap edition), claimed atomically, marked sent only after
Telegram accepted the message; and the schedule runs that let one replica open a scheduled edition.

A claim is a lease: a sender killed mid-send leaves its row claimed until `lease_until`; then the next claim
settles it. A row whose request was in flight when its sender died (`sending_since` set: Telegram had the
message, or was about to) counts as delivered, "presumed", since sending it again would most likely repeat it;
a row whose sender died between requests (a back-off wait, before the first request) is claimed and sent again.
Every change to a claimed row checks that the same worker still holds it.

Each row has a `due` time (the chat's own local recap time; rows are added once due) and a `variant`: which of
the edition's frozen texts the chat gets (its recap day and date style); rows without one get the edition's text.
A chat that paused its recap (`chat_settings.recap_enabled`) or unsubscribed is skipped until it resumes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.store.base import Backend, Tx, required_time

# The rows one claim may pick: pending ones not touched since the claiming run began whose retry time has come
# (or any, when the run ignores back-off), and claims whose sender died between two requests.
CLAIMABLE = (
    "d.edition = ? AND s.active = ? AND (c.recap_enabled IS NULL OR c.recap_enabled = ?) "
    "AND (d.due IS NULL OR d.due <= ?) AND ((d.state = 'pending' AND d.updated < ? "
    "AND (? OR d.next_attempt IS NULL OR d.next_attempt <= ?)) "
    "OR (d.state = 'claimed' AND d.lease_until <= ? AND d.sending_since IS NULL))"
)
PRESUMED = "presumed delivered: its sender stopped while Telegram had the request"
# Chats whose recap is on: active subscribers that never paused it (no settings row, or recap_enabled).
RECAP_ON = "s.active = ? AND (c.recap_enabled IS NULL OR c.recap_enabled = ?)"


@dataclass(frozen=True)
class Delivery:
    edition: str
    chat_id: int
    attempts: int  # claims of this row so far, this one included
    lease_until: dt.datetime
    variant: str | None = None  # which of the edition's texts; None: the edition's own


@dataclass(frozen=True)
class Due:
    """A chat whose recap of an edition is due: since when, and which of the edition's texts it gets."""

    chat_id: int
    variant: str
    due: dt.datetime


@dataclass(frozen=True)
class Opened:
    edition: str
    text: str  # the edition's text as the first opener froze it
    added: int  # chats added to the edition by this call


@dataclass(frozen=True)
class EditionCounts:
    pending: int = 0  # still to send (including chats whose last try failed)
    claimed: int = 0  # being sent now, or abandoned by a killed sender until its lease ends
    sent: int = 0  # Telegram accepted the message (or, see `presumed`, most likely did)
    presumed: int = 0  # of `sent`: the sender died during the request, so it was not sent again
    blocked: int = 0  # 403 or "chat not found": the subscriber was marked inactive
    skipped: int = 0  # pending, but the chat unsubscribed since: not sent unless it subscribes again


class Ledger:
    def __init__(self, backend: Backend) -> None:
        self._db = backend

    def open_edition(
        self,
        edition: str,
        text: str,
        now: dt.datetime,
        *,
        schedule: tuple[str, str] | None = None,
        worker: str = "",
    ) -> Opened | None:
        """Freeze the edition's text (the first caller's wins) and add every active subscriber not in it yet.
        With `schedule` (job, slot) this happens once per slot: callers after the first get None."""
        with self._db.transaction() as tx:
            if schedule is not None:
                job, slot = schedule
                won = tx.run(
                    "INSERT INTO schedule_runs (job, slot, edition, worker, claimed) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (job, slot) DO NOTHING",
                    (job, slot, edition, worker, now),
                )
                if not won:
                    return None
            tx.run(
                "INSERT INTO editions (edition, text, created) VALUES (?, ?, ?) ON CONFLICT (edition) DO NOTHING",
                (edition, text, now),
            )
            stored = tx.one("SELECT text FROM editions WHERE edition = ?", (edition,))
            added = tx.run(
                "INSERT INTO deliveries (edition, chat_id, state, attempts, due, updated) "
                "SELECT ?, s.chat_id, 'pending', 0, ?, ? FROM subscribers s "
                f"LEFT JOIN chat_settings c ON c.chat_id = s.chat_id WHERE {RECAP_ON} "
                "ON CONFLICT (edition, chat_id) DO NOTHING",
                (edition, now, now, True, True),
            )
        assert stored is not None
        return Opened(edition, str(stored[0]), added)

    def add_due(
        self,
        edition: str,
        texts: Mapping[str, str],
        chats: Iterable[Due],
        now: dt.datetime,
        *,
        schedule: Iterable[tuple[str, str]] = (),
        worker: str = "",
    ) -> int:
        """Add to the edition the chats whose recap is due (each chat once per edition, whoever adds it; a chat
        that stopped its recap meanwhile is left out), freezing each variant's text (the first caller's wins)
        and recording the schedule's (job, slot) runs. Returns the number of chats added by this call."""
        first = next(iter(texts.values()), "")
        with self._db.transaction() as tx:
            tx.run(
                "INSERT INTO editions (edition, text, created) VALUES (?, ?, ?) ON CONFLICT (edition) DO NOTHING",
                (edition, first, now),
            )
            for variant, text in texts.items():
                tx.run(
                    "INSERT INTO edition_texts (edition, variant, text, created) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (edition, variant) DO NOTHING",
                    (edition, variant, text, now),
                )
            added = sum(_add_due(tx, edition, chat, now) for chat in chats)
            for job, slot in schedule:
                tx.run(
                    "INSERT INTO schedule_runs (job, slot, edition, worker, claimed) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (job, slot) DO NOTHING",
                    (job, slot, edition, worker, now),
                )
        return added

    def chats_in(self, edition: str) -> set[int]:
        """The chats the edition has a row for, whatever its state."""
        with self._db.transaction() as tx:
            return {
                int(r[0]) for r in tx.rows("SELECT chat_id FROM deliveries WHERE edition = ?", (edition,))
            }

    def texts(self, edition: str) -> dict[str, str]:
        """The edition's frozen texts, by variant."""
        with self._db.transaction() as tx:
            rows = tx.rows("SELECT variant, text FROM edition_texts WHERE edition = ?", (edition,))
        return {str(v): str(t) for v, t in rows}

    def text(self, edition: str, variant: str | None = None) -> str | None:
        """The edition's frozen text for `variant` (None, or a variant it has no text for: its own text)."""
        with self._db.transaction() as tx:
            row = None
            if variant is not None:
                row = tx.one(
                    "SELECT text FROM edition_texts WHERE edition = ? AND variant = ?", (edition, variant)
                )
            row = row or tx.one("SELECT text FROM editions WHERE edition = ?", (edition,))
        return None if row is None else str(row[0])

    def claim(
        self,
        edition: str,
        worker: str,
        now: dt.datetime,
        lease: dt.timedelta,
        *,
        run_started: dt.datetime,
        honour_backoff: bool = True,
    ) -> Delivery | None:
        """Claim the next row (in chat order) of an active subscriber for `worker` until now + lease, its first
        request starting now; None when no row is left to claim. Rows released since `run_started` are left for
        a later run; without `honour_backoff`, rows that failed in earlier runs are retried at once (an
        operator's `recap send`). Abandoned rows whose request was in flight are settled as presumed sent."""
        with self._db.transaction() as tx:
            tx.run(
                "UPDATE deliveries SET state = 'sent', sent_at = sending_since, sending_since = NULL, "
                "lease_until = NULL, last_error = ?, updated = ? "
                "WHERE edition = ? AND state = 'claimed' AND lease_until <= ? AND sending_since IS NOT NULL",
                (PRESUMED, now, edition, now),
            )
            row = tx.one(
                "WITH picked AS MATERIALIZED (SELECT d.edition AS e, d.chat_id AS c FROM deliveries d "
                "JOIN subscribers s ON s.chat_id = d.chat_id LEFT JOIN chat_settings c ON c.chat_id = d.chat_id "
                f"WHERE {CLAIMABLE} "
                f"ORDER BY d.chat_id LIMIT 1 {self._db.claim_lock}) "
                "UPDATE deliveries SET state = 'claimed', worker = ?, lease_until = ?, sending_since = ?, "
                "attempts = attempts + 1, updated = ? FROM picked WHERE edition = picked.e AND chat_id = picked.c "
                "RETURNING chat_id, attempts, lease_until, variant",
                (
                    *(edition, True, True, now, run_started, not honour_backoff, now, now),
                    *(worker, now + lease, now, now),
                ),
            )
        if row is None:
            return None
        return Delivery(edition, int(row[0]), int(row[1]), required_time(row[2]), row[3])

    def in_flight(self, delivery: Delivery, worker: str, since: dt.datetime | None) -> bool:
        """Record that a request for the row is under way (`since`) or that its last one was answered (None),
        so that a sender dying now is known to have sent it or not. False when `worker` lost the row."""
        with self._db.transaction() as tx:
            return (
                tx.run(
                    "UPDATE deliveries SET sending_since = ? "
                    "WHERE edition = ? AND chat_id = ? AND state = 'claimed' AND worker = ?",
                    (since, delivery.edition, delivery.chat_id, worker),
                )
                > 0
            )

    def mark_sent(self, delivery: Delivery, worker: str, now: dt.datetime, message_id: int) -> bool:
        """Telegram accepted the message. False when `worker` no longer holds the row."""
        with self._db.transaction() as tx:
            done = tx.run(
                "UPDATE deliveries SET state = 'sent', sent_at = ?, message_id = ?, lease_until = NULL, "
                "sending_since = NULL, next_attempt = NULL, last_error = NULL, updated = ? "
                "WHERE edition = ? AND chat_id = ? AND state = 'claimed' AND worker = ?",
                (now, message_id, now, delivery.edition, delivery.chat_id, worker),
            )
            if done:
                tx.run("UPDATE subscribers SET last_sent = ? WHERE chat_id = ?", (now, delivery.chat_id))
        return done > 0

    def mark_blocked(self, delivery: Delivery, worker: str, now: dt.datetime, note: str) -> bool:
        """The chat is gone for good (403, chat not found): the row is closed and the subscriber inactive."""
        with self._db.transaction() as tx:
            done = tx.run(
                "UPDATE deliveries SET state = 'blocked', lease_until = NULL, sending_since = NULL, "
                "last_error = ?, updated = ? "
                "WHERE edition = ? AND chat_id = ? AND state = 'claimed' AND worker = ?",
                (note, now, delivery.edition, delivery.chat_id, worker),
            )
            if done:
                tx.run(
                    "UPDATE subscribers SET active = ?, updated = ?, note = ? WHERE chat_id = ?",
                    (False, now, note, delivery.chat_id),
                )
        return done > 0

    def release(
        self, delivery: Delivery, worker: str, now: dt.datetime, error: str, retry_at: dt.datetime
    ) -> bool:
        """Sending failed for now: the row is pending again, to be retried from `retry_at` (never dropped)."""
        with self._db.transaction() as tx:
            return (
                tx.run(
                    "UPDATE deliveries SET state = 'pending', worker = NULL, lease_until = NULL, "
                    "sending_since = NULL, last_error = ?, next_attempt = ?, updated = ? "
                    "WHERE edition = ? AND chat_id = ? AND state = 'claimed' AND worker = ?",
                    (error, retry_at, now, delivery.edition, delivery.chat_id, worker),
                )
                > 0
            )

    def counts(self, edition: str) -> EditionCounts:
        with self._db.transaction() as tx:
            rows = tx.rows(
                "SELECT CASE WHEN d.state = 'pending' AND (s.active IS NULL OR s.active <> ? "
                "OR c.recap_enabled = ?) THEN 'skipped' "
                "WHEN d.state = 'sent' AND d.last_error = ? THEN 'presumed' "
                "ELSE d.state END AS st, COUNT(*) FROM deliveries d LEFT JOIN subscribers s "
                "ON s.chat_id = d.chat_id LEFT JOIN chat_settings c ON c.chat_id = d.chat_id "
                "WHERE d.edition = ? GROUP BY st",
                (True, False, PRESUMED, edition),
            )
        found = {str(state): int(n) for state, n in rows}
        found["sent"] = found.get("sent", 0) + found.get("presumed", 0)
        return EditionCounts(**found)

    def failed(self, edition: str) -> int:
        """Chats still pending whose last try failed (5xx, network error, flood wait): retried later."""
        with self._db.transaction() as tx:
            row = tx.one(
                "SELECT COUNT(*) FROM deliveries d JOIN subscribers s ON s.chat_id = d.chat_id "
                "WHERE d.edition = ? AND d.state = 'pending' AND d.last_error IS NOT NULL AND s.active = ?",
                (edition, True),
            )
        return 0 if row is None else int(row[0])

    def recent(self, limit: int) -> list[tuple[str, dt.datetime]]:
        """The latest `limit` editions opened, newest first, with when each was opened."""
        with self._db.transaction() as tx:
            rows = tx.rows(
                "SELECT edition, created FROM editions ORDER BY created DESC, edition DESC LIMIT ?", (limit,)
            )
        return [(str(e), required_time(c)) for e, c in rows]

    def unfinished(self, since: dt.datetime) -> list[str]:
        """Editions with chats still to send to that became due (or, without a due time, were opened) since
        `since`, oldest first."""
        with self._db.transaction() as tx:
            rows = tx.rows(
                "SELECT DISTINCT e.edition, e.created FROM editions e JOIN deliveries d ON d.edition = e.edition "
                "JOIN subscribers s ON s.chat_id = d.chat_id LEFT JOIN chat_settings c ON c.chat_id = d.chat_id "
                f"WHERE COALESCE(d.due, e.created) >= ? AND d.state IN ('pending', 'claimed') AND {RECAP_ON} "
                "ORDER BY e.created, e.edition",
                (since, True, True),
            )
        return [str(r[0]) for r in rows]

    def last_slot(self, job: str) -> str | None:
        """The latest slot of `job` that some replica ran (slots are ISO UTC times, so text order is time order)."""
        with self._db.transaction() as tx:
            row = tx.one("SELECT MAX(slot) FROM schedule_runs WHERE job = ?", (job,))
        return None if row is None or row[0] is None else str(row[0])


def _add_due(tx: Tx, edition: str, chat: Due, now: dt.datetime) -> int:
    return tx.run(
        "INSERT INTO deliveries (edition, chat_id, state, attempts, due, variant, updated) "
        "SELECT ?, s.chat_id, 'pending', 0, ?, ?, ? FROM subscribers s "
        f"LEFT JOIN chat_settings c ON c.chat_id = s.chat_id WHERE s.chat_id = ? AND {RECAP_ON} "
        "ON CONFLICT (edition, chat_id) DO NOTHING",
        (edition, chat.due, chat.variant, now, chat.chat_id, True, True),
    )
