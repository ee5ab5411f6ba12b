"""The talent moves on record: collected once from the articles, filtered by a question, listed."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from answer.cues import relative_period
from answer.model import Answer, AnswerKind, Citations, Line, continued, page_of
from answer.query import Question
from corpus.entities import key_tokens, same_org, same_person
from corpus.model import Article, Move, dated

# A long moves list is shown this many lines at a time: a phone screen's worth, with "Show more" for the rest.
MAX_MOVES = 12
# A move dated to the month can still be news of this week; one dated only to the year cannot.
VAGUEST_DATE = dt.timedelta(days=31)
# One person's moves are put in order by trying every order up to this many (6! = 720); more go by date.
MAX_ORDERED_MOVES = 6


@dataclass(frozen=True)
class RecordedMove:
    move: Move
    article_id: str
    published: dt.date


def _better(new: Move, known: Move) -> bool:
    """Does a later report of the same move add a more precise date, a role or where the person came from?"""
    return (
        len(new.date or "") > len(known.date or "")
        or (not known.role and bool(new.role))
        or (not known.from_ and bool(new.from_))
    )


def _merge(known: Move, new: Move) -> Move:
    return known.model_copy(
        update={
            "date": new.date if len(new.date or "") > len(known.date or "") else known.date,
            "role": known.role or new.role,
            "from_": known.from_ or new.from_,
        }
    )


def collect_moves(articles: Iterable[Article]) -> list[RecordedMove]:
    """Every recorded move once: several articles reporting the same move count as one, cited to the first."""
    best: dict[tuple[str, str], RecordedMove] = {}
    for article in sorted(articles, key=lambda a: (a.published, a.id)):
        for move in article.moves:
            # A departure with no destination is keyed by where the person left.
            key = (move.person.lower(), (move.to or f"left {move.from_}").lower())
            known = best.get(key)
            if known is None:
                best[key] = RecordedMove(move, article.id, article.published)
            elif _better(move, known.move):
                best[key] = RecordedMove(_merge(known.move, move), known.article_id, known.published)
    return list(best.values())


def reported_moves(articles: Iterable[Article]) -> list[RecordedMove]:
    """Every move as each article reports it, oldest article first. `collect_moves` keeps one report per
    person and destination, so a role reported later ("named chief scientist in July") is only here."""
    ordered = sorted(articles, key=lambda a: (a.published, a.id))
    return [RecordedMove(m, a.id, a.published) for a in ordered for m in a.moves]


def move_date(r: RecordedMove) -> str:
    return r.move.date or r.published.isoformat()


def newest_first(moves: Iterable[RecordedMove]) -> list[RecordedMove]:
    return sorted(moves, key=lambda r: (move_date(r), r.move.person), reverse=True)


def _matches(r: RecordedMove, q: Question) -> bool:
    m = r.move
    if q.dates is not None and not _move_in_range(r, q):
        return False
    if q.people and not any(same_person(p.entity, m.person) for p in q.people):
        return False
    if any(same_person(p.entity, m.person) for p in q.others_than):
        return False
    if q.origins and not any(same_org(o.entity, m.from_) for o in q.origins):
        return False
    if q.destinations and not any(same_org(o.entity, m.to) for o in q.destinations):
        return False
    return not q.either or any(same_org(o.entity, m.to) or same_org(o.entity, m.from_) for o in q.either)


# "Microsoft's Azure AI": what comes between a company and a part of it.
_OWNS = re.compile(r"['’]s\s+$")


def as_owners(q: Question, moves: Iterable[RecordedMove]) -> Question:
    """ "who did anthropic take from microsoft's azure ai side": a part of a company, named after it, that
    no recorded move names is read as the company, whose moves the articles record."""
    orgs = [m for m in q.mentions if m.entity.kind == "org"]
    named = [r.move for r in moves]
    idle = {
        id(part)
        for owner in orgs
        for part in orgs
        if owner.end < part.start
        and _OWNS.match(q.text[owner.end : part.start])
        and not any(same_org(part.entity, m.from_) or same_org(part.entity, m.to) for m in named)
    }
    return q.keeping(lambda m: id(m) not in idle) if idle else q


def filter_moves(moves: Iterable[RecordedMove], q: Question) -> list[RecordedMove]:
    """The moves a question asks about (its people, where they came from and went, its dates), newest first."""
    return newest_first(r for r in moves if _matches(r, q))


def _move_in_range(r: RecordedMove, q: Question) -> bool:
    """A move dated "2025-07" is in range when any day of that month is ("in 2025" may be July); but for the
    news of a recent period ("this week", "last month") a move known only to the year is too vague to count."""
    assert q.dates is not None
    first, last = r.move.period() or (r.published, r.published)
    if relative_period(q) and last - first > VAGUEST_DATE:
        return False
    start, end = q.dates.start, q.dates.end
    return (start is None or last >= start) and (end is None or first <= end)


def move_route(m: Move) -> str:
    """ "OpenAI → Meta", "joined Meta" when the source is not known, "left OpenAI" for a departure."""
    if m.to is None:
        return f"left {m.from_}"
    return f"{m.from_} → {m.to}" if m.from_ else f"joined {m.to}"


def describe_move(m: Move) -> str:
    route = move_route(m)
    role = f", {m.role}" if m.role else ""
    when = dated(m.date)
    return f"{m.person}: {route}{role}{when}"


def moves_scope(q: Question) -> str:
    """What a moves question narrows to: "to Meta from Apple in 2025" ('' when it names nothing)."""
    who = ", ".join(p.entity.name for p in q.people)
    src = " or ".join(o.entity.name for o in q.origins)
    dst = " or ".join(o.entity.name for o in q.destinations)
    either = " or ".join(o.entity.name for o in q.either)
    parts = []
    if who:
        parts.append(f"involving {who}")
    if dst:
        parts.append(f"to {dst}")
    if src:
        parts.append(f"from {src}")
    if either:
        parts.append(f"to or from {either}")
    if q.dates is not None:
        parts.append(q.dates.label)
    return " ".join(parts)


def moves_intro(q: Question, count: int) -> str:
    scope = moves_scope(q)
    noun = "move" if count == 1 else "moves"
    if scope:
        return f"{count} talent {noun} {scope}, newest first:".replace("  ", " ")
    return f"The {count} most recent talent {noun} I have on record, newest first:"


def compose_moves(
    q: Question,
    moves: list[RecordedMove],
    articles: dict[str, Article],
    intro: str | None = None,
    page: int = 0,
    kind: AnswerKind = AnswerKind.MOVES,
) -> Answer:
    """One page of a moves list, each line cited to the article that reports the move."""
    cites = Citations(articles)
    start, end = page_of(len(moves), page, MAX_MOVES)
    lines = tuple(Line(describe_move(r.move), (cites.cite(r.article_id),)) for r in moves[start:end])
    hidden = len(moves) - end
    note = f"…and {hidden} more; ask about a company or person to narrow it down." if hidden else ""
    if intro is None:
        # "28 talent moves to Meta" when the question narrowed them; "the 12 most recent" when it did not.
        intro = moves_intro(q, len(moves) if (q.mentions or q.dates) else end - start)
    return Answer(
        question=q.text,
        answered=True,
        kind=kind,
        intro=continued(intro, start, end, len(moves)),
        lines=lines,
        sources=cites.sources(),
        note=note,
        more=hidden > 0,
    )


# ------------------------------------------------------------------------------------ paths and families


def same_place(a: str | None, b: str | None) -> bool:
    """Are two organisation names one stop on a path? ("Google" and "Google DeepMind" are.)"""
    if not a or not b:
        return False
    ka, kb = key_tokens(a), key_tokens(b)
    return bool(ka) and bool(kb) and (ka <= kb or kb <= ka)


def _inversions(order: Sequence[RecordedMove]) -> int:
    """Pairs of dated moves in the wrong order ("2025-07" before "2021")."""
    periods = [r.move.period() for r in order]
    return sum(
        1
        for i, a in enumerate(periods)
        for b in periods[i + 1 :]
        if a is not None and b is not None and a[0] > b[1]
    )


def _links(order: Sequence[RecordedMove]) -> int:
    """Moves that start where the one before ended."""
    return sum(same_place(a.move.to, b.move.from_) for a, b in itertools.pairwise(order))


def _history_after_news(order: Sequence[RecordedMove]) -> int:
    """Undated moves put after a dated move of the same article (told as history, they came before it)."""
    return sum(
        1
        for i, a in enumerate(order)
        for b in order[i + 1 :]
        if a.move.date and not b.move.date and a.article_id == b.article_id
    )


def _when(r: RecordedMove, moves: Sequence[RecordedMove]) -> tuple[str, int]:
    """When a move happened, for ordering: its date; an undated one is history told in an article about a
    dated move ("he had left Meta for OpenAI"), so it comes just before the article's first dated move."""
    if r.move.date:
        return r.move.date, 1
    dated = [x.move.date for x in moves if x.article_id == r.article_id and x.move.date]
    return min(dated, default=r.published.isoformat()), 0


