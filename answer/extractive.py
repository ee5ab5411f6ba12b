"""Extractive answers: the sentences of the retrieved passages that answer a question, chosen by MMR."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from answer.asks import asks_reason
from answer.facts import AMOUNT, CAUSAL, hints_motive, states_reason
from answer.model import Answer, AnswerKind, Citations, Line
from answer.query import Question
from corpus.model import Article
from corpus.text import content_words

_META = re.compile(r"\b(this (explainer|article|story|piece|report)|read more|subscribe|click here)\b", re.I)
CONTINUES = re.compile(r"^(He|She|They|It|This|That|These|Those|His|Her|Their|Its|Such)\b")
_WHY = re.compile(r"\s*(why|how come|what (is|are) the reasons?|what caused)\b", re.I)
_QUANTITY = re.compile(
    r"\b(how (much|many|big|large)|what (share|percentage|proportion|salary|pay|ratio|size)|figure|valued|valuation|"
    r"fee|cost|price|salary|salaries|pay|paid|worth|bonus|package|offer|stake|raised?|funding|ratio|head ?count|"
    r"earn|earns|percent|per cent)\b|%",
    re.I,
)

# A sentence announcing a list ("set out several changes"), and a question asking what someone did.
_LIST_OPENER = re.compile(
    r"\b(several|a number of|a series of|a range of|multiple|two|three|four|five)\s+(?:[a-z-]+\s+)?"
    r"(changes|measures|steps|reforms|reasons|ways|moves|factors|tactics|things)\b",
    re.I,
)
# The first item of an enumeration, and a later one: the later items are shown with the first.
_FIRST_ITEM = re.compile(r"(The )?first(ly)?\b", re.I)
_LATER_ITEM = re.compile(r"(The )?(second|third|fourth|fifth|finally|lastly)\b", re.I)
_DOING = re.compile(r"\bwhat\b.*\b(did|does|do|will|has|have)\b.*\bdo\b", re.I)

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
# A list a chosen sentence announces is shown up to this many sentences (or pairs read together) long.
LIST_ITEMS = 3
# A later item of an enumeration is looked for this many sentence groups after the previous one at most.
ITEM_GAP = 2

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

# A why-question whose chosen sentences say what happened but not why gets the best sentence giving a cause
# from the same story, when it is at least this share as relevant as the best sentence.
REASON_RELATIVE = 0.3
# ...preferring a cause stated ("the aim is to...") to a hint of one ("amid...") by this much relevance.
STATED_REASON_BONUS = 0.2

# ...and reads on from its best sentence to the next one giving a cause when that is at least this share as
# relevant (the next sentence may already be about another story: 0.31 on the dev split; 0.48 when it is not).
READ_ON_RELATIVE = 0.4

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


@dataclass(frozen=True)
class Candidate:
    """A sentence (or two read together) that may answer the question, with its relevance."""

    relevance: float
    text: str
    article_id: str
    vector: npt.NDArray[np.float32]
    position: int  # sentence index in the article, to show picks from one article in reading order


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


def with_reason(candidates: list[Candidate], chosen: list[Candidate], max_sentences: int) -> list[Candidate]:
    """The chosen sentences, with the story's own reason when none of them from the best sentence's article
    gives one: its sentence that states a cause or purpose (or, failing that, hints at one), in place of the
    last pick but the first when there is no room."""
    story = candidates[0].article_id
    if any(c.article_id == story and states_reason(c.text) for c in chosen):
        return chosen
    floor = REASON_RELATIVE * candidates[0].relevance
    pool = [
        c
        for c in candidates
        if c.article_id == story
        and c.relevance >= floor
        and hints_motive(c.text)
        and not any(shares_text(c, x) for x in chosen)
    ]
    if not pool:
        return chosen
    reason = max(pool, key=lambda c: c.relevance + (STATED_REASON_BONUS if states_reason(c.text) else 0.0))
    return (
        [*chosen[: max(1, max_sentences - 1)], reason] if len(chosen) >= max_sentences else [*chosen, reason]
    )


def _reading_on(candidates: list[Candidate], chosen: list[Candidate], max_sentences: int) -> list[Candidate]:
    """A why-answer with room left reads on from its best sentence when the next sentence of the article gives
    a cause or purpose too ("...the main reason is to stop its researchers leaving." "...needs a valuation so
    that it can give employees stock options")."""
    if len(chosen) >= max_sentences:
        return chosen
    best = chosen[0]
    following = next(
        (
            c
            for c in candidates
            if c.article_id == best.article_id
            and c.position == best.position + 1
            and not best.text.endswith(c.text)
        ),
        None,
    )
    if (
        following is None
        or following in chosen
        or following.relevance < READ_ON_RELATIVE * best.relevance
        or not hints_motive(following.text)
    ):
        return chosen
    return [*chosen, following]


def after_index(chosen: Candidate, article_sentences: Sequence[str]) -> int:
    """The index of the first sentence of the article after a chosen sentence (or pair)."""
    end = chosen.position + 1
    while end < len(article_sentences) and chosen.text.endswith(" " + article_sentences[end]):
        end += 1
    return end


def later_items(chosen: Candidate, article_sentences: Sequence[str]) -> list[tuple[str, str]]:
    """The items after a first one ("The first is speed..." -> "The second is regulation..."), each
    found within a few sentences of the previous."""
    rest = article_sentences[after_index(chosen, article_sentences) :]
    groups = [" ".join(rest[i] for i in g) for g in sentence_groups(rest)]
    items: list[tuple[str, str]] = []
    gap = 0
    for text in groups:
        if len(items) == LIST_ITEMS or gap > ITEM_GAP or text.rstrip().endswith("?"):
            break
        if _LATER_ITEM.match(text):
            items.append((text, chosen.article_id))
            gap = 0
        else:
            gap += 1
    return items


def continue_list(
    question: str, chosen: Candidate, article_sentences: Sequence[str]
) -> list[tuple[str, str]]:
    """When a chosen sentence announces the list the question asks for ("The letter set out several changes
    at once." for "what did ByteDance change?"), the sentences after it in its article: the list itself."""
    if _FIRST_ITEM.match(chosen.text):
        return later_items(chosen, article_sentences)
    opener = _LIST_OPENER.search(chosen.text)
    if opener is None:
        return []
    asked = {w.rstrip("s") for w in content_words(question)}
    listed = {w.rstrip("s") for w in content_words(opener.group(2))}
    if not listed & asked and not _DOING.search(question):
        return []
    rest = article_sentences[after_index(chosen, article_sentences) :]
    items = []
    for group in sentence_groups(rest)[:LIST_ITEMS]:
        text = " ".join(rest[i] for i in group)
        if text.rstrip().endswith("?"):
            break
        items.append((text, chosen.article_id))
    return items


# A paragraph introducing the reasons an article goes on to list: "Three explanations come up again and again."
_REASONS_INTRO = re.compile(r"\b(reasons?|explanations?|causes?|factors?|drivers?|why)\b", re.I)
# ...within this many sentences before the first one.
INTRO_WINDOW = 2


def listed_reasons(article_id: str, sentences: Sequence[str]) -> list[tuple[str, str]]:
    """When an article lists reasons ("Three explanations come up again and again." "First, demand rose very
    fast." ... "Second, ..."), the sentence announcing them, then each reason, a short one read with the
    sentence after it; else nothing."""
    for i, sentence in enumerate(sentences):
        before = [j for j in range(max(0, i - INTRO_WINDOW), i) if not sentences[j].endswith("?")]
        intro = [j for j in before if _REASONS_INTRO.search(sentences[j])]
        if not _FIRST_ITEM.match(sentence) or not intro:
            continue
        items = [i]
        for j in range(i + 1, len(sentences)):
            if sentences[j].endswith("?") or len(items) == LIST_ITEMS:
                break
            if _LATER_ITEM.match(sentences[j]):
                items.append(j)
        if len(items) < 2:
            continue
        texts = []
        for j in items:
            short = len(sentences[j].split()) < SHORT_SENTENCE_WORDS and j + 1 < len(sentences)
            read_on = short and j + 1 not in items and not sentences[j + 1].endswith("?")
            texts.append(" ".join(sentences[j : j + 2] if read_on else sentences[j : j + 1]))
        return [(text, article_id) for text in [sentences[intro[-1]], *texts]]
    return []


def select_sentences(
    question: str,
    query_vector: npt.NDArray[np.float32],
    passages: Sequence[RetrievedPassage],
    max_sentences: int = 3,
    article_sentences: Mapping[str, Sequence[str]] | None = None,
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
        chosen = _reading_on(candidates, chosen, max_sentences)
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
