"""Split articles into sentence-aware, overlapping passages."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.model import Article
from corpus.text import split_sentences

__all__ = ["CHUNKER_VERSION", "Passage", "chunk_article", "chunk_spans", "split_sentences"]

# Stored passages and sentence vectors are re-split on load: bump when split_sentences or chunk_spans change.
CHUNKER_VERSION = "2"


@dataclass(frozen=True)
class Passage:
    """A few consecutive sentences of one article."""

    article_id: str
    index: int
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def chunk_spans(sentences: list[str], max_words: int = 90, overlap: int = 1) -> list[tuple[int, int]]:
    """Group sentences into [start, end) windows of at most ~max_words, each sharing `overlap` with the last."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(sentences):
        words = 0
        j = i
        while j < len(sentences) and (j == i or words + len(sentences[j].split()) <= max_words):
            words += len(sentences[j].split())
            j += 1
        spans.append((i, j))
        if j >= len(sentences):
            break
        i = max(j - overlap, i + 1)
    return spans


def chunk_article(article: Article, max_words: int = 90, overlap: int = 1) -> list[Passage]:
    sentences = split_sentences(article.body)
    return [
        Passage(article.id, n, tuple(sentences[start:end]))
        for n, (start, end) in enumerate(chunk_spans(sentences, max_words=max_words, overlap=overlap))
    ]
