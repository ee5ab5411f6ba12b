"""How the engine answers: retrieval mode, passages per search, the calibrated relevance thresholds."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.search import SearchParams

# Fitted by `talentbot eval --calibrate` on the shipped corpus (corpus hash b8873c13d6a4b317) and its eval set;
# an index whose manifest holds its own fitted values uses those instead.
DEFAULT_THRESHOLDS = {"hybrid": 0.3209, "dense": 0.3309, "bm25": 2.521}
# Passages retrieved per question: enough for 3-4 answer sentences from 2-3 articles.
PASSAGES_PER_QUESTION = 6


@dataclass(frozen=True)
class EngineConfig:
    mode: str = "hybrid"
    k: int = PASSAGES_PER_QUESTION
    params: SearchParams = field(default_factory=SearchParams)
    thresholds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
