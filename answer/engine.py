"""The question-answering engine: the index and model loaded once, `answer()` per question."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from answer.compose import (
    GREETING,
    MAX_MOVES,
    Answer,
    RecordedMove,
    RetrievedPassage,
    collect_moves,
    compose_extractive,
    compose_moves,
    compose_overview,
    filter_moves,
    greeting,
    move_date,
    moves_intro,
    refusal,
)
from answer.query import MONTHS, Question, TypoFixer, parse_question
from corpus.entities import EntityIndex, key_tokens, same_org
from corpus.text import words
from index import store
from index.embedder import Embedder
from index.search import Hit, SearchParams, search

# Fitted by `talentbot eval --calibrate` on the shipped corpus (corpus hash b8873c13d6a4b317) and its eval set;
# an index whose manifest holds its own fitted values uses those instead.
DEFAULT_THRESHOLDS = {"hybrid": 0.3209, "dense": 0.3309, "bm25": 2.521}
MAX_QUESTION_CHARS = 500
NOT_FOUND = "I couldn't find anything in my articles that answers that."
# A question naming something the corpus has never mentioned is refused unless its best passage is this much
# more relevant than the threshold: "what is Mistral AI paying?" must not be answered with Meta's pay.
UNKNOWN_NAME_MARGIN = 0.35
_LEADER_QUESTION = re.compile(
    r"\s*who\s+(runs|leads|heads|is\s+(in\s+charge\s+of|running|leading|heading)|"
    r"(is|was|became)\s+(the\s+)?(new\s+)?(head|ceo|chief|boss|leader|cto|president|director)\b)",
    re.I,
)
_LEADER_ROLE = re.compile(
    r"\b(head|lead|leads|leader|chief|ceo|cto|president|director|founder|co-lead)\b", re.I
)
# "Who is the chief scientist of X?" asks for that role, not any leader.
_ASKED_ROLE = re.compile(
    r"\b(chief (?:scientist|executive|technology officer|ai officer|operating officer)|ceo|cto|president|"
    r"chairman|chair)\b",
    re.I,
)
_NOT_MOVES = re.compile(
    r"\s*(why|how|explain|describe|who\s+(became|replaced|succeeded|took over|runs|leads|heads|is the)|"
    r"what(?!.*\b(moves?|hires?|hired|hiring|poach\w*|departures?|defections?|joined|left|recruit\w*)\b))",
    re.I,
)
RECENT_DAYS = 120
RELATIVE = frozenset({"today", "this week", "last week", "this month", "last month"})


@dataclass(frozen=True)
class EngineConfig:
    mode: str = "hybrid"
    k: int = 6
    params: SearchParams = field(default_factory=SearchParams)
    thresholds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))


@dataclass(frozen=True)
class Retrieval:
    """What the engine found for a question."""

    hits: list[Hit]
    score: float  # relevance(hits): compared with the calibrated threshold


def relevance(hits: list[Hit], mode: str) -> float:
    """How well the best passages match: cosine for dense/hybrid, BM25 score for keyword-only search."""
    if not hits:
        return 0.0
    if mode == "bm25":
        return max(h.keyword for h in hits)
    return max(h.dense for h in hits[:3])


class Engine:
    def __init__(
        self,
        data: store.IndexData,
        embedder: Embedder,
        config: EngineConfig | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.embedder = embedder
        self.today = today
        self.config = config or EngineConfig()
        self._lock = threading.Lock()  # a reload swaps the whole state between two answers, never during one
        self._load(data)

    def _load(self, data: store.IndexData) -> None:
        self.data = data
        self.entities = EntityIndex.from_articles(data.articles.values())
        self.moves = collect_moves(data.articles.values())
        self._newest = max((a.published for a in data.articles.values()), default=None)
        self.vocabulary = {w for a in data.articles.values() for w in words(a.text)}
        self.typos = TypoFixer(set(self.entities.vocabulary), self.vocabulary)
        self._words_cache: dict[str, set[str]] = {}
        self._rows_by_article = store.rows_by_article(data)
        # Words written with a capital inside sentences: places and names that can single moves out ("Zurich").
        self._proper_nouns = {
            m.group(1).lower()
            for a in data.articles.values()
            for m in re.finditer(r"(?<=[a-z,;] )([A-Z][a-z]{2,})\b", a.body)
        }
        fitted = data.manifest.get("calibration", {}).get("thresholds")
        if fitted:
            self.config = replace(self.config, thresholds={**self.config.thresholds, **fitted})
        # Articles by the key words of the names they list: "Meta" and "Meta Superintelligence Labs" are one.
        self._mention_articles: dict[frozenset[str], set[str]] = {}
        for a in data.articles.values():
            for name in (*a.people, *a.companies):
                self._mention_articles.setdefault(key_tokens(name), set()).add(a.id)

    def use_thresholds(self, thresholds: dict[str, float]) -> None:
        """Answer with these relevance thresholds from now on (after a calibration)."""
        with self._lock:
            self.config = replace(self.config, thresholds={**self.config.thresholds, **thresholds})

    def reload_if_changed(self, index_dir: Path) -> bool:
        """Pick up a newer build (e.g. after `talentbot ingest` + `index build`) without a restart."""
        current = store.current_build(index_dir)
        if current is None or current == self.data.directory:
            return False
        data = store.load(index_dir)  # the slow part, outside the lock
        with self._lock:
            self._load(data)
        return True

    # -------------------------------------------------------------------------------------------------

    def answer(self, question: str, mode: str | None = None, page: int = 0) -> Answer:
        """Answer a question; `page` picks a later page of a long list (moves, headlines)."""
        with self._lock:
            return self._answer_locked(question, mode, page)

    def _answer_locked(self, question: str, mode: str | None, page: int) -> Answer:
        started = time.perf_counter()
        embedded = searched = started
        text = " ".join(question.split())[:MAX_QUESTION_CHARS]
        if not text or not re.search(r"\w", text):
            answer = refusal(question, "Ask me a question in words, for example:")
        elif GREETING.match(text):
            answer = greeting(question)
        else:
            mode = mode or self.config.mode
            q = self.parse(text)
            vector = np.asarray(self.embedder.encode([q.text])[0], dtype=np.float32)
            embedded = time.perf_counter()
            answer, searched = self._answer(q, vector, mode, page)
            if answer.answered and not answer.passages:
                answer = replace(answer, passages=self._cited_passages(vector, answer))
        done = time.perf_counter()
        timings = {
            "embed_ms": (embedded - started) * 1000,
            "search_ms": (searched - embedded) * 1000,
            "compose_ms": (done - searched) * 1000,
            "total_ms": (done - started) * 1000,
        }
        return replace(answer, question=question, timings={k: round(v, 2) for k, v in timings.items()})

    def _cited_passages(
        self, vector: npt.NDArray[np.float32], answer: Answer
    ) -> tuple[tuple[str, str, float], ...]:
        """For a list answer (moves, headlines): the passage of each cited article that best backs its lines
        (most of the lines' words, then closest to the question)."""
        result = []
        for source in answer.sources:
            said = {
                w
                for line in answer.lines
                if source.number in line.citations
                for w in words(line.text)
                if len(w) > 3
            }
            rows = self._rows_by_article.get(source.article_id, [])
            if not rows:
                continue
            scores = self.data.passage_vectors[rows] @ vector
            best = max(
                range(len(rows)),
                key=lambda i: (len(said & set(words(self.data.passage_text(rows[i])))), float(scores[i])),
            )
            result.append(
                (source.article_id, self.data.passage_text(rows[best]), round(float(scores[best]), 4))
            )
        return tuple(result)

    def allowed_articles(self, q: Question) -> set[str] | None:
        """Articles published in the question's date range ("latest": the last RECENT_DAYS of the corpus)."""
        if q.dates is not None:
            return {a.id for a in self.data.articles.values() if q.dates.contains(a.published)}
        if q.latest and not q.mentions and self._newest is not None:
            since = self._newest - dt.timedelta(days=RECENT_DAYS)
            return {a.id for a in self.data.articles.values() if a.published >= since}
        return None

    def _answer(self, q: Question, vector: object, mode: str, page: int = 0) -> tuple[Answer, float]:
        qv = np.asarray(vector, dtype=np.float32)
        wants_moves = (q.about_moves and not _NOT_MOVES.match(q.text)) or (
            bool(q.people) and bool(re.match(r"\s*where\b", q.text, re.I))
        )
        if wants_moves and q.unknown_names:
            return _unknown(q), time.perf_counter()
        leaders = self._leaders(q)
        if leaders:
            answer = compose_moves(q, leaders, self.data.articles, intro=_leader_intro(q), page=page)
            return answer, time.perf_counter()
        no_moves = False
        if wants_moves:  # a question's dates are the moves' dates here, not the articles'
            moves = self._narrow(q, filter_moves(self.moves, q, None))
            if moves and (q.mentions or q.dates is not None or _generic_moves_question(q.text)):
                return compose_moves(q, moves, self.data.articles, page=page), time.perf_counter()
            no_moves = bool(q.mentions) and not moves
            if no_moves and q.dates is not None:
                return self._no_record(q), time.perf_counter()
        published = self.allowed_articles(q)
        listing = wants_moves or _overview_question(q.text) or q.latest
        if q.dates is not None and not published and (listing or q.dates.label in RELATIVE):
            newest = self._newest
            latest = f" The most recent article I have is from {newest:%d %B %Y}." if newest else ""
            return refusal(
                q.text, f"I have no articles {_period(q.dates.label)}.{latest}"
            ), time.perf_counter()
        if (q.dates is not None or q.latest) and _overview_question(q.text) and not q.mentions and published:
            label = q.dates.label if q.dates is not None else "from the latest months"
            chosen = [self.data.articles[i] for i in published if self.data.canonical.get(i, i) == i]
            return compose_overview(q, chosen, label, page=page), time.perf_counter()
        found = self.retrieve(q, qv, mode, self.search_scope(q))
        searched = time.perf_counter()
        score, threshold = found.score, self.config.thresholds.get(mode, 0.0)
        hits = found.hits
        if q.unknown_names and score < threshold + UNKNOWN_NAME_MARGIN:
            return _unknown(q), searched
        if score < threshold:
            return refusal(q.text, NOT_FOUND), searched
        if no_moves and not self._mentions_all(q, hits[:3]):
            # "Did DeepSeek hire anyone from Google?": no such move on record, and no passage about both.
            return self._no_record(q), searched
        passages = [self._retrieved(h) for h in hits]
        explain = bool(re.match(r"\s*(why|how(?! (much|many|big|large|long|old)))\b", q.text, re.I))
        candidates = [*passages, self._whole_article(hits[0])] if explain and hits else passages
        answer = compose_extractive(q, qv, candidates, self.data.articles, max_sentences=4 if explain else 3)
        if not answer.answered:
            return refusal(q.text, NOT_FOUND), searched
        return replace(
            answer, passages=tuple((p.article_id, p.text, round(p.score, 4)) for p in passages)
        ), searched

    def _no_record(self, q: Question) -> Answer:
        scope = moves_intro(q, 0).split(" talent moves ", 1)[-1].removesuffix(", newest first:")
        return refusal(q.text, f"I have no record of talent moves {scope}.")

    def _mentions_all(self, q: Question, hits: list[Hit]) -> bool:
        """Does one of these passages name every person and organisation the question asks about?"""
        for h in hits:
            found = set(words(self.data.passage_text(h.row))) | set(
                words(self.data.articles[h.article_id].title)
            )
            if all(m.entity.keys <= found for m in q.mentions):
                return True
        return False

    def _leaders(self, q: Question) -> list[RecordedMove]:
        """ "Who runs MSL?": the moves into a named organisation with a leading role, newest first."""
        orgs = [m for m in q.mentions if m.entity.kind == "org"]
        if not orgs or not _LEADER_QUESTION.match(q.text):
            return []
        asked = _ASKED_ROLE.search(q.text)
        role = re.compile(rf"\b{re.escape(asked.group(1))}", re.I) if asked else _LEADER_ROLE
        found = [
            r
            for r in self.moves
            if r.move.role and role.search(r.move.role) and any(same_org(o.entity, r.move.to) for o in orgs)
        ]
        return sorted(found, key=lambda r: (move_date(r), r.move.person), reverse=True)

    def _narrow(self, q: Question, moves: list[RecordedMove]) -> list[RecordedMove]:
        """ "The Zurich guys who went to Meta": keep the moves whose article mentions the question's other words."""
        if len(moves) <= MAX_MOVES:
            return moves
        named = {t for m in q.mentions for t in m.entity.keys}
        extra = {
            w
            for w in words(q.text)
            if len(w) > 3 and w not in named and w not in MONTHS and w in self._proper_nouns
        }
        if not extra:
            return moves
        close = [r for r in moves if self._said_together(r, extra)]
        broad = [r for r in moves if extra & self._article_words(r.article_id)]
        return close or broad or moves

    def _said_together(self, r: RecordedMove, extra: set[str]) -> bool:
        """Does one sentence of the move's article name the person (or their surname) and an extra word?"""
        names = {r.move.person.lower(), r.move.person.split()[-1].lower()}
        for sentence in self.data.sentences.get(r.article_id, []):
            low = sentence.lower()
            if any(n in low for n in names) and extra & set(words(sentence)):
                return True
        return False

    def _article_words(self, article_id: str) -> set[str]:
        if article_id not in self._words_cache:
            self._words_cache[article_id] = set(words(self.data.articles[article_id].text))
        return self._words_cache[article_id]

    def parse(self, text: str) -> Question:
        """The question with typos fixed, the names and dates it mentions, and whether it asks about moves."""
        fixed = self.typos.fix(" ".join(text.split())[:MAX_QUESTION_CHARS])
        return parse_question(fixed, self.entities, self.today(), self.vocabulary)

    def search_scope(self, q: Question) -> set[str] | None:
        """The articles to search (None: all) for a question's dates.

        Relative ranges ("this week", "latest", "today") and "what happened in 2024?" restrict the search to
        articles published then, before ranking. In a fact question a date is usually the event's ("How much
        did AI job openings grow in 2025?" is answered by an article of March 2026), so there the date words
        count as search terms only."""
        strict = q.latest or _overview_question(q.text) or (q.dates is not None and q.dates.label in RELATIVE)
        return self.allowed_articles(q) if strict else None

    def retrieve(
        self,
        q: Question,
        vector: npt.NDArray[np.float32],
        mode: str,
        allowed: set[str] | None,
    ) -> Retrieval:
        """Search as `answer` does: the date pre-filter, and the articles about the people and companies
        named boosted."""
        boost = set().union(*(self._mention_articles.get(m.entity.keys, set()) for m in q.mentions))
        hits = self._search(q, vector, mode, allowed, boost)
        return Retrieval(hits, relevance(hits, mode))

    def _search(
        self, q: Question, qv: npt.NDArray[np.float32], mode: str, allowed: set[str] | None, boost: set[str]
    ) -> list[Hit]:
        return search(
            self.data,
            qv,
            q.text,
            mode=mode,
            k=self.config.k,
            article_ids=allowed,
            boost_articles=boost,
            params=self.config.params,
        )

    def _whole_article(self, hit: Hit) -> RetrievedPassage:
        """Every sentence of the best article: the reasons a why-question asks for are often in sentences
        that look little like the question ("Second, the supply of top researchers is small...")."""
        base = self.data.sentence_offsets[hit.article_id]
        sentences = self.data.sentences[hit.article_id]
        return RetrievedPassage(
            article_id=hit.article_id,
            text=" ".join(sentences),
            score=hit.dense,
            sentences=tuple(sentences),
            sentence_vectors=self.data.sentence_vectors[base : base + len(sentences)],
        )

    def _retrieved(self, hit: Hit) -> RetrievedPassage:
        ref = self.data.passages[hit.row]
        rows = self.data.passage_sentence_rows(hit.row)
        return RetrievedPassage(
            article_id=hit.article_id,
            text=self.data.passage_text(hit.row),
            score=hit.dense,
            sentences=tuple(self.data.sentences[ref.article_id][ref.start : ref.end]),
            sentence_vectors=self.data.sentence_vectors[rows.start : rows.stop],
            start=ref.start,
        )


def _unknown(q: Question) -> Answer:
    return refusal(q.text, f"I have no articles about {', '.join(q.unknown_names)}, so I can't answer that.")


def _period(label: str) -> str:
    """For "I have no articles ...": "from 2024", "from this week", "since June 2025"."""
    if label.startswith(("since ", "before ")):
        return label
    return f"from {label.removeprefix('in ')}"


def _leader_intro(q: Question) -> str:
    orgs = " or ".join(m.entity.name for m in q.mentions if m.entity.kind == "org")
    return f"Leaders who joined {orgs}, as my articles report them, newest first:"


def _generic_moves_question(text: str) -> bool:
    return bool(
        re.search(
            r"\b(who hired whom|who.{0,20}(hired|poached|joined|left|moved)|latest|recent|moves|hires|"
            r"poaching|defections)\b",
            text,
            re.I,
        )
    )


def _overview_question(text: str) -> bool:
    return bool(
        re.search(
            r"\b(what (happened|went on|was new|is new|'s new)|whats new|news|headlines|anything|summary|"
            r"summari[sz]e|overview|recap|stories|articles)\b",
            text,
            re.I,
        )
    ) or bool(re.fullmatch(r"\W*(latest|recent|newest)\W*(news|stories|articles)?\W*", text, re.I))
