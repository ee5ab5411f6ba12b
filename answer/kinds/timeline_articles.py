"""A timeline's lines from articles: an article's headline or its sentence naming the subject, and the events
an article about the subject dates in its text."""

from __future__ import annotations

import re
from collections.abc import Mapping

from answer.dated_sentences import MAX_DATED_WORDS, dated_sentences, news_date, step_year
from answer.kinds.subject import articles_about, names
from answer.kinds.timeline_moves import Event, told_by_moves
from answer.moves import RecordedMove
from answer.query import says_move
from answer.state import EngineState
from corpus.entities import Entity, surname
from corpus.text import words

# An article's event is its title when the title names the subject, else its sentence that names the subject
# soonest (the subject of the sentence, not an aside), if that sentence is short: an event, not a paragraph.
MIN_EVENT_WORDS = 6
MAX_EVENT_WORDS = 35
# A headline about hiring: the moves of its article tell its news.
HIRING = re.compile(
    r"\b(hir(?:e|es|ed|ing)|joins?|joined|signs?|signed|poach\w*|recruit\w*|lur(?:e|es|ed|ing)|nabs?)\b", re.I
)
# A sentence is about a subject it names within its first words ("In June 2023 Microsoft led ..."), not one
# it lists at its end ("... with smaller numbers from Google DeepMind and Anthropic").
SUBJECT_WORDS = 8
# A sentence opening with these tells of people, whose moves are lines of their own ("Both are joining ...").
_SOMEONE = frozenset({"he", "she", "his", "her", "both", "they", "their"})


def article_event(state: EngineState, article_id: str, subjects: list[Entity]) -> Event | None:
    """The article's title when it names a subject, else its short sentence that names one soonest (None:
    neither)."""
    article = state.data.articles[article_id]
    when = news_date(state.data.sentences.get(article_id, []), article.published)
    if any(names(article.title, e) for e in subjects):
        return Event(when, article.title, article_id)
    ranked = [
        (position, len(sentence), sentence)
        for sentence in state.data.sentences.get(article_id, [])
        if MIN_EVENT_WORDS <= len(sentence.split()) <= MAX_EVENT_WORDS
        for position in [name_position(sentence, subjects, state)]
        if position is not None
    ]
    return Event(when, min(ranked)[2], article_id) if ranked else None


def name_position(sentence: str, subjects: list[Entity], state: EngineState) -> int | None:
    """The word number where the sentence first names a subject in full, or a person by surname ("Tworek
    joined OpenAI in 2019", "Guo joined ByteDance"), None when it names none."""
    found = set()
    short = {surname(state.family_name(e.name)) for e in subjects if e.kind == "person"}
    for i, word in enumerate(words(sentence)):
        found.add(word)
        if word in short or any(e.keys <= found for e in subjects):
            return i
    return None


def article_events(
    state: EngineState, subjects: list[Entity], moves: list[RecordedMove], *, in_passing: bool, every: bool
) -> list[Event]:
    """An event per article naming the subjects (`every`: all of them) whose news is not its moves, and the
    events an article about them dates in its text; `in_passing`: also articles that name them only in a
    sentence."""
    movers: dict[str, set[str]] = {}
    for r in moves:
        movers.setdefault(r.article_id, set()).update(words(r.move.person))
    people: dict[str, set[str]] = {}  # each mover's surname: the dates of their recorded moves
    for r in moves:
        people.setdefault(surname(state.family_name(r.move.person)), set()).add(r.move.date or "")
    found = []
    about = [articles_about(state, e) for e in subjects]
    for a in dict.fromkeys(
        a for ids in about for a in ids if not every or all(a in other for other in about)
    ):
        headline = state.data.articles[a].title
        titled = any(names(headline, e) for e in subjects)
        if titled:
            found += dated_events(state, a, subjects, people)
        moved = a in movers and (movers[a] & set(words(headline)) or HIRING.search(headline) or not titled)
        if moved and (says_move(headline) or not _later_news(state, a, headline, moves)):
            continue  # its moves tell its news
        event = article_event(state, a, subjects) if titled or in_passing else None
        if event is not None and (titled or not _restates(event.when, event.text, people)):
            found.append(event)
    return found


def _later_news(state: EngineState, article_id: str, headline: str, moves: list[RecordedMove]) -> bool:
    """Is the news of an article that records moves something later than them: every move of someone its
    headline names was dated in an earlier month than the news ("Tencent names former OpenAI researcher Yao
    Shunyu chief AI scientist", 17 December 2025, of a hire reported on 12 September)?"""
    named = set(words(headline))
    dates = [
        r.move.date or "" for r in moves if r.article_id == article_id and set(words(r.move.person)) & named
    ]
    when = news_date(state.data.sentences.get(article_id, []), state.data.articles[article_id].published)
    return bool(dates) and all(len(d) >= len("2025-09") and d[:7] < when[:7] for d in dates)


def _only(state: EngineState, text: str, subjects: list[Entity]) -> bool:
    """Does the sentence name no one but the subjects?"""
    return all(m.entity in subjects for m in state.entities.find(text))


def _restates(when: str, text: str, people: Mapping[str, set[str]]) -> bool:
    """Does a sentence dated `when` name a mover (by surname) in a year of their recorded moves: a line of the
    timeline already, dated as it happened ("Pang himself moved on from Meta to OpenAI in February 2026", in
    a June 2026 story on someone else; "Zoph had been ...")?"""
    return any(told_by_moves(when, people[w]) for w in set(words(text)) & people.keys())


def dated_events(
    state: EngineState, article_id: str, subjects: list[Entity], people: Mapping[str, set[str]]
) -> list[Event]:
    """The events an article about the subjects dates in its text ("The round closed on 16 June"): sentences
    naming a subject as what they are about (in their first words), or naming no one else (the article's
    subject is theirs), and none of the `people` (surnames, with the dates of their recorded moves) whose
    moves are lines of their own, unless dated when none of their moves is ("Tworek joined OpenAI in 2019":
    where the path starts)."""
    article = state.data.articles[article_id]
    # a sentence naming no one but the subjects is the article's subject's when the headline leads with a
    # subject ("... incorporated in November 2025, with Silver appointed as a director"): "ByteDance
    # Seed hands researchers options but loses staff to Meta" is not a story of Meta's
    position = name_position(article.title, subjects, state)
    lead = position is not None and position < SUBJECT_WORDS
    found = []
    for _, when, text in dated_sentences(
        state.data.sentences.get(article_id, []), article.published, state.newest
    ):
        if words(text)[0] in _SOMEONE or _restates(when, text, people):
            continue  # "He was one of ...", "Zoph had been ...": a mover's, told by their moves
        position = name_position(text, subjects, state)
        if (position is not None and position < SUBJECT_WORDS) or (lead and _only(state, text, subjects)):
            found.append(Event(when, text, article_id, in_text=True))
    # ...and a person's earlier steps the article gives by year alone ("Tworek joined OpenAI in 2019")
    persons = [e for e in subjects if e.kind == "person"]
    for text in state.data.sentences.get(article_id, []) if persons else []:
        year = step_year(text, article.published)
        position = name_position(text, persons, state) if year else None
        if (
            year is None
            or position is None
            or position >= SUBJECT_WORDS
            or len(text.split()) > MAX_DATED_WORDS
        ):
            continue
        if not any(
            told_by_moves(year, people.get(surname(state.family_name(e.name)), set())) for e in persons
        ):
            found.append(Event(year, text, article_id, in_text=True))
    return found
