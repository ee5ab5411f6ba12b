"""A question about a country the articles mention elsewhere, but not in anything the search found for it:
"fyi is india doing anything like china's k visa" finds China's K visa, which says nothing of India.
Answering with those passages would answer another question: refused, naming the country."""

from __future__ import annotations

import re

from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind, refusal
from answer.places import countries_named
from answer.query import Question

# The best passages looked in for the country: as many as an answer's sentences come from.
TOP_PASSAGES = 5
# Other ways the articles write a country: its people or the short name.
_ALSO_WRITTEN = {
    "United States": ("us", "u.s.", "america", "american", "americans"),
    "United Kingdom": ("uk", "britain", "british"),
    "Netherlands": ("dutch",),
    "France": ("french",),
}
# A country is mentioned by a word starting with its name less its last letter: "Indian", "German", "Japanese".
MIN_STEM = 4


def _mentioned(country: str, text: str) -> bool:
    name = country.lower()
    stem = name[: max(MIN_STEM, len(name) - 1)]
    forms = "|".join(re.escape(f) for f in (stem, *_ALSO_WRITTEN.get(country, ())))
    return re.search(rf"(?<![\w-])(?:{forms})", text.lower()) is not None


def _absent(q: Question, ctx: Context) -> list[str]:
    """The countries named that none of the best passages mention, worked out once (`match` and `answer`)."""

    def work() -> list[str]:
        texts = [ctx.state.retrieved(h).text for h in ctx.retrieval.hits[:TOP_PASSAGES]]
        return [c for c in countries_named(q.text) if not any(_mentioned(c, t) for t in texts)]

    return ctx.once("absent_places", work)


class AbsentPlace:
    kind = AnswerKind.NOT_FOUND

    def match(self, q: Question, ctx: Context) -> float | None:
        return CERTAIN if ctx.retrieval.hits and _absent(q, ctx) else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        places = " or ".join(_absent(q, ctx))
        return refusal(q.text, f"I found nothing in my articles about {places} on that.", self.kind)
