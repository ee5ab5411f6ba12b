"""Follow-ups in a conversation, read against the previous question; context expires."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from answer.config import EngineConfig
from answer.conversation import CONTEXT_TTL_S, Conversation
from answer.engine import Engine
from answer.model import Answer, AnswerKind, Line
from answer.query import Question
from tests.conftest import OTHER_STORY, FakeEmbedder, engine_of, engine_over, write_article


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


def test_the_one_from_a_company_narrows_the_last_list(small_engine: Engine) -> None:
    chat = Conversation()
    small_engine.answer("who did Meta hire in 2025?", conversation=chat)
    one = small_engine.answer("who was the one from Apple?", conversation=chat)
    assert one.understood_as == "who did Meta hire in 2025 from Apple?"


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


def test_a_bare_company_after_a_preposition_narrows_the_last_question(small_engine: Engine) -> None:
    chat = Conversation()
    small_engine.answer("who did Moonshot AI hire?", conversation=chat)
    follow = small_engine.answer("from Microsoft Research Asia?", conversation=chat)
    assert follow.understood_as == "who did Moonshot AI hire from Microsoft Research Asia?"
    assert [line.text.split(":")[0] for line in follow.lines] == ["Tan Xu"]


def test_a_question_word_alone_asks_the_last_question_another_way(small_engine: Engine) -> None:
    chat = Conversation()
    small_engine.answer("who did Meta hire from Apple?", conversation=chat)
    assert small_engine.answer("why?", conversation=chat).understood_as == "why did Meta hire from Apple?"


@pytest.mark.parametrize(
    ("follow_up", "understood"),
    [
        ("how much did they offer him?", "how much did Meta offer Ruoming Pang?"),  # they act: the company
        ("what's his role?", "what's Ruoming Pang's role?"),
        ("who did they lose to Meta?", "who did Apple lose to Meta?"),  # losing: the company left
        ("who did it hire?", "who did Meta hire?"),
        ("how much were they paid?", "how much was Ruoming Pang paid?"),  # one person: "they" is him
    ],
)
def test_pronouns_mean_the_person_or_the_company(
    small_engine: Engine, follow_up: str, understood: str
) -> None:
    chat = Conversation()
    small_engine.answer("who did Meta hire from Apple?", conversation=chat)
    assert small_engine.answer(follow_up, conversation=chat).understood_as == understood


def _two_left_apple(engine: Engine, question: str) -> tuple[Question, Answer]:
    """A question about who left Apple, and an answer listing two people."""
    q = engine.parse(question)
    listed = Answer(
        question=q.text,
        answered=True,
        kind=AnswerKind.MOVES,
        intro="2 talent moves from Apple, newest first:",
        lines=(
            Line("Ruoming Pang: Apple → Meta (July 2025)", (1,)),
            Line("Ke Yang: Apple → Meta (October 2025)", (1,)),
        ),
        sources=(),
    )
    return q, listed


def test_they_after_a_list_of_people_means_all_of_them(small_engine: Engine) -> None:
    chat = Conversation()
    chat.remember(*_two_left_apple(small_engine, "who left Apple?"))
    assert chat.resolve("where did they go?", small_engine.parse) == "where did the people who left Apple go?"
    assert chat.resolve("when did he join?", small_engine.parse) == "when did Ruoming Pang join?"


def test_he_after_asking_who_of_someone_named_is_whom_the_answer_names(small_engine: Engine) -> None:
    chat = Conversation()
    q, listed = _two_left_apple(small_engine, "who did Tan Xu bring with him to Meta?")
    chat.remember(q, replace(listed, lines=listed.lines[:1]))
    assert chat.resolve("when did he join?", small_engine.parse) == "when did Ruoming Pang join?"
    chat.reset()
    chat.remember(*_two_left_apple(small_engine, "who is Tan Xu?"))  # asked about him: "he" is still him
    assert chat.resolve("when did he join?", small_engine.parse) == "when did Tan Xu join?"


def test_a_company_follow_up_goes_back_to_the_question_about_companies(small_engine: Engine) -> None:
    chat = Conversation()
    small_engine.answer("who did Meta hire from Apple?", conversation=chat)
    small_engine.answer("when did he join?", conversation=chat)
    follow = small_engine.answer("what about Microsoft Research Asia?", conversation=chat)
    assert follow.understood_as == "who did Meta hire from Microsoft Research Asia?"


@pytest.mark.parametrize(
    "question",
    ["and what is Meta paying?", "what happened in 2025?", "Why does China lack AI engineers?"],
)
def test_questions_of_their_own_are_not_rewritten(small_engine: Engine, question: str) -> None:
    chat = Conversation()
    small_engine.answer("who did Moonshot AI hire?", conversation=chat)
    assert not small_engine.answer(question, conversation=chat).understood_as


def test_questions_about_the_bot_are_no_context_for_follow_ups(small_engine: Engine) -> None:
    chat = Conversation()
    small_engine.answer("who did Meta hire from Apple?", conversation=chat)
    small_engine.answer("how many articles do you have?", conversation=chat)
    small_engine.answer("¿Quién contrató Moonshot AI?", conversation=chat)
    follow = small_engine.answer("and in 2025?", conversation=chat)
    assert follow.understood_as == "who did Meta hire from Apple in 2025?"


@pytest.mark.parametrize(
    "follow_up", ["and the other direction?", "what about the other way round", "vice versa?"]
)
def test_the_other_way_round_swaps_the_companies(small_engine: Engine, follow_up: str) -> None:
    chat = Conversation()
    small_engine.answer("who did Meta hire from Apple?", conversation=chat)
    assert small_engine.answer(follow_up, conversation=chat).understood_as == "who did Apple hire from Meta?"


def test_when_was_that_asks_the_last_question_another_way(small_engine: Engine) -> None:
    chat = Conversation()
    small_engine.answer("where did Tan Xu go?", conversation=chat)
    assert small_engine.answer("when was that", conversation=chat).understood_as == "when did Tan Xu go?"


def test_he_is_the_person_the_last_question_was_about(small_engine: Engine) -> None:
    chat = Conversation()
    first = small_engine.answer("who is Ruoming Pang?", conversation=chat)
    assert first.kind is AnswerKind.PROFILE
    follow = small_engine.answer("where did he work before", conversation=chat)
    assert follow.understood_as == "where did Ruoming Pang work before Meta?"  # his last stop on record


@pytest.mark.parametrize("follow_up", ["and before that?", "before that", "previously?"])
def test_before_that_asks_where_the_person_worked_before(small_engine: Engine, follow_up: str) -> None:
    chat = Conversation()
    small_engine.answer("who is Ruoming Pang?", conversation=chat)
    assert chat.resolve(follow_up, small_engine.parse) == "where did Ruoming Pang work before Meta?"


def test_before_that_after_a_list_of_moves_is_no_question_about_one_person(small_engine: Engine) -> None:
    chat = Conversation()
    chat.remember(*_two_left_apple(small_engine, "who left Apple?"))
    assert chat.resolve("and before that?", small_engine.parse) == "and before that?"


@pytest.mark.parametrize("follow_up", ["where were they before apple?", "and where did they work before"])
def test_where_were_they_before_after_a_list_asks_the_list_again_with_their_paths(
    small_engine: Engine, follow_up: str
) -> None:
    chat = Conversation()
    chat.remember(*_two_left_apple(small_engine, "who left Apple?"))
    assert chat.resolve(follow_up, small_engine.parse) == "who left Apple and where were they before?"


def _after_prose(engine: Engine, question: str, said: str) -> Conversation:
    """A conversation after `question` was answered in prose with the sentence `said`."""
    chat = Conversation()
    q = engine.parse(question)
    chat.remember(q, _said(q.text, AnswerKind.EXTRACTIVE, said), engine.state.entities.find)
    return chat


def _said(q_text: str, kind: AnswerKind, *lines: str) -> Answer:
    return Answer(q_text, True, kind, "", tuple(Line(t, (1,)) for t in lines), ())


def _two_hired_from_apple(engine: Engine) -> tuple[Question, Answer]:
    """A question about Meta's hires from Apple, and an answer listing two people."""
    q = engine.parse("who did Meta hire from Apple?")
    lines = ("Ruoming Pang: Apple → Meta (July 2025)", "Ke Yang: Apple → Meta (October 2025)")
    return q, _said(q.text, AnswerKind.MOVES, *lines)


