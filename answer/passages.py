"""What a search found, sentence by sentence: the passages, the candidate sentences drawn from them, and
which sentences are read together ("First, demand rose." with the sentence after it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# A sentence that carries on from the one before it: "He explained that...", "This means...", "Of the 100,
# 87 were still in the United States." (a share of what the sentence before counted).
CONTINUES = re.compile(
    r"^(He|She|They|It|This|That|These|Those|His|Her|Their|Its|Such)\b|^Of (?:the|those|these|them)\b(?: \S+)?,|"
    # ...or places itself by what was said before: "During that time, ...", "Under that plan", "By then"
    r"^(?:During|In|At|By|Since|After|Before|Until|For|Over|Within|Throughout|Under|On) (?:that|those|then)\b|"
    # ...or ranks something after what it named: "Google DeepMind was close behind at 78%"
    r"^(?:[A-Z][\w.&-]*\s){1,3}(?:was|were|came|ranked|finished) (?:close behind|next|second|third|just behind)\b"
)
# A sentence shorter than this (in words) rarely stands alone: it is read with the next one.
SHORT_SENTENCE_WORDS = 9


@dataclass(frozen=True)
class RetrievedPassage:
    article_id: str
    text: str
    score: float
    sentences: tuple[str, ...]
    sentence_vectors: npt.NDArray[np.float32]
    start: int = 0  # index of the first sentence in its article


Unit = tuple[str, npt.NDArray[np.float32], int]  # text, vector, index of its first sentence in the passage


def sentence_groups(sentences: Sequence[str]) -> list[range]:
    """Sentences, each joined to the next when that one only makes sense after it: a very short sentence
    ("First, demand rose.") or a follower that starts with a pronoun ("He explained that...")."""
    groups: list[range] = []
    i = 0
    while i < len(sentences):
        text = sentences[i]
        nxt = i + 1 < len(sentences) and not text.endswith("?")
        joined = nxt and (len(text.split()) < SHORT_SENTENCE_WORDS or bool(CONTINUES.match(sentences[i + 1])))
        groups.append(range(i, i + 2 if joined else i + 1))
        i += len(groups[-1])
    return groups


@dataclass(frozen=True)
class Candidate:
    """A sentence (or two read together) that may answer the question, with its relevance."""

    relevance: float
    text: str
    article_id: str
    vector: npt.NDArray[np.float32]
    position: int  # sentence index in the article, to show picks from one article in reading order


# The end of a sentence pair this long found in the next pair shows they share a sentence.
SHARED_TAIL = 40


def shares_text(a: Candidate, b: Candidate) -> bool:
    """Do two candidates show the same words: one holds the other, or two sentence pairs of an article
    share a sentence ("Staff were told... His new company is..." and "His new company is... Records...")?"""
    if a.text in b.text or b.text in a.text:
        return True
    if a.article_id != b.article_id or abs(a.position - b.position) != 1:
        return False
    first, second = (a, b) if a.position < b.position else (b, a)
    return first.text[-SHARED_TAIL:] in second.text


def after_index(chosen: Candidate, article_sentences: Sequence[str]) -> int:
    """The index of the first sentence of the article after a chosen sentence (or pair)."""
    end = chosen.position + 1
    while end < len(article_sentences) and chosen.text.endswith(" " + article_sentences[end]):
        end += 1
    return end
