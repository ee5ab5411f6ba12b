"""The day of a move recorded by its month: the day its article gives in a sentence naming the person ("Yann
LeCun ... said around 19 November 2025 that he is leaving"), so that lists and timelines date it by that day."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from answer.dated_sentences import sentence_date
from answer.family_names import family_name
from answer.moves import RecordedMove
from corpus.text import whole_words

_MONTH = len("2025-11")


def reported_day(r: RecordedMove, sentences: Sequence[str], family: str) -> str | None:
    """The day in the move's month its article's sentences say it happened, in one naming the person by full
    name or by `family` name (None: the move is dated otherwise, or no such sentence)."""
    month = r.move.date or ""
    if len(month) != _MONTH:
        return None
    named = whole_words([r.move.person, family])
    for sentence in sentences:
        day = sentence_date(sentence, r.published) if named.search(sentence) else None
        if day is not None and len(day) > _MONTH and day.startswith(month):
            return day
    return None


def with_reported_days(
    moves: Iterable[RecordedMove],
    sentences: Mapping[str, Sequence[str]],
    family_first: Mapping[str, str],
) -> list[RecordedMove]:
    """The moves, each recorded by month dated by the day its article gives, when it gives one."""
    dated = []
    for r in moves:
        family = family_name(r.move.person, family_first)
        day = reported_day(r, sentences.get(r.article_id, []), family)
        dated.append(replace(r, move=r.move.model_copy(update={"date": day})) if day else r)
    return dated
