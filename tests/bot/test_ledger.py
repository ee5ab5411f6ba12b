"""The delivery ledger on both backends: atomic claims, leases, in-flight requests, retries, schedule slots."""

from __future__ import annotations

import datetime as dt
import threading

from bot.settings import Settings
from bot.store import ChatSettings, Delivery, Due, EditionCounts, Store, open_store
from bot.store.base import utcnow
from bot.store.ledger import EditionPart

EDITION = "2026-W49"
T0 = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
STARTED = T0 + dt.timedelta(seconds=1)
MINUTE = dt.timedelta(minutes=1)


def subscribe(store: Store, chats: range | list[int]) -> None:
    for chat in chats:
        store.subscribers.subscribe(chat)


def claim(
    store: Store, worker: str, now: dt.datetime, started: dt.datetime = STARTED, **kw: bool
) -> Delivery:
    delivery = store.deliveries.claim(EDITION, worker, now, MINUTE, run_started=started, **kw)
    assert delivery is not None
    return delivery


def nothing_to_claim(store: Store, now: dt.datetime, started: dt.datetime = STARTED) -> bool:
    return store.deliveries.claim(EDITION, "anyone", now, MINUTE, run_started=started) is None


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
                while delivery := own.deliveries.claim(
                    EDITION, worker, utcnow(), MINUTE, run_started=started
                ):
                    claims.append((delivery.chat_id, worker))
                    assert own.deliveries.mark_sent(delivery, worker, utcnow(), message_id=delivery.chat_id)
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


def test_a_claim_abandoned_between_requests_is_sent_again_once_its_lease_runs_out(store: Store) -> None:
    subscribe(store, [1, 2])
    store.deliveries.open_edition(EDITION, "recap", T0)
    ledger = store.deliveries

    killed = claim(store, "killed", STARTED)
    assert ledger.in_flight(killed, "killed", None)  # its request failed; it is killed in the back-off wait
    other = claim(store, "next", STARTED + MINUTE / 2)
    assert (killed.chat_id, other.chat_id) == (1, 2)  # a live lease is never taken
    assert ledger.mark_sent(other, "next", STARTED + MINUTE / 2, message_id=1)
    assert nothing_to_claim(store, STARTED + MINUTE / 2)
    assert ledger.counts(EDITION) == EditionCounts(claimed=1, sent=1)

    taken = claim(store, "next", STARTED + MINUTE)

    assert (taken.chat_id, taken.attempts) == (1, 2)
    assert ledger.mark_sent(taken, "next", STARTED + MINUTE, message_id=2)
    assert not ledger.mark_sent(killed, "killed", STARTED + MINUTE, message_id=3)  # the old holder lost it
    assert ledger.counts(EDITION) == EditionCounts(sent=2)


def test_a_claim_abandoned_during_its_request_is_presumed_delivered_not_repeated(store: Store) -> None:
    subscribe(store, [1, 2])
    store.deliveries.open_edition(EDITION, "recap", T0)
    killed = claim(store, "killed", STARTED)  # killed while Telegram has its request

    later = claim(store, "next", STARTED + MINUTE)

    assert later.chat_id == 2  # chat 1 is not sent a second time
    assert store.deliveries.counts(EDITION) == EditionCounts(claimed=1, sent=1, presumed=1)
    assert not store.deliveries.mark_sent(killed, "killed", STARTED + MINUTE, message_id=3)
    assert nothing_to_claim(store, STARTED + 2 * MINUTE)


def test_a_failed_chat_is_retried_at_its_retry_time_or_by_an_operators_run(store: Store) -> None:
    subscribe(store, [1])
    store.deliveries.open_edition(EDITION, "recap", T0)
    delivery = claim(store, "a", STARTED)
    assert store.deliveries.release(
        delivery, "a", STARTED, "NetworkError: Bad Gateway", STARTED + 10 * MINUTE
    )

    assert nothing_to_claim(store, STARTED)  # not again in the run that failed it
    later = STARTED + 5 * MINUTE
    assert nothing_to_claim(store, later, started=later)  # its retry time has not come
    assert store.deliveries.counts(EDITION) == EditionCounts(pending=1)
    again = claim(store, "b", later, started=later, honour_backoff=False)
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

    assert claim(store, "w", STARTED).chat_id == 2
    assert nothing_to_claim(store, STARTED)
    assert store.deliveries.counts(EDITION) == EditionCounts(claimed=1, skipped=1)
    assert store.deliveries.unfinished(T0 - MINUTE) == [EDITION]  # chat 2 is still being sent


def test_blocked_closes_the_row_and_deactivates_the_subscriber(store: Store) -> None:
    subscribe(store, [1])
    store.deliveries.open_edition(EDITION, "recap", T0)
    delivery = claim(store, "w", STARTED)

    assert store.deliveries.mark_blocked(delivery, "w", STARTED, "blocked: bot was blocked by the user")

    assert store.deliveries.counts(EDITION) == EditionCounts(blocked=1)
    [row] = store.subscribers.all()
    assert not row.active and row.note == "blocked: bot was blocked by the user"
    assert store.deliveries.unfinished(T0 - MINUTE) == []


# ------------------------------------------------------------------------------------ editions in parts

