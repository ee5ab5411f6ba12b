"""The weekly recap: the articles of the last seven days and the talent moves among them. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from answer.dates import DEFAULT, DateStyle
from answer.moves import RecordedMove, collect_moves, describe_move
from corpus.model import Article, Move

# A recap is read at a glance: each section (articles, moves) lists at most this many, newest first, and counts
# the rest ("…and N more"). The text and Telegram forms share it so `recap preview` shows what subscribers get;
# ten of each still fits one Telegram message (4,096) uncut, even with the shipped corpus's longest titles, links
# and moves (3,802 characters).
MAX_ITEMS = 10


@dataclass(frozen=True)
class Recap:
    start: dt.date  # inclusive
    end: dt.date  # inclusive
    articles: tuple[Article, ...]  # newest first
    moves: tuple[RecordedMove, ...]
    current: bool  # False: this week had nothing, so this is the most recent week that has articles
    requested_start: dt.date
    requested_end: dt.date


def week_ending(day: dt.date) -> tuple[dt.date, dt.date]:
    """The seven days before `day` (the recap's own day is not included)."""
    return day - dt.timedelta(days=7), day - dt.timedelta(days=1)


def build_recap(
    articles: Iterable[Article], today: dt.date, canonical: dict[str, str] | None = None
) -> Recap:
    """This week's articles; when there are none, the most recent seven days that have some."""
    canonical = canonical or {}
    pool = [a for a in articles if a.id not in canonical]  # syndicated copies never appear twice
    start, end = week_ending(today)
    week = [a for a in pool if start <= a.published <= end]
    current = bool(week)
    if not week:
        earlier = [a for a in pool if a.published <= end]
        if earlier:
            last = max(a.published for a in earlier)
            start, end = last - dt.timedelta(days=6), last
            week = [a for a in pool if start <= a.published <= end]
    week.sort(key=lambda a: (a.published, a.id), reverse=True)
    # Moves the week's articles report as news, not the earlier ones they recall for background.
    recent = [r for r in collect_moves(week) if _is_recent(r.move, start)]
    moves = sorted(recent, key=lambda r: (r.move.date or "", r.move.person), reverse=True)
    requested = week_ending(today)
    return Recap(start, end, tuple(week), tuple(moves), current, requested[0], requested[1])


BACKGROUND_DAYS = 90


def _is_recent(move: Move, start: dt.date) -> bool:
    """An undated move, or one whose date reaches within BACKGROUND_DAYS before the week."""
    period = move.period()
    return period is None or period[1] >= start - dt.timedelta(days=BACKGROUND_DAYS)


def period(start: dt.date, end: dt.date, dates: DateStyle = DEFAULT) -> str:
    return dates.period(start, end)


def recap_header(recap: Recap, dates: DateStyle = DEFAULT) -> tuple[str, str]:
    """(title, note): the note explains when the recap falls back to an earlier week."""
    title = f"AI talent war — weekly recap, {period(recap.start, recap.end, dates)}"
    if recap.current:
        return title, ""
    if not recap.articles:
        return (
            title,
            f"No articles in {period(recap.requested_start, recap.requested_end, dates)}, and none before it.",
        )
    return title, (
        f"No new articles in {period(recap.requested_start, recap.requested_end, dates)}. "
        f"Here is the most recent week that has articles ({period(recap.start, recap.end, dates)})."
    )


def recap_text(recap: Recap, dates: DateStyle = DEFAULT) -> str:
    title, note = recap_header(recap, dates)
    lines = [title]
    if note:
        lines.append(note)
    if recap.articles:
        lines.append("")
        lines.append(f"Articles ({len(recap.articles)}):")
        for a in recap.articles[:MAX_ITEMS]:
            lines.append(f"- {dates.day_month(a.published)}: {a.title} ({a.publisher}) {a.url}")
        if len(recap.articles) > MAX_ITEMS:
            lines.append(f"- …and {len(recap.articles) - MAX_ITEMS} more")
    lines.append("")
    if recap.moves:
        lines.append(f"Talent moves ({len(recap.moves)}):")
        lines.extend(f"- {describe_move(r.move)}" for r in recap.moves[:MAX_ITEMS])
        if len(recap.moves) > MAX_ITEMS:
            lines.append(f"- …and {len(recap.moves) - MAX_ITEMS} more moves")
    else:
        lines.append("No talent moves reported in these articles.")
    return "\n".join(lines)
