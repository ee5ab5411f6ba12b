"""Follow-ups that ask the last question again another way: a bare question word, or the other way round."""

from __future__ import annotations

import datetime as dt

from answer.follow_rewrites import asked_again, other_way
from answer.query import parse_question
from corpus.entities import EntityIndex

ENTITIES = EntityIndex(people=[], orgs=["ByteDance", "Alibaba"])
LAST = parse_question("who did ByteDance hire from Alibaba?", ENTITIES, dt.date(2026, 11, 30), set())


def test_a_bare_question_word_asks_the_last_question_that_way() -> None:
    assert asked_again("why?", LAST) == "why did ByteDance hire from Alibaba?"
    assert asked_again("and when was that?", LAST) == "when did ByteDance hire from Alibaba?"
    assert asked_again("why did they do it?", LAST) is None  # a question of its own


def test_the_other_way_round_swaps_the_two_companies() -> None:
    assert other_way("and vice versa?", LAST) == "who did Alibaba hire from ByteDance?"
    assert other_way("what about the other direction", LAST) == "who did Alibaba hire from ByteDance?"
    assert other_way("and from Alibaba?", LAST) is None
