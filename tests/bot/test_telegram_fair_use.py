"""Fair use and no head-of-line blocking, through the real PTB Application and the strict fake Bot API: chats
served at once (each in order), a flood wait that holds back only its chat, the per-user question limit, long
messages, and "typing…" only while an answer is slow."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import pytest
from telegram.ext import Application

from answer.engine import Engine
from answer.model import Answer
from bot.settings import Settings
from bot.telegram_bot import build_application
from bot.telegram_bot.fair_use import TOO_LONG, QuestionLimiter, slow_down
from tests.bot.running_bot import replied_to, replies, running
from tests.fake_telegram import FakeTelegram

A, B = 6101, 6102
GROUP = -100_6103
SLOW_S = 1.5  # a slow answer: longer than the second after which "typing…" shows


async def test_a_flood_wait_in_one_chat_does_not_hold_up_another(app: Application, tg: FakeTelegram) -> None:  # type: ignore[type-arg]
    wait_s = 3
    tg.flood("sendMessage", times=1, retry_after=wait_s)  # the next message sent, A's answer, gets a 429
    tg.send_user_message(A, "who did Moonshot AI hire?")
    await tg.wait_for_async(lambda: tg.refused, timeout=10)
    flooded = time.monotonic()
    tg.send_user_message(B, "who did Meta hire from Apple?")
    [b_reply] = await replies(tg, B, 1)
    b_answered = time.monotonic() - flooded
    assert tg.sent_messages(A) == []  # B was answered while A still sat out its flood wait
    [a_reply] = await replies(tg, A, 1)
    a_answered = time.monotonic() - flooded
    assert "Ruoming Pang" in b_reply.text and "Tan Xu" in a_reply.text  # A's answer was retried, not lost
    assert b_answered < wait_s <= a_answered + 0.5  # loosely: wall-clock on a shared machine


def slow_when_asked_about(engine: Engine, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Questions naming `name` take SLOW_S longer (outside the engine's lock, as a slow search would not)."""
    answer = engine.answer

    def slow(question: str, *args: Any) -> Answer:
        if name in question:
            time.sleep(SLOW_S)
        return answer(question, *args)

    monkeypatch.setattr(engine, "answer", slow)


async def test_chats_are_served_at_once_each_in_order_and_typing_shows_only_while_slow(
    app: Application,  # type: ignore[type-arg]
    tg: FakeTelegram,
    small_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow_when_asked_about(small_engine, "Moonshot", monkeypatch)
    first = tg.send_user_message(A, "who did Moonshot AI hire?")  # slow
    second = tg.send_user_message(A, "who did Meta hire from Apple?")  # fast, but after the first
    tg.send_user_message(B, "who did Meta hire from Apple?")  # fast, and another chat's
    await replies(tg, A, 2)
    [b_reply] = tg.sent_messages(B)
    a_first, a_second = tg.sent_messages(A)
    assert tg.sent_messages()[0] == b_reply  # B did not wait behind A's slow answer
    assert (replied_to(a_first), replied_to(a_second)) == (first, second)  # A's in the order asked
    assert "Tan Xu" in a_first.text and "Ruoming Pang" in a_second.text
    assert {c["chat_id"] for c in tg.calls("sendChatAction")} == {str(A)}  # typing only for the slow one
    assert all(c["action"] == "typing" for c in tg.calls("sendChatAction"))


async def test_over_the_question_limit_one_polite_notice_then_questions_again_after_a_minute(
    tg: FakeTelegram, bot_settings: Settings, small_engine: Engine
) -> None:
    now = [1000.0]
    settings = dataclasses.replace(bot_settings, rate_limit=3)
    async with running(build_application(settings, small_engine)) as application:
        application.bot_data["question_limiter"] = QuestionLimiter(3, clock=lambda: now[0])
        for _ in range(6):
            tg.send_user_message(A, "who did Moonshot AI hire?")
        tg.send_user_message(A, "/start")  # commands other than questions are not counted
        *answers, notice, welcome = await replies(tg, A, 5)
        assert len(answers) == 3 and all("Tan Xu" in a.text for a in answers)
        assert notice.text == slow_down(3) and "3 questions a minute" in notice.text
        tg.press_button(A, welcome.message_id, welcome.callback_data[0])
        await tg.wait_for_async(lambda: tg.callback_answers, timeout=10)
        assert tg.callback_answers[0]["text"] == slow_down(3)  # the button is acknowledged with the notice

        tg.send_user_message(GROUP, "@TalentTestBot who did Moonshot AI hire?", user_id=B)
        [other_user] = await replies(tg, GROUP, 1)  # the limit is per user: B asks as usual
        assert "Tan Xu" in other_user.text
        now[0] += 61
        tg.send_user_message(A, "who did Meta hire from Apple?")
        again = (await replies(tg, A, 6))[-1]
        assert "Ruoming Pang" in again.text
        assert len(tg.sent_messages(A)) == 6  # one notice for the three questions over the limit
    tg.assert_no_rejections()


async def test_a_message_over_a_thousand_characters_is_asked_to_be_one_question(
    app: Application,  # type: ignore[type-arg]
    tg: FakeTelegram,
) -> None:
    pasted = "Who did Moonshot AI hire, and why, and what about Meta and Apple and OpenAI? " * 14
    assert len(pasted) > 1000
    asked = tg.send_user_message(A, pasted)
    [reply] = await replies(tg, A, 1)
    assert reply.raw_text == TOO_LONG and replied_to(reply) == asked
    tg.edit_user_message(A, asked, "who did Moonshot AI hire?")  # cut down to one question: answered in place
    edited = (await replies(tg, A, 2))[-1]
    assert edited.method == "editMessageText" and edited.message_id == reply.message_id
    assert "Tan Xu" in edited.text
    tg.send_user_message(A, "who did Meta hire from Apple? " + " " * 980)  # long only in blanks: one question
    assert "Ruoming Pang" in (await replies(tg, A, 3))[-1].text
