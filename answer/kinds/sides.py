"""What two sides a question weighs ("anthropic or deepmind, who keeps staff longer": Anthropic and DeepMind,
each with "keeps staff"), and what it asks of both."""

from __future__ import annotations

import re
from dataclasses import dataclass

from answer.context import Context
from answer.cues import FIRST_PERSON
from answer.follow_topics import PLACES
from answer.query import Question
from corpus.entities import EntityIndex
from corpus.text import STOP_WORDS, word_set, word_spans

# "A vs B", "A versus B", "A v B", "A compared with B".
_VERSUS = re.compile(r"\s+(?:vs\.?|versus|v\.?|compared? (?:to|with)|against)\s+", re.I)
# ...but not an action taken against something: "the lawsuit against the h1b fee", "ruled against".
_ACTION_AGAINST = re.compile(
    r"\b(?:lawsuits?|suits?|sued|sues|suing|case|cases|claims?|complaints?|ruled|ruling|rulings|appeals?|"
    r"challenges?|action|fight|fought|fighting|protests?|campaign|lobb\w+|measures?|rules?|arbitration|"
    r"filed|decided|injunction|sanctions?|backlash|pushback|push back|pushed back|warned|voted)\s+against\b",
    re.I,
)
# "A or B, which/who ...?" and "which/who ..., A or B?".
_ASKING = r"(?:which|who|who's|whos|where|what|how)\b"
_OR_THEN_WHICH = re.compile(
    rf"^(?P<a>.+?)\s+or\s+(?P<b>[^,?]+?)(?:\s*[,:-]\s*|\s+)(?P<tail>{_ASKING}.+)$", re.I
)
_WHICH_THEN_OR = re.compile(rf"^(?P<tail>{_ASKING}[^,?]+?)\s*[,:-]\s*(?P<a>.+?)\s+or\s+(?P<b>.+?)$", re.I)
# "is A better than B at X", "how do A and B differ in X", "difference between A and B on X".
_BETTER_THAN = re.compile(
    r"^(?:is|are|was|does|do|did)\s+(?P<a>.+?)\s+(?:(?:doing\s+)?(?:better|worse|stronger|weaker|ahead of|"
    r"behind)|(?:paying|offering|hiring)\s+more)\s+(?:than\s+)?(?P<b>.+?)"
    r"(?:\s+(?:at|in|on|for|when it comes to)\s+(?P<tail>.+))?$",
    re.I,
)
_DIFFER = re.compile(
    r"^(?:how\s+)?(?:do|does|did)\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s+(?:differ|compare|stack up)"
    r"(?:\s+(?:in|on|at|for|when it comes to)\s+(?P<tail>.+))?$|"
    r"^(?:what(?:'s|s| is| are)?\s+)?(?:the\s+)?differences?\s+between\s+(?P<a2>.+?)\s+and\s+(?P<b2>.+?)"
    r"(?:\s+(?:in|on|at|for|when it comes to)\s+(?P<tail2>.+))?$|"
    # "compare ami and ineffable intelligence funding rounds", "compare ant group and alibaba on ai intake"
    r"^(?:pls\s+|please\s+|can you\s+)?compare\s+(?P<a3>.+?)\s+(?:and|with|to)\s+(?P<b3>.+?)"
    r"(?:\s+(?:in|on|at|for|by|when it comes to)\s+(?P<tail3>.+))?$",
    re.I,
)
# "<subject> before vs after <event>": one subject over time.
_BEFORE_AFTER = re.compile(r"\b(?:before|previously|then|old)\s*$", re.I)
_AFTER = re.compile(r"\s*(?:after|now|new|today)\b", re.I)
# ...the words of weighing one against the other, which say nothing of what is compared.
_WEIGHING = STOP_WORDS | word_set(
    "which who whose whom was were is are more most less least bigger biggest larger largest higher "
    "highest lower smaller better worse longer shorter faster cheaper pricier one ones side overall vs "
    "versus compare compared comparison exactly roughly really actually"
)
# What the table of `compare.Compare` shows: asked alone of two companies, the table answers it.
TABLE_WORDS = word_set(
    "hiring hire hires hired talent moves move people staff poaching poached recruiting recruits leaders "
    "war wars battle race who's winning win wins ahead lead leading doing stack stacks up ai overall general "
    "strategy strategies approach approaches compete competing competition rivals rivalry differ difference "
    "differences"
)
# A country or region named as a side: "germany vs the us".
_PLACE = re.compile(rf"\b(?:{'|'.join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))})\b", re.I)


