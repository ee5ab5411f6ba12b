""" "What happened this week?" when no article was published then: said plainly, with the newest date."""

from __future__ import annotations

from answer.context import Context
from answer.cues import overview_question, relative_period
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind, refusal
from answer.query import Question


def _period(label: str) -> str:
    """For "I have no articles ...": "from 2024", "from this week", "since June 2025"."""
    if label.startswith(("since ", "before ")):
        return label
    return f"from {label.removeprefix('in ')}"


class EmptyPeriod:
    kind = AnswerKind.EMPTY_PERIOD

    def match(self, q: Question, ctx: Context) -> float | None:
        if q.dates is None or ctx.published:
            return None
        listing = ctx.wants_moves or overview_question(q.text) or q.latest
        return CERTAIN if listing or relative_period(q) else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        assert q.dates is not None
        newest = ctx.state.newest
        latest = f" The most recent article I have is from {newest:%d %B %Y}." if newest else ""
        return refusal(q.text, f"I have no articles {_period(q.dates.label)}.{latest}", self.kind)
