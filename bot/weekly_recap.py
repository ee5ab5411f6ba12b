"""The one weekly recap that `recap preview`, Telegram's /recap, `recap send` and the weekly job all show, and
the parts Telegram gets it in: the talent-flows chart as a photo with the title and TL;DR as its caption, then
the text's messages (without a chart, the text alone)."""

from __future__ import annotations

import datetime as dt

from answer.dates import DEFAULT, DateStyle
from answer.recap import Recap, build_recap
from bot.recap_chart import flows_png
from bot.recap_render import recap_post
from bot.settings import Settings
from bot.store.ledger import EditionPart
from corpus.dedup import canonical_map
from corpus.loader import load_articles


def weekly_recap(settings: Settings, today: dt.date | None = None) -> Recap:
    """The recap for `today` (default: today in the recap's time zone) from the articles on disk, shipped and
    ingested, each syndicated copy collapsed into the story it copies. Raises ArticleError on a broken article."""
    articles = load_articles(settings.all_corpus_dirs)
    return build_recap(articles, today or settings.today(), canonical_map(articles))


def post_parts(recap: Recap, dates: DateStyle = DEFAULT) -> list[EditionPart]:
    """The recap as Telegram messages, its dates in the style `dates`: the chart (when some company gained or
    lost anyone) with its caption, then the text."""
    return chart_parts(recap, flows_png(recap.flows), dates)


def chart_parts(recap: Recap, png: bytes | None, dates: DateStyle) -> list[EditionPart]:
    """The recap as Telegram messages with its chart already drawn (`png`; None: no chart): one drawing serves
    every date style (the chart's own title keeps English dates)."""
    post = recap_post(recap, with_photo=png is not None, dates=dates)
    photo = [EditionPart(post.caption, png)] if png is not None else []
    return photo + [EditionPart(m) for m in post.messages]


def recap_parts(
    settings: Settings, today: dt.date | None = None, dates: DateStyle = DEFAULT
) -> list[EditionPart]:
    """This week's recap (or `today`'s) as Telegram messages, its dates in the style `dates`. Raises
    ArticleError on a broken article."""
    return post_parts(weekly_recap(settings, today), dates)


def edition_text(parts: list[EditionPart]) -> str:
    """An edition's text as one record (the ledger keeps it next to the parts): every part's HTML."""
    return "\n\n".join(p.text for p in parts)
