"""The off-topic filter's model: a logistic regression over a news item's embedding and a few keyword counts.

An item is its title and the start of its text (:func:`lead`), the way a feed shows it. Its features are the
sentence embedding of that lead (L2-normalised, from the index's embedder) followed by one number per
keyword group in :data:`KEYWORD_GROUPS`: how often the group's words occur (capped), times how much the lead
talks about AI or tech (:data:`AI_CONTEXT`). The product keeps "shortage", "pay" or "hired" from counting in
a story about pilots, nurses or a football club. The parameters (weights,
bias, threshold) are fitted by :mod:`index.topic_fit` and shipped in ``index/data/topic_filter.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from index.embedder import Embedder

__all__ = [
    "AI_CONTEXT",
    "KEYWORD_GROUPS",
    "LEAD_WORDS",
    "PARAMS_PATH",
    "TopicFilter",
    "TopicParams",
    "feature_signature",
    "features",
    "keyword_features",
    "lead",
    "read_params",
    "write_params",
]

PARAMS_PATH = Path(__file__).resolve().parent / "data" / "topic_filter.json"
LEAD_WORDS = 60  # words of text after the title: a feed summary or first paragraph, as in the labelled set
KEYWORD_CAP = 3  # occurrences per group that count: a long story repeating "engineers" is not more on topic

# Words of the talent war, in groups; each group's count is one feature next to the embedding.
KEYWORD_GROUPS: dict[str, re.Pattern[str]] = {
    "move": re.compile(
        r"\b(?:hir(?:e|es|ed|ing)|poach\w*|recruit\w*|lur(?:e|es|ed|ing)|defect\w*|(?:re)?join(?:s|ed|ing)?"
        r"|left|leav(?:e|es|ing)|depart\w*|exit(?:s|ed)?|quit(?:s)?|resign\w*|step(?:s|ped)? down|decamp\w*"
        r"|tapp(?:ed|s)|snap(?:s|ped)? up|brought (?:in|on|aboard)|bring(?:s|ing)? (?:in|on)|welcom\w* back"
        r"|return(?:s|ed)? to|appoint\w*|named|names|successor|rehir\w*|acqui-?hir\w*|resurfac\w*"
        r"|sign(?:s|ed)? on|head(?:s|ed)? to|mov(?:e|es|ed|ing) to|jump(?:s|ed)? (?:ship|to)"
        r"|switch(?:es|ed)? to|hired away)\b"
    ),
    "pay": re.compile(
        r"\b(?:pay|paid|salar\w*|compensation|bonus\w*|equity|stock (?:awards?|grants?)|vesting|packages?"
        r"|offers?|retention|retain\w*|non-?competes?|garden leave|no-poach)\b"
    ),
    "people": re.compile(
        r"\b(?:talent|researchers?|engineers?|scientists?|staff|employees?|workforce|team members?"
        r"|graduates?|phds?|doctoral|students?|specialists?|workers?|faculty|people|(?:co-)?founders?)\b"
    ),
    "market": re.compile(
        r"\b(?:shortage|shortfall|scarce|demand for|job postings?|listings?|brain drain|internships?"
        r"|scholarships?|fellowships?|visas?|h-1b|o-1|green cards?|immigration|work permits?|relocat\w*"
        r"|jobs?|roles|layoffs?|cuts?|headcount|attrition|talent war)\b"
    ),
}

# Words that put a story in AI or tech; they gate the keyword counts (a company list: the labs of the talent war).
AI_CONTEXT = re.compile(
    r"\b(?:ai|a\.i\.|artificial intelligence|machine learning|models?|llms?|language models?|deep learning"
    r"|neural|gpus?|chatbots?|agents?|superintelligence|agi|robotics|data scien\w*|computer vision"
    r"|computer science|tech|technology|software|silicon valley|start-?ups?|labs?|openai|anthropic|deepmind"
    r"|meta|google|microsoft|nvidia|xai|alibaba|bytedance|tencent|baidu|deepseek|mistral|cohere|perplexity"
    r"|zhipu|moonshot)\b"
)

Matrix = npt.NDArray[np.float64]


def lead(title: str, text: str, words: int = LEAD_WORDS) -> str:
    """The title and the first `words` words of the text: what the filter reads of an item."""
    head = " ".join(text.split()[:words])
    title = " ".join(title.split())
    if not title:
        return head
    return f"{title}. {head}" if head else title


def _capped(pattern: re.Pattern[str], text: str) -> float:
    return min(len(pattern.findall(text)), KEYWORD_CAP) / KEYWORD_CAP


def keyword_features(texts: list[str]) -> Matrix:
    """One row per text: each keyword group's capped count in [0, 1], times the text's AI_CONTEXT count."""
    rows = []
    for text in texts:
        lower = text.lower()
        context = _capped(AI_CONTEXT, lower)
        rows.append([_capped(pattern, lower) * context for pattern in KEYWORD_GROUPS.values()])
    return np.asarray(rows, dtype=np.float64).reshape(len(texts), len(KEYWORD_GROUPS))


def feature_signature() -> str:
    """A digest of how features are made (lead length, keyword patterns, cap): weights fit only its own."""
    parts = [
        str(LEAD_WORDS),
        str(KEYWORD_CAP),
        AI_CONTEXT.pattern,
        *(p.pattern for p in KEYWORD_GROUPS.values()),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def features(embedder: Embedder, pairs: list[tuple[str, str]]) -> Matrix:
    """The feature rows of (title, text) pairs: the lead's embedding, then its keyword counts."""
    texts = [lead(title, text) for title, text in pairs]
    vectors = np.asarray(embedder.encode(texts), dtype=np.float64).reshape(len(texts), -1)
    return np.hstack([vectors, keyword_features(texts)])


