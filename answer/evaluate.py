"""Offline evaluation of the engine on hand-written questions (answer/data/questions.yaml).

Per retrieval mode it reports:

* retrieval quality, measured directly with `index.search.search` so every question has a ranking whatever
  kind of answer the engine gives: Recall@1, Recall@5 and MRR of the first gold article among the retrieved
  articles (deduplicated in rank order);
* answer quality, from `Engine.answer`: how often the answer cites a gold article, the key-term rate (share of
  answerable questions whose `plain_text()` contains all key terms), correct refusals on out-of-scope
  questions, wrong refusals on answerable ones, and p50/p95 latency;

and `calibrate` fits the threshold of the engine's relevance rule (`answer.engine.relevance` against
`EngineConfig.thresholds[mode]`) on the dev split and reports it on dev and test.

Run it with `talentbot eval` (the index must have been built; see `talentbot index build`).
"""

from __future__ import annotations

import copy
import itertools
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt
import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from answer.compose import Answer
from answer.engine import UNKNOWN_NAME_MARGIN, Engine
from answer.query import Question
from index.search import SEARCH_MODES, search

DEFAULT_QUESTIONS = Path(__file__).resolve().parent / "data" / "questions.yaml"
RETRIEVAL_K = 30  # passages asked for when ranking articles (at most `per_article` passages per article)
MAX_WRONG_REFUSALS = 0.05

# Answers that pass through the relevance rule; others (moves lists, overviews) are composed before it.
GOVERNED_KINDS = frozenset({"extractive", "refusal"})

Kind = Literal["fact", "why", "moves", "date", "casual", "typo", "out_of_scope"]
Split = Literal["dev", "test"]


# --------------------------------------------------------------------------------------------- questions


class EvalItem(BaseModel):
    """One evaluation question."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    q: str = Field(min_length=1)
    articles: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    kind: Kind
    split: Split = "dev"

    @property
    def answerable(self) -> bool:
        return self.kind != "out_of_scope"

    @model_validator(mode="after")
    def _consistent(self) -> EvalItem:
        if self.answerable and not self.articles:
            raise ValueError(f"{self.q!r}: an answerable question needs at least one gold article")
        if self.answerable and not 1 <= len(self.terms) <= 3:
            raise ValueError(f"{self.q!r}: an answerable question needs 1-3 key terms")
        if not self.answerable and (self.articles or self.terms):
            raise ValueError(f"{self.q!r}: an out_of_scope question has no gold articles or terms")
        return self


class QuestionSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    questions: list[EvalItem]


def load_questions(path: Path = DEFAULT_QUESTIONS) -> list[EvalItem]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return QuestionSet.model_validate(raw).questions


# ----------------------------------------------------------------------------------------------- metrics


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


# -------------------------------------------------------------------------------------- engine access


def normalise(engine: Engine, question: str) -> str:
    """The text the engine works on (whitespace collapsed, truncated and typos fixed as `Engine.answer` does)."""
    return engine.parse(question).text


def embed(engine: Engine, text: str) -> npt.NDArray[np.float32]:
    vector: npt.NDArray[np.float32] = np.asarray(engine.embedder.encode([text])[0], dtype=np.float32)
    return vector


def ranked_articles(engine: Engine, text: str, vector: npt.NDArray[np.float32], mode: str) -> list[str]:
    """Articles for a question in rank order, straight from the search (no filters, no boosts)."""
    hits = search(engine.data, vector, text, mode=mode, k=RETRIEVAL_K, params=engine.config.params)
    return dedupe(h.article_id for h in hits)


@dataclass(frozen=True)
class Scope:
    """How the engine's search is set up for one question."""

    question: Question
    allowed: set[str] | None
    unknown_names: bool


def question_scope(engine: Engine, text: str) -> Scope:
    """The engine's own reading of the question: its date pre-filter and any names unknown to the corpus."""
    q = engine.parse(text)
    return Scope(q, engine.search_scope(q), bool(q.unknown_names))


def relevance_score(
    engine: Engine, text: str, vector: npt.NDArray[np.float32], mode: str, scope: Scope | None = None
) -> float:
    """The score the engine's relevance rule compares with `config.thresholds[mode]` for this question
    (0.0 when the question's date range holds no articles: the search then finds nothing)."""
    scope = scope or question_scope(engine, text)
    if scope.allowed is not None and not scope.allowed:
        return 0.0
    return engine.retrieve(scope.question, vector, mode, scope.allowed).score


# ------------------------------------------------------------------------------------------- running