def test_he_after_a_list_means_the_person_it_says_most_about(small_engine: Engine) -> None:
    chat = Conversation()
    q = small_engine.parse("who did Meta hire?")
    listed = _said(
        q.text,
        AnswerKind.MOVES,
        "Tan Xu: Microsoft Research Asia → Meta",
        "Ruoming Pang: Apple → Meta, researcher (July 2025)",
    )
    chat.remember(q, listed)
    assert chat.resolve("when did he join?", small_engine.parse) == "when did Ruoming Pang join?"


def test_he_after_an_answer_in_prose_means_the_person_it_names(small_engine: Engine) -> None:
    chat = Conversation()
    q = small_engine.parse("who runs voice at Moonshot AI?")
    prose = _said(q.text, AnswerKind.EXTRACTIVE, "Moonshot AI recruited Tan Xu from Microsoft Research Asia.")
    chat.remember(q, prose, small_engine.state.entities.find)
    assert chat.resolve("who did he replace?", small_engine.parse) == "who did Tan Xu replace?"


def test_he_after_a_role_said_in_prose_means_the_person_it_names(small_engine: Engine) -> None:
    chat = Conversation()
    q = small_engine.parse("who started Moonshot AI?")
    role = _said(
        q.text,
        AnswerKind.ROLE,
        "Moonshot AI was founded by Tan Xu (founder, 2023), as my articles record it.",
    )
    chat.remember(q, role, small_engine.state.entities.find)
    assert chat.resolve("when did he leave?", small_engine.parse) == "when did Tan Xu leave?"


