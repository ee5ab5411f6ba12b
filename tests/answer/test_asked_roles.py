"""The title a question asks the holder of, and where; the title words of a recorded role."""

from __future__ import annotations

import datetime as dt

import pytest

from answer.kinds.asked_roles import FOUNDER, asked_role, role_words, title_words
from answer.query import parse_question
from corpus.entities import EntityIndex

ENTITIES = EntityIndex(people=["Barret Zoph"], orgs=["OpenAI", "Meta Superintelligence Labs", "Tencent"])


def _asked(text: str) -> tuple[frozenset[str], str, list[str]] | None:
    found = asked_role(parse_question(text, ENTITIES, dt.date(2026, 11, 30), set()))
    return None if found is None else (found.words, found.phrase, [m.entity.name for m in found.orgs])


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        (
            "who is the chief scientist of Meta Superintelligence Labs?",
            (frozenset({"chief", "scientist"}), "chief scientist", ["Meta Superintelligence Labs"]),
        ),
        (
            "tencent chief ai scientist?",
            (frozenset({"chief", "ai", "scientist"}), "chief ai scientist", ["Tencent"]),
        ),
        ("who founded OpenAI", (frozenset({FOUNDER}), FOUNDER, ["OpenAI"])),
        ("openai's applications ceo?", (frozenset({"applications", "ceo"}), "applications ceo", ["OpenAI"])),
        ("who is the head of OpenAI", None),  # only says someone leads: a leaders question
        ("who took over as OpenAI's ceo after him", None),  # a succession
        ("who is Barret Zoph", None),  # about a person
        # the place is before what it came after; "interim" is no part of the company
        ("who's the interim ceo at OpenAI after the Tencent deal", (frozenset({"ceo"}), "ceo", ["OpenAI"])),
        # becoming it is no part of the title
        ("who became president at OpenAI", (frozenset({"president"}), "president", ["OpenAI"])),
        ("who was named cto of Tencent", (frozenset({"cto"}), "cto", ["Tencent"])),
        # the person named gave the title
        ("who did Barret Zoph make cto of OpenAI", (frozenset({"cto"}), "cto", ["OpenAI"])),
        ("who was the qwen lead OpenAI took to arbitration", None),  # what was done to the holder
        # who did something, not who holds a title; a title in -ing is still one
        ("who was holding the OpenAI executives passports", None),
        (
            "who is the managing director of OpenAI",
            (frozenset({"managing", "director"}), "managing director", ["OpenAI"]),
        ),
    ],
)
def test_the_title_asked_and_where(
    question: str, asked: tuple[frozenset[str], str, list[str]] | None
) -> None:
    assert _asked(question) == asked


def test_a_title_is_spelt_one_way_and_a_role_keeps_only_its_title() -> None:
    assert title_words("Chief Executive Officer") == title_words("CEO") == {"ceo"}
    assert "ceo" not in role_words("researcher, reports to applications CEO Fidji Simo")
