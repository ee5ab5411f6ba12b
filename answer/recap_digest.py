"""The recap's digest: the sentences most central to the week's articles, for a three-sentence TL;DR and short
key takeaways. Centrality is LexRank: a sentence scores high when it is similar (TF-IDF cosine over topic words)
to many sentences and headlines of the week, across articles, so the TL;DR says what the week's stories share
rather than how each one opens. Pure; no model is loaded for it, so `recap preview` and the weekly job stay fast.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from corpus.model import Article
from corpus.text import content_words, split_sentences

# Shorter than this (words), a sentence is a fragment or a heading; longer, it does not read at a glance.
MIN_WORDS = 8
MAX_WORDS = 45
# A takeaway is short: a sentence of at most this many words.
TAKEAWAY_WORDS = 25
# A sentence opening with a pronoun or a link word needs the one before it ("He joined in May.").
_NEEDS_CONTEXT = re.compile(
    r"^[\"“‘']?(He|She|They|It|This|That|These|Those|His|Her|Their|Its|Such|But|And|Also|However|Still)\b"
)
# A sentence about the article itself, or reader-service boilerplate.
_META = re.compile(r"\b(this (explainer|article|story|piece|report)|read more|subscribe|click here)\b", re.I)
# A finished sentence: end punctuation, perhaps inside closing quotes or brackets.
_FINISHED = re.compile(r"[.!][\"'”’)\]]*$")
# Similarity between two sentences of one article counts this much: central to the week, not to one long story.
SAME_ARTICLE_WEIGHT = 0.5
# LexRank's damping and iterations (its scores settle well within them on a week's few hundred sentences).
DAMPING = 0.85
ITERATIONS = 60
# Two sentences this alike (TF-IDF cosine) make the same point: only the more central one is used.
REDUNDANT = 0.5
# A second sentence from an article already used gives up this much of its score (scores are scaled to 0..1):
# the digest should cover the week, not one story.
SAME_ARTICLE_PENALTY = 0.35


@dataclass(frozen=True)
class Sentence:
    text: str
    article_id: str
    position: int  # index among its article's sentences


@dataclass(frozen=True)
class Ranked:
    sentences: tuple[Sentence, ...]
    scores: npt.NDArray[np.float64]  # centrality, the best sentence's being 1
    similarity: npt.NDArray[np.float64]  # cosine between the sentences

    def article_scores(self) -> dict[str, float]:
        """Each article's best sentence score: how central the article is to the week."""
        best: dict[str, float] = {}
        for s, score in zip(self.sentences, self.scores, strict=True):
            best[s.article_id] = max(best.get(s.article_id, 0.0), float(score))
        return best


def candidates(article: Article) -> list[Sentence]:
    """The sentences of an article that stand on their own, as a TL;DR line must."""
    found = []
    for i, text in enumerate(split_sentences(article.body)):
        n = len(text.split())
        if not MIN_WORDS <= n <= MAX_WORDS or not _FINISHED.search(text):
            continue
        if _NEEDS_CONTEXT.match(text) or _META.search(text):
            continue
        found.append(Sentence(text, article.id, i))
    return found


def _tfidf(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """Unit TF-IDF vectors of the texts' topic words."""
    bags = [Counter(sorted(content_words(t))) for t in texts]
    df = Counter(w for bag in bags for w in bag)
    vocabulary = {w: i for i, w in enumerate(sorted(df))}
    matrix = np.zeros((len(texts), max(len(vocabulary), 1)))
    for row, bag in enumerate(bags):
        for w, tf in bag.items():
            matrix[row, vocabulary[w]] = tf * (math.log(len(texts) / df[w]) + 1.0)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def _lexrank(similarity: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    n = similarity.shape[0]
    weights = similarity.copy()
    np.fill_diagonal(weights, 0.0)
    sums = weights.sum(axis=1, keepdims=True)
    transition = np.where(sums > 0, weights / np.where(sums == 0, 1.0, sums), 1.0 / n)
    rank = np.full(n, 1.0 / n)
    for _ in range(ITERATIONS):
        rank = (1 - DAMPING) / n + DAMPING * transition.T @ rank
    return rank


def rank_sentences(articles: Sequence[Article]) -> Ranked:
    """Every candidate sentence of the articles with its centrality among them and their headlines."""
    sentences = [s for a in articles for s in candidates(a)]
    if not sentences:
        return Ranked((), np.zeros(0), np.zeros((0, 0)))
    owners = [s.article_id for s in sentences] + [a.id for a in articles]
    vectors = _tfidf([s.text for s in sentences] + [a.title for a in articles])
    similarity = vectors @ vectors.T
    owner = np.array(owners)
    same = owner[:, None] == owner[None, :]
    scores = _lexrank(np.where(same, similarity * SAME_ARTICLE_WEIGHT, similarity))[: len(sentences)]
    n = len(sentences)
    return Ranked(tuple(sentences), scores / scores.max(), similarity[:n, :n])


def pick(
    ranked: Ranked, count: int, *, taken: Collection[int] = (), max_words: int | None = None
) -> list[int]:
    """Up to `count` of the most central sentences (indices), by maximal marginal relevance: none repeating
    another (or one already `taken`), and a second sentence of one article only when it beats the others."""
    chosen: list[int] = []
    used = Counter(ranked.sentences[i].article_id for i in taken)
    for _ in range(count):
        best, best_value = None, -math.inf
        for i, s in enumerate(ranked.sentences):
            if i in chosen or i in taken or (max_words is not None and len(s.text.split()) > max_words):
                continue
            if any(ranked.similarity[i, j] >= REDUNDANT for j in [*chosen, *taken]):
                continue
            value = float(ranked.scores[i]) - SAME_ARTICLE_PENALTY * used[s.article_id]
            if value > best_value:
                best, best_value = i, value
        if best is None:
            break
        chosen.append(best)
        used[ranked.sentences[best].article_id] += 1
    return chosen
