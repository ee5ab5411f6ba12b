""" "What happened this week?" when no article was published then: said plainly, with the newest date."""

from __future__ import annotations

import re

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


# A question about what happened, in the past tense ("was the fee renewed when it ran out in september 2026")...
_PAST = re.compile(r"\b(?:was|were|did|had|ran|went|got|became)\b|\b[a-z]{3,}ed\b", re.I)
# ...not about what was expected ("is the fee set to expire in september 2026?", "was it expected to open").
_AHEAD = re.compile(r"\b(?:will|going to|gonna|set to|expected|planned|scheduled|due|supposed)\b", re.I)


def _after_the_news(q: Question, ctx: Context) -> bool:
    """Does the question ask what happened in a period that began after the newest article? Nothing was
    reported then, whatever the articles expected."""
    newest, dates = ctx.state.newest, q.dates
    if newest is None or dates is None or dates.start is None or dates.start <= newest:
        return False
    return _PAST.search(q.text) is not None and _AHEAD.search(q.text) is None


class EmptyPeriod:
    kind = AnswerKind.EMPTY_PERIOD

    def match(self, q: Question, ctx: Context) -> float | None:
        if q.dates is None or ctx.published:
            return None
        listing = ctx.wants_moves or overview_question(q.text) or q.latest
        return CERTAIN if listing or relative_period(q) or _after_the_news(q, ctx) else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        assert q.dates is not None
        newest = ctx.state.newest
        latest = f" The most recent article I have is from {newest.day} {newest:%B %Y}." if newest else ""
        return refusal(q.text, f"I have no articles {_period(q.dates.label)}.{latest}", self.kind)
