"""Two unknown words side by side that no slip of the finger explains are a name, not two typos."""

from __future__ import annotations

import re

from answer.name_pairs import in_name_pair, unexplained
from answer.slips import held_key

KNOWN = {"is", "still", "at", "google", "the", "chief", "scientist"}
CORRECTIONS = {"sundar": "sunday", "pichai": "yichao", "cgeif": "chief", "scientst": "scientist"}


def _knows(word: str) -> bool:
    return word in KNOWN


def _correction(word: str) -> str | None:
    return CORRECTIONS.get(word)


def _paired(text: str, word: str) -> bool:
    tokens = list(re.finditer(r"[A-Za-z]+", text))
    i = next(j for j, t in enumerate(tokens) if t.group(0) == word)
    return in_name_pair(tokens, i, _knows, _correction)


def test_a_word_no_slip_makes_of_its_correction_is_unexplained() -> None:
    assert unexplained("pichai", _knows, _correction, slips=1)  # no slip of "yichao"
    assert unexplained("sundar", _knows, _correction, slips=1)  # two slips of "sunday"...
    assert not unexplained("sundar", _knows, _correction, slips=2)  # ...which two slips explain
    assert not unexplained("scientst", _knows, _correction, slips=1)  # a letter left out
    assert not unexplained("google", _knows, _correction, slips=1)  # a word known


def test_two_unexplained_words_side_by_side_are_a_name_two_typos_are_not() -> None:
    assert _paired("is sundar pichai still at google", "sundar")
    assert _paired("is sundar pichai still at google", "pichai")
    assert not _paired("is the cgeif scientst", "cgeif")


def test_a_key_held_too_long_types_a_letter_twice() -> None:
    assert held_key("alphhabet", "alphabet")
    assert not held_key("alphabet", "alphabet")
    assert not held_key("alphobet", "alphabet")
