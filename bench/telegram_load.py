"""Load on the Telegram front end against the local fake Bot API (tests/fake_telegram), with real `serve`
processes over the index in $TALENTBOT_DATA_DIR (`talentbot index build` first).

    python bench/telegram_load.py questions [--chats 1000] [--rounds 1] [--only NAME]
    python bench/telegram_load.py recap [--subscribers 10000] [--fault-rate 0.05] [--senders 4]

`questions`: every chat asks one question at the same moment, on one replica (long polling, SQLite; and a
webhook on PostgreSQL) and on two webhook replicas sharing PostgreSQL (updates POSTed round-robin as a load
balancer would, at most 40 at a time per replica, Telegram's default max_connections). Prints questions
answered per second, p50/p95 of the time from an update reaching the bot to its reply reaching the fake, each
replica's RSS after every round, duplicates and Telegram's refusals. `recap`: one edition to N subscribers by
`--senders` concurrent senders over one PostgreSQL ledger while a share of sendMessage calls answers 429
(retry_after 1), 500 or 502; then `recap send` once more, as an operator would; counts lost and duplicated
messages. PostgreSQL comes from the `pgserver` wheel, as in the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import psycopg
from telegram import Bot

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the fake Bot API lives in tests/

from answer.metrics import percentile
from bot.recap_delivery import DeliveryPolicy, deliver_edition
from bot.settings import Settings
from bot.store import open_store
from bot.store.base import utcnow
from tests.fake_telegram import TOKEN, FakeTelegram
from tests.fake_telegram.webhook import SECRET_HEADER

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = (
    "Who did Meta hire from Apple?",
    "Why is there a shortage of AI talent in China?",
    "Where did Ruoming Pang go?",
    "latest moves",
    "Who did ByteDance hire from Alibaba?",
    "How much did Meta pay for its Scale AI stake?",
    "what happened in 2024?",
    "Who left OpenAI?",
)
PUBLIC_URL = "https://bench.example.com/telegram"
MAX_CONNECTIONS = 40  # Telegram's default number of simultaneous webhook requests per bot
READY_TIMEOUT_S = 120
REPLY_TIMEOUT_S = 900
FIRST_CHAT = 10_000_000


@dataclass(frozen=True)
class Scenario:
    name: str
    replicas: int
    webhook: bool
    postgres: bool


SCENARIOS = (
    Scenario("1 replica, polling, SQLite", 1, webhook=False, postgres=False),
    Scenario("1 replica, webhook, PostgreSQL", 1, webhook=True, postgres=True),
    Scenario("2 replicas, webhook, PostgreSQL", 2, webhook=True, postgres=True),
)


@contextmanager
def postgres() -> Iterator[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        server = pgserver.get_server(
            Path(tempfile.mkdtemp(prefix="talentbot-bench-pg-")), cleanup_mode="delete"
        )
    try:
        yield server.get_uri()
    finally:
        server.cleanup()


def fresh_schema(server: str, name: str) -> str:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{name}"')
    return f"{server}&options=-csearch_path%3D{name}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_replica(tg: FakeTelegram, database_url: str | None, port: int | None) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "PYTHONPATH": str(REPO),
        "TELEGRAM_BOT_TOKEN": tg.token,
        "TELEGRAM_API_BASE_URL": tg.base_url,
        "TALENTBOT_DATABASE_URL": database_url or "",
    }
    args = [sys.executable, "-m", "bot.cli", "serve"]
    if port is not None:
        args += ["--webhook", PUBLIC_URL, "--listen", f"127.0.0.1:{port}"]
    return subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(tg: FakeTelegram, procs: list[subprocess.Popen[bytes]], ports: list[int]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    for proc in procs:
        while proc.poll() is None and time.monotonic() < deadline:
            if not ports and tg.calls("getUpdates"):
                break
            if ports and len(tg.calls("setWebhook")) >= len(procs) and all(healthy(p) for p in ports):
                break
            time.sleep(0.2)
        if proc.poll() is not None:
            raise SystemExit(f"a replica exited: {proc.stderr.read().decode() if proc.stderr else ''}")


def healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def rss_mb(procs: list[subprocess.Popen[bytes]]) -> list[int]:
    return [int(psutil.Process(p.pid).memory_info().rss / 2**20) for p in procs]


async def post_all(updates: list[dict[str, object]], ports: list[int], secret: str) -> dict[int, float]:
    """POST each update to a replica, round-robin, at most MAX_CONNECTIONS at once per replica; returns when
    each chat's update was sent."""
    started: dict[int, float] = {}
    gates = [asyncio.Semaphore(MAX_CONNECTIONS) for _ in ports]
    limits = httpx.Limits(max_connections=MAX_CONNECTIONS * len(ports))
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:

        async def post(i: int, update: dict[str, object]) -> None:
            async with gates[i % len(ports)]:
                chat = update["message"]["chat"]["id"]  # type: ignore[index]
                started[chat] = time.monotonic()
                answer = await client.post(
                    f"http://127.0.0.1:{ports[i % len(ports)]}/telegram",
                    json=update,
                    headers={SECRET_HEADER: secret},
                )
                answer.raise_for_status()

        await asyncio.gather(*(post(i, u) for i, u in enumerate(updates)))
    return started


