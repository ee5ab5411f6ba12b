"""Passages sentence by sentence: which sentences are read together, and when two picks show the same words."""

from __future__ import annotations

import numpy as np

from answer.passages import Candidate, sentence_groups, shares_text


def test_a_short_sentence_or_one_a_pronoun_carries_on_is_read_with_its_neighbour() -> None:
    sentences = [
        "First, demand rose.",
        "Companies rushed to build chatbots after ChatGPT was launched in late 2022.",
        "Meta hired its chief scientist from OpenAI in the summer of 2025.",
        "He had led the team that built its reasoning models.",
        "Why is there a shortage?",
    ]
    assert sentence_groups(sentences) == [range(0, 2), range(2, 4), range(4, 5)]


def test_a_share_of_what_the_sentence_before_counted_or_a_runner_up_is_read_with_it() -> None:
    sentences = [
        "Its authors followed 100 researchers of Chinese origin who were at US institutions in 2019.",
        "Of the 100, 87 were still in the United States.",
        "Of course, the study has limits that its authors set out at length.",
        "Anthropic kept 80% of its employees for at least two years, the highest rate in the group.",
        "Google DeepMind was close behind at 78%, while OpenAI retained 67% and Meta 64%.",
    ]
    assert sentence_groups(sentences) == [range(0, 2), range(2, 3), range(3, 5)]


def test_a_sentence_placed_by_what_was_said_before_is_read_with_it() -> None:
    sentences = [
        "DeepMind's noncompetes can keep staff out of rival labs for six to twelve months after they resign.",
        "During that time, departing staff may be placed on paid garden leave.",
        "In that sense, the policy is unusual among American technology companies.",
        "In 2025 the policy drew criticism from researchers on social media.",
    ]
    assert sentence_groups(sentences) == [range(0, 2), range(2, 3), range(3, 4)]


def test_two_pairs_of_an_article_sharing_a_sentence_show_the_same_words() -> None:
    vector = np.zeros(8, dtype=np.float32)
    first = Candidate(
        1.0, "Staff were told in January. His new company is called Ineffable Intelligence.", "a", vector, 4
    )
    second = Candidate(
        0.9,
        "His new company is called Ineffable Intelligence. Records show it was set up in 2025.",
        "a",
        vector,
        5,
    )
    elsewhere = Candidate(
        0.9,
        "His new company is called Ineffable Intelligence. Records show it was set up in 2025.",
        "b",
        vector,
        5,
    )
    assert shares_text(first, second)
    assert not shares_text(first, elsewhere)  # another article