@dataclass(frozen=True)
class TopicParams:
    """A fitted filter: weights over the features, bias, and the probability at or above which it is on topic."""

    model: str  # the embedder's name the weights belong to
    weights: tuple[float, ...]
    bias: float
    threshold: float
    labels_sha256: str  # the labelled set they were fitted on, so a stale file is noticed
    features_sha256: str  # feature_signature() when they were fitted
    dev_precision: float
    dev_recall: float

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "labels_sha256": self.labels_sha256,
            "features_sha256": self.features_sha256,
            "threshold": self.threshold,
            "bias": self.bias,
            "dev_precision": self.dev_precision,
            "dev_recall": self.dev_recall,
            "keyword_groups": list(KEYWORD_GROUPS),
            "weights": list(self.weights),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TopicParams:
        return cls(
            model=str(data["model"]),
            weights=tuple(float(w) for w in data["weights"]),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            labels_sha256=str(data["labels_sha256"]),
            features_sha256=str(data["features_sha256"]),
            dev_precision=float(data["dev_precision"]),
            dev_recall=float(data["dev_recall"]),
        )


def read_params(path: Path = PARAMS_PATH) -> TopicParams | None:
    """The shipped parameters, or None when the file is missing."""
    if not path.is_file():
        return None
    return TopicParams.from_json(json.loads(path.read_text(encoding="utf-8")))


def write_params(params: TopicParams, path: Path = PARAMS_PATH) -> None:
    data = params.to_json()
    data["weights"] = [round(w, 6) for w in params.weights]  # six digits: far below the scores' spread
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


class TopicFilter:
    """Tells whether a news item is about the AI talent war: ``filter(title, text) -> bool``."""

    def __init__(self, embedder: Embedder, params: TopicParams) -> None:
        expected = embedder.dim + len(KEYWORD_GROUPS)
        if len(params.weights) != expected:
            raise ValueError(f"topic filter has {len(params.weights)} weights, the embedder needs {expected}")
        self.embedder = embedder
        self.params = params
        self._weights = np.asarray(params.weights, dtype=np.float64)

    @property
    def threshold(self) -> float:
        return self.params.threshold

    def scores(self, pairs: list[tuple[str, str]]) -> npt.NDArray[np.float64]:
        """For each (title, text): the probability that it is on topic."""
        if not pairs:
            return np.zeros(0, dtype=np.float64)
        logits = features(self.embedder, pairs) @ self._weights + self.params.bias
        return 1.0 / (1.0 + np.exp(-logits))

    def score(self, title: str, text: str) -> float:
        return float(self.scores([(title, text)])[0])

    def __call__(self, title: str, text: str) -> bool:
        return self.score(title, text) >= self.params.threshold
