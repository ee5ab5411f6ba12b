"""Counts and rankings from the recorded moves, which no search alone can give: "how many people did Meta hire
from OpenAI?", "which company lost the most people to Meta?", "where do people leaving Google go?", "who
gained the most talent in 2025?". Every line is backed by the moves it counts, cited. Companies are counted
with their units ("Google" covers "Google DeepMind"); a person counts once per company."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from answer.asks import split_asks
from answer.chinese_orgs import CHINESE_ORGS, ORG_NOUN, with_chinese
from answer.compose_asks import COUNTED
from answer.context import Context
from answer.cues import hiring_plan
from answer.kinds.base import CERTAIN
from answer.kinds.careers import person_path
from answer.kinds.moves_list import with_quote
from answer.model import Answer, AnswerKind, Citations, Line, continued, page_of, refusal
from answer.move_direction import ARROW
from answer.moves import MAX_MOVES, RecordedMove, compose_moves, filter_moves, moves_scope, org_family
from answer.query import NOT_TIME_OFF, Question
from corpus.entities import Mention, same_org
from corpus.text import words

# "how many times likelier": a ratio; "# of ppl deepmind -> anthropic": a count
_HOW_MANY = re.compile(
    r"\bhow many\b(?!\s+(?:times|x)\b)|(?<!\w)#\s*of\b|\bnumber of (?:people|staff|researchers|engineers|hires)\b",
    re.I,
)
_HOW_MANY_ORGS = re.compile(rf"\bhow many (?:different |other )?{ORG_NOUN}", re.I)
_WHICH_ORG = re.compile(rf"\b(?:which|what)\s+(?:other\s+|tech\s+|ai\s+)?{ORG_NOUN}", re.I)
_MOST = re.compile(
    r"\b(?:most(?! recent)|biggest|largest|rank\w*|leaderboard|more than any|"
    r"top (?:destinations?|sources?|recruiters?|hirers?|poachers?|employers?))\b",
    re.I,
)
_ASKS_WHO = re.compile(r"\s*(?:who|which|where|rank|list|name|show)\b", re.I)  # ..."rank the companies..."
_WHERE_PEOPLE = re.compile(
    r"\s*where\s+(?:do|did|does|have|are|were|has)\s+(?:the\s+|most\s+|all\s+)?(?:\S+\s+)?"
    r"(?:people|staff|researchers|engineers|employees|scientists|talent|alumni|leavers|ex-\w+|former\s+\w+)\b",
    re.I,
)
# An arrow between two companies: people moving from one to the other ("deepmind -> anthropic").
_CAME_FROM = re.compile(r"\b(?:come|came|comes|coming) from\b", re.I)
_LOSING = re.compile(
    rf"\b(?:lost|los(?:e|es|ing)|{NOT_TIME_OFF}leav(?:e|es|ing)|left|depart\w*|defect\w*|exodus|drain|exits?|quit|"
    # ...and the everyday ways of saying it: "which company has bled the most staff"
    r"bled|bleed(?:s|ing)?|ha?emorrhag\w*)\b",
    re.I,
)
_GAINING = re.compile(
    r"\b(?:hire[sd]?|hiring|poach\w*|recruit\w*|lure[sd]?|luring|gain\w*|attract\w*|won|wins?|winning|"
    r"join\w*|mov(?:e|ed|es|ing)|went|go(?:ne)?|end(?:s|ed)? up|wound up|land(?:s|ed)?|taken|took|"
    r"(?:tak(?:e|es|ing)|get|gets|got|gotten|getting)(?= (?:\w+ ){0,3}from\b)|"
    r"pull(?:s|ed|ing)?(?= (?:\w+ ){0,3}(?:out of|away from)\b)|"
    r"pick(?:s|ed)? up|snag\w*|nab\w*|grab\w*)\b",
    re.I,
)
# Counting plans, pay or job cuts is not counting moves: "how many AI hires is Quark planning?".
_NOT_MOVES = re.compile(
    r"\b(?:plan\w*|will|aims?|target\w*|expect\w*|intend\w*|offer\w*|internships?|interns?|openings?|jobs|positions|"
    r"spots|slots|places|seats|"
    r"vacanc\w*|cut\w*|lay\w*offs?|manag\w*|paid|pay\w*|money|salar\w*|bonus\w*|awards?|grants?|"
    # ...or people a company is trying to hire, or has: "how many is quark trying to hire", "how many
    # employees were there"
    r"try\w*|tries|want\w*|looking to|seek\w*|hop(?:e|es|ing) to|(?:were|are|is) there|employ\w*|"
    # "how many engineers does deepseek have" (not "how many moves into microsoft do you have": the record's)
    r"do(?:es)? (?!you\b|u\b|ya\b)\w+ have|"
    r"headcount|workforce|"
    # ...or counts people by what the moves table does not record: "how many did their degrees in china"
    r"degrees?|stud(?:y|ied)|phds?|graduat\w*|born|educat\w*|women|female|chinese|american|nationalit\w*|"
    # ...or by a role it does not record either: "how many of xai's cofounders have quit" (six, says the story)
    r"(?:co-?)?founders?)\b",
    re.I,
)
# A company's line names this many of its people; the rest are counted ("and 4 more"), and still cited.
MAX_NAMES = 8


# Which end of the moves a ranking counts by: where people came from, or where they went.
Side = Literal["from", "to"]


@dataclass(frozen=True)
class Tally:
    """What to count: the moves `q` narrows to, grouped by where people came from ("from") or went ("to")."""

    q: Question
    by: Side


def _directed(q: Question, losing: bool) -> Question:
    """The question with its undirected companies read as the ones people left (losing) or joined."""
    if not q.either:
        return q
    if losing:
        return replace(q, origins=(*q.origins, *q.either), either=())
    return replace(q, destinations=(*q.destinations, *q.either), either=())


def _losing(text: str) -> bool | None:
    """Does the question ask about companies losing people (or gaining them)? By its first such verb."""
    lose, gain = _LOSING.search(text), _GAINING.search(text)
    if lose is None and gain is None:
        return None
    return gain is None or (lose is not None and lose.start() < gain.start())


def _ranks(text: str) -> bool:
    """Does the question (or one of its asks) rank companies by their moves: "which company lost the most",
    "how many companies did meta hire from"? Not "who quit xAI and what company was it merged into"."""
    ranking = bool(_WHICH_ORG.search(text) or _HOW_MANY_ORGS.search(text)) or bool(
        _MOST.search(text) and _ASKS_WHO.match(text)
    )
    return ranking and _losing(text) is not None


def _tally(q: Question) -> Tally | None:
    """How a ranking question groups the moves; None when it is not one."""
    if _WHERE_PEOPLE.match(q.text):
        orgs = tuple(m for m in q.mentions if m.entity.kind == "org")
        if _CAME_FROM.search(q.text):  # "where did the people Meta hired come from": where its hires were
            return Tally(replace(q, origins=(), destinations=orgs, either=()), "from")
        return Tally(replace(q, origins=orgs, destinations=(), either=()), "to")
    ranking = any(_ranks(ask.text) for ask in split_asks(q.text))
    losing = _losing(q.text)
    if not ranking or losing is None or (q.origins and q.destinations):
        return None
    directed = _directed(q, losing)
    if directed.destinations and not directed.origins:
        return Tally(directed, "from")
    if directed.origins and not directed.destinations:
        return Tally(directed, "to")
    return Tally(directed, "from" if losing else "to")


def _count_question(q: Question) -> Question | None:
    """ "How many people did Meta hire from OpenAI?": the question to count the moves of; None if not one."""
    if (
        not _HOW_MANY.search(q.text)
        or _HOW_MANY_ORGS.search(q.text)
        or _NOT_MOVES.search(q.text)
        or hiring_plan(q.text)
    ):
        return None
    losing = _losing(q.text)
    if losing is None and q.origins and q.destinations and ARROW.search(q.text):
        losing = False  # "# of ppl deepmind -> anthropic": from one to the other, no verb needed
    if losing is None or not (q.mentions or q.dates):
        return None
    return _directed(q, losing)


def _eligible(q: Question) -> bool:
    return not q.people and not q.unknown_names


@dataclass(frozen=True)
class Group:
    name: str  # the company, as counted ("Google")
    units: tuple[str, ...]  # the names it covers in the moves ("Google DeepMind"), when not the same
    moves: tuple[RecordedMove, ...]  # newest first

    @property
    def people(self) -> list[str]:
        return list(dict.fromkeys(r.move.person for r in self.moves))


def group_moves(
    moves: Sequence[RecordedMove], by: Side, known: Sequence[str]
) -> tuple[list[Group], list[RecordedMove]]:
    """Moves by the company people came from (or went to), most people first, and the moves that don't say
    where from. A move within one company ("Google" to "Google DeepMind") is no loss or gain: left out."""
    groups: dict[str, list[RecordedMove]] = {}
    unknown: list[RecordedMove] = []
    for r in moves:
        side = r.move.from_ if by == "from" else r.move.to
        if side is None:
            unknown.append(r)
            continue
        family = org_family(side, known)
        if r.move.to and r.move.from_ and org_family(r.move.from_, known) == org_family(r.move.to, known):
            continue
        groups.setdefault(family, []).append(r)
    result = []
    for name, grouped in groups.items():
        units = tuple(dict.fromkeys((r.move.from_ if by == "from" else r.move.to) or "" for r in grouped))
        result.append(Group(name, tuple(u for u in units if u != name), tuple(grouped)))
    return sorted(result, key=lambda g: (-len(g.people), g.name)), unknown


def _known_orgs(ctx: Context) -> list[str]:
    return [e.name for e in ctx.state.entities.entities if e.kind == "org"]


def _background(r: RecordedMove, ctx: Context) -> bool:
    """An undated move before another of the person's ("he had left Google for OpenAI"): history an article
    tells, not something that happened when it was published."""
    if r.move.date:
        return False
    path = person_path(ctx.state, r.move.person)
    return any(x is r for x in path[:-1])


def _counted(q: Question, ctx: Context) -> list[RecordedMove]:
    """The moves the question narrows to, less moves within one company; with dates, less the undated
    history (it has no date to count by)."""
    known = _known_orgs(ctx)
    return [
        r
        for r in filter_moves(ctx.state.moves, q)
        if not (
            r.move.to and r.move.from_ and org_family(r.move.from_, known) == org_family(r.move.to, known)
        )
        and not (q.dates is not None and _background(r, ctx))
    ]


def _names(group: Group) -> str:
    people = group.people
    shown = ", ".join(people[:MAX_NAMES])
    return f"{shown} and {len(people) - MAX_NAMES} more" if len(people) > MAX_NAMES else shown


def _group_line(group: Group, cites: Citations) -> Line:
    units = f" ({', '.join(group.units)})" if group.units else ""
    return Line(
        f"{group.name}{units}: {len(group.people)} — {_names(group)}",
        tuple(dict.fromkeys(cites.cite(r.article_id) for r in group.moves)),
    )


def _headline(t: Tally, groups: list[Group], total: int, count_orgs: bool) -> str:
    """The answer in a sentence: who lost or gained the most (or how many companies), of how many people."""
    when = f" {t.q.dates.label}" if t.q.dates is not None else ""
    src = " or ".join(m.entity.name for m in t.q.origins)
    dst = " or ".join(m.entity.name for m in t.q.destinations)
    if count_orgs:
        noun = "company" if len(groups) == 1 else "companies"
        if t.by == "from" and dst:
            return f"People who joined {dst}{when} came from {len(groups)} {noun} on record:"
        if t.by == "to" and src:
            return f"People who left {src}{when} went to {len(groups)} {noun} on record:"
        return f"{len(groups)} {noun} on record{when}:"
    most = len(groups[0].people)
    tops = [g.name for g in groups if len(g.people) == most]
    top = tops[0] if len(tops) == 1 else f"{', '.join(tops[:-1])} and {tops[-1]}"
    each = " each" if len(tops) > 1 else ""
    if t.by == "from":
        subject = f"{top} lost the most people{f' to {dst}' if dst else ''}{when}"
    elif src:
        subject = f"{top} took the most people from {src}{when}"
    else:
        subject = f"{top} gained the most people{when}"
    return f"{subject}: {most}{each} of the {total} people on record. By company:"


def compose_ranking(t: Tally, ctx: Context, count_orgs: bool) -> Answer:
    """Companies by the number of people they lost (or gained), each line naming them, cited; only those in
    China when the question asks about Chinese companies."""
    moves = _counted(t.q, ctx)
    if CHINESE_ORGS.search(t.q.text):
        moves = with_chinese(moves, t.by, ctx.state)
    groups, unknown = group_moves(moves, t.by, _known_orgs(ctx))
    if not groups:
        return refusal(
            t.q.text, f"I have no record of talent moves {moves_scope(t.q)}.", AnswerKind.AGGREGATE
        )
    listed = [*groups, Group("Previous employer not reported", (), tuple(unknown))] if unknown else groups
    total = len({r.move.person for r in moves})
    start, end = page_of(len(listed), ctx.page, MAX_MOVES)
    hidden = len(listed) - end
    cites = Citations(ctx.state.data.articles)
    lines = tuple(_group_line(g, cites) for g in listed[start:end])
    intro = _headline(t, groups, total, count_orgs)
    return Answer(
        question=t.q.text,
        answered=True,
        kind=AnswerKind.AGGREGATE,
        intro=continued(intro, start, end, len(listed)),
        lines=lines,
        sources=cites.sources(),
        note=f"…and {hidden} more." if hidden else "",
        more=hidden > 0,
    )


# A count of this many people or fewer on record may be short of the number the articles give in words...
FEW_RECORDED = 3
# ...in a sentence telling them move (not "the exits leave OpenAI with three of the eleven people who founded it").
_MOVING = re.compile(
    r"\b(?:hir(?:e|es|ed|ing)|join(?:s|ed|ing)?|lost|los(?:e|es|ing)|poach\w*|recruit\w*|brought|took|moved|left|"
    r"quit|defect\w*)\b",
    re.I,
)


def compose_count(q: Question, ctx: Context) -> Answer:
    """How many people moved as the question says, then who they are, newest first, each cited."""
    moves = _counted(q, ctx)
    scope = moves_scope(q)
    if not moves:
        return refusal(q.text, f"I have no record of anyone moving {scope}.", AnswerKind.AGGREGATE)
    people = len({r.move.person for r in moves})
    noun = "person" if people == 1 else "people"
    extra = f" ({len(moves)} moves)" if len(moves) != people else ""
    intro = f"{people} {noun} moved {scope}{extra}, as my articles record it, newest first:"
    answer = compose_moves(q, moves, ctx.state.data.articles, intro, ctx.page, AnswerKind.AGGREGATE)
    stated = _stated_count(q, moves, ctx) if people <= FEW_RECORDED and ctx.page == 0 else None
    return with_quote(answer, stated, ctx) if stated is not None else answer


def _stated_count(q: Question, moves: list[RecordedMove], ctx: Context) -> tuple[str, str] | None:
    """The sentence of the moves' articles that counts the people in words, naming a company the question
    does ("how many engineers did google deepmind take from hume": "... together with about seven of its
    engineers"): the record names only those the articles name."""
    keys = [m.entity.keys for m in q.mentions if m.entity.kind == "org"]
    for article_id in dict.fromkeys(r.article_id for r in moves):
        for sentence in ctx.state.data.sentences.get(article_id, []):
            if (
                COUNTED.search(sentence)
                and _MOVING.search(sentence)
                and any(k <= set(words(sentence)) for k in keys)
            ):
                return sentence, article_id
    return None


def _untracked(q: Question, ctx: Context) -> bool:
    """Does the question name a company no recorded move goes to or from ("where did the people who left
    SpaceXAI go": its leavers are counted in the articles, not named)? The record cannot answer it; an
    article may."""

    def tracked(m: Mention) -> bool:
        return any(same_org(m.entity, r.move.from_) or same_org(m.entity, r.move.to) for r in ctx.state.moves)

    # ...all the companies on one side ("people leaving alibaba's tongyi teams" are Alibaba's); companies with
    # no side only when none has one
    sides = [side for side in (q.origins, q.destinations) if side] or [side for side in (q.either,) if side]
    # Between two companies the record is the answer ("no record of anyone moving from Apple to Meta"), unless
    # one side is a company no move is recorded for at all ("how many left spacexai for meta").
    return any(not any(tracked(m) for m in side) for side in sides)


class Aggregate:
    """A count ("how many...?") or a ranking ("which company lost the most...?", "where do people leaving X
    go?"), from the recorded moves."""

    kind = AnswerKind.AGGREGATE

    def match(self, q: Question, ctx: Context) -> float | None:
        if not _eligible(q) or _untracked(q, ctx):
            return None
        if _HOW_MANY_ORGS.search(q.text) and not q.mentions and q.dates is None:
            return None  # "how many employers are struggling to hire": a survey's count, not one of moves
        counted = _count_question(q)
        if counted is not None:
            # No move on record to count of one company's: an article may still give the number ("more than
            # 50 researchers have left SpaceXAI"), so the search answers, or says it found nothing. Between
            # two companies the record is the answer: "no record of anyone moving from Meta to Apple".
            one_sided = len({m.entity.keys for m in counted.mentions}) <= 1
            return None if one_sided and not _counted(counted, ctx) else CERTAIN
        return CERTAIN if _tally(q) is not None else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        counted = _count_question(q)
        if counted is not None:
            return compose_count(counted, ctx)
        tally = _tally(q)
        assert tally is not None
        return compose_ranking(tally, ctx, bool(_HOW_MANY_ORGS.search(q.text)))
