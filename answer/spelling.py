"""Misspelt ordinary words, corrected before a question is read: "who is the chief scirntist of msl",
"how many peope work at deepseek", "why is the ftc looking at acqiihires". Left alone, such a word is taken
for something the articles never mention and the question is refused, or it weakens the search.

A word is corrected only when neither the articles nor everyday English (`answer.english`) know it, into the
closest word they do know (SymSpell, Damerau-Levenshtein distance 1, or 2 for longer words): the articles' own
words first, then the more frequent. A word typed with a capital inside a sentence, or where a question names a
company ("who did anysphere hire?"), is a name the user means and is corrected only into a name of the
articles, one letter away ("Octobeer" is October, "Figma" and "anysphere" stay as typed)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from symspellpy import Verbosity

from answer.english import vocabulary_words
from answer.lexicon import ANSWER_WORDS, CHAT_WORDS, doer_bases
from answer.name_pairs import in_name_pair
from answer.slips import RARE_ENGLISH, english_frequencies, likely_slip, rare_slip, swaps, two_slips
from answer.spell_index import (
    COMMON_ENGLISH,
    MAX_EDITS,
    MIN_WORD,
    SHORT_WORD,
    common_index,
    english_index,
    symspell,
)
from answer.typed_names import after_first_name, typed_as_name
from answer.unknown import EVERYDAY_WORDS
from answer.word_forms import bases, other_spellings
from corpus.text import STOP_WORDS, stem, word_parts

# An English word the articles never use is meant rather than theirs when written this many times more often.
FAR_MORE_OFTEN = 10
_TOKEN = re.compile(r"[A-Za-z]+")
# A non-word that a slip of the finger makes of an English word written at least this often is that word
# garbled, not a word of its own (`Speller.garbled`).
GARBLED_ENGLISH = 100_000
# ...and two slips of one written at least this often ("leles": levels, 67 million), which names the articles
# lack are not ("baidu" is no garbled "baird", 1.4 million).
TWICE_GARBLED_ENGLISH = 10_000_000
# A word typed as a name this long, one slip from a word of the articles, is that word: names that long and
# that close to one of their words, yet never written in them, are rare.
LONG_NAME_WORD = 8
# A word typed with two letters swapped is read as the articles' word when they use it this often: "joni" is
# "join", but a rare word of theirs does not stand in for an English word they never use.
COMMON_SWAP = 5
# Prefixes that make another word of one.
_PREFIXES = ("re", "un", "co", "ex", "pre", "non", "mis", "over", "under", "out", "sub", "super")


def _swapped_function_word(word: str) -> str | None:
    """A three-letter word typed with two letters swapped, when that makes one function word: "teh" (the),
    "adn" (and); "hwo" could be "who" or "how", and is left."""
    found = set(swaps(word)) & STOP_WORDS
    return found.pop() if len(found) == 1 else None


# A prefix typed apart from its word that the articles join with a hyphen: "post training" (not "ex tesla").
_PREFIXED = re.compile(r"\b(post|pre|co|non|multi|cross|anti|self|semi|sub|mid)\s+([a-z]{3,})\b", re.I)


class Speller:
    """Corrects the words of a question that neither the articles nor English know."""

    def __init__(self, corpus_words: Iterable[str], names: Iterable[str] = ()) -> None:
        """`corpus_words`: every word of the articles, as often as they write it; `names`: the words of the
        names they give (people, companies, places, months), which a name typed wrong may be meant as."""
        self._names = frozenset(names)
        written = list(corpus_words)
        self._corpus = Counter(p for w in written for p in word_parts(w) if p.isalpha())
        self._corpus.update(w.replace("-", "") for w in written if "-" in w)  # "acquihire" for "acqui-hire"
        # ...which the question then writes as the articles do, for the keyword search to find it.
        self._hyphenated = {
            w.replace("-", ""): w for w in written if "-" in w and w.replace("-", "").isalpha()
        }
        self._unhyphenated = {w for w in written if "-" not in w}  # "startup" as well as "start-up": as typed
        self._prefixed = {w for w in self._hyphenated.values() if _PREFIXED.fullmatch(w.replace("-", " "))}
        self._corpus_index = symspell(w for w in self._corpus if len(w) >= MIN_WORD - 1)
        self._corpus_stems = {stem(w) for w in self._corpus}
        self._cache: dict[tuple[str, bool], str | None] = {}

    def knows(self, word: str) -> bool:
        """Do the articles or English use this word, or another form of it ("hirings")?"""
        if word in CHAT_WORDS or word in ANSWER_WORDS or word in EVERYDAY_WORDS:
            return True  # "lmao", "gonna": how people type, not misspellings
        if self._known_form(word):
            return True
        if self._swapped_english(word) or self._near_written(word):
            return False  # "expries", "retension": "expires", "retention" typed, not "ex" + "pries"
        return any(  # "rehiring", "cofounded", "unpaid": a known word behind a prefix
            word.startswith(prefix)
            and len(word) - len(prefix) >= MIN_WORD
            and self._known_form(word[len(prefix) :])
            for prefix in _PREFIXES
        )

    def garbled(self, word: str) -> bool:
        """Is the word no word at all, but what slips of the finger make of one the articles or English use
        ("whsts", "opmai", "leles": whats, openai, levels), though too far from it to correct with confidence?
        Such a word says nothing about what the question is about ("mistral" and "baidu" are no such slips)."""
        if len(word) < MIN_WORD or not word.isalpha() or word in english_frequencies():
            return False
        if any(likely_slip(word, w) for w in (*CHAT_WORDS, *ANSWER_WORDS, *EVERYDAY_WORDS)):
            return True  # "whsts"
        frequencies = english_frequencies()
        # (word meant, written often enough for one slip to garble it, and for two)
        near = [
            (str(s.term), self._corpus[str(s.term)] >= COMMON_SWAP, self._corpus[str(s.term)] >= COMMON_SWAP)
            for s in self._corpus_index.lookup(word, Verbosity.ALL, max_edit_distance=MAX_EDITS)
        ]
        near += [
            (
                str(s.term),
                frequencies.get(str(s.term), 0) >= GARBLED_ENGLISH,
                frequencies.get(str(s.term), 0) >= TWICE_GARBLED_ENGLISH,
            )
            for s in english_index().lookup(word, Verbosity.ALL, max_edit_distance=MAX_EDITS)
        ]
        return any(
            (once and likely_slip(word, w)) or (twice and len(word) >= SHORT_WORD and two_slips(word, w))
            for w, once, twice in near
        )

    def _one_edit(self, word: str) -> list[str]:
        """The articles' words one edit from `word`, not the word itself."""
        found = self._corpus_index.lookup(word, Verbosity.ALL, max_edit_distance=1)
        return [str(s.term) for s in found if str(s.term) != word]

    def _near_written(self, word: str) -> bool:
        """Is the word one letter from a word the articles write often ("retension": retention)?"""
        return any(self._corpus[w] >= COMMON_SWAP for w in self._one_edit(word))

    @staticmethod
    def _swapped_english(word: str) -> bool:
        """Do two letters swapped make a word English writes often?"""
        common = english_frequencies()
        return any(w != word and common.get(w, 0) >= RARE_ENGLISH for w in swaps(word))

    def _known_form(self, word: str) -> bool:
        return self.knows_exactly(word) or any(self.knows_exactly(base) for base in bases(word))

    def knows_exactly(self, word: str) -> bool:
        return (
            word in self._corpus
            or word in vocabulary_words()
            or english_frequencies().get(word, 0) >= COMMON_ENGLISH
        )

    def spelt_as_written(self, word: str) -> str | None:
        """The articles' spelling of a word they write the British or American way only: "program" is
        "programme", "organization" "organisation", "license" "licence"; or with a hyphen only: "acquihires"
        is "acqui-hires" (None: no other spelling to use)."""
        hyphenated = self._hyphenated.get(word)
        if hyphenated is not None and word not in self._unhyphenated:
            return hyphenated
        if word in self._corpus:
            return None
        return next((v for v in other_spellings(word) if v in self._corpus), None)

    def correction(self, word: str, *, name: bool = False) -> str | None:
        """The word meant by a misspelt lower-case `word` (None: not misspelt, or no close word); a `name`
        (typed with a capital, or where a company is named) only becomes a name of the articles, one letter
        away."""
        if len(word) == MIN_WORD - 1 and word.isalpha() and not self.knows(word):
            return _swapped_function_word(word)
        if len(word) < MIN_WORD or not word.isalpha() or self.knows(word):
            return None
        key = (word, name)
        if key not in self._cache:
            undoubled = None if name else self._undoubled(word, name=False)
            closest = None if undoubled in self._corpus else self._closest(word, name)
            # ...a letter left out of a word of the articles rather than one typed twice in an English word
            # they never use: "pang at appe" is Apple, not "ape"
            slipped = closest is not None and closest in self._corpus and likely_slip(word, closest)
            self._cache[key] = closest if slipped else (undoubled or closest)
        return self._cache[key]

    def _undoubled(self, word: str, *, name: bool = True) -> str | None:
        """A word of the articles (or, for a word not typed as a name, any word known) the typed one becomes
        without one of a letter typed twice ("boommerang", "signaal", "whaats"): a key held too long, not an
        unknown company's name (None: no such word)."""
        single = (word[:i] + word[i + 1 :] for i in range(len(word) - 1) if word[i] == word[i + 1])
        return next((w for w in single if w in self._corpus or (not name and self.knows(w))), None)

    def _swapped_into_corpus(self, word: str) -> str | None:
        """An English word the articles never use that two letters swapped make one they use often: "when did
        karpathy joni anthropic" (None: none such)."""
        if word in self._corpus or word in CHAT_WORDS or word in ANSWER_WORDS or word in EVERYDAY_WORDS:
            return None
        if english_frequencies().get(word, 0) >= RARE_ENGLISH:
            return None  # "tired" is meant as typed, not "tried"
        if any(base in self._corpus for base in bases(word)) or stem(word) in self._corpus_stems:
            return None  # "suing", where the articles write "sued": meant as typed, not "using"
        return next((w for w in swaps(word) if w != word and self._corpus[w] >= COMMON_SWAP), None)

    def _slip_into_name(self, word: str) -> str | None:
        """A rare English word, typed where a name goes, that a slip of the finger makes from a name the
        articles write often: "hire from Appel" is Apple, "salaries in Chiba" China (None: none such)."""
        if word in self._corpus or len(word) < MIN_WORD + 1 or word in EVERYDAY_WORDS:
            return None
        if english_frequencies().get(word, 0) >= RARE_ENGLISH:
            return None
        meant = [
            w
            for w in self._one_edit(word)
            if w in self._names and self._corpus[w] >= COMMON_SWAP and likely_slip(word, w)
        ]
        return max(meant, key=lambda w: (self._corpus[w], w), default=None)

    def _slip_into_corpus(self, word: str) -> str | None:
        """A word known only as another word's form ("hies" of "hie", "raies" of "rai") that a slip of the
        finger makes from a word the articles use: that word, the most written (None: none such)."""
        if len(word) < MIN_WORD or not word.isalpha() or word in CHAT_WORDS or word in EVERYDAY_WORDS:
            return None
        if any(base in self._corpus for base in doer_bases(word) if word.endswith("ers")):
            return None  # "hirers": those who hire, a form of a word the articles use
        meant = [w for w in self._one_edit(word) if likely_slip(word, w)]
        return max(meant, key=lambda w: (self._corpus[w], w), default=None)

    def _closest(self, word: str, name: bool) -> str | None:
        short = len(word) <= SHORT_WORD
        edits = 1 if short or name else MAX_EDITS
        # A short word one letter from an English word the articles never use is as likely a term or a name
        # the articles lack ("gpus" is not "opus") as a typo: only the articles' words are taken for it.
        indexes = (self._corpus_index,) if short or name else (self._corpus_index, english_index())
        found: dict[str, int] = {
            str(s.term): int(s.distance)
            for index in indexes
            for s in index.lookup(word, Verbosity.ALL, max_edit_distance=edits)
        }
        frequencies, closest = english_frequencies(), min(found.values(), default=MAX_EDITS)
        if not short and not name:  # "pocahed": poached, one swap away
            found |= {
                str(s.term): int(s.distance)
                for s in common_index().lookup(word, Verbosity.ALL, max_edit_distance=1)
                if str(s.term) not in found
                and word not in bases(str(s.term))  # not "dumplings" for "dumpling"
                and (frequencies[str(s.term)] >= COMMON_ENGLISH or rare_slip(word, str(s.term), closest))
            }
        # Two edits from a word the articles lack is a name as likely as a typo, unless two slips explain it
        found = {w: d for w, d in found.items() if d < MAX_EDITS or w in self._corpus or two_slips(word, w)}
        if name:
            # A long word is one of the articles' words one slip away, though they write it in lower case too
            # ("Meta Superibtelligence Labs", "Qingyun Scholasrhip"); a shorter one only one of their names.
            found = {
                w: d
                for w, d in found.items()
                if w in self._names or (len(word) >= LONG_NAME_WORD and likely_slip(word, w))
            }
        slips = [frequencies.get(w, 0) for w in found if likely_slip(word, w)]
        if found and not slips and short and not name:
            # ...and a chat spelling a slip of the finger explains beats words none does: "whas" is "whats" (a
            # letter left out), not "has" or "was" (a letter typed in before them)
            found = {w: 1 for w in CHAT_WORDS if likely_slip(word, w)} or found
        if slips and short and not name:
            # ...but an English word the articles lack that people write far more often is the likelier one:
            # "realy" is "really" (162 million), not the articles' "relay" (9 million)
            top = max(*slips, frequencies.get(word, 0), 1)
            far = {
                str(s.term): int(s.distance)
                for s in english_index().lookup(word, Verbosity.ALL, max_edit_distance=1)
                if likely_slip(word, str(s.term)) and frequencies.get(str(s.term), 0) >= FAR_MORE_OFTEN * top
            }
            found = far or found
        if not found and short and not name and word not in frequencies:
            # ...unless it is no word at all, a slip of the finger explains it and the word meant is common:
            # "thibg" is "thing" ("exes" is a word)
            found = {
                str(s.term): int(s.distance)
                for s in english_index().lookup(word, Verbosity.ALL, max_edit_distance=1)
                if likely_slip(word, str(s.term))
                and frequencies.get(str(s.term), COMMON_ENGLISH) >= COMMON_ENGLISH  # "rumor": not in the list
            }
        if not found:
            return None
        return min(
            found,
            key=lambda w: (
                found[w],
                not likely_slip(word, w),
                w not in self._corpus,
                -self._corpus[w],
                -frequencies.get(w, 0),
                w,
            ),
        )

    def fix(self, text: str) -> str:
        """`text` with its misspelt words corrected, each keeping its capital."""

        tokens = list(_TOKEN.finditer(text))
        at = {m.start(): i for i, m in enumerate(tokens)}

        def word(match: re.Match[str]) -> str:
            token, low = match.group(0), match.group(0).lower()
            if any(c.isupper() for c in token[1:]):
                return token  # "SenseTime", "MiniMax": a name as its owner writes it
            if in_name_pair(tokens, at[match.start()], self.knows, self.correction):
                return token  # "is sundar pichai still at google": a name the articles lack, no typos
            fixed = self.spelt_as_written(low)

            def after_name() -> bool:  # "dario amodei": the rest of a name (worked out only when needed)
                return self._after_unread(text[: match.start()])

            if fixed is None and len(low) >= MIN_WORD - 1 and not self.knows(low):
                name = typed_as_name(text, match) or after_name()
                fixed = self.correction(low, name=name)
                if fixed is None and name and token.islower():
                    fixed = self._undoubled(low)  # "what does boommerang hire mean": a key held too long
                if fixed is not None:
                    fixed = (
                        self.spelt_as_written(fixed) or fixed
                    )  # "srartup": "start-up", as the articles write it
            elif fixed is None:
                if typed_as_name(text, match):
                    fixed = self._slip_into_name(low)  # "hire from Appel": a rare word, one slip from Apple
                if fixed is None and token.islower() and len(low) >= MIN_WORD:
                    fixed = self._swapped_into_corpus(low)  # "joni" is English, but meant "join"
            if (
                fixed is None
                and token.islower()
                and not self.knows_exactly(low)
                and low not in english_frequencies()
                and not after_name()
            ):
                fixed = self._slip_into_corpus(low)  # "hies" looks like a form of "hie", but is "hires"
            if fixed is None:
                return token
            return fixed.capitalize() if token[:1].isupper() else fixed

        return self._joined(_TOKEN.sub(word, text))

    def _after_unread(self, before: str) -> bool:
        """Does the word follow one the articles never use that is a name (`after_first_name`), not a word
        misspelt itself ("dextreous hamds": dexterous hands)?"""
        return after_first_name(
            before, lambda w: w in self._corpus or self.garbled(w) or self.correction(w) is not None
        )

    def _joined(self, text: str) -> str:
        """ "post training" as the articles write it, "post-training" (and "non compete", "co founder")."""
        return _PREFIXED.sub(lambda m: m.expand(r"\1-\2") if self._prefixes(m) else m.group(0), text)

    def _prefixes(self, match: re.Match[str]) -> bool:
        return f"{match.group(1)}-{match.group(2)}".lower() in self._prefixed
