"""How fingers slip when typing a word: a letter left out, two letters swapped, a neighbouring key hit; and
how often English writes each word (SymSpell's list), to tell a slip from a word meant as typed."""

from __future__ import annotations

import functools
import importlib.resources

# Word frequencies in English (SymSpell's own list, from the Google Books n-grams): which of two equally
# close everyday words was meant ("sart": start, not sari).
_FREQUENCIES = "frequency_dictionary_en_82_765.txt"
# A word written less often than this in the frequency list may be a slip of another: "joni" (0.8 million) is
# "join" mistyped, "tired" (11 million) is meant.
RARE_ENGLISH = 2_000_000


@functools.cache
def english_frequencies() -> dict[str, int]:
    """How often each English word is written, from the list that ships with symspellpy."""
    text = importlib.resources.files("symspellpy").joinpath(_FREQUENCIES).read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for line in text.splitlines():
        word, _, count = line.partition(" ")
        if count.isdigit():
            counts[word] = int(count)
    return counts


# Keys next to each other on a QWERTY keyboard: a finger slips to a neighbour ("poaxhed" is poached).
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {
    c: {row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)}
    | {other[j] for other in KEYBOARD_ROWS if other != row for j in (i - 1, i, i + 1) if 0 <= j < len(other)}
    for row in KEYBOARD_ROWS
    for i, c in enumerate(row)
}


def swaps(word: str) -> list[str]:
    """The word with two neighbouring letters swapped, at each place in turn ("joni": ojni, jnoi, join)."""
    return [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)]


@functools.cache
def english_slip(typed: str) -> bool:
    """Is `typed` a slip of the finger (`likely_slip`: "runming" for "running") away from a common English
    word?"""
    common = english_frequencies()
    letters = "abcdefghijklmnopqrstuvwxyz"
    near = {typed[:i] + c + typed[i + 1 :] for i in range(len(typed)) for c in letters}
    near |= {typed[:i] + c + typed[i:] for i in range(len(typed) + 1) for c in letters}
    near |= set(swaps(typed))
    return any(common.get(w, 0) >= RARE_ENGLISH and likely_slip(typed, w) for w in near - {typed})


def likely_slip(typed: str, meant: str) -> bool:
    """Is `typed` one of the slips people make typing `meant`: a letter left out ("strted"), two letters
    swapped, or a neighbouring key hit ("poaxhed")? Of two words as close, the one such a slip explains is
    the one meant ("started", not "stated"; "poached", not "coached")."""
    if len(meant) == len(typed) + 1:
        return any(meant[:i] + meant[i + 1 :] == typed for i in range(len(meant)))
    if len(meant) != len(typed):
        return False
    diff = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
    if len(diff) == 1:
        return typed[diff[0]] in _NEIGHBOURS.get(meant[diff[0]], set())
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and typed[diff[0]] == meant[diff[1]]
        and typed[diff[1]] == meant[diff[0]]
    )


def held_key(typed: str, meant: str) -> bool:
    """Is `typed` `meant` with a key held too long, one letter typed twice ("alphhabet")?"""
    return any(typed[:i] + typed[i + 1 :] == meant for i in range(len(typed) - 1) if typed[i] == typed[i + 1])


def slips_of(word: str) -> set[str]:
    """What one slip of the finger makes of `word`: a letter left out or typed twice, two letters swapped, a
    neighbouring key hit."""
    dropped = {word[:i] + word[i + 1 :] for i in range(len(word))}
    doubled = {word[:i] + word[i] + word[i:] for i in range(len(word))}
    hit = {word[:i] + n + word[i + 1 :] for i, c in enumerate(word) for n in _NEIGHBOURS.get(c, ())}
    return (dropped | doubled | hit | set(swaps(word))) - {word}


@functools.cache
def two_slips(typed: str, meant: str) -> bool:
    """Do two slips of the finger make `typed` of `meant` ("apogize": apologize, "somthinng": something;
    "sakana" is no slip of "banana")?"""
    return any(typed in slips_of(once) for once in slips_of(meant))


# A word this long is not taken for a name that a rarer English word is one slip from ("sundar": no "sundae").
RARE_SLIP_LETTERS = 7


def rare_slip(word: str, meant: str, closest: int) -> bool:
    """Is a long word one slip from a less common English word ("defrcting": defecting, "apologizig":
    apologizing) when nothing known is closer than `closest` edits ("retension" is retention, not pretension)?"""
    return len(word) >= RARE_SLIP_LETTERS and closest > 1 and likely_slip(word, meant)
