"""BM25 keyword search over passages: indexed by bm25s (with a Snowball stemmer), searched with numpy.

bm25s precomputes every term's score in every passage; a query's scores are the sum of its terms' columns.
Reading its saved files and summing them here scores as bm25s does without importing bm25s at query time.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from corpus.text import SEARCH_STOP_WORDS, stem_words, word_parts, words

# bm25s's files in a saved index: the score matrix (CSC: values, passage rows, column starts), terms, params.
MATRIX_FILES = ("data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy")
VOCAB_FILE = "vocab.index.json"
PARAMS_FILE = "params.index.json"
# BM25 variants whose scores are the matrix alone (BM25L and BM25+ add a non-occurrence array); bm25s's
# default, "lucene", is one.
PLAIN_METHODS = ("robertson", "lucene", "atire")

# bm25s keeps only words of two characters or more as terms ("U.S." and single digits are none).
MIN_TERM_CHARS = 2


class Matrix(NamedTuple):
    data: npt.NDArray[np.float32]
    indices: npt.NDArray[np.int32]
    indptr: npt.NDArray[np.int32]


def tokenize(texts: list[str]) -> list[list[str]]:
    """BM25 terms of each text: the parts of its words ("h-1b" -> "1b") and a hyphenated word written as one
    ("h1b", as questions type it), less stop words, Snowball-stemmed."""
    return [
        stem_words(
            [
                part
                for word in words(text)
                for part in _terms(word)
                if len(part) >= MIN_TERM_CHARS and part not in SEARCH_STOP_WORDS
            ]
        )
        for text in texts
    ]


def _terms(word: str) -> list[str]:
    """The word's parts, and the word without its hyphens when a part is too short to be a term of its own
    ("h-1b": "h", "1b", "h1b"; "co-founder" keeps "co" and "founder")."""
    parts = word_parts(word)
    joined = word.replace("-", "")
    short = any(len(p) < MIN_TERM_CHARS for p in parts)
    return [*parts, joined] if "-" in word and short and joined.isalnum() else parts


class KeywordIndex:
    """Each term's BM25 score per passage, precomputed by bm25s: a CSC matrix with a column per term."""

    def __init__(self, matrix: Matrix, vocab: dict[str, int], params: dict[str, Any]) -> None:
        self._matrix = matrix
        self._vocab = vocab
        self._params = params
        self.size = int(params["num_docs"])

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        import bm25s

        retriever = bm25s.BM25()
        retriever.index(tokenize(texts), show_progress=False)
        with tempfile.TemporaryDirectory() as scratch:  # bm25s's own writer fixes the files' format
            retriever.save(scratch, show_progress=False)
            return cls.load(Path(scratch), len(texts))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        for name, array in zip(MATRIX_FILES, self._matrix, strict=True):
            np.save(directory / name, array, allow_pickle=False)
        (directory / VOCAB_FILE).write_text(json.dumps(self._vocab, ensure_ascii=False), encoding="utf-8")
        (directory / PARAMS_FILE).write_text(json.dumps(self._params, indent=4), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, size: int) -> KeywordIndex:
        """Read an index bm25s saved, with numpy alone (bm25s would import scipy: ~0.2 s of a cold start)."""
        params: dict[str, Any] = json.loads((directory / PARAMS_FILE).read_text(encoding="utf-8"))
        if params.get("method") not in PLAIN_METHODS or params.get("num_docs") != size:
            raise ValueError(f"unsupported BM25 index in {directory}: {params} for {size} passages")
        vocab: dict[str, int] = json.loads((directory / VOCAB_FILE).read_text(encoding="utf-8"))
        data, indices, indptr = (np.load(directory / name, allow_pickle=False) for name in MATRIX_FILES)
        return cls(Matrix(data, indices, indptr), vocab, params)

    def scores(self, query: str) -> npt.NDArray[np.float32]:
        """BM25 score of every passage for the query (zeros when no query term is known), summed term by
        term in query order as bm25s does, so the sums are the same to the last bit."""
        scores = np.zeros(self.size, dtype=np.float32)
        data, indices, indptr = self._matrix
        for term in tokenize([query])[0]:
            column = self._vocab.get(term)
            if column is not None:
                start, end = indptr[column], indptr[column + 1]
                np.add.at(scores, indices[start:end], data[start:end])
        return scores
