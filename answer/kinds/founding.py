"""When someone founded their company: "when did murati start thinking machines", "what year did lecun launch
ami". Answered from the recorded move that makes them its founder (its month), with the sentence of the move's
articles that dates it in their words; a search alone finds the company's later news ("raised $2 billion in
July 2025") before its start."""

from __future__ import annotations

import re

from answer.asks import AnswerType, split_asks
from answer.context import Context
from answer.extractive import answer_from_picks
from answer.kinds.base import CERTAIN
from answer.kinds.careers import best_sentence, person_articles, person_reports, quote_names
from answer.model import Answer, AnswerKind
from answer.moves import RecordedMove, founded
from answer.query import Question
from corpus.model import date_label
from corpus.text import word_set

# Starting a company, in the words people ask with: "start", "found", "launch", "set up", "create" (not the
# noun "start-up": "when was his startup incorporated" asks another date).
_FOUNDING = re.compile(
    r"\b(?:start(?:ed|ing|s)?(?![-\s]?ups?\b)|(?:co-?)?found(?:ed|ing|s)?|launch(?:ed|ing|es)?|set(?:ting)? up|"
    r"creat(?:e|ed|ing)|open(?:ed)?|begin|began|kick(?:ed)? off)\b",
    re.I,
)


# ...and in the words the articles tell it with: favoured over the company's later news.
_STARTED = word_set("founded co-founded launched started unveiled set up created began opened incorporated")


def founding_move(q: Question, ctx: Context) -> RecordedMove | None:
    """The one person's recorded move to a company they founded (to the company named, if one is); worked out
    once per question."""

    def work() -> RecordedMove | None:
        people = {m.entity.name for m in q.people}
        if len(people) != 1:
            return None
        (person,) = people
        named = {m.entity.name for m in q.mentions if m.entity.kind == "org"}
        moves = [
            r
            for r in person_reports(ctx.state, person)
            if founded(r) and r.move.date and (not named or r.move.to in named)
        ]
        return moves[-1] if moves else None

    return ctx.once("founding_move", work)


class Founding:
    """One ask, of a date, that someone started a company their recorded moves say they founded."""

    kind = AnswerKind.EXTRACTIVE  # the move's line, then the articles' words

    def match(self, q: Question, ctx: Context) -> float | None:
        asks = split_asks(q.text)
        if len(asks) != 1 or asks[0].type is not AnswerType.DATE or not _FOUNDING.search(q.text):
            return None
        return CERTAIN if founding_move(q, ctx) is not None else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        r = founding_move(q, ctx)
        assert r is not None and r.move.date and r.move.to  # match() checked
        person, label = r.move.person, date_label(r.move.date)
        line = f"{person} founded {r.move.to} {'on' if r.move.date.count('-') == 2 else 'in'} {label}."
        ids = [r.article_id, *person_articles(ctx.state, person, person_reports(ctx.state, person))]
        # the sentence dating it as the record does: its month ("on 18 February 2025"), not a later date
        dated = re.compile(rf"\b{label.split()[-2]}\b" if " " in label else rf"\b{label}\b")
        names = quote_names(person, ctx.state)
        told = best_sentence(ctx.state, ctx.vector, ids, names, _STARTED, must=dated, about=True)
        picks = [(line, r.article_id), *([told] if told is not None else [])]
        return answer_from_picks(q, picks, ctx.state.data.articles)