@dataclass(frozen=True)
class QuestionResult:
    item: EvalItem
    mode: str
    retrieval_rank: int | None  # first gold article in the direct search ranking
    answer_rank: int | None  # first gold article among the answer's passages (extractive) or sources
    answered: bool
    answer_kind: str
    terms_ok: bool
    total_ms: float
    text: str

    @property
    def failure(self) -> str | None:
        """Why this result counts as a failure of the answer, or None."""
        if not self.item.answerable:
            return "answered out-of-scope question" if self.answered else None
        if not self.answered:
            return "wrong refusal"
        if not self.terms_ok:
            return "missing key terms"
        return None


@dataclass(frozen=True)
class ModeReport:
    mode: str
    results: tuple[QuestionResult, ...]

    def _answerable(self) -> list[QuestionResult]:
        return [r for r in self.results if r.item.answerable]

    def _out_of_scope(self) -> list[QuestionResult]:
        return [r for r in self.results if not r.item.answerable]

    @property
    def recall_at_1(self) -> float:
        return recall_at_k([r.retrieval_rank for r in self._answerable()], 1)

    @property
    def recall_at_5(self) -> float:
        return recall_at_k([r.retrieval_rank for r in self._answerable()], 5)

    @property
    def mrr(self) -> float:
        return mean_reciprocal_rank([r.retrieval_rank for r in self._answerable()])

    @property
    def answer_recall_at_5(self) -> float:
        """Gold article among the first five articles the answer itself used (passages or sources)."""
        return recall_at_k([r.answer_rank for r in self._answerable()], 5)

    @property
    def key_term_rate(self) -> float:
        return rate([r.terms_ok for r in self._answerable()])

    @property
    def correct_refusals(self) -> float:
        return rate([not r.answered for r in self._out_of_scope()])

    @property
    def wrong_refusals(self) -> float:
        return rate([not r.answered for r in self._answerable()])

    @property
    def p50_ms(self) -> float:
        return percentile([r.total_ms for r in self.results], 50)

    @property
    def p95_ms(self) -> float:
        return percentile([r.total_ms for r in self.results], 95)

    def failures(self) -> list[QuestionResult]:
        return [r for r in self.results if r.failure is not None]


@dataclass(frozen=True)
class EvalReport:
    modes: tuple[ModeReport, ...]
    n_answerable: int
    n_out_of_scope: int
    thresholds: dict[str, float] = field(default_factory=dict)

    def mode(self, name: str) -> ModeReport:
        for m in self.modes:
            if m.mode == name:
                return m
        raise KeyError(name)


def answer_ranking(answer: Answer) -> list[str]:
    """Articles an answer used, in order: its passages for extractive answers, else its sources."""
    if answer.passages:
        return dedupe(p[0] for p in answer.passages)
    return dedupe(s.article_id for s in answer.sources)


def evaluate_question(
    engine: Engine, item: EvalItem, modes: Sequence[str], vector: npt.NDArray[np.float32] | None = None
) -> list[QuestionResult]:
    text = normalise(engine, item.q)
    if vector is None:
        vector = embed(engine, text)
    results = []
    for mode in modes:
        ranking = ranked_articles(engine, text, vector, mode)
        started = time.perf_counter()
        answer = engine.answer(item.q, mode=mode)
        elapsed = (time.perf_counter() - started) * 1000
        plain = answer.plain_text()
        results.append(
            QuestionResult(
                item=item,
                mode=mode,
                retrieval_rank=first_gold_rank(ranking, item.articles),
                answer_rank=first_gold_rank(answer_ranking(answer), item.articles),
                answered=answer.answered,
                answer_kind=answer.kind,
                terms_ok=item.answerable and has_terms(plain, item.terms),
                total_ms=answer.timings.get("total_ms", elapsed),
                text=plain,
            )
        )
    return results


def run_eval(engine: Engine, items: Sequence[EvalItem], modes: Sequence[str] = SEARCH_MODES) -> EvalReport:
    """Every question through the search (embedded once) and `engine.answer`, in each mode."""
    per_mode: dict[str, list[QuestionResult]] = {m: [] for m in modes}
    for item in items:
        for result in evaluate_question(engine, item, modes):
            per_mode[result.mode].append(result)
    return EvalReport(
        modes=tuple(ModeReport(m, tuple(per_mode[m])) for m in modes),
        n_answerable=sum(1 for i in items if i.answerable),
        n_out_of_scope=sum(1 for i in items if not i.answerable),
        thresholds={m: engine.config.thresholds.get(m, 0.0) for m in modes},
    )


# ------------------------------------------------------------------------------------------ calibration


