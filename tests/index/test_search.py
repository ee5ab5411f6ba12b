from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from answer.engine import Engine
from answer.query import parse_dates
from bot.runtime import refresh_index
from bot.settings import Settings
from index import search as search_module
from index.search import allowed_rows, dense_search, search
from tests.conftest import FIXED_TODAY, FakeEmbedder, write_article

BODY = (
    "Tencent hired Yao Shunyu from OpenAI to lead its new AI infrastructure department. "
    "The researcher worked on agents at OpenAI. Tencent called some local pay reports a rumour. "
    "The move was reported in September 2025 by Bloomberg."
)


def _engine(tmp_path: Path, corpus: Path, embedder: FakeEmbedder) -> tuple[Engine, Settings]:
    s = Settings(data_dir=tmp_path / "data", corpus_dirs=(corpus,))
    data, _ = refresh_index(s, embedder)
    return Engine(data, embedder, today=lambda: FIXED_TODAY), s


def test_syndicated_copy_never_appears_twice(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    write_article(corpus, article_id="2025-09-tencent-yao", title="Tencent hires Yao Shunyu", body=BODY)
    write_article(
        corpus,
        article_id="2025-09-tencent-yao-copy",
        title="Tencent lures OpenAI's Yao Shunyu",
        body=BODY + " This story first appeared elsewhere.",
        published="2025-09-14",
    )
    write_article(
        corpus, article_id="2025-01-other", title="Other news", body="Meta paid a lot for Scale AI. " * 4
    )
    engine, _ = _engine(tmp_path, corpus, fake_embedder)
    assert engine.data.canonical == {"2025-09-tencent-yao-copy": "2025-09-tencent-yao"}
    q = "Who did Tencent hire from OpenAI?"
    hits = search(engine.data, fake_embedder.encode([q])[0], q, k=6)
    assert "2025-09-tencent-yao-copy" not in {h.article_id for h in hits}
    assert "2025-09-tencent-yao" in {h.article_id for h in hits}


def test_date_filter_is_applied_before_ranking(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    dated = {  # the two best matches for the question are published just outside 2025
        "2024-12-china-engineers-before": (
            "2024-12-31",
            "China lacks AI engineers. Why? Universities in China train too few engineers for AI labs.",
        ),
        "2026-01-china-engineers-after": (
            "2026-01-01",
            "Why does China lack AI engineers? Recruiters say AI engineers in China earn double now.",
        ),
        "2025-01-first-day": ("2025-01-01", "Meta paid a lot for Scale AI and its founder, Alexandr Wang."),
        "2025-06-china-shortage": (
            "2025-06-10",
            "Chinese firms report a shortage of machine learning staff.",
        ),
        "2025-12-last-day": ("2025-12-31", "Apple lost its foundation models lead to Meta in the summer."),
    }
    for article_id, (published, body) in dated.items():
        write_article(corpus, article_id=article_id, title=article_id, body=body, published=published)
    engine, _ = _engine(tmp_path, corpus, fake_embedder)
    in_2025_range = parse_dates("what happened in 2025?", FIXED_TODAY)
    assert in_2025_range is not None
    in_2025 = {a.id for a in engine.data.articles.values() if in_2025_range.contains(a.published)}
    assert in_2025 == {"2025-01-first-day", "2025-06-china-shortage", "2025-12-last-day"}
    q = "Why does China lack AI engineers?"
    vector = fake_embedder.encode([q])[0]
    unfiltered = search(engine.data, vector, q, k=2)
    assert {h.article_id for h in unfiltered} == {
        "2024-12-china-engineers-before",
        "2026-01-china-engineers-after",
    }
    # Filtered before ranking: the in-range articles fill the results, even those unrelated to the question.
    filtered = search(engine.data, vector, q, article_ids=in_2025, k=3)
    assert {h.article_id for h in filtered} == in_2025
    assert filtered[0].article_id == "2025-06-china-shortage"


def test_filtered_dense_search_agrees_whichever_path_it_takes(
    small_engine: Engine, fake_embedder: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = small_engine.data
    vector = fake_embedder.encode(["Who did Meta hire from Apple?"])[0]
    rows = allowed_rows(data, {"2024-08-moonshot-hires-tan-xu", data.passages[0].article_id})
    assert rows is not None and 0 < len(rows) < len(data.passages)
    exact_rows, exact_scores = dense_search(data, vector, 3, rows)  # scored on the stored vectors
    monkeypatch.setattr(search_module, "EXACT_FILTER_LIMIT", 0)  # the dense backend filters instead
    backend_rows, backend_scores = dense_search(data, vector, 3, rows)
    assert backend_rows.tolist() == exact_rows.tolist() and len(exact_rows) == min(3, len(rows))
    np.testing.assert_allclose(backend_scores, exact_scores, rtol=1e-5, atol=1e-6)


def test_running_engine_picks_up_a_new_build(
    tmp_path: Path, small_corpus: Path, fake_embedder: FakeEmbedder
) -> None:
    engine, s = _engine(tmp_path, small_corpus, fake_embedder)
    assert not engine.reload_if_changed(s.index_dir)
    write_article(
        small_corpus,
        article_id="2026-02-xiaomi-hires-luo-fuli",
        title="Xiaomi hires Luo Fuli",
        body="Xiaomi hired Luo Fuli from DeepSeek for its MiMo team. She joined in November. " * 2,
        published="2026-02-01",
        moves="moves:\n  - person: Luo Fuli\n    from: DeepSeek\n    to: Xiaomi\n    date: 2025-11\n",
    )
    refresh_index(s, fake_embedder)
    assert engine.reload_if_changed(s.index_dir)
    answer = engine.answer("Who did Xiaomi hire?")
    assert answer.answered and "Luo Fuli" in answer.plain_text()
    assert engine.today() == FIXED_TODAY and isinstance(engine.today(), dt.date)
