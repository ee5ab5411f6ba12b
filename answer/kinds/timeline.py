""" "Timeline of DeepSeek", "what happened at OpenAI over time?": dated events, oldest first, each cited."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.kinds.subject import and_list, articles_about, involves, names, unknown_names
from answer.model import Answer, AnswerKind, Citations, Line, continued, page_of, refusal
from answer.moves import RecordedMove, move_date
from answer.query import Question
from answer.state import EngineState
from corpus.entities import Entity, key_tokens, same_org
from corpus.model import date_label, date_period
from corpus.text import QUESTION_STOP_WORDS, words

# "Timeline" and "chronology" ask for one even without a name (and are told to give one); "history of" and
# "what happened ... over time" only with a name ("how have salaries changed over time?" is a fact question).
TIMELINE_WORD = re.compile(r"\b(timeline|chronology|chronological(?:ly)?)\b", re.I)
TIMELINE_CUE = re.compile(
    r"\b(timeline|chronology|chronological(?:ly)?|history of|story so far|sequence of events|key (?:dates|events|moments)|"
    r"walk me through|blow[- ]by[- ]blow|saga)\b|\bhow did\b.*\bunfold\b|"
    r"\bwhat\b.*\bhappened\b.*\b(over (time|the years)|in order|step by step|so far)\b|"
    r"\bin (?:date |time )?order(?! to\b)\b(?!.*\bof (?:size|importance|pay)\b)",
    re.I,
)
# Events per page: a phone screen's worth, with "Show more" for the rest. As many as the headlines of a
# period: most events cite an article of their own, and the sources must fit in the message too.
EVENTS_PER_PAGE = 10
# An article's event is its title when the title names the subject, else its sentence that names the subject
# soonest (the subject of the sentence, not an aside), if that sentence is short: an event, not a paragraph.
MIN_EVENT_WORDS = 6
MAX_EVENT_WORDS = 35
# A headline about hiring: the moves of its article tell its news.
_HIRING = re.compile(
    r"\b(hir(?:e|es|ed|ing)|joins?|joined|signs?|signed|poach\w*|recruit\w*|lur(?:e|es|ed|ing)|nabs?)\b", re.I
)
_LEADING = re.compile(r"^[\s/]*(?:(?:of|for|on|about|the|a|an)\s+)*", re.I)
# Words around a timeline request that name no topic: "/timeline", "a timeline of events pls".
_FILLER = frozenset(
    {"events", "event", "pls", "please", "full", "complete", "give", "show", "me", "us", "happened"}
)
# The words of a "what happened ... in order" request, around its topic.
_AROUND = re.compile(
    r"^\s*what\b(?:\s+(?:has|have|had))?\s+happened\b(?:\s+(?:with|to|at|in|on))?|"
    r"[\s,]*\b(?:over (?:time|the years)|in order|step by step|so far)\s*$",
    re.I,
)
USAGE = "Whose timeline? Name a company or person I have articles about, e.g. “timeline of DeepSeek”."


# A month with this many moves into (or out of) the subject is one line naming the most senior few: a
# timeline of Meta is not a page of its June 2025 hires.
GROUP_MOVES = 5
NAMED_IN_GROUP = 4
# ...citing this many of their articles.
GROUP_CITATIONS = 3
# Words asking for one direction of moves: "timeline of OpenAI departures", "ByteDance Seed hires".
_OUT_WORDS = re.compile(
    r"\b(departures?|exits?|exodus|left|leav(?:e|es|ing|ers)|lost|losses|quit\w*|defections?)\b", re.I
)
_IN_WORDS = re.compile(r"\b(hires?|hired|hiring|joined|joins|joiners|arrivals?|recruit\w*|poach\w*)\b", re.I)
# Headlines that tell news in that direction, kept beside the moves of a one-direction timeline.
_OUT_NEWS = re.compile(
    r"\b(leav\w*|left|quit\w*|depart\w*|exits?|exodus|los(?:e|es|t|ing)|steps? down)\b", re.I
)
_IN_NEWS = _HIRING
# Job titles that put a move first among those named in a month's line.
_SENIOR = re.compile(r"\b(chief|head|lead|leads|founder|co-founder|president|vp|director|ceo|cto)\b", re.I)


@dataclass(frozen=True)
class Event:
    when: str  # ISO date as precise as reported: "2025", "2025-07" or "2025-07-14" (sorts by time)
    text: str
    article_id: str
    also: tuple[str, ...] = ()  # further articles cited (a month's moves)


def move_event(r: RecordedMove, subjects: list[Entity]) -> Event:
    """ "Alexandr Wang joins Meta from Scale AI (Chief AI Officer)", or "... leaves OpenAI for Meta" when the
    subject is only the organisation left."""
    m = r.move
    joins = any(involves(e, r) and (e.kind == "person" or same_org(e, m.to)) for e in subjects)
    if m.to is None:  # a departure, where to not reported: "Kyle Kosic leaves xAI"
        text = f"{m.person} leaves {m.from_}"
    elif joins or not m.from_:
        text = f"{m.person} joins {m.to}" + (f" from {m.from_}" if m.from_ else "")
    else:
        text = f"{m.person} leaves {m.from_} for {m.to}"
    return Event(move_date(r), text + (f" ({m.role})" if m.role else ""), r.article_id)


def article_event(state: EngineState, article_id: str, subjects: list[Entity]) -> Event | None:
    """The article's title when it names a subject, else its short sentence that names one soonest (None:
    neither)."""
    article = state.data.articles[article_id]
    when = article.published.isoformat()
    if any(names(article.title, e) for e in subjects):
        return Event(when, article.title, article_id)
    ranked = [
        (position, len(sentence), sentence)
        for sentence in state.data.sentences.get(article_id, [])
        if MIN_EVENT_WORDS <= len(sentence.split()) <= MAX_EVENT_WORDS
        for position in [name_position(sentence, subjects)]
        if position is not None
    ]
    return Event(when, min(ranked)[2], article_id) if ranked else None


def name_position(sentence: str, subjects: list[Entity]) -> int | None:
    """The word number where the sentence first names a subject in full (None: it names none)."""
    found = set()
    for i, word in enumerate(words(sentence)):
        found.add(word)
        if any(e.keys <= found for e in subjects):
            return i
    return None


def _joins(r: RecordedMove, subjects: list[Entity]) -> bool:
    return any(involves(e, r) and (e.kind == "person" or same_org(e, r.move.to)) for e in subjects)


def notability(state: EngineState, person: str) -> int:
    """How many articles name the person: the well-known first among a month's many moves."""
    return len(state.mention_articles.get(key_tokens(person), ()))


