"""Events an article dates inside its text: "a proclamation signed ... on 19 September 2025", "The round closed
on 16 June", "Meta agreed in December 2025 to buy Manus". A timeline's lines come from these as well as from
headlines, which are dated by publication and so put a court ruling on the day it was reported."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

from corpus.model import date_period
from corpus.text import MONTH_NAMES, MONTH_NUMBERS, STEM_LETTERS, word_set, words

_MONTH = f"({MONTH_NAMES})"
# "19 September 2025", "on 16 June" (British order, as the articles write) and "September 19, 2025".
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\b(?:,?\s+((?:19|20)\d\d)\b)?")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,\s+((?:19|20)\d\d)\b)?")
# "in December 2025", "January 2026": a month, when its year is said (a bare "in June" is too loose to date).
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+((?:19|20)\d\d)\b")
# "around late March", "in early June": a part of a month, which dates an event as surely as a day (its year,
# unsaid, is the one up to publication).
_PART_OF_MONTH = re.compile(rf"\b(?:early|mid|late)[- ]{_MONTH}\b(?![\s,]+(?:\d|(?:19|20)\d\d))", re.I)
# A year alone dates a step of someone's path, said with its verb close before it ("Tworek joined OpenAI in
# 2019", "the company he co-founded in 2021"); elsewhere "in 2025" is a period ("hiring in 2025 rose").
_YEAR_STEP = re.compile(
    r"\b(?:joined|co-founded|founded|left|quit|set up|started|launched|moved|returned|rejoined)\b"
    r"(?:[^.;:]|\.(?=\w)){0,40}?\bin ((?:19|20)\d\d)\b(?![\s-]*(?:\d|[a-z]+ \d))",
    re.I,
)
# The words before a date that make it the time of an event.
_LEADS = word_set(
    "on in since around from by until till through early late mid mid- between and to of before after during"
)
# An editor's note ("**Update (May 2026):** ...") dates the note, not an event.
_NOTE = re.compile(r"\bupdate\s*\(", re.I)
# A day after publication that a sentence says is planned ("which Apple plans to release in March 2026") may
# not have come as planned: only a day fixed in advance ("takes effect on 1 October 2025") dates an event.
_PLAN = re.compile(
    r"\b(?:plans?|planned|planning|aims?|aiming|expects?|expected|hopes?|intends?|wants?)\s+to\b", re.I
)
# An article reports news of the week up to its publication; the first day in that week it gives (its lede's,
# as a rule) is its headline's.
NEWS_DAYS = 7
# ...or the day its lede gives within a month of publication: a round "reported by CNBC on 27 April 2026", written
# up on 14 May with a later note of 13 May, is news of 27 April.
LEDE_DAYS = 31
# Beyond this many words a sentence is a paragraph, not a timeline line.
MAX_DATED_WORDS = 40
# A day named without its year is in the year up to this many days after publication ("takes effect on 1
# October" in a September article), else the year before ("on 23 December" in a January article).
_AHEAD_DAYS = 60
# ...a part of a month ("late March") is dated by its middle day.
MID_MONTH = 15


def _year(month: int, day: int, published: dt.date) -> int:
    try:
        ahead = (dt.date(published.year, month, day) - published).days
    except ValueError:  # 30 February: no such day, let the year stand
        return published.year
    return published.year - (ahead > _AHEAD_DAYS)


def _day(month_name: str, day_text: str, year_text: str | None, published: dt.date) -> str | None:
    month, day = MONTH_NUMBERS[month_name[:3].lower()], int(day_text)
    year = int(year_text) if year_text else _year(month, day, published)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _dates_event(sentence: str, start: int) -> bool:
    """Does the date at `start` say when something happened ("on 19 September", "in late May 2025", a
    sentence's opening "On 23 December ..."), not name a thing ("the August 2024 changes", "Zuckerberg's 30
    June 2025 memo")?"""
    before = sentence[:start].split()
    return not before or before[-1].lower().strip(",(") in _LEADS


def sentence_date(sentence: str, published: dt.date) -> str | None:
    """The first date the sentence names as the time of an event, as precise as it names it ("2025-09-19",
    "2025-12"), or None."""
    found: list[tuple[int, str]] = []
    for m in _DAY_MONTH.finditer(sentence):
        day = _day(m.group(2), m.group(1), m.group(3), published)
        found += [(m.start(), day)] if day else []
    for m in _MONTH_DAY.finditer(sentence):
        day = _day(m.group(1), m.group(2), m.group(3), published)
        found += [(m.start(), day)] if day else []
    for m in _MONTH_YEAR.finditer(sentence):
        found.append((m.start(), f"{m.group(2)}-{MONTH_NUMBERS[m.group(1)[:3].lower()]:02d}"))
    for m in _PART_OF_MONTH.finditer(sentence):
        month = MONTH_NUMBERS[m.group(1)[:3].lower()]
        found.append((m.start(), f"{_year(month, MID_MONTH, published)}-{month:02d}"))
    return min(((start, when) for start, when in found if _dates_event(sentence, start)), default=(0, None))[
        1
    ]


def step_year(sentence: str, published: dt.date) -> str | None:
    """The year of a step of someone's path the sentence gives with no month or day ("Tworek joined OpenAI
    in 2019"), or None."""
    step = _YEAR_STEP.search(sentence)
    return step.group(1) if step is not None and sentence_date(sentence, published) is None else None


def _this_week(when: str, published: dt.date) -> bool:
    """Is the date in the week up to publication?"""
    return _within(when, published, NEWS_DAYS)


def _within(when: str, published: dt.date, days: int) -> bool:
    """Is the date in the `days` up to publication?"""
    start, end = date_period(when)
    return start <= published and end >= published - dt.timedelta(days=days)


def news_date(sentences: Sequence[str], published: dt.date) -> str:
    """The day an article's news happened: the day its lede gives within a month of publication, else the
    first day it gives in the week before publication ("a proclamation signed ... on 19 September 2025",
    reported on the 22nd; "Chen sent the memo ... around 28 June", reported on the 30th), else the
    publication's."""
    lede = sentence_date(sentences[0], published) if sentences else None
    if lede is not None and len(lede) > 7 and _within(lede, published, LEDE_DAYS):
        return lede
    for sentence in sentences:
        when = sentence_date(sentence, published)
        if when is not None and len(when) > 7 and _within(when, published, NEWS_DAYS):
            return when
    return published.isoformat()


def _news(when: str, news: str, published: dt.date) -> bool:
    """Is the date the article's own news: its day, its month when only a month is named ("in early March
    2026" in an article of 4 March), or the day it was published (the FT "reported on 23 April")?"""
    if len(when) == 7:  # ...or a month ending in its week ("published in late May", covered on 3 June)
        return news.startswith(when) or _this_week(when, published)
    return when in (news, published.isoformat())


def _clause(sentence: str, when: str, published: dt.date) -> str:
    """The part of a long sentence that dates the event: its clause with the date (up to a semicolon), cut
    to MAX_DATED_WORDS words."""
    if len(sentence.split()) <= MAX_DATED_WORDS:
        return sentence
    parts = [p for p in sentence.split("; ") if sentence_date(p, published) == when] or [sentence]
    cut = parts[0].split()
    return " ".join(cut) if len(cut) <= MAX_DATED_WORDS else " ".join(cut[:MAX_DATED_WORDS]) + " …"


def dated_sentences(
    sentences: Sequence[str], published: dt.date, until: dt.date | None = None
) -> Iterator[tuple[int, str, str]]:
    """(position, date, text) for each sentence dating an event before the article's own news: not the day it
    reports (its headline tells that, see `news_date`), not later than its publication (a plan, not yet an
    event) unless by `until` the day fixed had come ("The new visa takes effect on 1 October 2025", in an
    August article, on a timeline told with articles up to 2026; not "which Apple plans to release in March
    2026"). A long sentence is cut to its clause with
    the date."""
    news = news_date(sentences, published)
    last = max(published, until or published).isoformat()
    for i, sentence in enumerate(sentences):
        if _NOTE.search(sentence):
            continue
        when = sentence_date(sentence, published)
        if when is None or _news(when, news, published) or when > last:
            continue
        if when > published.isoformat() and _PLAN.search(sentence):
            continue
        yield i, when, _clause(sentence, when, published)


def most_precise(whens: Sequence[str]) -> list[int]:
    """Of dated events on one subject, the positions to keep: the first of each day, and a month only when
    no day of it is there ("since September 2025" beside "on 19 September 2025" tells the same event)."""
    days = {when[:7] for when in whens if len(when) > 7}
    kept, seen = [], set()
    for i, when in enumerate(whens):
        if when in seen or (len(when) == 7 and when in days):
            continue
        seen.add(when)
        kept.append(i)
    return kept


def _stems(text: str) -> set[str]:
    return {w.replace("-", "")[:STEM_LETTERS] for w in words(text)}


def on_topic(sentence: str, topic: Sequence[str]) -> bool:
    """Does the sentence say one of the topic's words ("h1b" in "H-1B", "fee" in "fees")?"""
    return bool(_stems(" ".join(topic)) & _stems(sentence))
