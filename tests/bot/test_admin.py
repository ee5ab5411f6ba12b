"""The operator's /stats and /broadcast_status, the shared question counter, and forgetting idle chats."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import threading

import pytest

from answer.engine import Engine
from bot.recap_delivery import DeliveryPolicy
from bot.settings import Settings, SettingsError
from bot.store import Store, open_store
from bot.telegram_bot import build_application
from bot.telegram_bot.admin import QuestionCounter, questions_key
from bot.telegram_bot.jobs import send_recap_now
from bot.telegram_bot.upkeep import forget_idle, seen_of
from tests.bot.running_bot import running
from tests.fake_telegram import FakeTelegram

ADMIN = 1001
USER = 2002


@pytest.fixture
def bot_settings(bot_settings: Settings) -> Settings:
    return dataclasses.replace(bot_settings, admins=frozenset({ADMIN}))


async def reply_to(tg: FakeTelegram, chat: int, text: str) -> str:
    before = len(tg.sent_messages(chat))
    tg.send_user_message(chat, text)
    await tg.wait_for_async(lambda: len(tg.sent_messages(chat)) > before, timeout=10)
    return tg.sent_messages(chat)[-1].text


async def test_stats_and_broadcast_status_for_admins_help_for_others(
    bot_settings: Settings, small_engine: Engine, tg: FakeTelegram
) -> None:
    async with running(build_application(bot_settings, small_engine)):
        for chat in (ADMIN, USER, USER + 1):
            await reply_to(tg, chat, "/subscribe")
        await reply_to(tg, USER, "who did Moonshot AI hire?")
        await reply_to(tg, USER, "and from OpenAI?")
        assert "/subscribe" in await reply_to(tg, USER, "/stats")  # not an admin: the help
        assert "/subscribe" in await reply_to(tg, USER, "/broadcast_status")
        assert await reply_to(tg, ADMIN, "/broadcast_status") == "No recap edition has been opened yet."

        tg.block(USER + 1)
        tg.fail(
            "sendMessage", times=2, code=500, after=1
        )  # one chat at a time: the second fails twice, left pending
        await send_recap_now(bot_settings, "2026-W48", DeliveryPolicy(attempts=2, backoff_s=0, concurrency=1))
        stats = await reply_to(tg, ADMIN, "/stats")
        status = await reply_to(tg, ADMIN, "/broadcast_status")
    assert "Subscribers: 2 (inactive: 1)" in stats
    assert "Questions today: 2" in stats
    assert "Feeds: 0 (failing: 0)" in stats
    assert "Index: built" in stats and "min ago" in stats
    assert "Last recap: 2026-W48, sent 1, pending 1 (failed, to retry: 1), blocked 1" in stats
    assert status.splitlines()[1].startswith("2026-W48 (opened ")
    assert status.endswith("sent 1, pending 1 (failed, to retry: 1), blocked 1, skipped 0")
    tg.assert_no_rejections()


async def test_admin_commands_in_a_group_are_not_answered_as_admin(
    bot_settings: Settings, small_engine: Engine, tg: FakeTelegram
) -> None:
    group = -100123
    tg.add_chat(group, chat_type="supergroup")
    async with running(build_application(bot_settings, small_engine)):
        tg.send_user_message(group, "/stats", user_id=ADMIN)
        await tg.wait_for_async(lambda: tg.pending_updates == 0, timeout=10)
        await asyncio.sleep(0.5)  # time for a reply, were one coming
    assert not any("Subscribers:" in m.text for m in tg.sent_messages(group))


def test_the_question_counter_is_shared_by_replicas(store_settings: Settings) -> None:
    day = dt.date(2026, 11, 23)
    with open_store(store_settings) as one, open_store(store_settings) as two:
        counters = [(QuestionCounter(), one), (QuestionCounter(), two)]

        def answer_and_flush(counter: QuestionCounter, store: Store) -> None:
            for _ in range(50):
                counter.count(day)
                counter.flush(store)

        threads = [threading.Thread(target=answer_and_flush, args=pair) for pair in counters * 2]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert one.values.get(questions_key(day)) == "200"
        assert two.values.increment(questions_key(day + dt.timedelta(days=1)), 3) == 3


def test_admins_setting() -> None:
    assert Settings.from_env({"TALENTBOT_ADMINS": " 12, 345 ,"}).admins == {12, 345}
    assert Settings.from_env({}).admins == frozenset()
    with pytest.raises(SettingsError, match="TALENTBOT_ADMINS"):
        Settings.from_env({"TALENTBOT_ADMINS": "@alice"})
    with pytest.raises(SettingsError, match="TALENTBOT_WEBHOOK_SECRET"):
        Settings.from_env({"TALENTBOT_WEBHOOK_SECRET": "has spaces"})


def test_idle_chats_are_forgotten_and_their_number_capped(
    bot_settings: Settings, small_engine: Engine
) -> None:
    application = build_application(bot_settings, small_engine)
    seen = seen_of(application)
    for chat in range(10):
        seen.touch(chat, chat, now=float(chat))
        application.chat_data[chat]["conversation"] = object()  # what a question leaves behind
    assert forget_idle(application, now=10.0, idle_s=100, keep=6) == 8  # 4 chats + their 4 users
    assert sorted(application.chat_data) == [4, 5, 6, 7, 8, 9]
    forget_idle(application, now=107.5, idle_s=100, keep=6)  # chats last seen before 7.5 idle too long
    assert sorted(application.chat_data) == [8, 9] and sorted(seen.chats) == [8, 9]
