"""Which questions ask for a list of moves, and which only mention them."""

from __future__ import annotations

import datetime as dt

import pytest

from answer.cues import as_searched, wants_moves, without_chat
from answer.query import parse_question
from corpus.entities import EntityIndex

ENTITIES = EntityIndex(people=["Ruoming Pang"], orgs=["Meta", "Google", "OpenAI", "Apple"])


def _wants(text: str) -> bool:
    return wants_moves(parse_question(text, ENTITIES, dt.date(2026, 11, 30), set()))


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("who did meta hire from openai", True),
        ("who left google in 2025", True),
        ("where did ruoming pang go", True),
        ("where did ruoming pang get his doctorate", False),  # schooling, not a move
        ("what share of google's 2025 ai hires were rehires", False),  # a figure
        ("what % of openai staff left", False),
        ("is google losing the talent war", False),  # a verdict, not a list
        ("are openai engineers more likely to leave to apple or vice versa", False),  # a ratio
        ("who else has meta picked up this year", True),
        ("why did pang leave apple", False),  # a reason
        ("who does pang report to at meta", False),  # a boss
        ("openai after pang left - who's ceo", False),  # a title's holder, after a topic typed first
        ("who's the new ceo of openai after pang left", False),
        ("openai after 2025 - who left", True),
        # a remark about a move, then the question: what is asked is the question
        ("alibaba actually went after a guy for going to bytedance?? whats the story", False),
        ("getting paid to not work at deepmind sounds nice 😂 how long does that garden leave last", False),
        ("meta hired zhao. who else did they hire", True),
        # a rule for newcomers is no list of moves, unless a move is asked too
        ("whats the new vesting rule at openai for new hires", False),
        ("what did meta promise to new recruits", False),
        ("who joined meta and what did it promise to new recruits", True),
        # a move that only says when is no move asked about
        ("did scale have job cuts after wang left", False),
        ("who did meta hire after wang joined", True),
        # what someone said about moves, not the moves
        ("what did zuckerberg say about poaching", False),
        ("what did altman say about meta poaching his staff", False),
        ("what did meta hire from openai", True),
        ("what did ruoming pang leave apple for", True),  # where he went
        ("where did zuckerberg announce ruoming pang as chief scientist", False),  # where it was told
        # whether what the asker heard is so: the story, not a list
        ("heard deepmind benches ppl for a year when they quit?? is that real", False),
        # a plan to hire many, or the posts to fill: what an article says, not who moved
        ("openai is hiring like 1000 ai people?? where though", False),
        ("how many ai roles is meta hiring for", False),
        ("google's hiring drive, what is it", False),
        ("who is meta hiring from openai", True),
        # the people of a move as the subject of something else: what they did since
        ("are the people meta hired from openai giving up their professor jobs", False),
        ("when had the people meta hired set up that office", False),
        ("which of the people meta hired from openai left", True),
    ],
)
def test_a_list_of_moves_is_asked_for_only_by_a_question_about_who_moved(question: str, listed: bool) -> None:
    assert _wants(question) is listed


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("so like who's the new ceo at windsurf", "who's the new ceo at windsurf"),
        ("basically why is there a shortage", "why is there a shortage"),
        ("random q but how much did lecun's startup raise", "how much did lecun's startup raise"),
        ("just curious, who runs deepseek", "who runs deepseek"),
        ("lowkey confused, what even is msl", "what even is msl"),
        ("any idea why tho", "why tho"),
    ],
)
def test_chat_before_a_question_is_not_part_of_it(typed: str, asked: str) -> None:
    assert without_chat(typed) == asked


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("explain step by step how the h1b fee works", "explain how the h1b fee works"),
        ("briefly, why is there a shortage", "why is there a shortage"),
        ("what's the deal in simple terms", "what's the deal"),
        ("summarize the h1b story", "h1b"),  # asking for a summary
        ("can you sum up the deepseek situation", "deepseek"),
        ("step by step", "step by step"),  # nothing else asked: as typed
    ],
)
def test_how_to_tell_the_answer_is_not_searched_for(typed: str, searched: str) -> None:
    assert as_searched(typed) == searched
