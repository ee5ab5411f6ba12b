"""What happened, in the words a question and an article use for it: "when did china's k visa kick in" is
answered by "The new visa takes effect on 1 October 2025", "when did murati start thinking machines" by
"...unveiled her new AI start-up ... on 18-19 February 2025". A date question is answered by a sentence
with a date and the event asked about, not by any sentence with a date."""

from __future__ import annotations

from corpus.text import content_words

# Each group: the ways of saying one kind of event (first letters of words, see `content_words`).
_GROUPS = tuple(
    content_words(group)
    for group in (
        "start started starts launch launched launches unveil unveiled found founded founding set up created "
        "creation opened debut debuted established",
        "kick kicks kicked effect effective force begin begins began takes apply applies applied",
        "join joined joins joining arrive arrived move moved",
        "leave left leaves leaving quit quits depart departed departure exit exited resign resigned "
        "step stepped",
        "announce announced announces confirm confirmed confirms reveal revealed",
        "say said says saying tell told tells interview remarks stated statement",
        "end ends ended expire expires expired expiry lapse lapses",
        "uphold upheld ruled ruling court judge rejected dismissed",
        "sign signed signs proclamation proclaimed decree ordered",
        "list listed listing ipo trading floated float",
        "raise raised raising round funding closed",
        "cut cuts layoffs laid axed eliminated",
        "hire hired hires hiring recruit recruited poach poached",
    )
)


def event_words(question: str) -> frozenset[str]:
    """The ways of saying the events the question asks about (empty when it names none)."""
    asked = content_words(question)
    return frozenset().union(*(group for group in _GROUPS if group & asked))


def mentions_event(sentence: str, events: frozenset[str]) -> bool:
    return bool(events & content_words(sentence))