def test_he_after_who_took_over_from_someone_is_the_successor_unless_asked_about_leaving(
    small_engine: Engine,
) -> None:
    chat = _after_prose(
        small_engine,
        "who took over voice at Moonshot AI after Ruoming Pang left?",
        "Moonshot AI recruited Tan Xu from Microsoft Research Asia.",
    )
    assert chat.resolve("where did he work before?", small_engine.parse) == "where did Tan Xu work before?"
    # leaving is what the question said of Pang: "after he left" is Pang
    assert chat.resolve("why did he leave?", small_engine.parse) == "why did Ruoming Pang leave?"


def test_he_taking_up_an_offer_is_the_one_it_was_made_to(small_engine: Engine) -> None:
    chat = _after_prose(
        small_engine,
        "how much did Ruoming Pang offer Tan Xu?",
        "Ruoming Pang offered Tan Xu a big package at Meta.",
    )
    assert chat.resolve("did he take it?", small_engine.parse) == "did Tan Xu take it?"
    assert chat.resolve("why did he make it?", small_engine.parse) == "why did Ruoming Pang make it?"
    assert chat.resolve("how long did he take to decide?", small_engine.parse) == (
        "how long did Ruoming Pang take to decide?"
    )  # time taken, no offer taken


def test_they_cutting_staff_is_the_company_of_the_question_not_of_its_after_clause(
    small_engine: Engine,
) -> None:
    chat = _after_prose(
        small_engine,
        "who became head of voice at Moonshot AI after Ruoming Pang went to Meta?",
        "Moonshot AI recruited Tan Xu.",
    )
    assert (
        chat.resolve("did they cut staff after that?", small_engine.parse)
        == "did Moonshot AI cut staff after that?"
    )


def _read_after(engine: Engine, first: str, follow_up: str) -> str:
    """What a follow-up is read as, asked after `first` in a new conversation."""
    chat = Conversation()
    engine.answer(first, conversation=chat)
    return chat.resolve(follow_up, engine.parse)


MOONSHOT = "who did Moonshot AI hire?"


