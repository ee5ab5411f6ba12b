"""Start-up wiring shared by the CLI and the Telegram app: settings -> corpus -> index -> engine."""

from __future__ import annotations

import datetime as dt

from bot.engine import Engine, EngineConfig
from bot.settings import Settings
from corpus.dedup import canonical_map
from corpus.loader import load_articles
from corpus.model import Article
from index import store
from index.embedder import MODEL_NAME, Embedder, SentenceTransformerEmbedder


def build_index(
    settings: Settings,
    embedder: Embedder,
    progress: bool = False,
    articles: list[Article] | None = None,
) -> tuple[store.IndexData, store.BuildReport]:
    """(Re)build the index from the corpus, embedding only articles that are new or changed."""
    articles = load_articles(settings.all_corpus_dirs) if articles is None else articles
    if not articles:
        dirs = ", ".join(str(d) for d in settings.all_corpus_dirs)
        raise store.IndexMissingError(f"no articles found in {dirs}: add some, or use `talentbot ingest`")
    try:
        previous: store.IndexData | None = store.load(settings.index_dir)
    except store.IndexMissingError:
        previous = None
    data, report = store.build(
        articles,
        embedder,
        settings.index_dir,
        previous=previous,
        progress=progress,
        canonical=canonical_map(articles),
    )
    calibration = fit_calibration(data, embedder)
    if calibration is not None:
        data.manifest = store.update_manifest(settings.index_dir, {"calibration": calibration})
    return data, report


def fit_calibration(data: store.IndexData, embedder: Embedder) -> dict[str, object] | None:
    """Re-fit the "I don't know" thresholds for a new build, when the evaluation set applies to it: the real
    model, and every article the questions cite present in the corpus. Otherwise the built-in thresholds
    (fitted on the shipped corpus) stay in force."""
    from bot import evaluate

    if embedder.name != MODEL_NAME or not evaluate.DEFAULT_QUESTIONS.is_file():
        return None
    items = evaluate.load_questions(evaluate.DEFAULT_QUESTIONS)
    if not {a for item in items for a in item.articles} <= set(data.articles):
        return None
    thresholds = evaluate.calibrate(Engine(data, embedder), items)
    return {
        "thresholds": thresholds,
        "fitted_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "corpus_hash": data.manifest["corpus_hash"],
        "model": embedder.name,
        "questions": len(items),
    }


def open_index(
    settings: Settings, embedder: Embedder, rebuild: bool = True, progress: bool = False
) -> store.IndexData:
    """Load the saved index; rebuild it first when the corpus or model changed (or tell the caller)."""
    articles = load_articles(settings.all_corpus_dirs)
    manifest = store.read_manifest(settings.index_dir)
    if store.is_stale(manifest, articles, embedder.name):
        if not rebuild:
            raise store.IndexMissingError(
                f"the index in {settings.index_dir} is missing or out of date: run `talentbot index build`"
            )
        data, _ = build_index(settings, embedder, progress=progress, articles=articles)
        return data
    return store.load(settings.index_dir)


def load_engine(
    settings: Settings,
    embedder: Embedder | None = None,
    rebuild: bool = True,
    progress: bool = False,
) -> Engine:
    embedder = embedder or SentenceTransformerEmbedder()
    data = open_index(settings, embedder, rebuild=rebuild, progress=progress)
    return Engine(data, embedder, EngineConfig(mode=settings.search_mode))
