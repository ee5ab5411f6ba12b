""" "Timeline of DeepSeek", "what happened at OpenAI over time?": dated events, oldest first, each cited."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from answer.context import Context
from answer.dated_sentences import (
    dated_sentences,
    most_precise,
    news_date,
    on_topic,
)
from answer.kinds.base import CERTAIN
from answer.kinds.careers import org_label
from answer.kinds.subject import and_list, involves, unknown_names
from answer.kinds.timeline_articles import HIRING, article_events
from answer.kinds.timeline_asks import (
    SPAN,
    TIMELINE_CUE,
    TIMELINE_WORD,
    aspect_of,
    shown_topic,
    topic_of,
    topic_words,
)
from answer.kinds.timeline_moves import Event, is_joining, move_events, part_moves
from answer.model import Answer, AnswerKind, Citations, Line, continued, page_of, refusal
from answer.query import DateRange, Question
from answer.state import EngineState, initials
from answer.synonyms import with_same_meaning
from corpus.entities import Entity
from corpus.model import date_label, date_period
from corpus.text import content_words, words

# Events per page: a phone screen's worth, with "Show more" for the rest. As many as the headlines of a
# period: most events cite an article of their own, and the sources must fit in the message too.
EVENTS_PER_PAGE = 10
USAGE = "Whose timeline? Name a company or person I have articles about, e.g. “timeline of DeepSeek”."


# A topic's articles: those the search finds nearly as relevant as the best one (a Manus story mentions the
# H-1B fee in passing; it is not on the H-1B fee's timeline).
TOPIC_RELATIVE = 0.7


# Several subjects with at least this many events together are a story of their own ("timeline of the
# Meta Manus deal"): their joint events, not a timeline of each.
JOINT_EVENTS = 2


# Words asking for one direction of moves: "timeline of OpenAI departures", "ByteDance Seed hires".
_OUT_WORDS = re.compile(
    r"\b(departures?|exits?|exodus|left|leav(?:e|es|ing|ers)|lost|los(?:e|es|ing)|losses|quit\w*|defections?|walked|bailed)\b",
    re.I,
)
_IN_WORDS = re.compile(r"\b(hires?|hired|hiring|joined|joins|joiners|arrivals?|recruit\w*|poach\w*)\b", re.I)
# Headlines that tell news in that direction, kept beside the moves of a one-direction timeline.
_OUT_NEWS = re.compile(
    r"\b(leav\w*|left|quit\w*|depart\w*|exits?|exodus|los(?:e|es|t|ing)|steps? down)\b", re.I
)
_IN_NEWS = HIRING


# Other news a timeline may ask for beside moves: "deepseek fundraising and hiring in 2026" is all of it.
_OTHER_NEWS = re.compile(
    r"\b(fund\w*|rais\w*|rounds?|valuations?|deals?|investments?|layoffs|job cuts|cuts|launch\w*|ipo|pay|"
    r"salar\w*|policy|policies|visas?)\b",
    re.I,
)


def direction(text: str) -> bool | None:
    """Does the question ask only for moves in (True), only out (False), or both (None: also when it asks for
    other news too)?"""
    text = SPAN.sub("", text)
    out, into = _OUT_WORDS.search(text), _IN_WORDS.search(text)
    if bool(out) == bool(into) or _OTHER_NEWS.search(text):
        return None
    return into is not None


def events(
    state: EngineState, subjects: list[Entity], into: bool | None = None, period: DateRange | None = None
) -> list[Event]:
    """The events of several subjects together ("the Meta–Manus saga", "moves between OpenAI and
    Anthropic") when there are JOINT_EVENTS of them, else of each; people named with companies: their own
    events and those with the companies; only those in the period asked."""
    joint = subject_events(state, subjects, into, every=True, period=period) if len(subjects) > 1 else []
    people = [e for e in subjects if e.kind == "person"]
    if people and len(people) < len(subjects):
        # "ruoming pang's moves, google to now", "the xiaomi luo fuli saga": their timeline, and what else
        # names them with the companies
        told = {(e.when, e.text) for e in joint}
        return fewest(
            joint
            + [e for e in subject_events(state, people, into, period=period) if (e.when, e.text) not in told]
        )
    return joint if len(joint) >= JOINT_EVENTS else subject_events(state, subjects, into, period=period)


def subject_events(
    state: EngineState,
    subjects: list[Entity],
    into: bool | None = None,
    *,
    every: bool = False,
    period: DateRange | None = None,
) -> list[Event]:
    """The subjects' recorded moves (only those in or out when `into` says), and an event for each article
    naming them that reports none of them or whose title is news beyond its moves ("Meta cuts 600 MSL
    roles"), oldest first; `every`: only moves and articles involving every subject; only those in the
    period. Longer than a page, a timeline puts each month's moves on one line and leaves out articles that
    name the subjects in passing (not in their title): a page counted within the period ("google's june
    2026 day by day" gives each exit its day, though Google's whole timeline is many pages)."""
    among = all if every else any
    moves = [r for r in state.moves if among(involves(e, r) for e in subjects)] + part_moves(state, subjects)
    # An undated move of someone whose other moves are dated is their earlier path ("Meta → OpenAI" in an
    # article on Tulloch's October 2025 return): dating it by the article would put it in the wrong year.
    dated = {r.move.person for r in state.moves if r.move.date}
    moves = [r for r in moves if r.move.date or r.move.person not in dated]
    if into is not None:
        moves = [r for r in moves if is_joining(r, subjects) == into]
    news = None if into is None else _IN_NEWS if into else _OUT_NEWS

    def told(found: list[Event]) -> list[Event]:
        return [e for e in found if news is None or news.search(e.text)]

    found = move_events(moves, subjects, state=state) + told(
        article_events(state, subjects, moves, in_passing=True, every=every)
    )
    found = in_period(found, period)
    if len(found) <= EVENTS_PER_PAGE:
        return fewest(found)
    found = move_events(moves, subjects, group=2, state=state) + told(
        article_events(state, subjects, moves, in_passing=False, every=every)
    )
    return fewest(in_period(found, period))


def fewest(found: list[Event]) -> list[Event]:
    """The events, oldest first, without the sentences that date one again (a headline's or a move's day or
    month, the same day in two articles; "since September 2025" beside "on 19 September 2025")."""
    found = sorted(found, key=lambda e: (e.when, e.text))
    headlines = {e.when for e in found if not e.in_text}
    months = {when[:7] for when in headlines}
    in_text = [
        e
        for e in found
        if e.in_text and e.when not in headlines and not (len(e.when) == 7 and e.when in months)
    ]
    keep = {id(in_text[i]) for i in most_precise([e.when for e in in_text])}
    return [e for e in found if not e.in_text or id(e) in keep]


def topic_events(ctx: Context, topic: list[str]) -> list[Event]:
    """For a timeline of a topic naming no one ("timeline of the H-1B fee"): the articles the search finds
    relevant, by their titles, and the events they date in sentences on the topic (or right after one),
    oldest first."""
    if ctx.retrieval.score < ctx.threshold:
        return []
    articles = ctx.state.data.articles
    enough = max(ctx.threshold, ctx.retrieval.score * TOPIC_RELATIVE)
    found = dict.fromkeys(h.article_id for h in ctx.retrieval.hits if h.dense >= enough)
    canonical = ctx.state.data.canonical
    events = []
    for a in (a for a in found if canonical.get(a, a) == a):
        sentences = ctx.state.data.sentences.get(a, [])
        events.append(Event(news_date(sentences, articles[a].published), articles[a].title, a))
        events += [
            Event(when, text, a, in_text=True)
            for i, when, text in dated_sentences(sentences, articles[a].published, ctx.state.newest)
            if on_topic(sentences[i], topic) or (i > 0 and on_topic(sentences[i - 1], topic))
        ]
    return fewest(events)


def in_period(found: Iterable[Event], period: DateRange | None) -> list[Event]:
    """The events whose date overlaps the question's period ("in 2025"), if any."""
    if period is None:
        return list(found)
    start, end = period.start or dt.date.min, period.end or dt.date.max
    return [e for e in found if date_period(e.when)[1] >= start and date_period(e.when)[0] <= end]


# ...or "google to now": where it starts and ends.
_ENDPOINTS = re.compile(rf"{SPAN.pattern}|,\s*\S+(?:\s+\S+)?\s+to\s+(?:now|today|date)\W*$", re.I)


def subjects_of(q: Question) -> list[Entity]:
    """The companies and people named, each once; those naming where it starts or ends are no subject of
    their own, unless nothing else is named ("tml history from launch to zoph leaving" is TML's)."""
    span = _ENDPOINTS.search(q.text)
    inside = [m for m in q.mentions if span is not None and m.start >= span.start()]
    chosen = [m for m in q.mentions if m not in inside] or list(q.mentions)
    found: list[Entity] = []
    for m in chosen:
        if all(e.keys != m.entity.keys or e.kind != m.entity.kind for e in found):
            found.append(m.entity)
    return found


# A part of a company asked by its own name ("meta superintelligence labs", which the entity index keeps under
# "Meta") has a timeline of its own when this many of the company's events name it.
MIN_UNIT_EVENTS = 3


def _unit_asked(q: Question, subjects: list[Entity], ctx: Context) -> str:
    """The longer name of the one company asked about, as typed ("Meta Superintelligence Labs"), else ""."""
    if len(subjects) != 1 or subjects[0].kind != "org":
        return ""
    mention = next((m for m in q.mentions if m.entity is subjects[0]), None)
    if mention is None:
        return ""
    typed = org_label(q, mention, ctx.state.entities.entities)
    return typed if typed != subjects[0].name and len(words(typed)) > len(words(subjects[0].name)) else ""


def _names_unit(unit: str, event: Event, ctx: Context) -> bool:
    """Does the event, or its article's headline or text, name the part ("Meta Superintelligence Labs" or its
    short name "MSL")?"""
    said = set(words(event.text)) | ctx.state.article_words(event.article_id)
    return set(words(unit)) <= said or initials(unit) in said


# Words of an aspect and of an event match on their first letters, plural or not ("bonus", "bonuses").
ROOT_LETTERS = 5
# An aspect in a timeline's heading: its first words, a line on a phone.
LABEL_WORDS = 4


def _roots(found: set[str]) -> set[str]:
    return {w[:ROOT_LETTERS] for w in found}


def _on_aspect(q: Question, subject: Entity, found: list[Event], label: str) -> tuple[list[Event], str]:
    """A subject's events narrowed to what the question asks of it ("timeline of deepseek going for outside
    money": the round's events), when MIN_UNIT_EVENTS of them say it; else all of them."""
    named = {w for m in q.mentions for w in words(q.text[m.start : m.end])}
    aspect = aspect_of(q.text, named | subject.keys | set(words(subject.name)))
    if not aspect:
        return found, label
    said = _roots(with_same_meaning(content_words(" ".join(aspect))))
    narrowed = [e for e in found if said & _roots(content_words(e.text))]
    if not MIN_UNIT_EVENTS <= len(narrowed) < len(found):
        return found, label
    shown = list(dict.fromkeys(aspect))
    more = "…" if len(shown) > LABEL_WORDS else ""
    return narrowed, f"{label} on “{' '.join(shown[:LABEL_WORDS])}{more}”"


class Timeline:
    kind = AnswerKind.TIMELINE

    def match(self, q: Question, ctx: Context) -> float | None:
        if not TIMELINE_CUE.search(q.text):
            return None
        named = bool(q.mentions) or bool(unknown_names(q, TIMELINE_WORD))
        # "what happened with the h1b $100k fee, in order": a topic the articles have dated events of
        topic = topic_words(topic_of(q.text))
        topical = bool(topic) and bool(topic_events(ctx, topic))
        return CERTAIN if named or TIMELINE_WORD.search(q.text) or topical else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        subjects = subjects_of(q)
        missing = list(unknown_names(q, TIMELINE_WORD))
        if missing:
            reason = f"I have no articles about {and_list(missing)}, so I can't give a timeline."
            return refusal(q.text, reason, self.kind)
        topic = topic_of(q.text)
        if not subjects and not topic_words(topic):
            return refusal(q.text, USAGE, self.kind)
        into = direction(q.text) if subjects else None
        label = and_list([e.name for e in subjects]) if subjects else f"“{shown_topic(topic)}”"
        label += "" if into is None else " hires" if into else " departures"
        label += f" {q.dates.label}" if q.dates else ""
        found = (
            events(ctx.state, subjects, into, q.dates)
            if subjects
            else in_period(topic_events(ctx, topic_words(topic)), q.dates)
        )
        if not found:
            return refusal(q.text, f"I have no dated events of {label}.", self.kind)
        unit = _unit_asked(q, subjects, ctx)
        narrowed = [e for e in found if unit and _names_unit(unit, e, ctx)]
        if unit and len(narrowed) >= MIN_UNIT_EVENTS:  # "history of meta superintelligence labs": the lab's
            found, label = narrowed, label.replace(subjects[0].name, unit, 1)
        elif len(subjects) == 1 and not unit:  # "timeline of deepseek going for outside money" (a joint story
            # is one already)
            found, label = _on_aspect(q, subjects[0], found, label)
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
