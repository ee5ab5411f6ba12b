"""TalentBot's state behind one interface, on SQLite (the default) or PostgreSQL (`TALENTBOT_DATABASE_URL`).

`open_store(settings)` opens the configured database and applies pending schema migrations; the `Store` it
returns groups the tables' accessors: subscribers, per-chat settings, feeds, the recap delivery ledger and the
values replicas share.
"""

from __future__ import annotations

from types import TracebackType

from bot.settings import Settings
from bot.store import migrations
from bot.store.base import Backend, StoreError
from bot.store.chat_settings import ChatSettings, ChatSettingsTable
from bot.store.feeds import Feed, Feeds
from bot.store.ledger import Delivery, Due, EditionCounts, EditionPart, Ledger, Opened
from bot.store.sqlite import SqliteBackend
from bot.store.subscribers import Subscriber, Subscribers
from bot.store.values import SharedValues

__all__ = [
    "Backend",
    "ChatSettings",
    "Delivery",
    "Due",
    "EditionCounts",
    "EditionPart",
    "Feed",
    "Opened",
    "Store",
    "StoreError",
    "Subscriber",
    "open_backend",
    "open_store",
]


class Store:
    """Every table's accessors over one backend; each call is one short transaction, safe from any thread."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.subscribers = Subscribers(backend)
        self.chat_settings = ChatSettingsTable(backend)
        self.feeds = Feeds(backend)
        self.deliveries = Ledger(backend)
        self.values = SharedValues(backend)

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def open_backend(settings: Settings) -> Backend:
    """The configured database, as it is (no migration). Raises StoreError when it cannot be reached."""
    if settings.database_url:
        from bot.store.postgres import PostgresBackend  # psycopg: only when PostgreSQL is configured

        return PostgresBackend(settings.database_url)
    return SqliteBackend(settings.database_path)


def open_store(settings: Settings) -> Store:
    """The configured database with its schema brought up to date. Raises StoreError when it cannot be used."""
    backend = open_backend(settings)
    try:
        migrations.upgrade(backend)
    except BaseException:
        backend.close()
        raise
    return Store(backend)