@dataclass(frozen=True)
class ScoredQuestion:
    """A question's relevance score in one mode, and whether the relevance rule decides its fate."""

    item: EvalItem
    score: float  # relevance(search(...), mode), as the engine computes it
    effective: float  # score minus the engine's margin for unknown names (refused when effective < t)
    excluded: str  # why the threshold cannot change the outcome ("" when it can)


@dataclass(frozen=True)
class Refusals:
    """End-to-end refusal rates of `Engine.answer` on one split."""

    correct_refusals: float
    wrong_refusals: float


@dataclass(frozen=True)
class ModeCalibration:
    mode: str
    current: float  # the engine's threshold before fitting
    dev: ThresholdFit  # relevance rule on the dev questions it governs, at the fitted threshold
    test: ThresholdFit  # the same on test
    test_at_current: ThresholdFit  # test at the engine's current threshold
    fit_all: ThresholdFit  # the fit over every dev question, including those decided by other rules
    end_to_end: dict[str, Refusals]  # "dev"/"test": Engine.answer with the fitted threshold
    end_to_end_current: dict[str, Refusals]  # the same with the current threshold
    governed: dict[str, tuple[int, int]]  # split -> (answerable, out-of-scope) questions in the fit


@dataclass(frozen=True)
class CalibrationReport:
    modes: tuple[ModeCalibration, ...]
    scores: dict[str, list[ScoredQuestion]]

    @property
    def thresholds(self) -> dict[str, float]:
        return {m.mode: round(m.dev.threshold, 4) for m in self.modes}


def relevance_scores(
    engine: Engine, items: Sequence[EvalItem], modes: Sequence[str] = SEARCH_MODES
) -> dict[str, list[ScoredQuestion]]:
    """Every question's relevance score per mode (embedded once per question).

    A question is excluded from fitting when another rule settles it before the relevance rule: its date
    range holds no articles (refused whatever the threshold), or the engine answers it before searching
    (from the recorded moves or with an overview: `Answer.kind` not in `GOVERNED_KINDS`). Questions naming
    something unknown to the corpus are refused below `threshold + UNKNOWN_NAME_MARGIN`, so their effective
    score is lowered by that margin."""
    scores: dict[str, list[ScoredQuestion]] = {m: [] for m in modes}
    for item in items:
        text = normalise(engine, item.q)
        vector = embed(engine, text)
        scope = question_scope(engine, text)
        for mode in modes:
            score = relevance_score(engine, text, vector, mode, scope)
            excluded = ""
            if scope.allowed is not None and not scope.allowed:
                excluded = "date range with no articles"
            elif (kind := engine.answer(item.q, mode=mode).kind) not in GOVERNED_KINDS:
                excluded = f"answered before the search ({kind})"
            effective = score - UNKNOWN_NAME_MARGIN if scope.unknown_names else score
            scores[mode].append(ScoredQuestion(item, score, effective, excluded))
    return scores


def _end_to_end(
    engine: Engine, items: Sequence[EvalItem], mode: str, threshold: float
) -> dict[str, Refusals]:
    tuned = copy.copy(engine)
    tuned.config = replace(engine.config, thresholds={**engine.config.thresholds, mode: threshold})
    refused = {item.q: not tuned.answer(item.q, mode=mode).answered for item in items}
    result = {}
    for name in ("dev", "test"):
        part = [i for i in items if i.split == name]
        result[name] = Refusals(
            rate([refused[i.q] for i in part if not i.answerable]),
            rate([refused[i.q] for i in part if i.answerable]),
        )
    return result


def calibration_report(
    engine: Engine,
    items: Sequence[EvalItem],
    modes: Sequence[str] = SEARCH_MODES,
    max_wrong: float = MAX_WRONG_REFUSALS,
) -> CalibrationReport:
    """Fit each mode's relevance threshold on the dev split; report it on dev and test."""
    scores = relevance_scores(engine, items, modes)
    fitted = []
    for mode in modes:

        def part(name: str, answerable: bool, governed: bool = True, mode: str = mode) -> list[float]:
            return split_scores(scores[mode], name, answerable, governed)

        dev = fit_threshold(part("dev", True), part("dev", False), max_wrong)
        current = engine.config.thresholds.get(mode, 0.0)
        fitted.append(
            ModeCalibration(
                mode=mode,
                current=current,
                dev=dev,
                test=refusal_rates(part("test", True), part("test", False), dev.threshold),
                test_at_current=refusal_rates(part("test", True), part("test", False), current),
                fit_all=fit_threshold(part("dev", True, False), part("dev", False, False), max_wrong),
                end_to_end=_end_to_end(engine, items, mode, dev.threshold),
                end_to_end_current=_end_to_end(engine, items, mode, current),
                governed={n: (len(part(n, True)), len(part(n, False))) for n in ("dev", "test")},
            )
        )
    return CalibrationReport(tuple(fitted), scores)