def replies(tg: FakeTelegram, chats: set[int]) -> dict[int, list[float]]:
    found: dict[int, list[float]] = {}
    for call in tg.requests:
        if call.method == "sendMessage" and int(call.params.get("chat_id", 0)) in chats:
            found.setdefault(int(call.params["chat_id"]), []).append(call.at)
    return found


def one_round(tg: FakeTelegram, chats: list[int], ports: list[int]) -> tuple[float, list[float], int]:
    """Every chat asks at once; (questions per second, reply latencies in ms, chats answered twice)."""
    for chat in chats:
        tg.add_chat(chat)
    for i, chat in enumerate(chats):
        tg.send_user_message(chat, QUESTIONS[i % len(QUESTIONS)])
    if ports:
        webhook = tg.webhook
        assert webhook is not None and webhook.secret_token
        started = asyncio.run(post_all(tg.take_updates(), ports, webhook.secret_token))
    else:
        now = time.monotonic()
        started = dict.fromkeys(chats, now)
    wanted = set(chats)
    tg.wait_for(lambda: len(replies(tg, wanted)) == len(wanted), REPLY_TIMEOUT_S, interval=0.5)
    found = replies(tg, wanted)
    latencies = [(found[c][0] - started[c]) * 1000 for c in chats]
    span = max(t[0] for t in found.values()) - min(started.values())
    return len(chats) / span, latencies, sum(1 for t in found.values() if len(t) > 1)


def run_scenario(scenario: Scenario, chats: int, rounds: int, pg: str | None) -> None:
    database_url = fresh_schema(pg, f"bench_{scenario.replicas}") if scenario.postgres and pg else None
    with FakeTelegram() as tg:
        ports = [free_port() for _ in range(scenario.replicas)] if scenario.webhook else []
        procs = [start_replica(tg, database_url, p) for p in (ports or [None])]
        try:
            wait_ready(tg, procs, ports)
            print(f"\n{scenario.name}: ready, RSS {rss_mb(procs)} MB")
            for r in range(rounds):
                ids = list(range(FIRST_CHAT + r * chats, FIRST_CHAT + (r + 1) * chats))
                rate, ms, twice = one_round(tg, ids, ports)
                print(
                    f"  round {r + 1}: {chats} chats, {rate:.1f} questions/s, reply p50 {percentile(ms, 50):.0f} ms "
                    f"p95 {percentile(ms, 95):.0f} ms max {max(ms):.0f} ms, answered twice {twice}, "
                    f"RSS {rss_mb(procs)} MB"
                )
            print(f"  refused by the fake: {len(tg.rejected)}")
        finally:
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
            for proc in procs:
                proc.wait(timeout=60)


