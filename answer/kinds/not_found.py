"""Nothing in the articles is relevant enough: say so instead of guessing."""

from __future__ import annotations

from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind, refusal
from answer.query import Question

NOT_FOUND = "I couldn't find anything in my articles that answers that."


class NotFound:
    """The best passages score below the calibrated threshold of the retrieval mode."""

    kind = AnswerKind.NOT_FOUND

    def match(self, q: Question, ctx: Context) -> float | None:
        return CERTAIN if ctx.retrieval.score < ctx.threshold else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        return refusal(q.text, NOT_FOUND, self.kind)
