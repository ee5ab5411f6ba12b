"""Who hired whom: the recorded moves a question narrows to (company, direction, person, dates)."""

from __future__ import annotations

from answer.context import Context
from answer.cues import generic_moves_question
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind
from answer.moves import compose_moves
from answer.query import Question


class MovesList:
    kind = AnswerKind.MOVES

    def match(self, q: Question, ctx: Context) -> float | None:
        if not ctx.wants_moves or not ctx.moves:
            return None
        narrowed = bool(q.mentions) or q.dates is not None or generic_moves_question(q.text)
        return CERTAIN if narrowed else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        return compose_moves(q, ctx.moves, ctx.state.data.articles, page=ctx.page, kind=self.kind)
