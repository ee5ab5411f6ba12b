"""A date asked for that the answer's sentences do not give is the day the story was reported, said so."""

from __future__ import annotations

import datetime as dt

from answer.model import Answer, AnswerKind, Line, Source
from answer.report_date import with_report_date

SOURCE = Source(
    1, "2025-07-ssi", "Sutskever becomes CEO of SSI", "eWeek", "https://example.com", dt.date(2025, 7, 3)
)


def _answer(*lines: str) -> Answer:
    return Answer(
        question="q",
        answered=True,
        kind=AnswerKind.EXTRACTIVE,
        intro="",
        lines=tuple(Line(text, (1,)) for text in lines),
        sources=(SOURCE,),
    )


def test_a_date_asked_and_not_stated_is_the_day_it_was_reported() -> None:
    answer = with_report_date(
        "when did sutskever take over as ceo of ssi", _answer("Sutskever took over as CEO.")
    )
    assert answer.lines[-1] == Line("eWeek reported it on 3 July 2025.", (1,))


def test_a_date_stated_or_not_asked_adds_nothing() -> None:
    dated = _answer("Sutskever took over as CEO on 3 July 2025.")
    assert with_report_date("when did sutskever take over as ceo of ssi", dated) == dated
    undated = _answer("Sutskever took over as CEO.")
    assert with_report_date("who runs ssi now", undated) == undated
