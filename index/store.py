"""Build the passage index (dense vectors + BM25) and keep it on disk, crash-safely.

Layout under the index directory:

    CURRENT               name of the live build, replaced atomically (temp file + rename)
    build-<stamp>/        one complete build, written as build-<stamp>.tmp and renamed when whole
        manifest.json     model, dimension, corpus hash, build time, index spec, calibration...
        articles.jsonl    the articles (so answers need no corpus files), with content hash
        passages.json     [article_id, passage number, first sentence, end sentence] per vector
        passage_vectors.npy, sentence_vectors.npy
        dense/            the dense index, in its backend's files (manifest "index" names the backend)
        bm25/             the keyword index

A crash at any point leaves CURRENT pointing at the previous complete build.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from corpus.atomic import fsync_dir, write_atomic
from corpus.loader import content_hash, corpus_hash
from corpus.model import Article
from index.chunking import CHUNKER_VERSION, chunk_spans, split_sentences
from index.dense import DenseIndex, load_dense_index, new_dense_index
from index.embedder import Embedder, Vectors
from index.keyword import KeywordIndex

#: On-disk layout version; an index of another version is stale and rebuilt. 2: the dense index is a
#: backend directory (dense/) and the manifest's "index" names its backend.
FORMAT_VERSION = 2
KEEP_BUILDS = 2


class IndexMissingError(RuntimeError):
    """No usable index on disk."""


@dataclass(frozen=True)
class PassageRef:
    article_id: str
    index: int
    start: int  # first sentence (index into the article's sentences)
    end: int  # one past the last sentence


@dataclass
class IndexData:
    """Everything search and answers need, in memory."""

    manifest: dict[str, Any]
    articles: dict[str, Article]
    sentences: dict[str, list[str]]
    sentence_offsets: dict[str, int]  # article id -> row of its first sentence in sentence_vectors
    passages: list[PassageRef]
    passage_vectors: Vectors
    sentence_vectors: Vectors
    dense: DenseIndex
    keyword: KeywordIndex
    directory: Path | None = None
    canonical: dict[str, str] = field(default_factory=dict)  # article id -> id of the story it duplicates

    def passage_text(self, i: int) -> str:
        ref = self.passages[i]
        return " ".join(self.sentences[ref.article_id][ref.start : ref.end])

    def passage_sentence_rows(self, i: int) -> range:
        ref = self.passages[i]
        base = self.sentence_offsets[ref.article_id]
        return range(base + ref.start, base + ref.end)


@dataclass(frozen=True)
class BuildReport:
    directory: Path
    articles: int
    passages: int
    embedded_texts: int
    reused_articles: int
    embedded_articles: int
    elapsed_s: float


def passage_embedding_text(article: Article, text: str) -> str:
    return f"{article.title}. {text}"


def _chunk(article: Article) -> tuple[list[str], list[PassageRef]]:
    sentences = split_sentences(article.body)
    spans = chunk_spans(sentences)
    return sentences, [PassageRef(article.id, n, start, end) for n, (start, end) in enumerate(spans)]


@dataclass
class _Plan:
    """A build's articles in index order, their sentences and passages, and the texts to embed."""

    entries: list[tuple[Article, list[PassageRef], bool]] = field(default_factory=list)  # True: reuse
    sentences: dict[str, list[str]] = field(default_factory=dict)
    passages: list[PassageRef] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)
    to_embed: list[str] = field(default_factory=list)
    source: IndexData | None = None  # the build whose vectors are reused

    def passage_texts(self) -> list[str]:
        return [
            passage_embedding_text(a, " ".join(self.sentences[a.id][r.start : r.end]))
            for a, refs, _ in self.entries
            for r in refs
        ]


def build(
    articles: list[Article],
    embedder: Embedder,
    index_dir: Path,
    previous: IndexData | None = None,
    progress: bool = False,
    canonical: dict[str, str] | None = None,
    extra_manifest: dict[str, Any] | None = None,
) -> tuple[IndexData, BuildReport]:
    """Embed what changed since `previous`, build both indexes and publish them atomically."""
    started = dt.datetime.now(dt.UTC)
    plan = _plan_build(articles, previous, embedder.name)
    vectors = _gather_vectors(plan, _encode(embedder, plan.to_embed, progress), embedder.dim)
    data = _assemble(plan, vectors, articles, embedder.name, started, canonical or {})
    data.manifest.update(extra_manifest or {})
    data.directory = save(data, index_dir)
    embedded = sum(1 for _, _, reuse in plan.entries if not reuse)
    report = BuildReport(
        directory=data.directory,
        articles=len(articles),
        passages=len(plan.passages),
        embedded_texts=len(plan.to_embed),
        reused_articles=len(plan.entries) - embedded,
        embedded_articles=embedded,
        elapsed_s=(dt.datetime.now(dt.UTC) - started).total_seconds(),
    )
    return data, report


