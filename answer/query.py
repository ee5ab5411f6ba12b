"""Understanding a question: is it about talent moves, which names and dates does it mention?"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from answer.move_direction import LEGAL, arrow_between, directions, one_described
from answer.unknown import namesake, unknown_names
from corpus.entities import EntityIndex, Mention

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9  # "since sept 2025"
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
# "The past year" is the 365 days up to today.
DAYS_IN_YEAR = 365

# The verbs written right after a company that hires or loses people: "amazon hired", "X poaching".
HIRING_VERBS = r"hire[sd]?|hiring|poach\w*|recruit\w*|lose|lost|lure[sd]?"
# "Garden leave", "on leave": time off, not leaving.
NOT_TIME_OFF = r"(?<!garden )(?<!paid )(?<!parental )(?<!sick )(?<!annual )(?<!on )"
# "who ... from/at/to": who moved, or works where; not a sum "valued at" ("who led it and what's it valued at"),
# nor what someone is "up to" ("who's greg brockman and what was he up to")
_WHO_FROM_AT_TO = re.compile(
    r"\bwho\b.*\b(?:from|(?<!up )to|(?<!valued )(?<!priced )(?<!pegged )(?<!estimated )(?<!capped )at)\b",
    re.I,
)
_MOVE_WORDS = re.compile(
    rf"\b(hire[sd]?|hiring|hirings|poach(?:ed|es|ing)?|recruit(?:ed|s|ing)?|join(?:ed|s|ing)?|left|{NOT_TIME_OFF}leav(?:e|es|ing)|lose|"
    r"quit|depart(?:ed|ure|ures)?|defect(?:ed|ion|ions)?|lure[sd]?|luring|moves?|moved|went|go(?:ne)? to|"
    r"switch(?:ed)?|jump(?:ed)?|exits?|exodus|brought in|signed|snapp(?:ed)|nab(?:s|bed|bing)?|"
    r"snag(?:s|ged|ging)?|grab(?:s|bed|bing)?|ditch(?:ed|es)?|who(?:'s| is) at|"
    r"(?<!remote )(?<!hybrid )work(?:s|ing)? (?:at|for)|lost|losing|losses|hires|appointed|named|end(?:s|ed)? up|wound up|"
    r"land(?:s|ed)? (?:at|in|a job)|pick(?:s|ed|ing)? up|(?:has|have|had) \w+ taken|"
    r"took (?:which|what|whom|who|any)|(?:took|tak(?:e|es|en|ing)) (?:\w+ ){0,2}from|"
    # "who all did microsoft pull out of ai2"
    r"pull(?:s|ed|ing)? (?:\w+ ){0,3}(?:out of|away from))\b",
    re.IGNORECASE,
)
# A move that only says when ("did scale have layoffs after he left?", "who ran ssi once gross quit"): a time,
# not what is asked.
_TIME_CLAUSE = re.compile(
    r"(?:\b(?:after|before|since|once|until)|(?<=\S\s)(?<!\band\s)(?<!\bso\s)(?<!\bbut\s)when)\s+"
    r"(?:(?!(?:who|whom|what|which|where|when|how)\b)[\w'’]+(?:-[\w'’]+)*\s+)"
    r"{1,4}?(?:left|joined|quit|departed|moved|went|"
    r"was hired|got hired)\b",
    re.I,
)
# The people around someone: "dawn song's co-founders", "murati's team" are others than the person named.
_THEIR_PEOPLE = re.compile(
    r"(?:\s+[a-z]+?)?(?:['’]?s)?\s+(?:co-?founders|colleagues|team|teammates|deputies|lieutenants|recruits|hires)\b",
    re.I,
)
# "Who else", "besides X", "X wasn't the only one": the people named are the ones not asked about.
_ELSE = re.compile(
    r"\b(?:who else|anyone else|any others?|besides|apart from|other than|aside from|except|"
    r"(?:was|is)(?:n'?t| not) the only)\b",
    re.I,
)
_LATEST = re.compile(
    r"\b(latest|newest|most recent|recent(?:ly)?|lately|new hires|what'?s new|up to date)\b", re.I
)


@dataclass(frozen=True)
class DateRange:
    start: dt.date | None
    end: dt.date | None  # inclusive
    label: str

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Question:
    text: str
    about_moves: bool
    mentions: tuple[Mention, ...]
    origins: tuple[Mention, ...]  # organisations people left
    destinations: tuple[Mention, ...]  # organisations people joined
    people: tuple[Mention, ...]
    either: tuple[Mention, ...]  # organisations with no direction
    dates: DateRange | None
    latest: bool
    unknown_names: tuple[str, ...] = field(default=())
    unfamiliar: tuple[str, ...] = field(default=())  # words the articles never use ("tall", "ticker")
    garbled: tuple[str, ...] = field(default=())  # ...of them, slips of known words ("whsts", "opmai")
    # People a "who else" question sets aside ("besides Shazeer, who else came back to Google?"): not in
    # `people`, and not among the moves it asks about.
    others_than: tuple[Mention, ...] = field(default=())

    def keeping(self, kept: Callable[[Mention], bool]) -> Question:
        """The question with only the names `kept` keeps, in every role they have."""

        def only(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
            return tuple(m for m in mentions if kept(m))

        return replace(
            self,
            mentions=only(self.mentions),
            origins=only(self.origins),
            destinations=only(self.destinations),
            people=only(self.people),
            either=only(self.either),
        )


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# What a bare year next to it dates: "hires 2026", "2025 departures".
_DATED_NOUNS = (
    r"hires?|hiring|hirings|moves?|departures?|exits?|arrivals?|spree|news|headlines|recap|poaching|"
    r"defections?|recruits?|recruiting|recruitment"
)


# "Right now" asks for the latest ("is everyone job hunting right now?"), except of what changes by the hour,
# which is today's ("what is openai's valuation right now", "tesla stock price rn").
_NOW = re.compile(r"\b(right now|at the moment)\b")
_LIVE = re.compile(
    r"\b((?<!in )stocks?(?![- ](?:based|options?|awards?|grants?|comp\w*|pay)\b)|shares?(?! of\b)|price|prices|"
    r"valuation|valued|worth|rates?|weather|temperature)\b"
)  # ...not "what share of ppl ... rn", a proportion, nor "what is openai paying in stock rn", pay


# The first month of each season of a year: "summer 2025" is June to August.
_SEASON_STARTS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9}


def parse_dates(text: str, today: dt.date) -> DateRange | None:
    """Date restrictions in a question: this week/month/year, last week/month/year, in/since/before a date."""
    t = text.lower()
    if re.search(r"\b(today|tonight)\b", t) or (_NOW.search(t) and _LIVE.search(t)):
        return DateRange(today, today, "today")
    if re.search(r"\b(this|past|last)\s+(7\s+days|seven\s+days)\b", t) or re.search(r"\bthis\s+week\b", t):
        return DateRange(today - dt.timedelta(days=7), today, "this week")
    if re.search(r"\b(last|past|previous)\s+week\b", t):
        return DateRange(today - dt.timedelta(days=14), today - dt.timedelta(days=7), "last week")
    if re.search(r"\bthis\s+month\b", t):
        return DateRange(today.replace(day=1), today, "this month")
    if re.search(r"\b(last|past|previous)\s+month\b", t):
        last_day = today.replace(day=1) - dt.timedelta(days=1)
        return DateRange(last_day.replace(day=1), last_day, "last month")
    if re.search(r"\bthis\s+year\b", t):
        return DateRange(dt.date(today.year, 1, 1), today, f"in {today.year}")
    if re.search(r"\b(?:past|the\s+last)\s+year\b|\b(?:past|last)\s+(?:12|twelve)\s+months\b", t):
        # "over the past year", "in the last 12 months": the year up to today, not the calendar year before
        return DateRange(today - dt.timedelta(days=DAYS_IN_YEAR), today, "in the past 12 months")
    if re.search(r"\b(last|previous)\s+year\b", t):
        return DateRange(
            dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31), f"in {today.year - 1}"
        )
    month_year = rf"(?:({MONTH_RE})\.?\s+)?((?:19|20)\d\d)"
    span = re.search(r"\b((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)?\d\d)\b", t)  # "2024-25", "2025-2026"
    if span and not re.search(rf"\b(?:since|after|from|before|until|till|by)\s+{month_year}\b", t):
        first, last = int(span.group(1)), int(span.group(2)[-2:]) + int(span.group(1)) // 100 * 100
        if first < last <= today.year:
            return DateRange(dt.date(first, 1, 1), dt.date(last, 12, 31), f"in {first}-{last}")
    since = re.search(rf"\b(since|after|from)\s+{month_year}\b", t)
    before = re.search(rf"\b(before|until|till|prior to|by)\s+{month_year}\b", t)
    start: dt.date | None = None
    end: dt.date | None = None
    parts: list[str] = []
    if since:
        year = int(since.group(3))
        month = MONTHS[since.group(2)] if since.group(2) else 1
        start = dt.date(year, month, 1)
        if since.group(1) == "after" and not since.group(2):
            start = dt.date(year + 1, 1, 1)
        parts.append(f"since {since.group(2).title() + ' ' if since.group(2) else ''}{year}")
    if before:
        year = int(before.group(3))
        month = MONTHS[before.group(2)] if before.group(2) else 1
        end = dt.date(year, month, 1) - dt.timedelta(days=1)
        if before.group(1) == "by":  # "by feb 2026": up to the end of it
            end = _month_end(year, month) if before.group(2) else dt.date(year, 12, 31)
        parts.append(f"{before.group(1)} {before.group(2).title() + ' ' if before.group(2) else ''}{year}")
    if (start and start > today) or (end and end.year > today.year):
        return None
    if start or end:
        return DateRange(start, end, " and ".join(parts))
    season = re.search(r"\b(spring|summer|autumn|fall)\s+(?:of\s+)?((?:19|20)\d\d)\b", t)
    if season and int(season.group(2)) <= today.year:
        # a season of a year named: its three months, as the northern hemisphere counts them ("summer 2025")
        first = _SEASON_STARTS[season.group(1)]
        year = int(season.group(2))
        return DateRange(dt.date(year, first, 1), _month_end(year, first + 2), f"in {season.group(1)} {year}")
    within = (
        re.search(rf"\b(?:in|during|of|from|since)\s+(?:early\s+|late\s+|mid-?)?{month_year}\b", t)
        or re.search(rf"^\W*{month_year}\b", t)
        # ...a month of a year the moves or news are counted for: "how many moves did u log for november 2025"
        or re.search(rf"\b(?:for|dated|throughout)\s+(?=(?:{MONTH_RE})\b){month_year}\b", t)
        # a bare year next to the moves or news it dates: "anthropic hires 2026", "2025 departures"
        or re.search(rf"\b(?:{_DATED_NOUNS})\s+{month_year}\b", t)
        or re.search(rf"\b{month_year}\s+(?:{_DATED_NOUNS})\b", t)
        # ...or after a name as a heading: "deepseek 2026 - funding and exits", "deepseek 2026 so far: ..."
        or re.search(rf"\b[a-z]+\s+{month_year}(?:\s+[-–—]\s|\s+so far\b)", t)
        # ...or before the order it is asked in: "google's rough june 2026 day by day"
        or re.search(rf"\b{month_year}\s+(?:day[- ]by[- ]day|step[- ]by[- ]step|in order)\b", t)
    )
    if within:
        year = int(within.group(2))
        if year > today.year:
            return None  # "by 2030", "in 2030": a forecast, not when articles were published
        if within.group(1):
            month = MONTHS[within.group(1)]
            return DateRange(
                dt.date(year, month, 1), _month_end(year, month), f"in {within.group(1).title()} {year}"
            )
        return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), f"in {year}")
    return None


# ...and a question about a legal fight over a move asks about the fight: "did alibaba really go after a guy
# legally for joining bytedance", "who did openai sue for leaving".
_SUED = re.compile(r"\b(?:legal(?:ly)?|lawsuits?|sued|sues|suing|arbitration|tribunal|court)\b", re.I)


def says_move(text: str) -> bool:
    """Does the text use a word of moving ("hired", "left", "poached", "joined")?"""
    return bool(_MOVE_WORDS.search(text))


def parse_question(text: str, entities: EntityIndex, today: dt.date, vocabulary: set[str]) -> Question:
    found = [(m, namesake(m, text, vocabulary)) for m in entities.find(text)]
    mentions = [m for m, other in found if other is None]
    others = [other for _, other in found if other is not None]  # ...whose name is unknown: "jeff dean"
    orgs = [m for m in mentions if m.entity.kind == "org"]
    # "Elon Musk's xAI": the person owns the company named, the question is about the company.
    owners = {id(p) for p in mentions for o in orgs if re.match(r"['’]s\s+$", text[p.end : o.start])}
    people = tuple(m for m in mentions if m.entity.kind == "person" and id(m) not in owners)
    # "who else", and "dawn song's co-founders": people besides those named
    others_than = (
        people if _ELSE.search(text) else tuple(m for m in people if _THEIR_PEOPLE.match(text[m.end :]))
    )
    roles = directions(text, orgs)
    return Question(
        text=text,
        about_moves=(
            bool(_MOVE_WORDS.search(untimed := LEGAL.sub(" ", _TIME_CLAUSE.sub(" ", text))))
            or bool(_WHO_FROM_AT_TO.search(untimed))
            # "the people who've gone meta -> openai": an arrow between two companies is a move
            or any(arrow_between(text, a, b) for a, b in pairwise(orgs))
        )
        and not one_described(text)
        and not _SUED.search(text),
        mentions=tuple(mentions),
        origins=tuple(m for m in orgs if roles[id(m)] == "source"),
        destinations=tuple(m for m in orgs if roles[id(m)] == "destination"),
        people=tuple(m for m in people if m not in others_than),
        others_than=others_than,
        either=tuple(m for m in orgs if roles[id(m)] == "either"),
        dates=parse_dates(text, today),
        latest=bool(_LATEST.search(text)),
        unknown_names=tuple(dict.fromkeys((*unknown_names(text, entities, vocabulary), *others))),
    )
