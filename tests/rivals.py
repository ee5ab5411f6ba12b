"""A small corpus of rival labs for the compare and timeline tests: moves in and out, leaders, pay, dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from answer.engine import Engine
from bot.settings import Settings
from tests.conftest import FIXED_TODAY, FakeEmbedder

META_PAY = "Meta offered packages worth up to $100 million to OpenAI staff, according to Sam Altman."
OPENAI_PAY = "OpenAI gave about 1,000 employees a one-time retention bonus worth millions of dollars."
SURVEY = "Meta and OpenAI were among the highest payers for researchers in the survey."

MoveRow = tuple[str, str, str, str, str]  # person, from, to, role, date
ArticleRow = tuple[str, str, str, str, str, list[MoveRow]]  # id, title, published, companies, body, moves
ARTICLES: list[ArticleRow] = [
    (
        "2024-08-schulman-leaves-openai",
        "John Schulman leaves OpenAI for Anthropic",
        "2024-08-06",
        "OpenAI, Anthropic",
        "John Schulman left OpenAI for Anthropic to focus on alignment research.",
        [("John Schulman", "OpenAI", "Anthropic", "researcher", "2024-08")],
    ),
    (
        "2025-03-ai-pay-survey",
        "AI researchers' salaries keep climbing",
        "2025-03-01",
        "Meta, OpenAI",
        f"A survey of AI pay found that salaries rose 20% in a year. {SURVEY}",
        [],
    ),
    (
        "2025-06-meta-signs-openai-researchers",
        "Meta signs OpenAI researchers for its superintelligence team",
        "2025-06-26",
        "Meta, OpenAI, Scale AI",
        f"Meta hired Lucas Beyer and Jiahui Yu from OpenAI for its superintelligence team. {META_PAY}",
        [
            ("Lucas Beyer", "OpenAI", "Meta", "researcher", "2025-06"),
            ("Jiahui Yu", "OpenAI", "Meta", "researcher", "2025-06"),
            ("Alexandr Wang", "Scale AI", "Meta", "Chief AI Officer", "2025-06"),
        ],
    ),
    (
        "2025-08-openai-retention-bonus",
        "OpenAI hands staff a one-time bonus",
        "2025-08-08",
        "OpenAI",
        f"{OPENAI_PAY} The payments vest over two years.",
        [],
    ),
    (
        "2025-11-lecun-leaves-meta",
        "Yann LeCun leaves Meta to found AMI",
        "2025-11-19",
        "Meta, AMI",
        "Yann LeCun left Meta to found AMI, a start-up building world models. LeCun joined Meta in 2013.",
        [("Yann LeCun", "Meta", "AMI", "founder", "2025-11")],
    ),
    (
        "2026-01-shazeer-joins-openai",
        "Noam Shazeer joins OpenAI from Google",
        "2026-01-10",
        "OpenAI, Google",
        "Noam Shazeer joined OpenAI from Google to lead architecture research.",
        [("Noam Shazeer", "Google", "OpenAI", "lead for architecture research", "2026-01")],
    ),
]


def article_text(
    article_id: str,
    title: str,
    published: str,
    companies: str,
    body: str,
    moves: list[MoveRow],
) -> str:
    lines = [
        "---",
        f"id: {article_id}",
        f'title: "{title}"',
        "publisher: Example News",
        f"url: https://example.com/{article_id}",
        f"published: {published}",
        f"companies: [{companies}]",
    ]
    if moves:
        lines.append("moves:")
        for person, from_, to, role, date in moves:
            lines += [f"  - person: {person}", f"    from: {from_}", f"    to: {to}", f"    role: {role}"]
            lines.append(f"    date: {date}")
    return "\n".join([*lines, "---", body, ""])


def write_rivals(directory: Path, extra: list[ArticleRow] | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for article in [*ARTICLES, *(extra or [])]:
        (directory / f"{article[0]}.md").write_text(article_text(*article), encoding="utf-8")
    return directory


def rivals_engine(tmp_path: Path, embedder: FakeEmbedder, extra: list[ArticleRow] | None = None) -> Engine:
    from bot.runtime import refresh_index

    corpus = write_rivals(tmp_path / "rivals", extra)
    settings = Settings(data_dir=tmp_path / "rivals-data", corpus_dirs=(corpus,))
    data, _ = refresh_index(settings, embedder)
    return Engine(data, embedder, today=lambda: FIXED_TODAY)


def many_meta_hires(count: int) -> list[ArticleRow]:
    """One article a month, each reporting one hire by Meta: a timeline longer than a page."""
    articles: list[ArticleRow] = []
    for i in range(count):
        day = dt.date(2024, 1, 15) + dt.timedelta(days=31 * i)
        person = f"Researcher Number{i:02d}"
        articles.append(
            (
                f"{day:%Y-%m}-meta-hires-number{i:02d}",
                f"{person} joins Meta",
                day.isoformat(),
                "Meta, Apple",
                f"{person} joined Meta from Apple.",
                [(person, "Apple", "Meta", "researcher", f"{day:%Y-%m}")],
            )
        )
    return articles