def career(moves: Iterable[RecordedMove]) -> list[RecordedMove]:
    """One person's moves, oldest first: in date order, with undated moves put where the path joins up
    ("Meta → OpenAI", then "OpenAI → Thinking Machines Lab", then "Thinking Machines Lab → Meta (October 2025)")."""
    given = list(moves)
    by_date = sorted(given, key=lambda r: _when(r, given))
    if len(by_date) > MAX_ORDERED_MOVES:
        return by_date
    position = {id(r): i for i, r in enumerate(by_date)}

    def cost(order: Sequence[RecordedMove]) -> tuple[int, int, int, int]:
        shift = sum(abs(i - position[id(r)]) for i, r in enumerate(order))
        return _inversions(order), -_links(order), _history_after_news(order), shift

    best = min(itertools.permutations(by_date), key=cost)
    return list(best)


def path_text(steps: Sequence[RecordedMove]) -> str:
    """ "Google → Apple (2021) → Meta (July 2025)": where someone worked, oldest first, with the move dates;
    a break in the record (a move that does not start where the last one ended) is shown as "; "."""
    segments: list[list[str]] = []
    previous: str | None = None
    for r in steps:
        m = r.move
        place = m.to or "left"  # a departure with no destination known: "Google → left (January 2026)"
        stop = f"{place}{dated(m.date)}"
        if segments and (m.from_ is None or same_place(previous, m.from_)):
            segments[-1].append(stop)
        else:
            segments.append([m.from_, stop] if m.from_ else [stop])
        previous = m.to
    return "; ".join(" → ".join(s) for s in segments)


def org_family(name: str, known: Sequence[str]) -> str:
    """The organisation a name is counted under among the known names: "Google DeepMind" and "Google
    Research" under "Google", "Meta Superintelligence Labs" under "Meta"; a name with no known parent is its
    own. The parent has the fewest key words, then is the one the name starts with, then the shortest."""
    keys = key_tokens(name)
    if not keys:
        return name
    parents = [o for o in known if key_tokens(o) and key_tokens(o) <= keys]
    low = name.lower()
    return min(
        parents,
        key=lambda o: (len(key_tokens(o)), not low.startswith(o.lower()), len(o)),
        default=name,
    )


_FOUNDER = re.compile(r"\b(?:co-?)?founder\b", re.I)


def founded(r: RecordedMove) -> bool:
    """A move to a company the person founded (the role says so): not a founder leaving ("left xAI")."""
    return r.move.to is not None and _FOUNDER.search(r.move.role or "") is not None
