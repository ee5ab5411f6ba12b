"""Start-up wiring shared by the CLI and the Telegram app: settings -> corpus -> index -> engine."""

from __future__ import annotations

from answer.engine import Engine, EngineConfig
from bot.settings import Settings
from corpus.dedup import canonical_map
from corpus.loader import load_articles
from corpus.model import Article
from index import store
from index.embedder import Embedder, SentenceTransformerEmbedder


def refresh_index(
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
    return data, report


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
        data, _ = refresh_index(settings, embedder, progress=progress, articles=articles)
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
