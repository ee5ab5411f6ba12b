"""Sending one recap edition to its subscribers, exactly once each, through the delivery ledger.

Each chat is claimed (a lease), sent, then marked sent only after Telegram accepted the message, so any number
of senders can work on one edition and a sender killed mid-send leaves only its one claimed chat: when the lease
runs out, the next sender sends it, unless the request was in flight when the sender died (then Telegram most
likely has it, and it counts as delivered rather than risk a second copy). A 429 waits `retry_after`; 5xx and network errors are retried with
back-off, then the chat is left pending for a later run (never dropped, never marked sent); 403 and "chat not
found" mark the subscriber inactive.

An edition comes in parts (a photo with its caption, then the text's messages): each part Telegram accepted is
recorded before the next is sent, so a sender that dies between two parts leaves the chat to be finished from
the next part, and nobody gets the photo twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from telegram import Bot, InputFile, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.store import Delivery, EditionCounts, Store
from bot.store.base import utcnow
from bot.store.ledger import EditionPart

log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# Time kept free at the end of a lease (at most this, or a quarter of a short lease) for the last request and
# the ledger update, so that a chat is never still being sent when another sender may settle it. PTB's own
# timeouts are 5 s per phase of a request.
LEASE_MARGIN_S = 30.0
# Telegram's answer when the chat is gone for good (deleted, or the bot was never in it).
CHAT_NOT_FOUND = "chat not found"
# The file name a recap's chart is uploaded under.
PHOTO_NAME = "talent-flows.png"


@dataclass(frozen=True)
class DeliveryPolicy:
    lease: dt.timedelta = dt.timedelta(minutes=10)  # how long a claimed chat is this sender's alone
    attempts: int = 4  # tries per chat and run on 5xx and network errors
    backoff_s: float = 1.0  # wait before the second try; doubles for each further one
    flood_waits: int = 5  # 429 answers waited out per chat and run
    retry_later: dt.timedelta = dt.timedelta(
        minutes=5
    )  # a chat left pending waits this long for a later run,
    retry_later_max: dt.timedelta = dt.timedelta(hours=6)  # doubling with each failed run, up to this


@dataclass
class DeliveryReport:
    edition: str
    sent: int = 0
    blocked: int = 0
    failed: int = 0  # left pending for a later run
    counts: EditionCounts = field(default_factory=EditionCounts)  # the whole edition, after this run


@dataclass(frozen=True)
class Sent:
    message_id: int


@dataclass(frozen=True)
class Gone:
    note: str


@dataclass(frozen=True)
class Failed:
    error: str


Outcome = Sent | Gone | Failed
# Called with True before a retry's request and with False once a request was answered with an error.
InFlight = Callable[[bool], Awaitable[object]]


def worker_id() -> str:
    """Who holds a claim: host, process and a random part (a pid can be reused after a crash)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _seconds(wait: float | dt.timedelta) -> float:
    return wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)


async def send_part(bot: Bot, chat_id: int, part: EditionPart) -> Message:
    """One part: the photo with its caption, or a message."""
    if part.photo is not None:
        return await bot.send_photo(
            chat_id, InputFile(part.photo, filename=PHOTO_NAME), caption=part.text, parse_mode=ParseMode.HTML
        )
    return await bot.send_message(
        chat_id, part.text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
    )


async def send_once(
    bot: Bot, chat_id: int, part: EditionPart, policy: DeliveryPolicy, deadline: float, in_flight: InFlight
) -> Outcome:
    """Send one part (its first request already marked in flight), retrying 429s and transient errors while
    the claim's lease (`deadline`, monotonic) leaves time for it."""
    tries = floods = 0
    while True:
        try:
            message = await send_part(bot, chat_id, part)
            return Sent(message.message_id)
        except RetryAfter as exc:
            floods += 1
            if floods > policy.flood_waits:
                return Failed(f"flood control: {exc.message}")
            wait = _seconds(exc.retry_after)
        except Forbidden as exc:
            return Gone(f"blocked: {exc.message}")
        except BadRequest as exc:  # a subclass of NetworkError: a refusal, not a transient failure
            if CHAT_NOT_FOUND in exc.message.lower():
                return Gone(CHAT_NOT_FOUND)
            return Failed(f"refused: {exc.message}")
        except NetworkError as exc:  # 5xx answers, timeouts, connection errors
            tries += 1
            if tries >= policy.attempts:
                return Failed(f"{type(exc).__name__}: {exc.message}")
            wait = policy.backoff_s * 2 ** (tries - 1)
        except TelegramError as exc:  # e.g. a group that became a supergroup: left for a later run
            return Failed(f"{type(exc).__name__}: {exc.message}")
        await in_flight(False)
        if time.monotonic() + wait + min(LEASE_MARGIN_S, policy.lease.total_seconds() / 4) > deadline:
            return Failed(f"gave up: waiting {wait:.0f} s more would outlast the claim")
        await asyncio.sleep(wait)
        await in_flight(True)


