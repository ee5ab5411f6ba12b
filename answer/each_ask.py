"""Every ask of a question answered: an ask that the first answer leaves out ("who is tencent's chief ai
scientist and who does he report to": to whom) is answered on its own, by whichever kind answers it alone (a
role, a person's moves, a sentence), and its best line is added, cited."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from answer.asks import AnswerType, Ask, body, naming, points_to_person, search_text, split_asks
from answer.model import Answer, AnswerKind, Line
from answer.query import Question
from corpus.text import content_words

# Answers that take a line for each ask they leave out: sentences and lists of people, not tables, timelines,
# help or refusals.
EXTENDED = frozenset(
    {AnswerKind.EXTRACTIVE, AnswerKind.ROLE, AnswerKind.PROFILE, AnswerKind.LEADERS, AnswerKind.MOVES}
)
# ...and the answers an ask on its own gives that are added: who holds a post, who someone is; a statement, not
# a list of moves.
ADDED = frozenset({AnswerKind.ROLE, AnswerKind.PROFILE, AnswerKind.LEADERS})
# ...and sentences found for an ask, added to an answer of another kind: sentences found for the whole question
# already carry each ask's best sentence (`answer.compose_asks`).
FOUND = AnswerKind.EXTRACTIVE
# What a list of moves already answers: who moved, where to, when.
LISTED = frozenset({AnswerType.PERSON, AnswerType.ORGANISATION, AnswerType.DESTINATION, AnswerType.DATE})
# A line says something new when at least this share of its words is not in the answer yet.
NEW_WORDS_SHARE = 0.5


def ask_texts(q: Question) -> tuple[tuple[str, AnswerType | None], ...]:
    """Each ask of a question as a question of its own ("who does he report to" with the names the question
    gives), with the type of answer it expects; () for a question asking one thing."""
    asks = split_asks(q.text)
    if len(asks) < 2:
        return ()
    names = tuple(q.text[m.start : m.end] for m in q.mentions)
    people = {m.entity.name for m in q.people}
    texts = []
    for i, ask in enumerate(asks):
        if points_to_person(ask.text):
            if len(people) != 1:
                # "who is msl's chief scientist and where did he come from": "he" is whoever the first ask
                # finds, so that ask is left to the first answer
                continue
            # "whats he known for" after "who is yao shunyu": what Yao Shunyu is known for
            ask = Ask(naming(ask.text, next(iter(people))), ask.type)
            texts.append((search_text((*asks[:i], ask, *asks[i + 1 :]), i, names), ask.type))
        else:
            texts.append((search_text(asks, i, names), ask.type))
    return tuple(texts)


def _says_new(line: Line, shown: set[str]) -> bool:
    said = content_words(line.text)
    return bool(said) and len(said - shown) / len(said) >= NEW_WORDS_SHARE


def wanted(kind: AnswerKind) -> frozenset[AnswerKind]:
    """The kinds of answer an ask on its own may add to an answer of this kind (`_adds`)."""
    return (ADDED - {kind}) | (frozenset({FOUND}) if kind is not FOUND else frozenset())


AnswerAlone = Callable[[str, frozenset[AnswerKind]], Answer | None]


def with_each_ask(answer: Answer, q: Question, answer_alone: AnswerAlone) -> Answer:
    """The answer with the best line of each ask it leaves out, each answered alone by `answer_alone` (None:
    not by a kind of answer asked for, which is then not composed at all)."""
    if not answer.answered or answer.kind not in EXTENDED:
        return answer
    asks = ask_texts(q)
    if not asks:
        return answer
    kinds = wanted(answer.kind)
    shown = content_words(" ".join(line.text for line in answer.lines))
    named = content_words(" ".join(q.text[m.start : m.end] for m in q.mentions))
    # ...not an ask whose every word the answer already says: it is answered (and not searched again)
    alone = [
        (expected, answer_alone(text, kinds))
        for text, expected in asks
        if not content_words(body(text)) - named <= shown
    ]
    return merged(answer, [(expected, extra) for expected, extra in alone if extra is not None])


def _adds(answer: Answer, expected: AnswerType | None, extra: Answer) -> bool:
    """Does an ask's own answer (`extra`) add to the answer of the whole question?"""
    if not extra.answered or not extra.lines:
        return False
    if extra.kind in ADDED:
        return extra.kind is not answer.kind  # "who is yao shunyu, whats he known for": one profile
    # ...sentences: to an answer of another kind, and to a list of moves only what the list does not say
    return (
        extra.kind is FOUND
        and answer.kind is not FOUND
        and not (answer.kind is AnswerKind.MOVES and expected in LISTED)
    )


def merged(answer: Answer, extras: Sequence[tuple[AnswerType | None, Answer]]) -> Answer:
    """`answer` with the first line of each ask's own answer that adds to it and says something new, its sources
    renumbered."""
    lines = list(answer.lines)
    sources = list(answer.sources)
    shown = content_words(" ".join(line.text for line in lines))
    for expected, extra in extras:
        if not _adds(answer, expected, extra):
            continue
        line = extra.lines[0]
        if not _says_new(line, shown):
            continue
        numbers = []
        for n in line.citations:
            source = next(s for s in extra.sources if s.number == n)
            known = next((s for s in sources if s.article_id == source.article_id), None)
            if known is None:
                known = replace(source, number=len(sources) + 1)
                sources.append(known)
            numbers.append(known.number)
        lines.append(Line(line.text, tuple(numbers)))
        shown |= content_words(line.text)
    if len(lines) == len(answer.lines):
        return answer
    return replace(answer, lines=tuple(lines), sources=tuple(sources))