def plan_faults(tg: FakeTelegram, calls: int, rate: float, seed: int = 7) -> Counter[str]:
    """Queue one fault (429 retry_after 1, 500 or 502, in equal shares) per `rate` of the next `calls`."""
    rng = random.Random(seed)
    planned: Counter[str] = Counter()
    gap = 0
    for _ in range(calls):
        if rng.random() >= rate:
            gap += 1
            continue
        kind = rng.choice(("429", "500", "502"))
        planned[kind] += 1
        if kind == "429":
            tg.fail("sendMessage", times=0, after=gap)
            tg.flood("sendMessage", times=1, retry_after=1)
        else:
            tg.fail("sendMessage", code=int(kind), description="Internal Server Error", after=gap)
        gap = 0
    return planned


async def send(settings: Settings, edition: str, senders: int, policy: DeliveryPolicy) -> None:
    with open_store(settings) as store:

        async def sender(i: int) -> None:
            async with Bot(TOKEN, base_url=settings.telegram_api_base_url) as bot:
                await deliver_edition(bot, store, edition, f"bench-sender-{i}", policy, honour_backoff=False)

        await asyncio.gather(*(sender(i) for i in range(senders)))


def run_recap(subscribers: int, rate: float, senders: int, pg: str) -> None:
    settings_url = fresh_schema(pg, "bench_recap")
    edition = "2026-W49"
    with FakeTelegram() as tg:
        settings = Settings(
            telegram_token=TOKEN, telegram_api_base_url=tg.base_url, database_url=settings_url
        )
        chats = list(range(FIRST_CHAT, FIRST_CHAT + subscribers))
        with open_store(settings) as store:
            now = utcnow()
            with store.backend.transaction() as tx:
                for chat in chats:
                    tg.add_chat(chat)
                    tx.run(
                        "INSERT INTO subscribers (chat_id, active, subscribed, updated) VALUES (?, ?, ?, ?)",
                        (chat, True, now, now),
                    )
            store.deliveries.open_edition(edition, "<b>Weekly recap</b>: bench edition", now)
        planned = plan_faults(tg, subscribers, rate)
        started = time.monotonic()
        asyncio.run(send(settings, edition, senders, DeliveryPolicy()))
        first = time.monotonic() - started
        with open_store(settings) as store:
            left = store.deliveries.counts(edition)
        asyncio.run(send(settings, edition, 1, DeliveryPolicy()))  # `recap send` once more: the rest
        received = Counter(m.chat_id for m in tg.sent_messages())
        with open_store(settings) as store:
            final = store.deliveries.counts(edition)
    lost = sum(1 for c in chats if received[c] == 0)
    duplicated = sum(1 for c in chats if received[c] > 1)
    print(
        f"\nrecap to {subscribers} subscribers, {senders} senders on PostgreSQL, injected {dict(planned)} "
        f"({sum(planned.values())} faults, {rate:.0%}):\n"
        f"  first run {first:.1f} s ({subscribers / first:.0f} messages/s), left pending {left.pending}; "
        f"after a second run: sent {final.sent}, pending {final.pending}\n"
        f"  lost {lost}, duplicated {duplicated}, refused by the fake (not injected): {len(tg.rejected)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=("questions", "recap", "all"))
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--only", help="run the question scenarios whose name contains this")
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--fault-rate", type=float, default=0.05)
    parser.add_argument("--senders", type=int, default=4)
    args = parser.parse_args()
    with postgres() as pg:
        if args.what in ("questions", "all"):
            for scenario in SCENARIOS:
                if args.only is None or args.only in scenario.name:
                    run_scenario(scenario, args.chats, args.rounds, pg)
        if args.what in ("recap", "all"):
            run_recap(args.subscribers, args.fault_rate, args.senders, pg)


if __name__ == "__main__":
    main()
