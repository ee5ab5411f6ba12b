"""/settings against the strict fake Bot API: buttons change and keep a chat's recap settings, the menu is edited
in place, every press is acknowledged (stale ones too), and in groups only administrators may change anything."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application

from answer.engine import Engine
from bot.settings import Settings
from bot.store import ChatSettings, open_store
from bot.telegram_bot import build_application
from bot.telegram_bot.admins import ADMINS_ONLY
from bot.telegram_bot.settings_menu import STALE
from bot.telegram_bot.settings_views import parse_choice
from tests.bot.running_bot import running
from tests.fake_telegram import MAX_CALLBACK_DATA_BYTES, FakeTelegram, SentMessage

CHAT = 5151
GROUP, ADMIN, MEMBER = -100777, 11, 12
SETTINGS = "Weekly recap settings"  # the menu's title
# A Wednesday: the menu's "next recap" is the coming Monday.
NOW = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)


def started(settings: Settings, engine: Engine) -> Application:  # type: ignore[type-arg]
    application = build_application(settings, engine)
    application.bot_data["clock"] = lambda: NOW
    return application


@pytest.fixture
async def app(bot_settings: Settings, small_engine: Engine, tg: FakeTelegram) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    async with running(started(bot_settings, small_engine)) as application:
        yield application
    tg.assert_no_rejections()


async def menu(tg: FakeTelegram, chat: int, count: int = 1, user: int | None = None) -> SentMessage:
    tg.send_user_message(chat, "/settings", user_id=user)
    sent = await tg.wait_for_async(
        lambda: [m for m in tg.sent_messages(chat) if m.method == "sendMessage" and SETTINGS in m.text][
            count - 1 :
        ]
    )
    return sent[0]


async def press(tg: FakeTelegram, chat: int, message: SentMessage, data: str, user: int | None = None) -> str:
    """Press a button of the message as it is now; returns the acknowledgement's text."""
    answered = len(tg.callback_answers)
    tg.press_button(chat, message.message_id, data, user_id=user, check_button=False)
    answers = await tg.wait_for_async(lambda: tg.callback_answers[answered:])
    return str(answers[0].get("text", ""))


def current(tg: FakeTelegram, chat: int, message: SentMessage) -> SentMessage:
    shown = tg.message(chat, message.message_id)
    assert shown is not None
    return shown


async def test_buttons_change_the_settings_in_place_and_they_survive_a_restart(
    tg: FakeTelegram, bot_settings: Settings, small_engine: Engine
) -> None:
    async with running(started(bot_settings, small_engine)):
        shown = await change_everything(tg, bot_settings)
    async with running(started(bot_settings, small_engine)):  # another replica, or after a restart
        again = await menu(tg, CHAT, count=2)
        assert "Day: Friday\nTime: 07:00\nTime zone: Asia/Tokyo\nDates: 2026-12-04 (ISO 8601)" in again.text
        assert "▶️ Resume the recap" in again.button_texts
        assert await press(tg, CHAT, again, "set:on") == "Recap resumed"
        await tg.wait_for_async(
            lambda: "Recap: on, next on Friday 2026-12-04" in current(tg, CHAT, again).text
        )
        assert await press(tg, CHAT, shown, "set:p:day") == ""  # the first menu still works
    tg.assert_no_rejections()


async def change_everything(tg: FakeTelegram, bot_settings: Settings) -> SentMessage:
    """Subscribe, then press through the menu; returns the menu's message."""
    tg.send_user_message(CHAT, "/subscribe")
    shown = await menu(tg, CHAT)
    assert "Recap: on, next on Monday 07 Dec 2026" in shown.text
    steps = [
        ("set:p:day", "Pick the recap's day"),
        ("set:day:4", "Day: Friday"),
        ("set:p:time", "Pick the recap's time"),
        ("set:time:07:00", "Time: 07:00"),
        ("set:p:tz", "Pick your time zone"),
        ("set:tz:Asia/Tokyo", "Time zone: Asia/Tokyo"),
        ("set:p:dates", "Pick how the recap writes dates"),
        ("set:dates:iso", "Dates: 2026-12-04 (ISO 8601)"),
        ("set:off", "Recap: paused"),
    ]
    for data, after in steps:
        assert data in current(tg, CHAT, shown).callback_data
        assert len(data.encode()) <= MAX_CALLBACK_DATA_BYTES
        await press(tg, CHAT, shown, data)
        await tg.wait_for_async(lambda a=after: a in current(tg, CHAT, shown).text)  # type: ignore[misc]
    assert len(tg.callback_answers) == len(steps)
    assert [m.message_id for m in tg.sent_messages(CHAT) if m.method == "sendMessage"] == [
        shown.message_id - 1,
        shown.message_id,
    ]  # the subscription's reply and one menu, edited in place
    expected = ChatSettings(CHAT, False, 4, dt.time(7), "Asia/Tokyo", "iso")
    with open_store(bot_settings) as store:
        assert store.chat_settings.get(CHAT) == expected
    return shown


