"""The store on both backends: schema migrations and `talentbot db`, per-chat settings, feeds, shared values."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.settings import Settings
from bot.store import ChatSettings, EditionPart, Feed, Store, StoreError, open_backend, open_store
from bot.store import migrations as m
from bot.store.base import utcnow

T0 = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def env_for(settings: Settings) -> dict[str, str]:
    env = {"TALENTBOT_DATA_DIR": str(settings.data_dir)}
    if settings.database_url:
        env["TALENTBOT_DATABASE_URL"] = settings.database_url
    return env


# ------------------------------------------------------------------------------------------ migrations


def test_a_new_database_gets_every_migration_once(store_settings: Settings) -> None:
    with open_store(store_settings):
        pass
    with open_store(store_settings) as store:  # a second start applies nothing again
        status = m.status(store.backend)
    assert [a.version for a in status.applied] == [mig.version for mig in m.MIGRATIONS]
    assert status.version == m.LATEST and status.pending == ()


def test_db_status_and_upgrade_commands(store_settings: Settings) -> None:
    env = env_for(store_settings)
    runner = CliRunner()

    before = runner.invoke(cli_app, ["db", "status"], env=env)
    assert before.exit_code == 1, before.output
    assert "Schema version: 0" in before.output
    assert all(f"  {mig.version} {mig.name}" in before.output for mig in m.MIGRATIONS)

    upgrade = runner.invoke(cli_app, ["db", "upgrade"], env=env)
    assert upgrade.exit_code == 0, upgrade.output
    assert f"Applied {m.LATEST} {m.MIGRATIONS[-1].name}" in upgrade.output

    after = runner.invoke(cli_app, ["db", "status"], env=env)
    assert after.exit_code == 0, after.output
    assert f"Schema version: {m.LATEST}" in after.output and "Up to date." in after.output
    again = runner.invoke(cli_app, ["db", "upgrade"], env=env)
    assert again.exit_code == 0 and "Already up to date" in again.output


def test_db_status_never_shows_the_password(postgres_url: str, tmp_path: Path) -> None:
    url = postgres_url.replace("postgres:@", "postgres:s3cret-pw@", 1)  # the test server trusts any password
    env = {"TALENTBOT_DATA_DIR": str(tmp_path), "TALENTBOT_DATABASE_URL": url}
    result = CliRunner().invoke(cli_app, ["db", "status"], env=env)
    assert "Database: postgresql at postgresql://postgres@" in result.output
    assert "s3cret" not in result.output


def test_replicas_starting_at_once_migrate_once(store_settings: Settings) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def open_one() -> None:
        start.wait()
        try:
            open_store(store_settings).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    backend = open_backend(store_settings)
    try:
        assert [a.version for a in m.status(backend).applied] == list(range(1, m.LATEST + 1))
    finally:
        backend.close()


def test_a_database_from_a_newer_talentbot_is_refused(store: Store, store_settings: Settings) -> None:
    with store.backend.transaction() as tx:
        tx.run(
            "INSERT INTO schema_version (version, name, applied) VALUES (?, ?, ?)", (m.LATEST + 1, "x", T0)
        )
    with pytest.raises(StoreError, match=rf"schema version {m.LATEST + 1}, newer than this TalentBot"):
        open_store(store_settings)
    result = CliRunner().invoke(cli_app, ["db", "status"], env=env_for(store_settings))
    assert result.exit_code == 1 and "newer than this TalentBot" in result.output


def test_an_unversioned_sqlite_file_from_before_is_adopted_with_its_subscribers(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    with sqlite3.connect(settings.database_path) as db:  # what the SubscriberStore of earlier releases wrote
        db.execute(
            "CREATE TABLE IF NOT EXISTS subscribers (chat_id INTEGER PRIMARY KEY, active INTEGER NOT NULL "
            "DEFAULT 1, subscribed TEXT NOT NULL, updated TEXT NOT NULL, last_sent TEXT, note TEXT)"
        )
        db.execute(
            "INSERT INTO subscribers VALUES (7, 1, '2025-01-02T03:04:05+00:00', '2025-01-02T03:04:05+00:00', NULL, NULL)"
        )
        db.execute(
            "INSERT INTO subscribers VALUES (8, 0, '2025-01-02T03:04:05+00:00', '2025-01-03T00:00:00+00:00', NULL, 'unsubscribed')"
        )

    with open_store(settings) as store:
        assert m.status(store.backend).version == m.LATEST
        assert store.subscribers.active() == [7]
        [seven, eight] = store.subscribers.all()
        assert seven.subscribed == dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
        assert eight.note == "unsubscribed"
        assert store.subscribers.subscribe(8) is True


def test_a_text_frozen_before_parts_existed_is_sent_as_its_one_part(
    store_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(m, "MIGRATIONS", m.MIGRATIONS[:5])  # a database of the release before parts
    backend = open_backend(store_settings)
    try:
        m.upgrade(backend)
        Store(backend).subscribers.subscribe(7)
        with backend.transaction() as tx:
            tx.run("INSERT INTO editions (edition, text, created) VALUES (?, ?, ?)", ("2026-W49", "en", T0))
            tx.run(
                "INSERT INTO edition_texts (edition, variant, text, created) VALUES (?, ?, ?, ?)",
                ("2026-W49", "2026-11-30:iso", "<b>iso</b>", T0),
            )
            tx.run(
                "INSERT INTO deliveries (edition, chat_id, state, attempts, due, variant, updated) "
                "VALUES (?, ?, 'pending', 0, ?, ?, ?)",
                ("2026-W49", 7, T0, "2026-11-30:iso", T0),
            )
    finally:
        backend.close()
    monkeypatch.undo()

    with open_store(store_settings) as store:
        assert m.status(store.backend).version == m.LATEST
        ledger = store.deliveries
        assert ledger.parts("2026-W49", "2026-11-30:iso") == [EditionPart("<b>iso</b>")]
        later = T0 + dt.timedelta(minutes=1)
        claimed = ledger.claim("2026-W49", "w", later, dt.timedelta(minutes=1), run_started=later)
        assert claimed is not None and (claimed.variant, claimed.parts_sent) == ("2026-11-30:iso", 0)


def test_an_unreachable_postgresql_is_one_clear_error(tmp_path: Path) -> None:
    url = f"postgresql://talentbot:s3cret-pw@/talentbot?host={tmp_path}"  # no server there
    settings = Settings(data_dir=tmp_path, database_url=url)
    with pytest.raises(
        StoreError, match=r"^cannot connect to the database at postgresql://talentbot@\S+: .*failed"
    ) as caught:
        open_store(settings)
    assert "s3cret" not in str(caught.value)
    result = CliRunner().invoke(cli_app, ["db", "status"], env={"TALENTBOT_DATABASE_URL": url})
    assert result.exit_code == 1
    assert (
        result.output.startswith("talentbot: cannot connect to the database")
        and "Traceback" not in result.output
    )


# ----------------------------------------------------------------------------------- per-chat settings


def test_chat_settings_default_until_saved_then_survive_reopening(
    store: Store, store_settings: Settings
) -> None:
    assert store.chat_settings.get(5) == ChatSettings(5)
    mine = ChatSettings(
        5,
        recap_enabled=False,
        recap_day=4,
        recap_time=dt.time(18, 30),
        timezone="Asia/Shanghai",
        date_language="zh",
    )
    store.chat_settings.save(mine)
    store.chat_settings.save(ChatSettings(-1001234567890, recap_day=0))
    with open_store(store_settings) as reopened:
        assert reopened.chat_settings.get(5) == mine
        assert [s.chat_id for s in reopened.chat_settings.all()] == [-1001234567890, 5]
    store.chat_settings.save(ChatSettings(5))  # back to the defaults
    assert store.chat_settings.get(5) == ChatSettings(5)


# ----------------------------------------------------------------------------------------------- feeds


def test_feeds_record_their_polls(store: Store) -> None:
    feeds = store.feeds
    assert feeds.add("https://example.com/a.rss", "A") is True
    assert feeds.add("https://example.com/a.rss", "renamed") is False
    assert feeds.add("https://example.com/b.rss", "B") is True
    assert feeds.get("https://example.com/a.rss") == Feed("https://example.com/a.rss", "A")

    feeds.record_success(
        "https://example.com/a.rss",
        T0,
        T0 + dt.timedelta(hours=1),
        etag='"x1"',
        last_modified="Mon, 30 Nov 2026 08:00:00 GMT",
        items_added=3,
    )
    assert feeds.record_failure("https://example.com/b.rss", "HTTP 503", T0 + dt.timedelta(minutes=10)) == 1
    assert feeds.record_failure("https://example.com/b.rss", "timed out", T0 + dt.timedelta(minutes=20)) == 2
    feeds.record_success(
        "https://example.com/a.rss",
        T0 + dt.timedelta(hours=1),
        T0 + dt.timedelta(hours=2),
        etag='"x2"',
        last_modified=None,
        items_added=2,
    )

    a, b = feeds.all()
    assert (a.etag, a.last_success, a.items_added, a.failures, a.last_error) == (
        '"x2"',
        T0 + dt.timedelta(hours=1),
        5,
        0,
        None,
    )
    assert (b.failures, b.last_error, b.next_poll, b.last_success) == (
        2,
        "timed out",
        T0 + dt.timedelta(minutes=20),
        None,
    )
    assert feeds.remove("https://example.com/b.rss") is True
    assert feeds.remove("https://example.com/b.rss") is False
    assert [f.url for f in feeds.all()] == ["https://example.com/a.rss"]


def test_a_due_feed_is_claimed_by_one_poller(store: Store) -> None:
    feeds = store.feeds
    feeds.add("https://example.com/new.rss", "never polled")
    feeds.add("https://example.com/old.rss", "polled")
    feeds.record_success(
        "https://example.com/old.rss",
        T0,
        T0 + dt.timedelta(minutes=30),
        etag=None,
        last_modified=None,
        items_added=0,
    )
    hold = dt.timedelta(minutes=5)

    first = feeds.claim_due(T0 + dt.timedelta(minutes=31), hold)
    second = feeds.claim_due(T0 + dt.timedelta(minutes=31), hold)
    third = feeds.claim_due(T0 + dt.timedelta(minutes=31), hold)

    assert first is not None and first.url == "https://example.com/new.rss"  # never polled goes first
    assert second is not None and second.url == "https://example.com/old.rss"
    assert third is None  # both are being polled
    assert feeds.claim_due(T0 + dt.timedelta(minutes=37), hold) is not None  # a poller that died is replaced


# --------------------------------------------------------------------------------------- shared values


def test_a_shared_value_is_the_first_writers(store: Store, store_settings: Settings) -> None:
    assert store.values.get("webhook-secret") is None
    assert store.values.setdefault("webhook-secret", "first") == "first"
    with open_store(store_settings) as other:
        assert other.values.setdefault("webhook-secret", "second") == "first"
    assert store.values.get("webhook-secret") == "first"


def test_times_come_back_as_aware_utc(store: Store) -> None:
    store.subscribers.subscribe(1)
    [row] = store.subscribers.all()
    assert row.subscribed.tzinfo == dt.UTC
    assert abs(row.subscribed - utcnow()) < dt.timedelta(minutes=1)
