"""The delivery ledger on both backends: atomic claims, leases, retries, one opening per schedule slot."""

from __future__ import annotations

import datetime as dt
import threading

from bot.settings import Settings
from bot.store import EditionCounts, Store, open_store
from bot.store.base import utcnow

EDITION = "2026-W49"
T0 = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


def subscribe(store: Store, chats: range | list[int]) -> None:
    for chat in chats:
        store.subscribers.subscribe(chat)


def test_concurrent_claimers_never_share_a_chat(store: Store, store_settings: Settings) -> None:
    chats = range(1, 121)
    subscribe(store, chats)
    store.deliveries.open_edition(EDITION, "recap", utcnow())
    claims: list[tuple[int, str]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def sender(worker: str) -> None:
        with open_store(store_settings) as own:
            started = utcnow()
            start.wait()
            try:
                while batch := own.deliveries.claim(
                    EDITION, worker, utcnow(), MINUTE, run_started=started, limit=3
                ):
                    for delivery in batch:
                        claims.append((delivery.chat_id, worker))
                        assert own.deliveries.mark_sent(
                            delivery, worker, utcnow(), message_id=delivery.chat_id
                        )
            except BaseException as exc:
                errors.append(exc)

    threads = [threading.Thread(target=sender, args=(f"w{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert sorted(chat for chat, _ in claims) == list(chats)  # every chat claimed, none twice
    assert len({worker for _, worker in claims}) > 1  # the work was actually shared
    assert store.deliveries.counts(EDITION) == EditionCounts(sent=120)


def test_an_abandoned_claim_is_taken_over_once_its_lease_runs_out(store: Store) -> None:
    subscribe(store, [1, 2])
    store.deliveries.open_edition(EDITION, "recap", T0)
    ledger = store.deliveries
    started = T0 + dt.timedelta(seconds=1)

    [killed] = ledger.claim(EDITION, "killed", started, MINUTE, run_started=started)  # then SIGKILL
    [other] = ledger.claim(
        EDITION, "next", started + 30 * dt.timedelta(seconds=1), MINUTE, run_started=started
    )
    assert (killed.chat_id, other.chat_id) == (1, 2)  # a live lease is never taken
    assert ledger.mark_sent(other, "next", started + MINUTE / 2, message_id=1)
    assert ledger.claim(EDITION, "next", started + MINUTE / 2, MINUTE, run_started=started) == []
    assert ledger.counts(EDITION) == EditionCounts(claimed=1, sent=1)

    [taken] = ledger.claim(EDITION, "next", started + MINUTE, MINUTE, run_started=started)

    assert (taken.chat_id, taken.attempts) == (1, 2)
    assert ledger.mark_sent(taken, "next", started + MINUTE, message_id=2)
    assert not ledger.mark_sent(killed, "killed", started + MINUTE, message_id=3)  # the old holder lost it
    assert ledger.counts(EDITION) == EditionCounts(sent=2)


def test_a_failed_chat_is_retried_at_its_retry_time_or_by_an_operators_run(store: Store) -> None:
    subscribe(store, [1])
    store.deliveries.open_edition(EDITION, "recap", T0)
    ledger = store.deliveries
    first_run = T0 + dt.timedelta(seconds=1)
    [delivery] = ledger.claim(EDITION, "a", first_run, MINUTE, run_started=first_run)
    assert ledger.release(
        delivery, "a", first_run, "NetworkError: Internal Server Error", first_run + 10 * MINUTE
    )

    assert ledger.claim(EDITION, "a", first_run, MINUTE, run_started=first_run) == []  # not again in its run
    later = first_run + 5 * MINUTE
    assert (
        ledger.claim(EDITION, "b", later, MINUTE, run_started=later) == []
    )  # the retry time is not there yet
    assert ledger.counts(EDITION) == EditionCounts(pending=1)
    [again] = ledger.claim(EDITION, "b", later, MINUTE, run_started=later, honour_backoff=False)
    assert again.attempts == 2


def test_a_scheduled_slot_opens_its_edition_once_and_the_text_is_frozen(store: Store) -> None:
    subscribe(store, [1, 2])
    slot = ("weekly-recap", "2026-11-30T09:00:00+00:00")
    first = store.deliveries.open_edition(EDITION, "first text", T0, schedule=slot, worker="replica-a")
    second = store.deliveries.open_edition(EDITION, "second text", T0, schedule=slot, worker="replica-b")
    assert first is not None and (first.text, first.added) == ("first text", 2)
    assert second is None
    assert store.deliveries.last_slot("weekly-recap") == slot[1]

    store.subscribers.subscribe(3)  # an operator's `recap send` later that week reaches only the newcomer
    again = store.deliveries.open_edition(EDITION, "rebuilt text", T0 + MINUTE)
    assert again is not None and (again.text, again.added) == ("first text", 1)
    assert store.deliveries.text(EDITION) == "first text"


def test_a_chat_that_unsubscribed_before_its_turn_is_skipped(store: Store) -> None:
    subscribe(store, [1, 2])
    store.deliveries.open_edition(EDITION, "recap", T0)
    store.subscribers.unsubscribe(1)
    started = T0 + dt.timedelta(seconds=1)

    claimed = store.deliveries.claim(EDITION, "w", started, MINUTE, run_started=started, limit=10)

    assert [d.chat_id for d in claimed] == [2]
    assert store.deliveries.counts(EDITION) == EditionCounts(claimed=1, skipped=1)
    assert store.deliveries.unfinished(T0 - MINUTE) == [EDITION]  # chat 2 is still being sent


def test_blocked_closes_the_row_and_deactivates_the_subscriber(store: Store) -> None:
    subscribe(store, [1])
    store.deliveries.open_edition(EDITION, "recap", T0)
    started = T0 + dt.timedelta(seconds=1)
    [delivery] = store.deliveries.claim(EDITION, "w", started, MINUTE, run_started=started)

    assert store.deliveries.mark_blocked(delivery, "w", started, "blocked: bot was blocked by the user")

    assert store.deliveries.counts(EDITION) == EditionCounts(blocked=1)
    [row] = store.subscribers.all()
    assert not row.active and row.note == "blocked: bot was blocked by the user"
    assert store.deliveries.unfinished(T0 - MINUTE) == []
