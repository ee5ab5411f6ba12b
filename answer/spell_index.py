"""The word lists misspelt words are corrected into, as SymSpell indexes: the articles' own words (built per
corpus by `answer.spelling.Speller`), everyday English (the embedding model's vocabulary) and the common English
words that vocabulary lacks; with the edit distances and word lengths the corrections use."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from symspellpy import SymSpell

from answer.english import vocabulary_words
from answer.slips import english_frequencies

# SymSpell's edit distance: two edits cover a swapped and a dropped letter ("regiistratons").
MAX_EDITS = 2
# ...but a word this short gets one: "mves" is moves, and two edits turn any short word into many others.
SHORT_WORD = 5
# SymSpell indexes the deletes of this many first letters: a fifth of the memory and build time of its
# default (7), with the same corrections on the evaluation questions.
PREFIX = 5
# Shorter words are left as typed: "wat", "ppl", "gud" are chat spellings (`answer.lexicon.CHAT_WORDS`).
MIN_WORD = 4
# A word written this often in SymSpell's list is English, though the model's vocabulary lacks it ("dangle",
# "expires", "hype"); rarer entries of the list are as often what a typo makes ("whee", "lave") as meant.
COMMON_ENGLISH = 300_000
# ...but a long word one slip of the finger from a less common one is that word (`slips.rare_slip`).
SLIP_ENGLISH = 50_000


def symspell(words: Iterable[str]) -> SymSpell:
    index = SymSpell(max_dictionary_edit_distance=MAX_EDITS, prefix_length=PREFIX)
    for word in words:
        index.create_dictionary_entry(word, 1)
    return index


@functools.cache
def english_index() -> SymSpell:
    """Everyday English words (the embedding model's vocabulary), built once per process, when a question
    first has a long word that the articles lack (0.1 s): most questions never need it."""
    return symspell(w for w in vocabulary_words() if len(w) >= MIN_WORD - 1)


@functools.cache
def common_index() -> SymSpell:
    """The words SymSpell's list has as common that the model's vocabulary lacks ("poached", which it splits
    into pieces): a long word one edit from one of them is a slip of it ("pocahed")."""
    vocabulary = vocabulary_words()
    return symspell(
        w
        for w, n in english_frequencies().items()
        if n >= SLIP_ENGLISH and w.isalpha() and len(w) > SHORT_WORD and w not in vocabulary
    )
