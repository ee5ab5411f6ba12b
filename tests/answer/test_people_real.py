"""People, roles and counts on the shipped corpus with the real model."""

from __future__ import annotations

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
    assert path == "Alexandr Wang: Scale AI → Meta (2025-06)."
    assert role.startswith("Latest known role: Chief AI Officer")
    assert "2025-06-meta-scale-ai-stake-alexandr-wang" in _cited(answer)
    assert all(line.citations for line in answer.lines)


def test_where_does_tan_xu_work_now(real_engine: Engine) -> None:
    answer = real_engine.answer("Where does Tan Xu work now?")
    assert answer.kind is AnswerKind.PROFILE
    assert answer.lines[0].text.startswith(
        "Tan Xu moved from Microsoft Research Asia to Moonshot AI (2024-08)"
    )
    assert _cited(answer) == {"2024-08-moonshot-hires-tan-xu"}


def test_where_did_ruoming_pang_go_gives_his_path(real_engine: Engine) -> None:
    answer = real_engine.answer("Where did Ruoming Pang go?")
    assert answer.lines[0].text.startswith("Ruoming Pang moved from Apple to Meta (2025-07)")
    assert "Ruoming Pang: Google → Apple (2021) → Meta (2025-07)." in [line.text for line in answer.lines]


def test_chief_scientist_and_where_he_came_from(real_engine: Engine) -> None:
    answer = real_engine.answer(
        "Who is chief scientist of Meta Superintelligence Labs and where did he come from?"
    )
    assert answer.kind is AnswerKind.ROLE
    assert answer.lines[0].text.startswith(
        "The Chief Scientist of Meta Superintelligence Labs is Shengjia Zhao"
    )
    assert answer.lines[1].text == "Shengjia Zhao: OpenAI → Meta (2025-06)."
    assert "2025-07-shengjia-zhao-named-msl-chief-scientist" in _cited(answer)


def test_how_many_people_did_meta_hire_from_openai(real_engine: Engine) -> None:
    answer = real_engine.answer("How many people did Meta hire from OpenAI?")
    assert answer.kind is AnswerKind.AGGREGATE
    assert answer.intro.startswith("12 people moved to Meta from OpenAI")
    names = {line.text.split(":")[0] for line in answer.lines}
    assert {"Shengjia Zhao", "Lucas Beyer", "Yuanzhi Li"} <= names and len(names) == 12
    assert all(line.citations for line in answer.lines)


def test_which_company_lost_the_most_people_to_meta(real_engine: Engine) -> None:
    answer = real_engine.answer("Which company lost the most people to Meta?")
    assert answer.kind is AnswerKind.AGGREGATE
    assert answer.intro.startswith("OpenAI lost the most people to Meta: 12 of the 28 on record.")
    texts = [line.text for line in answer.lines]
    assert texts[0].startswith("OpenAI: 12 — ")
    assert "Google (Google DeepMind): 2 — Pei Sun, Jack Rae" in texts


def test_where_do_people_leaving_google_go(real_engine: Engine) -> None:
    answer = real_engine.answer("Where do people leaving Google go?")
    assert answer.kind is AnswerKind.AGGREGATE
    assert answer.intro.startswith("Microsoft took the most people from Google: 6")
    assert answer.lines[0].text.startswith("Microsoft: 6 — Amar Subramanya")
