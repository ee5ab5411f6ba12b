"""Where a typed word is a name, to be corrected only into a name of the articles or not at all: typed with a
capital inside a sentence, where a question names a company ("from X", "did X hire", "X's"), or after a first
name the articles never use ("dario amodei")."""

from __future__ import annotations

import re
from collections.abc import Callable

from answer.query import HIRING_VERBS
from answer.slips import english_frequencies
from answer.spell_index import MIN_WORD

_NAME_BEFORE = re.compile(
    r"\b(?:from|did|does|do|has|have|join|joined|joins|joining|left|leave|leaves|quit|quits|out of|"
    r"(?:works?|working|worked|staff|people|researchers) (?:at|for)|"
    r"(?:moved?|moves|moving|went|gone|go|goes|going|switched|jumped|headed) to)\s+$",
    re.I,
)
_HAS = re.compile(r"\b(?:has|have|had)\s+$", re.I)
_NAME_AFTER = re.compile(
    rf"^(?:'s|’s|\s+(?:{HIRING_VERBS}|ceo|cto|cfo|coo|boss|president|chairman|(?:co-?)?founders?|headcount|"
    r"employees|staff|valuation|revenue)\b)",
    re.I,
)


def typed_as_name(text: str, match: re.Match[str]) -> bool:
    """Is the word a name: typed with a capital inside a sentence, or where a question names a company
    ("from X", "did X hire", "X poached", "X ceo", "X's")? Then only a name of the articles can be meant."""
    start, end = match.span()
    inside = start > 0 and not text[:start].rstrip().endswith((".", "?", "!"))
    if match.group(0)[:1].isupper() and inside:
        return True
    if match.group(0).endswith("ed") and _HAS.search(text[:start]):
        return False  # "who has pocahed the most": a participle, not a name
    return bool(_NAME_BEFORE.search(text[:start]) or _NAME_AFTER.match(text[end:]))


# A word the articles never use, written less often than this in English, and no slip of a known word, is a
# name ("dario": 0.6 million); the word after it is the rest of the name, not a misspelt word ("amodei").
FIRST_NAME_FREQUENCY = 1_000_000
_LAST_WORD = re.compile(r"\b([A-Za-z]+)\s+$")


def after_first_name(before: str, known: Callable[[str], bool]) -> bool:
    """Does the text before a word end with one no slip explains, that the articles never use (`known`
    says which they do, or which are slips) and English writes rarely: a first name ("dario"), so the word
    after it is the rest of the name, no misspelt "model"?"""
    last = _LAST_WORD.search(before)
    if last is None:
        return False
    word = last.group(1).lower()
    rare = english_frequencies().get(word, 0) < FIRST_NAME_FREQUENCY  # "dario" (0.6 million), not "sam"
    return len(word) >= MIN_WORD and rare and not known(word)
