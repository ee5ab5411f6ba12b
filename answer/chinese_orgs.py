"""Companies in China, for questions asking about them ("which chinese companies hired the most", "name the
chinese companies that have hired from google deepmind"): by the share of their articles tagged "china"."""

from __future__ import annotations

import re

from answer.moves import RecordedMove
from answer.query import Question
from answer.state import EngineState
from corpus.entities import key_tokens

ORG_NOUN = r"(?:compan(?:y|ies)|labs?|firms?|organi[sz]ations?|employers?|start-?ups?|rivals?|competitors?)"
# "which chinese companies hired the most", "chinese labs losing the most people": only companies in China.
CHINESE_ORGS = re.compile(
    rf"\bchinese (?:tech |ai |internet )?{ORG_NOUN}|\b{ORG_NOUN} (?:in|from) china\b", re.I
)
# A company is in China when this share of the articles listing it are tagged "china": 100% for ByteDance,
# Alibaba, Tencent, DeepSeek; 20% or less for Meta, OpenAI, Google DeepMind, Anthropic.
CHINESE_SHARE = 2 / 3


def chinese(name: str, state: EngineState) -> bool:
    """Is the company in China, by the articles listing it?"""
    listed = state.mention_articles.get(key_tokens(name), set())
    tagged = sum("china" in state.data.articles[a].tags for a in listed)
    return bool(listed) and tagged >= CHINESE_SHARE * len(listed)


def at_chinese_orgs(moves: list[RecordedMove], q: Question, state: EngineState) -> list[RecordedMove]:
    """The moves to (or, for a question naming where people went, from) a company in China, when the question
    asks about Chinese companies; else all."""
    if not CHINESE_ORGS.search(q.text):
        return moves
    return with_chinese(moves, "from" if q.destinations and not q.origins else "to", state)


def with_chinese(moves: list[RecordedMove], side: str, state: EngineState) -> list[RecordedMove]:
    """The moves whose company on that side ("to" or "from") is in China."""
    return [r for r in moves if (org := r.move.to if side == "to" else r.move.from_) and chinese(org, state)]
