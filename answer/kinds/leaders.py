""" "Who runs X?", "who is the chief scientist of X?": the leaders who joined X, from the recorded moves."""

from __future__ import annotations

import re

from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind
from answer.moves import RecordedMove, compose_moves, newest_first
from answer.query import Question
from corpus.entities import same_org

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


def leaders(q: Question, ctx: Context) -> list[RecordedMove]:
    """The moves into a named organisation with a leading role (or the role asked for), newest first."""
    orgs = [m for m in q.mentions if m.entity.kind == "org"]
    if not orgs or not _LEADER_QUESTION.match(q.text):
        return []
    asked = _ASKED_ROLE.search(q.text)
    role = re.compile(rf"\b{re.escape(asked.group(1))}", re.I) if asked else _LEADER_ROLE
    return newest_first(
        r
        for r in ctx.state.moves
        if r.move.role and role.search(r.move.role) and any(same_org(o.entity, r.move.to) for o in orgs)
    )


class Leaders:
    kind = AnswerKind.LEADERS

    def match(self, q: Question, ctx: Context) -> float | None:
        return CERTAIN if leaders(q, ctx) else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        orgs = " or ".join(m.entity.name for m in q.mentions if m.entity.kind == "org")
        intro = f"Leaders who joined {orgs}, as my articles report them, newest first:"
        return compose_moves(q, leaders(q, ctx), ctx.state.data.articles, intro, ctx.page, self.kind)
