"""The one place settings are read from the environment."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from corpus.loader import SHIPPED_DIR
from index.modes import DEFAULT_PRECISION, PRECISIONS, SEARCH_MODES

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DATABASE_URL_SCHEMES = ("postgresql://", "postgres://")  # the two spellings libpq accepts
DEFAULT_FEEDS_EVERY = 30  # minutes between feed polls: news sites update a few times an hour at most
MIN_FEEDS_EVERY = 5  # polling a publisher more often than this is rude and buys nothing
MAX_FEEDS_EVERY = 7 * 24 * 60  # a week: beyond that the weekly recap would miss a whole week
DEFAULT_RATE_LIMIT = 20  # questions a user may ask per minute: a person typing never gets near it
# What Telegram accepts as a webhook's secret_token (setWebhook): 1-256 characters of these.
# Shorter values are not redacted from logs: a 1-character "secret" would blank every log line.
MIN_SECRET_LENGTH = 4
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    corpus_dirs: tuple[Path, ...] = (SHIPPED_DIR,)
    telegram_token: str | None = None
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    recap_day: int = 0  # Monday, counted from Monday = 0 as datetime does
    recap_time: dt.time = dt.time(9, 0)
    timezone: str = "UTC"
    search_mode: str = "hybrid"
    database_url: str | None = None  # PostgreSQL; None: SQLite in the data directory
    feeds_every: int = DEFAULT_FEEDS_EVERY  # minutes between `serve`'s feed polls; 0: no polling
    rate_limit: int = DEFAULT_RATE_LIMIT  # questions per user and minute in Telegram; 0: no limit
    webhook_secret: str | None = None  # None: generated once and kept in the database, shared by replicas
    admins: frozenset[int] = frozenset()  # Telegram user ids allowed /stats and /broadcast_status
    query_precision: str = DEFAULT_PRECISION  # the ONNX query encoder's weights: int8 (twice as fast) or fp32

    @property
    def user_articles_dir(self) -> Path:
        return self.data_dir / "articles"

    @property
    def all_corpus_dirs(self) -> tuple[Path, ...]:
        return (*self.corpus_dirs, self.user_articles_dir)

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def database_path(self) -> Path:
        return self.data_dir / "talentbot.sqlite3"

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def today(self) -> dt.date:
        """Today in the recap's time zone."""
        return dt.datetime.now(self.tzinfo).date()

    def require_token(self) -> str:
        if not self.telegram_token:
            raise SettingsError("TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)")
        if not TOKEN_PATTERN.match(self.telegram_token):
            raise SettingsError("TELEGRAM_BOT_TOKEN is malformed: expected digits, a colon, then the secret")
        return self.telegram_token

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        corpus = env.get("TALENTBOT_CORPUS_DIR")
        if corpus and not Path(corpus).is_dir():
            raise SettingsError(f"TALENTBOT_CORPUS_DIR={corpus!r}: not a directory")
        return cls(
            data_dir=Path(env.get("TALENTBOT_DATA_DIR") or "data"),
            corpus_dirs=(Path(corpus),) if corpus else (SHIPPED_DIR,),
            telegram_token=(env.get("TELEGRAM_BOT_TOKEN") or "").strip() or None,
            telegram_api_base_url=env.get("TELEGRAM_API_BASE_URL") or DEFAULT_API_BASE_URL,
            recap_day=parse_day(env.get("TALENTBOT_RECAP_DAY", "monday")),
            recap_time=parse_time(env.get("TALENTBOT_RECAP_TIME", "09:00")),
            timezone=parse_timezone(env.get("TALENTBOT_TZ", "UTC")),
            search_mode=parse_mode(env.get("TALENTBOT_SEARCH_MODE", "hybrid")),
            database_url=parse_database_url(env.get("TALENTBOT_DATABASE_URL", "")),
            feeds_every=parse_feeds_every(env.get("TALENTBOT_FEEDS_EVERY", str(DEFAULT_FEEDS_EVERY))),
            rate_limit=parse_rate_limit(env.get("TALENTBOT_RATE_LIMIT") or str(DEFAULT_RATE_LIMIT)),
            webhook_secret=parse_webhook_secret(env.get("TALENTBOT_WEBHOOK_SECRET", "")),
            admins=parse_admins(env.get("TALENTBOT_ADMINS", "")),
            query_precision=parse_precision(env.get("TALENTBOT_QUERY_PRECISION", DEFAULT_PRECISION)),
        )

    def secrets(self) -> tuple[str, ...]:
        """What must never appear in a log: the token (and its secret half alone), the webhook secret and the
        database password."""
        found: list[str] = []
        if self.telegram_token:
            found += [self.telegram_token, self.telegram_token.partition(":")[2]]
        if self.webhook_secret:
            found.append(self.webhook_secret)
        if self.database_url:
            password = urlsplit(self.database_url).password
            if password:
                found.append(password)
        return tuple(s for s in found if len(s) >= MIN_SECRET_LENGTH)


