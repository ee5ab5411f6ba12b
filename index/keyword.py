"""BM25 keyword search over passages (bm25s with a Snowball stemmer)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import numpy.typing as npt
import Stemmer

# Question words and fillers carry no topic; bm25s's own English list keeps "who", "did", "from"...
STOPWORDS = sorted(
    set(
        [
            "a",
            "about",
            "above",
            "after",
            "again",
            "against",
            "all",
            "am",
            "an",
            "and",
            "any",
            "are",
            "as",
            "at",
            "be",
            "because",
            "been",
            "before",
            "being",
            "below",
            "between",
            "both",
            "but",
            "by",
            "can",
            "could",
            "did",
            "do",
            "does",
            "doing",
            "down",
            "during",
            "each",
            "few",
            "for",
            "further",
            "had",
            "has",
            "have",
            "having",
            "he",
            "her",
            "here",
            "hers",
            "herself",
            "him",
            "himself",
            "his",
            "how",
            "i",
            "if",
            "in",
            "into",
            "is",
            "it",
            "its",
            "itself",
            "just",
            "me",
            "more",
            "most",
            "my",
            "myself",
            "no",
            "nor",
            "not",
            "now",
            "of",
            "off",
            "on",
            "once",
            "only",
            "or",
            "other",
            "our",
            "ours",
            "ourselves",
            "out",
            "over",
            "own",
            "same",
            "she",
            "should",
            "so",
            "some",
            "such",
            "than",
            "that",
            "the",
            "their",
            "theirs",
            "them",
            "themselves",
            "then",
            "there",
            "these",
            "they",
            "this",
            "those",
            "through",
            "to",
            "too",
            "under",
            "until",
            "up",
            "very",
            "was",
            "we",
            "were",
            "what",
            "when",
            "where",
            "which",
            "while",
            "who",
            "whom",
            "why",
            "will",
            "with",
            "would",
            "you",
            "your",
            "yours",
            "yourself",
            "yourselves",
            "tell",
            "me",
            "please",
            "know",
            "anything",
            "any",
            "thing",
            "things",
            "whats",
            "what's",
            "who's",
            "hows",
            "also",
            "get",
            "got",
            "give",
            "latest",
            "news",
        ]
    )
)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def tokenize(texts: list[str]) -> list[list[str]]:
    tokens = bm25s.tokenize(
        texts, stopwords=STOPWORDS, stemmer=_stemmer(), return_ids=False, show_progress=False
    )
    return [list(t) for t in tokens]


def words(text: str) -> list[str]:
    """Lower-case word tokens without stemming (for vocabulary checks)."""
    return re.findall(r"\w[\w'.-]*\w|\w", text.lower())


class KeywordIndex:
    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        retriever = bm25s.BM25()
        corpus_tokens = bm25s.tokenize(texts, stopwords=STOPWORDS, stemmer=_stemmer(), show_progress=False)
        retriever.index(corpus_tokens, show_progress=False)
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
