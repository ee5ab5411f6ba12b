"""The evaluation questions (shipped as package data in answer/data/questions.yaml) and their loader."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

DEFAULT_QUESTIONS = Path(__file__).resolve().parent / "data" / "questions.yaml"

Kind = Literal["fact", "why", "moves", "date", "casual", "typo", "out_of_scope"]
Split = Literal["dev", "test"]


# --------------------------------------------------------------------------------------------- questions


class EvalItem(BaseModel):
    """One evaluation question."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    q: str = Field(min_length=1)
    articles: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    kind: Kind
    split: Split = "dev"

    @property
    def answerable(self) -> bool:
        return self.kind != "out_of_scope"

    @model_validator(mode="after")
    def _consistent(self) -> EvalItem:
        if self.answerable and not self.articles:
            raise ValueError(f"{self.q!r}: an answerable question needs at least one gold article")
        if self.answerable and not 1 <= len(self.terms) <= 3:
            raise ValueError(f"{self.q!r}: an answerable question needs 1-3 key terms")
        if not self.answerable and (self.articles or self.terms):
            raise ValueError(f"{self.q!r}: an out_of_scope question has no gold articles or terms")
        return self


class QuestionSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    questions: list[EvalItem]


def load_questions(path: Path = DEFAULT_QUESTIONS) -> list[EvalItem]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return QuestionSet.model_validate(raw).questions
