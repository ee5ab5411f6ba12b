"""Fact, why and how questions: the sentences of the best passages that answer them, each cited."""

from __future__ import annotations

import re
from dataclasses import replace

from answer.context import Context
from answer.extractive import compose_extractive
from answer.kinds.base import CERTAIN
from answer.kinds.not_found import NOT_FOUND
from answer.model import Answer, AnswerKind, refusal
from answer.query import Question

_EXPLAIN = re.compile(r"\s*(why|how(?! (much|many|big|large|long|old)))\b", re.I)
# A fact is one to three sentences; an explanation ("why...?", "how did...?") needs room for its reasons.
FACT_SENTENCES = 3
EXPLAIN_SENTENCES = 4


class Extractive:
    """The last kind in the registry: it matches whatever the others left, once the search found enough."""

    kind = AnswerKind.EXTRACTIVE

    def match(self, q: Question, ctx: Context) -> float | None:
        return CERTAIN

    def answer(self, q: Question, ctx: Context) -> Answer:
        hits = ctx.retrieval.hits
        passages = [ctx.state.retrieved(h) for h in hits]
        explain = bool(_EXPLAIN.match(q.text))
        candidates = [*passages, ctx.state.whole_article(hits[0])] if explain and hits else passages
        size = EXPLAIN_SENTENCES if explain else FACT_SENTENCES
        answer = compose_extractive(q, ctx.vector, candidates, ctx.state.data.articles, max_sentences=size)
        if not answer.answered:
            return refusal(q.text, NOT_FOUND, AnswerKind.NOT_FOUND)
        return replace(answer, passages=tuple((p.article_id, p.text, round(p.score, 4)) for p in passages))
