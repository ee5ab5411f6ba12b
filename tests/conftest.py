"""Shared fixtures: a fast fake embedder, small article sets, settings in a temp data dir, the real engine."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from answer.config import EngineConfig
from answer.engine import Engine
from bot.settings import Settings
from corpus.loader import SHIPPED_DIR, parse_article
from corpus.model import Article
from index.embedder import Embedder, Vectors

FIXED_TODAY = dt.date(2026, 11, 23)


class FakeEmbedder:
    """Hashed bag of word stems: deterministic, fast, and similar texts get similar vectors."""

    name = "fake-hashing-embedder"
    dim = 384

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    def encode(self, texts: list[str]) -> Vectors:
        self.calls += 1
        self.texts += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                stem = word[:5]
                h = int.from_bytes(hashlib.blake2b(stem.encode(), digest_size=8).digest(), "little")
                out[row, h % self.dim] += 1.0 if (h >> 20) & 1 else -1.0
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out


# An article about something else, beside the one a test is about: what is asked must not be read in it.
OTHER_STORY = {
    "article_id": "2026-02-k-visa",
    "title": "China launches the K visa",
    "body": "China launched the K visa for young science graduates in October 2025.",
    "published": "2026-02-01",
    "companies": "",
    "people": "",
}


def moves_front_matter(*moves: str) -> str:
    """Front-matter `moves:` from "person | from | to | role | date" lines (empty fields left out)."""
    lines = ["moves:"]
    for move in moves:
        person, from_, to, role, date = (part.strip() for part in move.split("|"))
        lines.append(f"  - person: {person}")
        for key, value in (("from", from_), ("to", to), ("role", role), ("date", date)):
            if value:
                lines.append(f'    {key}: "{value}"')
    return "\n".join(lines) + "\n"


def make_article(
    article_id: str = "2025-07-meta-hires-pang",
    title: str = "Meta hires Apple's Ruoming Pang",
    body: str = "Meta hired Ruoming Pang from Apple. He led the foundation models team. The package was large.",
    published: str = "2025-07-07",
    moves: str = "",
    extra: str = "",
    companies: str = "Meta, Apple",
    people: str = "Ruoming Pang",
    tags: str = "hiring",
) -> str:
    """An article file's text: front matter (the lists comma-separated, as YAML writes them inside [...]),
    then the body."""
    front = textwrap.dedent(
        f"""\
        ---
        id: {article_id}
        title: "{title}"
        publisher: Example News
        url: https://example.com/{article_id}
        published: {published}
        tags: [{tags}]
        companies: [{companies}]
        people: [{people}]
        """
    )
    return front + moves + extra + "---\n" + body + "\n"


def write_article(directory: Path, **kwargs: str) -> Path:
    text = make_article(**kwargs)
    article_id = kwargs.get("article_id", "2025-07-meta-hires-pang")
    path = directory / f"{article_id}.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def shipped_articles() -> list[Article]:
    from corpus.loader import load_articles

    return load_articles([SHIPPED_DIR])


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dirs=(SHIPPED_DIR,))


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    directory = tmp_path / "articles"
    directory.mkdir()
    write_article(
        directory,
        moves="moves:\n  - person: Ruoming Pang\n    from: Apple\n    to: Meta\n    role: researcher\n    date: 2025-07\n",
    )
    write_article(
        directory,
        article_id="2024-08-moonshot-hires-tan-xu",
        title="Moonshot AI hires Tan Xu",
        body="Moonshot AI recruited Tan Xu from Microsoft Research Asia. He works on voice for the Kimi chatbot.",
        published="2024-08-20",
        moves="moves:\n  - person: Tan Xu\n    from: Microsoft Research Asia\n    to: Moonshot AI\n    date: 2024-08\n",
    )
    write_article(
        directory,
        article_id="2025-02-china-shortage",
        title="Why China lacks AI engineers",
        body=(
            "China has only two qualified workers for every five AI jobs. Demand exploded after ChatGPT. "
            "Frontier research needs PhDs and China trains few of them. US chip curbs push firms to hire "
            "algorithm experts."
        ),
        published="2025-02-15",
    )
    return directory


def engine_over(
    corpus: Path, data_dir: Path, embedder: Embedder, config: EngineConfig | None = None
) -> Engine:
    """An engine over the articles in `corpus`, indexed into `data_dir` with `embedder`, on FIXED_TODAY."""
    from bot.runtime import refresh_index  # loads the index layer's heavy parts only for the tests that build

    data, _ = refresh_index(Settings(data_dir=data_dir, corpus_dirs=(corpus,)), embedder)
    return Engine(data, embedder, config, today=lambda: FIXED_TODAY)


def engine_of(
    tmp_path: Path, embedder: Embedder, *articles: dict[str, str], config: EngineConfig | None = None
) -> Engine:
    """An engine over the articles given as `make_article` keywords, written to tmp_path/articles."""
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for fields in articles:
        write_article(corpus, **fields)
    return engine_over(corpus, tmp_path / "data", embedder, config)


def any_passage_engine(
    tmp_path: Path, embedder: Embedder, *articles: dict[str, str], threshold: float = 0.0
) -> Engine:
    """`engine_of` with one relevance threshold for every search (0: any passage found is relevant enough, so
    what decides an answer is what the passages say)."""
    return engine_of(tmp_path, embedder, *articles, config=EngineConfig(thresholds={"hybrid": threshold}))


@pytest.fixture
def small_engine(tmp_path: Path, small_corpus: Path, fake_embedder: FakeEmbedder) -> Engine:
    return engine_over(small_corpus, tmp_path / "data", fake_embedder)


# ------------------------------------------------------------------------------ real model (integration)


@pytest.fixture(scope="session")
def real_embedder():  # type: ignore[no-untyped-def]
    from index.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def real_data_dir(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """The shipped corpus indexed once with the real model, shared by the integration tests."""
    from bot.runtime import refresh_index

    data_dir = tmp_path_factory.mktemp("real-data")
    refresh_index(Settings(data_dir=data_dir), real_embedder)
    yield data_dir


@pytest.fixture(scope="session")
def real_engine(real_data_dir: Path, real_embedder) -> Engine:  # type: ignore[no-untyped-def]
    from index import store

    return Engine(store.load(real_data_dir / "index"), real_embedder, today=lambda: FIXED_TODAY)


def parse(text: str, name: str = "a.md") -> Article:
    return parse_article(text, Path(name))
