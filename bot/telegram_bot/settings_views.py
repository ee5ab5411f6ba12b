"""The /settings menu's pages and the choices it accepts: one message, edited in place as the chat chooses.

Every button's callback data is "set:<what>[:<value>]" (at most 42 bytes, within Telegram's 64): the value itself
(a day number, a time, a zone name, a date style code), so a button from an older menu still means what it says.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import available_timezones

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from answer.dates import BY_CODE, STYLES, date_style
from bot.recap_times import recap_time, valid_zone
from bot.render import esc
from bot.settings import Settings
from bot.store import ChatSettings
from bot.telegram_bot.texts import DAY_NAMES

PREFIX = "set"
# Zones offered as buttons (any other IANA zone can be typed: /settings tz Europe/Berlin), west to east.
COMMON_ZONES = (
    ("Los Angeles", "America/Los_Angeles"),
    ("Denver", "America/Denver"),
    ("Chicago", "America/Chicago"),
    ("New York", "America/New_York"),
    ("São Paulo", "America/Sao_Paulo"),
    ("UTC", "UTC"),
    ("London", "Europe/London"),
    ("Berlin", "Europe/Berlin"),
    ("Moscow", "Europe/Moscow"),
    ("Dubai", "Asia/Dubai"),
    ("India", "Asia/Kolkata"),
    ("Singapore", "Asia/Singapore"),
    ("Beijing", "Asia/Shanghai"),
    ("Tokyo", "Asia/Tokyo"),
    ("Sydney", "Australia/Sydney"),
)
PAGES = ("main", "day", "time", "tz", "dates")
USAGE = (
    "Use /settings alone for the menu, or type one setting: <code>/settings tz Europe/Berlin</code>, "
    "<code>/settings time 07:30</code>, <code>/settings day friday</code>, <code>/settings dates iso</code>, "
    "<code>/settings off</code>, <code>/settings on</code> or <code>/settings reset</code>."
)
_ZONES_BY_LOWER = {z.lower(): z for z in available_timezones()}


@dataclass(frozen=True)
class Choice:
    """A change to a chat's settings ("reset": all but on/off back to the defaults)."""

    field: str  # a ChatSettings field, or "reset"
    value: Any = None  # of the field's type


@dataclass(frozen=True)
class Shown:
    """What the menu shows a chat: its settings, and whether it is subscribed."""

    chat: ChatSettings
    subscribed: bool


def parse_choice(what: str, value: str) -> Choice | str:
    """A button's or a typed setting's choice, or why it cannot be one (a line for people)."""
    text = value.strip()
    if what == "day":
        names = [d.lower() for d in DAY_NAMES]
        low = text.lower()
        day = next((i for i, n in enumerate(names) if low in (n, n[:3])), None)
        if day is None and low.isascii() and low.isdigit() and int(low) <= 6:
            day = int(low)
        return "Give a weekday, e.g. monday." if day is None else Choice("recap_day", day)
    if what == "time":
        try:
            when = dt.time.fromisoformat(text.zfill(5) if len(text) == 4 else text)
        except ValueError:
            return "Give a time as HH:MM, e.g. 07:30."
        return Choice("recap_time", when.replace(second=0, microsecond=0, tzinfo=None))
    if what == "tz":
        zone = _ZONES_BY_LOWER.get(text.lower(), text)
        ok = valid_zone(zone)
        return Choice("timezone", zone) if ok else f"{esc(text)} is not a time zone: try Europe/Berlin."
    if what == "dates":
        code = next((c for c in BY_CODE if c.lower() == text.lower()), None)
        return Choice("date_language", code) if code else f"Date styles: {', '.join(BY_CODE)}."
    if what in ("on", "off") and not text:
        return Choice("recap_enabled", what == "on")
    if what == "reset" and not text:
        return Choice("reset")
    return USAGE


def applied(chat: ChatSettings, choice: Choice) -> ChatSettings:
    if choice.field == "reset":
        return ChatSettings(chat.chat_id, recap_enabled=chat.recap_enabled)
    return dataclasses.replace(chat, **{choice.field: choice.value})


