"""How the weekly recap writes its dates, per chat: English (the default), US English, ISO 8601, German,
French, Spanish or Chinese. Only the dates change; the recap's words stay English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FRENCH_MONTHS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
SPANISH_MONTHS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic")

DateText = Callable[[dt.date], str]


@dataclass(frozen=True)
class DateStyle:
    code: str  # what a chat's settings store
    name: str  # for people choosing one
    day_month: DateText  # a day of the recap's week: the year is in the title
    full: DateText

    def period(self, start: dt.date, end: dt.date) -> str:
        if start.year == end.year:
            return f"{self.day_month(start)} – {self.full(end)}"
        return f"{self.full(start)} – {self.full(end)}"


def _english(day: dt.date) -> str:
    return f"{day.day:02d} {ENGLISH_MONTHS[day.month - 1]}"  # what the recap has always shown: "07 Jun"


def _iso(day: dt.date) -> str:
    return day.isoformat()


STYLES: tuple[DateStyle, ...] = (
    DateStyle("en", "English", _english, lambda d: f"{_english(d)} {d.year}"),
    DateStyle(
        "en-US",
        "US English",
        lambda d: f"{ENGLISH_MONTHS[d.month - 1]} {d.day}",
        lambda d: f"{ENGLISH_MONTHS[d.month - 1]} {d.day}, {d.year}",
    ),
    DateStyle("iso", "ISO 8601", _iso, _iso),  # a day without its year is not ISO: always the full date
    DateStyle("de", "Deutsch", lambda d: f"{d.day}.{d.month}.", lambda d: f"{d.day}.{d.month}.{d.year}"),
    DateStyle(
        "fr",
        "Français",
        lambda d: f"{d.day} {FRENCH_MONTHS[d.month - 1]}",
        lambda d: f"{d.day} {FRENCH_MONTHS[d.month - 1]} {d.year}",
    ),
    DateStyle(
        "es",
        "Español",
        lambda d: f"{d.day} {SPANISH_MONTHS[d.month - 1]}",
        lambda d: f"{d.day} {SPANISH_MONTHS[d.month - 1]} {d.year}",
    ),
    DateStyle("zh", "中文", lambda d: f"{d.month}月{d.day}日", lambda d: f"{d.year}年{d.month}月{d.day}日"),
)
BY_CODE = {s.code: s for s in STYLES}
DEFAULT = STYLES[0]


def date_style(code: str | None) -> DateStyle:
    """The style a chat chose; the default for none, or for a code this version no longer offers."""
    return BY_CODE.get(code or "", DEFAULT)
