"""Countries typed in lower case that the articles never mention are unknown names; those they mention, and
country names that are everyday words, are not."""

from __future__ import annotations

import pytest

from answer.places import countries_named, unknown_countries

VOCABULARY = {"china", "germany", "united", "states", "south", "ai", "researchers"}


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("is canada doing anything to attract ai researchers", ("Canada",)),
        ("is china doing anything to attract ai researchers", ()),  # the articles cover China
        ("germany vs the united states on hiring", ()),
        ("what about south korea and new zealand", ("South Korea", "New Zealand")),
        ("did they talk turkey about pay", ()),  # a country's name that is an everyday word
        ("Canada", ()),  # written with a capital: an unknown name the question parser already finds
    ],
)
def test_countries_the_articles_never_mention(text: str, unknown: tuple[str, ...]) -> None:
    assert unknown_countries(text, VOCABULARY) == unknown


def test_countries_named_in_any_case_are_found_except_everyday_words() -> None:
    assert countries_named("fyi is India doing anything like china's k visa") == ("India",)
    assert countries_named("germany vs the united states") == ("Germany", "United States")
    assert countries_named("did they talk turkey about pay") == ()