def _button(label: str, *parts: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=":".join((PREFIX, *parts)))


def _ticked(label: str, chosen: bool) -> str:
    return f"✓ {label}" if chosen else label


def summary(shown: Shown, settings: Settings, now: dt.datetime) -> str:
    """The chat's recap settings as a few lines of Telegram HTML."""
    chat = shown.chat
    when = recap_time(chat, settings)
    dates = date_style(chat.date_language)
    following = when.following(now)
    if not shown.subscribed:
        state = "not subscribed (/subscribe)"
    elif chat.recap_enabled:
        state = f"on, next on {DAY_NAMES[following.weekday()]} {esc(dates.full(following.date()))}"
    else:
        state = "paused"
    return (
        f"<b>Weekly recap settings</b>\nRecap: {state}\n"
        f"Day: {DAY_NAMES[when.day]}\nTime: {when.time:%H:%M}\nTime zone: {esc(when.zone)}\n"
        f"Dates: {esc(dates.full(following.date()))} ({esc(dates.name)})\n"
        f"<i>Unset ones follow the bot's defaults: {DAY_NAMES[settings.recap_day]} "
        f"{settings.recap_time:%H:%M} {esc(settings.timezone)}.</i>"
    )


def _main_keys(shown: Shown, settings: Settings, now: dt.datetime) -> list[list[InlineKeyboardButton]]:
    chat = shown.chat
    when = recap_time(chat, settings)
    if not shown.subscribed:
        toggle = _button("🔔 Subscribe", "sub")
    elif chat.recap_enabled:
        toggle = _button("⏸ Pause the recap", "off")
    else:
        toggle = _button("▶️ Resume the recap", "on")
    example = date_style(chat.date_language).full(when.following(now).date())
    return [
        [toggle],
        [
            _button(f"Day: {DAY_NAMES[when.day]}", "p", "day"),
            _button(f"Time: {when.time:%H:%M}", "p", "time"),
        ],
        [_button(f"Time zone: {when.zone}", "p", "tz"), _button(f"Dates: {example}", "p", "dates")],
        [_button("Reset to defaults", "reset"), _button("Done", "done")],
    ]


def _page_keys(
    page: str, shown: Shown, settings: Settings, now: dt.datetime
) -> list[list[InlineKeyboardButton]]:
    when = recap_time(shown.chat, settings)
    if page == "day":
        buttons = [_button(_ticked(n, i == when.day), "day", str(i)) for i, n in enumerate(DAY_NAMES)]
        width = 4
    elif page == "time":
        hours = [dt.time(h) for h in range(24)]
        buttons = [_button(_ticked(f"{t:%H:%M}", t == when.time), "time", f"{t:%H:%M}") for t in hours]
        width = 4
    elif page == "tz":
        buttons = [_button(_ticked(label, zone == when.zone), "tz", zone) for label, zone in COMMON_ZONES]
        width = 3
    else:
        sample = when.following(now).date()
        current = date_style(shown.chat.date_language)
        buttons = [
            _button(_ticked(f"{s.full(sample)} · {s.name}", s == current), "dates", s.code) for s in STYLES
        ]
        width = 2
    rows = [buttons[i : i + width] for i in range(0, len(buttons), width)]
    return [*rows, [_button("« Back", "p", "main")]]


PAGE_HINTS = {
    "day": "Pick the recap's day:",
    "time": "Pick the recap's time (or type one: <code>/settings time 07:30</code>):",
    "tz": "Pick your time zone (or type any: <code>/settings tz Europe/Berlin</code>):",
    "dates": "Pick how the recap writes dates:",
}


def page(name: str, shown: Shown, settings: Settings, now: dt.datetime) -> tuple[str, InlineKeyboardMarkup]:
    """The menu's page `name` ("main", "day", "time", "tz", "dates"): its text and buttons."""
    text = summary(shown, settings, now)
    if name == "main":
        return text, InlineKeyboardMarkup(_main_keys(shown, settings, now))
    return f"{text}\n\n{PAGE_HINTS[name]}", InlineKeyboardMarkup(_page_keys(name, shown, settings, now))
