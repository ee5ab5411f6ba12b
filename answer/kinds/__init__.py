"""The kinds of question, in the order the engine asks them; the first that matches answers.

To add a kind: write a module here with a class that has `kind`, `match(q, ctx)` and `answer(q, ctx)` (see
`base.QuestionKind`), add an `AnswerKind` member, and put one instance in `REGISTRY` where it belongs: kinds
that need no search come first, those that judge the search results after it, `Extractive` last."""

from __future__ import annotations

from answer.kinds.about import About
from answer.kinds.absent_place import AbsentPlace
from answer.kinds.advice import Advice
from answer.kinds.age import Age
from answer.kinds.aggregate import Aggregate
from answer.kinds.base import QuestionKind
from answer.kinds.companions import Companions
from answer.kinds.compare import Compare
from answer.kinds.definition import Definition
from answer.kinds.empty import Empty
from answer.kinds.empty_period import EmptyPeriod
from answer.kinds.extractive import Extractive
from answer.kinds.founding import Founding
from answer.kinds.greeting import Greeting
from answer.kinds.leaders import Leaders
from answer.kinds.missing_aspect import MissingAspect
from answer.kinds.missing_fact import MissingFact
from answer.kinds.moves_list import MovesList
from answer.kinds.news_about import NewsAbout
from answer.kinds.no_record import NoRecord
from answer.kinds.not_found import NotFound
from answer.kinds.other_language import OtherLanguage
from answer.kinds.overview import Overview
from answer.kinds.profile import Profile
from answer.kinds.reports_to import ReportsTo
from answer.kinds.roles import Roles
from answer.kinds.side_by_side import SideBySide
from answer.kinds.succession import Succession
from answer.kinds.timeline import Timeline
from answer.kinds.unknown_name import UnknownName

REGISTRY: tuple[QuestionKind, ...] = (
    # from the question alone
    Empty(),
    OtherLanguage(),
    Greeting(),
    About(),
    Advice(),
    Compare(),  # these two before UnknownName: they say themselves which names they have no articles about
    Timeline(),
    Definition(),
    Succession(),  # names a known person, whose articles say who took over
    UnknownName(before_search=True),
    Age(),
    # from the recorded moves and the articles' dates
    Companions(),  # "did she bring anyone with her": those who made the same move with someone
    Founding(),  # "when did murati start thinking machines": the founder's move, not the company's later news
    ReportsTo(),
    Profile(),
    Roles(),
    Leaders(),
    Aggregate(),
    MovesList(),
    NoRecord(before_search=True),
    EmptyPeriod(),
    Overview(),
    NewsAbout(),
    # from the search results
    UnknownName(before_search=False),
    NotFound(),
    NoRecord(before_search=False),
    MissingAspect(),
    MissingFact(),
    AbsentPlace(),  # a country named that none of the passages found mentions
    SideBySide(),  # one thing asked of two sides, once the search found the question answerable
    Extractive(),
)

__all__ = ["REGISTRY", "QuestionKind"]
