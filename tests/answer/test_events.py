"""A date question is answered first by the sentence with a date and the event asked about."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.events import event_words, mentions_event
from tests.conftest import FakeEmbedder, engine_over, write_article


@pytest.mark.parametrize(
    ("question", "sentence", "said"),
    [
        ("when does the k visa kick in", "The new visa takes effect on 1 October 2025.", True),
        ("when did murati start her lab", "Murati unveiled Thinking Machines Lab in February 2025.", True),
        ("when did luo confirm the move", "Luo announced the move on 12 November 2025.", True),
        ("when did luo confirm the move", "The South China Morning Post reported it in April 2025.", False),
        ("when was the fee upheld", "On 23 December 2025 a judge rejected the challenge.", True),
        ("when does the k visa kick in", "Premier Li Qiang signed the decree on 14 August 2025.", False),
        # saying something is an event too: "when did the ftc chair say they'd look at acqui-hires"
        ("when did the ftc chair say it", "Ferguson said in an interview on 16 January 2026 that...", True),
        ("when did the ftc chair say it", "In 2024 the UK's regulator reviewed a deal.", False),
    ],
)
def test_a_sentence_says_the_event_asked_about(question: str, sentence: str, said: bool) -> None:
    assert mentions_event(sentence, event_words(question)) is said


def test_a_question_naming_no_event_has_none() -> None:
    assert event_words("what is the k visa") == frozenset()


def test_the_sentence_dating_the_event_leads_the_answer(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    write_article(
        corpus,
        article_id="2025-08-china-k-visa",
        title="China creates a K visa for young science talent",
        published="2025-08-14",
        body="China is creating a K visa for young science talent under a decree signed on 14 August 2025. "
        "Officials said the rules kick in after the summer. The K visa needs no job offer from an employer. "
        "The new K visa takes effect on 1 October 2025.",
    )
    engine = engine_over(corpus, tmp_path / "data", fake_embedder)
    answer = engine.answer("when does the k visa kick in")
    assert answer.answered
    assert answer.lines[0].text == "The new K visa takes effect on 1 October 2025."