def whole_number(text: str) -> int | None:
    """The number `text` writes in ASCII digits, or None ("²".isdigit() is true, yet int("²") raises)."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def parse_day(value: str) -> int:
    """Monday = 0 ... Sunday = 6 (datetime's convention); accepts names, 3-letter names or 0-6."""
    text = value.strip().lower()
    number = whole_number(text)
    if number is not None and 0 <= number <= 6:
        return number
    for number, name in enumerate(DAYS):
        if text in (name, name[:3]):
            return number
    raise SettingsError(f"TALENTBOT_RECAP_DAY={value!r}: use a weekday name (monday) or 0-6 with Monday = 0")


def parse_time(value: str) -> dt.time:
    try:
        when = dt.time.fromisoformat(value.strip())
    except ValueError as exc:
        raise SettingsError(f"TALENTBOT_RECAP_TIME={value!r}: use HH:MM, e.g. 09:00") from exc
    if when.tzinfo is not None:  # the job runs in TALENTBOT_TZ; an offset here would be silently dropped
        raise SettingsError(f"TALENTBOT_RECAP_TIME={value!r}: use HH:MM and set the zone with TALENTBOT_TZ")
    return when


def parse_timezone(value: str) -> str:
    try:
        ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: a directory such as 'Europe'
        raise SettingsError(f"TALENTBOT_TZ={value!r}: not an IANA time zone such as Europe/London") from exc
    return value.strip()


def parse_database_url(value: str) -> str | None:
    """A PostgreSQL URL, or None (unset or blank) for the SQLite file in the data directory."""
    url = value.strip()
    if not url:
        return None
    if not url.startswith(DATABASE_URL_SCHEMES):
        raise SettingsError(
            "TALENTBOT_DATABASE_URL: use a PostgreSQL URL such as postgresql://user:password@host:5432/talentbot "
            "(or leave it unset for SQLite in the data directory)"
        )
    return url


def parse_feeds_every(value: str) -> int:
    """Whole minutes between feed polls, MIN_FEEDS_EVERY to MAX_FEEDS_EVERY, or 0 to turn polling off."""
    minutes = whole_number(value)
    if minutes is None or (minutes != 0 and not MIN_FEEDS_EVERY <= minutes <= MAX_FEEDS_EVERY):
        raise SettingsError(
            f"TALENTBOT_FEEDS_EVERY={value!r}: use whole minutes from {MIN_FEEDS_EVERY} to {MAX_FEEDS_EVERY} "
            f"(default {DEFAULT_FEEDS_EVERY}), or 0 to stop polling feeds"
        )
    return minutes


def parse_rate_limit(value: str) -> int:
    limit = whole_number(value)
    if limit is None:
        raise SettingsError(
            f"TALENTBOT_RATE_LIMIT={value!r}: use a whole number of questions per minute (0: none)"
        )
    return limit


def parse_webhook_secret(value: str) -> str | None:
    secret = value.strip()
    if not secret:
        return None
    if not WEBHOOK_SECRET_PATTERN.match(secret):
        raise SettingsError(
            "TALENTBOT_WEBHOOK_SECRET: use 1-256 characters among A-Z, a-z, 0-9, _ and - (as Telegram requires), "
            "or leave it unset to have one generated and kept in the database"
        )
    return secret


def parse_admins(value: str) -> frozenset[int]:
    """Comma-separated Telegram user ids (numbers; spaces allowed)."""
    ids: set[int] = set()
    for part in value.split(","):
        text = part.strip()
        if not text:
            continue
        user = whole_number(text)
        if user is None:
            raise SettingsError(
                f"TALENTBOT_ADMINS: {text!r} is not a Telegram user id; use numbers separated by commas"
            )
        ids.add(user)
    return frozenset(ids)


def parse_mode(value: str) -> str:
    mode = value.strip().lower()
    if mode not in SEARCH_MODES:
        raise SettingsError(f"TALENTBOT_SEARCH_MODE={value!r}: use {', '.join(SEARCH_MODES)}")
    return mode


def parse_precision(value: str) -> str:
    precision = value.strip().lower()
    if precision not in PRECISIONS:
        raise SettingsError(f"TALENTBOT_QUERY_PRECISION={value!r}: use {' or '.join(PRECISIONS)}")
    return precision
