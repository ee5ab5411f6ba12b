"""Two words side by side that neither the articles nor English know, one of which no slip of the finger
explains, are a name the articles lack ("is sundar pichai still at google"): left as typed, not respelt into the
articles' words ("sunday yichao"). Two typos side by side are still typos ("the cgeif scientst")."""

from __future__ import annotations

import re
from collections.abc import Callable

from answer.slips import held_key, likely_slip, two_slips
from answer.spell_index import MIN_WORD

Knows = Callable[[str], bool]
Correction = Callable[[str], "str | None"]


def unexplained(word: str, knows: Knows, correction: Correction, *, slips: int) -> bool:
    """Is the word one that neither the articles nor English know (`knows`), and that fewer than `slips` slips
    of the finger make of the word it would be corrected into ("pichai" is no slip of "yichao"; "sundar" is two
    of "sunday", but not one; "alphhabet" is one, a key held too long)?"""
    if len(word) < MIN_WORD or not word.isalpha() or knows(word):
        return False
    meant = correction(word)
    if meant is None:
        return True
    return not (likely_slip(word, meant) or held_key(word, meant) or (slips > 1 and two_slips(word, meant)))


def in_name_pair(tokens: list[re.Match[str]], i: int, knows: Knows, correction: Correction) -> bool:
    """Is token `i`, with the one right before or after it, a name the articles lack: two words neither they
    nor English know, one of which no slip explains, the other not one slip?"""

    def odd(j: int, slips: int) -> bool:
        return unexplained(tokens[j].group(0).lower(), knows, correction, slips=slips)

    return any(
        a >= 0
        and b < len(tokens)
        and tokens[a].string[tokens[a].end() : tokens[b].start()] == " "
        and ((odd(a, 2) and odd(b, 1)) or (odd(a, 1) and odd(b, 2)))
        for a, b in ((i - 1, i), (i, i + 1))
    )