def retry_delay(policy: DeliveryPolicy, attempts: int) -> dt.timedelta:
    """How long a chat whose run failed waits before an automatic retry: doubling with each failed run."""
    return min(policy.retry_later * (1 << max(attempts - 1, 0)), policy.retry_later_max)


async def _send_parts(
    bot: Bot, store: Store, parts: list[EditionPart], delivery: Delivery, worker: str, policy: DeliveryPolicy
) -> Outcome:
    """The parts the chat has not had, in order, each recorded once Telegram accepted it; the outcome of the
    last one tried."""
    deadline = time.monotonic() + (delivery.lease_until - utcnow()).total_seconds()

    async def in_flight(busy: bool) -> None:
        await asyncio.to_thread(store.deliveries.in_flight, delivery, worker, utcnow() if busy else None)

    outcome: Outcome = Failed("nothing left to send")
    last = len(parts) - 1
    for n in range(min(delivery.parts_sent, last), last + 1):
        if n > delivery.parts_sent:
            await in_flight(True)  # the claim marked the first request
        outcome = await send_once(bot, delivery.chat_id, parts[n], policy, deadline, in_flight)
        if not isinstance(outcome, Sent):
            break
        if n < last and not await asyncio.to_thread(
            store.deliveries.mark_part_sent, delivery, worker, utcnow(), n
        ):
            return outcome  # the claim was lost: whoever holds it now goes on
    return outcome


async def _send_claimed(
    bot: Bot, store: Store, parts: list[EditionPart], delivery: Delivery, worker: str, policy: DeliveryPolicy
) -> Outcome:
    # Interrupted (shutdown, Ctrl-C) the row is left as a killed sender leaves it: its lease settles it.
    outcome = await _send_parts(bot, store, parts, delivery, worker, policy)
    now = utcnow()
    ledger = store.deliveries
    if isinstance(outcome, Sent):
        kept = await asyncio.to_thread(ledger.mark_sent, delivery, worker, now, outcome.message_id)
    elif isinstance(outcome, Gone):
        kept = await asyncio.to_thread(ledger.mark_blocked, delivery, worker, now, outcome.note)
    else:
        retry_at = now + retry_delay(policy, delivery.attempts)
        kept = await asyncio.to_thread(ledger.release, delivery, worker, now, outcome.error, retry_at)
        log.warning(
            "recap %s to chat %s failed, left pending: %s", delivery.edition, delivery.chat_id, outcome
        )
    if not kept:
        log.error(
            "recap %s to chat %s: the claim was lost before it was recorded",
            delivery.edition,
            delivery.chat_id,
        )
    return outcome


async def deliver_edition(
    bot: Bot,
    store: Store,
    edition: str,
    worker: str,
    policy: DeliveryPolicy | None = None,
    honour_backoff: bool = True,
) -> DeliveryReport:
    """Send `edition` to every chat of it that nobody has sent it to, until none is left to claim."""
    policy = policy or DeliveryPolicy()
    report = DeliveryReport(edition)
    started = utcnow()
    own = await asyncio.to_thread(store.deliveries.parts, edition)
    contents: dict[str | None, list[EditionPart]] = {None: own or []}
    while own:  # None: no such edition
        delivery = await asyncio.to_thread(
            store.deliveries.claim,
            edition,
            worker,
            utcnow(),
            policy.lease,
            run_started=started,
            honour_backoff=honour_backoff,
        )
        if delivery is None:
            break
        if delivery.variant not in contents:  # the chat's recap day and date style
            variant = await asyncio.to_thread(store.deliveries.parts, edition, delivery.variant)
            contents[delivery.variant] = variant or own
        outcome = await _send_claimed(bot, store, contents[delivery.variant], delivery, worker, policy)
        report.sent += isinstance(outcome, Sent)
        report.blocked += isinstance(outcome, Gone)
        report.failed += isinstance(outcome, Failed)
    report.counts = await asyncio.to_thread(store.deliveries.counts, edition)
    return report
