"""Questions asking for a number, a date or a person the articles never give: refused, not answered with a
sentence that misses the ask."""

from __future__ import annotations

import pytest

from answer.engine import Engine
from answer.kinds.missing_fact import _counts
from answer.model import AnswerKind
from answer.state import name_words


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("how many qualified workers does china have for every five ai jobs", True),
        ("how many phds does china train", False),
        ("who is the cto of moonshot ai", False),
    ],
)
def test_a_number_or_person_the_articles_never_give_is_refused(
    small_engine: Engine, question: str, answered: bool
) -> None:
    answer = small_engine.answer(question)
    assert answer.answered is answered
    if not answered:
        assert answer.kind is AnswerKind.NOT_FOUND


def test_counts_are_numbers_that_are_no_year_sum_share_or_duration() -> None:
    sentence = (
        "In 2025 it kept 80% of its 1,000 staff for two years and paid $20 million to two dozen people."
    )
    counted = [sentence.split()[i] for i in _counts(sentence)]
    assert counted == ["1,000", "two", "dozen"]


def test_names_are_the_words_only_ever_written_with_a_capital() -> None:
    texts = ["ChatGPT has many users. Nvidia hired staff.", "Users of ChatGPT; the CEO of Nvidia spoke."]
    assert name_words(texts) == {"chatgpt", "nvidia"}
