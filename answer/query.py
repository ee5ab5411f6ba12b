"""Understanding a question: is it about talent moves, which names and dates does it mention?"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from answer.unknown import unknown_names
from corpus.entities import EntityIndex, Mention

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

# The verbs written right after a company that hires or loses people: "amazon hired", "X poaching".
HIRING_VERBS = r"hire[sd]?|hiring|poach\w*|recruit\w*|lose|lost|lure[sd]?"
# "Garden leave", "on leave": time off, not leaving.
NOT_TIME_OFF = r"(?<!garden )(?<!paid )(?<!parental )(?<!sick )(?<!annual )(?<!on )"
# "who ... from/at/to": who moved, or works where; not a sum "valued at" ("who led it and what's it valued at")
_WHO_FROM_AT_TO = re.compile(
    r"\bwho\b.*\b(?:from|to|(?<!valued )(?<!priced )(?<!pegged )(?<!estimated )(?<!capped )at)\b", re.I
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
    r"pull(?:s|ed|ing)? (?:\w+ ){0,2}(?:out of|away from))\b",
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
_SOURCE_BEFORE = re.compile(
    r"\b(from|left|leave|leaves|leaving|quit|quits|departed|departing|exited|out of|defected from|lose|lost|"
    # ...or where someone was: "used to be at google research", "formerly of openai", "ex-meta", "former apple"
    r"used to (?:be|work) (?:at|for|with)|formerly (?:at|of|with)|former)\s+$|\bex-$",
    re.I,
)
# The words for a company's people: "apple people", "openai researchers", "tml founders".
STAFF = (
    r"(?:people|ppl|folks|staff(?:ers)?|employees|researchers|engineers|scientists|talent|alumni|veterans|execs|"
    r"executives|"
    r"(?:co-?)?founders|founding members)"
)
# ...and the kind of them: "apple ai people", "openai's top researchers".
_STAFF_KIND = r"(?:(?:ai|ml|research|top|best|senior)\s+)?"
# Words between a company and what it does: "openai keeps losing", "meta has been poaching".
_AUXILIARY = r"(?:(?:keeps?|kept|has|have|had|is|are|was|were|been|just|really|still|also|seriously|on a|going on a)\s+)*"
_SOURCE_AFTER = re.compile(
    rf"^\S*\s+{_AUXILIARY}(lost|losing|lose|losses|departures|exodus|exits|leavers|defectors|alumni)\b|"
    # "apple people ended up at meta", "openai researchers who joined meta", "apple ai people went": whom X had
    rf"^\S*\s+{_STAFF_KIND}{STAFF}"
    r"\s+(?:who\s+|that\s+)?(?:have\s+|had\s+)?(?:ended up|end up|went|gone|moved|joined|left|jumped|defected|"
    r"landed|switched|quit|departed|exited|resigned)\b",
    re.I,
)
# Taking people, then whose people they were: "who poached the most qwen people", "who hired openai staff".
_TAKING = re.compile(
    r"\b(poach\w*|hir(?:e|ed|es|ing)|lur(?:e|ed|es|ing)|st(?:ole|eal|ealing)|nab\w*|snag\w*|grab\w*|"
    r"pick(?:ed)? up|took|take|taken)\b",
    re.I,
)
_STAFF_OF = re.compile(rf"^\S*?(?:['’]s)?\s+{_STAFF_KIND}{STAFF}\b", re.I)
_DEST_BEFORE = re.compile(r"\b(to|into|join|joined|joins|joining|by|for|at|did|does|has|have)\s+$", re.I)
_DEST_AFTER = re.compile(
    rf"^\S*\s+{_AUXILIARY}(hire|hired|hires|hiring|recruit|recruited|recruiting|poach|poached|poaching|lure|"
    r"lured|luring|sign|signed|bring|brought|snag|nab|get|got|take|took|taken|taking|add|added)\b",
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
    if re.search(r"\b(last|past|previous)\s+year\b", t):
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
    within = (
        re.search(rf"\b(?:in|during|of|from|since)\s+(?:early\s+|late\s+|mid-?)?{month_year}\b", t)
        or re.search(rf"^\W*{month_year}\b", t)
        # a bare year next to the moves or news it dates: "anthropic hires 2026", "2025 departures"
        or re.search(rf"\b(?:{_DATED_NOUNS})\s+{month_year}\b", t)
        or re.search(rf"\b{month_year}\s+(?:{_DATED_NOUNS})\b", t)
        # ...or after a name as a heading: "deepseek 2026 - funding and exits", "deepseek 2026 so far: ..."
        or re.search(rf"\b[a-z]+\s+{month_year}(?:\s+[-–—]\s|\s+so far\b)", t)
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


# "Where did alibaba tongyi's speech lab head end up": the company in whom it asks about is where they left.
_WHERE_WENT = re.compile(
    r"^\W*where\s+(?:did|does|has|have|had|is|are|was|were)\s+(?P<who>.+?)\s+(?:end(?:ed)? up|go|gone|"
    r"land(?:ed)?|move|moved|headed|wind up|wound up)\b",
    re.I,
)


# ...one person it describes by their job: "where did alibaba's tongyi speech lead end up" asks the story of
# one move, not for a list of Alibaba's.
_ONE_JOB = re.compile(
    r"\b(?:head|lead|leader|chief|boss|founder|co-?founder|ceo|cto|scientist|researcher|engineer|guy|person)\W*$",
    re.I,
)


def _one_described(text: str) -> bool:
    went = _WHERE_WENT.match(text)
    return went is not None and _ONE_JOB.search(went.group("who")) is not None


# Taking someone to court is no hire: "the qwen lead alibaba took to arbitration".
_LEGAL = re.compile(
    r"\b(?:took|take|takes|taken|taking|sued|sues|sue|suing)\b(?:\s+\w+){0,3}?\s+(?:to\s+)?"
    r"(?:court|arbitration|tribunal|task)\b",
    re.I,
)


# ...and a question about a legal fight over a move asks about the fight: "did alibaba really go after a guy
# legally for joining bytedance", "who did openai sue for leaving".
_SUED = re.compile(r"\b(?:legal(?:ly)?|lawsuits?|sued|sues|suing|arbitration|tribunal|court)\b", re.I)


def _role(text: str, mention: Mention) -> str:
    if _LEGAL.match(text[mention.end :].lstrip()):
        return "either"
    went = _WHERE_WENT.match(text)
    if went is not None and mention.end <= went.end("who"):
        return "source"
    before = text[: mention.start]
    # From the name's last word: "thinking machines hire" ends a name of two words.
    after = text[mention.start :]
    last = text[mention.start + text[mention.start : mention.end].rfind(" ") + 1 :]
    if _SOURCE_BEFORE.search(before) or _SOURCE_AFTER.search(after) or _SOURCE_AFTER.search(last):
        return "source"
    if _TAKING.search(text) and (_STAFF_OF.search(after) or _STAFF_OF.search(last)):
        return "source"  # "who has poached the most tongyi people", "apple's ai people has meta taken"
    if re.search(r"\b(did|does|has|have|had|will)\s+$", before, re.I) and re.search(
        r"\b(lose|lost)\b", text[mention.end :], re.I
    ):
        return "source"
    if _AT.search(before) and _LEAVING.search(text) and not _JOINING.search(text):
        return "source"  # "whats going on at xai, like half the cofounders bailed?": whom xAI lost
    if _DEST_BEFORE.search(before) or _DEST_AFTER.search(after) or _DEST_AFTER.search(last):
        return "destination"
    return "either"


# A company people are "at" is where they join when the question says so, else where they leave.
_AT = re.compile(r"\bat\s+$", re.I)
_LEAVING = re.compile(
    r"\b(left|leav(?:e|es|ing)|quit(?:s|ting)?|bail(?:s|ed|ing)?|depart(?:s|ed|ing|ures?)?|exit(?:s|ed|ing)?|"
    r"resign(?:s|ed|ing)?|walk(?:ed|ing)? out|jump(?:ed|ing)? ship)\b",
    re.I,
)
_JOINING = re.compile(
    r"\b(join(?:s|ed|ing)?|hir(?:e|es|ed|ing)|recruit\w*|poach\w*|brought in|arriv\w*|came|come|went|gone)\b",
    re.I,
)


def _named_role(text: str, mention: Mention) -> str:
    """The direction of a company named more than once is the one a naming of it gives: "meta and tml
    keep swapping ppl, who did tml get from meta" asks for the moves from Meta to TML."""
    surface = re.escape(text[mention.start : mention.end])
    roles = [
        _role(text, Mention(mention.entity, m.start(), m.end()))
        for m in re.finditer(rf"(?<!\w){surface}(?!\w)", text, re.I)
        if m.start() >= mention.start
    ]
    directed = {r for r in roles if r != "either"}
    if len(directed) == 1:
        return directed.pop()
    # ...unless namings disagree: "who did openai take from anthropic and who did anthropic take from openai"
    return _role(text, mention)


