from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from corpus.loader import ArticleError, check_articles, corpus_hash, load_articles
from tests.conftest import make_article, write_article


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
        ({"moves": "moves:\n  - person: X Y\n    from: Apple\n"}, "moves[0].to"),
        ({"body": "   "}, "body"),
    ],
)
def test_malformed_fields_are_reported(tmp_path: Path, kwargs: dict[str, str], field: str) -> None:
    write_article(tmp_path, **kwargs)
    _, problems = check_articles([tmp_path])
    assert field in [p.field for p in problems]


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
