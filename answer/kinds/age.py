"""How old someone is: "how old is Alexandr Wang?", "karpathy's age?". Answered by the sentence of an article
about them that gives their age next to their name ("Wang, who is 28, joins Meta", "24-year-old researcher
Matt Deitke"); refused plainly when none does, instead of a sentence about them that says nothing of it."""

from __future__ import annotations

import re

from answer.asks import split_asks
from answer.context import Context
from answer.extractive import answer_from_picks
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind, refusal
from answer.query import Question
from corpus.entities import Mention
from corpus.text import words

_ASKS_AGE = re.compile(r"\bhow old\b|\bage\b|\bwhat year was \w+(?: \w+)? born\b|\bbirthday\b", re.I)
# An age as the articles write it: "who is 28", "aged 35", "a 24-year-old", "Wang, 28,".
_AGE = re.compile(
    r"\b(?:who is|who was|aged)\s+\d{2}\b|\b\d{2}-year-old\b|\b\d{2} years old\b|[A-Z][a-z]+, \d{2},"
)
# An age belongs to the person named this close to it (in words).
NEAR_WORDS = 6


def _person(q: Question) -> Mention | None:
    people = {m.entity.name: m for m in q.people}
    return next(iter(people.values())) if len(people) == 1 else None


def _states_age(sentence: str, name_words: set[str]) -> bool:
    said = words(sentence)
    at = [i for i, w in enumerate(said) if w in name_words]
    for match in _AGE.finditer(sentence):
        where = len(words(sentence[: match.start()]))
        if any(abs(where - i) <= NEAR_WORDS for i in at):
            return True
    return False


def age_sentence(ctx: Context, person: Mention) -> tuple[str, str] | None:
    """The newest article's sentence giving the person's age next to their name, with the article id."""
    name_words = set(words(person.entity.name))
    data = ctx.state.data
    found = ctx.state.mention_articles.get(person.entity.keys, set())
    for article_id in sorted(found, key=lambda a: data.articles[a].published, reverse=True):
        for sentence in data.sentences.get(article_id, []):
            if _states_age(sentence, name_words):
                return sentence, article_id
    return None


class Age:
    """One person named, and their age asked."""

    kind = AnswerKind.NOT_FOUND

    def match(self, q: Question, ctx: Context) -> float | None:
        if len(split_asks(q.text)) > 1:
            return None  # "how old was he when he joined and who took over?": each ask searched on its own
        return CERTAIN if _ASKS_AGE.search(q.text) and _person(q) is not None else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        person = _person(q)
        assert person is not None  # match() checked
        found = age_sentence(ctx, person)
        if found is None:
            return refusal(q.text, f"My articles don't give {person.entity.name}'s age.", self.kind)
        return answer_from_picks(q, [found], ctx.state.data.articles)
