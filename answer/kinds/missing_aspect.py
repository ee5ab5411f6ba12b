"""A question about something the talent-war articles do not track, asked of a company or person they do
cover: "whats anthropic's annual revenue", "what GPU does deepseek train on", "how much does the openai api
cost per million tokens". The search finds passages about the company, none of which mention what was
asked; answering with them would be guessing. Refused, naming what was missing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from answer.asks import Ask, split_asks
from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.kinds.missing_fact import same_word, word_forms
from answer.model import Answer, AnswerKind, refusal
from answer.move_direction import STAFF
from answer.passages import CONTINUES
from answer.query import Question
from corpus.text import content_words, stem, words

# What a question may ask about that lies outside hiring, pay and policy, each with the words an article
# would use for it. The first word of each group, or any word of the group in a question, is the aspect;
# a passage with any word of its group mentions it.
_ASPECTS = tuple(
    tuple(group.split())
    for group in (
        "revenue revenues sales turnover",
        "price prices priced pricing cost costs paid pay worth valued valuation invested investment",
        "stock stocks trading traded ticker shares",
        "users user customers subscribers",
        "benchmark benchmarks leaderboard leaderboards",
        "release released releases launch launched launches ship shipped ships unveil unveiled debut debuted",
        "product products",
        "api apis",
        "tokens token",
        "gpu gpus chip chips",
        # a model's make-up: "how many parameters does qwen 3 have"
        "parameters params",
        "budget budgets spending spend",
        "college university degree school studied",
        "born birthplace hometown",
        "ipo listing listed debut debuted trading traded",
        "vacation vacations holidays pto perks",
        "remote wfh telework teleworking",
        # general knowledge of a place the articles name: "whats the population of hangzhou"
        "population populations inhabitants residents",
        "weather forecast temperature temperatures climate",
    )
)
# The words that make a question about an aspect; "pay", "paid", "spend" ask about pay and amounts, which
# `MissingFact` judges; "listing" is a job's as often as a share's ("that liepin llm lead listing").
_NOT_TRIGGERS = frozenset(
    {"paid", "pay", "worth", "valued", "valuation", "invested", "investment", "spend", "spending", "listing"}
)
_TRIGGERS = {
    # a word of two groups is said by either's words: a company "debuts" on an exchange as a product does
    w: tuple(dict.fromkeys(x for g in _ASPECTS if w in g for x in g))
    for group in _ASPECTS
    for w in group
    if w not in _NOT_TRIGGERS
}


def _mentioned(group: Iterable[str], said: set[str]) -> bool:
    """Is a word of the group among the words said, in another form ("trading" and "trade" share a stem)?"""
    stems = {stem(w) for w in group}
    return any(same_word(w, s) for w in group for s in said) or any(stem(s) in stems for s in said)


def _said(sentence: str) -> set[str]:
    """A sentence's words, with the parts of its hyphenated words (`word_forms`)."""
    return set().union(*word_forms(sentence))


# Words for people (`query.STAFF`): an aspect word before one is said of people, not of the aspect ("trading
# employees").
_PEOPLE = re.compile(STAFF, re.I)

# Words of asking that say nothing of what an aspect is asked of.
_ASKING = frozenset({"eta", "when", "date", "yet", "soon", "next", "new", "latest", "much", "many"})


# Aspects written as a phrase or with a sign: "R&D", found in a passage as "R&D" or "research and development".
_PHRASES = {
    "R&D": (re.compile(r"\br ?& ?d\b", re.I), re.compile(r"\bR&D\b|\bresearch and development\b", re.I)),
    "going public": (
        re.compile(r"\bgo(?:ing|es)? public\b", re.I),
        re.compile(
            r"\bIPO\b|\bgo(?:ing|es|ne)? public\b|\bpublic (?:offering|listing)\b|\blist(?:ed|ing)\b", re.I
        ),
    ),
    # laws the talent-war articles may not cover: "how is the eu ai act affecting hiring"
    "AI Act": (re.compile(r"\bai act\b", re.I), re.compile(r"\bAI Act\b")),
    "CHIPS Act": (
        re.compile(r"\bchips (?:and science )?act\b", re.I),
        re.compile(r"\bCHIPS\b(?: and Science)? Act\b", re.I),
    ),
    "context window": (re.compile(r"\bcontext (?:window|length)\b", re.I), re.compile(r"\bcontext\b", re.I)),
    "market cap": (
        re.compile(r"\bmarket ?cap\b|\bcapitali[sz]ation\b|\bmarket value\b", re.I),
        re.compile(r"\bmarket (?:cap|capitali[sz]ation|value)\b", re.I),
    ),
}


# Words for a launch that, after a company's or lab's name, say it started.
_STARTED = frozenset({"launch", "launched", "launches", "debut", "debuted"})