def _plan_build(articles: list[Article], previous: IndexData | None, model: str) -> _Plan:
    """Chunk every article; those unchanged since `previous` (same model and chunker) keep its vectors,
    the rest are embedded."""
    reusable = (
        previous is not None
        and previous.manifest.get("model") == model
        and previous.manifest.get("chunker_version") == CHUNKER_VERSION
    )
    source = previous if reusable else None
    old_hashes: dict[str, str] = source.manifest.get("article_hashes", {}) if source else {}
    plan = _Plan(source=source)
    for article in sorted(articles, key=lambda a: (a.published, a.id)):
        sentences, refs = _chunk(article)
        plan.sentences[article.id] = sentences
        plan.passages.extend(refs)
        plan.hashes[article.id] = content_hash(article)
        reuse = source is not None and old_hashes.get(article.id) == plan.hashes[article.id]
        plan.entries.append((article, refs, reuse))
        if not reuse:
            plan.to_embed.extend(
                passage_embedding_text(article, " ".join(sentences[r.start : r.end])) for r in refs
            )
            plan.to_embed.extend(sentences)
    return plan


@dataclass(frozen=True)
class _Vectors:
    passages: Vectors
    sentences: Vectors
    offsets: dict[str, int]  # article id -> row of its first sentence


def _gather_vectors(plan: _Plan, new_vectors: Vectors, dim: int) -> _Vectors:
    """Passage and sentence vectors in plan order: reused rows of `plan.source`, else rows of
    `new_vectors` (laid out per article as its passages then its sentences, as in `plan.to_embed`)."""
    source = plan.source
    passage_rows: list[Vectors] = []
    sentence_rows: list[Vectors] = []
    offsets: dict[str, int] = {}
    cursor = 0
    sentence_count = 0
    old_passage_rows = rows_by_article(source) if source is not None else {}
    for article, refs, reuse in plan.entries:
        n_sent = len(plan.sentences[article.id])
        offsets[article.id] = sentence_count
        sentence_count += n_sent
        if reuse and source is not None:
            passage_rows.append(source.passage_vectors[old_passage_rows[article.id]])
            base = source.sentence_offsets[article.id]
            sentence_rows.append(source.sentence_vectors[base : base + n_sent])
        else:
            passage_rows.append(new_vectors[cursor : cursor + len(refs)])
            cursor += len(refs)
            sentence_rows.append(new_vectors[cursor : cursor + n_sent])
            cursor += n_sent
    return _Vectors(_stack(passage_rows, dim), _stack(sentence_rows, dim), offsets)


def _assemble(
    plan: _Plan,
    vectors: _Vectors,
    articles: list[Article],
    model: str,
    started: dt.datetime,
    canonical: dict[str, str],
) -> IndexData:
    """The dense and keyword indexes over the plan's passages, with the manifest describing the build."""
    dense = new_dense_index(vectors.passages.shape[1])
    dense.build(vectors.passages)
    manifest: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "model": model,
        "dimension": dense.dimension,
        "corpus_hash": corpus_hash(articles),
        "built_at": started.isoformat(timespec="seconds"),
        "chunker_version": CHUNKER_VERSION,
        "articles": len(articles),
        "passages": len(plan.passages),
        "sentences": len(vectors.sentences),
        "index": dense.config,
        "article_hashes": plan.hashes,
        "canonical": canonical,
    }
    return IndexData(
        manifest=manifest,
        articles={a.id: a for a in articles},
        sentences=plan.sentences,
        sentence_offsets=vectors.offsets,
        passages=plan.passages,
        passage_vectors=vectors.passages,
        sentence_vectors=vectors.sentences,
        dense=dense,
        keyword=KeywordIndex.build(plan.passage_texts()),
        canonical=dict(canonical),
    )


def rows_by_article(data: IndexData) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = {}
    for i, ref in enumerate(data.passages):
        rows.setdefault(ref.article_id, []).append(i)
    return rows


def _stack(parts: list[Vectors], dim: int) -> Vectors:
    parts = [p for p in parts if len(p)]
    if not parts:
        return np.zeros((0, dim), dtype=np.float32)
    return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)


def _encode(embedder: Embedder, texts: list[str], progress: bool, batch: int = 64) -> Vectors:
    """Embed in batches of texts of similar length (a batch is padded to its longest: passages and their
    own sentences side by side cost ~2x), returned in the order given."""
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with tqdm(total=len(texts), desc="Embedding", unit="text", disable=not progress) as bar:
        for i in range(0, len(order), batch):
            rows = order[i : i + batch]
            out[rows] = embedder.encode([texts[row] for row in rows])
            bar.update(len(rows))
    return out


