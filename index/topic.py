"""Is a news item about the AI talent war? The filter ingestion uses to skip off-topic feed items.

``load_topic_filter(embedder)`` gives a :class:`TopicFilter`, callable as ``(title, text) -> bool`` (the
shape :func:`corpus.ingest.ingest` takes as ``relevance``) with a ``score`` method (the probability of being
on topic). For all-MiniLM-L6-v2 (sentence-transformers or the index's ONNX export: same name, same vectors)
it reads the parameters shipped in ``index/data/topic_filter.json``, fitted by ``bench/topic_filter.py --fit``
on the dev split of ``index/data/topic_labels.yaml``: nothing is fitted at start-up. Any other embedder (the
tests' fake one) gets a filter fitted on the same dev split the first time it is asked for.
"""

from __future__ import annotations

from index.embedder import Embedder
from index.topic_fit import LABELS_PATH, fit_topic_filter, labels_sha256
from index.topic_model import PARAMS_PATH, TopicFilter, TopicParams, feature_signature, lead, read_params

__all__ = [
    "LABELS_PATH",
    "PARAMS_PATH",
    "TopicFilter",
    "TopicParams",
    "lead",
    "load_topic_filter",
    "shipped_params_current",
]


def load_topic_filter(embedder: Embedder) -> TopicFilter:
    """The off-topic filter for `embedder`: the shipped parameters when they were fitted for it."""
    params = read_params(PARAMS_PATH)
    if params is not None and params.model == embedder.name:
        return TopicFilter(embedder, params)
    return fit_topic_filter(embedder, LABELS_PATH)


def shipped_params_current() -> bool:
    """Whether the shipped parameters were fitted on the labelled set and the features as they are now."""
    params = read_params(PARAMS_PATH)
    return (
        params is not None
        and params.labels_sha256 == labels_sha256(LABELS_PATH)
        and params.features_sha256 == feature_signature()
    )
