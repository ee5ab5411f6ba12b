""" "Did DeepSeek hire anyone from Google?" when no such move is on record: said plainly."""

from __future__ import annotations

from functools import partial

from answer.asks import split_asks
from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind, refusal
from answer.moves import filter_moves, moves_scope
from answer.query import Question
from corpus.entities import Mention
from corpus.text import words


def _an_ask_has_moves(q: Question, ctx: Context) -> bool:
    """Does one ask of a question asking several have moves on record with the names it says ("deepseek lost
    guo daya to who, and which training vet went to tencent": Guo Daya left DeepSeek, though not for Tencent)?"""
    asks = split_asks(q.text)
    spans, start = [], 0
    for ask in asks if len(asks) > 1 else ():
        start = max(q.text.find(ask.text, start), start)
        spans.append(range(start, start + len(ask.text)))
        start += len(ask.text)
    for span in spans:
        alone = q.keeping(partial(_within, span))
        if alone.mentions and filter_moves(ctx.state.moves, alone):
            return True
    return False


def _within(span: range, mention: Mention) -> bool:
    return mention.start in span


class NoRecord:
    """Before the search: a dated moves question with no such move. After it: no move on record and no
    passage among the best that names everyone the question asks about."""

    kind = AnswerKind.NO_RECORD
    # The passages checked for naming everyone the question asks about.
    TOP_PASSAGES = 3

    def __init__(self, *, before_search: bool) -> None:
        self.before_search = before_search

    def match(self, q: Question, ctx: Context) -> float | None:
        if not ctx.no_moves or _an_ask_has_moves(q, ctx):
            return None
        if self.before_search:
            # ...but "who else left in aug 2024" besides the mover named may be told by the articles only
            return CERTAIN if q.dates is not None and not q.others_than else None
        return None if self._mentioned_together(q, ctx) else CERTAIN

    def _mentioned_together(self, q: Question, ctx: Context) -> bool:
        """Does one of the best passages name every person and organisation the question asks about (in one
        sentence, when it asks about a move from one company to another: "did xAI poach from OpenAI?" is not
        answered by a passage on Meta's OpenAI hires that mentions xAI further on)?"""
        between = bool(q.origins) and bool(q.destinations)
        for hit in ctx.retrieval.hits[: self.TOP_PASSAGES]:
            texts = ctx.state.retrieved(hit).sentences if between else (None,)
            for text in texts:
                found = ctx.state.passage_words(hit) if text is None else set(words(text))
                if all(m.entity.keys <= found for m in q.mentions):
                    return True
        return False

    def answer(self, q: Question, ctx: Context) -> Answer:
        return refusal(q.text, f"I have no record of talent moves {moves_scope(q)}.", self.kind)