# Two names joined as one side of a move: "from xai and google", "bytedance seed / tiktok people".
# ...or written side by side, a company and its part: "openai stargate execs".
_COORDINATED = re.compile(r"\s*(?:,|/|&|\+|\band\b|\bor\b)?\s*(?:also\s+)?", re.I)


def _coordinated(roles: dict[int, str], orgs: list[Mention], text: str) -> dict[int, str]:
    """Names joined by "and", "or", "/" share the direction one of them has: in "who did Anthropic pick up
    from xAI and Google" both are sources."""
    groups: list[list[Mention]] = []
    for m in orgs:
        if groups and _COORDINATED.fullmatch(text[groups[-1][-1].end : m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    shared = dict(roles)
    for group in groups:
        directions = {roles[id(m)] for m in group} - {"either"}
        if len(directions) == 1:
            (direction,) = directions
            shared.update({id(m): direction for m in group})
    return shared


# An arrow typed between two names: from the first to the second.
ARROW = re.compile(r"->|→|=>")
# A move written as one company "to" another: "openai to anthropic moves", "google → meta defections".
_ONE_TO_ANOTHER = re.compile(rf"\s*(?:to|2|{ARROW.pattern})\s*", re.I)


def _arrow_between(text: str, left: Mention, right: Mention) -> bool:
    """Is what stands between two names an arrow ("meta -> openai")?"""
    return ARROW.fullmatch(text[left.end : right.start].strip()) is not None


def _one_to_another(roles: dict[int, str], orgs: list[Mention], text: str) -> dict[int, str]:
    """Two companies written "X to Y", the first with no direction, are where people came from and went ("to"
    alone reads Y as where they went)."""
    directed = dict(roles)
    for left, right in pairwise(orgs):
        # an arrow says it whatever the words before ("who've gone meta -> openai"), "to" only after none
        if (
            (_arrow_between(text, left, right) or roles[id(left)] == "either")
            and roles[id(right)] != "source"
            and _ONE_TO_ANOTHER.fullmatch(text[left.end : right.start])
        ):
            directed[id(left)], directed[id(right)] = "source", "destination"
    return directed


def says_move(text: str) -> bool:
    """Does the text use a word of moving ("hired", "left", "poached", "joined")?"""
    return bool(_MOVE_WORDS.search(text))


def parse_question(text: str, entities: EntityIndex, today: dt.date, vocabulary: set[str]) -> Question:
    mentions = entities.find(text)
    orgs = [m for m in mentions if m.entity.kind == "org"]
    # "Elon Musk's xAI": the person owns the company named, the question is about the company.
    owners = {id(p) for p in mentions for o in orgs if re.match(r"['’]s\s+$", text[p.end : o.start])}
    people = tuple(m for m in mentions if m.entity.kind == "person" and id(m) not in owners)
    # "who else", and "dawn song's co-founders": people besides those named
    others_than = (
        people if _ELSE.search(text) else tuple(m for m in people if _THEIR_PEOPLE.match(text[m.end :]))
    )
    roles = _one_to_another(_coordinated({id(m): _named_role(text, m) for m in orgs}, orgs, text), orgs, text)
    return Question(
        text=text,
        about_moves=(
            bool(_MOVE_WORDS.search(untimed := _LEGAL.sub(" ", _TIME_CLAUSE.sub(" ", text))))
            or bool(_WHO_FROM_AT_TO.search(untimed))
            # "the people who've gone meta -> openai": an arrow between two companies is a move
            or any(_arrow_between(text, a, b) for a, b in pairwise(orgs))
        )
        and not _one_described(text)
        and not _SUED.search(text),
        mentions=tuple(mentions),
        origins=tuple(m for m in orgs if roles[id(m)] == "source"),
        destinations=tuple(m for m in orgs if roles[id(m)] == "destination"),
        people=tuple(m for m in people if m not in others_than),
        others_than=others_than,
        either=tuple(m for m in orgs if roles[id(m)] == "either"),
        dates=parse_dates(text, today),
        latest=bool(_LATEST.search(text)),
        unknown_names=unknown_names(text, entities, vocabulary),
    )
