"""Whether the articles call a person "he" or "she", so that a follow-up's pronoun picks the right one of
the people just talked about ("who did mira murati make cto" then "is he still there?" means the CTO)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from answer.family_names import family_name
from answer.follow_topics import PLURAL
from corpus.model import Article
from corpus.text import whole_words

# A sentence going on about whom the one before named, and only them: "He joined in 2019.", "Her team ...".
_OPENS = re.compile(r"^(He|His|She|Her)\b")
# A pronoun for one person in a follow-up ("when did he join?").
PERSON_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers)\b", re.I)
_HE = frozenset({"he", "his", "him"})
# One way must be said this many times more often than the other to count: the articles rarely disagree, but
# a sentence about two people can mislead.
MAJORITY = 2
# A sentence's subject is named within its first this many characters ("Tencent named Yao Shunyu its ...").
SUBJECT_CHARS = 60


def _said(pronoun: str) -> str:
    return "he" if pronoun.lower() in _HE else "she"


def _named(sentence: str, names: Sequence[str]) -> bool:
    return whole_words(names).search(sentence) is not None


def _early(sentence: str, names: Sequence[str]) -> bool:
    """Is the person named early in the sentence, where its subject is, not as an object at its end?"""
    return min((i for n in names if (i := sentence.find(n)) >= 0), default=len(sentence)) < SUBJECT_CHARS


def pronouns(
    articles: Iterable[Article],
    sentences: Mapping[str, Sequence[str]],
    family_first: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Each person the articles call "he" or "she" (by their full name or surname: the first word of those in
    `family_first`), by how they do so most."""
    counts: dict[str, Counter[str]] = {}
    for article in articles:
        text = sentences.get(article.id, [])
        forms = {p: [p, family_name(p, family_first or {})] for p in article.people if " " in p}
        for i, sentence in enumerate(text):
            named = [p for p, names in forms.items() if _named(sentence, names)]
            if len(named) != 1 or _OPENS.match(sentence) or not _early(sentence, forms[named[0]]):
                continue  # "She will report to Nat Friedman. She is not coming alone.": not Friedman
            following = text[i + 1] if i + 1 < len(text) else ""
            opens = _OPENS.match(following)
            if opens is not None and not any(_named(following, n) for n in forms.values()):
                counts.setdefault(named[0], Counter())[_said(opens.group(1))] += 1
    return {
        person: "he" if said["he"] > said["she"] else "she"
        for person, said in counts.items()
        if max(said["he"], said["she"]) >= MAJORITY * min(said["he"], said["she"])
    }


def asked_pronoun(text: str) -> str | None:
    """ "he" or "she" when a follow-up refers to a person so ("is he still there?"), else None."""
    match = PERSON_PRONOUN.search(text)
    return None if match is None else _said(match.group(1))


def matching(people: Sequence[str], pronoun: str | None, known: Mapping[str, str]) -> str | None:
    """The first of the people the pronoun can mean: one the articles call so, or one they call neither."""
    if not people:
        return None
    if pronoun is None:
        return people[0]
    return next((p for p in people if known.get(p, pronoun) == pronoun), people[0])


_POSSESSIVE = {"his", "her", "their"}
# What follows "her" when it is the object ("offer her?", "hire her from Apple"), not "her role".
_OBJECT_END = re.compile(
    r"\s*(?:$|[?.!,;:]|(?:to|for|from|at|in|on|with|about|again|back|up|out|over|and|or|the|a|an|as|"
    r"when|after|before|last|this|so)\b)",
    re.I,
)
# A plural verb next to "they" that becomes singular when "they" is one person or company.
_AGREE = {
    "were": "was",
    "are": "is",
    "have": "has",
    "do": "does",
    "weren't": "wasn't",
    "aren't": "isn't",
    "haven't": "hasn't",
    "don't": "doesn't",
}


def they_as_one(text: str, name: str) -> str:
    """ "They" as one person or company, with the verb next to it made singular."""
    text = re.sub(
        r"\b(they)\s+(were|are|have|weren't|aren't|haven't)\b",
        lambda m: f"{m.group(1)} {_AGREE[m.group(2).lower()]}",
        text,
        flags=re.I,
    )
    text = re.sub(
        r"\b(were|are|have|do|weren't|aren't|haven't|don't)\s+(they)\b",
        lambda m: f"{_AGREE[m.group(1).lower()]} {m.group(2)}",
        text,
        flags=re.I,
    )
    return PLURAL.sub(lambda m: refer(m.group(1), name, text[m.end() :]), text)


def refer(pronoun: str, name: str, after: str) -> str:
    """The name for a pronoun; "her" is possessive before a noun ("her role"), not before the end of the
    question or a small word ("offer her?", "hire her from Apple")."""
    low = pronoun.lower()
    possessive = low in _POSSESSIVE and (low != "her" or not _OBJECT_END.match(after))
    return f"{name}'s" if possessive else name


# Taking up or turning down an offer is done by the one it was made to, named after the one who made it: "did he
# take it?" after "how much did zuckerberg offer tulloch" is Tulloch.
_TAKES_OFFER = re.compile(
    r"\b(?:(?:take|took|taken) (?:it|that|the (?:offer|deal|package|money))|accept\w*|turn\w* (?:it |that |them )?down|"
    r"refus\w*|reject\w*|declin\w*|s[ae]id no)\b",
    re.I,
)


def offered_to_first(named: Sequence[str], text: str) -> tuple[str, ...]:
    """The people a question named, in order (`named`), the last first when the follow-up takes up or turns
    down what was offered."""
    return tuple(reversed(named)) if len(named) > 1 and _TAKES_OFFER.search(text) else tuple(named)