def split_scores(
    scored: Sequence[ScoredQuestion], split: str, answerable: bool, governed: bool = True
) -> list[float]:
    """Effective relevance scores of one split's answerable (or out-of-scope) questions; `governed` keeps only
    the questions the relevance rule decides."""
    return [
        s.effective
        for s in scored
        if s.item.split == split and s.item.answerable == answerable and (not governed or not s.excluded)
    ]


def calibrate(
    engine: Engine,
    questions: Sequence[EvalItem],
    modes: Sequence[str] = SEARCH_MODES,
    max_wrong: float = MAX_WRONG_REFUSALS,
) -> dict[str, float]:
    """Relevance thresholds per mode, fitted on the dev split (`calibration_report` also gives the figures)."""
    scores = relevance_scores(engine, questions, modes)
    return {
        mode: round(
            fit_threshold(
                split_scores(scores[mode], "dev", True), split_scores(scores[mode], "dev", False), max_wrong
            ).threshold,
            4,
        )
        for mode in modes
    }


# ------------------------------------------------------------------------------------------- output


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def format_table(report: EvalReport) -> str:
    """A Markdown table, one row per mode."""
    header = (
        "| mode | R@1 | R@5 | MRR | answer cites gold (top 5) | key terms | correct refusals (OOS) "
        "| wrong refusals | p50 ms | p95 ms |"
    )
    lines = [header, "|" + "---|" * 10]
    for m in report.modes:
        lines.append(
            f"| {m.mode} | {_pct(m.recall_at_1)} | {_pct(m.recall_at_5)} | {m.mrr:.3f} | "
            f"{_pct(m.answer_recall_at_5)} | {_pct(m.key_term_rate)} | {_pct(m.correct_refusals)} | "
            f"{_pct(m.wrong_refusals)} | {m.p50_ms:.0f} | {m.p95_ms:.0f} |"
        )
    lines.append("")
    lines.append(
        f"{report.n_answerable} answerable and {report.n_out_of_scope} out-of-scope questions; "
        "R@k/MRR from a direct search; key terms, refusals and latency from `Engine.answer`."
    )
    return "\n".join(lines)


def format_calibration(report: CalibrationReport) -> str:
    def pair(f: ThresholdFit | Refusals) -> str:
        return f"{_pct(f.correct_refusals)} / {_pct(f.wrong_refusals)}"

    lines = [
        "Relevance rule alone, on the questions it governs (correct refusals of out-of-scope / wrong refusals "
        "of answerable):",
        "",
        "| mode | current | fitted on dev | questions in fit dev, test (ans+oos) | dev | test | test at current "
        "| fit over all dev questions |",
        "|" + "---|" * 8,
    ]
    for m in report.modes:
        (da, do), (ta, to) = m.governed["dev"], m.governed["test"]
        lines.append(
            f"| {m.mode} | {m.current:.4g} | {m.dev.threshold:.4g} | {da}+{do}, {ta}+{to} | {pair(m.dev)} | "
            f"{pair(m.test)} | {pair(m.test_at_current)} | {m.fit_all.threshold:.4g} ({pair(m.fit_all)}) |"
        )
    lines += [
        "",
        "End to end (`Engine.answer`, every rule), correct refusals / wrong refusals:",
        "",
        "| mode | dev, current | dev, fitted | test, current | test, fitted |",
        "|" + "---|" * 5,
    ]
    for m in report.modes:
        lines.append(
            f"| {m.mode} | {pair(m.end_to_end_current['dev'])} | {pair(m.end_to_end['dev'])} | "
            f"{pair(m.end_to_end_current['test'])} | {pair(m.end_to_end['test'])} |"
        )
    return "\n".join(lines)


def format_failures(report: EvalReport, mode: str | None = None, width: int = 160) -> str:
    lines = []
    for m in report.modes:
        if mode is not None and m.mode != mode:
            continue
        lines.append(f"## {m.mode}: {len(m.failures())} failures")
        for r in m.failures():
            snippet = " ".join(r.text.split("\n\nSources:")[0].split())
            snippet = snippet if len(snippet) <= width else snippet[: width - 1] + "…"
            terms = f" terms={list(r.item.terms)}" if r.item.terms else ""
            lines.append(f"- [{r.failure}] ({r.item.kind}) {r.item.q!r}{terms} -> {r.answer_kind}: {snippet}")
    return "\n".join(lines)
