"""The schema, as numbered migrations for each backend, and the `schema_version` table that records them.

A migration is applied in one transaction together with its `schema_version` row, under a lock, so replicas
starting at once apply each migration once. Migration 1 is the subscriber table SQLite databases already had
(before versioning), so an existing `talentbot.sqlite3` is adopted as it is. Add a migration at the end; never
edit one that was released.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.store.base import Backend, StoreError, Tx, as_time, utcnow


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sqlite: tuple[str, ...]
    postgresql: tuple[str, ...]

    def statements(self, backend: str) -> tuple[str, ...]:
        return self.sqlite if backend == "sqlite" else self.postgresql


# Migration 6 folds the per-variant texts of migration 5 into the parts table: each text becomes its variant's
# one part (a message), so an edition opened before parts existed is sent as it was frozen.
PARTS_FROM_TEXTS = (
    "INSERT INTO edition_parts (edition, variant, part, text) SELECT edition, variant, 0, text FROM edition_texts",
    "DROP TABLE edition_texts",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "subscribers",
        sqlite=(
            "CREATE TABLE IF NOT EXISTS subscribers (chat_id INTEGER PRIMARY KEY, "
            "active INTEGER NOT NULL DEFAULT 1, subscribed TEXT NOT NULL, updated TEXT NOT NULL, "
            "last_sent TEXT, note TEXT)",
        ),
        postgresql=(
            "CREATE TABLE IF NOT EXISTS subscribers (chat_id BIGINT PRIMARY KEY, "
            "active BOOLEAN NOT NULL DEFAULT TRUE, subscribed TIMESTAMPTZ NOT NULL, updated TIMESTAMPTZ NOT NULL, "
            "last_sent TIMESTAMPTZ, note TEXT)",
        ),
    ),
    Migration(
        2,
        "per-chat settings and news feeds",
        sqlite=(
            "CREATE TABLE chat_settings (chat_id INTEGER PRIMARY KEY, recap_enabled INTEGER NOT NULL DEFAULT 1, "
            "recap_day INTEGER, recap_time TEXT, timezone TEXT, date_language TEXT, updated TEXT NOT NULL)",
            "CREATE TABLE feeds (url TEXT PRIMARY KEY, name TEXT NOT NULL, etag TEXT, last_modified TEXT, "
            "last_success TEXT, last_error TEXT, failures INTEGER NOT NULL DEFAULT 0, next_poll TEXT, "
            "items_added INTEGER NOT NULL DEFAULT 0, added TEXT NOT NULL)",
            "CREATE INDEX feeds_next_poll ON feeds (next_poll)",
        ),
        postgresql=(
            "CREATE TABLE chat_settings (chat_id BIGINT PRIMARY KEY, recap_enabled BOOLEAN NOT NULL DEFAULT TRUE, "
            "recap_day SMALLINT, recap_time TEXT, timezone TEXT, date_language TEXT, updated TIMESTAMPTZ NOT NULL)",
            "CREATE TABLE feeds (url TEXT PRIMARY KEY, name TEXT NOT NULL, etag TEXT, last_modified TEXT, "
            "last_success TIMESTAMPTZ, last_error TEXT, failures INTEGER NOT NULL DEFAULT 0, "
            "next_poll TIMESTAMPTZ, items_added INTEGER NOT NULL DEFAULT 0, added TIMESTAMPTZ NOT NULL)",
            "CREATE INDEX feeds_next_poll ON feeds (next_poll)",
        ),
    ),
    Migration(
        3,
        "recap delivery ledger and schedule runs",
        sqlite=(
            "CREATE TABLE editions (edition TEXT PRIMARY KEY, text TEXT NOT NULL, created TEXT NOT NULL)",
            "CREATE TABLE deliveries (edition TEXT NOT NULL REFERENCES editions (edition), "
            "chat_id INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending' "
            "CHECK (state IN ('pending', 'claimed', 'sent', 'blocked')), attempts INTEGER NOT NULL DEFAULT 0, "
            "worker TEXT, lease_until TEXT, sending_since TEXT, next_attempt TEXT, last_error TEXT, "
            "message_id INTEGER, sent_at TEXT, updated TEXT NOT NULL, PRIMARY KEY (edition, chat_id))",
            "CREATE INDEX deliveries_by_state ON deliveries (edition, state)",
            "CREATE TABLE schedule_runs (job TEXT NOT NULL, slot TEXT NOT NULL, edition TEXT NOT NULL, "
            "worker TEXT NOT NULL, claimed TEXT NOT NULL, PRIMARY KEY (job, slot))",
        ),
        postgresql=(
            "CREATE TABLE editions (edition TEXT PRIMARY KEY, text TEXT NOT NULL, created TIMESTAMPTZ NOT NULL)",
            "CREATE TABLE deliveries (edition TEXT NOT NULL REFERENCES editions (edition), "
            "chat_id BIGINT NOT NULL, state TEXT NOT NULL DEFAULT 'pending' "
            "CHECK (state IN ('pending', 'claimed', 'sent', 'blocked')), attempts INTEGER NOT NULL DEFAULT 0, "
            "worker TEXT, lease_until TIMESTAMPTZ, sending_since TIMESTAMPTZ, next_attempt TIMESTAMPTZ, "
            "last_error TEXT, message_id BIGINT, sent_at TIMESTAMPTZ, updated TIMESTAMPTZ NOT NULL, "
            "PRIMARY KEY (edition, chat_id))",
            "CREATE INDEX deliveries_by_state ON deliveries (edition, state)",
            "CREATE TABLE schedule_runs (job TEXT NOT NULL, slot TEXT NOT NULL, edition TEXT NOT NULL, "
            "worker TEXT NOT NULL, claimed TIMESTAMPTZ NOT NULL, PRIMARY KEY (job, slot))",
        ),
    ),
    Migration(
        4,
        "values shared by replicas",
        sqlite=(
            "CREATE TABLE shared_values (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated TEXT NOT NULL)",
        ),
        postgresql=(
            "CREATE TABLE shared_values (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated TIMESTAMPTZ NOT NULL)",
        ),
    ),
    Migration(
        5,
        "per-chat recap times and date styles",
        sqlite=(
            "ALTER TABLE deliveries ADD COLUMN due TEXT",
            "ALTER TABLE deliveries ADD COLUMN variant TEXT",
            "CREATE TABLE edition_texts (edition TEXT NOT NULL REFERENCES editions (edition), "
            "variant TEXT NOT NULL, text TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (edition, variant))",
        ),
        postgresql=(
            "ALTER TABLE deliveries ADD COLUMN due TIMESTAMPTZ",
            "ALTER TABLE deliveries ADD COLUMN variant TEXT",
            "CREATE TABLE edition_texts (edition TEXT NOT NULL REFERENCES editions (edition), "
            "variant TEXT NOT NULL, text TEXT NOT NULL, created TIMESTAMPTZ NOT NULL, "
            "PRIMARY KEY (edition, variant))",
        ),
    ),
    Migration(
        6,
        "recap editions in parts (a photo, then messages) per variant, and how far each chat got",
        sqlite=(
            "CREATE TABLE edition_photos (edition TEXT NOT NULL REFERENCES editions (edition), "
            "digest TEXT NOT NULL, photo BLOB NOT NULL, PRIMARY KEY (edition, digest))",
            "CREATE TABLE edition_parts (edition TEXT NOT NULL REFERENCES editions (edition), "
            "variant TEXT NOT NULL, part INTEGER NOT NULL, text TEXT NOT NULL, photo TEXT, "
            "PRIMARY KEY (edition, variant, part), "
            "FOREIGN KEY (edition, photo) REFERENCES edition_photos (edition, digest))",
            *PARTS_FROM_TEXTS,
            "ALTER TABLE deliveries ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0",
        ),
        postgresql=(
            "CREATE TABLE edition_photos (edition TEXT NOT NULL REFERENCES editions (edition), "
            "digest TEXT NOT NULL, photo BYTEA NOT NULL, PRIMARY KEY (edition, digest))",
            "CREATE TABLE edition_parts (edition TEXT NOT NULL REFERENCES editions (edition), "
            "variant TEXT NOT NULL, part INTEGER NOT NULL, text TEXT NOT NULL, photo TEXT, "
            "PRIMARY KEY (edition, variant, part), "
            "FOREIGN KEY (edition, photo) REFERENCES edition_photos (edition, digest))",
            *PARTS_FROM_TEXTS,
            "ALTER TABLE deliveries ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0",
        ),
    ),
)
LATEST = MIGRATIONS[-1].version

VERSION_TABLE = {
    "sqlite": "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied TEXT NOT NULL)",
    "postgresql": "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied TIMESTAMPTZ NOT NULL)",
}


@dataclass(frozen=True)
class Applied:
    version: int
    name: str
    applied: dt.datetime


@dataclass(frozen=True)
class SchemaStatus:
    applied: tuple[Applied, ...]
    pending: tuple[Migration, ...]

    @property
    def version(self) -> int:
        return max((a.version for a in self.applied), default=0)

    @property
    def too_new(self) -> bool:
        return self.version > LATEST


def _versioned(tx: Tx, backend: Backend) -> list[Applied]:
    backend.lock_for_migrations(tx)
    tx.run(VERSION_TABLE[backend.name])
    rows = tx.rows("SELECT version, name, applied FROM schema_version ORDER BY version")
    return [Applied(int(v), str(n), as_time(a) or utcnow()) for v, n, a in rows]


def status(backend: Backend) -> SchemaStatus:
    with backend.transaction() as tx:
        applied = _versioned(tx, backend)
    done = {a.version for a in applied}
    return SchemaStatus(tuple(applied), tuple(m for m in MIGRATIONS if m.version not in done))


def upgrade(backend: Backend) -> list[Migration]:
    """Apply the pending migrations in order (each once, whoever else is upgrading); returns those applied here.
    Raises StoreError when the database was migrated by a newer TalentBot."""
    ran: list[Migration] = []
    for migration in MIGRATIONS:
        with backend.transaction() as tx:
            applied = _versioned(tx, backend)
            if any(a.version >= migration.version for a in applied):
                continue
            for statement in migration.statements(backend.name):
                tx.run(statement)
            tx.run(
                "INSERT INTO schema_version (version, name, applied) VALUES (?, ?, ?)",
                (migration.version, migration.name, utcnow()),
            )
        ran.append(migration)
    check_not_newer(status(backend), backend)
    return ran


def check_not_newer(current: SchemaStatus, backend: Backend) -> None:
    if current.too_new:
        raise StoreError(
            f"the database at {backend.location()} has schema version {current.version}, newer than this "
            f"TalentBot knows ({LATEST}): upgrade TalentBot"
        )
