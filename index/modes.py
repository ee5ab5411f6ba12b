"""The ways to rank passages, in the order the evaluation reports them, and the query encoder's precisions (a
tiny module: the CLI imports it without loading the index)."""

# keyword (BM25), dense (embeddings) or both fused by reciprocal rank fusion
SEARCH_MODES: tuple[str, ...] = ("bm25", "dense", "hybrid")
# the ONNX query encoder's weights: the int8 copy (half the time per question) or the float32 graph
PRECISIONS: tuple[str, ...] = ("int8", "fp32")
DEFAULT_PRECISION = PRECISIONS[0]
