"""Tests for index.keyword: BM25 terms come from the shared word tokenizer, then stop words and stemming."""

from __future__ import annotations

from index.keyword import KeywordIndex, tokenize


def test_terms_are_stemmed_word_parts_without_stop_words() -> None:
    assert tokenize(["Tell me who the co-founders of xAI's H-1B team are"]) == [
        ["co", "founder", "xai", "1b", "team"]
    ]


def test_a_question_finds_the_passage_with_its_words_in_any_form() -> None:
    index = KeywordIndex.build(
        [
            "Alice Chen is a co-founder of Acme and hired ten researchers.",
            "Bob Li joined a rival lab in Zurich.",
            "The weather was fine.",
        ]
    )
    scores = index.scores("Who founded Acme? Which researcher was hiring?")
    assert scores[0] > 0 and scores[1] == 0 and scores[2] == 0
    assert index.scores("Zurich lab")[1] > 0
    assert not index.scores("who is the one").any()  # stop words and unknown words only
