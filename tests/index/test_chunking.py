from __future__ import annotations

import itertools

from index.chunking import chunk_article, chunk_spans


def test_chunks_overlap_and_cover_every_sentence() -> None:
    sentences = [f"Sentence number {i} has exactly seven words." for i in range(30)]
    spans = chunk_spans(sentences, max_words=30, overlap=1)
    assert spans[0][0] == 0 and spans[-1][1] == 30
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start == end - 1  # one sentence shared with the previous passage
    assert all(end - start <= 5 for start, end in spans)


def test_long_sentence_still_forms_a_passage() -> None:
    assert chunk_spans(["word " * 300], max_words=50) == [(0, 1)]


def test_shipped_articles_chunk_into_several_passages(shipped_articles: list) -> None:  # type: ignore[type-arg]
    passages = [p for a in shipped_articles for p in chunk_article(a)]
    assert len(passages) > 2 * len(shipped_articles)
    assert max(len(p.text.split()) for p in passages) < 200
