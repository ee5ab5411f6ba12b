"""When each chat's weekly recap is due: its own day, time and time zone from /settings, each defaulting to
TALENTBOT_RECAP_DAY, TALENTBOT_RECAP_TIME and TALENTBOT_TZ; and which edition and text a due chat gets.

An edition is named after the ISO week of the chat's local recap day ("2026-W49"), so a chat gets each week's
recap once whatever its day, time or zone, and changing them never brings a second copy of the same week.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from answer.dates import DateStyle, date_style
from bot.settings import Settings
from bot.store import ChatSettings

WEEK = dt.timedelta(days=7)


@dataclass(frozen=True)
class RecapTime:
    day: int  # Monday = 0, as datetime counts
    time: dt.time  # local, in `zone`
    zone: str  # an IANA name

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def latest(self, now: dt.datetime) -> dt.datetime:
        """The most recent recap time at or before `now`, in the zone."""
        local = now.astimezone(self.tzinfo)
        day = local.date() - dt.timedelta(days=(local.weekday() - self.day) % 7)
        slot = dt.datetime.combine(day, self.time, tzinfo=self.tzinfo)
        if slot > local:  # today is the recap day, before its time
            slot = dt.datetime.combine(day - WEEK, self.time, tzinfo=self.tzinfo)
        return slot

    def following(self, now: dt.datetime) -> dt.datetime:
        """The first recap time after `now`, in the zone (the same local time across a change of clocks)."""
        latest = self.latest(now)
        return dt.datetime.combine(latest.date() + WEEK, self.time, tzinfo=self.tzinfo)


def default_time(settings: Settings) -> RecapTime:
    return RecapTime(settings.recap_day, settings.recap_time, settings.timezone)


def valid_zone(name: str | None) -> bool:
    try:
        ZoneInfo(name or "")
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a directory such as 'Europe'
        return False
    return True


def recap_time(chat: ChatSettings, settings: Settings) -> RecapTime:
    """The chat's recap time: what it chose, the defaults for the rest (and for a zone this system lacks)."""
    return RecapTime(
        settings.recap_day if chat.recap_day is None else chat.recap_day,
        chat.recap_time or settings.recap_time,
        chat.timezone if chat.timezone and valid_zone(chat.timezone) else settings.timezone,
    )


def edition_for(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class ChatSlot:
    """A chat whose recap is due: since when, for which day (its week ends the day before), in which style."""

    chat_id: int
    day: dt.date
    due: dt.datetime
    dates: DateStyle

    @property
    def edition(self) -> str:
        return edition_for(self.day)

    @property
    def variant(self) -> str:
        """Which of the edition's frozen texts the chat gets: one per recap day and date style."""
        return f"{self.day.isoformat()}:{self.dates.code}"


def slot_of(chat: ChatSettings, settings: Settings, now: dt.datetime) -> ChatSlot:
    """The chat's latest recap time at or before `now`."""
    slot = recap_time(chat, settings).latest(now)
    return ChatSlot(chat.chat_id, slot.date(), slot, date_style(chat.date_language))
