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
PACE_KEY = "recap-send-slot"  # the shared schedule of sending moments (SharedValues.reserve_slot)


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
    # Telegram's broadcast limit is about 30 messages a second per bot, whatever the number of processes:
    # every sender reserves its sending moments from one schedule in the database, a little under the limit.
    per_second: float = 25.0
    chat_gap_s: float = 1.0  # between two parts (photo, text) to one chat: Telegram's 1 message/s per chat
    concurrency: int = (
        8  # chats one sender has in progress at once (the per-chat gap would idle it otherwise)
    )


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


Pace = Callable[[], Awaitable[object]]


async def no_pace() -> None:
    """Send at once (a single test message, a caller pacing requests itself)."""


def shared_pace(store: Store, policy: DeliveryPolicy) -> Pace:
    """Wait for this request's moment in the schedule every sender shares (≈ policy.per_second overall)."""
    gap = dt.timedelta(seconds=1 / policy.per_second)

    async def pace() -> None:
        slot = await asyncio.to_thread(store.values.reserve_slot, PACE_KEY, utcnow(), gap)
        wait = (slot - utcnow()).total_seconds()
        if wait > 0:
            await asyncio.sleep(wait)

    return pace


async def send_once(
    bot: Bot,
    chat_id: int,
    part: EditionPart,
    policy: DeliveryPolicy,
    deadline: float,
    in_flight: InFlight,
    pace: Pace = no_pace,
) -> Outcome:
    """Send one part (its first request already marked in flight), retrying 429s and transient errors while
    the claim's lease (`deadline`, monotonic) leaves time for it; a retry first waits for its `pace`.
    (The first request's moment was awaited before it was marked in flight: a sender killed while waiting
    must not leave a part presumed sent.)"""
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
        await pace()
        await in_flight(True)


def retry_delay(policy: DeliveryPolicy, attempts: int) -> dt.timedelta:
    """How long a chat whose run failed waits before an automatic retry: doubling with each failed run."""
    return min(policy.retry_later * (1 << max(attempts - 1, 0)), policy.retry_later_max)


async def deliver_edition(
    bot: Bot,
    store: Store,
    edition: str,
    worker: str,
    policy: DeliveryPolicy | None = None,
    honour_backoff: bool = True,
) -> DeliveryReport:
    """Send `edition` to every chat of it that nobody has sent it to, until none is left to claim:
    `policy.concurrency` chats at a time, every request paced by the schedule all senders share."""
    policy = policy or DeliveryPolicy()
    report = DeliveryReport(edition)
    own = await asyncio.to_thread(store.deliveries.parts, edition)
    if own:  # None: no such edition
        run = _Run(bot, store, edition, worker, policy, honour_backoff, report, {None: own})
        await asyncio.gather(*(run.work() for _ in range(max(1, policy.concurrency))))
    report.counts = await asyncio.to_thread(store.deliveries.counts, edition)
    return report


@dataclass
class _Run:
    """One sender's run over an edition; each `work()` loop claims and sends one chat after another."""

    bot: Bot
    store: Store
    edition: str
    worker: str
    policy: DeliveryPolicy
    honour_backoff: bool
    report: DeliveryReport
    contents: dict[str | None, list[EditionPart]]
    started: dt.datetime = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        self.pace = shared_pace(self.store, self.policy)

    async def work(self) -> None:
        while True:
            await self.pace()  # before the claim, which marks the chat's first request in flight
            delivery = await self._claim()
            if delivery is None:
                return
            if delivery.variant not in self.contents:  # the chat's recap day and date style
                variant = await asyncio.to_thread(self.store.deliveries.parts, self.edition, delivery.variant)
                self.contents[delivery.variant] = variant or self.contents[None]
            outcome = await self._send(self.contents[delivery.variant], delivery)
            await self._settle(delivery, outcome)
            self.report.sent += isinstance(outcome, Sent)
            self.report.blocked += isinstance(outcome, Gone)
            self.report.failed += isinstance(outcome, Failed)

    async def _claim(self) -> Delivery | None:
        return await asyncio.to_thread(
            self.store.deliveries.claim,
            self.edition,
            self.worker,
            utcnow(),
            self.policy.lease,
            run_started=self.started,
            honour_backoff=self.honour_backoff,
        )

    async def _send(self, parts: list[EditionPart], delivery: Delivery) -> Outcome:
        """The parts the chat has not had, in order and `policy.chat_gap_s` apart, each recorded once Telegram
        accepted it; the outcome of the last one tried. Interrupted (shutdown, Ctrl-C), the row is left as a
        killed sender leaves it: its lease settles it."""
        deadline = time.monotonic() + (delivery.lease_until - utcnow()).total_seconds()
        ledger = self.store.deliveries

        async def in_flight(busy: bool) -> None:
            await asyncio.to_thread(ledger.in_flight, delivery, self.worker, utcnow() if busy else None)

        outcome: Outcome = Failed("nothing left to send")
        last = len(parts) - 1
        for n in range(min(delivery.parts_sent, last), last + 1):
            if n > delivery.parts_sent:
                await asyncio.sleep(self.policy.chat_gap_s)
                await self.pace()
                await in_flight(True)  # the claim marked the first request
            outcome = await send_once(
                self.bot, delivery.chat_id, parts[n], self.policy, deadline, in_flight, self.pace
            )
            if not isinstance(outcome, Sent):
                break
            if n < last and not await asyncio.to_thread(
                ledger.mark_part_sent, delivery, self.worker, utcnow(), n
            ):
                return outcome  # the claim was lost: whoever holds it now goes on
        return outcome

    async def _settle(self, delivery: Delivery, outcome: Outcome) -> None:
        """Record the outcome in the ledger (sent, blocked, or pending for a later run) and the report."""
        now = utcnow()
        ledger = self.store.deliveries
        if isinstance(outcome, Sent):
            kept = await asyncio.to_thread(ledger.mark_sent, delivery, self.worker, now, outcome.message_id)
        elif isinstance(outcome, Gone):
            kept = await asyncio.to_thread(ledger.mark_blocked, delivery, self.worker, now, outcome.note)
        else:
            retry_at = now + retry_delay(self.policy, delivery.attempts)
            kept = await asyncio.to_thread(
                ledger.release, delivery, self.worker, now, outcome.error, retry_at
            )
            log.warning(
                "recap %s to chat %s failed, left pending: %s", delivery.edition, delivery.chat_id, outcome
            )
        if not kept:
            log.error(
                "recap %s to chat %s: the claim was lost before it was recorded",
                delivery.edition,
                delivery.chat_id,
            )
