"""Groups and odd updates, through the real PTB Application and the strict fake Bot API: what the bot answers
in a group, other bots' commands, channel posts, edited questions, stale buttons, being added and removed."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from telegram.ext import Application

from bot.settings import Settings
from bot.store import open_store
from bot.telegram_bot.membership import BLOCKED_NOTE, REMOVED_NOTE
from bot.telegram_bot.texts import MENTION_ONLY, STALE_BUTTON
from tests.bot.running_bot import replied_to, replies
from tests.fake_telegram import FakeTelegram

CHAT = 4343
GROUP = -100_777
ME = "TalentTestBot"  # the fake's bot username
ALICE, BOB = 11, 12


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram(bot_username=ME) as fake:
        fake.add_chat(GROUP, first_name="AI people", chat_type="supergroup")
        yield fake


async def test_in_a_group_only_commands_mentions_and_replies_to_the_bot_are_answered(
    app: Application,  # type: ignore[type-arg]
    tg: FakeTelegram,
) -> None:
    for chatter in ("lol", "who did Moonshot AI hire?", "/help@OtherBot", "/play", "ask @SomeoneElse"):
        tg.send_user_message(GROUP, chatter, user_id=ALICE)
    tg.send_user_message(GROUP, "/help", user_id=ALICE)
    [help_reply] = await replies(tg, GROUP, 1)  # a chat's updates are handled in order: the chatter is done
    assert "Ask me anything about the AI talent war" in help_reply.text
    assert f"@{ME} who did Meta hire?" in help_reply.text

    asked = tg.send_user_message(GROUP, f"@{ME}, who did Moonshot AI hire?", user_id=BOB)
    mention = (await replies(tg, GROUP, 2))[-1]
    assert "Tan Xu" in mention.text and "no articles about" not in mention.text
    assert replied_to(mention) == asked

    follow_up = tg.send_user_message(GROUP, "when did he join?", user_id=ALICE, reply_to=mention.message_id)
    reply = (await replies(tg, GROUP, 3))[-1]
    assert reply.text.startswith("(Taking that as: “when did Tan Xu join?”)")
    assert replied_to(reply) == follow_up

    by_name = {"type": "text_mention", "offset": 0, "length": 9, "user": tg.bot_user}
    tg.send_user_message(GROUP, "TalentBot who did Meta hire from Apple?", user_id=BOB, entities=[by_name])
    named = (await replies(tg, GROUP, 4))[-1]
    assert "Ruoming Pang" in named.text and "TalentBot" not in named.text

    tg.send_user_message(GROUP, f"/help@{ME}", user_id=BOB)
    tg.send_user_message(GROUP, f"@{ME}", user_id=BOB)
    *_, addressed_help, bare_mention = await replies(tg, GROUP, 6)
    assert "Ask me anything" in addressed_help.text
    assert bare_mention.text == MENTION_ONLY.replace("<i>", "").replace("</i>", "")
    tg.send_user_message(GROUP, "lol", user_id=ALICE)
    tg.send_user_message(GROUP, f"/start@{ME}", user_id=ALICE)
    await replies(tg, GROUP, 7)
    assert len(tg.sent_messages(GROUP)) == 7


async def test_private_chats_answer_everything_but_other_bots_commands(
    app: Application, tg: FakeTelegram
) -> None:  # type: ignore[type-arg]
    for command in ("/help@OtherBot", "/start@OtherBot", "/compare@OtherBot Meta OpenAI"):
        tg.send_user_message(CHAT, command)
    tg.send_user_message(CHAT, "/nonsense")  # a command of none: the help, as before
    tg.send_user_message(CHAT, f"/help@{ME}")
    tg.send_user_message(CHAT, "who did Moonshot AI hire?")
    unknown, named, answer = await replies(tg, CHAT, 3)
    assert "Ask me anything" in unknown.text and "Ask me anything" in named.text
    assert "Tan Xu" in answer.text
    assert len(tg.sent_messages(CHAT)) == 3


async def test_channel_posts_are_ignored(app: Application, tg: FakeTelegram) -> None:  # type: ignore[type-arg]
    channel = {"id": -100_888, "type": "channel", "title": "News"}
    post = {"message_id": 1, "chat": channel, "date": 1, "text": "who did Moonshot AI hire?"}
    tg.queue_update({"channel_post": post})
    tg.queue_update({"edited_channel_post": {**post, "edit_date": 2, "text": "/help"}})
    tg.send_user_message(CHAT, "who did Moonshot AI hire?")
    await replies(tg, CHAT, 1)
    await asyncio.to_thread(tg.wait_until_acknowledged)
    await asyncio.sleep(0.3)  # the posts came first; give any (wrong) answer to them time to arrive
    assert tg.sent_messages(-100_888) == [] and tg.sent_messages() == tg.sent_messages(CHAT)


async def test_an_edited_question_edits_the_earlier_reply(app: Application, tg: FakeTelegram) -> None:  # type: ignore[type-arg]
    asked = tg.send_user_message(CHAT, "who did Moonshot AI hire?")
    [first] = await replies(tg, CHAT, 1)
    assert "Tan Xu" in first.text

    tg.edit_user_message(CHAT, asked, "who did Meta hire from Apple?")
    edit = (await replies(tg, CHAT, 2))[-1]
    assert edit.method == "editMessageText" and edit.message_id == first.message_id
    assert "Ruoming Pang" in edit.text and "Tan Xu" not in edit.text

    tg.edit_user_message(CHAT, asked, "Who did Meta hire from Apple?")  # the same answer: nothing to change
    tg.fail("editMessageText", code=400, description="Bad Request: message can't be edited")
    tg.edit_user_message(CHAT, asked, "who did Moonshot AI hire?")  # the reply can't be edited: a new one
    fresh = (await replies(tg, CHAT, 3))[-1]
    assert fresh.method == "sendMessage" and replied_to(fresh) == asked and "Tan Xu" in fresh.text
    tg.edit_user_message(CHAT, asked, "who did Meta hire from Apple?")  # the new reply is the one edited
    latest = (await replies(tg, CHAT, 4))[-1]
    assert latest.method == "editMessageText" and latest.message_id == fresh.message_id
    assert [m.method for m in tg.sent_messages(CHAT)].count("sendMessage") == 2


async def test_an_edit_that_addresses_the_bot_in_a_group_gets_a_reply(
    app: Application, tg: FakeTelegram
) -> None:  # type: ignore[type-arg]
    said = tg.send_user_message(GROUP, "who did Moonshot AI hire?", user_id=ALICE)
    tg.edit_user_message(GROUP, said, f"who did Moonshot AI hire, @{ME}?")
    [reply] = await replies(tg, GROUP, 1)
    assert reply.method == "sendMessage" and replied_to(reply) == said and "Tan Xu" in reply.text


async def test_every_button_press_is_acknowledged_and_a_stale_one_says_so(
    app: Application, tg: FakeTelegram
) -> None:  # type: ignore[type-arg]
    tg.send_user_message(CHAT, "/start")
    [welcome] = await replies(tg, CHAT, 1)
    for data in ("ask:99", "bogus", "more:0123456789:1", "old:format:1", ""):
        tg.press_button(CHAT, welcome.message_id, data, check_button=False)
    await tg.wait_for_async(lambda: len(tg.callback_answers) == 5, timeout=10)
    notices = [answer.get("text") for answer in tg.callback_answers]
    assert (
        notices
        == [STALE_BUTTON, STALE_BUTTON, "That list has expired: ask the question again."] + [STALE_BUTTON] * 2
    )
    tg.press_button(CHAT, welcome.message_id, welcome.callback_data[0])
    await replies(tg, CHAT, 2)
    assert len(tg.callback_answers) == 6 and "text" not in tg.callback_answers[-1]


async def test_added_to_a_group_it_says_hello_and_removed_its_recap_stops(
    app: Application,  # type: ignore[type-arg]
    tg: FakeTelegram,
    bot_settings: Settings,
) -> None:
    other_group = -100_999
    tg.add_chat(CHAT)
    tg.set_bot_status(other_group, "member", by_user_id=ALICE)
    [hello] = await replies(tg, other_group, 1)
    assert "In this group I answer only when you mention me" in hello.text and f"@{ME}" in hello.text
    with open_store(bot_settings) as store:
        for chat in (other_group, GROUP, CHAT):
            store.subscribers.subscribe(chat)

    tg.set_bot_status(other_group, "kicked", by_user_id=ALICE)
    tg.set_bot_status(GROUP, "left", by_user_id=BOB)
    tg.set_bot_status(CHAT, "kicked", by_user_id=CHAT)  # the user blocked the bot

    def notes() -> dict[int, str | None]:
        with open_store(bot_settings) as store:
            return {s.chat_id: s.note for s in store.subscribers.all() if not s.active}

    inactive = await tg.wait_for_async(lambda: len(notes()) == 3 and notes(), timeout=10)
    assert inactive == {other_group: REMOVED_NOTE, GROUP: REMOVED_NOTE, CHAT: BLOCKED_NOTE}
    assert app.job_queue is not None
    [job] = app.job_queue.get_jobs_by_name("recap")
    await job.run(app)
    assert len(tg.sent_messages()) == 1  # the hello; no recap, not even an attempt:
    assert tg.refused == []
