"""What the corpus holds about one company or person: the articles naming it, its moves, its sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator

from answer.moves import RecordedMove
from answer.query import Question
from answer.state import EngineState
from corpus.entities import Entity, same_org, same_person
from corpus.text import words


def articles_about(state: EngineState, entity: Entity) -> list[str]:
    """The articles that list the entity (or a longer name of it: "Google" covers "Google DeepMind") or report
    one of its moves, syndicated copies left out, oldest first."""
    found = {aid for keys, ids in state.mention_articles.items() if entity.keys <= keys for aid in ids}
    found |= {r.article_id for r in moves_of(state, entity)}
    canonical = state.data.canonical
    articles = state.data.articles
    return sorted((a for a in found if canonical.get(a, a) == a), key=lambda a: (articles[a].published, a))


def involves(entity: Entity, r: RecordedMove) -> bool:
    """Is the entity the move's person, the organisation left, or the one joined?"""
    if entity.kind == "person":
        return same_person(entity, r.move.person)
    return same_org(entity, r.move.to) or same_org(entity, r.move.from_)


def moves_of(state: EngineState, entity: Entity) -> list[RecordedMove]:
    return [r for r in state.moves if involves(entity, r)]


def names(sentence: str, entity: Entity) -> bool:
    """Does the sentence name the entity (every key word of its name)?"""
    return entity.keys <= set(words(sentence))


def sentences_naming(state: EngineState, article_id: str, entity: Entity) -> Iterator[tuple[int, str]]:
    """(row in the sentence vectors, sentence) for each sentence of the article that names the entity."""
    base = state.data.sentence_offsets[article_id]
    for i, sentence in enumerate(state.data.sentences.get(article_id, [])):
        if names(sentence, entity):
            yield base + i, sentence


def unknown_names(q: Question, cue: re.Pattern[str]) -> tuple[str, ...]:
    """The names the corpus never mentions, without a capitalised cue word ("Compare Amazon" -> "Amazon")."""
    return tuple(name for name in (cue.sub("", n).strip(" ,") for n in q.unknown_names) if name)


def and_list(items: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
