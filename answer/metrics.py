"""Retrieval and refusal metrics, and fitting a refusal threshold between two sets of scores."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

# ----------------------------------------------------------------------------------------------- metrics


# The calibration may wrongly refuse at most this share of answerable questions of the dev split.
MAX_WRONG_REFUSALS = 0.05


def dedupe(ids: Iterable[str]) -> list[str]:
    """Article ids in order of first appearance."""
    seen: set[str] = set()
    result = []
    for i in ids:
        if i not in seen:
            seen.add(i)
            result.append(i)
    return result


def first_gold_rank(ranked: Sequence[str], gold: Collection[str]) -> int | None:
    """1-based rank of the first gold article in `ranked` (deduplicated first), None when absent."""
    for rank, article_id in enumerate(dedupe(ranked), start=1):
        if article_id in gold:
            return rank
    return None


def recall_at_k(ranks: Sequence[int | None], k: int) -> float:
    """Share of questions whose first gold article is ranked within the top k."""
    if not ranks:
        return 0.0
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def mean_reciprocal_rank(ranks: Sequence[int | None]) -> float:
    if not ranks:
        return 0.0
    return sum(1.0 / r for r in ranks if r is not None) / len(ranks)


def has_terms(text: str, terms: Iterable[str]) -> bool:
    """True when `text` contains every term, ignoring case and runs of whitespace."""
    haystack = " ".join(text.lower().split())
    return all(" ".join(t.lower().split()) in haystack for t in terms)


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolation percentile (q in 0-100); 0.0 for no values."""
    if not values:
        return 0.0
    return float(np.percentile(np.asarray(values, dtype=np.float64), q))


def rate(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


# ----------------------------------------------------------------------------------------- thresholds


@dataclass(frozen=True)
class ThresholdFit:
    threshold: float
    correct_refusals: float  # share of out-of-scope scores below the threshold
    wrong_refusals: float  # share of answerable scores below the threshold


def refusal_rates(
    answerable: Sequence[float], out_of_scope: Sequence[float], threshold: float
) -> ThresholdFit:
    """What the relevance rule (refuse when score < threshold) does to two groups of scores."""
    return ThresholdFit(
        threshold,
        rate([s < threshold for s in out_of_scope]),
        rate([s < threshold for s in answerable]),
    )


def fit_threshold(
    answerable: Sequence[float], out_of_scope: Sequence[float], max_wrong: float = MAX_WRONG_REFUSALS
) -> ThresholdFit:
    """The threshold that refuses the most out-of-scope scores while refusing at most `max_wrong` of the
    answerable ones (fewer wrong refusals break ties). Every threshold inside the gap between two adjacent
    scores refuses the same questions, so the midpoint of the chosen gap is returned."""
    scores = sorted(set(answerable) | set(out_of_scope))
    if not scores:
        return ThresholdFit(0.0, 0.0, 0.0)
    spread = (scores[-1] - scores[0]) or 1.0
    # Candidate thresholds: below every score, the midpoint of every gap, above every score.
    candidates = [scores[0] - 0.05 * spread]
    candidates += [(a + b) / 2 for a, b in itertools.pairwise(scores)]
    candidates.append(scores[-1] + 0.05 * spread)
    best: ThresholdFit | None = None
    for t in candidates:
        fit = refusal_rates(answerable, out_of_scope, t)
        if fit.wrong_refusals > max_wrong + 1e-12:
            continue
        if best is None or (fit.correct_refusals, -fit.wrong_refusals) > (
            best.correct_refusals,
            -best.wrong_refusals,
        ):
            best = fit
    assert best is not None  # the lowest candidate refuses nothing, so it always qualifies
    return best
