"""Answering every ask of a question: the sentences chosen for the whole question, plus, for each ask they
leave unanswered, the best sentence that carries the type of fact it expects."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from answer.asks import AnswerType, Ask
from answer.extractive import rank_candidates
from answer.facts import RATE_ASKED, SHARE, carries, names_place
from answer.kinds.asked_roles import TITLE_WORDS, title_words
from answer.passages import Candidate, RetrievedPassage
from corpus.entities import EntityIndex
from corpus.text import STEM_LETTERS, content_words, words

# A sentence carrying the type an ask expects answers it when it is at least this share as relevant as the
# ask's best sentence of any type: a date in an off-topic sentence does not answer "when did he join?"...
TYPED_RELATIVE = 0.65
# ...or, in an article of the ask's best few sentences, this share: there it is about the same story.
SAME_STORY_RELATIVE = 0.3
SAME_STORY_TOP = 3
# A sentence already chosen covers an ask when it carries the expected type and is this close to the ask's
# best sentence in relevance: "...hiring the start-up's chief executive, Alexandr Wang" (0.93 of the best)
# names a person but does not say who took over as interim chief executive.
COVER_RELATIVE = 0.95
# A later ask is answered from an article already shown when a sentence there is this share as relevant as
# its best sentence elsewhere.
STORY_RELATIVE = 0.6
# A sentence saying an ask's own words answers it rather than its best sentence, which does not say them, when
# it is at least this share as relevant.
OWN_RELATIVE = 0.6
# An answer to several asks shows at most this many sentences: one or two per ask.
MAX_SENTENCES = 5

Pick = tuple[str, str]  # sentence, article id


@dataclass(frozen=True)
class AskSearch:
    """One ask with what was searched for it and what the search found."""

    ask: Ask
    text: str
    own: frozenset[str]  # the ask's topic words that the other asks and the names lack (`asks.own_words`)
    vector: npt.NDArray[np.float32]
    passages: Sequence[RetrievedPassage]
    relevant: bool  # the search scored above the relevance threshold


@dataclass(frozen=True)
class Covered:
    picks: list[Pick]
    unanswered: list[Ask]


def _passages(search: AskSearch, shared: Sequence[RetrievedPassage]) -> list[RetrievedPassage]:
    """The ask's passages, then the whole question's it lacks, ranked below them (their scores were taken
    against the whole question, not this ask) unless the ask found their article too."""
    own = {(p.article_id, p.start) for p in search.passages}
    floor = min((p.score for p in search.passages), default=0.0)
    # ...except in an article the ask found itself: another passage of it is as much about the ask
    found: dict[str, float] = {}
    for p in search.passages:
        found[p.article_id] = max(found.get(p.article_id, floor), p.score)
    extra = [
        replace(p, score=min(p.score, found.get(p.article_id, floor)))
        for p in shared
        if (p.article_id, p.start) not in own
    ]
    return [*search.passages, *extra]


def answering(
    search: AskSearch, shared: Sequence[RetrievedPassage], entities: EntityIndex
) -> list[Candidate]:
    """The sentences that answer an ask, best first: those carrying its type, when it expects one."""
    if not search.relevant:
        return []
    ranked = rank_candidates(search.text, search.vector, _passages(search, shared))
    if not ranked or search.ask.type is None:
        return _naming_asked_thing(search.ask, ranked)
    known = frozenset(words(search.text))
    near = _near_best(ranked, TYPED_RELATIVE)
    pool = [c for c in ranked if near(c) and answers_ask(search.ask, c.text, entities, known)]
    if search.ask.type is AnswerType.PLACE:
        # "which cities": a sentence naming a place ("spread across Beijing, Shanghai...") before one that
        # only names a company
        pool = [c for c in pool if names_place(c.text, known)] or pool
    return pool


def _near_best(ranked: list[Candidate], share: float) -> Callable[[Candidate], bool]:
    """Is a candidate at least `share` as relevant as the best, or, in an article of the best few, at least
    SAME_STORY_RELATIVE as relevant (about the same story)?"""
    best = ranked[0].relevance
    story = {c.article_id for c in ranked[:SAME_STORY_TOP]}
    return lambda c: (
        c.relevance >= share * best or (c.article_id in story and c.relevance >= SAME_STORY_RELATIVE * best)
    )


def _saying_own(own: frozenset[str], pool: list[Candidate]) -> list[Candidate]:
    """The ask's pool, or only its sentences saying the ask's own words when the best does not and one of
    them is nearly as relevant: the search for an ask that points back carries the words of the ask it
    points to ("how does it vest" searched with "how many staff got the retention bonus"), which ranks that
    ask's answer first again."""
    if not own or not pool or own & content_words(pool[0].text):
        return pool
    near = _near_best(pool, OWN_RELATIVE)
    saying = [c for c in pool if own & content_words(c.text) and near(c)]
    return saying or pool


# "On which podcast did he say it?": the thing asked for by name, which the answer names too ("Altman made the
# remarks on "Uncapped", the podcast hosted by ...").
_WHICH_THING = re.compile(
    r"\b(?:which|what)\s+(?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|about|kind|sort|"
    r"type|else|exactly|happened|the|a|an)\b)(?P<thing>[a-z]{3,})\b",
    re.I,
)


def _naming_asked_thing(ask: Ask, ranked: list[Candidate]) -> list[Candidate]:
    """The candidates naming the thing the ask asks for by name, when any fairly relevant one does; else
    all."""
    asked = _WHICH_THING.search(ask.text)
    if asked is None:
        return ranked
    stem = asked.group("thing").lower()[:STEM_LETTERS]
    bar = SAME_STORY_RELATIVE * ranked[0].relevance
    naming = [c for c in ranked if c.relevance >= bar and stem in c.text.lower()]
    return naming or ranked


