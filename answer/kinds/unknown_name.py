"""A question naming a company or person the corpus has never mentioned ("who did Amazon hire?")."""

from __future__ import annotations

from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind, refusal
from answer.query import Question

# A question naming something unknown is refused unless its best passage is this much more relevant than the
# threshold: "what is Mistral AI paying?" must not be answered with Meta's pay.
UNKNOWN_NAME_MARGIN = 0.35


class UnknownName:
    """Before the search, a who-hired-whom question naming an unknown company is refused outright (its answer
    depends on the name); after it, any other question is refused unless its passages are very relevant."""

    kind = AnswerKind.UNKNOWN_NAME

    def __init__(self, *, before_search: bool) -> None:
        self.before_search = before_search

    def match(self, q: Question, ctx: Context) -> float | None:
        if not q.unknown_names:
            return None
        if self.before_search:
            return CERTAIN if ctx.wants_moves else None
        return CERTAIN if ctx.retrieval.score < ctx.threshold + UNKNOWN_NAME_MARGIN else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        names = ", ".join(q.unknown_names)
        return refusal(q.text, f"I have no articles about {names}, so I can't answer that.", self.kind)
