"""Other forms and spellings of a word: the words it may be another form of ("hirings": hiring), and how the
other side of the Atlantic spells it ("organization": organisation)."""

from __future__ import annotations

import re

from answer.spell_index import MIN_WORD
from corpus.text import stem

# Endings that make another form of a word.
_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "est")


# American and British spellings of one word, each way round: (ending, other ending).
_SPELLINGS = (
    ("program", "programme"),
    ("programs", "programmes"),
    ("ize", "ise"),
    ("izes", "ises"),
    ("ized", "ised"),
    ("izing", "ising"),
    ("ization", "isation"),
    ("izations", "isations"),
    ("yze", "yse"),
    ("yzed", "ysed"),
    ("or", "our"),
    ("ors", "ours"),
    ("er", "re"),
    ("ers", "res"),
    ("ense", "ence"),
    ("eled", "elled"),
    ("eling", "elling"),
    ("og", "ogue"),
    ("ogs", "ogues"),
)


def other_spellings(word: str) -> list[str]:
    """The word as the other side of the Atlantic spells it, by its ending ("organization", "organisation")."""
    found = []
    for a, b in _SPELLINGS:
        for ending, other in ((a, b), (b, a)):
            if word.endswith(ending) and (len(word) - len(ending) > 2 or ending.startswith("program")):
                found.append(word[: len(word) - len(ending)] + other)
    return found


# An ending added to a final e that English drops before it ("hire": "hired", "hiring"; "tie": "tying"): in
# "hireed", "makeing", "retieing" the e is a key typed twice or left in, not another form of "hire".
_KEPT_E = re.compile(r"(?:[^aeiou]|i)e(?:ed|ing|er|ers|est)$")


def bases(word: str) -> list[str]:
    """The words `word` may be another form of: "hirings" (hiring), "ditched" (ditch), "quitting" (quit),
    "companies" (company); not "pying" ("py" is too short to be one)."""
    found = []
    for ending in _ENDINGS:
        base = word[: len(word) - len(ending)]
        if not word.endswith(ending) or len(base) < MIN_WORD - 1 or _KEPT_E.search(base + ending):
            continue
        found.append(base)
        if len(base) > MIN_WORD - 1 and base[-1] == base[-2]:
            found.append(base[:-1])  # a doubled last letter: "quitting", "stopped"
        if base.endswith("i"):
            found.append(base[:-1] + "y")  # "companies", "applied"
    return [b for b in found if stem(b) == stem(word) or b.endswith("y")]
