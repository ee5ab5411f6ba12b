"""Nothing in the articles is relevant enough: say so instead of guessing."""

from __future__ import annotations

from answer.context import Context
from answer.english import is_english
from answer.kinds.base import CERTAIN
from answer.kinds.sides import asked_sides
from answer.model import Answer, AnswerKind, refusal
from answer.query import Question
from corpus.text import STOP_WORDS, word_pairs, words

NOT_FOUND = "I couldn't find anything in my articles that answers that."

# A word of the question that is no everyday English, this long at least, written in this many articles at
# most and in one of the best few passages found, is a term of theirs ("hart-scott-rodino", "qingyun"): the
# question is about what those passages say, however weakly the model, which has not learnt the term, matches
# it.
RARE_TERM_LETTERS = 6
RARE_TERM_ARTICLES = 2
RARE_TERM_PASSAGES = 3
# A phrase of two neighbouring words, each this long, is named word for word ("explore academy").
RARE_PAIR_LETTERS = 4


def names_rare_term(q: Question, ctx: Context) -> bool:
    """Does the question name a rare term of the articles that one of the best passages found says?"""
    named = {w for m in q.mentions for w in words(q.text[m.start : m.end])}  # a company or person is no term
    terms = {w for w in words(q.text) if len(w) >= RARE_TERM_LETTERS and not is_english(w)} - named
    if not terms:
        return False
    said = set().union(*(ctx.state.passage_words(h) for h in ctx.retrieval.hits[:RARE_TERM_PASSAGES]))
    articles = ctx.state.data.articles
    return any(
        sum(w in ctx.state.article_words(a) for a in articles) <= RARE_TERM_ARTICLES for w in terms & said
    )


def _asked_pairs(text: str) -> set[str]:
    """The question's pairs of neighbouring words, each word of RARE_PAIR_LETTERS or more and no stop word."""
    return {
        pair
        for pair in word_pairs(text)
        if min(len(w) for w in pair.split()) >= RARE_PAIR_LETTERS and not set(pair.split()) & STOP_WORDS
    }


def names_rare_phrase(q: Question, ctx: Context) -> bool:
    """Does the question name, word for word, a phrase of everyday words that one of the best passages says
    and few articles do ("jd.com's explore academy": "JD.com's Explore Academy, the e-commerce group's
    research arm")?"""
    asked = _asked_pairs(q.text)
    if not asked:
        return False
    hits = ctx.retrieval.hits[:RARE_TERM_PASSAGES]
    said = asked & set().union(*(word_pairs(ctx.state.data.passage_text(h.row)) for h in hits))
    articles = ctx.state.data.articles
    return any(sum(p in ctx.state.article_pairs(a) for a in articles) <= RARE_TERM_ARTICLES for p in said)


def _named_sides(q: Question, ctx: Context) -> bool:
    """Does the question weigh two sides that each name a company or person of the articles ("which licence deal
    cost more, suleyman's inflection one or mohan's windsurf one")? The whole question may match no passage
    well while each side does."""
    found = asked_sides(q, ctx)
    return found is not None and all(ctx.state.entities.find(label) for label in found.labels)


class NotFound:
    """The best passages score below the calibrated threshold of the retrieval mode, and the question names no
    rare term one of them says."""

    kind = AnswerKind.NOT_FOUND

    def match(self, q: Question, ctx: Context) -> float | None:
        if ctx.retrieval.score >= ctx.threshold or names_rare_term(q, ctx) or names_rare_phrase(q, ctx):
            return None
        if _named_sides(q, ctx):
            return None  # each side is searched on its own (`SideBySide`), and says so when it finds nothing
        return CERTAIN

    def answer(self, q: Question, ctx: Context) -> Answer:
        return refusal(q.text, NOT_FOUND, self.kind)
