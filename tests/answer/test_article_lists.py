"""The lists an article announces or enumerates, read whole."""

from __future__ import annotations

from answer.article_lists import listed_reasons


def test_an_explainers_list_of_reasons_is_read_whole() -> None:
    sentences = [
        "Why is there a shortage?",
        "Three explanations come up again and again.",
        "First, demand rose very fast.",
        "Chinese companies rushed to build chatbots in 2023.",
        "Second, the supply of top researchers is small.",
        "Frontier research usually requires a PhD, and China produces few.",
        "Third, US export controls on advanced chips changed what firms need.",
        "What does it mean?",
        "Fourth, salaries rise.",
    ]
    assert [text for text, _ in listed_reasons("a", sentences)] == [
        "Three explanations come up again and again.",
        "First, demand rose very fast. Chinese companies rushed to build chatbots in 2023.",
        "Second, the supply of top researchers is small. Frontier research usually requires a PhD, and China "
        "produces few.",
        "Third, US export controls on advanced chips changed what firms need.",
    ]
    # a list that no sentence before it announces as reasons is not one
    assert listed_reasons("a", sentences[2:]) == []