def _start_of(before: str, word: str, after: str, orgs: set[str]) -> bool:
    """Is the word a company's start, said as a noun after its name ("msl launch"), not the company launching
    something ("did moonshot ai launch the kimi team")?"""
    return word in _STARTED and before in orgs and after not in _OBJECT_OPENERS


_OBJECT_OPENERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "new", "any"})


def missing_aspects(q: Question, ctx: Context, more: Sequence[Sequence[str]] = ()) -> list[str]:
    """The aspects the question asks about that no sentence of its passages (and `more` passages' sentences)
    mentions."""
    typed = words(q.text)
    # "msl launch": a company's or lab's launch is its start, no product launched
    orgs = {
        w
        for m in q.mentions
        if m.entity.kind == "org"
        for w in (*words(q.text[m.start : m.end])[-1:], *words(m.entity.name)[-1:])  # "moonshot ai": its "ai"
    }
    # "keep trading employees": people traded are no stock traded
    asked = list(
        dict.fromkeys(
            w
            for before, w, after in zip(["", *typed[:-1]], typed, [*typed[1:], ""], strict=True)
            if w in _TRIGGERS and not _PEOPLE.fullmatch(after) and not _start_of(before, w, after, orgs)
        )
    )
    phrases = [name for name, (typed, _) in _PHRASES.items() if typed.search(q.text)]
    if not asked and not phrases:
        return []
    passages = [*(ctx.state.retrieved(hit).sentences for hit in ctx.retrieval.hits), *more]
    sentences = [s for p in passages for s in p]
    # The aspect must be said of what the question asks it of: "when did apple release the vision pro" is not
    # answered by "...Siri, which Apple plans to release in March 2026".
    # ...in the sentence, or the one before it that says who "it" is ("Hume itself is not being bought. It ...
    # expects about $100 million in revenue").
    said = [
        _said(s) | (_said(p[i - 1]) if i and CONTINUES.match(s) else set())
        for p in passages
        for i, s in enumerate(p)
    ]
    used = set().union(*said) if said else set()
    missing = []
    for w in asked:
        about = _about(q, _ask_with(q.text, w), w, used)
        if not any(
            _mentioned(_TRIGGERS[w], words_) and (not about or _mentioned(about, words_)) for words_ in said
        ):
            missing.append(w)
    return missing + [n for n in phrases if not any(_PHRASES[n][1].search(s) for s in sentences)]


def asking_about(asks: Iterable[Ask], aspects: Iterable[str]) -> list[Ask]:
    """The asks of a question that ask about one of the aspects (words of the question)."""
    wanted = set(aspects)
    return [a for a in asks if set(words(a.text)) & wanted]


# Before a question word, "and" or a comma ends one part of an ask: "luo fuli's degree and where she worked"
# (one ask, as its first part asks with no question word) is asked of "luo fuli" first.
# (Not a comma: "gold card vs the h1b fee, which costs more" asks its cost of what comes before.)
_PART_ENDS = re.compile(r"\s*(?:\band\b|\+|&)\s+(?=(?:where|what|when|who|which|how|why)\b)", re.I)


def _ask_with(question: str, word: str) -> str:
    """The ask (or the part of one) of the question that has the word ("whats hume's revenue forecast" of
    "... + whats hume's revenue forecast", "luo fuli's degree" of "luo fuli's degree and where she worked")."""
    ask = next((a.text for a in split_asks(question) if word in words(a.text)), question)
    return next((part for part in _PART_ENDS.split(ask) if word in words(part)), ask)


def _about(q: Question, ask: str, aspect: str, said: set[str]) -> tuple[str, ...]:
    """What the aspect is asked of in its ask: the topic words that are no aspect and no name and that the
    passages use ("vision", "pro"), else the names it gives ("thinking machines lab"); else nothing (said of
    anything)."""
    aspects = set(_TRIGGERS[aspect])
    named = {w for m in q.mentions for w in words(q.text[m.start : m.end])}
    topic = [w for w in content_words(ask) if w not in aspects and not any(same_word(w, a) for a in aspects)]
    plain = tuple(w for w in topic if w not in named and w not in _ASKING and _mentioned({w}, said))
    return plain or tuple(w for w in topic if w in named)


class MissingAspect:
    """After the search: the question asks about a product, revenue, a share price, an API, chips... and
    none of the passages found mention it."""

    kind = AnswerKind.NOT_FOUND

    def match(self, q: Question, ctx: Context) -> float | None:
        missing = ctx.once("missing_aspects", lambda: missing_aspects(q, ctx))
        asks = split_asks(q.text)
        if missing and len(asks) > 1 and len(asking_about(asks, missing)) < len(asks):
            return None  # "who runs microsoft ai and which products does it own": the first ask is answered
        return CERTAIN if missing else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        listed = ", ".join(f"“{w}”" for w in ctx.once("missing_aspects", lambda: missing_aspects(q, ctx)))
        return refusal(
            q.text,
            f"The articles I found on that say nothing about {listed}, so I can't answer it.",
            self.kind,
        )
