"""Searching for a question: its date pre-filter, boosts for the names it mentions, the relevance score."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from answer.config import EngineConfig
from answer.cues import as_searched, overview_question, relative_period
from answer.query import Question
from answer.state import EngineState
from index.search import Hit, search

# "Latest" with no date means the last few months of the corpus: recent enough to be news, long enough to
# hold a handful of articles in a quiet season.
RECENT_DAYS = 120
# A follow-up that goes on with the last answer (see `Conversation.goes_on`) is answered from that answer's
# articles alone when they are this share as relevant as the best of all.
STORY_SHARE = 0.8
# The relevance of a dense or hybrid search is the best cosine among this many top passages.
RELEVANCE_TOP = 3


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
    return max(h.dense for h in hits[:RELEVANCE_TOP])


def allowed_articles(state: EngineState, q: Question) -> set[str] | None:
    """Articles published in the question's date range ("latest": the last RECENT_DAYS of the corpus)."""
    articles = state.data.articles.values()
    if q.dates is not None:
        return {a.id for a in articles if q.dates.contains(a.published)}
    if q.latest and not q.mentions and state.newest is not None:
        since = state.newest - dt.timedelta(days=RECENT_DAYS)
        return {a.id for a in articles if a.published >= since}
    return None


def search_scope(state: EngineState, q: Question) -> set[str] | None:
    """The articles to search (None: all) for a question's dates.

    Relative ranges ("this week", "latest", "today") and "what happened in 2024?" restrict the search to
    articles published then, before ranking. In a fact question a date is usually the event's ("How much did
    AI job openings grow in 2025?" is answered by an article of March 2026), so there the date words count as
    search terms only."""
    strict = q.latest or overview_question(q.text) or relative_period(q)
    return allowed_articles(state, q) if strict else None


def retrieve(
    state: EngineState,
    config: EngineConfig,
    q: Question,
    vector: npt.NDArray[np.float32],
    mode: str,
    allowed: set[str] | None,
    story: frozenset[str] = frozenset(),
    prior: str = "",
) -> Retrieval:
    """Search with the date pre-filter, the articles about the people and companies named boosted, and those
    of the `story` a follow-up goes on with ("who put money in?" after a question about DeepSeek's round); the
    keywords of the `prior` question it goes on from are searched for too."""
    boost = set().union(*(state.mention_articles.get(m.entity.keys, set()) for m in q.mentions))
    asked = as_searched(q.text)  # "step by step" is how to tell it, no keyword
    keywords = f"{asked} {prior}" if prior else asked
    told: list[Hit] = []
    if prior and story:  # "how reliable is that?": the story's own articles answer it, when they can
        scope = set(story) if allowed is None else set(story) & allowed
        told = search(
            state.data, vector, keywords, mode=mode, k=config.k, article_ids=scope, params=config.params
        )
    hits = search(
        state.data,
        vector,
        keywords,
        mode=mode,
        k=config.k,
        article_ids=allowed,
        boost_articles=boost,
        params=config.params,
    )
    best, threshold = relevance(hits, mode), config.thresholds.get(mode, 0.0)
    if told and relevance(told, mode) >= max(STORY_SHARE * best, min(threshold, best)):
        return Retrieval(told, relevance(told, mode))
    if story:  # ...boosted once more: the articles named are the story's and its rivals' alike
        lift = config.params.boost
        hits = sorted(
            (replace(h, score=h.score + abs(h.score) * lift) if h.article_id in story else h for h in hits),
            key=lambda h: -h.score,
        )
    return Retrieval(hits, relevance(hits, mode))
