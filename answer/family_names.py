"""How the articles name a person again after the first time: by the family name, which comes last in
"Noam Shazeer" ("Shazeer joined...") and first in "Guo Daya" ("Guo joined..."), as Chinese names are written.
Read from the articles, since the order of a name cannot be told from the name ("Zhou Chang", "Huiwen Chang")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from corpus.model import Article


def _alone(word: str, text: str) -> int:
    """How often the word stands in the text as a name of its own (capitalised, whole)."""
    return len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))


def family_first_names(articles: Iterable[Article]) -> dict[str, str]:
    """Each person of two or more words whose articles name them again by the first word more often than by
    the last: their name, with that first word ("Guo Daya": "Guo"). Everyone else goes by the last word."""
    first: Counter[str] = Counter()
    last: Counter[str] = Counter()
    for article in articles:
        for person in article.people:
            parts = person.split()
            if len(parts) < 2:
                continue
            rest = article.body.replace(person, " ")  # the full name is not the short one
            first[person] += _alone(parts[0], rest)
            last[person] += _alone(parts[-1], rest)
    return {person: person.split()[0] for person, count in first.items() if count > last[person]}


def family_name(person: str, family_first: Mapping[str, str]) -> str:
    """The word the articles name the person by again: their family name."""
    parts = person.split()
    return family_first.get(person) or (parts[-1] if parts else "")
