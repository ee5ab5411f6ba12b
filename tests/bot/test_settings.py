"""Settings from the environment: defaults, validation messages that name the variable, the recap schedule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, cast

import pytest

from answer.engine import Engine
from bot.settings import Settings, SettingsError
from bot.store import open_store
from bot.telegram_bot import build_application
from bot.telegram_bot.jobs import ptb_days
from corpus.loader import SHIPPED_DIR
from index.modes import SEARCH_MODES
from tests.fake_telegram import TOKEN


def test_defaults() -> None:
    s = Settings.from_env({})

    assert s == Settings()
    assert s.data_dir == Path("data")
    assert s.corpus_dirs == (SHIPPED_DIR,)
    assert s.all_corpus_dirs == (SHIPPED_DIR, Path("data/articles"))
    assert s.database_path == Path("data/talentbot.sqlite3")
    assert s.index_dir == Path("data/index")
    assert s.telegram_token is None
    assert s.telegram_api_base_url == "https://api.telegram.org/bot"
    assert s.recap_day == 0  # Monday
    assert s.recap_time == dt.time(9, 0)
    assert s.timezone == "UTC"
    assert s.search_mode == "hybrid"


def test_values_from_the_environment(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    s = Settings.from_env(
        {
            "TALENTBOT_DATA_DIR": str(tmp_path),
            "TALENTBOT_CORPUS_DIR": str(tmp_path / "corpus"),
            "TELEGRAM_BOT_TOKEN": f"  {TOKEN}\n",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
            "TALENTBOT_RECAP_DAY": "Friday",
            "TALENTBOT_RECAP_TIME": "18:30",
            "TALENTBOT_TZ": "Asia/Shanghai",
            "TALENTBOT_SEARCH_MODE": "BM25",
        }
    )

    assert s.database_path == tmp_path / "talentbot.sqlite3"
    assert s.all_corpus_dirs == (tmp_path / "corpus", tmp_path / "articles")
    assert s.require_token() == TOKEN
    assert s.telegram_api_base_url == "http://127.0.0.1:8081/bot"
    assert (s.recap_day, s.recap_time, s.timezone, s.search_mode) == (
        4,
        dt.time(18, 30),
        "Asia/Shanghai",
        "bm25",
    )
    assert s.tzinfo.utcoffset(dt.datetime(2026, 1, 1)) == dt.timedelta(hours=8)


# --------------------------------------------------------------------------------------- recap day


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("monday", 0),
        ("Monday", 0),
        ("  SUNDAY ", 6),
        ("tuesday", 1),
        ("wed", 2),
        ("Thu", 3),
        ("fri", 4),
        ("SAT", 5),
        ("sun", 6),
        ("0", 0),
        ("3", 3),
        ("6", 6),
    ],
)
def test_recap_day_accepted(value: str, day: int) -> None:
    assert Settings.from_env({"TALENTBOT_RECAP_DAY": value}).recap_day == day


@pytest.mark.parametrize(
    "value", ["7", "-1", "funday", "", "mo", "tues", "thurs", "1.5", "monday friday", "²"]
)
def test_recap_day_rejected_naming_the_variable(value: str) -> None:
    with pytest.raises(SettingsError, match="TALENTBOT_RECAP_DAY"):
        Settings.from_env({"TALENTBOT_RECAP_DAY": value})


# -------------------------------------------------------------------------------------- recap time


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("09:00", dt.time(9, 0)),
        ("18:30", dt.time(18, 30)),
        (" 07:05 ", dt.time(7, 5)),
        ("23:59:30", dt.time(23, 59, 30)),
    ],
)
def test_recap_time_accepted(value: str, expected: dt.time) -> None:
    assert Settings.from_env({"TALENTBOT_RECAP_TIME": value}).recap_time == expected


@pytest.mark.parametrize("value", ["25:00", "12:60", "9am", "noon", "", "09-00", "09:00+02:00", "09:00Z"])
def test_recap_time_rejected_naming_the_variable(value: str) -> None:
    with pytest.raises(SettingsError, match="TALENTBOT_RECAP_TIME"):
        Settings.from_env({"TALENTBOT_RECAP_TIME": value})


# ---------------------------------------------------------------------------------------- time zone


@pytest.mark.parametrize("value", ["UTC", "Europe/London", "Asia/Shanghai", " America/New_York "])
def test_timezone_accepted(value: str) -> None:
    s = Settings.from_env({"TALENTBOT_TZ": value})
    assert s.timezone == value.strip()
    assert s.tzinfo.key == value.strip()


@pytest.mark.parametrize("value", ["Mars/Olympus_Mons", "", "Europe", "Europe/", "../etc/passwd", "GMT+25"])
def test_timezone_rejected_naming_the_variable(value: str) -> None:
    with pytest.raises(SettingsError, match="TALENTBOT_TZ"):
        Settings.from_env({"TALENTBOT_TZ": value})


def test_search_mode_rejected_naming_the_variable() -> None:
    with pytest.raises(SettingsError, match="TALENTBOT_SEARCH_MODE"):
        Settings.from_env({"TALENTBOT_SEARCH_MODE": "fast"})


def test_every_search_mode_is_accepted_and_an_unknown_one_is_listed_against_them() -> None:
    for mode in SEARCH_MODES:
        assert Settings.from_env({"TALENTBOT_SEARCH_MODE": f" {mode.upper()} "}).search_mode == mode
    with pytest.raises(SettingsError, match="use bm25, dense, hybrid"):
        Settings.from_env({"TALENTBOT_SEARCH_MODE": "semantic"})


def test_the_query_encoder_precision_is_int8_unless_set_and_a_wrong_one_names_the_choices() -> None:
    assert Settings.from_env({}).query_precision == "int8"
    assert Settings.from_env({"TALENTBOT_QUERY_PRECISION": " FP32 "}).query_precision == "fp32"
    with pytest.raises(SettingsError, match=r"TALENTBOT_QUERY_PRECISION='fp16': use int8 or fp32"):
        Settings.from_env({"TALENTBOT_QUERY_PRECISION": "fp16"})


# -------------------------------------------------------------------------------------------- token


@pytest.mark.parametrize("env", [{}, {"TELEGRAM_BOT_TOKEN": ""}, {"TELEGRAM_BOT_TOKEN": "   "}])
def test_require_token_rejects_a_missing_token(env: dict[str, str]) -> None:
    s = Settings.from_env(env)
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN is not set"):
        s.require_token()


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        "123456789:short",
        "12:AAFakeTelegramTokenForTests-0123456",  # too few digits before the colon
        "AAFakeTelegramTokenForTests-0123456",  # no bot id
        "123456789:AAFake Telegram Token For Tests 0123",  # spaces
        "123456789AAFakeTelegramTokenForTests-0123456",  # no colon
        "bot123456789:AAFakeTelegramTokenForTests-0123456",
    ],
)
def test_require_token_rejects_a_malformed_token(token: str) -> None:
    s = Settings.from_env({"TELEGRAM_BOT_TOKEN": token})
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN is malformed") as caught:
        s.require_token()
    assert token not in str(caught.value)  # the secret is not echoed into logs


def test_require_token_accepts_a_well_formed_token() -> None:
    assert Settings(telegram_token=TOKEN).require_token() == TOKEN


# ----------------------------------------------------------------------------------- recap schedule


def test_ptb_days_maps_monday_first_to_sunday_first() -> None:
    assert ptb_days(0) == (1,)  # Monday
    assert ptb_days(6) == (0,)  # Sunday
    week = [dt.date(2026, 11, 23) + dt.timedelta(days=n) for n in range(7)]
    for day in week:  # %w is Sunday = 0, the convention PTB's run_daily uses
        assert ptb_days(day.weekday()) == (int(day.strftime("%w")),)


@pytest.mark.parametrize(("recap_day", "weekday_name"), [(0, "Monday"), (4, "Friday"), (6, "Sunday")])
def test_the_recap_job_fires_on_the_configured_day_time_and_zone(
    tmp_path: Path, recap_day: int, weekday_name: str
) -> None:
    settings = Settings(
        data_dir=tmp_path,
        telegram_token=TOKEN,
        recap_day=recap_day,
        recap_time=dt.time(18, 30),
        timezone="Asia/Shanghai",
    )
    engine = cast(Engine, object())  # not used while wiring the application
    application = build_application(settings, engine, open_store(settings))
    assert application.job_queue is not None

    (job,) = application.job_queue.get_jobs_by_name("recap")
    trigger: Any = job.job.trigger
    now = dt.datetime(2026, 11, 23, 12, 0, tzinfo=settings.tzinfo)  # a Monday, before 18:30
    fire = trigger.get_next_fire_time(None, now)

    assert fire.strftime("%A %H:%M") == f"{weekday_name} 18:30"
    assert fire.utcoffset() == dt.timedelta(hours=8)
    assert now <= fire < now + dt.timedelta(days=7)


def test_a_corpus_dir_that_is_not_there_is_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"TALENTBOT_CORPUS_DIR=.*not a directory"):
        Settings.from_env({"TALENTBOT_CORPUS_DIR": str(tmp_path / "nope")})


def test_database_url_selects_postgresql_and_a_wrong_one_is_named_without_its_password() -> None:
    assert Settings.from_env({}).database_url is None
    assert Settings.from_env({"TALENTBOT_DATABASE_URL": "  "}).database_url is None
    url = "postgresql://talentbot:secret@db:5432/talentbot"
    assert Settings.from_env({"TALENTBOT_DATABASE_URL": f" {url}\n"}).database_url == url
    assert (
        Settings.from_env({"TALENTBOT_DATABASE_URL": "postgres://u@h/d"}).database_url == "postgres://u@h/d"
    )
    with pytest.raises(SettingsError, match=r"^TALENTBOT_DATABASE_URL: use a PostgreSQL URL") as caught:
        Settings.from_env({"TALENTBOT_DATABASE_URL": "mysql://talentbot:secret@db/talentbot"})
    assert "secret" not in str(caught.value)


def test_rate_limit_defaults_to_twenty_a_minute_and_a_wrong_one_is_named() -> None:
    assert Settings.from_env({}).rate_limit == 20
    assert Settings.from_env({"TALENTBOT_RATE_LIMIT": " 5 "}).rate_limit == 5
    assert Settings.from_env({"TALENTBOT_RATE_LIMIT": "0"}).rate_limit == 0  # no limit
    assert Settings.from_env({"TALENTBOT_RATE_LIMIT": ""}).rate_limit == 20
    for wrong in ("-1", "ten", "2.5", "²"):
        with pytest.raises(SettingsError, match=r"^TALENTBOT_RATE_LIMIT="):
            Settings.from_env({"TALENTBOT_RATE_LIMIT": wrong})
