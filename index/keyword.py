"""BM25 keyword search over passages (bm25s with a Snowball stemmer)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import numpy.typing as npt
import Stemmer

from corpus.text import SEARCH_STOP_WORDS, word_parts, words

# bm25s keeps only words of two characters or more as terms ("U.S." and single digits are none).
MIN_TERM_CHARS = 2


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def tokenize(texts: list[str]) -> list[list[str]]:
    """BM25 terms of each text: the parts of its words ("h-1b" -> "1b"), less stop words, Snowball-stemmed."""
    stem = _stemmer().stemWords
    return [
        stem(
            [
                part
                for word in words(text)
                for part in word_parts(word)
                if len(part) >= MIN_TERM_CHARS and part not in SEARCH_STOP_WORDS
            ]
        )
        for text in texts
    ]


class KeywordIndex:
    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        retriever = bm25s.BM25()
        retriever.index(tokenize(texts), show_progress=False)
        return cls(retriever, len(texts))

    def save(self, directory: Path) -> None:
        self._retriever.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int) -> KeywordIndex:
        return cls(bm25s.BM25.load(str(directory), show_progress=False), size)

    def scores(self, query: str) -> npt.NDArray[np.float32]:
        """BM25 score of every passage for the query (zeros when no query term is known)."""
        vocab = self._retriever.vocab_dict
        tokens = [t for t in tokenize([query])[0] if t in vocab]
        if not tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)
