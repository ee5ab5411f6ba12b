"""The recap delivery ledger: one row per (chat, recap edition), claimed atomically, marked sent only after
Telegram accepted the message; and the schedule runs that let one replica open a scheduled edition.

A claim is a lease: a sender killed mid-send leaves its row claimed until `lease_until`; then the next claim
settles it. A row whose request was in flight when its sender died (`sending_since` set: Telegram had the
message, or was about to) counts as delivered, "presumed", since sending it again would most likely repeat it;
a row whose sender died between requests (a back-off wait, before the first request) is claimed and sent again.
Every change to a claimed row checks that the same worker still holds it.

Each row has a `due` time (the chat's own local recap time; rows are added once due) and a `variant`: which of
the edition's frozen recaps the chat gets (its recap day and date style); rows without one get the edition's own
parts (or its text).
A chat that paused its recap (`chat_settings.recap_enabled`) or unsubscribed is skipped until it resumes.

An edition is sent in parts (a photo with its caption, then one or more messages; one message for editions
frozen before parts existed), frozen per variant (the photo, the same in every variant of a recap, is kept once),
and each row records how many parts Telegram accepted (`parts_sent`), so a sender that dies between two parts
leaves the row to be finished from the next part: nobody gets the photo twice. A part whose request was in flight
when its sender died counts as delivered, and the row goes on with the next.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence

from bot.store.base import Backend, Row, Tx, required_time
from bot.store.ledger_rows import Delivery, Due, EditionCounts, EditionPart, Opened

__all__ = ["Delivery", "Due", "EditionCounts", "EditionPart", "Ledger", "Opened"]

# The rows one claim may pick: pending ones not touched since the claiming run began whose retry time has come
# (or any, when the run ignores back-off), and claims whose sender died between two requests.
CLAIMABLE = (
    "d.edition = ? AND s.active = ? AND (c.recap_enabled IS NULL OR c.recap_enabled = ?) "
    "AND (d.due IS NULL OR d.due <= ?) AND ((d.state = 'pending' AND d.updated < ? "
    "AND (? OR d.next_attempt IS NULL OR d.next_attempt <= ?)) "
    "OR (d.state = 'claimed' AND d.lease_until <= ? AND d.sending_since IS NULL))"
)
PRESUMED = "presumed delivered: its sender stopped while Telegram had the request"
# An abandoned row whose in-flight part was its variant's last (editions without parts have one).
LAST_PART = (
    "d.parts_sent + 1 >= (SELECT COUNT(*) FROM edition_parts p "
    "WHERE p.edition = d.edition AND p.variant = COALESCE(d.variant, ''))"
)
# The variant an edition's own parts are kept under: what rows without a variant get.
OWN = ""
# Chats whose recap is on: active subscribers that never paused it (no settings row, or recap_enabled).
RECAP_ON = "s.active = ? AND (c.recap_enabled IS NULL OR c.recap_enabled = ?)"


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
        parts: Sequence[EditionPart] = (),
    ) -> Opened | None:
        """Freeze the edition's text and its own `parts` (the first caller's win; without parts the text is sent
        as one message) and add every active subscriber not in it yet. With `schedule` (job, slot) this happens
        once per slot: callers after the first get None."""
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
            _freeze(tx, edition, OWN, parts)
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
        contents: Mapping[str, Sequence[EditionPart]],
        chats: Iterable[Due],
        now: dt.datetime,
        *,
        schedule: Iterable[tuple[str, str]] = (),
        worker: str = "",
    ) -> int:
        """Add to the edition the chats whose recap is due (each chat once per edition, whoever adds it; a chat
        that stopped its recap meanwhile is left out), freezing each variant's parts (the first caller's win)
        and recording the schedule's (job, slot) runs. Returns the number of chats added by this call."""
        first = "\n\n".join(p.text for p in next(iter(contents.values()), ()))
        with self._db.transaction() as tx:
            tx.run(
                "INSERT INTO editions (edition, text, created) VALUES (?, ?, ?) ON CONFLICT (edition) DO NOTHING",
                (edition, first, now),
            )
            for variant, parts in contents.items():
                _freeze(tx, edition, variant, parts)
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

    def variants(self, edition: str) -> set[str]:
        """The variants the edition has frozen parts for."""
        with self._db.transaction() as tx:
            rows = tx.rows("SELECT DISTINCT variant FROM edition_parts WHERE edition = ?", (edition,))
        return {str(r[0]) for r in rows}

    def text(self, edition: str) -> str | None:
        """The edition's own text, as the first opener froze it."""
        with self._db.transaction() as tx:
            row = tx.one("SELECT text FROM editions WHERE edition = ?", (edition,))
        return None if row is None else str(row[0])

    def parts(self, edition: str, variant: str | None = None) -> list[EditionPart] | None:
        """What a chat of the edition gets for `variant`, in order (None, or a variant without parts: the
        edition's own parts, else its text as one message); None for an edition nobody opened."""
        with self._db.transaction() as tx:
            rows = _parts(tx, edition, variant or OWN) or _parts(tx, edition, OWN)
            if not rows:
                row = tx.one("SELECT text FROM editions WHERE edition = ?", (edition,))
                return None if row is None else [EditionPart(str(row[0]))]
        return [EditionPart(str(text), None if photo is None else bytes(photo)) for text, photo in rows]

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
        operator's `recap send`). In abandoned rows whose request was in flight, that part is presumed sent: the
        row is settled as sent when it was the last part, else claimed again from the next part."""
        with self._db.transaction() as tx:
            _settle_in_flight(tx, edition, now)
            row = tx.one(
                "WITH picked AS MATERIALIZED (SELECT d.edition AS e, d.chat_id AS c FROM deliveries d "
                "JOIN subscribers s ON s.chat_id = d.chat_id LEFT JOIN chat_settings c ON c.chat_id = d.chat_id "
                f"WHERE {CLAIMABLE} "
                f"ORDER BY d.chat_id LIMIT 1 {self._db.claim_lock}) "
                "UPDATE deliveries SET state = 'claimed', worker = ?, lease_until = ?, sending_since = ?, "
                "attempts = attempts + 1, updated = ? FROM picked WHERE edition = picked.e AND chat_id = picked.c "
                "RETURNING chat_id, attempts, lease_until, variant, parts_sent",
                (
                    *(edition, True, True, now, run_started, not honour_backoff, now, now),
                    *(worker, now + lease, now, now),
                ),
            )
        if row is None:
            return None
        return Delivery(edition, int(row[0]), int(row[1]), required_time(row[2]), row[3], int(row[4]))

    def mark_part_sent(self, delivery: Delivery, worker: str, now: dt.datetime, part: int) -> bool:
        """Telegram accepted part `part` (from 0) of the row, not its last: the next starts after it. False when
        `worker` no longer holds the row."""
        with self._db.transaction() as tx:
            return (
                tx.run(
                    "UPDATE deliveries SET parts_sent = ?, sending_since = NULL, updated = ? "
                    "WHERE edition = ? AND chat_id = ? AND state = 'claimed' AND worker = ?",
                    (part + 1, now, delivery.edition, delivery.chat_id, worker),
                )
                > 0
            )

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


def _freeze(tx: Tx, edition: str, variant: str, parts: Sequence[EditionPart]) -> None:
    """Keep the variant's parts unless some caller already froze it (its first part decides, so two callers
    never mix their parts); each photo once per edition."""
    for n, part in enumerate(parts):
        digest = None
        if part.photo is not None:
            digest = hashlib.sha256(part.photo).hexdigest()
            tx.run(
                "INSERT INTO edition_photos (edition, digest, photo) VALUES (?, ?, ?) "
                "ON CONFLICT (edition, digest) DO NOTHING",
                (edition, digest, part.photo),
            )
        added = tx.run(
            "INSERT INTO edition_parts (edition, variant, part, text, photo) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (edition, variant, part) DO NOTHING",
            (edition, variant, n, part.text, digest),
        )
        if not added:
            return


def _parts(tx: Tx, edition: str, variant: str) -> list[Row]:
    return tx.rows(
        "SELECT p.text, f.photo FROM edition_parts p LEFT JOIN edition_photos f "
        "ON f.edition = p.edition AND f.digest = p.photo WHERE p.edition = ? AND p.variant = ? ORDER BY p.part",
        (edition, variant),
    )


def _settle_in_flight(tx: Tx, edition: str, now: dt.datetime) -> None:
    """Rows abandoned with a request in flight: that part counts as sent. A row whose last part it was is sent
    ("presumed"); any other is left claimable (lease over, nothing in flight) to go on from the next part."""
    tx.run(
        f"UPDATE deliveries AS d SET state = CASE WHEN {LAST_PART} THEN 'sent' ELSE 'claimed' END, "
        f"sent_at = CASE WHEN {LAST_PART} THEN d.sending_since ELSE d.sent_at END, "
        f"lease_until = CASE WHEN {LAST_PART} THEN NULL ELSE d.lease_until END, "
        "parts_sent = d.parts_sent + 1, sending_since = NULL, last_error = ?, updated = ? "
        "WHERE d.edition = ? AND d.state = 'claimed' AND d.lease_until <= ? AND d.sending_since IS NOT NULL",
        (PRESUMED, now, edition, now),
    )
