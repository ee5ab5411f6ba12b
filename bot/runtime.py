"""Start-up wiring shared by the CLI and the Telegram app: settings -> corpus -> index -> engine.

A build embeds the corpus with sentence-transformers and exports the query encoder to ONNX beside the index;
answering loads that ONNX encoder (onnxruntime + tokenizers, no torch) whenever the index is up to date.
"""

from __future__ import annotations

import logging
from typing import Any

from answer.engine import Engine, EngineConfig
from answer.eval_set import DEFAULT_QUESTIONS, load_questions
from bot.settings import Settings
from corpus.dedup import canonical_map
from corpus.loader import load_articles
from corpus.model import Article
from index import onnx_store, store
from index.embedder import MODEL_NAME, Embedder, ModelIntegrityError, SentenceTransformerEmbedder

# The export is checked on every 4th evaluation question (about 40, every kind) besides a long passage.
CHECK_EVERY = 4

log = logging.getLogger(__name__)


def refresh_index(
    settings: Settings,
    embedder: Embedder,
    progress: bool = False,
    articles: list[Article] | None = None,
) -> tuple[store.IndexData, store.BuildReport]:
    """(Re)build the index from the corpus, embedding only articles that are new or changed; with
    sentence-transformers, also export (or keep) the ONNX query encoder."""
    articles = load_articles(settings.all_corpus_dirs) if articles is None else articles
    if not articles:
        dirs = ", ".join(str(d) for d in settings.all_corpus_dirs)
        raise store.IndexMissingError(f"no articles found in {dirs}: add some, or use `talentbot ingest`")
    try:
        previous: store.IndexData | None = store.load(settings.index_dir)
    except store.IndexMissingError:
        previous = None
    old = previous.manifest if previous is not None else None
    if isinstance(embedder, SentenceTransformerEmbedder):
        onnx = onnx_store.prepare_entry(embedder.model, settings.index_dir, old, check_texts())
    else:  # e.g. the running bot's ONNX encoder embedding a feed's new articles: the export stays as it is
        onnx = _kept_export(settings, old, embedder.name)
    data, report = store.build(
        articles,
        embedder,
        settings.index_dir,
        previous=previous,
        progress=progress,
        canonical=canonical_map(articles),
        extra_manifest={**(onnx.to_manifest() if onnx else {}), **_kept_calibration(old, embedder.name)},
    )
    onnx_store.prune_graphs(settings.index_dir)
    return data, report


def _kept_calibration(manifest: dict[str, Any] | None, model: str) -> dict[str, Any]:
    """The previous build's fitted thresholds, while they are of the same model: they describe the model's
    scores, which a few new articles (a feed poll) do not move; `index build --calibrate` fits them again."""
    record = (manifest or {}).get("calibration")
    if isinstance(record, dict) and record.get("model") == model:
        return {"calibration": record}
    return {}


def _kept_export(
    settings: Settings, manifest: dict[str, Any] | None, model: str
) -> onnx_store.OnnxEntry | None:
    """The previous build's ONNX export, while it is of the same model and its files are intact."""
    entry = onnx_store.read_entry(manifest)
    if entry is None or manifest is None or manifest.get("model") != model:
        return None
    return entry if onnx_store.still_valid(settings.index_dir, entry) else None


def check_texts() -> list[str]:
    """Questions the ONNX export must embed as sentence-transformers does."""
    return [item.q for item in load_questions(DEFAULT_QUESTIONS)][::CHECK_EVERY]


def open_index(
    settings: Settings, embedder: Embedder, rebuild: bool = True, progress: bool = False
) -> store.IndexData:
    """Load the saved index; rebuild it first when the corpus or model changed (or tell the caller)."""
    articles = load_articles(settings.all_corpus_dirs)
    if store.is_stale(store.read_manifest(settings.index_dir), articles, embedder.name):
        return _rebuild(settings, embedder, rebuild, progress, articles)
    return store.load(settings.index_dir)


def _rebuild(
    settings: Settings, embedder: Embedder, rebuild: bool, progress: bool, articles: list[Article]
) -> store.IndexData:
    if not rebuild:
        raise store.IndexMissingError(
            f"the index in {settings.index_dir} is missing or out of date: run `talentbot index build`"
        )
    data, _ = refresh_index(settings, embedder, progress=progress, articles=articles)
    return data


def load_engine(
    settings: Settings,
    embedder: Embedder | None = None,
    rebuild: bool = True,
    progress: bool = False,
) -> Engine:
    """The engine over the saved index. Without an `embedder`, questions are embedded by the index's ONNX
    encoder when the index is up to date, else by sentence-transformers (which a rebuild loads anyway)."""
    config = EngineConfig(mode=settings.search_mode)
    if embedder is not None:
        return Engine(open_index(settings, embedder, rebuild, progress), embedder, config)
    articles = load_articles(settings.all_corpus_dirs)
    manifest = store.read_manifest(settings.index_dir)
    if store.is_stale(manifest, articles, MODEL_NAME):
        builder = SentenceTransformerEmbedder()
        return Engine(_rebuild(settings, builder, rebuild, progress, articles), builder, config)
    data = store.load(settings.index_dir)
    return Engine(data, query_embedder(settings, data.manifest, rebuild), config)


def query_embedder(settings: Settings, manifest: dict[str, Any], rebuild: bool = True) -> Embedder:
    """The manifest's ONNX encoder; sentence-transformers when the build has none, or (with a one-line
    warning) when its file is missing or altered, exporting it again first if `rebuild` allows."""
    try:
        onnx = onnx_store.load_query_encoder(settings.index_dir, manifest, settings.query_precision)
    except ModelIntegrityError as exc:
        fallback = SentenceTransformerEmbedder()
        done = "kept as is"
        if rebuild:
            # a graph still as recorded is kept: only what changed is made again
            entry = onnx_store.prepare_entry(fallback.model, settings.index_dir, manifest, check_texts())
            if entry is not None:
                store.update_manifest(settings.index_dir, entry.to_manifest())
                onnx_store.prune_graphs(settings.index_dir)
                done = "exported it again for the next start"
        log.warning("%s; this run embeds questions with sentence-transformers (%s)", exc, done)
        return fallback
    return onnx if onnx is not None else SentenceTransformerEmbedder()
