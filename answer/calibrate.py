"""Fitting the "I don't know" thresholds and storing them in the index manifest: the one place that does it.

Run by `talentbot eval --calibrate` and `talentbot index build --calibrate`, never when an index is loaded or
rebuilt: a build on another corpus keeps the built-in thresholds (`answer.engine.DEFAULT_THRESHOLDS`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from answer.engine import Engine
from answer.evaluate import CalibrationReport, EvalItem, calibration_report
from index.embedder import MODEL_NAME
from index.search import SEARCH_MODES
from index.store import update_manifest


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
