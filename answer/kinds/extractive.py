"""Fact, why and how questions: the sentences of the best passages that answer them, each cited; a question
that asks several things ("what did Microsoft pay and what job did Suleyman get?") gets a sentence for each."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from answer.article_lists import listed_reasons
from answer.asks import AnswerType, Ask, asks_reason, own_words, search_text, split_asks
from answer.compose_asks import AskSearch, answers_ask, asks_backer, cover_asks
from answer.context import Context
from answer.events import event_words, mentions_event
from answer.extractive import answer_from_picks, leading_articles, rank_candidates, select_sentences
from answer.facts import names_place
from answer.kinds.base import CERTAIN
from answer.kinds.fact_focus import known_focus
from answer.kinds.missing_aspect import asking_about, missing_aspects
from answer.kinds.missing_fact import states_fact
from answer.kinds.not_found import NOT_FOUND
from answer.model import Answer, AnswerKind, refusal
from answer.passages import RetrievedPassage
from answer.query import Question
from answer.retrieval import Retrieval, retrieve, search_scope
from corpus.text import words

_EXPLAIN = re.compile(r"\s*(why|how(?! (much|many|big|large|long|old)))\b", re.I)
_STATED_FURTHER_ON = frozenset({AnswerType.AMOUNT, AnswerType.DATE, AnswerType.DURATION, AnswerType.PLACE})
# A fact is one to three sentences; an explanation ("why...?", "how did...?") needs room for its reasons.
FACT_SENTENCES = 3
EXPLAIN_SENTENCES = 4


def search_each(
    q: Question,
    ctx: Context,
    texts: list[str],
    *,
    scoped: bool = True,
    within: Sequence[set[str] | None] = (),
) -> list[tuple[npt.NDArray[np.float32], Retrieval]]:
    """Each text embedded and searched on its own (within the question's dates when `scoped`; within the
    articles `within` gives for it, if any), timed as the engine's embedding and search: (vector, results)
    for each."""
    started = time.perf_counter()
    vectors = np.asarray(ctx.embedder.encode(texts), dtype=np.float32)
    ctx.timings["embed"] += time.perf_counter() - started
    started = time.perf_counter()
    scope = search_scope(ctx.state, q) if scoped else None
    scopes = [*within, *([None] * (len(texts) - len(within)))]
    found = [
        (vector, retrieve(ctx.state, ctx.config, replace(q, text=text), vector, ctx.mode, own or scope))
        for text, vector, own in zip(texts, vectors, scopes, strict=True)
    ]
    ctx.timings["search"] += time.perf_counter() - started
    return found


def search_asks(q: Question, ctx: Context, asks: tuple[Ask, ...]) -> list[AskSearch]:
    """Each ask searched on its own (with the names of the whole question)."""
    names = tuple(dict.fromkeys(m.entity.name for m in q.mentions))
    texts = [search_text(asks, i, names) for i in range(len(asks))]
    return [
        AskSearch(
            ask,
            text,
            own_words(asks, i, names),
            vector,
            [ctx.state.retrieved(h) for h in found.hits],
            found.score >= ctx.threshold,
        )
        for i, (ask, text, (vector, found)) in enumerate(
            zip(asks, texts, search_each(q, ctx, texts), strict=True)
        )
    ]


# An article's list of reasons answers a why-question this close (cosine) to its headline ("why doesnt china
# have enough ai talent" and "Why China is short of AI talent": 0.94); on the dev split, why-questions about
# something else that find the article score 0.73 or less.
REASONS_TOPIC = 0.8
# ...among the best this many articles the search found: the explainer need not come first.
REASONS_ARTICLES = 3


def _reasons_listed(q: Question, ctx: Context) -> list[tuple[str, str]]:
    """The list of reasons (`listed_reasons`) of one of the best few articles whose headline asks what the
    question asks ("ok so why is china short on ai ppl" finds a news story first, then the explainer)."""
    if not asks_reason(q.text):
        return []
    asked = ctx.vector / (float(np.linalg.norm(ctx.vector)) or 1.0)
    articles = leading_articles(ctx.retrieval.hits, REASONS_ARTICLES)
    for article_id in articles:
        reasons = listed_reasons(article_id, ctx.state.data.sentences.get(article_id, []))
        if not reasons:
            continue
        title = ctx.state.example_vectors(ctx.embedder, (ctx.state.data.articles[article_id].title,))[0]
        if float(title @ asked) >= REASONS_TOPIC:
            return reasons
    return []


def unanswered_note(asks: list[Ask]) -> str:
    if not asks:
        return ""
    listed = "; ".join(f"“{a.text}”" for a in asks)
    return f"I found nothing in my articles that answers {listed}."


class Extractive:
    """The last kind in the registry: it matches whatever the others left, once the search found enough."""

    kind = AnswerKind.EXTRACTIVE

    def match(self, q: Question, ctx: Context) -> float | None:
        return CERTAIN

    def answer(self, q: Question, ctx: Context) -> Answer:
        hits = ctx.retrieval.hits
        passages = [ctx.state.retrieved(h) for h in hits]
        # an explanation asked: "why...", "how did...", or a cause asked otherwise ("what's driving people out")
        explain = bool(_EXPLAIN.match(q.text)) or asks_reason(q.text)
        asks = split_asks(q.text)
        # The sentence that answers is often further on in the best articles than the passages found ("the size
        # of his package is unclear... as much as 100 million yuan"): they are read whole; a reason, a sum or
        # a date asked is added from them when no pick states it (`_with_fact`).
        whole = explain or (len(asks) == 1 and (asks[0].type in _STATED_FURTHER_ON or asks_backer(asks[0])))
        leading = leading_articles(hits)
        firsts = [next(h for h in hits if h.article_id == a) for a in leading]
        candidates = [*passages, *(ctx.state.whole_article(h) for h in firsts)]
        size = EXPLAIN_SENTENCES if explain else FACT_SENTENCES
        sentences = ctx.state.data.sentences
        reasons = _reasons_listed(q, ctx) if explain and hits else []
        picked = reasons or select_sentences(
            q.text, ctx.vector, candidates, size, sentences, ctx.state.entities
        )
        if whole and not explain and picked:
            picked = self._with_fact(q, ctx, asks[0], picked, candidates)
        answer = answer_from_picks(q, picked, ctx.state.data.articles)
        if picked and len(asks) > 1:
            answer = self._every_ask(q, ctx, asks, picked, candidates)
        if not answer.answered:
            return refusal(q.text, NOT_FOUND, AnswerKind.NOT_FOUND)
        return replace(answer, passages=tuple((p.article_id, p.text, round(p.score, 4)) for p in passages))

    def _with_fact(
        self,
        q: Question,
        ctx: Context,
        ask: Ask,
        picked: list[tuple[str, str]],
        candidates: list[RetrievedPassage],
    ) -> list[tuple[str, str]]:
        """The picks, plus the most relevant sentence carrying the asked sum, date or backer when none of them
        does ("how much was Yao Shunyu paid?": "...put Tencent's offer at as much as 100 million yuan"). A date
        must come with the event asked about: "when did the k visa kick in" is answered first by "The new
        visa takes effect on 1 October 2025"."""
        entities = ctx.state.entities
        kind = ask.type
        events = event_words(q.text) if kind is AnswerType.DATE else frozenset()
        known = frozenset(words(q.text))
        # A sum or share of what is asked about: "anthropic's retention rate" is not "eight times more likely"
        focus = known_focus(q, ctx.state.names) if kind is AnswerType.AMOUNT else set()

        headline_states: dict[str, bool] = {}  # each article's headline checked once

        def of_focus(text: str, article_id: str) -> bool:
            # ...said in the sentence, or in the headline of an article that states such a fact of it, the
            # sentence giving the figure: "Huawei's Genius Youth programme pays top graduates up to 2 million
            # yuan a year" and "Pay under the scheme ... reaching about 2.01 million yuan a year"
            assert kind is not None
            if states_fact(text, kind, q, focus, ctx):
                return True
            if article_id not in headline_states:
                title = ctx.state.data.articles[article_id].title
                headline_states[article_id] = states_fact(title, kind, q, focus, ctx)
            return headline_states[article_id]

        def answers(text: str, article_id: str) -> bool:
            return (
                kind is not None
                and answers_ask(ask, text, entities, known)
                # "which cities?": a place named ("spread across Beijing, Shanghai..."), not only a company
                and (kind is not AnswerType.PLACE or names_place(text, known))
                and (not events or mentions_event(text, events))
                and (not focus or of_focus(text, article_id))
            )

        if kind is None:
            return picked
        answering = [p for p in picked if answers(*p)]
        if answering:  # the sentence that answers leads
            return [answering[0], *(p for p in picked if p != answering[0])] if events else picked
        for c in rank_candidates(q.text, ctx.vector, candidates):
            if answers(c.text, c.article_id):
                return [(c.text, c.article_id), *picked] if events else [*picked, (c.text, c.article_id)]
        return picked

    def _every_ask(
        self,
        q: Question,
        ctx: Context,
        asks: tuple[Ask, ...],
        picked: list[tuple[str, str]],
        passages: list[RetrievedPassage],
    ) -> Answer:
        # an ask about something its passages (and the articles read whole) never mention is not answered with
        # them (`MissingAspect`)
        lacking = asking_about(asks, missing_aspects(q, ctx, [p.sentences for p in passages]))
        searched = tuple(a for a in asks if a not in lacking)
        covered = cover_asks(picked, search_asks(q, ctx, searched), passages, ctx.state.entities)
        return answer_from_picks(
            q, covered.picks, ctx.state.data.articles, unanswered_note([*covered.unanswered, *lacking])
        )
