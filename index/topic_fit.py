"""Fit the off-topic filter on the dev split of the labelled news items and score it on any split.

The labelled set is ``index/data/topic_labels.yaml``. Fitting is an L2-regularised logistic regression
(plain numpy gradient descent, deterministic); the threshold is the one that maximises F1 on out-of-fold
scores of the dev items (five folds), so it is set on scores the weights were not fitted to. The test split
is never read here except by :func:`evaluate` when asked to.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import yaml

from index.embedder import Embedder
from index.topic_model import Matrix, TopicFilter, TopicParams, feature_signature, features

__all__ = [
    "LABELS_PATH",
    "LabelledItem",
    "Score",
    "evaluate",
    "fit_params",
    "fit_topic_filter",
    "labels_sha256",
    "load_labels",
]

LABELS_PATH = Path(__file__).resolve().parent / "data" / "topic_labels.yaml"
L2 = 3e-3  # chosen by 5-fold cross-validation on dev among 3e-4..1e-1: strong enough for 126 items
STEPS = 3000  # gradient steps: the loss stops moving well before this
STEP_SIZE = 0.5
FOLDS = 5


@dataclass(frozen=True)
class LabelledItem:
    id: str
    split: str  # "dev" or "test"
    on_topic: bool
    title: str
    text: str


@dataclass(frozen=True)
class Score:
    """Precision and recall of the on-topic label over some items."""

    items: int
    precision: float
    recall: float
    wrong: tuple[str, ...]  # ids of the misjudged items


def labels_sha256(path: Path = LABELS_PATH) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_labels(path: Path = LABELS_PATH, split: str | None = None) -> list[LabelledItem]:
    """The labelled items, all or one split's."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    items = [
        LabelledItem(str(r["id"]), str(r["split"]), bool(r["on_topic"]), str(r["title"]), str(r["text"]))
        for r in raw
    ]
    return [i for i in items if split is None or i.split == split]


def _logistic(x: Matrix, y: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], float]:
    weights = np.zeros(x.shape[1])
    bias = 0.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
        weights -= STEP_SIZE * (x.T @ (p - y) / len(y) + L2 * weights)
        bias -= STEP_SIZE * float(np.mean(p - y))
    return weights, bias


def _precision_recall(predicted: npt.NDArray[np.bool_], gold: npt.NDArray[np.bool_]) -> tuple[float, float]:
    hits = int(np.sum(predicted & gold))
    precision = hits / int(predicted.sum()) if predicted.any() else 1.0
    recall = hits / int(gold.sum()) if gold.any() else 1.0
    return precision, recall


def _best_threshold(logits: npt.NDArray[np.float64], gold: npt.NDArray[np.bool_]) -> float:
    """The logit threshold with the best F1, midway between two neighbouring scores (first one on ties)."""
    ordered = np.unique(logits)
    best, best_f1 = float(ordered[0]) - 1.0, -1.0
    for low, high in itertools.pairwise(ordered):
        cut = float(low + high) / 2
        precision, recall = _precision_recall(logits >= cut, gold)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best_f1:
            best, best_f1 = cut, f1
    return best


def _out_of_fold(x: Matrix, y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Each item's logit from a model fitted on the other folds."""
    logits = np.zeros(len(y))
    rows = np.arange(len(y))
    for fold in range(FOLDS):
        held = rows[fold::FOLDS]
        kept = np.setdiff1d(rows, held)
        weights, bias = _logistic(x[kept], y[kept])
        logits[held] = x[held] @ weights + bias
    return logits


def fit_params(embedder: Embedder, items: Sequence[LabelledItem], labels_digest: str = "") -> TopicParams:
    """Weights fitted on all `items` (the dev split), threshold from their out-of-fold scores."""
    if not any(i.on_topic for i in items) or all(i.on_topic for i in items):
        raise ValueError("fitting the topic filter needs items of both labels")
    x = features(embedder, [(i.title, i.text) for i in items])
    gold = np.array([i.on_topic for i in items])
    y = gold.astype(np.float64)
    weights, bias = _logistic(x, y)
    oof = _out_of_fold(x, y)
    cut = _best_threshold(oof, gold)
    precision, recall = _precision_recall(oof >= cut, gold)
    return TopicParams(
        model=embedder.name,
        weights=tuple(float(w) for w in weights),
        bias=bias,
        threshold=float(1.0 / (1.0 + np.exp(-cut))),
        labels_sha256=labels_digest,
        features_sha256=feature_signature(),
        dev_precision=round(precision, 4),
        dev_recall=round(recall, 4),
    )


def fit_topic_filter(embedder: Embedder, path: Path = LABELS_PATH) -> TopicFilter:
    """A filter for `embedder` fitted on the dev split of the labelled set at `path`."""
    params = fit_params(embedder, load_labels(path, "dev"), labels_sha256(path))
    return TopicFilter(embedder, params)


def evaluate(topic_filter: TopicFilter, items: Sequence[LabelledItem]) -> Score:
    """Precision and recall of `topic_filter` on `items`."""
    scores = topic_filter.scores([(i.title, i.text) for i in items])
    predicted = scores >= topic_filter.threshold
    gold = np.array([i.on_topic for i in items], dtype=bool)
    precision, recall = _precision_recall(predicted, gold)
    wrong = tuple(i.id for i, p in zip(items, predicted, strict=True) if bool(p) != i.on_topic)
    return Score(len(items), precision, recall, wrong)