@pytest.mark.parametrize(
    ("first", "follow_up", "understood"),
    [
        (MOONSHOT, "how much did it raise", "how much did Moonshot AI raise"),
        # "it" is the company when something is done to it
        (MOONSHOT, "who runs it?", "who runs Moonshot AI?"),
        (MOONSHOT, "when was it founded", "when was Moonshot AI founded"),
        (MOONSHOT, "what happened to it", "what happened to Moonshot AI"),
        (MOONSHOT, "what does it mean?", "what does it mean?"),  # "it" is the news, not the company
        # "the start-up" is the one people were hired from, "the company" the one asked about
        ("who did Meta hire from Apple?", "who runs the startup now", "who runs Apple now"),
        ("who did Meta hire from Apple?", "what did the company pay", "what did Meta pay"),
        # a follow-up ending in a preposition is about the company
        (MOONSHOT, "who put money in", "who put money in Moonshot AI?"),
        (MOONSHOT, "who else did it bring in?", "who else did it bring in?"),  # "bring in": nothing dangling
    ],
)
def test_it_or_the_company_is_the_company_asked_about(
    small_engine: Engine, first: str, follow_up: str, understood: str
) -> None:
    assert _read_after(small_engine, first, follow_up) == understood


def test_when_after_a_move_quotes_the_sentence_that_dates_it(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    directory = tmp_path / "articles"
    directory.mkdir()
    write_article(
        directory,
        body="Meta hired Ruoming Pang from Apple in July 2025. He led the foundation models team there.",
        moves="moves:\n  - person: Ruoming Pang\n    from: Apple\n    to: Meta\n    date: 2025-07\n",
    )
    engine = engine_over(directory, tmp_path / "data", fake_embedder)
    chat = Conversation()
    engine.answer("who did Meta hire from Apple?", conversation=chat)
    when = engine.answer("when did he join?", conversation=chat)
    assert when.kind == AnswerKind.MOVES
    assert when.lines[-1].text == "Meta hired Ruoming Pang from Apple in July 2025."
    assert when.lines[-1].citations == (1,)


def test_they_after_a_question_about_a_period_keeps_the_period(small_engine: Engine) -> None:
    chat = Conversation()
    chat.remember(*_two_left_apple(small_engine, "who left Apple in 2025?"))
    assert (
        chat.resolve("where did they go?", small_engine.parse)
        == "where did the people who left Apple in 2025 go?"
    )


def _silver_engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    """David Silver's start-up raising a round, and an article about something else."""
    return engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2026-04-ineffable-seed",
            "title": "David Silver's Ineffable Intelligence raises a seed round",
            "body": "Ineffable Intelligence, the start-up founded by David Silver, raised $1.1 billion in a seed "
            "round. Sequoia and Lightspeed co-led the round, with Nvidia also taking part.",
            "published": "2026-04-27",
            "companies": "Ineffable Intelligence, Sequoia, Lightspeed, Nvidia",
            "people": "David Silver",
        },
        OTHER_STORY,
        config=EngineConfig(thresholds={"hybrid": 0.5}),
    )


