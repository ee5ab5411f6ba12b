"""The question-answering engine: the index and model loaded once, `answer()` per question."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.compose import (
    Answer,
    RetrievedPassage,
    collect_moves,
    compose_extractive,
    compose_moves,
    compose_overview,
    filter_moves,
    refusal,
)
from bot.query import Question, parse_question
from corpus.entities import EntityIndex
from index import store
from index.embedder import Embedder
from index.keyword import words
from index.search import Hit, SearchParams, search

# Used until `talentbot eval --calibrate` has stored fitted values in the manifest.
DEFAULT_THRESHOLDS = {"hybrid": 0.38, "dense": 0.38, "bm25": 4.0}
MAX_QUESTION_CHARS = 500
RECENT_DAYS = 120


@dataclass(frozen=True)
class EngineConfig:
    mode: str = "hybrid"
    k: int = 6
    params: SearchParams = field(default_factory=SearchParams)
    thresholds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))


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
        self._load(data)

    def _load(self, data: store.IndexData) -> None:
        self.data = data
        self.entities = EntityIndex.from_articles(data.articles.values())
        self.moves = collect_moves(data.articles.values())
        self.vocabulary = {w for a in data.articles.values() for w in words(a.text)}
        fitted = data.manifest.get("calibration", {}).get("thresholds")
        if fitted:
            self.config = replace(self.config, thresholds={**self.config.thresholds, **fitted})
        self._mention_articles: dict[str, set[str]] = {}
        for a in data.articles.values():
            for name in (*a.people, *a.companies):
                self._mention_articles.setdefault(name.lower(), set()).add(a.id)

    def reload_if_changed(self, index_dir: Path) -> bool:
        """Pick up a newer build (e.g. after `talentbot ingest` + `index build`) without a restart."""
        current = store.current_build(index_dir)
        if current is None or current == self.data.directory:
            return False
        self._load(store.load(index_dir))
        return True

    # -------------------------------------------------------------------------------------------------

    def answer(self, question: str, mode: str | None = None) -> Answer:
        started = time.perf_counter()
        text = " ".join(question.split())[:MAX_QUESTION_CHARS]
        if not text or not re.search(r"\w", text):
            return refusal(question, "Ask me a question in words, for example:")
        mode = mode or self.config.mode
        vector = self.embedder.encode([text])[0]
        embedded = time.perf_counter()
        q = parse_question(text, self.entities, self.today(), self.vocabulary)
        allowed = self._allowed_articles(q)
        answer, searched = self._answer(q, vector, mode, allowed)
        done = time.perf_counter()
        timings = {
            "embed_ms": (embedded - started) * 1000,
            "search_ms": (searched - embedded) * 1000,
            "compose_ms": (done - searched) * 1000,
            "total_ms": (done - started) * 1000,
        }
        return replace(answer, question=question, timings={k: round(v, 2) for k, v in timings.items()})

    def _allowed_articles(self, q: Question) -> set[str] | None:
        if q.dates is not None:
            return {a.id for a in self.data.articles.values() if q.dates.contains(a.published)}
        if q.latest and not q.mentions:
            newest = max((a.published for a in self.data.articles.values()), default=None)
            if newest is not None:
                since = newest - dt.timedelta(days=RECENT_DAYS)
                return {a.id for a in self.data.articles.values() if a.published >= since}
        return None

    def _answer(
        self, q: Question, vector: object, mode: str, allowed: set[str] | None
    ) -> tuple[Answer, float]:
        import numpy as np

        qv = np.asarray(vector, dtype=np.float32)
        if q.dates is not None and not allowed:
            newest = max((a.published for a in self.data.articles.values()), default=None)
            latest = f" The most recent article I have is from {newest:%d %B %Y}." if newest else ""
            return refusal(q.text, f"I have no articles from {q.dates.label}.{latest}"), time.perf_counter()
        why_how = bool(re.match(r"\s*(why|how|what|explain|describe)\b", q.text, re.I)) and not re.match(
            r"\s*(what|which)\s+(moves|hires|people|researchers|engineers|executives)\b", q.text, re.I
        )
        wants_moves = (q.about_moves and not why_how) or (
            bool(q.people) and bool(re.match(r"\s*where\b", q.text, re.I))
        )
        if wants_moves and not q.unknown_names:
            moves = filter_moves(self.moves, q, allowed)
            if moves and (q.mentions or q.dates is not None or _generic_moves_question(q.text)):
                return compose_moves(q, moves, self.data.articles), time.perf_counter()
        if (q.dates is not None or q.latest) and _overview_question(q.text) and not q.mentions and allowed:
            label = q.dates.label if q.dates is not None else "from the latest months"
            chosen = [self.data.articles[i] for i in allowed if self.data.canonical.get(i, i) == i]
            return compose_overview(q, chosen, label), time.perf_counter()
        boost = set().union(*(self._mention_articles.get(m.entity.name.lower(), set()) for m in q.mentions))
        hits = search(
            self.data,
            qv,
            q.text,
            mode=mode,
            k=self.config.k,
            article_ids=allowed,
            boost_articles=boost,
            params=self.config.params,
        )
        searched = time.perf_counter()
        score = relevance(hits, mode)
        if q.unknown_names and score < self.config.thresholds.get(mode, 0.0) + 0.2:
            names = ", ".join(q.unknown_names)
            return refusal(q.text, f"I have no articles about {names}, so I can't answer that."), searched
        if score < self.config.thresholds.get(mode, 0.0):
            return refusal(q.text, "I couldn't find anything in my articles that answers that."), searched
        passages = [self._retrieved(h) for h in hits]
        answer = compose_extractive(q, qv, passages, self.data.articles)
        if not answer.answered:
            return refusal(q.text, "I couldn't find anything in my articles that answers that."), searched
        return replace(
            answer, passages=tuple((p.article_id, p.text, round(p.score, 4)) for p in passages)
        ), searched

    def _retrieved(self, hit: Hit) -> RetrievedPassage:
        ref = self.data.passages[hit.row]
        rows = self.data.passage_sentence_rows(hit.row)
        return RetrievedPassage(
            article_id=hit.article_id,
            text=self.data.passage_text(hit.row),
            score=hit.dense,
            sentences=tuple(self.data.sentences[ref.article_id][ref.start : ref.end]),
            sentence_vectors=self.data.sentence_vectors[rows.start : rows.stop],
        )


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
