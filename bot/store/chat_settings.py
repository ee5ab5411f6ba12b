"""Per-chat recap settings: day, time, time zone, on/off and the language of dates (None: the bot's default)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.store.base import Backend, Row, utcnow


@dataclass(frozen=True)
class ChatSettings:
    chat_id: int
    recap_enabled: bool = True
    recap_day: int | None = None  # Monday = 0, as datetime counts; None: TALENTBOT_RECAP_DAY
    recap_time: dt.time | None = None  # None: TALENTBOT_RECAP_TIME
    timezone: str | None = None  # an IANA name; None: TALENTBOT_TZ
    date_language: str | None = None  # e.g. "en", "zh"; None: the bot's default


COLUMNS = "chat_id, recap_enabled, recap_day, recap_time, timezone, date_language"


def _settings(row: Row) -> ChatSettings:
    chat_id, enabled, day, time, zone, language = row
    return ChatSettings(
        int(chat_id),
        enabled is None or bool(enabled),  # None: a subscriber that never changed a setting
        None if day is None else int(day),
        None if time is None else dt.time.fromisoformat(str(time)),
        zone,
        language,
    )


class ChatSettingsTable:
    def __init__(self, backend: Backend) -> None:
        self._db = backend

    def get(self, chat_id: int) -> ChatSettings:
        """The chat's settings; a chat that never changed any gets the defaults."""
        with self._db.transaction() as tx:
            row = tx.one(f"SELECT {COLUMNS} FROM chat_settings WHERE chat_id = ?", (chat_id,))
        return ChatSettings(chat_id) if row is None else _settings(row)

    def save(self, settings: ChatSettings) -> None:
        s = settings
        when = None if s.recap_time is None else s.recap_time.strftime("%H:%M")
        with self._db.transaction() as tx:
            tx.run(
                f"INSERT INTO chat_settings ({COLUMNS}, updated) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET recap_enabled = excluded.recap_enabled, "
                "recap_day = excluded.recap_day, recap_time = excluded.recap_time, "
                "timezone = excluded.timezone, date_language = excluded.date_language, updated = excluded.updated",
                (s.chat_id, s.recap_enabled, s.recap_day, when, s.timezone, s.date_language, utcnow()),
            )

    def recipients(self) -> list[ChatSettings]:
        """The settings of every active subscriber whose recap is on (the defaults for chats that changed none),
        by chat id: who gets the weekly recap, and when."""
        with self._db.transaction() as tx:
            rows = tx.rows(
                "SELECT s.chat_id, c.recap_enabled, c.recap_day, c.recap_time, c.timezone, c.date_language "
                "FROM subscribers s LEFT JOIN chat_settings c ON c.chat_id = s.chat_id "
                "WHERE s.active = ? AND (c.recap_enabled IS NULL OR c.recap_enabled = ?) ORDER BY s.chat_id",
                (True, True),
            )
        return [_settings(r) for r in rows]

    def all(self) -> list[ChatSettings]:
        """Every chat that changed a setting, by chat id."""
        with self._db.transaction() as tx:
            return [_settings(r) for r in tx.rows(f"SELECT {COLUMNS} FROM chat_settings ORDER BY chat_id")]
