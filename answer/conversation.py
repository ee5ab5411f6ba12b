"""Follow-ups in a conversation: "and from OpenAI?", "what about Google?", "when did he join?".

A follow-up is rewritten into a whole question from the previous one (its subject, kind and period) before it
is answered, and the answer says how it was read. Context expires after `CONTEXT_TTL`."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from answer.model import Answer
from answer.query import MONTH_RE, Question
from corpus.entities import Mention

# A conversation older than this is a new one: "and from OpenAI?" an hour later is not about Meta any more.
CONTEXT_TTL_S = 30 * 60
# A follow-up is short; a long question stands on its own even if it starts with "and".
MAX_FOLLOW_UP_WORDS = 12

_OPENER = re.compile(
    r"^\s*(?:and|but|also|so|ok|okay)?\s*(?:(?:what|how)\s+about|same\s+(?:for|with)|and)\b\s*", re.I
)
_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers|they|them|their)\b", re.I)
_POSSESSIVE = {"his", "her", "hers", "their"}
_DATE_PHRASE = re.compile(
    rf"\b(?:(?:in|during|since|after|before|from|until|of)\s+(?:early\s+|late\s+|mid-?)?(?:(?:{MONTH_RE})\.?\s+)?"
    r"(?:19|20)\d\d|(?:this|last|past|previous)\s+(?:week|month|year)|today)\b",
    re.I,
)
_FROM = re.compile(r"\b(?:from|left|leaving|out of)\s*$", re.I)
_TO = re.compile(r"\b(?:to|at|by|for|joined|joining)\s*$", re.I)
_PERSON_LINE = re.compile(r"^([^:]{3,60}):")


@dataclass(frozen=True)
class Turn:
    question: Question  # the previous question, as answered (already rewritten if it was a follow-up)
    person: str | None  # the one person it was about, for "he"/"she"
    at: float


def _person_of(q: Question, answer: Answer) -> str | None:
    """Whom "he" or "she" means next: the person the question named, else the first person the answer lists."""
    if q.people:
        return q.people[0].entity.name
    if answer.listing and answer.lines:
        first = _PERSON_LINE.match(answer.lines[0].text)
        return first.group(1) if first else None
    return None


def _span(text: str, mention: Mention) -> tuple[int, int]:
    """Where a mention's words are in the text: from its start through the last word of its name."""
    end = mention.start
    name_words = {w.lower() for w in mention.entity.name.split()} | mention.entity.keys
    for word in re.finditer(r"\S+", text[mention.start :]):
        token = word.group(0).lower().strip("?,.!;:").removesuffix("'s").removesuffix("’s")
        if token not in name_words:
            break
        end = mention.start + word.end()
    return mention.start, max(end, mention.start + len(mention.entity.name.split()[0]))


def _replace(text: str, old: Mention, new: str) -> str:
    start, end = _span(text, old)
    return text[:start] + new + text[end:]


@dataclass
class Conversation:
    """One chat's context. `resolve` before answering, `remember` after."""

    clock: Callable[[], float] = time.monotonic
    ttl_s: float = CONTEXT_TTL_S
    _last: Turn | None = field(default=None, repr=False)

    def reset(self) -> None:
        self._last = None

    def remember(self, q: Question, answer: Answer) -> None:
        if answer.answered or q.mentions:
            self._last = Turn(q, _person_of(q, answer), self.clock())

    def previous(self) -> Turn | None:
        if self._last is not None and self.clock() - self._last.at > self.ttl_s:
            self._last = None
        return self._last

    def resolve(self, text: str, parse: Callable[[str], Question]) -> str:
        """The whole question a follow-up stands for (the text itself when it is not a follow-up)."""
        last = self.previous()
        if last is None or len(text.split()) > MAX_FOLLOW_UP_WORDS:
            return text
        q = parse(text)
        pronoun = _PRONOUN.search(text)
        if pronoun and not q.people and last.person:
            return _PRONOUN.sub(lambda m: _refer(m.group(1), last.person or ""), text, count=1)
        opener = _OPENER.match(text)
        if opener is None and (q.mentions or q.dates is None) and not _only_names(text, q):
            return text
        fragment = text[opener.end() :] if opener else text
        return _merge(last.question, parse(fragment), fragment) or text


def _refer(pronoun: str, person: str) -> str:
    return f"{person}'s" if pronoun.lower() in _POSSESSIVE else person


def _only_names(text: str, q: Question) -> bool:
    """ "OpenAI?", "Google DeepMind": a message that is nothing but a name."""
    rest = text
    for m in sorted(q.mentions, key=lambda m: -m.start):
        start, end = _span(text, m)
        rest = rest[:start] + rest[end:]
    return bool(q.mentions) and not re.search(r"\w", rest)


def _merge(last: Question, new: Question, fragment: str) -> str | None:
    """The previous question with the follow-up's names and dates put in their place."""
    text = last.text
    changed = False
    for m in sorted(new.mentions, key=lambda m: -m.start):
        before = fragment[: m.start]
        name = fragment[_span(fragment, m)[0] : _span(fragment, m)[1]]
        slot = _slot(last, m, before)
        if slot is not None:
            text = _replace(text, slot, name)
        elif m.entity.kind == "org":
            text = _append(text, f"{'from' if _FROM.search(before) else 'to'} {name}")
        else:
            continue
        changed = True
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


def _slot(last: Question, new: Mention, before: str) -> Mention | None:
    """The mention of the previous question that the follow-up's name takes the place of."""
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
