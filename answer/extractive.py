"""Extractive answers: the sentences of the retrieved passages that answer a question, chosen by MMR."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from answer.model import Answer, AnswerKind, Citations, Line
from answer.query import Question
from corpus.model import Article
from corpus.text import content_words

_CAUSAL = re.compile(
    r"\b(because|reason|reasons|due to|driven|drives|drove|cause[sd]?|led to|leads to|pushe[sd]|push|"
    r"explain(?:s|ed)?|wanted|as a result|so that|demand|supply|first|second|third|means|aim(?:s|ed)? to|"
    r"in order to)\b",
    re.I,
)
_META = re.compile(r"\b(this (explainer|article|story|piece|report)|read more|subscribe|click here)\b", re.I)
_AMOUNT = re.compile(
    r"[$€£¥]\s?\d|\d\s?(%|(per ?cent|million|billion|bn|trillion|yuan|dollars|thousand)\b)|\b\d{1,3}(,\d{3})+\b",
    re.I,
)
_CONTINUES = re.compile(r"^(He|She|They|It|This|That|These|Those|His|Her|Their|Its|Such)\b")
_WHY = re.compile(r"\s*(why|how come|what (is|are) the reasons?|what caused)\b", re.I)
_QUANTITY = re.compile(
    r"\b(how (much|many|big|large)|what (share|percentage|proportion|salary|pay)|figure|valued|valuation|"
    r"fee|cost|price|salary|salaries|pay|paid|worth|bonus|package|offer|stake|raised?|funding)\b",
    re.I,
)

# A question in the article this close (cosine) to the user's is answered by the sentences after it.
FAQ_MATCH = 0.8
# ...up to this many of them: an FAQ answer is a paragraph, not the rest of the article.
FAQ_MAX_SENTENCES = 8
# ...and at least this many when there are: the list of reasons an FAQ gives is the answer, whole.
FAQ_MIN_SENTENCES = 6
# A sentence shorter than this (in words) rarely stands alone: it is read with the next one.
SHORT_SENTENCE_WORDS = 9
# Shorter than this, a sentence is a heading or a fragment, never an answer.
MIN_ANSWER_WORDS = 6
# Only the passages of the best few articles are searched for an FAQ block.
FAQ_ARTICLES = 3

# How a sentence's relevance is scored (hand-tuned on the dev split of the evaluation set): its cosine with
# the question counts most, then the share of the question's words it has, then its passage's score
# relative to the best passage, a small bonus for the top passages, and cue bonuses for why/how-much asks.
W_COSINE = 0.6
W_OVERLAP = 0.3
W_PASSAGE = 1.0
W_RANK = 0.05
TOP_RANKS = 3
CAUSAL_BONUS = 0.2
AMOUNT_BONUS = 0.15
META_PENALTY = 0.5

# Maximal marginal relevance: the weight of relevance against redundancy with what is already chosen.
DIVERSITY = 0.7
# Candidates below this share of the best sentence's relevance are not worth adding.
MIN_RELATIVE = 0.8
# Two sentences this similar (cosine) make the same point: only one is shown.
REDUNDANT = 0.88
# A small nudge towards citing a second article over a second sentence of the same one.
SAME_ARTICLE_PENALTY = 0.03


@dataclass(frozen=True)
class RetrievedPassage:
    article_id: str
    text: str
    score: float
    sentences: tuple[str, ...]
    sentence_vectors: npt.NDArray[np.float32]
    start: int = 0  # index of the first sentence in its article


Unit = tuple[str, npt.NDArray[np.float32], int]  # text, vector, index of its first sentence in the passage


def _units(p: RetrievedPassage) -> list[Unit]:
    """Sentences of a passage, each joined to the next when that one only makes sense after it: a very short
    sentence ("First, demand rose.") or a follower that starts with a pronoun ("He explained that...")."""
    units: list[Unit] = []
    i = 0
    while i < len(p.sentences):
        start, text, vector = i, p.sentences[i], p.sentence_vectors[i]
        nxt = i + 1 < len(p.sentences) and not text.endswith("?")
        if nxt and (len(text.split()) < SHORT_SENTENCE_WORDS or _CONTINUES.match(p.sentences[i + 1])):
            merged = vector + p.sentence_vectors[i + 1]
            norm = float(np.linalg.norm(merged)) or 1.0
            text, vector = f"{text} {p.sentences[i + 1]}", (merged / norm).astype(np.float32)
            i += 1
        units.append((text, vector, start))
        i += 1
    return units


def faq_span(
    p: RetrievedPassage, query_vector: npt.NDArray[np.float32], limit: int = FAQ_MAX_SENTENCES
) -> range:
    """Sentences answering a question the article itself asks ("Why is there a shortage? Three reasons...")
    when that question is the user's: from the one after it to the next question."""
    for i, (sentence, vector) in enumerate(zip(p.sentences, p.sentence_vectors, strict=True)):
        if sentence.rstrip().endswith("?") and float(vector @ query_vector) >= FAQ_MATCH:
            end = i + 1
            while end < len(p.sentences) and end - i <= limit and not p.sentences[end].rstrip().endswith("?"):
                end += 1
            return range(i + 1, end)
    return range(0)


