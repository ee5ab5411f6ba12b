"""Whom the articles call "he" or "she", and which of the people just talked about a follow-up's pronoun means."""

from __future__ import annotations

from answer.conversation import Conversation
from answer.engine import Engine
from answer.model import Answer, AnswerKind, Line
from answer.pronouns import asked_pronoun, matching, pronouns
from tests.conftest import make_article, parse

SENTENCES = {
    "2025-02-murati-launches-tml": [
        "Mira Murati unveiled her start-up Thinking Machines Lab in February 2025.",
        "She is its chief executive.",
        "Barret Zoph became its chief technology officer at the start.",
        "He had led post-training work at OpenAI.",
        "Tencent will report to Barret Zoph and Mira Murati on the deal.",
        "She will lead safety work and report to Soumith Chintala.",
        "She is not coming alone.",
    ]
}


def test_the_articles_say_he_or_she_of_whom_a_sentence_names_first() -> None:
    article = parse(
        make_article(
            article_id="2025-02-murati-launches-tml",
            people="Mira Murati, Barret Zoph, Soumith Chintala",
            body=" ".join(SENTENCES["2025-02-murati-launches-tml"]),
        )
    )
    found = pronouns([article], SENTENCES)
    assert found == {"Mira Murati": "she", "Barret Zoph": "he"}  # not Chintala: "She" went on about another


def test_a_follow_ups_pronoun_means_the_first_person_it_can() -> None:
    assert asked_pronoun("is he still there?") == "he" and asked_pronoun("what did her team do") == "she"
    assert asked_pronoun("where did they go") is None
    known = {"Mira Murati": "she"}
    assert matching(("Mira Murati", "Barret Zoph"), "he", known) == "Barret Zoph"
    assert matching(("Mira Murati", "Barret Zoph"), "she", known) == "Mira Murati"
    assert matching(("Mira Murati",), "he", known) == "Mira Murati"  # no one else: whom the chat was about


def test_he_after_a_question_naming_a_woman_is_the_man_its_answer_names(small_engine: Engine) -> None:
    chat = Conversation()
    q = small_engine.parse("who did Tan Xu make chief scientist at Meta?")
    answer = Answer(
        question=q.text,
        answered=True,
        kind=AnswerKind.EXTRACTIVE,
        intro="",
        lines=(Line("Tan Xu made Ruoming Pang the chief scientist of the lab.", (1,)),),
        sources=(),
    )
    chat.remember(q, answer, small_engine.state.entities.find, {"Tan Xu": "she", "Ruoming Pang": "he"})
    assert chat.resolve("is he still there?", small_engine.parse) == "is Ruoming Pang still at Meta?"
    assert chat.resolve("what did she say?", small_engine.parse) == "what did Tan Xu say?"