def month_event(group: list[RecordedMove], subjects: list[Entity], state: EngineState | None = None) -> Event:
    """One line for a month's many moves into (or out of) the subjects, the most senior named first, then
    the most reported."""
    joins = _joins(group[0], subjects)
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
    return Event(move_date(group[0])[:7], text, articles[0], tuple(articles[1:]))


def move_events(
    moves: list[RecordedMove],
    subjects: list[Entity],
    group: int = GROUP_MOVES,
    state: EngineState | None = None,
) -> list[Event]:
    """A line per move, or per month when a month has `group` or more moves in one direction."""
    months: dict[tuple[str, bool], list[RecordedMove]] = {}
    for r in moves:
        months.setdefault((move_date(r)[:7], _joins(r, subjects)), []).append(r)
    found = []
    for together in months.values():
        if len(together) >= group:
            found.append(month_event(together, subjects, state))
        else:
            found += [move_event(r, subjects) for r in together]
    return found


def direction(text: str) -> bool | None:
    """Does the question ask only for moves in (True), only out (False), or both (None)?"""
    out, into = _OUT_WORDS.search(text), _IN_WORDS.search(text)
    return None if bool(out) == bool(into) else into is not None


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


def events(state: EngineState, subjects: list[Entity], into: bool | None = None) -> list[Event]:
    """The subjects' recorded moves (only those in or out when `into` says), and an event for each article
    naming them that reports none of them or whose title is news beyond its moves ("Meta cuts 600 MSL
    roles"), oldest first. Longer than a page, a timeline puts each month's moves on one line and leaves out
    articles that name the subjects in passing (not in their title)."""
    moves = [r for r in state.moves if any(involves(e, r) for e in subjects)] + part_moves(state, subjects)
    # An undated move of someone whose other moves are dated is their earlier path ("Meta → OpenAI" in an
    # article on Tulloch's October 2025 return): dating it by the article would put it in the wrong year.
    dated = {r.move.person for r in state.moves if r.move.date}
    moves = [r for r in moves if r.move.date or r.move.person not in dated]
    if into is not None:
        moves = [r for r in moves if _joins(r, subjects) == into]
    news = None if into is None else _IN_NEWS if into else _OUT_NEWS

    def told(found: list[Event]) -> list[Event]:
        return [e for e in found if news is None or news.search(e.text)]

    found = move_events(moves, subjects, state=state) + told(
        article_events(state, subjects, moves, in_passing=True)
    )
    if len(found) <= EVENTS_PER_PAGE:
        return sorted(found, key=lambda e: (e.when, e.text))
    found = move_events(moves, subjects, group=2, state=state) + told(
        article_events(state, subjects, moves, in_passing=False)
    )
    return sorted(found, key=lambda e: (e.when, e.text))


def article_events(
    state: EngineState, subjects: list[Entity], moves: list[RecordedMove], *, in_passing: bool
) -> list[Event]:
    """An event per article naming the subjects whose news is not its moves; `in_passing`: also articles
    that name them only in a sentence."""
    movers: dict[str, set[str]] = {}
    for r in moves:
        movers.setdefault(r.article_id, set()).update(words(r.move.person))
    found = []
    for a in dict.fromkeys(a for e in subjects for a in articles_about(state, e)):
        headline = state.data.articles[a].title
        titled = any(names(headline, e) for e in subjects)
        if a in movers and (movers[a] & set(words(headline)) or _HIRING.search(headline) or not titled):
            continue  # its moves tell its news
        event = article_event(state, a, subjects) if titled or in_passing else None
        if event is not None:
            found.append(event)
    return found


