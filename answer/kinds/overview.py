""" "What happened in 2024?", "latest news": the headlines of a period, newest first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from answer.context import Context
from answer.cues import overview_question
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind, Citations, Line, continued, page_of
from answer.query import Question
from corpus.model import Article

# Headlines per page: a phone screen's worth, with "Show more" for the rest.
HEADLINES_PER_PAGE = 8


def compose_overview(
    q: Question, articles: Sequence[Article], label: str, page: int = 0, size: int = HEADLINES_PER_PAGE
) -> Answer:
    """One page of the period's headlines, newest first, each cited."""
    cites = Citations({a.id: a for a in articles})
    ordered = sorted(articles, key=lambda a: (a.published, a.id), reverse=True)
    start, end = page_of(len(ordered), page, size)
    lines = tuple(Line(f"{a.published:%d %b %Y}: {a.title}", (cites.cite(a.id),)) for a in ordered[start:end])
    more = len(ordered) - end
    intro = f"{len(articles)} article{'s' if len(articles) != 1 else ''} {label}, newest first:"
    return Answer(
        question=q.text,
        answered=bool(lines),
        kind=AnswerKind.OVERVIEW,
        intro=continued(intro, start, end, len(ordered)),
        lines=lines,
        sources=cites.sources(),
        note=f"…and {more} more; ask about a company or person to narrow it down." if more > 0 else "",
        more=more > 0,
    )


def originals(ctx: Context, article_ids: Iterable[str]) -> list[Article]:
    """The articles, each story once: syndicated copies are left out for the original they copy."""
    canonical = ctx.state.data.canonical
    return [ctx.state.data.articles[i] for i in sorted(article_ids) if canonical.get(i, i) == i]


class Overview:
    kind = AnswerKind.OVERVIEW

    def match(self, q: Question, ctx: Context) -> float | None:
        dated = q.dates is not None or q.latest
        asks = dated and overview_question(q.text) and not q.mentions and bool(ctx.published)
        return CERTAIN if asks else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        label = q.dates.label if q.dates is not None else "from the latest months"
        return compose_overview(q, originals(ctx, ctx.published or set()), label, page=ctx.page)
