"""Names of the people and organisations in the corpus, and finding them in free text (questions)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.model import Article

# Words that don't identify an organisation on their own.
GENERIC = {
    "ai",
    "lab",
    "labs",
    "research",
    "inc",
    "the",
    "team",
    "group",
    "of",
    "and",
    "co",
    "corp",
    "company",
    "technologies",
    "technology",
    "institute",
    "university",
    "academy",
    "for",
    "platforms",
    "superintelligence",
    "intelligence",
    "machine",
    "learning",
    "model",
    "models",
    "new",
    "unit",
    "department",
    "office",
    "state",
    "council",
    "national",
    "global",
    "foundation",
    "center",
    "centre",
    "college",
    "school",
    "startup",
    "start-up",
}
# Common English words that are also parts of names: never a match on their own.
COMMON = {
    "safe",
    "scale",
    "thinking",
    "machines",
    "open",
    "deep",
    "mind",
    "seed",
    "star",
    "top",
    "talent",
    "data",
    "mark",
    "chen",
    "wang",
    "li",
    "yu",
    "zhou",
    "lin",
    "sun",
    "ren",
    "bi",
    "lu",
    "wu",
    "xu",
    "tan",
    "luo",
    "guo",
    "yang",
    "zhang",
    "liu",
    "fu",
    "yao",
    "yan",
    "bo",
    "hui",
    "lee",
    "chang",
    "zhao",
    "kumar",
    "frank",
    "chu",
    "john",
    "daniel",
    "jack",
    "sam",
    "andrew",
    "noam",
    "peter",
    "james",
    "adam",
    "tim",
    "tom",
    "ji",
    "hao",
    "character",
    "answers",
    "knowledge",
    "information",
    "core",
    "explore",
    "fair",
    "tbd",
    "young",
}


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9.'’-]*[a-z0-9]|[a-z0-9]", text.lower().replace("’", "'"))


def key_tokens(name: str) -> frozenset[str]:
    return frozenset(t.removesuffix("'s") for t in tokens(name) if t not in GENERIC)


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

    def __init__(self, people: Iterable[str], orgs: Iterable[str]) -> None:
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
            if len(t) >= 4 and t not in COMMON and len(owners[t]) == 1
        }
        self.vocabulary = {t for e in self.entities for t in e.keys}

    @classmethod
    def from_articles(cls, articles: Iterable[Article]) -> EntityIndex:
        people: list[str] = []
        orgs: list[str] = []
        for a in articles:
            people.extend(a.people)
            orgs.extend(a.companies)
            for m in a.moves:
                people.append(m.person)
                orgs.append(m.to)
                if m.from_:
                    orgs.append(m.from_)
        return cls(people, orgs)

    def find(self, text: str) -> list[Mention]:
        """Entities named in the text, longest names first, each with where it was found."""
        lowered = text.lower().replace("’", "'")
        spans = [
            (m.start(), m.end(), m.group(0).removesuffix("'s"))
            for m in re.finditer(r"[a-z0-9][a-z0-9.'-]*[a-z0-9]|[a-z0-9]", lowered)
        ]
        positions: dict[str, int] = {}
        for start, _, tok in spans:
            positions.setdefault(tok, start)
        present = set(positions)
        found: list[Mention] = []
        for e in self.entities:
            if e.keys <= present and not (len(e.keys) == 1 and next(iter(e.keys)) in COMMON):
                start = min(positions[t] for t in e.keys)
                found.append(Mention(e, start, start + len(e.name)))
        for tok, e in self._unique_person_tokens.items():
            if tok in present and not any(m.entity is e for m in found):
                found.append(Mention(e, positions[tok], positions[tok] + len(tok)))
        # Drop a mention whose keys are a strict subset of another of the same kind ("Meta" inside
        # "Meta Superintelligence Labs" is kept: different keys; "Google" inside "Google DeepMind" is dropped).
        # Names that mean the same in a question ("Meta", "Meta Superintelligence Labs": both {meta}) are one
        # mention, under the shortest name.
        found.sort(key=lambda m: (-len(m.entity.keys), len(m.entity.name)))
        kept: list[Mention] = []
        for m in found:
            if any(m.entity.kind == k.entity.kind and m.entity.keys <= k.entity.keys for k in kept):
                continue
            kept.append(m)
        return sorted(kept, key=lambda m: m.start)


def same_org(asked: Entity, name: str | None) -> bool:
    """Does an organisation asked about cover this name? "Google" covers "Google DeepMind"."""
    if name is None:
        return False
    keys = key_tokens(name)
    return bool(asked.keys) and asked.keys <= keys


def same_person(asked: Entity, name: str) -> bool:
    return asked.keys <= key_tokens(name)