@dataclass(frozen=True)
class Sides:
    texts: tuple[str, str]  # what to search for each side: the side with what is asked of both
    labels: tuple[str, str]  # each side as the question names it


def content_of(text: str) -> list[str]:
    return [w for _, _, w in word_spans(text) if w not in _WEIGHING]


# The asker speaking of themselves: a remark before the question, not one of two sides.
_REMARK = re.compile(rf"\b(?:{FIRST_PERSON})\b", re.I)


def weighed(text: str) -> tuple[str, str, str] | None:
    """The two sides of a question that weighs one against the other, and what it asks of both ("" when
    nothing in particular): "meta vs openai", "is anthropic better than openai at keeping people"."""
    text = text.strip(" ?!.")
    tail = ""
    parts = _VERSUS.split(text)
    if len(parts) == 2 and _ACTION_AGAINST.search(text):
        return None  # "which state is leading the lawsuit against the h1b fee": a fight, not two sides
    if len(parts) == 2:
        a, b = parts
        if "," in b or ":" in b:  # "meta vs tml, who...", "microsoft vs google deepmind: who's poaching who"
            b, tail = (p.strip() for p in re.split(r"[,:]", b, maxsplit=1))
            if _REMARK.search(b):
                return None  # "the altman vs bosworth drama confuses me, what did meta's cto claim": a remark
    else:
        found = _OR_THEN_WHICH.match(text) or _WHICH_THEN_OR.match(text)
        if found is not None:
            a, b, tail = found.group("a"), found.group("b"), found.group("tail")
        elif (found := _BETTER_THAN.match(text) or _DIFFER.match(text)) is not None:
            groups = found.groupdict()
            a = groups["a"] or groups.get("a2") or groups.get("a3") or ""
            b = groups["b"] or groups.get("b2") or groups.get("b3") or ""
            tail = groups["tail"] or groups.get("tail2") or groups.get("tail3") or ""
        else:
            return None
    a, b = re.sub(r"^\s*(?:compare|comparing)\s+", "", a, flags=re.I).strip(), b.strip()
    if _BEFORE_AFTER.search(a) and _AFTER.match(b):
        return (
            None  # "bytedance vesting before vs after the overhaul": one subject at two times, no two sides
        )
    # What is asked may come first: "among the most elite ai researchers, chinese vs american share".
    before, comma, a_side = a.rpartition(",")
    if comma and before.strip() and a_side.strip():
        a, tail = a_side.strip(), f"{tail} {before.strip()}".strip()
    return (a, b, tail) if a and b else None


def sides(q: Question, entities: EntityIndex) -> Sides | None:
    """The two sides of a question weighing one thing for each, or None (no sides, or nothing in particular
    asked of them: `compare.Compare`'s table)."""
    found = weighed(q.text)
    if found is None:
        return None
    a, b, tail = found
    if any(_vague(side, entities) for side in (a, b)):
        return None  # "was deepseek paying better than the big guys": no second side to search for
    asked = " ".join(content_of(tail))
    # A side that is only a name stands in for the other side's name: "meta vs tml staff turnover" asks about
    # Meta's staff turnover, "how many spacexai leavers went to meta vs tml" about those who went to TML.
    if _bare(a, entities) and not _bare(b, entities):
        start, end = _name_span(b, entities, last=False)
        a = f"{b[:start]}{a}{b[end:]}"
    elif _bare(b, entities) and not _bare(a, entities):
        start, end = _name_span(a, entities, last=True)
        b = f"{a[:start]}{b}{a[end:]}"
    else:
        a, b = _shared_ends(a, b, entities)
    texts = (f"{a} {asked}".strip(), f"{b} {asked}".strip())
    # ...a name the articles lack is a side too ("compare amazon and meta": `Compare` says it has none on it)
    unknown = {w for name in q.unknown_names for w in content_of(name)}
    if not (set(content_of(texts[0])) | set(content_of(texts[1]))) - TABLE_WORDS - names_of(q) - unknown:
        return None
    return Sides(texts, (a, b))


