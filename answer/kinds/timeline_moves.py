"""A timeline's lines from recorded moves: one per move, or one per month of many moves in one direction."""

from __future__ import annotations

import re
from dataclasses import dataclass

from answer.kinds.subject import and_list, involves
from answer.moves import RecordedMove, move_date
from answer.state import EngineState
from corpus.entities import Entity, key_tokens, same_org
from corpus.text import words

# A month with this many moves into (or out of) the subject is one line naming the most senior few: a
# timeline of Meta is not a page of its June 2025 hires.
GROUP_MOVES = 5
NAMED_IN_GROUP = 4
# ...citing this many of their articles.
GROUP_CITATIONS = 3
# Job titles that put a move first among those named in a month's line.
_SENIOR = re.compile(r"\b(chief|head|lead|leads|founder|co-founder|president|vp|director|ceo|cto)\b", re.I)


@dataclass(frozen=True)
class Event:
    when: str  # ISO date as precise as reported: "2025", "2025-07" or "2025-07-14" (sorts by time)
    text: str
    article_id: str
    also: tuple[str, ...] = ()  # further articles cited (a month's moves)
    in_text: bool = False  # dated by a sentence of the article, not by its publication or a recorded move


def move_event(r: RecordedMove, subjects: list[Entity]) -> Event:
    """ "Alexandr Wang joins Meta from Scale AI (Chief AI Officer)", or "... leaves OpenAI for Meta" when the
    subject is only the organisation left."""
    m = r.move
    joins = is_joining(r, subjects)
    if m.to is None:  # a departure, where to not reported: "Kyle Kosic leaves xAI"
        text = f"{m.person} leaves {m.from_}"
    elif joins or not m.from_:
        text = f"{m.person} joins {m.to}" + (f" from {m.from_}" if m.from_ else "")
    else:
        text = f"{m.person} leaves {m.from_} for {m.to}"
    return Event(move_date(r), text + (f" ({m.role})" if m.role else ""), r.article_id)


def is_joining(r: RecordedMove, subjects: list[Entity]) -> bool:
    return any(involves(e, r) and (e.kind == "person" or same_org(e, r.move.to)) for e in subjects)


def notability(state: EngineState, person: str) -> int:
    """How many articles name the person: the well-known first among a month's many moves."""
    return len(state.mention_articles.get(key_tokens(person), ()))


def month_event(group: list[RecordedMove], subjects: list[Entity], state: EngineState | None = None) -> Event:
    """One line for a month's many moves into (or out of) the subjects, the most senior named first, then
    the most reported."""
    joins = is_joining(group[0], subjects)
    ranked = sorted(
        group,
        key=lambda r: (
            not _SENIOR.search(r.move.role or ""),
            -notability(state, r.move.person) if state is not None else 0,
        ),
    )
    named = [
        r.move.person
        + (
            f" (from {r.move.from_})"
            if joins and r.move.from_
            else f" (to {r.move.to})" * bool(not joins and r.move.to)
        )
        for r in ranked[:NAMED_IN_GROUP]
    ]
    rest = len(group) - len(named)
    label = and_list([e.name for e in subjects])
    text = f"{len(group)} people {'join' if joins else 'leave'} {label}: {', '.join(named)}"
    text += f" and {rest} more" if rest else ""
    articles = list(dict.fromkeys(r.article_id for r in ranked))[:GROUP_CITATIONS]
    days = {
        move_date(r) for r in group
    }  # one day for all of them ("14 January 2026"): that day, else the month
    when = days.pop() if len(days) == 1 else move_date(group[0])[:7]
    return Event(when, text, articles[0], tuple(articles[1:]))


def move_events(
    moves: list[RecordedMove],
    subjects: list[Entity],
    group: int = GROUP_MOVES,
    state: EngineState | None = None,
) -> list[Event]:
    """A line per move, or per month when a month has `group` or more moves in one direction."""
    months: dict[tuple[str, bool], list[RecordedMove]] = {}
    for r in moves:
        months.setdefault((move_date(r)[:7], is_joining(r, subjects)), []).append(r)
    found = []
    for together in months.values():
        if len(together) >= group:
            found.append(month_event(together, subjects, state))
        else:
            found += [move_event(r, subjects) for r in together]
    return found


def part_moves(state: EngineState, subjects: list[Entity]) -> list[RecordedMove]:
    """Moves recorded to a parent organisation whose role names the part asked about ("ByteDance" with role
    "head of foundational research, Seed" for "ByteDance Seed"), as moves to the part."""
    found = []
    for e in subjects:
        parents = [p for p in state.entities.entities if p.kind == "org" and p.keys < e.keys]
        extra = {k for p in parents for k in e.keys - p.keys}
        for r in state.moves:
            if e.kind != "org" or not r.move.role or involves(e, r):
                continue
            if any(same_org(p, r.move.to) for p in parents) and extra & set(words(r.move.role)):
                found.append(
                    RecordedMove(r.move.model_copy(update={"to": e.name}), r.article_id, r.published)
                )
    return found


def told_by_moves(when: str, dates: set[str]) -> bool:
    """Does a recorded move (an undated one: any) fall in the year of a sentence's date: is what the
    sentence dates a line of the timeline already?"""
    return any(not d or d[:4] == when[:4] for d in dates)