def test_a_follow_up_no_rule_reads_is_asked_again_about_the_last_subject(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _silver_engine(tmp_path, fake_embedder)
    assert not engine.answer("who led the round").answered  # alone, too vague to answer
    chat = Conversation()
    engine.answer("how much did david silver's startup raise", conversation=chat)
    follow_up = engine.answer("who led the round", conversation=chat)
    assert follow_up.answered and "Sequoia" in follow_up.plain_text()
    assert follow_up.understood_as == "who led the round (David Silver)?"  # says how it was read


def test_a_terse_follow_up_may_be_asked_again_about_the_last_subject(small_engine: Engine) -> None:
    chat = Conversation()
    q = small_engine.parse("who did Meta hire from Apple?")
    chat.remember(
        q, _said(q.text, AnswerKind.MOVES, "Ruoming Pang: Apple → Meta"), small_engine.state.entities.find
    )
    assert chat.subject("who can apply") == "Meta, Apple"  # no pronoun, one word of its own
    assert chat.subject("what does fyi stand for") == ""  # words of its own: a question of its own


def test_a_question_naming_its_own_company_is_not_asked_again_about_the_last_subject(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _silver_engine(tmp_path, fake_embedder)
    chat = Conversation()
    engine.answer("how much did david silver's startup raise", conversation=chat)
    unrelated = engine.answer("who led the round at nvidia", conversation=chat)  # not Silver's round
    assert not unrelated.answered and not unrelated.understood_as


def test_it_after_which_company_is_the_company_the_answer_names(small_engine: Engine) -> None:
    chat = Conversation()
    q = small_engine.parse("which company hired Tan Xu?")
    moved = _said(q.text, AnswerKind.MOVES, "Tan Xu: Microsoft Research Asia → Moonshot AI (2025)")
    chat.remember(q, moved, small_engine.state.entities.find)
    assert chat.resolve("how much did it raise", small_engine.parse) == "how much did Moonshot AI raise"


@pytest.mark.parametrize(
    "question",
    [
        "who joined Meta when it launched?",  # "it" is Meta
        "did Meta lose half its researchers",
        "which researchers has Apple lost and who got them",  # "them" are the researchers
        "list everyone Apple lost to rivals and where they went",
        # whom the question asks about, or a description it opens with
        "who quit Apple to start his own lab",
        "who led recommendation work at tiktok before meta poached him",
        "why could china's travel rule backfire on its own ai sector",
        "the pytorch co-creator, which lab is he at these days",
    ],
)
def test_a_pronoun_the_question_itself_explains_is_not_the_last_subject(
    small_engine: Engine, question: str
) -> None:
    assert _read_after(small_engine, MOONSHOT, question) == question


def test_from_them_is_the_company_the_last_question_hired_from(small_engine: Engine) -> None:
    follow_up = "and who did Moonshot AI hire from them?"
    understood = _read_after(small_engine, "who did Meta hire from Apple?", follow_up)
    assert understood == "and who did Moonshot AI hire from Apple?"


def test_they_paying_them_is_the_company_and_the_people_it_hired(small_engine: Engine) -> None:
    chat = Conversation()
    chat.remember(*_two_hired_from_apple(small_engine))
    assert (
        chat.resolve("how much did they pay them?", small_engine.parse)
        == "how much did Meta pay the people Meta hired from Apple?"
    )
    # ...and "get paid" is done to the people, not by the company
    assert (
        chat.resolve("what did they get paid", small_engine.parse)
        == "what did the people Meta hired from Apple get paid"
    )
    # ...and once named, they are "their" again in the same question
    assert (
        chat.resolve("are they giving up their old titles", small_engine.parse)
        == "are the people Meta hired from Apple giving up their old titles"
    )


@pytest.mark.parametrize(
    ("follow_up", "goes_on"),
    [
        ("was it hit by the cuts?", True),
        ("how reliable is that", True),
        ("did Moonshot AI say why they did it", True),  # only the company already asked about
        ("whats the h1b fee now", False),  # nothing refers back
        ("is there a shortage", False),  # "there" of "is there" is no place
        ("did Meta say why it did that", False),  # a company of its own
        ("who invested?", True),  # says only what it asks
        ("which teams", True),
        ("whats the k visa", False),  # a thing of its own
        ("ok but how many actually went back to china", True),  # "but" carries on the last question
        ("and how many engineers work there", True),
    ],
)
def test_a_follow_up_that_refers_back_goes_on_with_the_last_answer(
    small_engine: Engine, follow_up: str, goes_on: bool
) -> None:
    chat = Conversation()
    assert not chat.goes_on(follow_up, small_engine.parse)  # nothing to go on from yet
    small_engine.answer(MOONSHOT, conversation=chat)
    assert chat.goes_on(follow_up, small_engine.parse) is goes_on


def test_a_person_is_named_once_for_the_pronouns_that_mean_them(small_engine: Engine) -> None:
    chat = Conversation()
    small_engine.answer("where did Ruoming Pang go?", conversation=chat)
    assert (
        chat.resolve("did he bring anyone with him", small_engine.parse)
        == "did Ruoming Pang bring anyone with him"
    )


def test_them_after_a_list_of_hires_is_the_people_not_the_company(small_engine: Engine) -> None:
    chat = Conversation()
    chat.remember(*_two_hired_from_apple(small_engine))
    understood = chat.resolve("which of them got the most money", small_engine.parse)
    assert understood == "which of the people Meta hired from Apple got the most money"


def test_which_of_them_after_an_answer_naming_one_person_is_still_the_people_asked_about(
    small_engine: Engine,
) -> None:
    chat = _after_prose(
        small_engine,
        "how much did Meta pay the people Meta hired from Apple?",
        "Sam Altman said Meta offered $100 million.",
    )
    understood = chat.resolve("which of them is the most senior", small_engine.parse)
    assert understood == "which of the people Meta hired from Apple is the most senior"


@pytest.mark.parametrize(
    ("asked", "said", "follow_up", "resolved"),
    [
        pytest.param(
            "what happened at Moonshot AI",
            "Moonshot AI lost Tan Xu and Ruoming Pang in a week.",
            "where did they go?",
            "where did the people who left Moonshot AI go?",
            id="they going somewhere after news about a company",
        ),
        pytest.param(
            "how many of Meta's co-founders have quit",
            "Ruoming Pang and Tan Xu both said they were leaving.",
            "name them",
            "name the people who left Meta",
            id="them after a question about people quitting a company",
        ),
    ],
)
def test_they_after_people_leaving_a_company_are_the_people_who_left_it(
    small_engine: Engine, asked: str, said: str, follow_up: str, resolved: str
) -> None:
    chat = _after_prose(small_engine, asked, said)
    assert chat.resolve(follow_up, small_engine.parse) == resolved


def test_there_after_where_someone_is_now_is_where_they_went(small_engine: Engine) -> None:
    chat = Conversation()
    small_engine.answer("why did Tan Xu leave Microsoft Research Asia?", conversation=chat)
    q = small_engine.parse("where is Tan Xu now")
    now = _said(
        q.text,
        AnswerKind.PROFILE,
        "Tan Xu moved from Microsoft Research Asia to Moonshot AI (2025): the latest move I have on record.",
        "Tan Xu: Microsoft Research Asia → Moonshot AI (2025).",
    )
    chat.remember(q, now, small_engine.state.entities.find)
    assert chat.resolve("what's his role there", small_engine.parse) == "what's Tan Xu's role at Moonshot AI"


def test_a_company_named_again_by_a_common_word_is_the_company_of_the_last_question(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    scale = {
        "article_id": "2025-06-meta-invests-in-scale",
        "title": "Meta invests in Scale AI",
        "body": "Meta is putting $14.3 billion into Scale AI. Leadership of Scale AI passes to Jason Droege, "
        "who becomes interim chief executive.",
        "published": "2025-06-13",
        "companies": "Meta, Scale AI",
        "people": "Jason Droege",
    }
    engine = engine_of(tmp_path, fake_embedder, scale, config=EngineConfig(thresholds={"hybrid": 0.0}))
    chat = Conversation()
    engine.answer("how much did meta put into scale ai", conversation=chat)
    follow = engine.answer("who runs scale now then", conversation=chat)
    assert follow.understood_as == "who runs Scale AI now then"
    assert "Jason Droege" in follow.plain_text()
    # ...but not the verb: "to scale up"
    assert (
        "to scale up" in engine.answer("how fast did they want to scale up", conversation=chat).understood_as
    )


def test_he_in_a_clause_after_who_and_them_after_before_are_still_the_last_subject(
    small_engine: Engine,
) -> None:
    # "he" who left is not the one who took over; "before them" names no one of its own
    assert "Tan Xu" in _read_after(small_engine, MOONSHOT, "and who took over after he left")
    assert (
        _read_after(small_engine, MOONSHOT, "and who had gone before them") != "and who had gone before them"
    )
