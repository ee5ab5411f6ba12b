"""Which way a question about talent moves points for each company it names: where people came from ("who
left Apple", "used to be at google research"), where they went ("who did Meta hire", "deepseek on a hiring
spree"), or either ("moves between Meta and TML")."""

from __future__ import annotations

import re
from itertools import pairwise

from corpus.entities import Mention

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


def one_described(text: str) -> bool:
    went = _WHERE_WENT.match(text)
    return went is not None and _ONE_JOB.search(went.group("who")) is not None


# Taking someone to court is no hire: "the qwen lead alibaba took to arbitration".
LEGAL = re.compile(
    r"\b(?:took|take|takes|taken|taking|sued|sues|sue|suing)\b(?:\s+\w+){0,3}?\s+(?:to\s+)?"
    r"(?:court|arbitration|tribunal|task)\b",
    re.I,
)


def _role(text: str, mention: Mention) -> str:
    if LEGAL.match(text[mention.end :].lstrip()):
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


def arrow_between(text: str, left: Mention, right: Mention) -> bool:
    """Is what stands between two names an arrow ("meta -> openai")?"""
    return ARROW.fullmatch(text[left.end : right.start].strip()) is not None


def _one_to_another(roles: dict[int, str], orgs: list[Mention], text: str) -> dict[int, str]:
    """Two companies written "X to Y", the first with no direction, are where people came from and went ("to"
    alone reads Y as where they went)."""
    directed = dict(roles)
    for left, right in pairwise(orgs):
        # an arrow says it whatever the words before ("who've gone meta -> openai"), "to" only after none
        if (
            (arrow_between(text, left, right) or roles[id(left)] == "either")
            and roles[id(right)] != "source"
            and _ONE_TO_ANOTHER.fullmatch(text[left.end : right.start])
        ):
            directed[id(left)], directed[id(right)] = "source", "destination"
    return directed


def directions(text: str, orgs: list[Mention]) -> dict[int, str]:
    """Each company's part in the move asked about, by `id` of its mention: "source" (where people left),
    "destination" (where they went) or "either"."""
    return _one_to_another(_coordinated({id(m): _named_role(text, m) for m in orgs}, orgs, text), orgs, text)
