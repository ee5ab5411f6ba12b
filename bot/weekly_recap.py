"""The one weekly recap that `recap preview`, Telegram's /recap, `recap send` and the weekly job all show."""

from __future__ import annotations

import datetime as dt

from answer.recap import Recap, build_recap
from bot.settings import Settings
from corpus.dedup import canonical_map
from corpus.loader import load_articles


def weekly_recap(settings: Settings, today: dt.date | None = None) -> Recap:
    """The recap for `today` (default: today in the recap's time zone) from the articles on disk, shipped and
    ingested, each syndicated copy collapsed into the story it copies. Raises ArticleError on a broken article."""
    articles = load_articles(settings.all_corpus_dirs)
    return build_recap(articles, today or settings.today(), canonical_map(articles))