# A side that is everyone else, not one named: "the big guys", "its rivals", "everyone else".
_VAGUE = word_set(
    "big guys guy others other everyone everybody else rest rivals rival competitors competition peers tech "
    "giants incumbents players labs companies firms nah lol"
)


def _vague(side: str, entities: EntityIndex) -> bool:
    """Is the side everyone else, with no name (`_VAGUE`)?"""
    said = content_of(side)
    return bool(said) and not entities.find(side) and set(said) <= _VAGUE


# Whose figures a comparison asks for, after its sides: "per signalfire", "according to manpowergroup".
_SOURCE = re.compile(r"\s*(?:per|according to|says?|by|in)\b", re.I)


def _shared_ends(a: str, b: str, entities: EntityIndex) -> tuple[str, str]:
    """Sides asked as "<what> <name> vs <name> <whose figures>" ("two year retention anthropic vs meta per
    signalfire"): what comes before the first side's name and after the second's is asked of both."""
    a_start, a_end = _name_span(a, entities, last=True)
    b_start, b_end = _name_span(b, entities, last=False)
    named = entities.find(a) and entities.find(b)
    if not named or a[a_end:].strip() or b[:b_start].strip():
        return a, b
    before, after = a[:a_start], b[b_end:]
    if entities.find(before) or (entities.find(after) and not _SOURCE.match(after)):
        return a, b  # "google for windsurf or nvidia for groq": two deals, each side its own
    return f"{before}{a[a_start:a_end]}{after}", f"{before}{b[b_start:b_end]}{after}"


def aspect_words(q: Question) -> set[str]:
    """What a comparison asks of the companies besides what the table shows ("two year retention")."""
    return set(content_of(q.text)) - TABLE_WORDS - names_of(q) - _CUE_WORDS


# Words that ask for a comparison, not what of.
_CUE_WORDS = word_set("compare compared comparing comparison side head v")


def asked_sides(q: Question, ctx: Context) -> Sides | None:
    """`sides` of the question, worked out once (`Compare` and `SideBySide` both ask)."""
    return ctx.once("sides", lambda: sides(q, ctx.state.entities))


def _bare(side: str, entities: EntityIndex) -> bool:
    """Is the side only a name ("meta", "thinking machines", "the us")?"""
    named = {w for m in entities.find(side) for w in m.entity.keys}
    return len(side.split()) == 1 or not [w for w in content_of(side) if w not in named]


def _name_span(side: str, entities: EntityIndex, *, last: bool) -> tuple[int, int]:
    """Where the side names its first (or last) company, person or place ("the us on hiring difficulty in
    manpowergroup's survey": "the us"); else its first (or last) word."""
    named = sorted(
        [(m.start, m.end) for m in entities.find(side)]
        + [(p.start(), p.end()) for p in _PLACE.finditer(side)]
    )
    if named:
        return named[-1] if last else named[0]
    spans = [(a, b) for a, b, _ in word_spans(side)]
    return spans[-1] if last else spans[0]


def names_of(q: Question) -> set[str]:
    """The words of the names the question mentions, as keys and as written."""
    return {w for m in q.mentions for w in (*m.entity.keys, *(w for _, _, w in word_spans(m.entity.name)))}
