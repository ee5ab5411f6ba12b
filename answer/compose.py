"""Compose an answer from retrieved passages and recorded moves. Pure functions: no I/O, no Telegram."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from answer.query import Question
from corpus.entities import same_org, same_person
from corpus.model import Article, Move
from corpus.text import content_words

SUGGESTIONS = (
    "Why is there a shortage of AI talent in China?",
    "Who did ByteDance hire from Alibaba?",
    "Who did Meta hire for Superintelligence Labs?",
    "How much are top AI researchers paid?",
    "What did OpenAI do to keep its staff?",
)
MAX_MOVES = 12


@dataclass(frozen=True)
class Source:
    number: int
    article_id: str
    title: str
    publisher: str
    url: str
    published: dt.date


@dataclass(frozen=True)
class Line:
    """One statement of an answer, with the numbers of the sources that back it."""

    text: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class RetrievedPassage:
    article_id: str
    text: str
    score: float
    sentences: tuple[str, ...]
    sentence_vectors: npt.NDArray[np.float32]
    start: int = 0  # index of the first sentence in its article


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    kind: str  # "moves", "overview", "extractive" or "refusal"
    intro: str
    lines: tuple[Line, ...]
    sources: tuple[Source, ...]
    note: str = ""
    passages: tuple[tuple[str, str, float], ...] = ()
    more: bool = False  # a list with further pages (ask again with page + 1)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def listing(self) -> bool:
        """Moves and overviews are lists, one item a line; extractive answers are prose."""
        return self.kind in ("moves", "overview")

    def plain_text(self) -> str:
        parts = [self.intro] if self.intro else []
        bullet = "- " if self.listing else ""
        for line in self.lines:
            cites = "".join(f"[{n}]" for n in line.citations)
            parts.append(f"{bullet}{line.text} {cites}".rstrip())
        if self.note:
            parts.append(self.note)
        text = (
            "\n".join(parts)
            if self.listing
            else " ".join(parts[:1]) + ("\n" + " ".join(parts[1:]) if len(parts) > 1 else "")
        )
        if self.sources:
            text += "\n\nSources:\n" + "\n".join(
                f"[{s.number}] {s.publisher}, {s.published.isoformat()}: {s.title} {s.url}"
                for s in self.sources
            )
        return text.strip()


class Citations:
    """Numbers sources in order of first use."""

    def __init__(self, articles: dict[str, Article]) -> None:
        self._articles = articles
        self._numbers: dict[str, int] = {}

    def cite(self, article_id: str) -> int:
        return self._numbers.setdefault(article_id, len(self._numbers) + 1)

    def sources(self) -> tuple[Source, ...]:
        result = []
        for article_id, number in self._numbers.items():
            a = self._articles[article_id]
            result.append(Source(number, a.id, a.title, a.publisher, a.url, a.published))
        return tuple(result)


GREETING = re.compile(
    r"^\W*(hi|hello|hey|hiya|yo|good (morning|afternoon|evening)|thanks|thank you|cheers|ok|okay|help|"
    r"start|what can you do|who are you)\W*$",
    re.I,
)


def greeting(question: str) -> Answer:
    return refusal(
        question,
        "Hi! I'm TalentBot: ask me about the AI talent war — who hired whom, why there is a shortage, what "
        "researchers are paid — and I answer from news articles, with sources.",
    )


def refusal(question: str, reason: str, suggestions: Sequence[str] = SUGGESTIONS[:3]) -> Answer:
    tries = " ".join(f"• {s}" for s in suggestions)
    return Answer(
        question=question,
        answered=False,
        kind="refusal",
        intro=reason,
        lines=(),
        sources=(),
        note=f"I answer questions about the AI talent war from the news articles I have read. Try: {tries}",
    )


# ---------------------------------------------------------------------------------------------- moves


@dataclass(frozen=True)
class RecordedMove:
    move: Move
    article_id: str
    published: dt.date


def collect_moves(articles: Iterable[Article]) -> list[RecordedMove]:
    """Every recorded move once: several articles reporting the same move count as one, cited to the first."""
    best: dict[tuple[str, str], RecordedMove] = {}
    for article in sorted(articles, key=lambda a: (a.published, a.id)):
        for move in article.moves:
            key = (move.person.lower(), move.to.lower())
            known = best.get(key)
            if known is None:
                best[key] = RecordedMove(move, article.id, article.published)
            elif (
                len(move.date or "") > len(known.move.date or "")
                or (not known.move.role and move.role)
                or (not known.move.from_ and move.from_)
            ):
                merged = known.move.model_copy(
                    update={
                        "date": move.date
                        if len(move.date or "") > len(known.move.date or "")
                        else known.move.date,
                        "role": known.move.role or move.role,
                        "from_": known.move.from_ or move.from_,
                    }
                )
                best[key] = RecordedMove(merged, known.article_id, known.published)
    return list(best.values())


def move_date(r: RecordedMove) -> str:
    return r.move.date or r.published.isoformat()


def filter_moves(moves: Iterable[RecordedMove], q: Question, allowed: set[str] | None) -> list[RecordedMove]:
    result = []
    for r in moves:
        m = r.move
        if allowed is not None and r.article_id not in allowed:
            continue
        if q.dates is not None and not _move_in_range(r, q):
            continue
        if q.people and not any(same_person(p.entity, m.person) for p in q.people):
            continue
        if q.sources and not any(same_org(o.entity, m.from_) for o in q.sources):
            continue
        if q.destinations and not any(same_org(o.entity, m.to) for o in q.destinations):
            continue
        if q.either and not any(same_org(o.entity, m.to) or same_org(o.entity, m.from_) for o in q.either):
            continue
        result.append(r)
    return sorted(result, key=lambda r: (move_date(r), r.move.person), reverse=True)


def _move_in_range(r: RecordedMove, q: Question) -> bool:
    """A move dated "2025-07" is in range when any day of that month is."""
    assert q.dates is not None
    first, last = r.move.period() or (r.published, r.published)
    return (q.dates.start is None or last >= q.dates.start) and (q.dates.end is None or first <= q.dates.end)


def describe_move(m: Move) -> str:
    route = f"{m.from_} → {m.to}" if m.from_ else f"joined {m.to}"
    role = f", {m.role}" if m.role else ""
    when = f" ({m.date})" if m.date else ""
    return f"{m.person}: {route}{role}{when}"


def moves_intro(q: Question, count: int) -> str:
    who = ", ".join(p.entity.name for p in q.people)
    src = " or ".join(o.entity.name for o in q.sources)
    dst = " or ".join(o.entity.name for o in q.destinations)
    either = " or ".join(o.entity.name for o in q.either)
    parts = []
    if who:
        parts.append(f"involving {who}")
    if dst:
        parts.append(f"to {dst}")
    if src:
        parts.append(f"from {src}")
    if either:
        parts.append(f"to or from {either}")
    if q.dates is not None:
        parts.append(q.dates.label)
    scope = " ".join(parts)
    noun = "move" if count == 1 else "moves"
    return (
        f"{count} talent {noun} {scope}, newest first:".replace("  ", " ")
        if scope
        else (f"The {count} most recent talent {noun} I have on record, newest first:")
    )


def page_of(total: int, page: int, size: int) -> tuple[int, int]:
    """[start, end) of a page of a list; a page past the end is the last one."""
    last = max(0, (total - 1) // size)
    start = min(max(page, 0), last) * size
    return start, min(total, start + size)


def continued(intro: str, start: int, end: int, total: int) -> str:
    return intro if start == 0 else f"{intro.rstrip(':')} (continued: {start + 1}–{end} of {total}):"


def compose_moves(
    q: Question,
    moves: list[RecordedMove],
    articles: dict[str, Article],
    intro: str | None = None,
    page: int = 0,
) -> Answer:
    cites = Citations(articles)
    start, end = page_of(len(moves), page, MAX_MOVES)
    lines = tuple(Line(describe_move(r.move), (cites.cite(r.article_id),)) for r in moves[start:end])
    hidden = len(moves) - end
    note = f"…and {hidden} more; ask about a company or person to narrow it down." if hidden else ""
    if intro is None:
        # "28 talent moves to Meta" when the question narrowed them; "the 12 most recent" when it did not.
        intro = moves_intro(q, len(moves) if (q.mentions or q.dates) else end - start)
    return Answer(
        question=q.text,
        answered=True,
        kind="moves",
        intro=continued(intro, start, end, len(moves)),
        lines=lines,
        sources=cites.sources(),
        note=note,
        more=hidden > 0,
    )


# ------------------------------------------------------------------------------------------ extractive

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


FAQ_MATCH = 0.8  # a question in the article this close to the user's is answered by the sentences after it


Unit = tuple[str, npt.NDArray[np.float32], int]  # text, vector, index of its first sentence in the passage


def _units(p: RetrievedPassage) -> list[Unit]:
    """Sentences of a passage, each joined to the next when that one only makes sense after it: a very short
    sentence ("First, demand rose.") or a follower that starts with a pronoun ("He explained that...")."""
    units: list[Unit] = []
    i = 0
    while i < len(p.sentences):
        start, text, vector = i, p.sentences[i], p.sentence_vectors[i]
        nxt = i + 1 < len(p.sentences) and not text.endswith("?")
        if nxt and (len(text.split()) < 9 or _CONTINUES.match(p.sentences[i + 1])):
            merged = vector + p.sentence_vectors[i + 1]
            norm = float(np.linalg.norm(merged)) or 1.0
            text, vector = f"{text} {p.sentences[i + 1]}", (merged / norm).astype(np.float32)
            i += 1
        units.append((text, vector, start))
        i += 1
    return units


def faq_span(p: RetrievedPassage, query_vector: npt.NDArray[np.float32], limit: int = 8) -> range:
    """Sentences answering a question the article itself asks ("Why is there a shortage? Three reasons...")
    when that question is the user's: from the one after it to the next question."""
    for i, (sentence, vector) in enumerate(zip(p.sentences, p.sentence_vectors, strict=True)):
        if sentence.rstrip().endswith("?") and float(vector @ query_vector) >= FAQ_MATCH:
            end = i + 1
            while end < len(p.sentences) and end - i <= limit and not p.sentences[end].rstrip().endswith("?"):
                end += 1
            return range(i + 1, end)
    return range(0)


