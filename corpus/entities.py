"""Names of the people and organisations in the corpus, and finding them in free text (questions)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.model import Article
from corpus.text import AMBIGUOUS_NAME_WORDS, STOP_WORDS, fold_accents, word_set, word_spans, words

# Words that don't identify an organisation on their own: function words ("of", "the") and generic parts.
GENERIC = STOP_WORDS | word_set(
    "ai lab labs research inc team group co corp company technologies technology institute university academy "
    "platforms superintelligence intelligence machine learning model models new unit department office state "
    "council national global foundation center centre college school startup start-up"
)


# Names whose key words are kept: every name of a large corpus, looked up again for each move counted.
KEY_CACHE = 65536
# An organisation's short name as the articles define it: "Safe Superintelligence (SSI)", "Thinking Machines
# Lab (TML)"; questions use it ("who runs ssi now").
_DEFINED_ACRONYM = re.compile(r"\b([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,4})\s+\(([A-Z]{3,6})\)")
# A name written as one word whose last part is generic is said without it: "manpower" for ManpowerGroup.
_STEM_OF_JOINED = re.compile(r"([A-Z][a-z]{4,})(?:Group|Labs|Lab|Technologies|Corp)")


@functools.lru_cache(maxsize=KEY_CACHE)
def key_tokens(name: str) -> frozenset[str]:
    """The words that name an organisation or person, without the generic ones ("AI", "Lab", "Inc")."""
    return frozenset(w for w in words(name) if w not in GENERIC)


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str  # "person" or "org"
    keys: frozenset[str]


@dataclass(frozen=True)
class Mention:
    entity: Entity
    start: int  # character offset in the text
    end: int


class EntityIndex:
    """All names in the corpus; finds which are meant in a question."""

    def __init__(
        self, people: Iterable[str], orgs: Iterable[str], acronyms: dict[str, str] | None = None
    ) -> None:
        """`acronyms`: an organisation's short name ("ssi") by its name ("Safe Superintelligence")."""
        self.entities: list[Entity] = []
        seen: set[tuple[str, str]] = set()
        for kind, names in (("person", people), ("org", orgs)):
            for name in names:
                keys = key_tokens(name)
                if keys and (kind, name.lower()) not in seen:
                    seen.add((kind, name.lower()))
                    self.entities.append(Entity(name, kind, keys))
        # A single token that names exactly one person (a surname such as "Karpathy") is enough.
        owners: dict[str, set[str]] = {}
        for e in self.entities:
            for t in e.keys:
                owners.setdefault(t, set()).add(e.name.lower())
        self._unique_person_tokens = {
            t: e
            for e in self.entities
            if e.kind == "person"
            for t in e.keys
            if len(t) >= 4 and t not in AMBIGUOUS_NAME_WORDS and len(owners[t]) == 1
        }
        by_name = {e.name.lower(): e for e in self.entities if e.kind == "org"}
        self._acronyms = {
            short: by_name[name.lower()]
            for short, name in (acronyms or {}).items()
            if name.lower() in by_name and short not in owners and short not in STOP_WORDS
        }
        self.vocabulary = {t for e in self.entities for t in e.keys} | set(self._acronyms)
        # Each name's key words without accents, as the words of a question are matched: "piotr dollar"
        # names Piotr Dollár.
        self._plain_keys = [(e, frozenset(fold_accents(t) for t in e.keys)) for e in self.entities]
        # Names whose one key word is too common to find them by ("safe" of Safe Superintelligence).
        self._ambiguous_keyed = [
            e for e in self.entities if len(e.keys) == 1 and next(iter(e.keys)) in AMBIGUOUS_NAME_WORDS
        ]

    @classmethod
    def from_articles(cls, articles: Iterable[Article]) -> EntityIndex:
        people: list[str] = []
        orgs: list[str] = []
        acronyms: dict[str, str] = {}
        for a in articles:
            people.extend(a.people)
            orgs.extend(a.companies)
            for match in _DEFINED_ACRONYM.finditer(a.body):
                acronyms.setdefault(match.group(2).lower(), match.group(1))
            for name in a.companies:
                if (stem := _STEM_OF_JOINED.fullmatch(name)) is not None:
                    acronyms.setdefault(stem.group(1).lower(), name)
            for m in a.moves:
                people.append(m.person)
                if m.to:
                    orgs.append(m.to)
                if m.from_:
                    orgs.append(m.from_)
        return cls(people, orgs, acronyms)

    def find(self, text: str) -> list[Mention]:
        """Entities named in the text, longest names first, each with where it was found."""
        positions: dict[str, tuple[int, int]] = {}
        for start, end, word in word_spans(text):
            typed = text[start : start + len(word)].lower() == word  # "ssi" of "ssi's"
            span = (start, start + len(word) if typed else end)
            positions.setdefault(word, span)
            positions.setdefault(fold_accents(word), span)  # "dollar" typed for "dollár"
        present = set(positions)
        found: list[Mention] = []
        for e, keys in self._plain_keys:
            if keys <= present and not (len(e.keys) == 1 and next(iter(e.keys)) in AMBIGUOUS_NAME_WORDS):
                spans = [
                    positions[t] for t in keys
                ]  # as typed: "ineffable's seed" names Ineffable Intelligence
                start, end = min(a for a, _ in spans), max(b for _, b in spans)
                if len(e.keys) > 1 and _APART.search(text[start:end]):
                    continue  # "google or deepmind", "google, deepmind included": two names, not one
                found.append(Mention(e, start, end))
        low = text.lower()
        for e in self._ambiguous_keyed:  # "Safe Superintelligence": only its whole name names it
            # ...and as its owner writes it when lower case is everyday English: "FAIR", "The Information"
            at = _whole(e.name, text) if _EVERYDAY_NAME.match(e.name) else _whole(e.name.lower(), low)
            if at is not None and not any(m.entity is e for m in found):
                found.append(Mention(e, at, at + len(e.name)))
        for tok, e in self._unique_person_tokens.items():
            if tok in present and not any(m.entity is e for m in found):
                found.append(Mention(e, *positions[tok]))
        for tok, e in self._acronyms.items():  # where "msl" is typed, though "meta" (its keys) is too
            if tok in present:
                found = [m for m in found if m.entity is not e] + [Mention(e, *positions[tok])]
        # Drop a mention whose keys are a strict subset of another of the same kind ("Meta" inside
        # "Meta Superintelligence Labs" is kept: different keys; "Google" inside "Google DeepMind" is dropped).
        # Names that mean the same in a question ("Meta", "Meta Superintelligence Labs": both {meta}) are one
        # mention, under the shortest name.
        found.sort(key=lambda m: (-len(m.entity.keys), len(m.entity.name)))
        kept: list[Mention] = []
        for m in found:
            if any(m.entity.kind == k.entity.kind and _within(m, k) for k in kept):
                continue
            kept.append(m)
        return sorted(kept, key=lambda m: m.start)


