"""The people who speak for a company in the talent war: "Meta chief executive Mark Zuckerberg", "Sam Altman,
OpenAI's chief executive". In a question about moves, a leader the articles record no move of stands for
the company: "who did zuck poach from openai" asks whom Meta hired from OpenAI, "who did musk lose to
anthropic" whom xAI lost."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import pairwise

from answer.moves import RecordedMove, filter_moves, founded
from answer.query import Question
from corpus.entities import EntityIndex, Mention, same_person
from corpus.model import Article
from corpus.text import split_sentences

# The titles of those who run a company, as the articles write them before or after the name.
_TITLE = r"(?:chief executive(?: officer)?|ceo|(?:co-?)?founder|chairman|boss)"
# "Meta chief executive Mark Zuckerberg", "OpenAI's chief executive, Sam Altman": the company, then the title.
_ORG_TITLE = re.compile(rf"^(?:['’]s)?\s+(?:co-founder and\s+)?{_TITLE}\s*,?\s+$", re.I)
# "Sam Altman, OpenAI's chief executive", "Elon Musk, the founder of xAI": the name, then the title.
_NAME_ORG_TITLE = re.compile(rf"^,\s+$|^,\s+(?:the\s+)?{_TITLE}\s+of\s+$", re.I)
_TITLE_AFTER = re.compile(rf"^['’]s\s+{_TITLE}\b", re.I)
# "Elon Musk's xAI", "Elon Musk's AI company xAI": the company as the person's own.
_OWN = re.compile(r"^['’]s\s+(?:(?:AI|new|own)\s+)?(?:(?:company|start-up|lab|business)\s+)?$")


def _pairs(text: str, mentions: list[Mention]) -> Iterable[tuple[str, str]]:
    """(person, company) for each person the text calls the company's leader."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for before, after in pairwise(ordered):
        between = text[before.end : after.start]
        if before.entity.kind == "org" and after.entity.kind == "person" and _ORG_TITLE.match(between):
            yield after.entity.name, before.entity.name
        elif before.entity.kind == "person" and after.entity.kind == "org":
            titled = _TITLE_AFTER.match(text[after.end :]) is not None
            if (
                (between.strip() == "," and titled)
                or (between.strip() != "," and _NAME_ORG_TITLE.match(between))
                or _OWN.match(between)
            ):
                yield before.entity.name, after.entity.name


def company_leaders(
    articles: Iterable[Article], entities: EntityIndex, moves: Iterable[RecordedMove]
) -> dict[str, str]:
    """Each person the articles call a company's leader and record no move of, with the company they name
    most often."""
    movers = [r.move.person for r in moves]
    counts: Counter[tuple[str, str]] = Counter()
    for article in articles:
        for sentence in split_sentences(article.text):  # `find` gives a name's first place in a text
            counts.update(_pairs(sentence, entities.find(sentence)))
    by_name = {e.name: e for e in entities.entities}
    leaders: dict[str, str] = {}
    for (person, org), _ in counts.most_common():
        if person not in leaders and not any(same_person(by_name[person], m) for m in movers):
            leaders[person] = org
    return leaders


# A question asking for the people who moved, not whether a named person did, nor why or what was said: "who",
# "which", "how many", "anyone", "any meta ppl ...", "..., who?".
_ASKS_FOR_PEOPLE = re.compile(
    r"^\W*(?:who|whom|which|how many|(?:did|have|has)?\s*any)\b|\b(?:anyone|anybody|someone|somebody)\b|,\s*who\W*$",
    re.I,
)


# "murati's lab", "lecun's start-up": the company someone founded, by their name.
_THEIR_FIRM = re.compile(
    r"['’]s\s+(?:new\s+|own\s+)?(?:lab|labs|start-?up|company|firm|venture|outfit|shop)\b", re.I
)


def speaking_for(
    q: Question, leaders: dict[str, str], moves: list[RecordedMove], reparse: Callable[[str], Question]
) -> Question:
    """A moves question none of whose moves is on record, asked again with each leader it names written as
    the company they lead ("who did zuck poach from openai": who did Meta poach from OpenAI) when that
    finds moves; else the question as asked ("did elon musk join openai" asks about him, not whom he hired).
    """
    # ...and a founder's company said as theirs: "murati's lab" is Thinking Machines Lab
    theirs = {
        m.entity.name: r.move.to
        for m in q.mentions
        if m.entity.kind == "person" and _THEIR_FIRM.match(q.text[m.end :])
        for r in moves
        if r.move.to and r.move.person == m.entity.name and founded(r)
    }
    leaders = {**leaders, **theirs}
    named = sorted(
        (m for m in q.mentions if m.entity.kind == "person" and m.entity.name in leaders),
        key=lambda m: m.start,
        reverse=True,
    )
    if not named or not _ASKS_FOR_PEOPLE.search(q.text):
        return q
    # a leader named as the one who hired or lost ("who has sam altman lost") is not among the question's
    # people, whose moves it lists without him; one among them is asked about as a mover, unless none is found
    hirer = any(m not in q.people for m in named)
    if not hirer and filter_moves(moves, q):
        return q
    text = q.text
    for m in named:
        firm = _THEIR_FIRM.match(text[m.end :]) if m.entity.name in theirs else None
        end = m.end + (firm.end() if firm else 0)
        text = text[: m.start] + leaders[m.entity.name] + text[end:]
    asked = reparse(text)
    return asked if filter_moves(moves, asked) else q
