""" "Who runs X?", "who heads X?": the leaders who joined X, from the recorded moves and roles, the most senior
still there first. (A question for one title, "who is the chief scientist of X?", is `roles.Roles`.)"""

from __future__ import annotations

import re

from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.kinds.careers import as_recorded, moved_on, org_label, person_path
from answer.model import Answer, AnswerKind
from answer.moves import RecordedMove, compose_moves, newest_first, reported_moves
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
# How senior a role is, most senior first: who runs the place, then who runs a part of it; any other lead.
_SENIORITY = (
    re.compile(r"\b(ceo|chief executive|chief \w+ officer|founder|(?<!vice )president|chair\w*)\b", re.I),
    re.compile(r"\b(chief|cto|co-lead|head)\b", re.I),
)


def seniority(role: str | None) -> int:
    return next((i for i, p in enumerate(_SENIORITY) if role and p.search(role)), len(_SENIORITY))


def _leading_reports(q: Question, ctx: Context) -> list[RecordedMove]:
    """Each person's newest report of a leading role (or the role asked for) at an organisation named."""
    orgs = [m for m in q.mentions if m.entity.kind == "org"]
    if not orgs or not _LEADER_QUESTION.match(q.text):
        return []
    asked = _ASKED_ROLE.search(q.text)
    role = re.compile(rf"\b{re.escape(asked.group(1))}", re.I) if asked else _LEADER_ROLE
    newest: dict[str, RecordedMove] = {}
    for r in reported_moves(ctx.state.data.articles.values()):
        if r.move.role and role.search(r.move.role) and any(same_org(o.entity, r.move.to) for o in orgs):
            newest[r.move.person.lower()] = r
    return [as_recorded(r, ctx.state) for r in newest.values()]


def leaders(q: Question, ctx: Context) -> tuple[list[RecordedMove], bool]:
    """The leaders of a named organisation, most senior first, and whether they are all still there: those
    who have moved on since are left out, unless no one else is on record (and no title was asked)."""
    found = newest_first(_leading_reports(q, ctx))
    current = [r for r in found if moved_on(person_path(ctx.state, r.move.person), r) is None]
    if not current and _ASKED_ROLE.search(q.text):
        return [], False  # "who is the CTO of X?" when the only CTO on record has left: not known here
    chosen = current or found
    return sorted(chosen, key=lambda r: seniority(r.move.role)), bool(current)


class Leaders:
    kind = AnswerKind.LEADERS

    def match(self, q: Question, ctx: Context) -> float | None:
        return CERTAIN if leaders(q, ctx)[0] else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        known = ctx.state.entities.entities
        orgs = " or ".join(org_label(q, m, known) for m in q.mentions if m.entity.kind == "org")
        found, still_there = leaders(q, ctx)
        intro = (
            f"Leaders at {orgs}, as my articles report them, most senior first:"
            if still_there
            else f"Leaders who joined {orgs} and have since moved on, as my articles report them:"
        )
        return compose_moves(q, found, ctx.state.data.articles, intro, ctx.page, self.kind)