# What sets two names apart, between the words of what would be one longer name: "google or deepmind",
# "google, deepmind included", "google/deepmind", "google (incl deepmind)".
_APART = re.compile(r"[,/(]|\b(?:or|and|plus|including|incl)\b", re.I)


def _within(m: Mention, k: Mention) -> bool:
    """Is mention `m` part of `k`: fewer keys, or the same keys where `k` is written ("meta" in "meta
    superintelligence labs"), not apart from it ("who did meta name chief scientist of msl": two names)?"""
    if not m.entity.keys <= k.entity.keys:
        return False
    return m.entity.keys != k.entity.keys or (m.start < k.end and k.start < m.end)


# A one-word name, or one opening with "The": written in lower case, everyday words ("fair", "the information").
_EVERYDAY_NAME = re.compile(r"^(?:\S+|The .+)$")


def _whole(phrase: str, text: str) -> int | None:
    """Where the phrase stands as whole words in the text, or None."""
    found = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
    return None if found is None else found.start()


# Units whose names do not carry their owner's: "ByteDance" covers TikTok as it covers "ByteDance Seed".
_OWNERS = {"tiktok": "bytedance"}


def same_org(asked: Entity, name: str | None) -> bool:
    """Does an organisation asked about cover this name? "Google" covers "Google DeepMind", "ByteDance" covers
    "TikTok"."""
    if name is None:
        return False
    keys = key_tokens(name)
    keys |= {_OWNERS[k] for k in keys if k in _OWNERS}
    return bool(asked.keys) and asked.keys <= keys


def same_person(asked: Entity, name: str) -> bool:
    return asked.keys <= key_tokens(name)


def surname(name: str) -> str:
    """A person's last name as a lower-case word, as sentences name them again ("Noam Shazeer": "shazeer")."""
    found = words(name)
    return found[-1] if found else ""