def save(data: IndexData, index_dir: Path) -> Path:
    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    name = f"build-{stamp}-{uuid.uuid4().hex[:6]}"
    tmp = index_dir / f"{name}.tmp"
    tmp.mkdir()
    try:
        with (tmp / "articles.jsonl").open("w", encoding="utf-8") as handle:
            for article in data.articles.values():
                handle.write(article.model_dump_json(by_alias=True) + "\n")
        (tmp / "passages.json").write_text(
            json.dumps([[p.article_id, p.index, p.start, p.end] for p in data.passages]), encoding="utf-8"
        )
        np.save(tmp / "passage_vectors.npy", data.passage_vectors)
        np.save(tmp / "sentence_vectors.npy", data.sentence_vectors)
        data.dense.save(tmp / "dense")
        data.keyword.save(tmp / "bm25")
        # The manifest goes last: a build directory without one is incomplete by definition.
        (tmp / "manifest.json").write_text(
            json.dumps(data.manifest, indent=2, sort_keys=True), encoding="utf-8"
        )
        for child in tmp.rglob("*"):
            if child.is_file():
                with child.open("rb") as handle:
                    os.fsync(handle.fileno())
        final = index_dir / name
        os.rename(tmp, final)
        fsync_dir(index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    write_atomic(index_dir / "CURRENT", name.encode())
    _prune(index_dir, keep=name)
    return final


def _builds(index_dir: Path) -> Iterator[Path]:
    return (p for p in index_dir.glob("build-*") if p.is_dir())


def _prune(index_dir: Path, keep: str) -> None:
    finished = sorted((p for p in _builds(index_dir) if not p.name.endswith(".tmp")), key=lambda p: p.name)
    stale = [p for p in finished if p.name != keep][: max(0, len(finished) - KEEP_BUILDS)]
    leftovers = [p for p in _builds(index_dir) if p.name.endswith(".tmp")]
    for path in stale + leftovers:
        shutil.rmtree(path, ignore_errors=True)


def current_build(index_dir: Path) -> Path | None:
    pointer = index_dir / "CURRENT"
    if not pointer.is_file():
        return None
    directory = index_dir / pointer.read_text(encoding="utf-8").strip()
    return directory if (directory / "manifest.json").is_file() else None


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    directory = current_build(index_dir)
    if directory is None:
        return None
    manifest: dict[str, Any] = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    return manifest


def load(index_dir: Path) -> IndexData:
    directory = current_build(index_dir)
    if directory is None:
        raise IndexMissingError(f"no index in {index_dir}: run `talentbot index build`")
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexMissingError(f"the index in {directory} has an old format: run `talentbot index build`")
    with (directory / "articles.jsonl").open(encoding="utf-8") as handle:
        articles = {a.id: a for a in map(Article.model_validate_json, handle)}
    passages = [
        PassageRef(a, i, s, e) for a, i, s, e in json.loads((directory / "passages.json").read_text())
    ]
    sentences: dict[str, list[str]] = {}
    offsets: dict[str, int] = {}
    count = 0
    for article in sorted(articles.values(), key=lambda a: (a.published, a.id)):
        sentences[article.id] = split_sentences(article.body)
        offsets[article.id] = count
        count += len(sentences[article.id])
    dense = load_dense_index(directory / "dense", manifest["index"])
    return IndexData(
        manifest=manifest,
        articles=articles,
        sentences=sentences,
        sentence_offsets=offsets,
        passages=passages,
        passage_vectors=np.load(directory / "passage_vectors.npy"),
        sentence_vectors=np.load(directory / "sentence_vectors.npy"),
        dense=dense,
        keyword=KeywordIndex.load(directory / "bm25", len(passages)),
        directory=directory,
        canonical=dict(manifest.get("canonical", {})),
    )


def update_manifest(index_dir: Path, changes: dict[str, Any]) -> dict[str, Any]:
    """Merge `changes` into the current build's manifest, atomically (e.g. fitted calibration)."""
    directory = current_build(index_dir)
    if directory is None:
        raise IndexMissingError(f"no index in {index_dir}: run `talentbot index build`")
    manifest: dict[str, Any] = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    manifest.update(changes)
    write_atomic(directory / "manifest.json", json.dumps(manifest, indent=2, sort_keys=True).encode())
    return manifest


def is_stale(manifest: dict[str, Any] | None, articles: list[Article], model_name: str) -> bool:
    if manifest is None:
        return True
    return bool(
        manifest.get("format") != FORMAT_VERSION
        or manifest.get("corpus_hash") != corpus_hash(articles)
        or manifest.get("model") != model_name
        or manifest.get("chunker_version") != CHUNKER_VERSION
    )
