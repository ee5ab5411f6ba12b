"""Latency of a full in-process answer (embed, search, compose) over the evaluation questions, with the ONNX
query encoder the index was built with and with sentence-transformers, side by side in one run.

    python bench/latency.py [--mode hybrid] [--repeat 3] [--only onnx|st]

Uses the index in $TALENTBOT_DATA_DIR (`talentbot index build` first) and prints p50/p99/mean per stage in
ms. Both engines answer the same questions in turns, so a busy machine slows both alike; the answers are
compared too.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from typing import Any

from answer.engine import Engine, EngineConfig
from answer.eval_set import DEFAULT_QUESTIONS, load_questions
from answer.metrics import percentile
from bot.settings import Settings
from index import onnx_store, store
from index.embedder import Embedder, SentenceTransformerEmbedder
from index.modes import SEARCH_MODES

STAGES = ("embed_ms", "search_ms", "compose_ms", "total_ms")
TITLE = {"onnx": "onnxruntime", "st": "sentence-transformers"}
# Issue 11's targets for a whole answer, embedding included.
TARGET_P50_MS = 5.0
TARGET_P99_MS = 10.0
WARM_UP = 10


def engines(settings: Settings, only: str | None) -> dict[str, Engine]:
    data = store.load(settings.index_dir)
    encoders: dict[str, Embedder] = {}
    if only in (None, "onnx"):
        onnx = onnx_store.load_query_encoder(settings.index_dir, data.manifest)
        if onnx is None:
            sys.exit("the index has no ONNX export: run `talentbot index build`")
        encoders["onnx"] = onnx
    if only in (None, "st"):
        encoders["st"] = SentenceTransformerEmbedder()
    config = EngineConfig(mode=settings.search_mode)
    return {kind: Engine(data, encoder, config) for kind, encoder in encoders.items()}


def measure(engines: dict[str, Engine], questions: list[str], mode: str, repeat: int) -> dict[str, Any]:
    timings: dict[str, dict[str, list[float]]] = {k: {s: [] for s in STAGES} for k in engines}
    answers: dict[str, list[str]] = {k: [] for k in engines}
    for q in questions[:WARM_UP]:
        for engine in engines.values():
            engine.answer(q, mode=mode)
    for round_ in range(repeat):
        for q in questions:
            for kind, engine in engines.items():
                answer = engine.answer(q, mode=mode)
                for stage in STAGES:
                    timings[kind][stage].append(answer.timings[stage])
                if round_ == 0:
                    answers[kind].append(answer.plain_text())
    return {"timings": timings, "answers": answers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mode", default="hybrid", choices=SEARCH_MODES)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=tuple(TITLE), help="measure one query encoder only")
    args = parser.parse_args()
    questions = [item.q for item in load_questions(DEFAULT_QUESTIONS)]
    result = measure(engines(Settings.from_env(), args.only), questions, args.mode, args.repeat)
    timings = result["timings"]
    print(f"{len(questions)} questions x {args.repeat}, mode={args.mode}; ms")
    print(f"{'stage':<12}" + "".join(f"{TITLE[k] + ' p50/p99/mean':>40}" for k in timings))
    for stage in STAGES:
        cells = []
        for kind in timings:
            values = timings[kind][stage]
            cells.append(
                f"{percentile(values, 50):.2f} / {percentile(values, 99):.2f} / {statistics.mean(values):.2f}"
            )
        print(f"{stage:<12}" + "".join(f"{cell:>40}" for cell in cells))
    for kind, stages in timings.items():
        p50, p99 = percentile(stages["total_ms"], 50), percentile(stages["total_ms"], 99)
        met = p50 <= TARGET_P50_MS and p99 <= TARGET_P99_MS
        print(
            f"{TITLE[kind]}: total p50 {p50:.2f} ms (target <= {TARGET_P50_MS:g}), p99 {p99:.2f} ms "
            f"(target <= {TARGET_P99_MS:g}): {'met' if met else 'NOT met'}"
        )
    answers = result["answers"]
    if len(answers) == 2:
        same = sum(a == b for a, b in zip(answers["onnx"], answers["st"], strict=True))
        print(f"same answer text from both encoders: {same}/{len(questions)}")


if __name__ == "__main__":
    main()
