"""Follow-ups in a conversation, read against the previous question; context expires."""

from __future__ import annotations

from answer.conversation import CONTEXT_TTL_S, Conversation
from answer.engine import Engine
from answer.model import AnswerKind


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_and_from_another_company_keeps_the_subject(small_engine: Engine) -> None:
    chat = Conversation()
    first = small_engine.answer("who did Meta hire from Apple?", conversation=chat)
    assert first.kind is AnswerKind.MOVES and not first.understood_as
    follow = small_engine.answer("and from Microsoft Research Asia?", conversation=chat)
    assert follow.understood_as == "who did Meta hire from Microsoft Research Asia?"
    assert follow.plain_text().startswith(
        "(Taking that as: “who did Meta hire from Microsoft Research Asia?”)"
    )
    assert not follow.answered  # Tan Xu went to Moonshot AI, not Meta


def test_what_about_replaces_the_last_name_and_pronouns_mean_the_person(small_engine: Engine) -> None:
    chat = Conversation()
    small_engine.answer("who did Meta hire from Apple?", conversation=chat)
    about = small_engine.answer("what about Moonshot AI?", conversation=chat)
    assert about.understood_as == "who did Meta hire from Moonshot AI?"
    chat.reset()
    small_engine.answer("who did Moonshot AI hire?", conversation=chat)
    when = small_engine.answer("when did he join?", conversation=chat)
    assert when.understood_as == "when did Tan Xu join?"
    assert "Tan Xu" in when.plain_text()


def test_a_new_period_replaces_the_old_one(small_engine: Engine) -> None:
    chat = Conversation()
    small_engine.answer("who was hired in 2024?", conversation=chat)
    follow = small_engine.answer("and in 2025?", conversation=chat)
    assert follow.understood_as == "who was hired in 2025?"
    assert [line.text.split(":")[0] for line in follow.lines] == ["Ruoming Pang"]


def test_a_question_that_stands_alone_is_not_rewritten(small_engine: Engine) -> None:
    chat = Conversation()
    small_engine.answer("who did Meta hire from Apple?", conversation=chat)
    alone = small_engine.answer("Why does China lack AI engineers?", conversation=chat)
    assert not alone.understood_as and alone.kind is AnswerKind.EXTRACTIVE


def test_context_expires_after_half_an_hour(small_engine: Engine) -> None:
    clock = Clock()
    chat = Conversation(clock=clock)
    small_engine.answer("who did Meta hire from Apple?", conversation=chat)
    clock.now += CONTEXT_TTL_S + 1
    late = small_engine.answer("and from Microsoft Research Asia?", conversation=chat)
    assert not late.understood_as
    assert "Meta" not in late.plain_text()


def test_without_a_conversation_nothing_is_remembered(small_engine: Engine) -> None:
    small_engine.answer("who did Meta hire from Apple?")
    assert not small_engine.answer("and from Microsoft Research Asia?").understood_as