async def test_every_press_is_acknowledged_stale_and_unknown_ones_with_a_notice(
    app: Application,  # type: ignore[type-arg]
    tg: FakeTelegram,
) -> None:
    shown = await menu(tg, CHAT)
    for stale in ("set:day:9", "set:tz:Mars/Olympus", "set:bogus", "set:p:nowhere", "set", "set:time:25:00"):
        assert await press(tg, CHAT, shown, stale) == STALE
    assert current(tg, CHAT, shown).text == shown.text  # nothing changed
    assert await press(tg, CHAT, shown, "set:reset") == "Already set"  # the defaults already
    assert await press(tg, CHAT, shown, "set:done") == ""
    await tg.wait_for_async(lambda: not current(tg, CHAT, shown).callback_data)
    assert await press(tg, CHAT, shown, "set:p:day") == ""  # a button of the menu before it was closed
    assert len(tg.callback_answers) == 9


async def test_a_time_zone_and_a_time_can_be_typed(
    app: Application, tg: FakeTelegram, bot_settings: Settings
) -> None:  # type: ignore[type-arg]
    tg.send_user_message(CHAT, "/settings tz europe/berlin")
    tg.send_user_message(CHAT, "/settings time 7:30")
    tg.send_user_message(CHAT, "/settings tz Mars/Olympus")
    tg.send_user_message(CHAT, "/settings sometime")
    replies = await tg.wait_for_async(lambda: tg.sent_messages(CHAT)[3:] and tg.sent_messages(CHAT))
    assert "Time zone: Europe/Berlin" in replies[0].text
    assert "Time: 07:30" in replies[1].text
    assert replies[2].text.startswith("Mars/Olympus is not a time zone")
    assert replies[3].text.startswith("Use /settings alone for the menu")
    with open_store(bot_settings) as store:
        assert store.chat_settings.get(CHAT) == ChatSettings(
            CHAT, recap_time=dt.time(7, 30), timezone="Europe/Berlin"
        )


async def test_the_recap_command_writes_dates_in_the_chat_s_style(app: Application, tg: FakeTelegram) -> None:  # type: ignore[type-arg]
    tg.send_user_message(CHAT, "/recap")
    tg.send_user_message(CHAT, "/settings dates iso")
    tg.send_user_message(CHAT, "/recap")
    recaps = await tg.wait_for_async(
        lambda: (
            [m for m in tg.sent_messages(CHAT) if "weekly recap" in m.text][1:]
            and [m for m in tg.sent_messages(CHAT) if "weekly recap" in m.text]
        )
    )
    before, after = recaps
    iso_week = re.compile(r"weekly recap, \d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d")
    assert iso_week.search(after.text) and not iso_week.search(before.text)


async def test_in_a_group_only_administrators_subscribe_and_change_settings(
    app: Application,  # type: ignore[type-arg]
    tg: FakeTelegram,
    bot_settings: Settings,
) -> None:
    tg.set_member(GROUP, ADMIN, "administrator")
    tg.send_user_message(GROUP, "/subscribe", user_id=MEMBER)
    await tg.wait_for_async(lambda: tg.sent_messages(GROUP))
    assert tg.sent_messages(GROUP)[0].text == ADMINS_ONLY
    shown_to_member = await menu(tg, GROUP, user=MEMBER)
    assert ADMINS_ONLY in shown_to_member.text and not shown_to_member.callback_data

    tg.send_user_message(GROUP, "/subscribe", user_id=ADMIN)
    await tg.wait_for_async(lambda: any("Subscribed" in m.text for m in tg.sent_messages(GROUP)))
    shown = await menu(tg, GROUP, count=2, user=ADMIN)
    assert shown.callback_data
    assert await press(tg, GROUP, shown, "set:off", user=MEMBER) == ADMINS_ONLY
    assert str(tg.callback_answers[-1]["show_alert"]).lower() == "true"
    assert await press(tg, GROUP, shown, "set:off", user=ADMIN) == "Recap paused"
    with open_store(bot_settings) as store:
        assert store.subscribers.active() == [GROUP]
        assert store.chat_settings.get(GROUP).recap_enabled is False
    assert {(int(c["chat_id"]), int(c["user_id"])) for c in tg.calls("getChatMember")} == {
        (GROUP, ADMIN),
        (GROUP, MEMBER),
    }


@pytest.mark.parametrize(
    ("what", "value", "field", "expected"),
    [
        ("day", "Fri", "recap_day", 4),
        ("day", "6", "recap_day", 6),
        ("time", "18:45", "recap_time", dt.time(18, 45)),
        ("tz", "asia/tokyo", "timezone", "Asia/Tokyo"),
        ("dates", "EN-us", "date_language", "en-US"),
        ("off", "", "recap_enabled", False),
    ],
)
def test_typed_settings_are_read_leniently(what: str, value: str, field: str, expected: object) -> None:
    choice = parse_choice(what, value)
    assert not isinstance(choice, str)
    assert (choice.field, choice.value) == (field, expected)


@pytest.mark.parametrize(
    ("what", "value"), [("day", "someday"), ("time", "9pm"), ("tz", "Europe"), ("dates", "xx")]
)
def test_settings_that_cannot_be_read_say_why(what: str, value: str) -> None:
    assert isinstance(parse_choice(what, value), str)
