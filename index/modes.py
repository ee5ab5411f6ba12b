"""The ways to rank passages, in the order the evaluation reports them (a tiny module: the CLI imports it
without loading the index)."""

# keyword (BM25), dense (embeddings) or both fused by reciprocal rank fusion
SEARCH_MODES: tuple[str, ...] = ("bm25", "dense", "hybrid")
