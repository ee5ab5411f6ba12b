"""Extractive answers: the sentences of the retrieved passages that answer a question, chosen by MMR."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from answer.article_lists import continue_list
from answer.asks import AnswerType, asks_reason
from answer.facts import AMOUNT, CAUSAL, DATE, carries
from answer.model import Answer, AnswerKind, Citations, Line
from answer.passages import Candidate, RetrievedPassage, Unit, after_index, sentence_groups, shares_text
from answer.query import Question
from answer.reasons import reading_on, with_reason
from corpus.entities import EntityIndex
from corpus.model import Article
from corpus.text import content_words, words
from index.search import Hit

_META = re.compile(r"\b(this (explainer|article|story|piece|report)|read more|subscribe|click here)\b", re.I)
_NUMBER = re.compile(r"\d|\b(dozens?|hundreds?|thousands?|millions?|billions?)\b")
_WHY = re.compile(r"\s*(why|how come|what (is|are) the reasons?|what caused)\b", re.I)
_QUANTITY = re.compile(
    r"\b(how (much|many|big|large)|what (share|percentage|proportion|salary|pay|ratio|size)|figure|valued|valuation|"
    r"fee|cost|price|salary|salaries|pay|paid|worth|bonus|package|offer|stake|raised?|funding|ratio|head ?count|"
    r"earn|earns|percent|per cent)\b|%",
    re.I,
)

# The best this many articles are read whole: the sentence that answers is not always in the passage found.
WHOLE_ARTICLES = 2


def leading_articles(hits: Sequence[Hit], count: int = WHOLE_ARTICLES) -> list[str]:
    """The first `count` distinct articles among the hits, best first."""
    return list(dict.fromkeys(h.article_id for h in hits))[:count]


# A question in the article this close (cosine) to the user's is answered by the sentences after it.
FAQ_MATCH = 0.8
# ...up to this many of them: an FAQ answer is a paragraph, not the rest of the article.
FAQ_MAX_SENTENCES = 8
# ...and at least this many when there are: the list of reasons an FAQ gives is the answer, whole.
FAQ_MIN_SENTENCES = 6
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


# An answer of this many sentences or fewer reads on from its best sentence (`_read_on_short`): a full answer
# too, since its best sentence often opens a point that the next one gives the figure or date of (2 before:
# "zhipu and minimax ipo prices? and their combined market value" lost the value once a third pick came in)...
SHORT_ANSWER = 3
# ...when the next sentence of its article is at least this relevant, against the best.
READ_ON_SHORT_RELATIVE = 0.3

# A pick this short (in words) that gives no particular is followed by the sentence that does (`_elaborated`).
VAGUE_WORDS = 15

# Maximal marginal relevance: the weight of relevance against redundancy with what is already chosen.
DIVERSITY = 0.7
# Candidates below this share of the best sentence's relevance are not worth adding. (0.8 before left a third
# of extractive answers at one sentence, without the particular asked: "how much did catl chip into deepseek's
# round" got the round, not CATL's share two sentences on; 0.7 adds about ten words to the median answer.)
MIN_RELATIVE = 0.7
# Two sentences this similar (cosine) make the same point: only one is shown.
REDUNDANT = 0.88
# A small nudge towards citing a second article over a second sentence of the same one.
SAME_ARTICLE_PENALTY = 0.03


def _units(p: RetrievedPassage) -> list[Unit]:
    """The sentence groups of a passage, each with its (normalised, summed) vector."""
    units: list[Unit] = []
    for group in sentence_groups(p.sentences):
        merged = p.sentence_vectors[group.start : group.stop].sum(axis=0)
        norm = float(np.linalg.norm(merged)) or 1.0
        vector = p.sentence_vectors[group.start] if len(group) == 1 else (merged / norm).astype(np.float32)
        units.append((" ".join(p.sentences[i] for i in group), vector, group.start))
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


def rank_candidates(
    question: str, query_vector: npt.NDArray[np.float32], passages: Sequence[RetrievedPassage]
) -> list[Candidate]:
    """Every usable sentence of the passages with its relevance, best first."""
    asked = content_words(question)
    why = bool(_WHY.match(question))
    quantity = bool(_QUANTITY.search(question))
    top = passages[0].score if passages else 0.0
    candidates: list[Candidate] = []
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
                + (CAUSAL_BONUS if why and CAUSAL.search(sentence) else 0.0)
                + (AMOUNT_BONUS if quantity and AMOUNT.search(sentence) else 0.0)
                - (META_PENALTY if _META.search(sentence) else 0.0)
            )
            candidates.append(Candidate(relevance, sentence, p.article_id, vector, p.start + start))
    return sorted(candidates, key=lambda c: -c.relevance)


def _mmr(candidates: list[Candidate], max_sentences: int) -> list[Candidate]:
    """The best candidate, then each further pick by relevance penalised by redundancy with the chosen."""
    best = candidates[0].relevance
    chosen = [candidates[0]]
    while len(chosen) < max_sentences:
        pick = None
        pick_score = -1e9
        for c in candidates:
            if any(shares_text(c, x) for x in chosen) or c.relevance < best * MIN_RELATIVE:
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


def _particular(sentence: str, question: str, entities: EntityIndex | None) -> bool:
    """Does the sentence give a particular: a number, a sum, a date, or a person the question does not name?"""
    if _NUMBER.search(sentence) or AMOUNT.search(sentence) or DATE.search(sentence):
        return True
    return entities is not None and carries(sentence, AnswerType.PERSON, entities, frozenset(words(question)))


def _next_shown(
    pick: Candidate, chosen: list[Candidate], article_sentences: Mapping[str, Sequence[str]] | None
) -> tuple[int, str] | None:
    """The sentence after a pick in its article (with its index), when it may be shown after it: not a
    question, not a remark about the article itself, not shown already."""
    sentences = (article_sentences or {}).get(pick.article_id, ())
    after = after_index(pick, sentences)
    if after >= len(sentences):
        return None
    following = sentences[after]
    if (
        following.rstrip().endswith("?")
        or _META.search(following)
        or any(following in c.text for c in chosen)
    ):
        return None
    return after, following


def _read_on_short(
    question: str,
    candidates: list[Candidate],
    chosen: list[Candidate],
    article_sentences: Mapping[str, Sequence[str]] | None,
    entities: EntityIndex | None,
) -> list[Candidate]:
    """An answer of one or two sentences goes on with the sentence after its best one when that one is
    relevant too: a sentence that opens a point is often followed by its particulars ("The $100,000 fee on
    new H-1B visa petitions has survived its first court test." "On 23 December 2025 Judge Beryl Howell...
    rejected a challenge...")."""
    best = chosen[0]
    following = _next_shown(best, chosen, article_sentences) if len(chosen) <= SHORT_ANSWER else None
    if following is None:
        return chosen
    after, text = following
    relevance = max((c.relevance for c in candidates if text in c.text), default=0.0)
    if relevance < READ_ON_SHORT_RELATIVE * best.relevance or not _particular(text, question, entities):
        return chosen
    return [best, Candidate(relevance, text, best.article_id, best.vector, after), *chosen[1:]]


def _elaborated(
    question: str,
    chosen: list[Candidate],
    article_sentences: Mapping[str, Sequence[str]] | None,
    entities: EntityIndex | None,
) -> list[Candidate]:
    """Each short pick that gives no particular ("Their exits followed decisions that removed their main
    projects.") is followed by the next sentence of its article, which says what it means ("OpenAI shut down
    Sora in March 2026...")."""
    out: list[Candidate] = []
    for c in chosen:
        out.append(c)
        if len(c.text.split()) > VAGUE_WORDS or _particular(c.text, question, entities):
            continue
        following = _next_shown(c, chosen, article_sentences)
        if following is not None:
            out.append(Candidate(c.relevance, following[1], c.article_id, c.vector, following[0]))
    return out


def select_sentences(
    question: str,
    query_vector: npt.NDArray[np.float32],
    passages: Sequence[RetrievedPassage],
    max_sentences: int = 3,
    article_sentences: Mapping[str, Sequence[str]] | None = None,
    entities: EntityIndex | None = None,
) -> list[tuple[str, str]]:
    """Pick 1-`max_sentences` (sentence, article id) pairs that answer the question.

    When one of the best passages asks the user's question itself ("Why is there a shortage?"), the sentences
    that follow it are the answer. Otherwise sentences are chosen by MMR over sentence embeddings, so two
    sentences making the same point are not both shown. Questions and meta sentences ("this article...") are
    skipped. Picks from one article keep reading order. A pick that announces the list asked for ("set out
    several changes") is followed by the list, from `article_sentences` (the sentences of each article)."""
    faq = _faq_answer(query_vector, passages, max_sentences)
    if faq:
        return faq
    candidates = rank_candidates(question, query_vector, passages)
    if not candidates:
        return []
    chosen = _mmr(candidates, max_sentences)
    if asks_reason(question):
        chosen = with_reason(candidates, chosen, max_sentences)
        chosen = reading_on(candidates, chosen, max_sentences)
    chosen = _read_on_short(question, candidates, chosen, article_sentences, entities)
    chosen = _elaborated(question, chosen, article_sentences, entities)
    first_seen = {a: n for n, a in reversed(list(enumerate(c.article_id for c in chosen)))}
    chosen.sort(key=lambda c: (first_seen[c.article_id], c.position))
    picked: list[tuple[str, str]] = []
    for c in chosen:
        if (c.text, c.article_id) not in picked:
            picked.append((c.text, c.article_id))
        if article_sentences is not None and c.article_id in article_sentences:
            listed = continue_list(question, c, article_sentences[c.article_id])
            picked.extend(item for item in listed if item not in picked and not _contains(picked, item[0]))
    return picked


def _contains(picked: list[tuple[str, str]], text: str) -> bool:
    return any(text in t or t in text for t, _ in picked)


def answer_from_picks(
    q: Question, picked: Sequence[tuple[str, str]], articles: dict[str, Article], note: str = ""
) -> Answer:
    """An extractive answer: each picked sentence a line citing its article."""
    cites = Citations(articles)
    lines = tuple(Line(text, (cites.cite(article_id),)) for text, article_id in picked)
    return Answer(
        question=q.text,
        answered=bool(lines),
        kind=AnswerKind.EXTRACTIVE,
        intro="",
        lines=lines,
        sources=cites.sources(),
        note=note if lines else "",
    )


def compose_extractive(
    q: Question,
    query_vector: npt.NDArray[np.float32],
    passages: Sequence[RetrievedPassage],
    articles: dict[str, Article],
    max_sentences: int = 3,
    article_sentences: Mapping[str, Sequence[str]] | None = None,
) -> Answer:
    picked = select_sentences(q.text, query_vector, passages, max_sentences, article_sentences)
    return answer_from_picks(q, picked, articles)
