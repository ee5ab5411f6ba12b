"""`talentbot moves extract`: plain and JSON output, standard input, front matter, and a missing file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app

TEXT = (
    "Meta has hired Ana Ruiz from OpenAI as chief scientist in March 2025. "
    "Ben Low left Apple in May, the company confirmed. "
    "Zhou Kai is said to be in talks to join Moonshot AI."
)


def _run(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["moves", "extract", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_plain_output_is_one_move_per_line(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out, _ = _run([str(path), "--published", "2025-06-10"])
    assert code == 0
    assert out.splitlines() == [
        "Ana Ruiz: OpenAI → Meta, chief scientist (March 2025)",
        "Ben Low: left Apple (May 2025)",
    ]


def test_json_from_stdin_has_one_object_per_move() -> None:
    code, out, _ = _run(["--json", "-"], stdin=TEXT)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == [
        {
            "person": "Ana Ruiz",
            "from": "OpenAI",
            "to": "Meta",
            "role": "chief scientist",
            "date": "2025-03",
            "sentence": "Meta has hired Ana Ruiz from OpenAI as chief scientist in March 2025.",
        },
        {
            "person": "Ben Low",
            "from": "Apple",
            "to": None,
            "role": None,
            "date": None,
            "sentence": "Ben Low left Apple in May, the company confirmed.",
        },
    ]


def test_an_article_is_read_as_its_body_dated_by_its_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text("---\nid: x-y-z\ntitle: A Z\npublished: 2026-02-03\n---\nLi Na joined Xiaomi in June.\n")
    code, out, _ = _run(["--json", str(path)])
    assert code == 0
    assert [(r["person"], r["to"], r["date"]) for r in map(json.loads, out.splitlines())] == [
        ("Li Na", "Xiaomi", "2025-06")
    ]


def test_no_moves_says_so_on_stderr_only() -> None:
    code, out, err = _run(["-"], stdin="OpenAI raised $40 billion in March 2025.")
    assert (code, out, err.strip()) == (0, "", "No moves found.")


def test_missing_file_is_a_one_line_error_and_exit_2(tmp_path: Path) -> None:
    code, out, err = _run([str(tmp_path / "nope.txt")])
    assert code == 2
    assert out == ""
    assert err.strip().splitlines() == [f"talentbot: {tmp_path / 'nope.txt'}: no such file"]


def test_bad_published_date_exits_2() -> None:
    code, _, err = _run(["--published", "June", "-"], stdin=TEXT)
    assert code == 2
    assert "not an ISO date" in err
