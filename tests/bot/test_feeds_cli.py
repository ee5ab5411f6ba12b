"""`talentbot feeds`: add, list, remove, import and export OPML, the starter list, and one poll from the shell."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.opml import STARTER_FEEDS, OpmlError, read_opml
from bot.settings import Settings, SettingsError
from tests.feed_server import FeedSite, Route, feed_site, rss
from tests.feed_stories import KOVAC, OKAFOR


@pytest.fixture
def env(tmp_path: Path, small_corpus: Path) -> dict[str, str]:
    return {"TALENTBOT_DATA_DIR": str(tmp_path / "data"), "TALENTBOT_CORPUS_DIR": str(small_corpus)}


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with feed_site() as running:
        yield running


def run(env: dict[str, str], *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli_app, list(args), env=env)
    assert result.exit_code == code, result.output
    return result.output


def listed(env: dict[str, str]) -> list[dict[str, object]]:
    feeds: list[dict[str, object]] = json.loads(run(env, "feeds", "list", "--json"))
    return feeds


def test_add_list_remove(env: dict[str, str]) -> None:
    assert "No feeds" in run(env, "feeds", "list")
    assert "Added TechCrunch AI" in run(
        env,
        "feeds",
        "add",
        "https://techcrunch.com/category/artificial-intelligence/feed/",
        "--name",
        "TechCrunch AI",
    )
    run(env, "feeds", "add", "https://www.wired.com/feed/tag/ai/latest/rss")
    run(env, "feeds", "add", "https://www.wired.com/feed/rss")
    assert "Already there: TechCrunch AI" in run(
        env, "feeds", "add", "https://techcrunch.com/category/artificial-intelligence/feed/"
    )
    assert "choose another --name" in run(
        env, "feeds", "add", "https://x.example/rss", "--name", "wired.com", code=2
    )
    assert "not an http(s) URL" in run(env, "feeds", "add", "ftp://example.com/feed", code=2)

    assert [(f["name"], f["last_success"], f["items_added"], f["next_poll"]) for f in listed(env)] == [
        ("TechCrunch AI", None, 0, None),
        ("wired.com", None, 0, None),
        ("wired.com 2", None, 0, None),
    ]
    text = run(env, "feeds", "list")
    assert "last success: never; items added: 0; next poll: due now" in text

    assert "Removed wired.com 2" in run(env, "feeds", "remove", "WIRED.COM 2")
    run(env, "feeds", "remove", "https://techcrunch.com/category/artificial-intelligence/feed/")
    assert [f["name"] for f in listed(env)] == ["wired.com"]
    assert "no feed with the URL or name" in run(env, "feeds", "remove", "nope", code=1)


def test_the_starter_list_imports_with_one_command_and_exports_back(
    env: dict[str, str], tmp_path: Path
) -> None:
    starter = read_opml(STARTER_FEEDS.read_bytes())
    assert len(starter) >= 10
    assert all(f.url.startswith("https://") and f.name for f in starter)
    assert len({urlsplit(f.url).hostname for f in starter}) == len(starter)  # one feed per outlet

    assert f"Imported {len(starter)} feeds" in run(env, "feeds", "import", "--starter")
    assert "Imported 0 feeds" in run(env, "feeds", "import", str(STARTER_FEEDS))
    exported = run(env, "feeds", "export")
    assert {(f.url, f.name) for f in read_opml(exported.encode())} == {(f.url, f.name) for f in starter}

    other = {
        "TALENTBOT_DATA_DIR": str(tmp_path / "other"),
        "TALENTBOT_CORPUS_DIR": env["TALENTBOT_CORPUS_DIR"],
    }
    (tmp_path / "export.opml").write_text(exported, encoding="utf-8")
    run(other, "feeds", "import", str(tmp_path / "export.opml"))
    assert listed(other) == listed(env)


def test_opml_from_a_feed_reader_with_folders_and_repeats() -> None:
    opml = b"""<?xml version="1.0"?><opml version="1.0"><head/><body>
      <outline text="Tech"><outline text="Talent Times" xmlUrl="https://times.example/rss"/>
        <outline title="Wire" text="ignored" xmlUrl="https://wire.example/atom"/></outline>
      <outline text="Again" xmlUrl="https://times.example/rss"/>
      <outline text="A podcast" xmlUrl="itpc://pod.example/feed"/><outline text="No address"/>
    </body></opml>"""
    assert [(f.url, f.name) for f in read_opml(opml)] == [
        ("https://times.example/rss", "Talent Times"),
        ("https://wire.example/atom", "Wire"),
    ]
    with pytest.raises(OpmlError, match="not <opml>"):
        read_opml(b"<rss version='2.0'/>")
    with pytest.raises(OpmlError, match="not well-formed"):
        read_opml(b"<opml><body>")
    with pytest.raises(OpmlError, match="entities"):
        read_opml(b'<!DOCTYPE opml [<!ENTITY a "aaaa">]><opml>&a;</opml>')


def test_import_needs_a_file_or_the_starter_and_says_what_is_wrong(
    env: dict[str, str], tmp_path: Path
) -> None:
    assert "one of the two" in run(env, "feeds", "import", code=2)
    (tmp_path / "bad.opml").write_text("not xml <", encoding="utf-8")
    assert "bad.opml: not well-formed XML" in run(env, "feeds", "import", str(tmp_path / "bad.opml"), code=1)
    assert "No such file" in run(env, "feeds", "import", str(tmp_path / "missing.opml"), code=1)


def test_feeds_poll_prints_the_ingest_report_and_the_feeds(env: dict[str, str], site: FeedSite) -> None:
    site.serve("/times.xml", Route(body=rss("Talent Times", [OKAFOR, KOVAC])))
    site.serve("/down.xml", Route(503, b"", "text/plain"))
    run(env, "feeds", "add", site.url("/times.xml"), "--name", "Talent Times")
    run(env, "feeds", "add", site.url("/down.xml"), "--name", "Down")

    summary = json.loads(run(env, "feeds", "poll", "--json", "--no-index").splitlines()[-1])

    assert len(summary["added"]) == 2 and summary["skipped"] == [] and summary["failed"] == []
    assert {f["name"]: (f["status"], f["added"]) for f in summary["feeds"]} == {
        "Talent Times": ("new", 2),
        "Down": ("failed", 0),
    }
    assert "No feed is due" in run(env, "feeds", "poll", "--no-index")
    text = run(env, "feeds", "poll", "--all", "--no-index")
    assert "unchanged  Talent Times: 0 added" in text
    assert "failed     Down: HTTP 503 Service Unavailable" in text
    feeds = {f["name"]: f for f in listed(env)}
    assert feeds["Talent Times"]["items_added"] == 2 and feeds["Talent Times"]["last_error"] is None
    assert feeds["Down"]["last_error"] == "HTTP 503 Service Unavailable" and feeds["Down"]["failures"] == 2
    assert "last error (2 failed in a row): HTTP 503 Service Unavailable" in run(env, "feeds", "list")


def test_feeds_every_setting() -> None:
    assert Settings.from_env({}).feeds_every == 30
    assert Settings.from_env({"TALENTBOT_FEEDS_EVERY": " 0 "}).feeds_every == 0
    assert Settings.from_env({"TALENTBOT_FEEDS_EVERY": "120"}).feeds_every == 120
    for bad in ("2", "ten", "-5", "1.5", "20000", ""):
        with pytest.raises(SettingsError, match=r"TALENTBOT_FEEDS_EVERY=.*whole minutes from 5 to 10080"):
            Settings.from_env({"TALENTBOT_FEEDS_EVERY": bad})