def topic_events(ctx: Context) -> list[Event]:
    """For a timeline of a topic naming no one ("timeline of the H-1B fee"): the articles the search finds
    relevant, by their titles, oldest first."""
    if ctx.retrieval.score < ctx.threshold:
        return []
    articles = ctx.state.data.articles
    found = dict.fromkeys(h.article_id for h in ctx.retrieval.hits if h.dense >= ctx.threshold)
    canonical = ctx.state.data.canonical
    return sorted(
        (
            Event(articles[a].published.isoformat(), articles[a].title, a)
            for a in found
            if canonical.get(a, a) == a
        ),
        key=lambda e: (e.when, e.text),
    )


def in_period(found: Iterable[Event], q: Question) -> list[Event]:
    """The events whose date overlaps the question's period ("in 2025")."""
    if q.dates is None:
        return list(found)
    start, end = q.dates.start or dt.date.min, q.dates.end or dt.date.max
    return [e for e in found if date_period(e.when)[1] >= start and date_period(e.when)[0] <= end]


def topic_words(text: str) -> list[str]:
    """The words of a timeline's topic beyond function words ("of the", "what happened")."""
    return [w for w in words(text) if w not in QUESTION_STOP_WORDS and w not in _FILLER]


def _topic(text: str) -> str:
    """What a timeline is of: the words after the request ("timeline on the h1b fee": "h1b fee"), else those
    before it ("h1b fee timeline"), without the words asking for it ("give me the")."""
    cue = TIMELINE_CUE.search(text)
    if cue is None:
        return text.strip(" ?!./")
    rest = text[cue.end() :]
    # "..., in order, signing to lawsuits to the lottery": what follows a comma says how, not of what
    after = "" if rest.lstrip().startswith(",") else _LEADING.sub("", rest).strip(" ?!./")
    before = " ".join(w for w in text[: cue.start()].split() if w.lower() not in _FILLER | {"the", "a", "an"})
    # "what happened with the h1b fee, in order": the request is around the topic
    around = _AROUND.sub(" ", cue.group(0))
    inside = _LEADING.sub("", around.strip(" ?!.,/")) if around != cue.group(0) else ""
    return after or before.strip(" ?!./") or inside


def subjects_of(q: Question) -> list[Entity]:
    """The companies and people named, each once."""
    found: list[Entity] = []
    for m in q.mentions:
        if all(e.keys != m.entity.keys or e.kind != m.entity.kind for e in found):
            found.append(m.entity)
    return found


class Timeline:
    kind = AnswerKind.TIMELINE

    def match(self, q: Question, ctx: Context) -> float | None:
        if not TIMELINE_CUE.search(q.text):
            return None
        named = bool(q.mentions) or bool(unknown_names(q, TIMELINE_WORD))
        # "what happened with the h1b $100k fee, in order": a topic the articles have dated events of
        topical = bool(topic_words(_topic(q.text))) and bool(topic_events(ctx))
        return CERTAIN if named or TIMELINE_WORD.search(q.text) or topical else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        subjects = subjects_of(q)
        missing = list(unknown_names(q, TIMELINE_WORD))
        if missing:
            reason = f"I have no articles about {and_list(missing)}, so I can't give a timeline."
            return refusal(q.text, reason, self.kind)
        topic = _topic(q.text)
        if not subjects and not topic_words(topic):
            return refusal(q.text, USAGE, self.kind)
        into = direction(q.text) if subjects else None
        label = and_list([e.name for e in subjects]) if subjects else f"“{topic}”"
        label += "" if into is None else " hires" if into else " departures"
        label += f" {q.dates.label}" if q.dates else ""
        found = in_period(events(ctx.state, subjects, into) if subjects else topic_events(ctx), q)
        if not found:
            return refusal(q.text, f"I have no dated events of {label}.", self.kind)
        start, end = page_of(len(found), ctx.page, EVENTS_PER_PAGE)
        cites = Citations(ctx.state.data.articles)
        lines = tuple(
            Line(f"{date_label(e.when)} — {e.text}", tuple(cites.cite(a) for a in (e.article_id, *e.also)))
            for e in found[start:end]
        )
        later = len(found) - end
        intro = f"Timeline of {label}: {len(found)} event{'s' if len(found) != 1 else ''}, oldest first:"
        return Answer(
            question=q.text,
            answered=True,
            kind=self.kind,
            intro=continued(intro, start, end, len(found)),
            lines=lines,
            sources=cites.sources(),
            note=f"…and {later} later event{'s' if later != 1 else ''}." if later else "",
            more=later > 0,
        )
