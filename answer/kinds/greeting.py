"""Hello, thanks: the bot introduces itself (questions about the bot are `about`)."""

from __future__ import annotations

import re

from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind, refusal
from answer.query import Question

GREETING = re.compile(
    r"^\W*(hi|hello|hey|hiya|yo|good (morning|afternoon|evening)|thanks|thank you|cheers|ok|okay)\W*$",
    re.I,
)
INTRODUCTION = (
    "Hi! I'm TalentBot: ask me about the AI talent war — who hired whom, why there is a shortage, what "
    "researchers are paid — and I answer from news articles, with sources."
)


class Greeting:
    kind = AnswerKind.GREETING

    def match(self, q: Question, ctx: Context) -> float | None:
        return CERTAIN if GREETING.match(ctx.raw) else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        return refusal(ctx.raw, INTRODUCTION, self.kind)
