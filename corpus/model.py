"""The article and talent-move records that every other module works with."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

# A move's date may be as precise as the reporting allows: "2025", "2025-07" or "2025-07-14".
PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,120}$")
# An article's address: http(s), a dotted host, no whitespace (local files get a URL under local.invalid).
WEB_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def date_period(text: str) -> tuple[dt.date, dt.date]:
    """The days a partial ISO date ("2025", "2025-07" or "2025-07-14") covers."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first, following - dt.timedelta(days=1)
    day = dt.date(parts[0], parts[1], parts[2])
    return day, day


def date_label(text: str) -> str:
    """A partial ISO date as the articles write it: "2025", "July 2025", "14 July 2025"."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return text
    day = dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    return f"{day:%B %Y}" if len(parts) == 2 else f"{day.day} {day:%B %Y}"


def dated(date: str | None) -> str:
    """ " (July 2025)" after what a partial date dates, or "" when there is none."""
    return f" ({date_label(date)})" if date else ""


class Move(BaseModel):
    """One talent move: a person leaving one organisation (or none) for another, or a departure: a person
    leaving an organisation for a destination not (yet) named, with `from` and no `to`."""

    model_config = ConfigDict(populate_by_name=True, frozen=True, extra="forbid")

    person: str = Field(min_length=2)
    from_: str | None = Field(default=None, alias="from")
    # Validated even when absent: a move must say where the person went or, for a departure, what they left.
    to: str | None = Field(default=None, validate_default=True)
    role: str | None = None
    date: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> str | None:
        if value is None or value == "":
            return None
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        if not PARTIAL_DATE.match(text):
            raise ValueError(f"{text!r} is not a date like 2025, 2025-07 or 2025-07-14")
        if len(text) == 10:
            dt.date.fromisoformat(text)  # rejects 2025-02-30
        return text

    @field_validator("person", "to", "from_", "role")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        return value or None

    @field_validator("to")
    @classmethod
    def _somewhere(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and not info.data.get("from_"):
            raise ValueError("a move needs 'to' (where the person went) or, for a departure, 'from'")
        return value

    @property
    def is_departure(self) -> bool:
        """Left `from` for a destination the reporting does not name."""
        return self.to is None

    def period(self) -> tuple[dt.date, dt.date] | None:
        """First and last day the date can mean: "2025" is the whole year, "2025-07" the whole month."""
        return date_period(self.date) if self.date else None


class Article(BaseModel):
    """A news article: front matter plus body text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str = Field(min_length=3)
    publisher: str = Field(min_length=2)
    url: str
    published: dt.date
    tags: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    moves: tuple[Move, ...] = ()
    author: str | None = None
    body: str = Field(min_length=1)
    path: Path | None = Field(default=None, exclude=True)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError("must be lower-case letters, digits and dashes (3-121 characters)")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not WEB_URL.match(value):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value

    @field_validator("published", mode="before")
    @classmethod
    def _published(cls, value: object) -> object:
        # YAML gives a date for 2025-07-14 but a str for anything else; insist on a real ISO date.
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()[:10])
            except ValueError as exc:
                raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)") from exc
        return value

    @field_validator("body")
    @classmethod
    def _body(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("the article has no text")
        return value

    @field_validator("tags", "companies", "people", mode="before")
    @classmethod
    def _names(cls, value: object) -> object:
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        return value

    @field_validator("moves", mode="before")
    @classmethod
    def _moves(cls, value: object) -> object:
        return () if value is None else value

    @property
    def text(self) -> str:
        """Title and body, as embedded and searched."""
        return f"{self.title}\n\n{self.body}"
