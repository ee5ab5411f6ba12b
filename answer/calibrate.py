"""Fitting the "I don't know" thresholds and storing them in the index manifest: the one place that does it.

Run by `talentbot eval --calibrate` and `talentbot index build --calibrate`, never when an index is loaded or
rebuilt: a build on another corpus keeps the built-in thresholds (`answer.engine.DEFAULT_THRESHOLDS`).
The fit uses only standalone questions about the corpus (`EvalItem.calibrates`): follow-ups, questions about
the bot and questions in other languages are settled by other rules."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from answer.engine import Engine
from answer.eval_set import EvalItem
from answer.evaluate import embed, normalise, question_scope, relevance_score
from answer.kinds.unknown_name import UNKNOWN_NAME_MARGIN
from answer.metrics import MAX_WRONG_REFUSALS, ThresholdFit, fit_threshold, pct, rate, refusal_rates
from index.embedder import MODEL_NAME
from index.modes import SEARCH_MODES
from index.store import update_manifest

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
    (from the recorded moves or with an overview: a listing `Answer.kind`). Questions naming
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
            elif (kind := engine.answer(item.q, mode=mode).kind).listing:
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
    items = [i for i in items if i.calibrates]
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
    scores = relevance_scores(engine, [i for i in questions if i.calibrates], modes)
    return {
        mode: round(
            fit_threshold(
                split_scores(scores[mode], "dev", True), split_scores(scores[mode], "dev", False), max_wrong
            ).threshold,
            4,
        )
        for mode in modes
    }


def format_calibration(report: CalibrationReport) -> str:
    def pair(f: ThresholdFit | Refusals) -> str:
        return f"{pct(f.correct_refusals)} / {pct(f.wrong_refusals)}"

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


class CalibrationError(RuntimeError):
    """The evaluation set does not apply to this index (another model, or its gold articles missing)."""


def check_applies(engine: Engine, questions: Sequence[EvalItem]) -> None:
    """Thresholds fitted on the evaluation set mean something only for the real model and a corpus that holds
    every article the questions cite."""
    if engine.embedder.name != MODEL_NAME:
        raise CalibrationError(f"calibration needs the real model ({MODEL_NAME}), not {engine.embedder.name}")
    missing = sorted({a for item in questions for a in item.articles} - set(engine.data.articles))
    if missing:
        raise CalibrationError(
            f"the evaluation set cites {len(missing)} articles this corpus lacks (e.g. {missing[0]}): "
            "the built-in thresholds stay in force"
        )


def calibrate_and_store(
    engine: Engine, questions: Sequence[EvalItem], index_dir: Path, modes: Sequence[str] = SEARCH_MODES
) -> CalibrationReport:
    """Fit the thresholds on the dev split, write them into the current build's manifest and make `engine`
    use them."""
    check_applies(engine, questions)
    report = calibration_report(engine, questions, modes)
    record: dict[str, Any] = {
        "thresholds": report.thresholds,
        "fitted_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "corpus_hash": engine.data.manifest["corpus_hash"],
        "model": engine.embedder.name,
        "questions": len(questions),
    }
    engine.data.manifest = update_manifest(index_dir, {"calibration": record})
    engine.use_thresholds(report.thresholds)
    return report
