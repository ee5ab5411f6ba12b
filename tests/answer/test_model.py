"""Answers: their plain text with numbered sources, and refusals."""

from __future__ import annotations

import datetime as dt

from answer.model import SUGGESTIONS, Answer, AnswerKind, Line, Source, refusal

# ----------------------------------------------------------------------------------------- plain text


def test_plain_text_of_a_moves_answer_lists_numbered_sources() -> None:
    sources = (
        Source(
            1,
            "pang",
            "Meta hires Apple's Ruoming Pang",
            "Bloomberg",
            "https://example.com/pang",
            dt.date(2025, 7, 7),
        ),
        Source(
            2,
            "zhao",
            "Meta names Shengjia Zhao",
            "Reuters",
            "https://example.com/zhao?a=1&b=2",
            dt.date(2025, 7, 25),
        ),
    )
    answer = Answer(
        question="Who did Meta hire?",
        answered=True,
        kind=AnswerKind.MOVES,
        intro="2 talent moves to Meta, newest first:",
        lines=(
            Line("Ruoming Pang: Apple → Meta, researcher (July 2025)", (1,)),
            Line("Shengjia Zhao: OpenAI → Meta (June 2025)", (2, 1)),
        ),
        sources=sources,
    )

    assert answer.plain_text() == (
        "2 talent moves to Meta, newest first:\n"
        "- Ruoming Pang: Apple → Meta, researcher (July 2025) [1]\n"
        "- Shengjia Zhao: OpenAI → Meta (June 2025) [2][1]\n"
        "\n"
        "Sources:\n"
        "[1] Bloomberg, 2025-07-07: Meta hires Apple's Ruoming Pang https://example.com/pang\n"
        "[2] Reuters, 2025-07-25: Meta names Shengjia Zhao https://example.com/zhao?a=1&b=2"
    )


# -------------------------------------------------------------------------------------------- refusal


def test_refusal_says_it_cannot_answer_and_suggests_questions() -> None:
    reason = "I couldn't find anything in my articles that answers that."
    r = refusal("What is the capital of Peru?", reason)

    assert not r.answered and r.kind is AnswerKind.NOT_FOUND
    assert r.lines == () and r.sources == ()
    text = r.plain_text()
    assert text.startswith(reason)
    assert "I answer questions about the AI talent war" in text
    for suggestion in SUGGESTIONS[:3]:
        assert suggestion in text
    assert "Sources" not in text


def test_refusal_with_own_suggestions() -> None:
    r = refusal("?", "Ask me a question in words, for example:", suggestions=["Who left OpenAI?"])

    assert "Try: • Who left OpenAI?" in r.plain_text()
    assert SUGGESTIONS[0] not in r.plain_text()
