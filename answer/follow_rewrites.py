"""Follow-ups that ask the last question again another way: "why?", "and when?" ("who did ByteDance hire from
Alibaba?" -> "why did ByteDance hire from Alibaba?"), "and the other way round?" (the two companies swapped), or
with other names and dates: "and from OpenAI?", "in 2024?" (`bare`, then `merged`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from answer.query import MONTH_RE, Question
from corpus.entities import Mention
from corpus.text import words

# "why?", "and when?", "how much?": the previous question asked another way.
_WH_ONLY = re.compile(
    r"^\W*(?:and|but|so|ok|okay)?\W*(why|when|where|how|how much|how many|who)"
    r"(?:\s+(?:was|is|did|does)\s+(?:that|this|it)(?:\s+happen)?)?\W*$",
    re.I,
)
# "and the other way round?", "vice versa?": the moves question with the two companies swapped.
_OTHER_WAY = re.compile(
    r"^\W*(?:and|but|so|ok|okay|what about|how about)?\W*(?:the\s+)?(?:other|opposite|reverse)\s+"
    r"(?:direction|way)(?:\s+(?:round|around))?\W*$|^\W*(?:and\s+)?(?:vice\s+versa|the\s+reverse)\W*$",
    re.I,
)
_ASKED = re.compile(
    r"^\W*(?:(?:and|but|so|ok|okay)\s+)?(?:who|what|why|when|where|which|how(?:\s+much|\s+many)?)\b(?=\s+(?:did|does|do|is|was|were|are|"
    r"has|have|had|will|can|could|would)\b)",
    re.I,
)

_DATE_PHRASE = re.compile(
    rf"\b(?:(?:in|during|since|after|before|from|until|of)\s+(?:early\s+|late\s+|mid-?)?(?:(?:{MONTH_RE})\.?\s+)?"
    r"(?:19|20)\d\d|(?:this|last|past|previous)\s+(?:week|month|year)|today)\b",
    re.I,
)
# A name after these is where people came from, or went: the slot of the earlier question it takes.
_FROM = re.compile(r"\b(?:from|left|leaving|out of)\s*$", re.I)
_TO = re.compile(r"\b(?:to|at|by|for|joined|joining)\s*$", re.I)
# What a bare follow-up may hold besides names and dates: "and from OpenAI instead?", "in 2024 then?".
_FILLER = re.compile(
    # "who was the one from anthropic": which of the last answer's people came from there
    r"\b(?:who|which)\s+(?:was|were|is|are)\s+the\s+ones?\b|"
    r"\b(?:and|or|but|also|so|ok|okay|then|too|instead|please|the|from|to|at|in|for|by|of|with|same|"
    r"what|how|about)\b",
    re.I,
)


def asked_again(text: str, last: Question) -> str | None:
    """The last question asked with the follow-up's question word ("why?"); the follow-up itself when the last
    question cannot be asked that way; None when the follow-up is not a bare question word."""
    wh = _WH_ONLY.match(text)
    if wh is None:
        return None
    return _ask_instead(last.text, wh.group(1)) or text


def other_way(text: str, last: Question) -> str | None:
    """The last moves question with its two companies swapped ("vice versa?"); the follow-up itself when it
    has not one company each way; None when the follow-up does not ask the other way round."""
    if not _OTHER_WAY.match(text):
        return None
    return _swapped(last) or text


def _ask_instead(text: str, wh: str) -> str | None:
    """ "why?" after "who did ByteDance hire from Alibaba?" -> "why did ByteDance hire from Alibaba?"."""
    asked = _ASKED.match(text)
    return f"{wh.lower()}{text[asked.end() :]}" if asked else None


def _swapped(q: Question) -> str | None:
    """ "who did Meta hire from OpenAI?" -> "who did OpenAI hire from Meta?" (None: not one company each way)."""
    if len(q.origins) != 1 or len(q.destinations) != 1:
        return None
    first, second = sorted((q.origins[0], q.destinations[0]), key=lambda m: m.start)
    (a, b), (c, d) = span(q.text, first), span(q.text, second)
    return q.text[:a] + q.text[c:d] + q.text[b:c] + q.text[a:b] + q.text[d:]


def span(text: str, mention: Mention) -> tuple[int, int]:
    """Where a mention's words are in the text: from its start through the last word of its name, without
    the punctuation after it ("Google?" -> "Google")."""
    end = mention.start
    name_words = {w.lower() for w in mention.entity.name.split()} | mention.entity.keys
    name_words.add(text[mention.start : mention.end].lower())  # a short name: "ssi"
    for word in re.finditer(r"\S+", text[mention.start :]):
        core = word.group(0).rstrip("?,.!;:")
        if core.lower().removesuffix("'s").removesuffix("’s") not in name_words:
            break
        end = mention.start + word.start() + len(core)
    return mention.start, max(
        end, mention.start + min(len(mention.entity.name.split()[0]), mention.end - mention.start)
    )


def bare(fragment: str, q: Question) -> bool:
    """ "OpenAI?", "from Google DeepMind", "in 2024?": nothing but names, dates and small words."""
    rest = fragment
    for m in sorted(q.mentions, key=lambda m: -m.start):
        start, end = span(fragment, m)
        rest = rest[:start] + " " + rest[end:]
    rest = _FILLER.sub(" ", _DATE_PHRASE.sub(" ", rest))
    return bool(q.mentions or q.dates) and not re.search(r"\w", rest)


def _replace(text: str, old: Mention, new: str) -> str:
    start, end = span(text, old)
    return text[:start] + new + text[end:]


def merged(last: Question, new: Question, fragment: str) -> str | None:
    """The earlier question with the follow-up's names and dates put in their place."""
    text = last.text
    changed = False
    slots = _paired(last, new)
    replaced: dict[int, tuple[Mention, str]] = {}
    for m in sorted(new.mentions, key=lambda m: -m.start):
        start, end = span(fragment, m)
        slot = slots.get(id(m)) or _slot(last, m, fragment[:start])
        if slot is not None and slot.start not in replaced:
            replaced[slot.start] = (slot, fragment[start:end])
        elif m.entity.kind == "org":
            text = _append(
                text, f"{'from' if _FROM.search(fragment[:start]) else 'to'} {fragment[start:end]}"
            )
        else:
            continue
        changed = True
    for start in sorted(replaced, reverse=True):  # right to left: the earlier positions stay valid
        slot, name = replaced[start]
        text = _replace(text, slot, name)
    if new.dates is not None:
        phrase = _DATE_PHRASE.search(fragment)
        if phrase:
            old = _DATE_PHRASE.search(text)
            text = (
                text[: old.start()] + phrase.group(0) + text[old.end() :]
                if old
                else _append(text, phrase.group(0))
            )
            changed = True
    return text if changed else None


