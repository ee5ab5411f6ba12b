"""The subscriber store on both backends: subscribe/unsubscribe semantics, durability, WAL mode, crashes, threads."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.store import Store, open_store
from bot.store.base import utcnow


def test_subscribe_unsubscribe_resubscribe(store: Store) -> None:
    subs = store.subscribers
    assert subs.subscribe(42) is True
    assert subs.is_active(42)
    assert subs.subscribe(42) is False  # already subscribed
    assert subs.active() == [42]

    assert subs.unsubscribe(42) is True
    assert not subs.is_active(42)
    assert subs.unsubscribe(42) is False  # not subscribed any more
    assert subs.active() == []

    assert subs.subscribe(42) is True  # re-subscribing works
    assert subs.is_active(42)
    assert subs.active() == [42]


def test_unsubscribe_unknown_chat(store: Store) -> None:
    assert store.subscribers.unsubscribe(7) is False
    assert not store.subscribers.is_active(7)
    assert store.subscribers.all() == []


def test_resubscribe_keeps_one_row_and_clears_the_note(store: Store) -> None:
    subs = store.subscribers
    subs.subscribe(5)
    first = subs.all()[0].subscribed
    subs.unsubscribe(5)
    assert subs.all()[0].note == "unsubscribed"

    subs.subscribe(5)

    (row,) = subs.all()
    assert row.chat_id == 5 and row.active and row.note is None
    assert row.subscribed == first


def test_active_lists_only_active_chats_in_order(store: Store) -> None:
    subs = store.subscribers
    for chat in (30, -1001234567890, 10, 20):  # a supergroup id needs 64 bits
        subs.subscribe(chat)
    subs.unsubscribe(20)

    assert subs.active() == [-1001234567890, 10, 30]
    assert [s.chat_id for s in subs.all()] == [-1001234567890, 10, 20, 30]


def test_mark_inactive_removes_from_active(store: Store) -> None:
    subs = store.subscribers
    subs.subscribe(1)
    subs.subscribe(2)

    subs.mark_inactive(1, "blocked by user")

    assert subs.active() == [2]
    assert not subs.is_active(1)
    row = next(s for s in subs.all() if s.chat_id == 1)
    assert not row.active and row.note == "blocked by user"
    assert subs.subscribe(1) is True  # the chat can come back


def test_a_delivered_recap_sets_last_sent(store: Store) -> None:
    subs = store.subscribers
    subs.subscribe(1)
    subs.subscribe(2)
    assert all(s.last_sent is None for s in subs.all())
    store.deliveries.open_edition("2026-W48", "recap", utcnow())

    before = utcnow()
    delivery = store.deliveries.claim(
        "2026-W48", "me", utcnow(), dt.timedelta(minutes=1), run_started=utcnow()
    )
    assert delivery is not None
    store.deliveries.mark_sent(delivery, "me", utcnow(), message_id=1)
    after = utcnow()

    rows = {s.chat_id: s for s in subs.all()}
    sent = rows[1].last_sent
    assert sent is not None
    assert before <= sent <= after
    assert rows[2].last_sent is None
    assert subs.active() == [1, 2]  # sending does not change who is subscribed


def test_sqlite_database_is_in_wal_mode(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    with open_store(settings) as store:
        store.subscribers.subscribe(1)
    with sqlite3.connect(settings.database_path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_data_survives_reopening(store_settings: Settings) -> None:
    with open_store(store_settings) as first:
        first.subscribers.subscribe(1)
        first.subscribers.subscribe(2)
        first.subscribers.unsubscribe(2)

    with open_store(store_settings) as reopened:
        assert reopened.subscribers.active() == [1]
        assert reopened.subscribers.subscribe(1) is False
        assert reopened.subscribers.subscribe(2) is True


def test_a_crash_mid_transaction_leaves_the_previous_state(store: Store, store_settings: Settings) -> None:
    store.subscribers.subscribe(1)
    store.subscribers.subscribe(2)

    with pytest.raises(RuntimeError, match="crash"), store.backend.transaction() as tx:
        tx.run("UPDATE subscribers SET active = ? WHERE chat_id = 1", (False,))
        tx.run(
            "INSERT INTO subscribers (chat_id, active, subscribed, updated) VALUES (3, ?, ?, ?)",
            (True, utcnow(), utcnow()),
        )
        tx.run("DELETE FROM subscribers WHERE chat_id = 2")
        raise RuntimeError("crash")

    assert store.subscribers.active() == [1, 2]
    with open_store(store_settings) as other:
        assert other.subscribers.active() == [1, 2]
    # The database is not left locked: the next change goes through.
    assert store.subscribers.subscribe(3) is True
    assert store.subscribers.active() == [1, 2, 3]


def test_a_crash_inside_a_method_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.subscribers.subscribe(1)

    def boom() -> dt.datetime:
        raise OSError("clock failed")

    monkeypatch.setattr("bot.store.subscribers.utcnow", boom)
    with pytest.raises(OSError):
        store.subscribers.unsubscribe(1)
    monkeypatch.undo()

    assert store.subscribers.active() == [1]


@pytest.mark.timeout(120)
def test_two_threads_subscribing_at_once_lose_nothing(store: Store, store_settings: Settings) -> None:
    shared = store.subscribers
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def subscribe_range(first: int, own_store: bool) -> None:
        with open_store(store_settings) as own:
            subs = own.subscribers if own_store else shared
            start.wait()
            try:
                for chat in range(first, first + 200):
                    assert subs.subscribe(chat) is True
            except BaseException as exc:
                errors.append(exc)

    def read_meanwhile() -> None:
        start.wait()
        try:
            for _ in range(50):
                shared.active()
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=subscribe_range, args=(1_000, True)),
        threading.Thread(target=subscribe_range, args=(2_000, False)),
        threading.Thread(target=read_meanwhile),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert shared.active() == [*range(1_000, 1_200), *range(2_000, 2_200)]
    with open_store(store_settings) as reopened:
        assert len(reopened.subscribers.all()) == 400
