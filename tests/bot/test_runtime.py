"""bot.runtime: rebuilding the index keeps what the previous build had fitted."""

from __future__ import annotations

from pathlib import Path

from bot.runtime import refresh_index
from bot.settings import Settings
from index import store
from tests.conftest import FakeEmbedder, write_article

THRESHOLDS = {"hybrid": 0.42, "dense": 0.5, "bm25": 3.0}


def _settings(tmp_path: Path, corpus: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dirs=(corpus,))


def test_a_rebuild_after_new_articles_keeps_the_fitted_thresholds(
    tmp_path: Path, small_corpus: Path, fake_embedder: FakeEmbedder
) -> None:
    """A feed poll rebuilds the index: the bot must keep answering with its calibrated thresholds, not fall
    back to the built-in ones at the next start."""
    settings = _settings(tmp_path, small_corpus)
    refresh_index(settings, fake_embedder)
    record = {"thresholds": THRESHOLDS, "model": fake_embedder.name, "corpus_hash": "old"}
    store.update_manifest(settings.index_dir, {"calibration": record})
    write_article(small_corpus, title="A new hire at Halcyon AI", article_id="2026-11-halcyon-new-hire")

    data, report = refresh_index(settings, fake_embedder)

    assert report.embedded_articles == 1
    assert data.manifest["calibration"]["thresholds"] == THRESHOLDS
    assert store.read_manifest(settings.index_dir)["calibration"] == record  # type: ignore[index]


def test_thresholds_fitted_for_another_model_are_dropped(
    tmp_path: Path, small_corpus: Path, fake_embedder: FakeEmbedder
) -> None:
    settings = _settings(tmp_path, small_corpus)
    refresh_index(settings, fake_embedder)
    store.update_manifest(settings.index_dir, {"calibration": {"thresholds": THRESHOLDS, "model": "other"}})
    write_article(small_corpus, title="A new hire at Halcyon AI", article_id="2026-11-halcyon-new-hire")

    data, _ = refresh_index(settings, fake_embedder)

    assert "calibration" not in data.manifest
