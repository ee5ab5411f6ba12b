"""Words for one thing that questions and articles word differently."""

from __future__ import annotations

from answer.synonyms import with_same_meaning
from corpus.text import content_words


def test_a_word_brings_the_words_meaning_the_same() -> None:
    asked = content_words("retention")
    assert content_words("kept") <= with_same_meaning(asked)
    assert content_words("employees") <= with_same_meaning(content_words("headcount"))
    assert content_words("cvs") <= with_same_meaning(content_words("applications"))  # "10,000 CVs"
    assert content_words("moved") <= with_same_meaning(content_words("went back"))  # "Ten had moved to China"


def test_a_word_with_no_synonyms_stays_alone() -> None:
    asked = content_words("visa")
    assert with_same_meaning(asked) == asked