@dataclass(frozen=True)
class _Candidate:
    relevance: float
    text: str
    article_id: str
    vector: npt.NDArray[np.float32]
    position: int  # sentence index in the article, to show picks from one article in reading order


def select_sentences(
    question: str,
    query_vector: npt.NDArray[np.float32],
    passages: Sequence[RetrievedPassage],
    max_sentences: int = 3,
    diversity: float = 0.7,
    min_relative: float = 0.8,
) -> list[tuple[str, str]]:
    """Pick 1-`max_sentences` sentences that answer the question, by MMR over sentence embeddings.

    When one of the best passages asks the user's question itself ("Why is there a shortage?"), the sentences
    that follow it are the answer. Otherwise a sentence's relevance mixes its cosine with the question, the
    rank and score of its passage, word overlap with the question and, for why/how questions, causal
    wording; each further pick is penalised by its similarity to those already taken
    (and by being from an article already used), so two sentences making the same point are not both shown.
    Questions and meta sentences ("this article...") are skipped. Picks from one article keep reading order.
    """
    asked = content_words(question)
    why = bool(re.match(r"\s*(why|how come|what (is|are) the reasons?|what caused)\b", question, re.I))
    quantity = bool(
        re.search(
            r"\b(how (much|many|big|large)|what (share|percentage|proportion|salary|pay)|figure|valued|valuation|"
            r"fee|cost|price|salary|salaries|pay|paid|worth|bonus|package|offer|stake|raised?|funding)\b",
            question,
            re.I,
        )
    )
    leading = list(dict.fromkeys(p.article_id for p in passages))[:3]
    spans = [(faq_span(p, query_vector), p) for p in passages if p.article_id in leading]
    answers, faq = max(spans, key=lambda sp: len(sp[0]), default=(range(0), None))
    if faq is not None and answers:  # the article asks the user's question itself: its answer, in its order
        span = [u for u in _units(faq) if u[2] in answers and not _META.search(u[0])]
        return [(text, faq.article_id) for text, _, _ in span[: max(max_sentences, 6)]]
    top = passages[0].score if passages else 0.0
    candidates: list[_Candidate] = []
    seen: set[str] = set()
    for rank, p in enumerate(passages):
        for sentence, vector, start in _units(p):
            if sentence in seen or len(sentence.split()) < 6 or sentence.rstrip().endswith("?"):
                continue
            seen.add(sentence)
            overlap = len(asked & content_words(sentence)) / max(1, len(asked))
            relevance = (
                0.6 * float(vector @ query_vector)
                + 0.3 * overlap
                + 1.0 * (p.score - top)
                + 0.05 * max(0, 3 - rank)
                + (0.2 if why and _CAUSAL.search(sentence) else 0.0)
                + (0.15 if quantity and _AMOUNT.search(sentence) else 0.0)
                - (0.5 if _META.search(sentence) else 0.0)
            )
            candidates.append(_Candidate(relevance, sentence, p.article_id, vector, p.start + start))
    if not candidates:
        return []
    candidates.sort(key=lambda c: -c.relevance)
    best = candidates[0].relevance
    chosen = [candidates[0]]
    while len(chosen) < max_sentences:
        pick = None
        pick_score = -1e9
        for c in candidates:
            if any(c.text in x.text or x.text in c.text for x in chosen) or c.relevance < best * min_relative:
                continue
            redundancy = max(float(c.vector @ x.vector) for x in chosen)
            same_article = any(c.article_id == x.article_id for x in chosen)
            score = diversity * c.relevance - (1 - diversity) * redundancy - (0.03 if same_article else 0.0)
            if redundancy < 0.88 and score > pick_score:
                pick, pick_score = c, score
        if pick is None:
            break
        chosen.append(pick)
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
        kind="extractive",
        intro="",
        lines=lines,
        sources=cites.sources(),
    )


def compose_overview(
    q: Question, articles: Sequence[Article], label: str, page: int = 0, size: int = 8
) -> Answer:
    """ "What happened in 2024?": the headlines of the period, newest first."""
    cites = Citations({a.id: a for a in articles})
    ordered = sorted(articles, key=lambda a: (a.published, a.id), reverse=True)
    start, end = page_of(len(ordered), page, size)
    lines = tuple(Line(f"{a.published:%d %b %Y}: {a.title}", (cites.cite(a.id),)) for a in ordered[start:end])
    more = len(ordered) - end
    intro = f"{len(articles)} article{'s' if len(articles) != 1 else ''} {label}, newest first:"
    return Answer(
        question=q.text,
        answered=bool(lines),
        kind="overview",
        intro=continued(intro, start, end, len(ordered)),
        lines=lines,
        sources=cites.sources(),
        note=f"…and {more} more; ask about a company or person to narrow it down." if more > 0 else "",
        more=more > 0,
    )
