"""Names typed wrong, read as the articles give them: "antrhopic" is Anthropic, "jon shulman" John Schulman,
"deep seek" DeepSeek, "zuck" Zuckerberg. Only names are corrected here; ordinary words are `spelling`'s."""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable

from answer.english import is_english, vocabulary_words
from answer.slips import english_slip, likely_slip
from corpus.text import fold_accents

# Names this long or shorter may differ from their misspelling by one letter in length, longer ones by two.
SHORT_NAME = 6
# A word this short is taken for a misspelt name only one edit away from it: two edits turn a short English
# word into a name ("joke" -> "Joel").
SHORT_TYPO = 5
# A word this short in capitals is an abbreviation typed on purpose ("ASAP"), not a misspelt name ("Asia").
MAX_ACRONYM = 5


def one_edit(a: str, b: str) -> bool:
    """Are two different words one typing slip apart: a letter added, dropped, changed or two swapped?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        swapped = (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
        return len(diff) == 1 or swapped
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# Nicknames the press and users give people the articles name in full: read as the surname.
NICKNAMES = {"zuck": "zuckerberg", "boz": "bosworth", "sama": "altman"}


# Name words that are English too but mostly typed as the name: "antropic" is Anthropic, "gogle" Google.
NAME_WORDS_KEPT = frozenset({"anthropic", "google", "apple", "meta", "microsoft", "amazon", "oracle"})


# A company's name that is an English word too (`NAME_WORDS_KEPT`), with an "s", before what a company has: the
# company's ("meta pulled people out of apples ai teams").
_OWNED = re.compile(
    r"\b([A-Za-z]{3,})s(?=\s+(?:ai|team|teams|staff|researchers|engineers|lab|labs|hires|people|employees|ceo|"
    r"boss|head|chief|founders?|deal|offer|memo|models?)\b)",
    re.I,
)


class TypoFixer:
    """Corrects misspelt names against the corpus ("antrhopic" -> "anthropic", "Bytedanse" -> "ByteDance").

    Only names are corrected: rewriting an ordinary word into a different corpus word would change the
    question, and the dense retriever copes with misspelt ordinary words on its own."""

    def __init__(self, names: set[str], words: set[str], people: Iterable[str] = ()) -> None:
        """`names`: the words of the articles' names; `words`: their other words; `people`: whom they name."""
        self._names = names
        self._words = words | names
        # A person's first name by their surname: "jon shulman" is John Schulman once the surname is fixed.
        self._first_names: dict[str, set[str]] = {}
        # ...and their surname by their first name: "dawn sog" is Dawn Song, a surname too short to correct alone
        self._surnames: dict[str, set[str]] = {}
        for person in people:
            parts = person.lower().split()
            if len(parts) >= 2:
                self._first_names.setdefault(parts[-1], set()).add(parts[0])
                self._surnames.setdefault(parts[0], set()).add(parts[-1])
        self._by_letter: dict[str, list[str]] = {}
        for w in names:
            if len(w) >= 4 and w.isalpha():
                self._by_letter.setdefault(w[0], []).append(w)
        self._cache: dict[str, str] = {}

    def word(self, token: str) -> str:
        low = token.lower()
        if self._possessive(low):  # "zucks memo", "kimis audio work": a name's, typed without the apostrophe
            return f"{self.word(token[:-1])}'s"
        if NICKNAMES.get(low) in self._words:
            full = NICKNAMES[low]
            return full.capitalize() if token[:1].isupper() else full
        acronym = token.isupper() and len(low) <= MAX_ACRONYM
        if len(low) < 4 or not low.isalpha() or low in self._words or acronym or is_english(low):
            return token  # an English word is no misspelt name: "damn" is not "Dawn"
        if low not in self._cache:
            # A short name is one letter away at most: "Cohere" is not a misspelt "Core". A name word that is
            # everyday English is the speller's to correct into: "trining" is "training", not "thinking".
            slack = 1 if len(low) <= SHORT_NAME else 2
            pool = [
                w
                for w in self._by_letter.get(low[0], [])
                if abs(len(w) - len(low)) <= slack and (not is_english(w) or w in NAME_WORDS_KEPT)
            ]
            if len(low) <= SHORT_TYPO:  # "davd" is David, but "joke" is no misspelt "Joel"
                pool = [w for w in pool if one_edit(low, w)]
            best = difflib.get_close_matches(low, pool, n=1, cutoff=0.75)
            self._cache[low] = best[0] if best else low
        fixed = self._cache[low]
        if fixed == low:
            return token
        if not likely_slip(low, fixed) and english_slip(low):
            # "who is runming ssi", "Thimking Machinse Lab": "running", "machines" mistyped, for the speller,
            # not "Ruoming", "McKinsey"
            return token
        return fixed.capitalize() if token[:1].isupper() else fixed

    def _possessive(self, low: str) -> bool:
        """Is the word a name's, typed without the apostrophe ("zucks"), and no English word ("apples")?"""
        base = low[:-1]
        if not low.endswith("s") or len(base) < 2 or low in self._words or low in vocabulary_words():
            return False
        return base in self._words or NICKNAMES.get(base) in self._words

    def fix(self, text: str) -> str:
        fixed = re.sub(r"[A-Za-z]+", lambda m: self.word(m.group(0)), self.joined(text))
        fixed = _OWNED.sub(
            lambda m: f"{m.group(1)}'s" if m.group(1).lower() in NAME_WORDS_KEPT else m.group(0), fixed
        )
        fixed = re.sub(r"\b([A-Za-z]{2,})(?=\s+([A-Za-z]+)\b)", self._first_name, fixed)
        return re.sub(r"\b([A-Za-z]{2,})(\s+)([A-Za-z]{2,})\b", self._surname, fixed)

    def _surname(self, match: re.Match[str]) -> str:
        """A short surname typed wrong after a first name the articles give ("dawn sog", "jimmy bq"), when it
        is no word of the articles or of English."""
        first, space, typed = match.groups()
        low = typed.lower()
        surnames = self._surnames.get(first.lower(), set())
        # ...or typed without its accents, though that is an English word: "piotr dollar" is Piotr Dollár
        plain = [s for s in surnames if s != low and fold_accents(s) == low]
        if plain:
            return first + space + plain[0]
        if low in self._words or is_english(low):
            return match.group(0)
        return first + space + _one_edit_into(typed, surnames)

    def _first_name(self, match: re.Match[str]) -> str:
        """A first name typed wrong before a surname the articles give ("jon schulman", "Andrei Karpathy")."""
        typed, surname = match.groups()
        # "alexander wang" is Alexandr Wang, though Alexander is a name too
        return _one_edit_into(typed, self._first_names.get(surname.lower(), set()))

    def joined(self, text: str) -> str:
        """Two words typed apart that make one name together: "deep seek", "open ai", "signal fire"."""
        tokens = list(re.finditer(r"[A-Za-z]{2,}", text))
        parts: list[str] = []
        done = 0
        for a, b in itertools.pairwise(tokens):
            if a.start() < done or text[a.end() : b.start()] not in (" ", "-"):
                continue
            if (a.group(0) + b.group(0)).lower() in self._names:
                parts += [text[done : a.start()], a.group(0) + b.group(0).lower()]
                done = b.end()
        return "".join([*parts, text[done:]])


def _one_edit_into(typed: str, names: set[str]) -> str:
    """The one of `names` (a person's first names, or surnames) that `typed` is one edit from, with its capital;
    `typed` itself when it is one of them or near none."""
    low = typed.lower()
    if low in names:
        return typed
    meant = next((n for n in sorted(names) if one_edit(low, n)), None)
    if meant is None:
        return typed
    return meant.capitalize() if typed[:1].isupper() else meant
