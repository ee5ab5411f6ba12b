"""The weekly recap, from the articles of the last seven days: a three-sentence TL;DR and three key takeaways
(each cited), the talent moves, the top articles and the talent flows its chart shows. A quiet week (nothing
published in it) is one line pointing to the most recent news, never an old week re-run as if new. Pure."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from answer.dates import DEFAULT, DateStyle
from answer.moves import RecordedMove, collect_moves, describe_move
from answer.recap_digest import TAKEAWAY_WORDS, Ranked, pick, rank_sentences
from answer.recap_flows import Flows, company_flows, flow_takeaways
from corpus.model import Article, Move

# A recap is read at a glance: the moves and the top articles list at most this many each, and count the rest
# ("…and N more"). The text and Telegram forms share it so `recap preview` shows what subscribers get.
MAX_ITEMS = 10
TLDR_SENTENCES = 3
TAKEAWAYS = 3
# A week without moves (a quiet one included) charts the talent flows of this many days up to its end instead.
FLOW_DAYS = 90
# Moves the week's articles report as news: dated within this many days before the week (or undated), not the
# earlier ones they recall for background.
BACKGROUND_DAYS = 90


@dataclass(frozen=True)
class Point:
    """A TL;DR sentence or a takeaway, with the articles it comes from."""

    text: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Recap:
    start: dt.date  # inclusive
    end: dt.date  # inclusive
    articles: tuple[Article, ...]  # the week's, most central first: citation [n] is articles[n - 1]
    moves: tuple[RecordedMove, ...]  # newest first
    tldr: tuple[Point, ...]
    takeaways: tuple[Point, ...]
    flows: Flows  # the week's; in a week without moves, the last FLOW_DAYS days'
    latest: Article | None  # the most recent article up to the week's end: where a quiet week points

    @property
    def current(self) -> bool:
        """False for a quiet week: nothing was published in it."""
        return bool(self.articles)

    def cite(self, article_ids: Iterable[str]) -> tuple[int, ...]:
        numbers = {a.id: n for n, a in enumerate(self.articles, start=1)}
        return tuple(sorted({numbers[i] for i in article_ids if i in numbers}))

    @property
    def listed(self) -> int:
        """How many top articles are listed: MAX_ITEMS, or more when a listed item cites one further down."""
        ids = [i for p in (*self.tldr, *self.takeaways) for i in p.article_ids]
        ids += [r.article_id for r in self.moves[:MAX_ITEMS]]
        return max((min(len(self.articles), MAX_ITEMS), *self.cite(ids)))


def week_ending(day: dt.date) -> tuple[dt.date, dt.date]:
    """The seven days before `day` (the recap's own day is not included)."""
    return day - dt.timedelta(days=7), day - dt.timedelta(days=1)


def build_recap(
    articles: Iterable[Article], today: dt.date, canonical: dict[str, str] | None = None
) -> Recap:
    """The recap of the seven days before `today`; syndicated copies (keys of `canonical`) never count."""
    canonical = canonical or {}
    pool = sorted((a for a in articles if a.id not in canonical), key=lambda a: (a.published, a.id))
    start, end = week_ending(today)
    week = [a for a in pool if start <= a.published <= end]
    earlier = [a for a in pool if a.published <= end]
    ranked = rank_sentences(week)
    central = ranked.article_scores()
    moves = news_moves(week, start)
    # The most central first; among equals, those reporting the moves listed, then the newest.
    shown = Counter(r.article_id for r in moves[:MAX_ITEMS])
    week.sort(key=lambda a: (-central.get(a.id, 0.0), -shown[a.id], -a.published.toordinal(), a.id))
    flows = company_flows(moves, start, end)
    if not moves:
        first = end - dt.timedelta(days=FLOW_DAYS - 1)
        flows = company_flows(news_moves([a for a in pool if first <= a.published <= end], first), first, end)
    tldr = pick(ranked, TLDR_SENTENCES)
    return Recap(
        start,
        end,
        tuple(week),
        tuple(moves),
        tuple(Point(ranked.sentences[i].text, (ranked.sentences[i].article_id,)) for i in tldr),
        _takeaways(ranked, tldr, company_flows(moves, start, end), week),
        flows,
        earlier[-1] if earlier else None,
    )


def news_moves(articles: Iterable[Article], start: dt.date) -> list[RecordedMove]:
    """The moves the articles report as news of the period from `start`, newest first."""
    recent = [r for r in collect_moves(articles) if _is_recent(r.move, start)]
    return sorted(recent, key=lambda r: (r.move.date or "", r.move.person), reverse=True)


def _is_recent(move: Move, start: dt.date) -> bool:
    """An undated move, or one whose date reaches within BACKGROUND_DAYS before the period."""
    period = move.period()
    return period is None or period[1] >= start - dt.timedelta(days=BACKGROUND_DAYS)


def _takeaways(ranked: Ranked, tldr: list[int], flows: Flows, week: list[Article]) -> tuple[Point, ...]:
    """Who gained and who lost the most talent, then the most central short sentences the TL;DR did not use,
    then (a thin week) the headlines of the articles nothing else cites."""
    points = [Point(text, tuple(ids)) for text, ids in flow_takeaways(flows)][:TAKEAWAYS]
    short = pick(ranked, TAKEAWAYS - len(points), taken=tldr, max_words=TAKEAWAY_WORDS)
    points += [Point(ranked.sentences[i].text, (ranked.sentences[i].article_id,)) for i in short]
    cited = {ranked.sentences[i].article_id for i in [*tldr, *short]}
    for a in week:
        if len(points) >= TAKEAWAYS:
            break
        if a.id not in cited:
            points.append(Point(a.title, (a.id,)))
    return tuple(points)


def period(start: dt.date, end: dt.date, dates: DateStyle = DEFAULT) -> str:
    return dates.period(start, end)


def recap_title(recap: Recap, dates: DateStyle = DEFAULT) -> str:
    return f"AI talent war — weekly recap, {period(recap.start, recap.end, dates)}"


def quiet_note(recap: Recap, dates: DateStyle = DEFAULT) -> str:
    """A quiet week's line, before its pointer to the most recent article (if there is one)."""
    title = recap_title(recap, dates)
    if recap.latest is None:
        return f"{title}: no articles this week, and none before it."
    return f"{title}: no new articles this week. The most recent, from {dates.full(recap.latest.published)}:"


def cited(point: Point, recap: Recap) -> str:
    return point.text + " " + "".join(f"[{n}]" for n in recap.cite(point.article_ids))


def recap_text(recap: Recap, dates: DateStyle = DEFAULT) -> str:
    """The recap as plain text, as `recap preview` prints it, its dates in the style `dates`."""
    if not recap.current:
        latest = recap.latest
        where = f" {latest.title} ({latest.publisher}) {latest.url}" if latest else ""
        return quiet_note(recap, dates) + where
    lines = [recap_title(recap, dates)]
    if recap.tldr:
        lines += ["", "TL;DR", *(cited(p, recap) for p in recap.tldr)]
    lines += ["", "Key takeaways"] + [f"- {cited(p, recap)}" for p in recap.takeaways]
    lines.append("")
    if recap.moves:
        lines.append(f"Talent moves ({len(recap.moves)}):")
        for r in recap.moves[:MAX_ITEMS]:
            lines.append(
                f"- {describe_move(r.move)} " + "".join(f"[{n}]" for n in recap.cite([r.article_id]))
            )
        if len(recap.moves) > MAX_ITEMS:
            lines.append(f"- …and {len(recap.moves) - MAX_ITEMS} more moves")
    else:
        lines.append("No talent moves reported in these articles.")
    lines += ["", f"Top articles ({len(recap.articles)}):"]
    for n, a in enumerate(recap.articles[: recap.listed], start=1):
        lines.append(f"[{n}] {dates.day_month(a.published)}: {a.title} ({a.publisher}) {a.url}")
    if len(recap.articles) > recap.listed:
        lines.append(f"- …and {len(recap.articles) - recap.listed} more")
    return "\n".join(lines)
