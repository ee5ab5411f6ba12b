""" "Any news on Meta?", "latest on deepseek", "what's new with openai": the headlines of the articles about one
company or person, newest first, as the aggregator page this product follows lists a company's stories."""

from __future__ import annotations

import re

from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.kinds.overview import compose_overview, originals
from answer.model import Answer, AnswerKind
from answer.query import Question
from corpus.model import Article
from corpus.text import STOP_WORDS, words

# Asking for the news about someone, then whom: "any news on", "anything new about", "what's the latest with",
# "updates from"; or the name first: "meta news", "deepseek latest".
_NEWS_ABOUT = re.compile(
    r"^\W*(?:(?:so|ok|okay|hey|hi|and|btw|yo)\W+)*"
    r"(?:(?:do you have|have you got|got|is there|are there)\s+)?"
    r"(?:(?:any|anything|something)\s+)?(?:new\s+|recent\s+|fresh\s+)?"
    r"(?:news|updates?|headlines|stories|articles|coverage|anything(?:\s+new)?|what(?:'s|’s|s| is)\s+new|"
    r"(?:what(?:'s|’s|s| is)\s+)?(?:the\s+)?latest(?:\s+news)?)"
    r"\s+(?:on|about|with|from|at|re|regarding|for)\s+(?P<name>.+?)\W*$"
    r"|^\W*(?P<first>.+?)\s+(?:news|updates|headlines|latest(?:\s+news)?)\W*$",
    re.I,
)


def news_subject(q: Question) -> str | None:
    """The one company or person whose news the question asks for ("" words besides the name), else None."""
    match = _NEWS_ABOUT.match(q.text)
    if match is None or len({m.entity.keys for m in q.mentions}) != 1:
        return None
    start, end = match.span("name") if match.group("name") else match.span("first")
    named = [m for m in q.mentions if m.start >= start and m.end <= end]
    if not named:
        return None
    rest = q.text[start:end]
    for m in sorted(named, key=lambda m: -m.start):
        rest = rest[: m.start - start] + " " + rest[m.end - start :]
    if set(words(rest)) - STOP_WORDS:
        return None  # "news on meta's pay": a question about something of theirs
    return named[0].entity.name


class NewsAbout:
    kind = AnswerKind.OVERVIEW

    def match(self, q: Question, ctx: Context) -> float | None:
        name = news_subject(q)
        return CERTAIN if name is not None and self._articles(q, ctx) else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        name = news_subject(q) or ""
        return compose_overview(q, self._articles(q, ctx), f"about {name}", page=ctx.page)

    @staticmethod
    def _articles(q: Question, ctx: Context) -> list[Article]:
        """The articles about the one name (syndicated copies as one story), within the question's dates."""
        found = ctx.state.mention_articles.get(q.mentions[0].entity.keys, set())
        return originals(ctx, found if ctx.published is None else found & ctx.published)
