"""Follow-ups about a thing ("what is the K visa?" then "when does it take effect?") and about the one company
just asked about ("and who's president now?")."""

from __future__ import annotations

import pytest

from answer.conversation import Conversation
from answer.engine import Engine
from answer.follow_topics import at_company, at_there, in_place, new_place, topic_of, with_topic
from answer.model import Answer, AnswerKind
from answer.query import parse_question
from corpus.entities import EntityIndex
from tests.conftest import FIXED_TODAY

ENTITIES = EntityIndex(people=["Tan Xu"], orgs=["Moonshot AI", "Safe Superintelligence"])


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_question(text, ENTITIES, FIXED_TODAY, set())


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("what is china's k visa?", "china's k visa"),
        ("whats an acquihire", "acquihire"),
        ("explain garden leave", "garden leave"),
        ("what is Moonshot AI?", ""),  # a company: "it" is the company, as before
        ("what is he paid?", ""),
        ("what is the main reason researchers leave big labs for start-ups?", ""),  # a question of its own
    ],
)
def test_the_topic_of_a_what_is_question(question: str, topic: str) -> None:
    assert topic_of(parse(question)) == topic


@pytest.mark.parametrize(
    ("follow_up", "meant"),
    [
        ("when does it take effect?", "when does the k visa take effect?"),
        ("do u need a job offer to get one", "do u need a job offer to get the k visa"),
        ("who can apply for it", "who can apply for the k visa"),
        ("why do people want them", "why do people want the k visas"),
        ("how much does that cost", "how much does the k visa cost"),
        ("who is this for?", "who is the k visa for?"),
    ],
)
def test_it_they_and_one_are_the_topic(follow_up: str, meant: str) -> None:
    assert with_topic(follow_up, "the k visa") == meant


def test_and_who_asks_the_same_of_the_company() -> None:
    assert at_company(
        "and who's president now?", parse("who's president now?"), "Safe Superintelligence"
    ) == ("who's president now at Safe Superintelligence?")
    assert (
        at_company("and who's president at Moonshot AI?", parse("who's president at Moonshot AI?"), "X")
        is None
    )
    assert at_company("and how many are gone?", parse("how many are gone?"), "Safe Superintelligence") is None


def test_a_topic_follow_up_is_answered_as_the_whole_question(small_engine: Engine) -> None:
    chat = Conversation()
    chat.remember(parse("what is the shortage"), Answer("q", True, AnswerKind.EXTRACTIVE, "", (), ()))
    follow = small_engine.answer("why is it so bad", conversation=chat)
    assert follow.understood_as == "why is the shortage so bad"


@pytest.mark.parametrize(
    ("follow_up", "meant"),
    [
        ("what about the us?", "why is there a shortage of AI talent in the us?"),
        ("and europe", "why is there a shortage of AI talent in europe?"),
        ("how about in India?", "why is there a shortage of AI talent in India?"),
    ],
)
def test_another_country_asks_the_same_of_it(follow_up: str, meant: str) -> None:
    assert in_place(follow_up, "why is there a shortage of AI talent in China?") == meant


def test_no_country_to_put_it_in_place_of() -> None:
    assert in_place("what about the us?", "who did Meta hire from OpenAI?") is None
    assert in_place("what about the us team?", "why is there a shortage in China?") is None


def test_the_thing_stays_the_topic_while_the_follow_ups_are_about_it(small_engine: Engine) -> None:
    chat = Conversation()
    chat.remember(parse("what is garden leave"), Answer("q", True, AnswerKind.DEFINITION, "", (), ()))
    chat.remember(
        parse("which companies use garden leave"), Answer("q", True, AnswerKind.EXTRACTIVE, "", (), ())
    )
    assert small_engine.answer("how long does it last", conversation=chat).understood_as == (
        "how long does garden leave last"
    )


def test_it_after_a_profile_is_where_the_person_went_last() -> None:
    from answer.follow_topics import latest_company
    from answer.model import Line

    profile = Answer(
        "q",
        True,
        AnswerKind.PROFILE,
        "",
        (Line("Tan Xu: Microsoft Research Asia → Moonshot AI (August 2024).", (1,)),),
        (),
    )
    assert latest_company(profile) == "Moonshot AI"
    chat = Conversation()
    chat.remember(parse("who is Tan Xu"), profile)
    assert chat.resolve("how much did it raise?", parse) == "how much did Moonshot AI raise?"
    assert latest_company(Answer("q", True, AnswerKind.MOVES, "", profile.lines, ())) == ""


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("how many people work there", "how many people work at DeepSeek"),
        ("who does he report to there?", "who does he report to at DeepSeek?"),
        ("is there a fix", None),  # no place: "is there"
        ("are there any women in the team", None),
        ("there is a shortage, why", None),
    ],
)
def test_there_is_the_company_just_asked_about(text: str, read: str | None) -> None:
    assert at_there(text, "DeepSeek") == read
    assert at_there(text, None) is None


@pytest.mark.parametrize(
    ("text", "last", "new"),
    [
        ("whats the capital of france", "who did meta hire from openai", True),
        ("what about the US", "why is china short of ai talent", True),
        ("and in china?", "why is china short of ai talent", False),  # the same place
        ("can you tell us more", "who did meta hire from openai", False),  # "us" the pronoun
    ],
)
def test_a_place_the_last_question_did_not_name_is_new(text: str, last: str, new: bool) -> None:
    assert new_place(text, last) is new


def test_it_in_an_idiom_is_no_thing_to_put_the_topic_in() -> None:
    assert with_topic("is a phd in ml still worth it in 2026", "the K visa") is None
    assert with_topic("what time is it in beijing", "the K visa") is None
    assert with_topic("when does it take effect", "the K visa") == "when does the K visa take effect"


def test_he_after_someones_title_is_that_holder_not_the_last_person(small_engine: Engine) -> None:
    chat = Conversation()
    small_engine.answer("who did Meta hire from Apple?", conversation=chat)
    assert (
        chat.resolve("tiktok's boss, whats his name", small_engine.parse) == "tiktok's boss, whats his name"
    )
    assert "Ruoming Pang" in chat.resolve("whats his name", small_engine.parse)


def test_it_after_a_question_about_someones_start_up_is_the_company_the_answer_names() -> None:
    from answer.follow_topics import latest_company
    from answer.model import Line

    said = "Moonshot AI, the Beijing start-up Tan Xu joined, raised $1 billion. [1]"
    answer = Answer("q", True, AnswerKind.EXTRACTIVE, "", (Line(said, (1,)),), ())
    question = parse("how much did tan xu's startup raise")
    assert latest_company(answer, question, ENTITIES.find) == "Moonshot AI"
    chat = Conversation()
    chat.remember(question, answer, ENTITIES.find)
    # "it" is the start-up when it goes after something; two short asks are one follow-up
    assert (
        chat.resolve("which city is it in, and what kind of ai is it going after", parse)
        == "which city is it in, and what kind of ai is Moonshot AI going after"
    )