# "Who led the round?", "who invested?": investors and buyers are companies as often as people, and the
# sentence that names them says so in the same words, close by ("The round was led by venture firm
# Andreessen Horowitz", "Tencent invested"; not "outside investors ..., the Financial Times reported").
BACKER_NEAR = 40  # characters
_BACKING = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        r"\b(?:led|lead|leads|leading)\b",
        r"\b(?:invest\w*|put (?:money )?in|stakes?)\b",
        r"\b(?:backed|backers?|backing)\b",
        r"\b(?:fund(?:ed|ing|ers?)|financ\w*|bankroll\w*)\b",
        r"\b(?:bought|buy\w*|acquir\w*)\b",
    )
)


# "Who reported it?", "who broke the story?": a news outlet as often as a person.
_TELLING = re.compile(r"\b(?:report\w*|publish\w*|broke|revealed|leaked|scooped)\b", re.I)


# "How many" people, answered in words: "about seven of its engineers", "a dozen researchers".
_HOW_MANY = re.compile(r"\bhow many\b", re.I)
COUNTED = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|(?:half )?a dozen|dozens)\s+"
    r"(?:of\s+(?:its|their|the)\s+)?(?:[a-z-]+\s+)?(?:people|engineers|researchers|scientists|staff|employees|"
    r"executives|founders|co-founders|members|specialists|experts|hires|recruits|staffers|workers)\b",
    re.I,
)


def asks_backer(ask: Ask) -> bool:
    """Does the ask want who led, invested in, backed or bought something ("who led the round?")?"""
    return ask.type is AnswerType.PERSON and any(words.search(ask.text) for words in _BACKING)


def answers_ask(ask: Ask, sentence: str, entities: EntityIndex, known: frozenset[str]) -> bool:
    """Does the sentence carry the type of fact the ask expects (a backer: a person or company backing; the
    holder of a title: a person with that title)?"""
    assert ask.type is not None
    backing = [words for words in _BACKING if words.search(ask.text)]
    if ask.type is AnswerType.PERSON and backing:
        said = [m.start() for words in backing for m in words.finditer(sentence)]
        named = [m.start for m in entities.find(sentence) if not m.entity.keys <= known]
        return any(abs(a - b) <= BACKER_NEAR for a in said for b in named)
    if ask.type is AnswerType.AMOUNT and _HOW_MANY.search(ask.text) and COUNTED.search(sentence):
        return True  # "how many engineers": "about seven of its engineers"
    if ask.type is AnswerType.AMOUNT and RATE_ASKED.search(ask.text):
        return bool(SHARE.search(sentence))  # "retention rate": "retained 67%", not "an award for 1,000"
    if ask.type is AnswerType.PERSON and _TELLING.search(ask.text):  # "who reported it": an outlet, often
        return any(carries(sentence, k, entities, known) for k in (ask.type, AnswerType.ORGANISATION))
    titles = title_words(ask.text) & TITLE_WORDS if ask.type is AnswerType.PERSON else set()
    if titles and not titles & title_words(sentence):
        return False  # "who's president": not the sentence naming the new chief executive
    return carries(sentence, ask.type, entities, known)


def _in_story(pool: list[Candidate], answers: list[Pick], picks: list[Pick], typed: bool) -> Candidate:
    """The ask's best sentence, or one nearly as good (not shown yet) from an article that answers an earlier
    ask: the asks of one question are about one story ("the tencent internship plan: how many for 2025 and
    what % are technical": "More than 60% of those positions are technical", not Tencent's offer to double
    ByteDance salaries)."""
    story = {article for _, article in answers}
    # ...an ask expecting a type (every sentence of its pool carries it) takes the story's as `answering` does
    bar = (SAME_STORY_RELATIVE if typed else STORY_RELATIVE) * pool[0].relevance
    shown = {text for text, _ in picks}
    return next(
        (c for c in pool if c.article_id in story and c.relevance >= bar and c.text not in shown), pool[0]
    )


def _covers(pick: Pick, pool: list[Candidate]) -> bool:
    bar = COVER_RELATIVE * pool[0].relevance
    return any(c.relevance >= bar and (c.text in pick[0] or pick[0] in c.text) for c in pool)


def cover_asks(
    picked: list[Pick],
    searches: Sequence[AskSearch],
    shared: Sequence[RetrievedPassage],
    entities: EntityIndex,
) -> Covered:
    """The sentences picked for the whole question, with a sentence added for each ask none of them answers
    (in the order of the asks); the asks nothing in the passages answers are returned apart."""
    picks = list(picked)
    pools = [_saying_own(s.own, answering(s, shared, entities)) for s in searches]
    covering: set[int] = set()
    unanswered: list[Ask] = []
    for search, pool in zip(searches, pools, strict=True):
        if not pool:
            unanswered.append(search.ask)
            continue
        hit = next((n for n, p in enumerate(picks) if _covers(p, pool)), None)
        if hit is None:  # the best sentence may be part of a pick already (or hold one): shown once
            hit = next((n for n, p in enumerate(picks) if pool[0].text in p[0] or p[0] in pool[0].text), None)
            if hit is not None and len(pool[0].text) > len(picks[hit][0]):
                picks[hit] = (pool[0].text, pool[0].article_id)
        if hit is None:
            best = _in_story(pool, [picks[n] for n in covering], picks, search.ask.type is not None)
            picks.append((best.text, best.article_id))
            hit = len(picks) - 1
        covering.add(hit)
    while len(picks) > MAX_SENTENCES:
        spare = [n for n in range(len(picks)) if n not in covering]
        if not spare:
            break
        drop = spare[-1]
        picks.pop(drop)
        covering = {n - 1 if n > drop else n for n in covering}
    return Covered(picks, unanswered)
