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
