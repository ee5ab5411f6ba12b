"""Nothing relevant enough is refused, unless the question names a rare term that a passage found says."""

from __future__ import annotations

from pathlib import Path

from answer.model import AnswerKind
from tests.conftest import FakeEmbedder, any_passage_engine


def test_a_rare_term_a_passage_says_is_answered_however_weak_the_match(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = any_passage_engine(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2026-01-ftc-acquihires",
            "title": "The FTC looks at acqui-hires",
            "body": "Under the Hart-Scott-Rodino Act, large acquisitions must be notified before they close. "
            "The agency said it would look at licence deals too.",
            "published": "2026-01-18",
            "companies": "FTC",
        },
        threshold=0.99,  # every search below the bar: what decides is the term
    )
    answer = engine.answer("what does the hart-scott-rodino act require")
    assert answer.answered and "must be notified" in answer.plain_text()
    refused = engine.answer("what does the agency require")  # no rare term: too weak a match
    assert not refused.answered and refused.kind is AnswerKind.NOT_FOUND


def test_a_rare_phrase_of_everyday_words_a_passage_says_is_answered(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = any_passage_engine(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-08-yan-zhijie",
            "title": "A speech lab head leaves Alibaba",
            "body": "Yan Zhijie took a position at JD.com's Explore Academy, the e-commerce group's research arm. "
            "He had run a speech lab before.",
            "published": "2025-08-10",
            "companies": "Alibaba",
        },
        threshold=0.99,
    )
    answer = engine.answer("what is jd.com's explore academy")
    assert answer.answered and "research arm" in answer.plain_text()
    refused = engine.answer("what is the group's academy")  # no phrase of it word for word
    assert not refused.answered and refused.kind is AnswerKind.NOT_FOUND