def _faq_answer(
    query_vector: npt.NDArray[np.float32], passages: Sequence[RetrievedPassage], max_sentences: int
) -> list[tuple[str, str]]:
    """When one of the best articles asks the user's question itself, the sentences that follow it."""
    leading = list(dict.fromkeys(p.article_id for p in passages))[:FAQ_ARTICLES]
    spans = [(faq_span(p, query_vector), p) for p in passages if p.article_id in leading]
    answers, faq = max(spans, key=lambda sp: len(sp[0]), default=(range(0), None))
    if faq is None or not answers:
        return []
    span = [u for u in _units(faq) if u[2] in answers and not _META.search(u[0])]
    return [(text, faq.article_id) for text, _, _ in span[: max(max_sentences, FAQ_MIN_SENTENCES)]]


@dataclass(frozen=True)
class _Candidate:
    relevance: float
    text: str
    article_id: str
    vector: npt.NDArray[np.float32]
    position: int  # sentence index in the article, to show picks from one article in reading order


def _candidates(
    question: str, query_vector: npt.NDArray[np.float32], passages: Sequence[RetrievedPassage]
) -> list[_Candidate]:
    """Every usable sentence of the passages with its relevance, best first."""
    asked = content_words(question)
    why = bool(_WHY.match(question))
    quantity = bool(_QUANTITY.search(question))
    top = passages[0].score if passages else 0.0
    candidates: list[_Candidate] = []
    seen: set[str] = set()
    for rank, p in enumerate(passages):
        for sentence, vector, start in _units(p):
            if (
                sentence in seen
                or len(sentence.split()) < MIN_ANSWER_WORDS
                or sentence.rstrip().endswith("?")
            ):
                continue
            seen.add(sentence)
            overlap = len(asked & content_words(sentence)) / max(1, len(asked))
            relevance = (
                W_COSINE * float(vector @ query_vector)
                + W_OVERLAP * overlap
                + W_PASSAGE * (p.score - top)
                + W_RANK * max(0, TOP_RANKS - rank)
                + (CAUSAL_BONUS if why and _CAUSAL.search(sentence) else 0.0)
                + (AMOUNT_BONUS if quantity and _AMOUNT.search(sentence) else 0.0)
                - (META_PENALTY if _META.search(sentence) else 0.0)
            )
            candidates.append(_Candidate(relevance, sentence, p.article_id, vector, p.start + start))
    return sorted(candidates, key=lambda c: -c.relevance)


def _mmr(candidates: list[_Candidate], max_sentences: int) -> list[_Candidate]:
    """The best candidate, then each further pick by relevance penalised by redundancy with the chosen."""
    best = candidates[0].relevance
    chosen = [candidates[0]]
    while len(chosen) < max_sentences:
        pick = None
        pick_score = -1e9
        for c in candidates:
            if any(c.text in x.text or x.text in c.text for x in chosen) or c.relevance < best * MIN_RELATIVE:
                continue
            redundancy = max(float(c.vector @ x.vector) for x in chosen)
            same_article = any(c.article_id == x.article_id for x in chosen)
            score = (
                DIVERSITY * c.relevance
                - (1 - DIVERSITY) * redundancy
                - (SAME_ARTICLE_PENALTY if same_article else 0.0)
            )
            if redundancy < REDUNDANT and score > pick_score:
                pick, pick_score = c, score
        if pick is None:
            break
        chosen.append(pick)
    return chosen


def select_sentences(
    question: str,
    query_vector: npt.NDArray[np.float32],
    passages: Sequence[RetrievedPassage],
    max_sentences: int = 3,
) -> list[tuple[str, str]]:
    """Pick 1-`max_sentences` (sentence, article id) pairs that answer the question.

    When one of the best passages asks the user's question itself ("Why is there a shortage?"), the sentences
    that follow it are the answer. Otherwise sentences are chosen by MMR over sentence embeddings, so two
    sentences making the same point are not both shown. Questions and meta sentences ("this article...") are
    skipped. Picks from one article keep reading order."""
    faq = _faq_answer(query_vector, passages, max_sentences)
    if faq:
        return faq
    candidates = _candidates(question, query_vector, passages)
    if not candidates:
        return []
    chosen = _mmr(candidates, max_sentences)
    first_seen = {a: n for n, a in reversed(list(enumerate(c.article_id for c in chosen)))}
    chosen.sort(key=lambda c: (first_seen[c.article_id], c.position))
    return [(c.text, c.article_id) for c in chosen]


def compose_extractive(
    q: Question,
    query_vector: npt.NDArray[np.float32],
    passages: Sequence[RetrievedPassage],
    articles: dict[str, Article],
    max_sentences: int = 3,
) -> Answer:
    cites = Citations(articles)
    picked = select_sentences(q.text, query_vector, passages, max_sentences=max_sentences)
    lines = tuple(Line(text, (cites.cite(article_id),)) for text, article_id in picked)
    return Answer(
        question=q.text,
        answered=bool(lines),
        kind=AnswerKind.EXTRACTIVE,
        intro="",
        lines=lines,
        sources=cites.sources(),
    )
