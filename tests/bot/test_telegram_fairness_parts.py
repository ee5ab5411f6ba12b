"""The parts behind fair use, one by one: the question limiter, the per-chat update processor, the flood
limiter that pauses only the chat a 429 names, the reply memory and mention stripping."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from typing import Any

import pytest
from telegram import Bot, Chat, Message, MessageEntity, Update, User
from telegram.error import RetryAfter

from bot.telegram_bot import fair_use
from bot.telegram_bot.addressing import for_me, question_text
from bot.telegram_bot.fair_use import QuestionLimiter, Verdict
from bot.telegram_bot.flood import ChatFloodLimiter
from bot.telegram_bot.ordering import PerChatProcessor
from bot.telegram_bot.replies import Reply, ReplyMemory

NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def test_the_limit_counts_the_last_minute_and_tells_a_user_once() -> None:
    now = [0.0]
    limiter = QuestionLimiter(2, clock=lambda: now[0])
    assert [limiter.check(1) for _ in range(4)] == [Verdict.ASK, Verdict.ASK, Verdict.NOTICE, Verdict.QUIET]
    assert limiter.check(2) is Verdict.ASK  # per user
    now[0] = 59.9
    assert limiter.check(1) is Verdict.QUIET  # refused questions did not count: still the first two
    now[0] = 60.0
    assert [limiter.check(1) for _ in range(3)] == [Verdict.ASK, Verdict.ASK, Verdict.NOTICE]  # told again
    assert all(QuestionLimiter(0).check(1) is Verdict.ASK for _ in range(100))  # 0: no limit


def test_the_limiter_forgets_idle_users(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fair_use, "MAX_USERS", 100)
    now = [0.0]
    limiter = QuestionLimiter(5, clock=lambda: now[0])
    for user in range(1000):
        now[0] += 1.0
        limiter.check(user)
    assert limiter.users <= 100 + 60


def test_the_reply_memory_keeps_the_most_recent() -> None:
    memory = ReplyMemory(limit=3)
    for question in range(5):
        memory.remember(7, question, Reply(100 + question, "d"))
    memory.remember(7, 2, Reply(200, "e"))  # touched: now the most recent
    memory.remember(7, 9, Reply(300, "f"))
    assert len(memory) == 3
    assert [memory.reply_to(7, q) for q in (1, 2, 3, 4, 9)] == [
        None,
        Reply(200, "e"),
        None,
        Reply(104, "d"),
        Reply(300, "f"),
    ]
    assert memory.reply_to(8, 4) is None  # per chat


def update_in(chat_id: int, update_id: int) -> Update:
    return Update(update_id, message=Message(update_id, NOW, Chat(chat_id, Chat.PRIVATE)))


async def test_updates_of_one_chat_run_in_order_and_other_chats_meanwhile() -> None:
    processor = PerChatProcessor(concurrent=4)
    events: list[str] = []

    async def handle(name: str, seconds: float) -> None:
        events.append(f"{name} starts")
        await asyncio.sleep(seconds)
        events.append(f"{name} ends")

    work = [(1, "a1", 0.2), (1, "a2", 0.0), (1, "a3", 0.0), (2, "b1", 0.05)]
    await asyncio.gather(
        *(processor.process_update(update_in(c, i), handle(n, s)) for i, (c, n, s) in enumerate(work))
    )
    a_events = [e for e in events if e.startswith("a")]
    assert a_events == ["a1 starts", "a1 ends", "a2 starts", "a2 ends", "a3 starts", "a3 ends"]
    assert events.index("b1 ends") < events.index("a1 ends")  # b1 did not wait for chat 1
    assert processor.chats_waiting == 0  # the per-chat locks are gone once idle


async def test_a_chat_with_many_waiting_updates_holds_one_slot() -> None:
    processor = PerChatProcessor(concurrent=2)
    running = {"now": 0, "most": 0}

    async def handle(seconds: float) -> None:
        running["now"] += 1
        running["most"] = max(running["most"], running["now"])
        await asyncio.sleep(seconds)
        running["now"] -= 1

    flood = [processor.process_update(update_in(1, i), handle(0.01)) for i in range(20)]
    others = [processor.process_update(update_in(2 + i, 100 + i), handle(0.01)) for i in range(3)]
    started = time.monotonic()
    await asyncio.gather(*flood, *others)
    assert running["most"] <= 2 and time.monotonic() - started < 2


def retrying(times: int, seconds: int, log: list[str], name: str) -> Any:
    """A request that gets a 429 `times` times, then succeeds; each outcome appended to `log`."""
    left = [times]

    async def call() -> bool:
        if left[0] > 0:
            left[0] -= 1
            log.append(f"{name} 429")
            raise RetryAfter(seconds)
        log.append(f"{name} sent")
        return True

    return call


async def test_a_429_pauses_only_its_chat_and_one_about_no_chat_pauses_all() -> None:
    limiter = ChatFloodLimiter(max_retries=2)
    log: list[str] = []

    async def send(name: str, chat: int | None, times: int = 0) -> None:
        data = {"chat_id": chat} if chat is not None else {}
        await limiter.process_request(retrying(times, 1, log, name), (), {}, "sendMessage", data, None)

    started = time.monotonic()
    flooded = asyncio.create_task(send("A", 1, times=1))
    await asyncio.sleep(0.05)
    await send("B", 2)
    await send("A again", 1)  # the same chat waits for its flood wait to end
    await flooded
    assert log == ["A 429", "B sent", "A sent", "A again sent"]
    assert time.monotonic() - started >= 1.0

    log.clear()
    global_wait = asyncio.create_task(send("menu", None, times=1))
    await asyncio.sleep(0.05)
    paused = time.monotonic()
    await send("C", 3)  # every chat waits out a 429 that named none
    assert time.monotonic() - paused >= 0.9
    await global_wait
    assert log[0] == "menu 429" and sorted(log[1:]) == ["C sent", "menu sent"]


async def test_the_flood_limiter_gives_up_after_its_retries() -> None:
    limiter = ChatFloodLimiter(max_retries=1)
    log: list[str] = []
    with pytest.raises(RetryAfter):
        await limiter.process_request(retrying(5, 1, log, "A"), (), {}, "sendMessage", {"chat_id": 1}, None)
    assert log == ["A 429", "A 429"]
    await limiter.process_request(retrying(0, 1, log, "B"), (), {}, "sendMessage", {"chat_id": 2}, 0)
    assert log[-1] == "B sent"


def message(text: str, entities: list[MessageEntity], chat_type: str = Chat.SUPERGROUP) -> Message:
    return Message(1, NOW, Chat(-5, chat_type), text=text, entities=entities, from_user=User(9, "Ann", False))


def test_the_mention_is_cut_out_of_the_question_wherever_it_is() -> None:
    bot = Bot("123456789:AAFakeTelegramTokenForTests-0123456")
    bot._bot_user = User(123456789, "TalentBot", True, username="TalentTestBot")  # as after getMe
    text = "🙂 @TalentTestBot, who did Meta hire?"
    mention = MessageEntity(MessageEntity.MENTION, 3, 14)  # the emoji is two UTF-16 units
    assert question_text(message(text, [mention]), bot) == "🙂 , who did Meta hire?"
    lead = message("@talenttestbot: who did Meta hire? @Other", [MessageEntity("mention", 0, 14)])
    assert question_text(lead, bot) == "who did Meta hire? @Other" and for_me(lead, bot)
    other = message("@Other who?", [MessageEntity(MessageEntity.MENTION, 0, 6)])
    assert not for_me(other, bot) and for_me(message("lol", [], Chat.PRIVATE), bot)
    command = message("/help@OtherBot", [MessageEntity(MessageEntity.BOT_COMMAND, 0, 14)], Chat.PRIVATE)
    assert not for_me(command, bot)
