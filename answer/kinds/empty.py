"""A message with no words in it ("??", "   ")."""

from __future__ import annotations

import re

from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind, refusal
from answer.query import Question

_A_WORD = re.compile(r"\w")


class Empty:
    kind = AnswerKind.EMPTY

    def match(self, q: Question, ctx: Context) -> float | None:
        return CERTAIN if not _A_WORD.search(ctx.raw) else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        return refusal(ctx.raw, "Ask me a question in words, for example:", self.kind)
