"""Definitions and background ("what is an acquihire?", "define garden leave"): the sentences of the corpus
that explain the term, then an example deal, each cited; a term the corpus never explains is refused."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from answer.context import Context
from answer.definitions import (
    DefinitionAsk,
    definition_ask,
    explains,
    key,
    loosely_asked,
    names,
    term_pattern,
    titles,
)
from answer.facts import AMOUNT, DATE
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind, Citations, Line, refusal
from answer.passages import sentence_groups
from answer.query import Question
from corpus.entities import key_tokens
from corpus.text import words

# A definition is one or two sentences; one example follows.
DEFINITION_LINES = 2
# An explainer about the term (its title says "Explainer", its tags or text name the term) is taken to
# explain it in its sentence closest to the question, a little less surely than a sentence that says "is".
EXPLAINER = 0.7
# An article whose title names the term as what it is about ("... Genius Youth programme ...") explains it in
# its sentence closest to the question, less surely than an explainer.
TITLED = 0.5
# Ranking explanations and examples: their strength first, then closeness to the question (cosine).
W_COSINE = 0.5
# A sentence (or its article) about the place the question names ("in China") is preferred.
WHERE_BONUS = 0.4
WHERE_ARTICLE_BONUS = 0.1
# An example names the term and a company with an amount or a date: how much each counts.
EXAMPLE_TERM = 0.2
EXAMPLE_AMOUNT = 0.3
EXAMPLE_DATE = 0.1
# ...and it is best taken from an article that explains the term: there it illustrates the explanation.
EXAMPLE_EXPLAINED = 0.15
# Two sentences this similar (cosine) say the same thing: only one is shown.
REDUNDANT = 0.88


@dataclass(frozen=True)
class _Found:
    score: float
    text: str
    article_id: str
    vector: npt.NDArray[np.float32]


class _Corpus:
    """The sentences of the corpus as the definition kind reads them: in groups, with vectors and scores."""

    def __init__(self, ctx: Context, ask: DefinitionAsk, vector: npt.NDArray[np.float32]) -> None:
        self.ctx = ctx
        self.vector = vector  # what closeness is measured against
        self.data = ctx.state.data
        # "China" is named by "Chinese" too: the place's words less their last letter.
        self.where = [w[: max(3, len(w) - 1)] for w in words(ask.where)]
        self._about: dict[str, list[str]] = {}

    def unit(self, article_id: str, index: int, score: float) -> _Found:
        """The sentence group holding sentence `index`, scored: `score`, closeness, place."""
        sentences = self.data.sentences[article_id]
        group = next(g for g in sentence_groups(sentences) if index in g)
        base = self.data.sentence_offsets[article_id]
        vectors = self.data.sentence_vectors[base + group.start : base + group.stop]
        vector = vectors.sum(axis=0)
        vector = (vector / (float(np.linalg.norm(vector)) or 1.0)).astype(np.float32)
        text = " ".join(sentences[i] for i in group)
        total = score + W_COSINE * float(vector @ self.vector) + self.place(text, article_id)
        return _Found(total, text, article_id, vector)

    def place(self, text: str, article_id: str) -> float:
        if not self.where:
            return 0.0
        if self._names_place(words(text)):
            return WHERE_BONUS
        return WHERE_ARTICLE_BONUS if self._names_place(self.ctx.state.article_words(article_id)) else 0.0

    def _names_place(self, found: list[str] | set[str]) -> bool:
        return any(w.startswith(p) for w in found for p in self.where)

    def about(self, term: str) -> list[str]:
        """Articles that name the term or are tagged with it."""
        if term not in self._about:
            pattern, wanted = term_pattern(term), key(term)
            self._about[term] = [
                a
                for a, sentences in self.data.sentences.items()
                if wanted in {key(t) for t in self.data.articles[a].tags}
                or any(names(pattern, s) for s in sentences)
            ]
        return self._about[term]

    def explanations(self, term: str) -> list[_Found]:
        """Every sentence that explains the term, best first; a programme's or a visa's by its name alone too
        ("The programme, called Qiming, is run by..." explains "the Qiming programme")."""
        found = self._explanations(term)
        name = _KIND_LAST.sub("", term)
        if name != term and words(name):
            seen = {f.text for f in found}
            found += [f for f in self._explanations(name) if f.text not in seen]
        return sorted(found, key=lambda f: -f.score)

    def _explanations(self, term: str) -> list[_Found]:
        pattern = term_pattern(term)
        found: list[_Found] = []
        for article_id in self.about(term):
            sentences = self.data.sentences[article_id]
            for i, sentence in enumerate(sentences):
                strength, back = explains(sentence, pattern)
                if strength and not (back and i == 0):
                    found.append(self.unit(article_id, i - 1 if back else i, strength))
            title = self.data.articles[article_id].title
            if _explainer(title) or titles(title, pattern):
                found.append(
                    max(
                        (
                            self.unit(article_id, i, EXPLAINER if _explainer(title) else TITLED)
                            for i in range(len(sentences))
                        ),
                        key=lambda f: f.score,
                    )
                )
        return sorted(found, key=lambda f: -f.score)

    def example(self, term: str, shown: list[_Found]) -> _Found | None:
        """The best sentence naming the term (or from an article tagged with it) that names a company with
        an amount or a date: a deal that shows what the term means."""
        pattern, wanted = term_pattern(term), key(term)
        found: list[_Found] = []
        for article_id in self.about(term):
            article = self.data.articles[article_id]
            tagged = wanted in {key(t) for t in article.tags} or _explainer(article.title)
            for i, sentence in enumerate(self.data.sentences[article_id]):
                amount, date = bool(AMOUNT.search(sentence)), bool(DATE.search(sentence))
                named = names(pattern, sentence)
                company = any(m.entity.kind == "org" for m in self.ctx.state.entities.find(sentence))
                if company and (amount or date) and (named or tagged):
                    bonus = EXAMPLE_TERM * named + EXAMPLE_AMOUNT * amount + EXAMPLE_DATE * date
                    bonus += EXAMPLE_EXPLAINED * any(f.article_id == article_id for f in shown)
                    found.append(self.unit(article_id, i, bonus))
        fresh = [f for f in sorted(found, key=lambda f: -f.score) if not _repeats(f, shown)]
        return fresh[0] if fresh else None


# The kind of thing a term names, last in it: "the Qiming programme", "the K visa".
_KIND_LAST = re.compile(r"\s+(?:programmes?|programs?|schemes?|plans?|visas?|funds?|initiatives?)$", re.I)


def _explainer(title: str) -> bool:
    return title.lower().startswith("explainer")


def _repeats(f: _Found, shown: list[_Found]) -> bool:
    return any(f.text in s.text or s.text in f.text or float(f.vector @ s.vector) >= REDUNDANT for s in shown)


def _pick(found: list[_Found]) -> list[_Found]:
    picked: list[_Found] = []
    for f in found:
        if len(picked) < DEFINITION_LINES and not _repeats(f, picked):
            picked.append(f)
    return picked


class Definition:
    """ "What is X?", "what does X mean?", "define X" about a term, not about a company or person."""

    kind = AnswerKind.DEFINITION

    def match(self, q: Question, ctx: Context) -> float | None:
        ask = definition_ask(q.text)
        if ask is None:
            return None
        found = [m for t in (ask.term, ask.other) for m in ctx.state.entities.find(t)]
        named = {w for m in found for w in m.entity.keys}
        keys = key_tokens(ask.term) | key_tokens(ask.other)
        if keys and keys <= named:
            return None  # "what is Inflection AI?": a company
        if any(m.entity.kind == "person" for m in found) and _OF_SOMEONE.search(ask.term):
            return None  # "whats dawn songs background": a person's, not a term (not "the trump gold card")
        if loosely_asked(q.text) and not self._explained(ask, ctx).found:
            return None  # "kimi, what is that": a thing the articles talk of, though they never explain it
        return CERTAIN

    def _explained(self, ask: DefinitionAsk, ctx: Context) -> _Explained:
        return ctx.once("definition.explained", lambda: _explanations(ask, ctx))

    def answer(self, q: Question, ctx: Context) -> Answer:
        ask = definition_ask(q.text)
        assert ask is not None  # match() said so
        found = self._explained(ask, ctx)
        if not found.found:
            return _refuse(q, ask)
        # "the difference between X and Y": what each is, one after the other
        example = None if ask.other else found.corpus.example(found.term, found.explained)
        cites = Citations(ctx.state.data.articles)
        shown = [
            *found.explained,
            *(f for f in found.other if not _repeats(f, found.explained)),
            *([example] if example else []),
        ]
        lines = tuple(Line(f.text, (cites.cite(f.article_id),)) for f in shown)
        return Answer(q.text, True, self.kind, found.intro, lines, cites.sources())


# What a person has, not a term: "dawn songs background".
_OF_SOMEONE = re.compile(
    r"\b(?:background|career|bio|history|role|job|title|story|path|deal|pay|salary)$", re.I
)


@dataclass(frozen=True)
class _Explained:
    term: str  # the term explained: the one asked, or its head ("acquihire" of "reverse acquihire")
    intro: str
    corpus: _Corpus
    explained: list[_Found]
    other: list[_Found]  # ...and the other term of "the difference between X and Y"

    @property
    def found(self) -> bool:
        return bool(self.explained or self.other)


def _explanations(ask: DefinitionAsk, ctx: Context) -> _Explained:
    """The sentences explaining the term asked (or its head, when the articles are tagged with it)."""
    term, intro = ask.term, ""
    corpus = asked = _Corpus(ctx, ask, ctx.vector)
    explained = _pick(corpus.explanations(term))
    head, owner = _tagged_head(term, ctx)
    if not explained and head:
        term = head
        corpus = _Corpus(ctx, ask, _embed(ctx, f"What is {head}?"))
        explained = _pick(corpus.explanations(head))
        if not owner:
            intro = f"My articles don't use the term “{ask.term}”; this is what they say about “{head}”:"
    other = _pick(asked.explanations(ask.other)) if ask.other else []
    return _Explained(term, intro, corpus, explained, other)


def _embed(ctx: Context, text: str) -> npt.NDArray[np.float32]:
    started = time.perf_counter()
    vector = np.asarray(ctx.embedder.encode([text])[0], dtype=np.float32)
    ctx.timings["embed"] += time.perf_counter() - started
    return vector


def _tagged_head(term: str, ctx: Context) -> tuple[str, bool]:
    """ "reverse acquihire" -> "acquihire": the term less its first word, when the articles are tagged with it;
    "huawei genius youth" -> "genius youth": the term less the company it starts with."""
    parts = term.split()
    if len(parts) < 2:
        return "", False
    rest = " ".join(parts[1:])
    tags = {key(t) for a in ctx.state.data.articles.values() for t in a.tags}
    owner = any(m.entity.kind == "org" for m in ctx.state.entities.find(parts[0]))
    return (rest, owner) if key(rest) in tags or owner else ("", False)


def _refuse(q: Question, ask: DefinitionAsk) -> Answer:
    if q.unknown_names:
        names = ", ".join(q.unknown_names)
        return refusal(
            q.text, f"I have no articles about {names}, so I can't answer that.", AnswerKind.UNKNOWN_NAME
        )
    return refusal(q.text, f"My articles don't explain what “{ask.term}” means.", AnswerKind.NOT_FOUND)
