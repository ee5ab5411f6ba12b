"""The shape of a kind of question: does it match this question, and how is it answered?"""

from __future__ import annotations

from typing import Protocol

from answer.context import Context
from answer.model import Answer, AnswerKind
from answer.query import Question

# What `match` returns when a kind is sure it applies (the engine takes the first kind that matches).
CERTAIN = 1.0


class QuestionKind(Protocol):
    """One kind of question. `match` returns a confidence (None: not this kind); `answer` answers it."""

    kind: AnswerKind

    def match(self, q: Question, ctx: Context) -> float | None: ...

    def answer(self, q: Question, ctx: Context) -> Answer: ...
