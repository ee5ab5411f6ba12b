"""Names typed wrong read as the articles give them; ordinary words left to the speller."""

from __future__ import annotations

import pytest

from answer.typos import TypoFixer
from tests.answer.test_query import ENTITIES, VOCAB


def test_typos_are_fixed_against_the_corpus_names() -> None:
    fixer = TypoFixer(ENTITIES.vocabulary, VOCAB)
    assert fixer.fix("who did antrhopic hire") == "who did anthropic hire"
    assert fixer.fix("Bytedanse hires from Alibba") == "Bytedance hires from Alibaba"
    assert fixer.fix("who did Nvidia hire") == "who did Nvidia hire"  # nothing close: left alone


def test_a_short_unknown_name_is_not_corrected_into_a_shorter_known_one() -> None:
    fixer = TypoFixer({"core", "anthropic", "bytedance"}, set())
    assert fixer.fix("Who left Cohere for Google?") == "Who left Cohere for Google?"
    assert fixer.fix("who did antrhopic hire") == "who did anthropic hire"


def test_an_english_word_is_not_corrected_into_a_name() -> None:
    fixer = TypoFixer({"dawn", "anthropic"}, set())
    assert fixer.fix("damn how much did anthropc pay") == "damn how much did anthropic pay"


def test_a_slip_of_the_finger_from_an_english_word_is_left_to_the_speller() -> None:
    fixer = TypoFixer({"ruoming", "pang", "anthropic"}, set())
    assert fixer.fix("who is runming ssi") == "who is runming ssi"  # "running" with m for n, not "ruoming"
    assert fixer.fix("ruomin pang") == "ruoming pang"  # no English word near: the name
    typed_as_name = TypoFixer({"thinking", "mckinsey"}, set())
    assert typed_as_name.fix("who left Thinking Machinse Lab") == "who left Thinking Machinse Lab"  # machines


def test_a_name_typed_with_s_for_apostrophe_s_is_the_name() -> None:
    fixer = TypoFixer({"meta", "kimi", "zuckerberg"}, {"memo", "audio"})
    assert fixer.fix("kimis audio work") == "kimi's audio work"
    assert fixer.fix("zucks memo") == "zuckerberg's memo"  # a nickname too
    assert fixer.fix("apples and news") == "apples and news"  # English words stay
    # ...unless a company's name, before what a company has
    assert (
        fixer.fix("who did meta pull out of apples ai teams") == "who did meta pull out of apple's ai teams"
    )
    assert fixer.fix("thinking machines lab") == "thinking machines lab"  # no company's name


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("who did deep seek lose", "who did deepseek lose"),
        ("Open AI vs Deep-Mind", "Openai vs Deepmind"),
        ("what did signal fire find", "what did signalfire find"),
        ("any one leave meta", "any one leave meta"),  # "anyone" is no name
    ],
)
def test_a_name_typed_as_two_words_is_one(typed: str, meant: str) -> None:
    fixer = TypoFixer(
        {"deepseek", "openai", "deepmind", "signalfire", "meta"}, {"any", "one", "lose", "find"}
    )
    assert fixer.fix(typed) == meant


def test_a_first_name_typed_wrong_before_a_known_surname_is_the_persons() -> None:
    fixer = TypoFixer(
        {"john", "schulman", "andrej", "karpathy", "alexandr", "alexander", "wang", "pritzel"},
        {"where", "did", "go"},
        ["John Schulman", "Andrej Karpathy", "Alexandr Wang", "Alexander Pritzel"],
    )
    assert fixer.fix("where did jon shulman go") == "where did john schulman go"
    assert fixer.fix("who is Andrei Karpathy") == "who is Andrej Karpathy"
    # a first name that is someone else's ("Alexander Pritzel") is still a slip before this surname
    assert fixer.fix("alexander wang meta role") == "alexandr wang meta role"
    assert fixer.fix("alexander pritzel") == "alexander pritzel"
    assert fixer.fix("did jon go") == "did jon go"  # no surname: no one to tell the name by


def test_a_short_surname_typed_wrong_after_a_known_first_name_is_the_persons() -> None:
    fixer = TypoFixer(
        {"dawn", "song", "jimmy", "ba", "mark", "lee"},
        {"new", "role", "the", "date"},
        ["Dawn Song", "Jimmy Ba", "Mark Lee"],
    )
    assert fixer.fix("dawn sog new role") == "dawn song new role"
    assert fixer.fix("Jimmy Bq role") == "Jimmy Ba role"
    assert fixer.fix("mark the date") == "mark the date"  # a word of the articles, not a slip of "Lee"


def test_an_ordinary_word_is_not_corrected_into_a_name_that_is_english_too() -> None:
    fixer = TypoFixer({"thinking", "machines", "anthropic"}, set())
    assert fixer.fix("who heads post-trining") == "who heads post-trining"  # the speller's: "training"
    assert fixer.fix("antropic hires") == "anthropic hires"


def test_a_surname_typed_without_its_accents_after_the_first_name_is_the_name() -> None:
    fixer = TypoFixer({"piotr", "dollár", "meta"}, {"dollar"}, people=["Piotr Dollár"])
    assert fixer.fix("who is piotr dollar and where does he work now") == (
        "who is piotr dollár and where does he work now"
    )
    assert fixer.fix("how many dollar bills") == "how many dollar bills"