def _paired(last: Question, new: Question) -> dict[int, Mention]:
    """ "and Google for Windsurf?" after "what did Meta pay for Scale AI?": as many companies as the earlier
    question named take their places in order (keyed by the id of the follow-up's mention)."""
    theirs = sorted((m for m in new.mentions if m.entity.kind == "org"), key=lambda m: m.start)
    ours = sorted((m for m in last.mentions if m.entity.kind == "org"), key=lambda m: m.start)
    if len(theirs) < 2 or len(theirs) != len(ours):
        return {}
    return {id(t): o for t, o in zip(theirs, ours, strict=True)}


def _slot(last: Question, new: Mention, before: str) -> Mention | None:
    """The mention of the earlier question that the follow-up's name takes the place of."""
    if new.entity.kind == "person":
        return last.people[0] if last.people else None
    if _FROM.search(before):
        return last.origins[0] if last.origins else None
    if _TO.search(before):
        return last.destinations[0] if last.destinations else None
    # "Who did Meta hire from Apple?" then "what about OpenAI?": the subject (Meta) stays, the last name changes.
    orgs = [*last.either, *last.destinations, *last.origins]
    return max(orgs, key=lambda m: m.start) if orgs else None


def _append(text: str, words: str) -> str:
    stripped = text.rstrip(" ?.!")
    return f"{stripped} {words}{text[len(stripped) :] or '?'}"


def named_in_full(text: str, last: Question, parse: Callable[[str], Question]) -> str:
    """A company the last question named, typed again by a word too common to find it by alone ("who runs
    scale now then" after a question about Scale AI): named in full. Not a verb ("to scale up")."""
    typed = set(words(text))
    one_word = [m.entity for m in last.mentions if m.entity.kind == "org" and len(m.entity.keys) == 1]
    candidates = [e for e in one_word if e.keys <= typed]
    if not candidates:
        return text  # the usual case: no such word, and no second reading of the message
    found = {m.entity.name for m in parse(text).mentions}
    for e in candidates:
        if e.name in found:
            continue
        key = re.escape(next(iter(e.keys)))
        text = re.sub(rf"(?<!\bto )\b{key}\b(?!\s+(?:up|down|back|ai)\b)", e.name, text, count=1, flags=re.I)
    return text
