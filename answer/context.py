"""One question being answered: what the kinds of question look at, each worked out once and only if asked."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar, cast

import numpy as np
import numpy.typing as npt

from answer import cues
from answer.chinese_orgs import CHINESE_ORGS, at_chinese_orgs
from answer.config import EngineConfig
from answer.moves import MAX_MOVES, RecordedMove, filter_moves
from answer.query import MONTHS, Question
from answer.retrieval import Retrieval, allowed_articles, retrieve, search_scope
from answer.state import EngineState
from corpus.text import words
from index.embedder import Embedder

T = TypeVar("T")

# How much a follow-up no rule rewrote leans towards the question it goes on from (its own text counts 1).
PRIOR_WEIGHT = 0.5
# Words this short are never proper nouns worth narrowing by.
MIN_NARROWING_WORD = 4


@dataclass
class Context:
    """The parsed question with the engine's state, and lazily: its vector, the moves it asks about, the
    articles its dates allow, the search results. Records how long embedding and searching took."""

    state: EngineState
    embedder: Embedder
    config: EngineConfig
    raw: str  # the question as typed, whitespace collapsed and truncated
    question: Question
    mode: str
    page: int = 0
    story: frozenset[str] = frozenset()  # a follow-up's: the articles the last answer cited, searched first
    # a follow-up no rule rewrote: the question it goes on from, which its vector leans towards
    prior: str = ""
    timings: dict[str, float] = field(default_factory=lambda: {"embed": 0.0, "search": 0.0})
    _worked_out: dict[str, object] = field(default_factory=dict)

    def once(self, key: str, work: Callable[[], T]) -> T:
        """What a kind of question works out in `match` and needs again in `answer`, worked out once per
        question (`key` names it: one per kind and thing)."""
        if key not in self._worked_out:
            self._worked_out[key] = work()
        return cast(T, self._worked_out[key])

    @cached_property
    def vector(self) -> npt.NDArray[np.float32]:
        started = time.perf_counter()
        asked = cues.as_searched(self.question.text)
        texts = [asked, self.prior] if self.prior else [asked]
        encoded = np.asarray(self.embedder.encode(texts), dtype=np.float32)
        vector: npt.NDArray[np.float32] = encoded[0]
        if self.prior:  # "was it hit by the cuts?" after "what is TBD Lab?" is about TBD Lab
            leaning = vector + PRIOR_WEIGHT * encoded[1]
            vector = (leaning / (float(np.linalg.norm(leaning)) or 1.0)).astype(np.float32)
        self.timings["embed"] += time.perf_counter() - started
        return vector

    @cached_property
    def wants_moves(self) -> bool:
        return cues.wants_moves(self.question)

    @cached_property
    def moves(self) -> list[RecordedMove]:
        """The recorded moves the question asks about (its dates are the moves' dates here), narrowed."""
        moves = at_chinese_orgs(filter_moves(self.state.moves, self.question), self.question, self.state)
        return self._narrow(moves)

    @cached_property
    def no_moves(self) -> bool:
        """A moves question naming people or companies with no such move on record."""
        return self.wants_moves and bool(self.question.mentions) and not self.moves

    @cached_property
    def published(self) -> set[str] | None:
        """Articles published in the question's date range (None: no range)."""
        return allowed_articles(self.state, self.question)

    @cached_property
    def retrieval(self) -> Retrieval:
        vector = self.vector
        started = time.perf_counter()
        scope = search_scope(self.state, self.question)
        found = retrieve(
            self.state, self.config, self.question, vector, self.mode, scope, self.story, self.prior
        )
        self.timings["search"] += time.perf_counter() - started
        return found

    @property
    def threshold(self) -> float:
        return self.config.thresholds.get(self.mode, 0.0)

    def _narrow(self, moves: list[RecordedMove]) -> list[RecordedMove]:
        """ "The Zurich guys who went to Meta": keep the moves whose article mentions the question's other
        proper nouns."""
        if len(moves) <= MAX_MOVES:  # longer than a page: narrowed by the question's other proper nouns
            return moves
        named = {t for m in self.question.mentions for t in m.entity.keys}
        extra = {
            w
            for w in words(self.question.text)
            if len(w) >= MIN_NARROWING_WORD
            and w not in named
            and w not in MONTHS
            and w in self.state.proper_nouns
        }
        if CHINESE_ORGS.search(self.question.text):
            extra.discard("chinese")  # which companies, not what their articles say (`at_chinese_orgs`)
        if not extra:
            return moves
        close = [r for r in moves if self._said_together(r, extra)]
        broad = [r for r in moves if extra & self.state.article_words(r.article_id)]
        return close or broad or moves

    def _said_together(self, r: RecordedMove, extra: set[str]) -> bool:
        """Does one sentence of the move's article name the person (or their surname) and an extra word?"""
        names = {r.move.person.lower(), r.move.person.split()[-1].lower()}
        for sentence in self.state.data.sentences.get(r.article_id, []):
            low = sentence.lower()
            if any(n in low for n in names) and extra & set(words(sentence)):
                return True
        return False
