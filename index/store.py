"""Build the passage index (dense FAISS + BM25) and keep it on disk, crash-safely.

Layout under the index directory:

    CURRENT               name of the live build, replaced atomically (temp file + rename)
    build-<stamp>/        one complete build, written as build-<stamp>.tmp and renamed when whole
        manifest.json     model, dimension, corpus hash, build time, index spec, calibration...
        articles.jsonl    the articles (so answers need no corpus files), with content hash
        passages.json     [article_id, passage number, first sentence, end sentence] per vector
        passage_vectors.npy, sentence_vectors.npy, dense.faiss, bm25/

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

import faiss
import numpy as np
from tqdm import tqdm

from corpus.atomic import fsync_dir, write_atomic
from corpus.loader import content_hash, corpus_hash
from corpus.model import Article
from index.chunking import CHUNKER_VERSION, chunk_spans, split_sentences
from index.embedder import Embedder, Vectors
from index.faiss_factory import (
    IndexSpec,
    build_index,
    choose_index_spec,
    configure_search,
    spec_from_dict,
    spec_to_dict,
)
from index.keyword import KeywordIndex

FORMAT_VERSION = 1
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
    dense: faiss.Index
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


def _plan(article: Article) -> tuple[list[str], list[PassageRef]]:
    sentences = split_sentences(article.body)
    spans = chunk_spans(sentences)
    return sentences, [PassageRef(article.id, n, start, end) for n, (start, end) in enumerate(spans)]


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
    reusable = (
        previous is not None
        and previous.manifest.get("model") == embedder.name
        and (previous.manifest.get("chunker_version") == CHUNKER_VERSION)
    )
    old_hashes: dict[str, str] = previous.manifest.get("article_hashes", {}) if previous else {}

    sentences: dict[str, list[str]] = {}
    passages: list[PassageRef] = []
    to_embed: list[str] = []
    # Per article: where its passage/sentence vectors come from (old rows) or go to (new rows).
    plan: list[tuple[Article, list[PassageRef], str]] = []
    hashes: dict[str, str] = {}
    for article in sorted(articles, key=lambda a: (a.published, a.id)):
        article_sentences, refs = _plan(article)
        sentences[article.id] = article_sentences
        passages.extend(refs)
        hashes[article.id] = content_hash(article)
        same = reusable and old_hashes.get(article.id) == hashes[article.id]
        plan.append((article, refs, "reuse" if same else "embed"))
        if not same:
            to_embed.extend(
                passage_embedding_text(article, " ".join(article_sentences[r.start : r.end])) for r in refs
            )
            to_embed.extend(article_sentences)

    new_vectors = _encode(embedder, to_embed, progress)
    passage_rows: list[Vectors] = []
    sentence_rows: list[Vectors] = []
    offsets: dict[str, int] = {}
    cursor = 0
    sentence_count = 0
    old_passage_rows = rows_by_article(previous) if previous is not None and reusable else {}
    for article, refs, how in plan:
        n_sent = len(sentences[article.id])
        offsets[article.id] = sentence_count
        sentence_count += n_sent
        if how == "reuse" and previous is not None:
            rows = old_passage_rows[article.id]
            passage_rows.append(previous.passage_vectors[rows])
            base = previous.sentence_offsets[article.id]
            sentence_rows.append(previous.sentence_vectors[base : base + n_sent])
        else:
            passage_rows.append(new_vectors[cursor : cursor + len(refs)])
            cursor += len(refs)
            sentence_rows.append(new_vectors[cursor : cursor + n_sent])
            cursor += n_sent

    dim = embedder.dim
    passage_vectors = _stack(passage_rows, dim)
    sentence_vectors = _stack(sentence_rows, dim)
    spec = choose_index_spec(len(passages), dim)
    dense = build_index(passage_vectors, spec)
    keyword = KeywordIndex.build(
        [
            passage_embedding_text(a, " ".join(sentences[a.id][r.start : r.end]))
            for a, refs, _ in plan
            for r in refs
        ]
    )
    by_id = {a.id: a for a in articles}
    manifest: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "model": embedder.name,
        "dimension": dim,
        "corpus_hash": corpus_hash(articles),
        "built_at": started.isoformat(timespec="seconds"),
        "chunker_version": CHUNKER_VERSION,
        "articles": len(articles),
        "passages": len(passages),
        "sentences": sentence_count,
        "index": spec_to_dict(spec),
        "article_hashes": hashes,
        "canonical": canonical or {},
        **(extra_manifest or {}),
    }
    data = IndexData(
        manifest=manifest,
        articles=by_id,
        sentences=sentences,
        sentence_offsets=offsets,
        passages=passages,
        passage_vectors=passage_vectors,
        sentence_vectors=sentence_vectors,
        dense=dense,
        keyword=keyword,
        canonical=dict(canonical or {}),
    )
    directory = save(data, index_dir)
    data.directory = directory
    embedded = [a for a, _, how in plan if how == "embed"]
    report = BuildReport(
        directory=directory,
        articles=len(articles),
        passages=len(passages),
        embedded_texts=len(to_embed),
        reused_articles=len(plan) - len(embedded),
        embedded_articles=len(embedded),
        elapsed_s=(dt.datetime.now(dt.UTC) - started).total_seconds(),
    )
    return data, report


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
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    chunks: list[Vectors] = []
    with tqdm(total=len(texts), desc="Embedding", unit="text", disable=not progress) as bar:
        for i in range(0, len(texts), batch):
            chunks.append(embedder.encode(texts[i : i + batch]))
            bar.update(len(texts[i : i + batch]))
    return np.vstack(chunks).astype(np.float32)


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
        faiss.write_index(data.dense, str(tmp / "dense.faiss"))
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
    articles: dict[str, Article] = {}
    with (directory / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            article = Article.model_validate_json(line)
            articles[article.id] = article
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
    spec: IndexSpec = spec_from_dict(manifest["index"])
    dense = faiss.read_index(str(directory / "dense.faiss"))
    configure_search(dense, spec)
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
