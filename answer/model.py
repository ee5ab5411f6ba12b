"""What an answer is: its kind, its lines with their citations, its numbered sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from corpus.model import Article

SUGGESTIONS = (
    "Why is there a shortage of AI talent in China?",
    "Who did ByteDance hire from Alibaba?",
    "Who did Meta hire for Superintelligence Labs?",
    "How much are top AI researchers paid?",
    "What did OpenAI do to keep its staff?",
)
# Every refusal offers this many of the suggestions: enough to show the range, short enough for a phone.
REFUSAL_SUGGESTIONS = 3
# A table wider than this (characters) is shown in the terminal one subject at a time instead of as a grid.
TERMINAL_WIDTH = 100


class AnswerKind(StrEnum):
    """Which kind of question an answer answers (one per module in `answer.kinds`)."""

    EMPTY = "empty"  # no words at all
    GREETING = "greeting"
    ABOUT = "about"  # about the bot itself: what it does, its articles, how recent they are
    OTHER_LANGUAGE = "other_language"  # asked in a language other than English
    UNKNOWN_NAME = "unknown_name"  # names something the corpus never mentions
    PROFILE = "profile"  # "who is X?", "where does X work now?"
    ROLE = "role"  # "who is the chief scientist of X?", "who founded X?"
    LEADERS = "leaders"  # "who runs X?"
    AGGREGATE = "aggregate"  # "how many people did X hire from Y?", "which company lost the most to X?"
    MOVES = "moves"  # who hired whom
    NO_RECORD = "no_record"  # a move asked about that is not on record
    EMPTY_PERIOD = "empty_period"  # a period with no articles
    OVERVIEW = "overview"  # the headlines of a period
    NOT_FOUND = "not_found"  # nothing relevant enough
    EXTRACTIVE = "extractive"  # sentences from the passages that answer it
    COMPARE = "compare"  # companies side by side, as a table
    TIMELINE = "timeline"  # dated events of a company or person, oldest first
    DEFINITION = "definition"  # what a term means ("what is an acquihire?")
    ADVICE = "advice"  # personal advice or a prediction, which news articles do not give

    @property
    def listing(self) -> bool:
        """Lists (one item a line, paged) rather than prose."""
        return self in LISTING_KINDS


LISTING_KINDS = frozenset(
    {
        AnswerKind.LEADERS,
        AnswerKind.MOVES,
        AnswerKind.OVERVIEW,
        AnswerKind.TIMELINE,
        AnswerKind.ABOUT,
        AnswerKind.AGGREGATE,
    }
)


@dataclass(frozen=True)
class Source:
    number: int
    article_id: str
    title: str
    publisher: str
    url: str
    published: dt.date


@dataclass(frozen=True)
class Line:
    """One statement of an answer, with the numbers of the sources that back it."""

    text: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class Table:
    """A small side-by-side table: `columns` are the headers (the first heads the row labels), each row starts
    with its label. Cells that state a fact carry their source numbers ("[2]")."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def grid(self) -> list[str]:
        """The table as aligned lines (header, rule, rows) for a monospace display."""
        every = (self.columns, *self.rows)
        widths = [max(len(row[i]) for row in every) for i in range(len(self.columns))]

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        return [line(self.columns), "  ".join("-" * w for w in widths), *(line(r) for r in self.rows)]

    def blocks(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """One block per subject column: its header, then (row label, cell) pairs."""
        return [
            (name, [(row[0], row[i]) for row in self.rows]) for i, name in enumerate(self.columns) if i > 0
        ]

    def as_text(self, width: int = TERMINAL_WIDTH) -> str:
        """A grid when it fits in `width` characters, otherwise one block per subject."""
        grid = self.grid()
        if max(len(line) for line in grid) <= width:
            return "\n".join(grid)
        return "\n\n".join(
            "\n".join([name, *(f"  {label}: {cell}" for label, cell in cells)])
            for name, cells in self.blocks()
        )


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    kind: AnswerKind
    intro: str
    lines: tuple[Line, ...]
    sources: tuple[Source, ...]
    note: str = ""
    passages: tuple[tuple[str, str, float], ...] = ()
    more: bool = False  # a list with further pages (ask again with page + 1)
    timings: dict[str, float] = field(default_factory=dict)
    # The whole question a follow-up, or a question with misspelt words, was read as ("" when read as typed).
    understood_as: str = ""
    table: Table | None = None  # a comparison, shown after the intro

    @property
    def listing(self) -> bool:
        return self.kind.listing

    @property
    def reading(self) -> str:
        """How a follow-up or a misspelt question was read, shown before the answer."""
        return f"(Taking that as: “{self.understood_as}”)" if self.understood_as else ""

    def plain_text(self) -> str:
        parts = [self.intro] if self.intro else []
        if self.table is not None:
            parts.append(self.table.as_text())
        bullet = "- " if self.listing else ""
        for line in self.lines:
            cites = "".join(f"[{n}]" for n in line.citations)
            parts.append(f"{bullet}{line.text} {cites}".rstrip())
        if self.note:
            parts.append(self.note)
        text = (
            "\n".join(parts)
            if self.listing or self.table is not None
            else " ".join(parts[:1]) + ("\n" + " ".join(parts[1:]) if len(parts) > 1 else "")
        )
        if self.sources:
            text += "\n\nSources:\n" + "\n".join(
                f"[{s.number}] {s.publisher}, {s.published.isoformat()}: {s.title} {s.url}"
                for s in self.sources
            )
        return f"{self.reading}\n{text.strip()}" if self.reading else text.strip()


class Citations:
    """Numbers sources in order of first use."""

    def __init__(self, articles: dict[str, Article]) -> None:
        self._articles = articles
        self._numbers: dict[str, int] = {}

    def cite(self, article_id: str) -> int:
        return self._numbers.setdefault(article_id, len(self._numbers) + 1)

    def sources(self) -> tuple[Source, ...]:
        result = []
        for article_id, number in self._numbers.items():
            a = self._articles[article_id]
            result.append(Source(number, a.id, a.title, a.publisher, a.url, a.published))
        return tuple(result)


def refusal(
    question: str,
    reason: str,
    kind: AnswerKind = AnswerKind.NOT_FOUND,
    suggestions: Sequence[str] = SUGGESTIONS[:REFUSAL_SUGGESTIONS],
) -> Answer:
    """An answer that says plainly why it cannot answer, with questions the bot can answer."""
    tries = " ".join(f"• {s}" for s in suggestions)
    return Answer(
        question=question,
        answered=False,
        kind=kind,
        intro=reason,
        lines=(),
        sources=(),
        note=f"I answer questions about the AI talent war from the news articles I have read. Try: {tries}",
    )


def page_of(total: int, page: int, size: int) -> tuple[int, int]:
    """[start, end) of a page of a list; a page past the end is the last one."""
    last = max(0, (total - 1) // size)
    start = min(max(page, 0), last) * size
    return start, min(total, start + size)


def continued(intro: str, start: int, end: int, total: int) -> str:
    return intro if start == 0 else f"{intro.rstrip(':')} (continued: {start + 1}–{end} of {total}):"
