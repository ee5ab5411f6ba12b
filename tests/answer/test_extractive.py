"""Extractive answers: the sentences chosen from retrieved passages."""

from __future__ import annotations

import numpy as np

from answer.extractive import RetrievedPassage, select_sentences


def test_an_article_that_asks_the_question_answers_it_in_its_own_order() -> None:
    sentences = (
        "China lacks engineers who can build large models, reporters found this year.",
        "Why is there a shortage?",
        "Three explanations come up again and again in interviews.",
        "First, demand rose very fast after ChatGPT was launched in 2022.",
        "Second, frontier research needs a PhD and China trains few of them.",
        "What does it mean?",
        "Salaries rose sharply for the most qualified candidates in 2025.",
    )
    vectors = np.eye(len(sentences), 8, dtype=np.float32)
    query = vectors[1].copy()  # the user's question is the article's own "Why is there a shortage?"
    passage = RetrievedPassage("a1", " ".join(sentences), 0.9, sentences, vectors)
    picked = select_sentences("why is there a shortage?", query, [passage], max_sentences=3)
    assert [text for text, _ in picked] == list(sentences[2:5])
