"""Start-up cost of the query encoder: ONNX Runtime vs sentence-transformers, each in a fresh process.

    python bench/startup.py [--onnx PATH] [--threads 1] [--repeat 2] [--only onnx|st]

For each path a child process imports and loads the encoder, encodes one question, then every evaluation
question one at a time; it reports those times and its peak RSS. The ONNX graph is exported to PATH first
if it is missing (default: a file in the system temp directory).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

KINDS = ("onnx", "st")
HEAVY_MODULES = ("torch", "transformers", "sentence_transformers")
TITLE = {"onnx": "onnxruntime", "st": "sentence-transformers"}
WIDTH = {"onnx": 16, "st": 24}
DEFAULT_ONNX = Path(tempfile.gettempdir()) / "talentbot-bench" / "all-MiniLM-L6-v2.onnx"
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def child(kind: str, onnx: Path, sha: str, threads: int, repeat: int) -> None:
    """Runs in the measured process: imports are timed, so they happen here."""
    import resource

    questions: list[str] = json.loads(sys.stdin.read())
    start = time.perf_counter()
    if kind == "onnx":
        from index.onnx_encoder import OnnxEmbedder

        embedder: object = OnnxEmbedder(onnx, sha, threads=threads)
    else:
        from index.embedder import SentenceTransformerEmbedder

        embedder = SentenceTransformerEmbedder()
    loaded = time.perf_counter()
    encode = embedder.encode  # type: ignore[attr-defined]
    encode([questions[0]])
    first = time.perf_counter()
    latencies = []
    for _ in range(repeat):
        for question in questions:
            t0 = time.perf_counter()
            encode([question])
            latencies.append((time.perf_counter() - t0) * 1000)
    report = {
        "load_s": loaded - start,
        "first_ms": (first - loaded) * 1000,
        "latencies_ms": latencies,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "heavy_loaded": [name for name in HEAVY_MODULES if name in sys.modules],
    }
    print(json.dumps(report))


def run_child(kind: str, args: argparse.Namespace, sha: str, questions: list[str]) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", kind, "--onnx", str(args.onnx), "--sha", sha]
    command += ["--threads", str(args.threads), "--repeat", str(args.repeat)]
    started = time.perf_counter()
    done = subprocess.run(
        command,
        input=json.dumps(questions),
        capture_output=True,
        text=True,
        check=True,
        env=os.environ | OFFLINE,
    )
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    report["process_s"] = time.perf_counter() - started
    return report


def ensure_onnx(path: Path, questions: list[str]) -> str:
    """The graph's SHA-256, exporting it first (in a child, so this process never imports torch)."""
    from index.embedder import sha256_file

    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        code = (
            "import json, sys; from pathlib import Path; from index.onnx_export import export_onnx; "
            "print(export_onnx(Path(sys.argv[1]), json.loads(sys.stdin.read())))"
        )
        subprocess.run(
            [sys.executable, "-c", code, str(path)],
            input=json.dumps(questions),
            text=True,
            check=True,
            capture_output=True,
            env=os.environ | OFFLINE,
        )
    return sha256_file(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--onnx", type=Path, default=DEFAULT_ONNX)
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime intra-op threads")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", choices=KINDS, help="measure one path only")
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--sha", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.onnx, args.sha, args.threads, args.repeat)
        return
    from answer.evaluate import DEFAULT_QUESTIONS, load_questions, percentile

    questions = [item.q for item in load_questions(DEFAULT_QUESTIONS)]
    sha = ensure_onnx(args.onnx, questions)
    reports = {kind: run_child(kind, args, sha, questions) for kind in KINDS if args.only in (None, kind)}
    print(f"{len(questions)} questions x {args.repeat}, one per encode; onnxruntime threads={args.threads}")
    print(f"{'':<28}" + "".join(f"{TITLE[k]:>{WIDTH[k]}}" for k in reports))
    rows = [
        ("process wall (s)", lambda r: float(r["process_s"])),
        ("import + load (s)", lambda r: float(r["load_s"])),
        ("first encode (ms)", lambda r: float(r["first_ms"])),
        ("encode p50 (ms)", lambda r: percentile(r["latencies_ms"], 50)),
        ("encode p99 (ms)", lambda r: percentile(r["latencies_ms"], 99)),
        ("peak RSS (MB)", lambda r: float(r["peak_rss_mb"])),
    ]
    for label, value in rows:
        print(f"{label:<28}" + "".join(f"{value(reports[k]):>{WIDTH[k]}.2f}" for k in reports))
    heavy = "".join(f"{'yes' if reports[k]['heavy_loaded'] else 'no':>{WIDTH[k]}}" for k in reports)
    print(f"{'torch/transformers loaded':<28}{heavy}")


if __name__ == "__main__":
    main()
