"""The recap as Telegram HTML: a photo caption (the title and the TL;DR, within Telegram's 1,024-character caption
limit) and the text, split into messages of at most 4,096 characters at line breaks, never inside a tag.

Limits are counted as Telegram counts them: UTF-16 units of the text after its entities are parsed. Every line
is whole HTML (its tags opened and closed on it), and no line can outgrow a message: the corpus texts on it are
shortened first, at a word, before they are escaped, so no entity is ever cut.
"""

from __future__ import annotations

from dataclasses import dataclass

from answer.dates import DEFAULT, DateStyle
from answer.moves import move_route
from answer.recap import FLOW_DAYS, MAX_ITEMS, Point, Recap, period, quiet_note, recap_title
from bot.render import TELEGRAM_LIMIT, esc, link, plain_len, utf16_len

CAPTION_LIMIT = 1024
# The longest a corpus text (a sentence, a title, a name) is on one line: a line always fits a caption.
MAX_TEXT = 600
FOOTER = "<i>/unsubscribe to stop these messages.</i>"


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    """Text cut at a word to at most `limit` UTF-16 units, "…" marking the cut."""
    if utf16_len(text) <= limit:
        return text
    cut = text
    while utf16_len(cut) > limit - 1:
        cut = cut[: max(len(cut) - max((utf16_len(cut) - limit) // 2, 1), 0)]
    head = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return head.rstrip(" ,;:") + "…"


@dataclass(frozen=True)
class RecapPost:
    caption: str  # the photo's caption; "" when there is no photo
    messages: tuple[str, ...]


def _cites(recap: Recap, article_ids: tuple[str, ...]) -> str:
    return "".join(f"[{n}]" for n in recap.cite(article_ids))


def _point(recap: Recap, point: Point, bullet: str = "") -> str:
    return f"{bullet}{esc(shorten(point.text))} {_cites(recap, point.article_ids)}"


def _sections(recap: Recap, dates: DateStyle) -> list[list[str]]:
    """The text after the TL;DR: takeaways, moves, top articles and the footer, each a list of lines."""
    points = ["<b>Key takeaways</b>", *(_point(recap, p, "• ") for p in recap.takeaways)]
    if recap.moves:
        moves = [f"<b>Talent moves ({len(recap.moves)})</b>"]
        for r in recap.moves[:MAX_ITEMS]:
            m = r.move
            role = f", {esc(shorten(m.role, 200))}" if m.role else ""
            moves.append(
                f"• <b>{esc(shorten(m.person, 200))}</b>: {esc(shorten(move_route(m)))}{role} "
                + _cites(recap, (r.article_id,))
            )
        if len(recap.moves) > MAX_ITEMS:
            moves.append(f"<i>…and {len(recap.moves) - MAX_ITEMS} more moves</i>")
    else:
        moves = ["No talent moves reported in these articles."]
    top = [f"<b>Top articles ({len(recap.articles)})</b>"]
    for n, a in enumerate(recap.articles[: recap.listed], start=1):
        top.append(
            f"[{n}] {esc(dates.day_month(a.published))}: {link(a.url, shorten(a.title, 300))} "
            f"({esc(shorten(a.publisher, 100))})"
        )
    if len(recap.articles) > recap.listed:
        top.append(f"<i>…and {len(recap.articles) - recap.listed} more</i>")
    return [points, moves, top, [FOOTER]]


def _caption(recap: Recap, dates: DateStyle) -> tuple[str, list[str]]:
    """The caption (title and as many TL;DR lines as fit) and the TL;DR lines left for the text. A line is at
    most MAX_TEXT long, so the title and the first line always fit."""
    head = [f"<b>{esc(recap_title(recap, dates))}</b>"] + (["", "<b>TL;DR</b>"] if recap.tldr else [])
    lines = [_point(recap, p) for p in recap.tldr]
    kept = 0
    while kept < len(lines) and plain_len("\n".join([*head, *lines[: kept + 1]])) <= CAPTION_LIMIT:
        kept += 1
    return "\n".join([*head, *lines[:kept]]), lines[kept:]


def pack(sections: list[list[str]], limit: int = TELEGRAM_LIMIT) -> tuple[str, ...]:
    """Sections (lists of whole lines) into as few messages as fit, a blank line between sections: a section
    that does not fit the current message starts the next one, and one longer than a message is split between
    its lines."""
    messages: list[list[str]] = []
    for section in sections:
        if messages and plain_len("\n".join([*messages[-1], "", *section])) <= limit:
            messages[-1].extend(["", *section])
            continue
        messages.append([])
        for line in section:
            if messages[-1] and plain_len("\n".join([*messages[-1], line])) > limit:
                messages.append([])
            messages[-1].append(line)
    return tuple("\n".join(m) for m in messages)


def quiet_html(recap: Recap, dates: DateStyle = DEFAULT) -> str:
    """A quiet week's one line, pointing to the most recent article."""
    latest = recap.latest
    if latest is None:
        return esc(quiet_note(recap, dates))
    return (
        f"{esc(quiet_note(recap, dates))} {link(latest.url, shorten(latest.title, 300))} "
        f"({esc(shorten(latest.publisher, 100))})"
    )


def flows_caption(recap: Recap, dates: DateStyle = DEFAULT) -> str:
    """A chart's caption in a quiet week (or one without moves): what it shows."""
    flows = recap.flows
    return f"<b>AI talent flows, last {FLOW_DAYS} days</b> ({esc(period(flows.start, flows.end, dates))})"


def recap_post(recap: Recap, with_photo: bool, dates: DateStyle = DEFAULT) -> RecapPost:
    """The recap's caption (with a photo) and messages, its dates in the style `dates`. Without a photo the title
    and TL;DR open the text."""
    if not recap.current:
        return RecapPost(flows_caption(recap, dates) if with_photo else "", (quiet_html(recap, dates),))
    sections = _sections(recap, dates)
    if not with_photo:
        tldr = [["<b>TL;DR</b>", *(_point(recap, p) for p in recap.tldr)]] if recap.tldr else []
        return RecapPost("", pack([[f"<b>{esc(recap_title(recap, dates))}</b>"], *tldr, *sections]))
    caption, rest = _caption(recap, dates)
    if rest:
        sections.insert(0, ["<b>TL;DR</b> (continued)", *rest])
    return RecapPost(caption, pack(sections))