CHART = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4  # every byte value survives the round trip
PARTS = [EditionPart("<b>caption</b>", CHART), EditionPart("first message"), EditionPart("second message")]


def test_an_editions_parts_are_frozen_by_its_first_opener(store: Store) -> None:
    subscribe(store, [1])
    store.deliveries.open_edition(EDITION, "all of it", T0, parts=PARTS)
    store.deliveries.open_edition(EDITION, "rebuilt", T0 + MINUTE, parts=[EditionPart("rebuilt")])

    assert store.deliveries.parts(EDITION) == PARTS
    assert store.deliveries.parts("2026-W50") is None
    store.deliveries.open_edition("2026-W50", "one message", T0)  # as editions were before parts
    assert store.deliveries.parts("2026-W50") == [EditionPart("one message")]


def test_a_row_records_each_part_and_resumes_after_the_last_one_recorded(store: Store) -> None:
    subscribe(store, [1])
    store.deliveries.open_edition(EDITION, "all of it", T0, parts=PARTS)
    first = claim(store, "a", T0)
    assert first.parts_sent == 0
    assert store.deliveries.mark_part_sent(first, "a", T0, 0)
    assert not store.deliveries.mark_part_sent(first, "b", T0, 1)  # only the holder records progress

    resumed = claim(store, "b", T0 + 2 * MINUTE)  # "a" died between two parts: its lease ran out
    assert (resumed.chat_id, resumed.parts_sent) == (1, 1)


def test_a_part_in_flight_when_its_sender_died_counts_and_the_row_goes_on_from_the_next(store: Store) -> None:
    subscribe(store, [1, 2])
    store.deliveries.open_edition(EDITION, "all of it", T0, parts=PARTS)
    one = claim(store, "a", T0)  # chat 1: the photo's request in flight, then the sender dies
    two = claim(store, "a", T0)
    assert store.deliveries.mark_part_sent(two, "a", T0, 0) and store.deliveries.mark_part_sent(
        two, "a", T0, 1
    )
    assert store.deliveries.in_flight(two, "a", T0)  # chat 2: the last message in flight

    later = T0 + 2 * MINUTE
    resumed = claim(store, "b", later)
    assert (resumed.chat_id, resumed.parts_sent) == (one.chat_id, 1)
    assert nothing_to_claim(store, later)
    assert store.deliveries.counts(EDITION) == EditionCounts(claimed=1, sent=1, presumed=1)


def test_due_chats_are_added_once_each_variant_s_parts_frozen_and_a_paused_chat_skipped(store: Store) -> None:
    subscribe(store, [1, 2, 3])
    ledger = store.deliveries
    chats = [Due(c, "2026-11-30:iso" if c == 1 else "2026-11-30:en", T0) for c in (1, 2, 3)]
    contents = {
        "2026-11-30:iso": [EditionPart("iso caption", CHART), EditionPart("iso text")],
        "2026-11-30:en": [EditionPart("en caption", CHART), EditionPart("en text")],
    }
    assert ledger.add_due(EDITION, contents, chats, T0, schedule=[("weekly-recap", "slot")], worker="a") == 3
    rebuilt = {"2026-11-30:en": [EditionPart("rebuilt"), EditionPart("rebuilt"), EditionPart("rebuilt")]}
    assert ledger.add_due(EDITION, rebuilt, chats, T0 + MINUTE, worker="b") == 0
    assert ledger.variants(EDITION) == set(contents) and ledger.last_slot("weekly-recap") == "slot"
    store.chat_settings.save(ChatSettings(3, recap_enabled=False))
    assert ledger.counts(EDITION) == EditionCounts(pending=2, skipped=1)
    first, second = claim(store, "w", STARTED), claim(store, "w", STARTED)
    assert [(d.chat_id, d.variant) for d in (first, second)] == [(1, "2026-11-30:iso"), (2, "2026-11-30:en")]
    assert [ledger.parts(EDITION, d.variant) for d in (first, second)] == list(contents.values())
    assert ledger.text(EDITION) == "iso caption\n\niso text" and ledger.parts(EDITION) == [
        EditionPart("iso caption\n\niso text")
    ]
    with store.backend.transaction() as tx:  # the chart both variants share is kept once
        assert tx.one("SELECT COUNT(*) FROM edition_photos WHERE edition = ?", (EDITION,)) == (1,)
    assert nothing_to_claim(store, STARTED)


def test_a_variant_s_row_resumes_after_its_parts_and_settles_on_its_own_last_part(store: Store) -> None:
    subscribe(store, [1, 2])
    one, two = [EditionPart("caption", CHART), EditionPart("text")], [EditionPart("one message")]
    store.deliveries.add_due(
        EDITION, {"long": one, "short": two}, [Due(1, "long", T0), Due(2, "short", T0)], T0
    )
    first, second = claim(store, "a", T0), claim(store, "a", T0)  # both die with a request in flight
    later = T0 + 2 * MINUTE
    resumed = claim(store, "b", later)
    assert (resumed.chat_id, resumed.variant, resumed.parts_sent) == (first.chat_id, "long", 1)
    assert nothing_to_claim(store, later)
    assert store.deliveries.counts(EDITION) == EditionCounts(claimed=1, sent=1, presumed=1)
    assert second.chat_id == 2
