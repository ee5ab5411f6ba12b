"""Latency of a full in-process answer (embed, search, compose) over the evaluation questions, with the ONNX
query encoder the index was built with (its int8 copy, which answers by default, and the float32 graph) and
with sentence-transformers, side by side in one run.

    python bench/latency.py [--mode hybrid] [--repeat 3] [--only onnx|onnx-fp32|st]

Uses the index in $TALENTBOT_DATA_DIR (`talentbot index build` first) and prints p50/p99/mean per stage in
ms (wall clock), and the process's CPU time per answer, which a busy machine inflates far less. The ONNX engine is measured first, before torch is imported (torch's idle threads would slow it), then
sentence-transformers' over the same index; the answers are compared too.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from answer.engine import Engine, EngineConfig
from answer.eval_set import DEFAULT_QUESTIONS, load_questions
from answer.metrics import percentile
from bot.settings import Settings
from index import onnx_store, store
from index.embedder import Embedder, SentenceTransformerEmbedder
from index.modes import SEARCH_MODES

STAGES = ("embed_ms", "search_ms", "compose_ms", "total_ms")
# The process's CPU time for a whole answer: what the wall-clock total would be on an idle machine.
CPU = "cpu_ms"
TITLE = {"onnx": "onnxruntime int8", "onnx-fp32": "onnxruntime fp32", "st": "sentence-transformers"}
# Issue 11's targets for a whole answer, embedding included.
TARGET_P50_MS = 5.0
TARGET_P99_MS = 10.0
WARM_UP = 10


def encoders(
    settings: Settings, data: store.IndexData, only: str | None
) -> dict[str, Callable[[], Embedder]]:
    """Each query encoder, loaded only when its turn comes: torch is not imported while ONNX is measured."""

    def onnx(precision: str) -> Callable[[], Embedder]:
        def load() -> Embedder:
            encoder = onnx_store.load_query_encoder(settings.index_dir, data.manifest, precision)
            if encoder is None:
                sys.exit("the index has no ONNX export: run `talentbot index build`")
            return encoder

        return load

    loaders: dict[str, Callable[[], Embedder]] = {
        "onnx": onnx("int8"),
        "onnx-fp32": onnx("fp32"),
        "st": SentenceTransformerEmbedder,
    }
    return {kind: load for kind, load in loaders.items() if only in (None, kind)}


def measure(engine: Engine, questions: list[str], mode: str, repeat: int) -> dict[str, Any]:
    timings: dict[str, list[float]] = {s: [] for s in (*STAGES, CPU)}
    answers: list[str] = []
    for q in questions[:WARM_UP]:
        engine.answer(q, mode=mode)
    for round_ in range(repeat):
        for q in questions:
            started = time.process_time()
            answer = engine.answer(q, mode=mode)
            timings[CPU].append((time.process_time() - started) * 1000)
            for stage in STAGES:
                timings[stage].append(answer.timings[stage])
            if round_ == 0:
                answers.append(answer.plain_text())
    return {"timings": timings, "answers": answers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mode", default="hybrid", choices=SEARCH_MODES)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=tuple(TITLE), help="measure one query encoder only")
    args = parser.parse_args()
    questions = [item.q for item in load_questions(DEFAULT_QUESTIONS)]
    settings = Settings.from_env()
    data = store.load(settings.index_dir)
    config = EngineConfig(mode=settings.search_mode)
    results = {
        kind: measure(Engine(data, load(), config), questions, args.mode, args.repeat)
        for kind, load in encoders(settings, data, args.only).items()
    }
    timings = {kind: result["timings"] for kind, result in results.items()}
    print(f"{len(questions)} questions x {args.repeat}, mode={args.mode}; ms")
    print(f"{'stage':<12}" + "".join(f"{TITLE[k] + ' p50/p99/mean':>40}" for k in timings))
    for stage in (*STAGES, CPU):
        cells = []
        for kind in timings:
            values = timings[kind][stage]
            cells.append(
                f"{percentile(values, 50):.2f} / {percentile(values, 99):.2f} / {statistics.mean(values):.2f}"
            )
        print(f"{stage:<12}" + "".join(f"{cell:>40}" for cell in cells))
    for kind, stages in timings.items():
        for stage in ("total_ms", CPU):
            p50, p99 = percentile(stages[stage], 50), percentile(stages[stage], 99)
            met = p50 <= TARGET_P50_MS and p99 <= TARGET_P99_MS
            print(
                f"{TITLE[kind]} {stage}: p50 {p50:.2f} ms (target <= {TARGET_P50_MS:g}), p99 {p99:.2f} ms "
                f"(target <= {TARGET_P99_MS:g}): {'met' if met else 'NOT met'}"
            )
    answers = {kind: result["answers"] for kind, result in results.items()}
    for kind in ("onnx", "onnx-fp32"):
        if kind in answers and "st" in answers:
            same = sum(a == b for a, b in zip(answers[kind], answers["st"], strict=True))
            print(f"same answer text from {TITLE[kind]} and sentence-transformers: {same}/{len(questions)}")


if __name__ == "__main__":
    main()
