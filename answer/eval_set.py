"""The evaluation questions (shipped as package data in answer/data/) and their loader.

Two files: questions.yaml (the original set: fact look-ups, why/how, who hired whom, dates, casual phrasing,
typos, out of scope) and user_questions.yaml (questions as users type them, with the kinds of question of
issue 8: several asks, follow-ups, counts, comparisons, timelines, definitions, about the bot, profiles,
roles, other languages). Each has a dev and a test split; the test split is never used for tuning."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_QUESTIONS = DATA_DIR / "questions.yaml"
USER_QUESTIONS = DATA_DIR / "user_questions.yaml"
# `talentbot eval` runs both files unless told otherwise.
DEFAULT_FILES = (DEFAULT_QUESTIONS, USER_QUESTIONS)

Kind = Literal[
    "fact",
    "why",
    "moves",
    "date",
    "casual",
    "typo",
    "multi_part",
    "follow_up",
    "aggregate",
    "compare",
    "timeline",
    "definition",
    "about",
    "profile",
    "role",
    "other_language",
    "out_of_scope",
]
KINDS: tuple[str, ...] = get_args(Kind)
Split = Literal["dev", "test"]

# Answered without citing the corpus: facts about the bot itself, or a note that the bot reads English news.
NO_GOLD_KINDS = frozenset({"about", "other_language"})
# Not answerable from the corpus: "out_of_scope" must be refused, "other_language" gets the language note.
NOT_ANSWERABLE_KINDS = frozenset({"out_of_scope", "other_language"})


# --------------------------------------------------------------------------------------------- questions


class EvalItem(BaseModel):
    """One evaluation question; a follow-up is asked `after` another question in the same conversation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    q: str = Field(min_length=1)
    articles: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    kind: Kind
    split: Split = "dev"
    after: str | None = Field(default=None, min_length=1)

    @property
    def answerable(self) -> bool:
        """A question the bot should answer (refusing it is a wrong refusal)."""
        return self.kind not in NOT_ANSWERABLE_KINDS

    @property
    def calibrates(self) -> bool:
        """A standalone question about the corpus, whose fate the relevance threshold can decide."""
        return self.after is None and self.kind not in NO_GOLD_KINDS

    @model_validator(mode="after")
    def _consistent(self) -> EvalItem:
        if self.kind == "out_of_scope":
            if self.articles or self.terms:
                raise ValueError(f"{self.q!r}: an out_of_scope question has no gold articles or terms")
        elif not 1 <= len(self.terms) <= 3:
            raise ValueError(f"{self.q!r}: a {self.kind} question needs 1-3 key terms")
        if self.kind not in NO_GOLD_KINDS | {"out_of_scope"} and not self.articles:
            raise ValueError(f"{self.q!r}: a {self.kind} question needs at least one gold article")
        if (self.kind == "follow_up") != (self.after is not None):
            raise ValueError(f"{self.q!r}: a follow_up question, and only a follow-up, has `after`")
        return self


class QuestionSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    questions: list[EvalItem]


# libyaml's safe loader when PyYAML was built with it: five times faster on thousands of questions.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_questions(path: Path = DEFAULT_QUESTIONS) -> list[EvalItem]:
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return QuestionSet.model_validate(raw).questions


def load_question_files(paths: Sequence[Path] = DEFAULT_FILES) -> list[EvalItem]:
    """The questions of several files, in order."""
    return [item for path in paths for item in load_questions(path)]
