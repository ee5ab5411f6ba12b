"""Who moved together with someone: "did Dawn Song bring anyone with her?", "who came over with Ruoming Pang?",
"which other deepmind people followed jumper?". The recorded moves answer it: the others who left the same
company for the same one within a few weeks of that person."""

from __future__ import annotations

import re

from answer.asks import split_asks
from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind
from answer.moves import RecordedMove, compose_moves, move_date, newest_first
from answer.query import Question
from corpus.entities import Entity, same_person
from corpus.model import date_period

# Asking who came along: "bring anyone with her", "came with him", "alongside", "followed him".
_ALONG = re.compile(
    r"\b(?:bring|brings|brought|bringing|take|takes|took|taking)\b.*\bwith\b|"
    r"\b(?:came|come|comes|coming|join(?:ed|s|ing)?|mov(?:e|ed|es|ing)|went|go|goes|going|left|leave|leaving)"
    r"\s+(?:over\s+|along\s+)?with\b|\balongside\b|\btogether with\b|\balong with\b|"
    r"\bfollow(?:ed|s|ing)?\b(?!\s+\w+\s+as\b)",  # not "followed him as ceo": took over from him
    re.I,
)
# Moves this close in time (days) between the same two companies were made together.
TOGETHER_DAYS = 45


def _person(q: Question) -> Entity | None:
    """The one person the question asks about ("followed him" after "who is John Jumper" sets him aside)."""
    named = {m.entity.name: m.entity for m in (*q.people, *q.others_than)}
    return next(iter(named.values())) if len(named) == 1 else None


def companions(person: Entity, moves: list[RecordedMove]) -> tuple[RecordedMove, list[RecordedMove]] | None:
    """The person's newest move that others made too (between the same companies, within TOGETHER_DAYS), with
    those others' moves, newest first; None when no one made one of their moves with them."""
    for mine in newest_first(r for r in moves if same_person(person, r.move.person)):
        start = date_period(move_date(mine))[0]
        found = [
            r
            for r in moves
            if not same_person(person, r.move.person)
            and r.move.from_ is not None
            and (r.move.from_, r.move.to) == (mine.move.from_, mine.move.to)
            and abs((date_period(move_date(r))[0] - start).days) <= TOGETHER_DAYS
        ]
        if found:
            return mine, newest_first(found)
    return None


class Companions:
    """The people who made the same move as the person asked about, at about the same time."""

    kind = AnswerKind.MOVES

    def match(self, q: Question, ctx: Context) -> float | None:
        person = _person(q)
        if person is None or not _ALONG.search(q.text) or len(split_asks(q.text)) > 1:
            return None  # "...who came back with shazeer and what did google pay": the asks are composed
        found = ctx.once("companions", lambda: companions(person, ctx.state.moves))
        return CERTAIN if found is not None else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        person = _person(q)
        assert person is not None
        found = ctx.once("companions", lambda: companions(person, ctx.state.moves))
        assert found is not None
        mine, others = found
        intro = (
            f"{len(others)} {'person' if len(others) == 1 else 'people'} moved from {mine.move.from_} to "
            f"{mine.move.to} at about the same time as {person.name}, as my articles record it:"
        )
        return compose_moves(q, others, ctx.state.data.articles, intro, page=ctx.page)
