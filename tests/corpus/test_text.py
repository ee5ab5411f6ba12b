"""Tests for corpus.text: the one sentence splitter, word tokenizer and stop-word lists."""

from __future__ import annotations

import pytest

from corpus.text import (
    AMBIGUOUS_NAME_WORDS,
    NAME_STOP_WORDS,
    OVERLAP_STOP_WORDS,
    QUESTION_STOP_WORDS,
    SEARCH_STOP_WORDS,
    STOP_WORDS,
    content_words,
    split_sentences,
    whole_words,
    word_pairs,
    word_parts,
    word_spans,
    words,
)

# ------------------------------------------------------------------------------------------ sentences


def test_abbreviations_numbers_and_end_marks() -> None:
    text = "The U.S. firm paid $14.3 billion. Dr. Wang agreed. It was 2025! Next one?\n\n- a list item here"
    assert split_sentences(text) == [
        "The U.S. firm paid $14.3 billion.",
        "Dr. Wang agreed.",
        "It was 2025!",
        "Next one?",
        "a list item here",
    ]


def test_abbreviations_inside_a_paragraph() -> None:
    text = "Dr. Li joined Acme Inc. last year. The U.S. lab hired him! Why?\n\nNew paragraph"
    assert split_sentences(text) == [
        "Dr. Li joined Acme Inc. last year.",
        "The U.S. lab hired him!",
        "Why?",
        "New paragraph",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Meta spent 1.5 billion dollars on the deal.",
        "Sen. Warren and Gov. Newsom met J. Smith of Acme Corp. Ltd. in Washington.",
        "It hired staff in the U.S. Tencent did not.",  # "U.S." before a capital: an initialism, not an end
        "Prices rose, e.g. Rents and wages.",
        "He joined on Jan. 5 this year.",
    ],
)
def test_no_sentence_ends_after_an_abbreviation_an_initial_or_inside_a_number(text: str) -> None:
    assert split_sentences(text) == [text]


def test_closing_quotes_stay_with_their_sentence_and_opening_quotes_start_one() -> None:
    text = 'He said "We are hiring." Then he left. "It was time," she said. It ended (for now.) Next'
    assert split_sentences(text) == [
        'He said "We are hiring."',
        "Then he left.",
        '"It was time," she said.',
        "It ended (for now.)",
        "Next",
    ]


def test_a_sentence_may_open_with_a_figure_a_currency_sign_or_an_accented_capital() -> None:
    text = "Pay rose. $2 million was offered. 2025 was busy. Émilie Dubois left."
    assert split_sentences(text) == [
        "Pay rose.",
        "$2 million was offered.",
        "2025 was busy.",
        "Émilie Dubois left.",
    ]


def test_a_lower_case_word_after_a_full_stop_continues_the_sentence() -> None:
    assert split_sentences("The salary was approx. three times more. It grew.") == [
        "The salary was approx. three times more.",
        "It grew.",
    ]


def test_blocks_end_sentences_and_lose_their_markers() -> None:
    text = "Intro\n## Big hires\n\nMeta hired two people\n1. Alice Chen joined\n* Bob Li left\n• Carol Wu stayed\n\nEnd"
    assert split_sentences(text) == [
        "Intro",
        "Big hires",
        "Meta hired two people",
        "Alice Chen joined",
        "Bob Li left",
        "Carol Wu stayed",
        "End",
    ]


def test_whitespace_collapses_and_blank_text_has_no_sentences() -> None:
    assert split_sentences("One   line\nwrapped here.  Two.") == ["One line wrapped here.", "Two."]
    assert split_sentences(" \n\n \n") == []


# ------------------------------------------------------------------------------------------ words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("xAI hired him", ["xai", "hired", "him"]),
        ("an H-1B visa", ["an", "h-1b", "visa"]),
        ("the U.S. and 01.AI", ["the", "u.s", "and", "01.ai"]),
        ("OpenAI's and Meta’s offers", ["openai", "and", "meta", "offers"]),
        ("O'Brien, Karén Simonyan", ["o'brien", "karén", "simonyan"]),
        ("$14.3 billion, 50%", ["14.3", "billion", "50"]),
        ("co-founder -- start-up", ["co-founder", "start-up"]),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_word_spans_give_where_each_word_is() -> None:
    text = "Did xAI hire Igor?"
    assert [(text[start:end].lower(), word) for start, end, word in word_spans(text)] == [
        ("did", "did"),
        ("xai", "xai"),
        ("hire", "hire"),
        ("igor", "igor"),
    ]


def test_word_parts_cut_compounds_at_their_punctuation() -> None:
    assert word_parts("h-1b") == ["h", "1b"]
    assert word_parts("u.s") == ["u", "s"]
    assert word_parts("o'brien") == ["o", "brien"]
    assert word_parts("xai") == ["xai"]


def test_content_words_keep_the_topic_of_a_question() -> None:
    assert content_words("How many researchers did Meta hire from OpenAI?") == {
        "resear",
        "meta",
        "hire",
        "openai",
    }
    assert content_words("Who is the co-founder of xAI?") == {"co", "founde", "xai"}
    # a negation typed short is no topic: "which team didn't get cut" asks after the cuts' story
    assert content_words("which team didn't get cut") == {"team", "cut"}


# ------------------------------------------------------------------------------------------ stop words


def test_search_stop_words_drop_question_and_request_words_but_keep_from() -> None:
    assert {"who", "did", "the", "tell", "please", "latest", "news"} <= SEARCH_STOP_WORDS
    assert "from" not in SEARCH_STOP_WORDS  # the stored keyword indexes were built with it
    assert not {"meta", "hire", "researchers", "salary"} & SEARCH_STOP_WORDS


def test_variants_are_built_on_the_function_words() -> None:
    for variant in (OVERLAP_STOP_WORDS, QUESTION_STOP_WORDS, AMBIGUOUS_NAME_WORDS):
        assert STOP_WORDS.issubset(variant)
    assert {"much", "many"} <= OVERLAP_STOP_WORDS - SEARCH_STOP_WORDS
    assert {"hi", "thanks", "ceo", "h-1b", "u.s", "may", "june", "monday"} <= QUESTION_STOP_WORDS
    assert {"scale", "thinking", "chen"} <= AMBIGUOUS_NAME_WORDS


def test_name_stop_words_are_capitalised_and_spare_given_names() -> None:
    assert {"The", "However", "Who", "From", "Former", "Monday", "March"} <= NAME_STOP_WORDS
    assert not {"Will", "Jan", "the", "however"} & NAME_STOP_WORDS


def test_word_pairs_are_neighbours_as_the_words_read_them() -> None:
    assert word_pairs("JD.com's Explore Academy, its research arm") == {
        "jd.com explore",
        "explore academy",
        "academy its",
        "its research",
        "research arm",
    }


def test_whole_words_finds_a_name_only_as_a_word_of_its_own() -> None:
    named = whole_words(["Wu", "Guo Daya"])
    assert named.search("At ByteDance, Wu reports to the chief executive.")
    assert not named.search("He would report to the chief executive.")
    assert not named.search("A Guo-led team")  # part of a hyphenated word
    assert not named.search("guo daya left")  # case counts unless ignored
    assert whole_words(["Guo Daya"], ignore_case=True).search("guo daya left")
    assert not whole_words([]).search("anything")
