"""Render answers as Telegram HTML (recaps: bot/recap_render.py): every piece of corpus or user text escaped, within limits."""

from __future__ import annotations

import html
import re

from answer.model import Answer, Source, Table

TELEGRAM_LIMIT = 4096
# A table whose grid is this narrow (characters) fits a phone screen in monospace; a wider one is shown as one
# block per company instead.
PRE_WIDTH = 34


def esc(text: str) -> str:
    """Escape text for Telegram HTML with the named entities Telegram documents (&amp; &lt; &gt; &quot;) only:
    apostrophes stay as they are, since `&#x27;` is not one of them."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


_TAG = re.compile(r"<[^>]*>")


def plain_len(text: str) -> int:
    """The length Telegram counts for HTML we wrote: tags dropped, entities decoded, in UTF-16 units (a link's
    address is not counted, only its label)."""
    return utf16_len(html.unescape(_TAG.sub("", text)).strip())


def link(url: str, label: str) -> str:
    return f'<a href="{esc(url)}">{esc(label)}</a>'


def fit(
    head: list[str],
    items: list[str],
    tail: list[str],
    limit: int = TELEGRAM_LIMIT,
    max_items: int | None = None,
) -> str:
    """Join head + as many items as fit (at most `max_items`) + tail, as Telegram counts them (`plain_len`);
    the items left out are counted."""
    body = list(items[:max_items])
    while True:
        # Count entries only: a section heading (an item starting with a blank line) is not one of "N more".
        more = sum(1 for item in items[len(body) :] if not item.startswith("\n"))
        extra = [f"<i>…and {more} more</i>"] if more else []
        text = "\n".join([*head, *body, *extra, *tail]).strip()
        if plain_len(text) <= limit or not body:
            break
        body.pop()
    if plain_len(text) > limit:
        # Only possible with a single enormous line: keep whole lines that fit, so no tag or entity is cut.
        kept: list[str] = []
        for line in text.split("\n"):
            if plain_len("\n".join([*kept, line])) > limit - 2:
                break
            kept.append(line)
        text = "\n".join(kept).strip() or "…"
    return text


def table_items(table: Table) -> list[str]:
    """A narrow table as a monospace grid; a wide one as a block per subject: its name in bold, then one line
    per row label."""
    grid = table.grid()
    if max(len(line) for line in grid) <= PRE_WIDTH:
        body = "\n".join(grid)
        return [f"<pre>{esc(body)}</pre>"]
    items: list[str] = []
    for name, cells in table.blocks():
        items.append(f"\n<b>{esc(name)}</b>")
        items.extend(f"<i>{esc(label)}:</i> {esc(cell)}" for label, cell in cells)
    return items


def sources_html(sources: tuple[Source, ...], titles: bool = True) -> list[str]:
    """The numbered sources, each linked; without their titles when space is short."""
    return [
        f"[{s.number}] {link(s.url, s.publisher)}, {s.published:%d %b %Y}"
        + (f": {esc(s.title)}" if titles else "")
        for s in sources
    ]


def answer_html(answer: Answer) -> str:
    head: list[str] = [f"<i>{esc(answer.reading)}</i>"] if answer.reading else []
    if answer.intro:
        head.append(f"<b>{esc(answer.intro)}</b>" if answer.answered else esc(answer.intro))
    bullet = "• " if answer.listing else ""
    items = table_items(answer.table) if answer.table is not None else []
    items += [
        f"{bullet}{esc(line.text)} " + "".join(f"[{n}]" for n in line.citations) for line in answer.lines
    ]
    tail: list[str] = []
    if answer.note:
        tail.append(f"\n<i>{esc(answer.note)}</i>")
    if answer.sources:
        tail.append("\n<b>Sources</b>")
        # An answer cut short loses whole facts (a company's cells, a timeline's events): when everything does
        # not fit, the sources give up their titles first (their links stay).
        whole = plain_len("\n".join([*head, *items, *tail, *sources_html(answer.sources)])) <= TELEGRAM_LIMIT
        tail.extend(sources_html(answer.sources, titles=whole))
    return fit(head, items, tail)
