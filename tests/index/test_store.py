from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.runtime import open_index, refresh_index
from bot.settings import Settings
from corpus.loader import load_articles
from index import store
from tests.conftest import FakeEmbedder, write_article


def test_build_writes_manifest_and_loads_back(
    tmp_path: Path, small_corpus: Path, fake_embedder: FakeEmbedder
) -> None:
    s = Settings(data_dir=tmp_path / "d", corpus_dirs=(small_corpus,))
    data, report = refresh_index(s, fake_embedder)
    manifest = json.loads((report.directory / "manifest.json").read_text())
    assert manifest["model"] == fake_embedder.name
    assert manifest["dimension"] == 384
    assert manifest["articles"] == 3 and manifest["passages"] == len(data.passages)
    assert manifest["index"]["kind"] == "flat"
    loaded = store.load(s.index_dir)
    assert loaded.passages == data.passages
    assert loaded.passage_vectors.shape == data.passage_vectors.shape
    assert loaded.dense.count == len(data.passages)


def test_incremental_build_embeds_only_new_or_changed(
    tmp_path: Path, small_corpus: Path, fake_embedder: FakeEmbedder
) -> None:
    s = Settings(data_dir=tmp_path / "d", corpus_dirs=(small_corpus,))
    _, first = refresh_index(s, fake_embedder)
    assert first.embedded_articles == 3
    _, again = refresh_index(s, fake_embedder)
    assert again.embedded_texts == 0 and again.reused_articles == 3
    write_article(
        small_corpus, article_id="2026-01-new-story", title="A new story", body="OpenAI hired a lot. " * 5
    )
    data, third = refresh_index(s, fake_embedder)
    assert third.embedded_articles == 1 and third.reused_articles == 3
    new_passages = sum(1 for p in data.passages if p.article_id == "2026-01-new-story")
    new_sentences = len(data.sentences["2026-01-new-story"])
    assert third.embedded_texts == new_passages + new_sentences
    # reused vectors are the same as freshly computed ones
    fresh, _ = store.build(list(data.articles.values()), FakeEmbedder(), tmp_path / "fresh")
    assert (fresh.passage_vectors == data.passage_vectors).all()


def test_stale_index_is_rebuilt_on_open(
    tmp_path: Path, small_corpus: Path, fake_embedder: FakeEmbedder
) -> None:
    s = Settings(data_dir=tmp_path / "d", corpus_dirs=(small_corpus,))
    refresh_index(s, fake_embedder)
    write_article(
        small_corpus, article_id="2026-02-another", title="Another story", body="Meta paid a lot. " * 5
    )
    with pytest.raises(store.IndexMissingError, match="index build"):
        open_index(s, fake_embedder, rebuild=False)
    data = open_index(s, fake_embedder)
    assert "2026-02-another" in data.articles


def test_crash_mid_build_keeps_previous_index(
    tmp_path: Path, small_corpus: Path, fake_embedder: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = Settings(data_dir=tmp_path / "d", corpus_dirs=(small_corpus,))
    data, report = refresh_index(s, fake_embedder)

    def explode(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    write_article(
        small_corpus, article_id="2026-03-crash", title="Crash story", body="Words words words. " * 5
    )
    monkeypatch.setattr(store.np, "save", explode)
    with pytest.raises(OSError, match="disk full"):
        refresh_index(s, fake_embedder)
    monkeypatch.undo()
    assert store.current_build(s.index_dir) == report.directory
    assert not list(s.index_dir.glob("*.tmp"))
    assert store.load(s.index_dir).passages == data.passages


def test_index_in_an_older_format_is_rebuilt(
    tmp_path: Path, small_corpus: Path, fake_embedder: FakeEmbedder
) -> None:
    s = Settings(data_dir=tmp_path / "d", corpus_dirs=(small_corpus,))
    _, report = refresh_index(s, fake_embedder)
    # The layout before dense-index backends: format 1, the FAISS index in dense.faiss.
    manifest = json.loads((report.directory / "manifest.json").read_text())
    (report.directory / "manifest.json").write_text(json.dumps({**manifest, "format": 1}))
    (report.directory / "dense" / "index.faiss").rename(report.directory / "dense.faiss")
    (report.directory / "dense").rmdir()
    assert store.is_stale(store.read_manifest(s.index_dir), load_articles([small_corpus]), fake_embedder.name)
    with pytest.raises(store.IndexMissingError, match="old format"):
        store.load(s.index_dir)
    data = open_index(s, fake_embedder)
    assert data.manifest["format"] == store.FORMAT_VERSION and data.dense.count == len(data.passages)


def test_missing_index_message(tmp_path: Path) -> None:
    with pytest.raises(store.IndexMissingError, match="talentbot index build"):
        store.load(tmp_path / "nothing")


def test_an_empty_corpus_gets_a_clear_message(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(store.IndexMissingError, match="no articles found in"):
        refresh_index(Settings(data_dir=tmp_path / "d", corpus_dirs=(empty,)), fake_embedder)
