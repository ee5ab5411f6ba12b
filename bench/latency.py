"""Latency of a full in-process answer (embed, search, compose) over the evaluation questions.

    python bench/latency.py [--mode hybrid] [--repeat 3]

Uses the index in $TALENTBOT_DATA_DIR (built first if missing) and prints p50/p99 per stage in ms.
"""

from __future__ import annotations

import argparse
import statistics

from answer.eval_set import DEFAULT_QUESTIONS, load_questions
from answer.metrics import percentile
from bot.runtime import load_engine
from bot.settings import Settings
from index.modes import SEARCH_MODES

STAGES = ("embed_ms", "search_ms", "compose_ms", "total_ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mode", default="hybrid", choices=SEARCH_MODES)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    engine = load_engine(Settings.from_env())
    questions = [item.q for item in load_questions(DEFAULT_QUESTIONS)]
    for q in questions[:10]:  # warm-up
        engine.answer(q, mode=args.mode)
    timings: dict[str, list[float]] = {s: [] for s in STAGES}
    for _ in range(args.repeat):
        for q in questions:
            answer = engine.answer(q, mode=args.mode)
            for stage in STAGES:
                timings[stage].append(answer.timings[stage])
    print(f"{len(questions)} questions x {args.repeat}, mode={args.mode}")
    print(f"{'stage':<12}{'p50 ms':>10}{'p99 ms':>10}{'mean ms':>10}")
    for stage in STAGES:
        values = timings[stage]
        print(
            f"{stage:<12}{percentile(values, 50):>10.2f}{percentile(values, 99):>10.2f}{statistics.mean(values):>10.2f}"
        )
    p50 = percentile(timings["total_ms"], 50)
    print(f"target p50 <= 20 ms: {'met' if p50 <= 20 else 'NOT met'} ({p50:.2f} ms)")


if __name__ == "__main__":
    main()
