"""People, roles and counts on the shipped corpus with the real model."""

from __future__ import annotations

import re

import pytest

from answer.engine import Engine
from answer.model import Answer, AnswerKind

pytestmark = pytest.mark.integration


def _cited(answer: Answer) -> set[str]:
    return {s.article_id for s in answer.sources}


def test_who_is_alexandr_wang(real_engine: Engine) -> None:
    answer = real_engine.answer("Who is Alexandr Wang?")
    assert answer.kind is AnswerKind.PROFILE
    path, role = answer.lines[0].text, answer.lines[1].text
    assert path == "Alexandr Wang: Scale AI → Meta (June 2025)."
    assert role.startswith("Latest known role: Chief AI Officer")
    assert "2025-06-meta-scale-ai-stake-alexandr-wang" in _cited(answer)
    assert all(line.citations for line in answer.lines)


def test_where_does_tan_xu_work_now(real_engine: Engine) -> None:
    answer = real_engine.answer("Where does Tan Xu work now?")
    assert answer.kind is AnswerKind.PROFILE
    assert answer.lines[0].text.startswith(
        "Tan Xu moved from Microsoft Research Asia to Moonshot AI (August 2024)"
    )
    assert _cited(answer) == {"2024-08-moonshot-hires-tan-xu"}


def test_where_did_ruoming_pang_go_gives_his_path_and_its_last_stop(real_engine: Engine) -> None:
    answer = real_engine.answer("Where did Ruoming Pang go?")
    latest, path = answer.lines[0].text, answer.lines[1].text
    assert path.startswith("Ruoming Pang: Google → Apple (2021) → Meta (7 July 2025)")
    last_stop = path.rstrip(".").split(" → ")[-1].split(" (")[0]
    assert f" to {last_stop} (" in latest and latest.endswith("the latest move I have on record.")


def test_chief_scientist_and_where_he_came_from(real_engine: Engine) -> None:
    answer = real_engine.answer(
        "Who is chief scientist of Meta Superintelligence Labs and where did he come from?"
    )
    assert answer.kind is AnswerKind.ROLE
    assert answer.lines[0].text.startswith(
        "The Chief Scientist of Meta Superintelligence Labs is Shengjia Zhao"
    )
    assert answer.lines[1].text == "Shengjia Zhao: OpenAI → Meta (June 2025)."
    assert "2025-07-shengjia-zhao-named-msl-chief-scientist" in _cited(answer)


def _all_pages(engine: Engine, question: str) -> list[Answer]:
    pages = [engine.answer(question)]
    while pages[-1].more:
        pages.append(engine.answer(question, page=len(pages)))
    return pages


def test_how_many_people_did_meta_hire_from_openai(real_engine: Engine) -> None:
    pages = _all_pages(real_engine, "How many people did Meta hire from OpenAI?")
    assert pages[0].kind is AnswerKind.AGGREGATE
    counted = re.match(r"(\d+) people moved to Meta from OpenAI", pages[0].intro)
    assert counted is not None
    names = {line.text.split(":")[0] for page in pages for line in page.lines}
    assert int(counted.group(1)) == len(names) >= 12  # the number is the people listed, page after page
    assert {"Shengjia Zhao", "Lucas Beyer", "Yuanzhi Li"} <= names
    assert all(line.citations for page in pages for line in page.lines)


def test_which_company_lost_the_most_people_to_meta(real_engine: Engine) -> None:
    answer = real_engine.answer("Which company lost the most people to Meta?")
    assert answer.kind is AnswerKind.AGGREGATE
    top = re.match(r"OpenAI lost the most people to Meta: (\d+) of the \d+ people on record", answer.intro)
    assert top is not None
    texts = [line.text for line in answer.lines]
    assert texts[0].startswith(f"OpenAI: {top.group(1)} — ")
    google = next(t for t in texts if t.startswith("Google (Google DeepMind"))
    assert "Jack Rae" in google and "Pei Sun" in google


def test_where_do_people_leaving_google_go(real_engine: Engine) -> None:
    answer = real_engine.answer("Where do people leaving Google go?")
    assert answer.kind is AnswerKind.AGGREGATE
    first = answer.lines[0].text.split(":")[0]
    assert answer.intro.startswith(f"{first} took the most people from Google")
    microsoft = next(line.text for line in answer.lines if line.text.startswith("Microsoft: "))
    assert "Amar Subramanya" in microsoft and "Mustafa Suleyman" not in microsoft  # he came from Inflection


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("google deepmind's boss", "Demis Hassabis"),  # no leader on record: the sentence giving its chief
        ("who heads google deepmind", "Demis Hassabis"),
        ("who chairs the ftc", "Andrew Ferguson"),  # "chairs" is answered by "FTC chairman"
        ("who replaced giannandrea at apple", "Amar Subramanya"),  # "to take on much of his work"
        (
            "who is bytedances ceo",
            "Liang Rubo",
        ),  # "At ByteDance, ... reports directly to chief executive ..."
        ("meta chief product officer?", "Chris Cox"),
        ("who's behind deepseek", "Liang Wenfeng"),  # its founder
    ],
)
def test_who_leads_a_place_from_the_sentence_that_says_so(
    real_engine: Engine, question: str, name: str
) -> None:
    answer = real_engine.answer(question)
    assert answer.answered and name in answer.lines[0].text
    assert all(line.citations for line in answer.lines)


def test_a_title_someone_else_holds_in_the_sentence_is_not_the_answer(real_engine: Engine) -> None:
    # "Groq ... granted Nvidia a licence ... and that its founder and chief executive Jonathan Ross" is Groq's
    answer = real_engine.answer("who is nvidia's ceo")
    assert "Jonathan Ross" not in answer.plain_text()


def test_a_question_about_the_bot_worded_like_none_of_its_patterns(real_engine: Engine) -> None:
    # close in meaning to an example question about the bot ("can you send me news every week")
    answer = real_engine.answer("could u send me the news each week")
    assert answer.kind is AnswerKind.ABOUT and answer.answered


def test_a_publisher_named_in_a_question_about_the_bots_sources(real_engine: Engine) -> None:
    # "reuters" is a publisher of the articles, not what the question is about: it asks what the bot reads
    answer = real_engine.answer("which publications do u pull from, like reuters?")
    assert answer.kind is AnswerKind.ABOUT and "publishers" in answer.plain_text()


def test_departures_with_no_destination_reported_are_on_record(real_engine: Engine) -> None:
    # the Sora and science leads left OpenAI on 17 April 2026, destinations not reported
    text = real_engine.answer("who left openai in april 2026").plain_text()
    assert "Bill Peebles: left OpenAI" in text and "Kevin Weil: left OpenAI" in text
    assert "Mrinank Sharma: left Anthropic" in real_engine.answer("who left anthropic").plain_text()


def test_a_university_asked_by_its_acronym_is_the_one_the_article_names_in_full(real_engine: Engine) -> None:
    # the article lists "University College London" and defines "(UCL)": no "no record of moves from UCL"
    answer = real_engine.answer("is david silver still at ucl or did he quit that too")
    assert answer.answered and "University College London" in answer.plain_text()
