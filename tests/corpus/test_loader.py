from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from corpus.loader import ArticleError, check_articles, corpus_hash, load_articles
from tests.conftest import make_article, write_article

REPO = Path(__file__).resolve().parents[2]
ID_LINE = "id: 2025-07-meta-hires-pang\n"
URL_LINE = "url: https://example.com/2025-07-meta-hires-pang\n"
TITLE_LINE = 'title: "Meta hires Apple\'s Ruoming Pang"\n'
PUBLISHER_LINE = "publisher: Example News\n"
BAD_MOVE_DATE = "moves:\n  - person: X Y\n    to: Meta\n    date: 2025-13\n"


def broken_article(
    tmp_path: Path, drop: tuple[str, ...] = (), swap: dict[str, str] | None = None, **kwargs: str
) -> Path:
    """The sample article with some front-matter lines dropped and others replaced."""
    text = make_article(**kwargs)
    for line in drop:
        text = text.replace(line, "", 1)
    for old, new in (swap or {}).items():
        text = text.replace(old, new, 1)
    path = tmp_path / "2025-07-meta-hires-pang.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_corpus_is_valid_and_substantial(shipped_articles: list) -> None:  # type: ignore[type-arg]
    assert len(shipped_articles) >= 60
    assert sum(len(a.moves) for a in shipped_articles) >= 40
    assert len({a.publisher for a in shipped_articles}) >= 10
    for a in shipped_articles:
        assert 150 <= len(a.body.split()) <= 600, a.id
        if a.moves:
            assert a.companies and a.people, a.id


def test_bad_date_names_file_and_field(tmp_path: Path) -> None:
    path = write_article(tmp_path, published="2025-02-30")
    with pytest.raises(ArticleError) as err:
        load_articles([tmp_path])
    assert str(err.value).startswith(f"{path}: published:")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"extra": "url2: x\n"}, "url2"),
        ({"moves": "moves:\n  - person: X Y\n    to: Meta\n    date: 2025-13\n"}, "moves[0].date"),
        # A move must say where the person went or, for a departure, what they left.
        ({"moves": "moves:\n  - person: X Y\n    role: chief scientist\n"}, "moves[0].to"),
        ({"moves": "moves:\n  - person: X Y\n    from: '  '\n    to: ''\n"}, "moves[0].to"),
        ({"body": "   "}, "body"),
    ],
)
def test_malformed_fields_are_reported(tmp_path: Path, kwargs: dict[str, str], field: str) -> None:
    write_article(tmp_path, **kwargs)
    _, problems = check_articles([tmp_path])
    assert field in [p.field for p in problems]


def test_a_departure_with_no_destination_is_a_valid_move(tmp_path: Path) -> None:
    write_article(tmp_path, moves="moves:\n  - person: X Y\n    from: Apple\n    date: 2026-05\n")
    articles, problems = check_articles([tmp_path])
    assert problems == []
    [move] = articles[0].moves
    assert (move.from_, move.to, move.is_departure) == ("Apple", None, True)


def test_missing_url_and_bad_yaml(tmp_path: Path) -> None:
    (tmp_path / "a-one.md").write_text(
        make_article(article_id="a-one").replace("url: https://example.com/a-one\n", "")
    )
    (tmp_path / "b-two.md").write_text("---\nid: b-two\ntitle: [unclosed\n---\nBody\n")
    (tmp_path / "c-three.md").write_text("no front matter at all\n")
    _, problems = check_articles([tmp_path])
    by_file = {p.path.name: p.field for p in problems}
    assert by_file == {"a-one.md": "url", "b-two.md": "front matter", "c-three.md": "front matter"}


