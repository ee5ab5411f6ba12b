"""The question-answering engine: the index and model loaded once, `answer()` per question.

Each question is parsed once, then the kinds of question in `answer.kinds.REGISTRY` are asked in order; the
first that matches answers it. Embedding and searching happen only when a kind needs them."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from answer.config import DEFAULT_THRESHOLDS, EngineConfig
from answer.context import Context
from answer.conversation import MAX_FOLLOW_UP_WORDS, Conversation
from answer.cues import wants_moves, without_chat
from answer.each_ask import with_each_ask
from answer.follow_topics import new_place
from answer.kinds import REGISTRY, QuestionKind
from answer.leaders import speaking_for
from answer.model import Answer, AnswerKind
from answer.moves import as_owners
from answer.places import unknown_countries
from answer.query import Question, parse_question
from answer.report_date import with_report_date
from answer.retrieval import Retrieval, retrieve, search_scope
from answer.shorthand import expand
from answer.state import EngineState
from answer.unknown import unknown_versions
from corpus.text import STEM_LETTERS, content_words, words
from index import store
from index.embedder import Embedder

# Longer messages are cut: a question is a sentence or two, and a pasted article is not one.
MAX_QUESTION_CHARS = 500
# In the words backing a list line, only these longer words count (not "the", "and", "to").
MIN_BACKING_WORD = 4
# A follow-up answered with one of these (nothing found, an unknown word) is asked again about what the
# conversation was about.
_RETRIED = frozenset({AnswerKind.NOT_FOUND})
# A story a follow-up nothing answered is asked again within: the few articles of a told story, not the many of
# a list of moves ("whats the capital of france" after "who did meta hire from openai" is a question of its own).
STORY_ARTICLES = 3
# A question asking whom: "who did anthropic take from microsoft's azure ai side" (not "where did alibaba's
# tongyi speech lead end up", which asks about one person).
_ASKS_WHO = re.compile(r"^\W*(?:who|which)\b", re.I)
# "The" and a word any story has: whose founders, which deal, what team is the last story's.
_THE_GENERIC = re.compile(
    # ...with a word or two before it: "whose exit gutted the pre-training team"
    r"\bthe\s+(?:[\w-]+\s+){0,2}?(?:co-?)?(?:founders?|team|deal|ceo|boss|staff|people|researchers|engineers|"
    r"employees|leaders|"
    r"leadership|lab|company|start-?up|round|investors|money|offer|package|acquisition|merger|price|sale|"
    r"lawsuit|case|ruling|rule|policy|programme|program|scheme|plan|memo|report|survey|study|"
    # ...or a figure of it: "and what's the valuation" after a question about DeepSeek's round
    r"valuation|fee|salary|pay|bonus|stake|licence|license|investment|cuts|layoffs)\b",
    re.I,
)

__all__ = ["DEFAULT_THRESHOLDS", "Engine", "EngineConfig"]


class Engine:
    def __init__(
        self,
        data: store.IndexData,
        embedder: Embedder,
        config: EngineConfig | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        kinds: tuple[QuestionKind, ...] = REGISTRY,
    ) -> None:
        self.embedder = embedder
        self.today = today
        self.kinds = kinds
        self.config = config or EngineConfig()
        self._lock = threading.Lock()  # a reload swaps the whole state between two answers, never during one
        self._load(data)

    def _load(self, data: store.IndexData) -> None:
        self.state = EngineState.from_index(data)
        fitted = data.manifest.get("calibration", {}).get("thresholds")
        if fitted:
            self.config = replace(self.config, thresholds={**self.config.thresholds, **fitted})

    @property
    def data(self) -> store.IndexData:
        return self.state.data

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

    def answer(
        self,
        question: str,
        mode: str | None = None,
        page: int = 0,
        conversation: Conversation | None = None,
    ) -> Answer:
        """Answer a question; `page` picks a later page of a long list (moves, headlines); within a
        `conversation`, a follow-up ("and from OpenAI?") is read against the previous question."""
        with self._lock:
            return self._answer_locked(question, mode or self.config.mode, page, conversation)

    def _answer_locked(
        self, question: str, mode: str, page: int, conversation: Conversation | None
    ) -> Answer:
        started = time.perf_counter()
        raw = " ".join(question.split())[:MAX_QUESTION_CHARS]
        resolved = conversation.resolve(raw, self.parse) if conversation is not None else raw
        # A follow-up goes on with the story the last answer told: its articles are searched first.
        carried = conversation.carried(raw, resolved, self.parse) if conversation is not None else None
        story, prior = carried or (frozenset(), "")
        ctx, answer, respelt = self._answered(resolved, mode, page, story, prior)
        subject = conversation.subject(raw) if conversation is not None and resolved == raw else ""
        if (
            conversation is not None
            and subject
            and (answer.kind in _RETRIED or self._off_story(raw, answer, conversation.story(), subject))
            and not ctx.question.mentions
            and subject.lower() not in raw.lower()
            and not new_place(raw, conversation.last_text())
        ):
            # A follow-up no rule could read ("who led the round?" after a question about David Silver's
            # start-up) is asked again about what the conversation was about.
            about = asked_of(raw, subject)
            retried = self._answered(about, mode, page, conversation.story())
            if retried[1].answered:
                resolved, (ctx, answer, respelt) = about, retried
        elif (
            conversation is not None
            and answer.kind is AnswerKind.NOT_FOUND
            and resolved == raw
            and not ctx.question.mentions  # "who led the round at nvidia": a company of its own
        ):
            # A short question nothing answered, right after another ("which team didn't get cut" after "how
            # many jobs did meta cut in msl"): asked again of what the last question named, and answered so
            # only from the story the last answer told.
            retried_in_story = self._in_story(raw, mode, page, conversation)
            if retried_in_story is not None:
                resolved, (ctx, answer, respelt) = retried_in_story
        if conversation is not None:
            conversation.remember(ctx.question, answer, self.state.entities.find, self.state.pronouns)
        answer = with_report_date(ctx.question.text, answer)
        shown = ctx.question.text if respelt else resolved  # say how a typo was read
        if shown != raw and answer.kind is not AnswerKind.OTHER_LANGUAGE:  # that reply reads no words
            answer = replace(answer, understood_as=shown)
        if answer.answered and not answer.passages:
            answer = replace(answer, passages=self._cited_passages(ctx.vector, answer))
        total = time.perf_counter() - started
        embed, search = ctx.timings["embed"], ctx.timings["search"]
        timings = {
            "embed_ms": embed * 1000,
            "search_ms": search * 1000,
            "compose_ms": (total - embed - search) * 1000,
            "total_ms": total * 1000,
        }
        return replace(answer, question=question, timings={k: round(v, 2) for k, v in timings.items()})

    def _in_words_of(self, raw: str, story: frozenset[str]) -> bool:
        """Is the question in the words of the story (its articles)? "how much does a plumber earn" or "who
        won the champions league" after a question about Meta is a question of its own."""
        said = {p for a in story for w in self.state.article_words(a) for p in (w, *w.split("-"))}
        return content_words(without_chat(expand(raw))) <= {w[:STEM_LETTERS] for w in said}

    def _in_story(
        self, raw: str, mode: str, page: int, conversation: Conversation
    ) -> tuple[str, tuple[Context, Answer, bool]] | None:
        """A short question asked again of what the last one named, if that answers it from the last story."""
        story, named = conversation.story(), conversation.last_named()
        if not 0 < len(story) <= STORY_ARTICLES or not named or len(raw.split()) > MAX_FOLLOW_UP_WORDS:
            return None
        if named.lower() in raw.lower() or new_place(raw, conversation.last_text()):
            return None
        if not self._in_words_of(raw, story):
            return None
        about = asked_of(raw, named)
        retried = self._answered(about, mode, page, story)
        cited = {source.article_id for source in retried[1].sources}
        return (about, retried) if retried[1].answered and cited & story else None

    def _off_story(self, raw: str, answer: Answer, story: frozenset[str], subject: str) -> bool:
        """Is an answer to a follow-up that names nothing, asking about "the founders", "the deal"... of which
        the last story tells, about another story: none of its articles, and not the last subject ("what
        happened to the founders" after Meta's Manus deal was answered with xAI's founders)?"""
        cited = {source.article_id for source in answer.sources}
        generic = _THE_GENERIC.search(raw)
        if not cited or not story or cited & story or generic is None:
            return False
        # its words as written, and hyphenated ones run together as people type them ("pretraining")
        told = {
            v[:STEM_LETTERS]
            for a in story
            for w in self.state.article_words(a)
            for v in (w, w.replace("-", ""))
        }
        if not content_words(generic.group(0)) <= told:
            return False  # the last story has no founders, no deal...
        return not any(name.strip().lower() in answer.plain_text().lower() for name in subject.split(","))

    def _answered(
        self, text: str, mode: str, page: int, story: frozenset[str] = frozenset(), prior: str = ""
    ) -> tuple[Context, Answer, bool]:
        """The context of a question, its answer by the first kind that matches, and whether it was respelt;
        `story`: the articles a follow-up goes on with; `prior`: the question it goes on from. An ask the
        answer leaves out is answered alone (`answer.each_ask`)."""
        ctx, respelt = self._context(text, mode, page, story, prior)
        kind = next(k for k in self.kinds if k.match(ctx.question, ctx) is not None)
        answer = kind.answer(ctx.question, ctx)
        if page == 0:
            answer = with_each_ask(answer, ctx.question, lambda t, kinds: self._alone(t, mode, kinds))
        return ctx, answer, respelt

    def _context(
        self, text: str, mode: str, page: int, story: frozenset[str] = frozenset(), prior: str = ""
    ) -> tuple[Context, bool]:
        """The context a question is answered in (parsed once), and whether it was respelt."""
        parsed, respelt = self._parsed(text)
        return Context(
            self.state, self.embedder, self.config, text, parsed, mode, page, story, prior
        ), respelt

    def _alone(self, text: str, mode: str, kinds: frozenset[AnswerKind]) -> Answer | None:
        """One ask of a question answered on its own, when the kind that answers it gives one of `kinds` (else
        it is not composed at all, nor are the kinds after the last that could give one asked)."""
        ctx, _ = self._context(text, mode, 0)
        last = max((i for i, k in enumerate(self.kinds) if k.kind in kinds), default=-1)
        kind = next((k for k in self.kinds[: last + 1] if k.match(ctx.question, ctx) is not None), None)
        return kind.answer(ctx.question, ctx) if kind is not None and kind.kind in kinds else None

    def _cited_passages(
        self, vector: npt.NDArray[np.float32], answer: Answer
    ) -> tuple[tuple[str, str, float], ...]:
        """For a list answer (moves, headlines): the passage of each cited article that best backs its lines."""
        result = []
        for source in answer.sources:
            said = {
                w
                for line in answer.lines
                if source.number in line.citations
                for w in words(line.text)
                if len(w) >= MIN_BACKING_WORD
            }
            best = self.state.best_passage(source.article_id, said, vector)
            if best is not None:
                result.append((source.article_id, *best))
        return tuple(result)

    # ----------------------------------------------------------------- for the evaluator and calibration

    def parse(self, text: str) -> Question:
        """The question with typos fixed, the names and dates it mentions, and whether it asks about moves."""
        return self._parsed(text)[0]

    def _parsed(self, text: str) -> tuple[Question, bool]:
        """`parse`, and whether correcting misspelt ordinary words (not names, not chat) changed the question."""
        named = self.state.typos.fix(without_chat(expand(" ".join(text.split())[:MAX_QUESTION_CHARS])))
        fixed = self.state.typos.joined(self.state.spelling.fix(named))  # "signaal fire": "signalfire"
        if fixed != named:  # ...and a word respelt may be a name's form ("mettas" is "metas", Meta's) or chat
            fixed = self.state.typos.fix(without_chat(fixed))  # ("quikc one, how much...": "quick one")
        q = self._reparse(fixed)
        unknown = dict.fromkeys(
            (
                *q.unknown_names,
                *unknown_versions(fixed, self.state.versions, self.state.names),
                *unknown_countries(fixed, self.state.vocabulary),
            )
        )
        if wants_moves(q) and _ASKS_WHO.match(q.text):
            q = as_owners(q, self.state.moves)  # "from microsoft's azure ai": from Microsoft, as recorded
        if wants_moves(q) and q.people:
            q = speaking_for(q, self.state.leaders(), self.state.moves, self._reparse)
        unfamiliar = self.state.lexicon.unfamiliar(fixed)
        garbled = tuple(w for w in unfamiliar if self.state.spelling.garbled(w))
        return (
            replace(q, unfamiliar=unfamiliar, garbled=garbled, unknown_names=tuple(unknown)),
            fixed != named,
        )

    def _reparse(self, text: str) -> Question:
        """`text` parsed as it stands (already respelt): names, dates, direction."""
        return parse_question(text, self.state.entities, self.today(), self.state.vocabulary)

    def search_scope(self, q: Question) -> set[str] | None:
        return search_scope(self.state, q)

    def retrieve(
        self, q: Question, vector: npt.NDArray[np.float32], mode: str, allowed: set[str] | None
    ) -> Retrieval:
        return retrieve(self.state, self.config, q, vector, mode, allowed)


def asked_of(question: str, subject: str) -> str:
    """A follow-up asked again of what the conversation was about: "who led the round (David Silver)?"."""
    return f"{question.rstrip(' ?.!')} ({subject})?"
