"""Countries a question names in lower case that the articles never mention: "is canada doing anything to
attract ai researchers" asks about a place they do not cover, however close the rest of it comes to them.
The names come from pycountry (ISO 3166), so no list of countries is kept here."""

from __future__ import annotations

import functools
import re
from collections.abc import Set as AbstractSet

import pycountry

from corpus.text import words

# Country names that are also everyday words or first names, which a question uses as such ("turkey",
# "chad", "jordan"): never taken for the country in lower case.
EVERYDAY_NAMES = frozenset({"chad", "china", "georgia", "guinea", "jersey", "jordan", "turkey", "niger"})


@functools.cache
def _countries() -> dict[str, str]:
    """Lower-case name -> name as written, for the short and the common name of every country ("Korea,
    Republic of" is left out: its common name "South Korea" is how people write it)."""
    found: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name and "," not in name and "(" not in name and name.lower() not in EVERYDAY_NAMES:
                found[name.lower()] = name
    return found


@functools.cache
def _pattern() -> re.Pattern[str]:
    names = sorted(_countries(), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in names)})(?![\w-])")


def unknown_countries(text: str, vocabulary: AbstractSet[str]) -> tuple[str, ...]:
    """The countries named in `text` in lower case none of whose words the articles use (`vocabulary`:
    their lower-case words), written as they are spelt ("Canada")."""
    found = []
    for match in _pattern().finditer(text):
        name = match.group(0)
        if not all(w in vocabulary for w in words(name)):
            found.append(_countries()[name])
    return tuple(dict.fromkeys(found))


def countries_named(text: str) -> tuple[str, ...]:
    """The countries `text` names (any case), written as they are spelt ("India"); not China and the other
    names that are everyday words too (`EVERYDAY_NAMES`)."""
    return tuple(dict.fromkeys(_countries()[m.group(0)] for m in _pattern().finditer(text.lower())))
