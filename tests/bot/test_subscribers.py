"""The subscriber store: subscribe/unsubscribe semantics, durability, WAL mode, crashes and threads."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from bot.subscribers import SubscriberStore


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "nested" / "talentbot.sqlite3"  # parent folders do not exist yet


@pytest.fixture
def store(db_path: Path) -> SubscriberStore:
    return SubscriberStore(db_path)


def test_subscribe_unsubscribe_resubscribe(store: SubscriberStore) -> None:
    assert store.subscribe(42) is True
    assert store.is_active(42)
    assert store.subscribe(42) is False  # already subscribed
    assert store.active() == [42]

    assert store.unsubscribe(42) is True
    assert not store.is_active(42)
    assert store.unsubscribe(42) is False  # not subscribed any more
    assert store.active() == []

    assert store.subscribe(42) is True  # re-subscribing works
    assert store.is_active(42)
    assert store.active() == [42]


def test_unsubscribe_unknown_chat(store: SubscriberStore) -> None:
    assert store.unsubscribe(7) is False
    assert not store.is_active(7)
    assert store.all() == []


def test_resubscribe_keeps_one_row_and_clears_the_note(store: SubscriberStore) -> None:
    store.subscribe(5)
    first = store.all()[0].subscribed
    store.unsubscribe(5)
    assert store.all()[0].note == "unsubscribed"

    store.subscribe(5)

    (row,) = store.all()
    assert row.chat_id == 5 and row.active and row.note is None
    assert row.subscribed == first


def test_active_lists_only_active_chats_in_order(store: SubscriberStore) -> None:
    for chat in (30, -100123, 10, 20):
        store.subscribe(chat)
    store.unsubscribe(20)

    assert store.active() == [-100123, 10, 30]
    assert [s.chat_id for s in store.all()] == [-100123, 10, 20, 30]


def test_mark_inactive_removes_from_active(store: SubscriberStore) -> None:
    store.subscribe(1)
    store.subscribe(2)

    store.mark_inactive(1, "blocked by user")

    assert store.active() == [2]
    assert not store.is_active(1)
    row = next(s for s in store.all() if s.chat_id == 1)
    assert not row.active and row.note == "blocked by user"
    assert store.subscribe(1) is True  # the chat can come back


def test_mark_sent_sets_last_sent(store: SubscriberStore) -> None:
    store.subscribe(1)
    store.subscribe(2)
    assert all(s.last_sent is None for s in store.all())

    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    store.mark_sent(1)
    after = dt.datetime.now(dt.UTC)

    rows = {s.chat_id: s for s in store.all()}
    sent = rows[1].last_sent
    assert sent is not None
    assert before <= dt.datetime.fromisoformat(sent) <= after
    assert rows[2].last_sent is None
    assert store.active() == [1, 2]  # sending does not change who is subscribed


def test_database_is_in_wal_mode(store: SubscriberStore, db_path: Path) -> None:
    store.subscribe(1)
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_data_survives_reopening(db_path: Path) -> None:
    first = SubscriberStore(db_path)
    first.subscribe(1)
    first.subscribe(2)
    first.unsubscribe(2)
    first.mark_sent(1)

    reopened = SubscriberStore(db_path)

    assert reopened.active() == [1]
    assert reopened.subscribe(1) is False
    assert reopened.subscribe(2) is True
    rows = {s.chat_id: s for s in reopened.all()}
    assert rows[1].last_sent is not None


def test_a_crash_mid_transaction_leaves_the_previous_state(store: SubscriberStore, db_path: Path) -> None:
    store.subscribe(1)
    store.subscribe(2)

    with pytest.raises(RuntimeError, match="crash"), store._connect() as db:
        db.execute("UPDATE subscribers SET active = 0 WHERE chat_id = 1")
        db.execute("INSERT INTO subscribers (chat_id, active, subscribed, updated) VALUES (3, 1, 'x', 'x')")
        db.execute("DELETE FROM subscribers WHERE chat_id = 2")
        raise RuntimeError("crash")

    assert store.active() == [1, 2]
    assert SubscriberStore(db_path).active() == [1, 2]
    # The database is not left locked: the next change goes through.
    assert store.subscribe(3) is True
    assert store.active() == [1, 2, 3]


def test_a_crash_inside_a_method_rolls_back(store: SubscriberStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.subscribe(1)

    def boom() -> str:
        raise OSError("clock failed")

    monkeypatch.setattr("bot.subscribers._now", boom)
    with pytest.raises(OSError):
        store.unsubscribe(1)
    monkeypatch.undo()

    assert store.active() == [1]


@pytest.mark.timeout(60)
def test_two_threads_subscribing_at_once_lose_nothing(db_path: Path) -> None:
    SubscriberStore(db_path)
    shared = SubscriberStore(db_path)
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def subscribe_range(first: int, own_store: bool) -> None:
        s = SubscriberStore(db_path) if own_store else shared
        start.wait()
        try:
            for chat in range(first, first + 200):
                assert s.subscribe(chat) is True
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
    assert len(SubscriberStore(db_path).all()) == 400