def test_duplicate_ids_and_id_mismatch(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    write_article(tmp_path)
    write_article(tmp_path / "x")
    (tmp_path / "other-name.md").write_text(make_article(article_id="2025-07-something"))
    _, problems = check_articles([tmp_path, tmp_path / "x"])
    messages = [str(p) for p in problems]
    assert any("already used by" in m for m in messages)
    assert any("does not match the file name" in m for m in messages)


def test_corpus_hash_changes_with_content(small_corpus: Path) -> None:
    before = corpus_hash(load_articles([small_corpus]))
    path = small_corpus / "2025-02-china-shortage.md"
    path.write_text(path.read_text().replace("five AI jobs", "six AI jobs"))
    assert corpus_hash(load_articles([small_corpus])) != before


def test_corpus_check_command(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["corpus", "check"], env={"TALENTBOT_DATA_DIR": str(tmp_path)})
    assert ok.exit_code == 0, ok.output
    assert "OK:" in ok.output
    write_article(tmp_path, published="yesterday")
    bad = runner.invoke(app, ["corpus", "check", str(tmp_path)], env={"TALENTBOT_DATA_DIR": str(tmp_path)})
    assert bad.exit_code == 1
    assert f"{tmp_path / '2025-07-meta-hires-pang.md'}: published:" in bad.output


def test_missing_url_and_impossible_date_are_both_reported(tmp_path: Path) -> None:
    path = broken_article(tmp_path, drop=(URL_LINE,), published="31-31-2026")
    _, problems = check_articles([tmp_path])
    assert [str(p) for p in problems] == [
        f"{path}: url: missing",
        f"{path}: published: '31-31-2026' is not an ISO date (YYYY-MM-DD)",
    ]


@pytest.mark.parametrize(
    ("drop", "swap", "kwargs", "fields"),
    [
        ((), {ID_LINE: "id: Bad Id\n", URL_LINE: "url: ftp://example.com/a\n"}, {"published": "2025-02-30"},
         ["id", "url", "published"]),
        ((TITLE_LINE,), {}, {"moves": BAD_MOVE_DATE, "body": "   "}, ["title", "moves[0].date", "body"]),
        ((PUBLISHER_LINE,), {}, {"extra": "body: inline\nurl2: x\n"}, ["publisher", "body", "url2"]),
        ((TITLE_LINE, URL_LINE), {ID_LINE: "id: X\n"},
         {"published": "yesterday", "moves": BAD_MOVE_DATE, "body": ""},
         ["id", "title", "url", "published", "moves[0].date", "body"]),
    ],
)  # fmt: skip
def test_every_bad_field_is_reported_once_in_article_order(
    tmp_path: Path, drop: tuple[str, ...], swap: dict[str, str], kwargs: dict[str, str], fields: list[str]
) -> None:
    broken_article(tmp_path, drop, swap, **kwargs)
    _, problems = check_articles([tmp_path])
    assert [p.field for p in problems] == fields
    with pytest.raises(ArticleError) as err:
        load_articles([tmp_path])
    assert len(str(err.value).splitlines()) == len(fields)


def test_broken_file_is_still_checked_against_its_name(tmp_path: Path) -> None:
    path = tmp_path / "other-name.md"
    path.write_text(make_article(article_id="2025-07-something", published="2025-13-01"))
    _, problems = check_articles([tmp_path])
    assert [(p.field, p.message) for p in problems] == [
        ("published", "'2025-13-01' is not an ISO date (YYYY-MM-DD)"),
        ("id", "'2025-07-something' does not match the file name 'other-name.md'"),
    ]


def test_corpus_check_cli_prints_each_bad_field_and_exits_1(tmp_path: Path) -> None:
    path = broken_article(
        tmp_path, drop=(URL_LINE,), swap={ID_LINE: "id: Not An Id\n"}, published="31-31-2026"
    )
    env = {**os.environ, "TALENTBOT_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "corpus", "check", str(path)],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{path}: id: must be lower-case letters, digits and dashes (3-121 characters)",
        f"{path}: url: missing",
        f"{path}: published: '31-31-2026' is not an ISO date (YYYY-MM-DD)",
    ]
    assert "3 problem(s) in 1 of 1 article(s)" in result.stderr
