"""Cold start and memory of TalentBot's ONNX query path, side by side with sentence-transformers', in one run.

    python bench/startup.py [--runs 5] [--sections encoder,cli,serve] [--threads 1]

Measures the index in $TALENTBOT_DATA_DIR (`talentbot index build` first) and its ONNX export:

  encoder  a fresh process imports and loads the query encoder, embeds one question, then every evaluation
           question one at a time: load time, encode p50/p99, peak RSS, whether torch got imported.
  cli      `talentbot --help`, `talentbot corpus check`, and `talentbot ask` with each encoder: wall time of
           the whole process and its peak RSS.
  serve    `talentbot serve` against a local fake Bot API (tests/fake_telegram): time until it first polls,
           then one question answered, then idle for a while: peak RSS.

The sentence-transformers path is the same CLI with the index's ONNX export hidden from it. Each figure is the
best and the median of --runs processes, the two paths in turns: the machine may be shared, so a busy
neighbour slows both alike and the best run is the closest to an idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

KINDS = ("onnx", "st")
HEAVY_MODULES = ("torch", "transformers", "sentence_transformers")
TITLE = {"onnx": "onnxruntime", "st": "sentence-transformers"}
SECTIONS = ("encoder", "cli", "serve")
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
REPO = Path(__file__).resolve().parents[1]
QUESTION = "Who did Moonshot AI hire?"
# Issue 11's targets on a 2-core machine.
TARGET_ASK_S = 1.5
TARGET_RSS_MB = 300.0
# How long `serve` idles after answering before its memory is read.
IDLE_S = 3.0
CHAT = 4242
# The CLI, in a process of its own, which writes its peak RSS (VmHWM) to the file named by $BENCH_RSS_FILE
# on its way out; with "st" the index's ONNX export is hidden, so sentence-transformers embeds the questions
# as it did before the export existed.
CLI_CHILD = (
    "import os, sys\n"
    "if sys.argv[1] == 'st':\n"
    "    from index import onnx_store\n"
    "    onnx_store.load_query_encoder = lambda *args, **kwargs: None\n"
    "try:\n"
    "    from bot.cli import app\n"
    "    app(sys.argv[2:], prog_name='talentbot')\n"
    "finally:\n"
    "    status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
    "    open(os.environ['BENCH_RSS_FILE'], 'w').write(status)\n"
)


def environment() -> dict[str, str]:
    return os.environ | OFFLINE | {"PYTHONPATH": str(REPO)}


# ------------------------------------------------------------------------------------------------ encoder


def encoder_child(kind: str, export: dict[str, str], threads: int) -> None:
    """Runs in the measured process: imports are timed, so they happen here."""
    questions: list[str] = json.loads(sys.stdin.read())
    start = time.perf_counter()
    if kind == "onnx":
        from index.onnx_encoder import OnnxEmbedder

        embedder: Any = OnnxEmbedder(
            Path(export["path"]), export["sha256"], threads=threads, data_sha256=export["data_sha256"]
        )
    else:
        from index.embedder import SentenceTransformerEmbedder

        embedder = SentenceTransformerEmbedder()
    loaded = time.perf_counter()
    embedder.encode([questions[0]])
    first = time.perf_counter()
    latencies = []
    for question in questions:
        t0 = time.perf_counter()
        embedder.encode([question])
        latencies.append((time.perf_counter() - t0) * 1000)
    report = {
        "load_s": loaded - start,
        "first_ms": (first - loaded) * 1000,
        "latencies_ms": latencies,
        "peak_rss_mb": proc_status_mb(os.getpid(), "VmHWM"),
        "heavy_loaded": [name for name in HEAVY_MODULES if name in sys.modules],
    }
    print(json.dumps(report))


def encoder_section(export: dict[str, str], questions: list[str], runs: int, threads: int) -> None:
    from answer.metrics import percentile

    reports: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    for _ in range(runs):
        for kind in KINDS:
            command = [sys.executable, __file__, "--child", kind, "--export", json.dumps(export)]
            done = subprocess.run(
                [*command, "--threads", str(threads)],
                input=json.dumps(questions),
                capture_output=True,
                text=True,
                check=True,
                env=environment(),
            )
            reports[kind].append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"\nQuery encoder alone, {runs} fresh processes each; {len(questions)} questions one at a time")
    rows: list[tuple[str, Callable[[dict[str, Any]], float]]] = [
        ("import + load (s)", lambda r: float(r["load_s"])),
        ("first encode (ms)", lambda r: float(r["first_ms"])),
        ("encode p50 (ms)", lambda r: percentile(r["latencies_ms"], 50)),
        ("encode p99 (ms)", lambda r: percentile(r["latencies_ms"], 99)),
        ("peak RSS (MB)", lambda r: float(r["peak_rss_mb"])),
    ]
    header()
    for label, value in rows:
        row(label, {kind: [value(r) for r in reports[kind]] for kind in KINDS})
    heavy = {kind: "yes" if any(r["heavy_loaded"] for r in reports[kind]) else "no" for kind in KINDS}
    print(f"{'torch imported':<26}" + "".join(f"{heavy[k]:>30}" for k in KINDS))


# ---------------------------------------------------------------------------------------------------- cli


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one CLI_CHILD process run to its end.

    The peak is the process's own VmHWM: getrusage's ru_maxrss would also count this process's memory,
    which Linux carries into the child across fork and exec."""
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile() as rss:
        start = time.perf_counter()
        done = subprocess.run(
            command, env=env | {"BENCH_RSS_FILE": rss.name}, stdin=subprocess.DEVNULL, stdout=out, stderr=out
        )
        wall = time.perf_counter() - start
        if done.returncode:
            out.seek(0)
            sys.exit(f"{' '.join(command)} failed:\n{out.read().decode(errors='replace')}")
        return wall, int(Path(rss.name).read_text()) / 1024


def cli_section(runs: int) -> None:
    env = environment()
    plain = {
        "talentbot --help": ["--help"],
        "talentbot corpus check": ["corpus", "check"],
    }
    figures: dict[str, dict[str, list[tuple[float, float]]]] = {label: {"onnx": []} for label in plain}
    figures["talentbot ask"] = {kind: [] for kind in KINDS}
    for _ in range(runs):
        for label, args in plain.items():
            figures[label]["onnx"].append(timed([sys.executable, "-c", CLI_CHILD, "onnx", *args], env))
        for kind in KINDS:
            command = [sys.executable, "-c", CLI_CHILD, kind, "ask", QUESTION]
            figures["talentbot ask"][kind].append(timed(command, env))
    print(f"\nCLI from a cold process, {runs} runs each: best / median")
    header()
    for label, by_kind in figures.items():
        row(f"{label} wall (s)", {k: [wall for wall, _ in runs_] for k, runs_ in by_kind.items()})
        row(f"{label} RSS (MB)", {k: [rss for _, rss in runs_] for k, runs_ in by_kind.items()})
    best_ask = min(wall for wall, _ in figures["talentbot ask"]["onnx"])
    worst_rss = max(rss for _, rss in figures["talentbot ask"]["onnx"])
    print(
        f"ask with ONNX: best wall {best_ask:.2f} s (target <= {TARGET_ASK_S:g}), peak RSS {worst_rss:.0f} MB "
        f"(target <= {TARGET_RSS_MB:g})"
    )


# -------------------------------------------------------------------------------------------------- serve


def serve_once(kind: str) -> tuple[float, float]:
    """Seconds until `serve` first polls, and its peak RSS (MB) after one answer and IDLE_S of idling."""
    from tests.fake_telegram import TOKEN, FakeTelegram

    with FakeTelegram() as tg:
        env = environment() | {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": tg.base_url}
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", CLI_CHILD, kind, "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            tg.wait_for(lambda: tg.calls("getUpdates"), timeout=300)
            ready = time.perf_counter() - start
            tg.send_user_message(CHAT, QUESTION)
            tg.wait_for_messages(CHAT, count=1, timeout=120)
            time.sleep(IDLE_S)
            peak = proc_status_mb(proc.pid, "VmHWM")
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    return ready, peak


def proc_status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for process {pid}")


def serve_section(runs: int) -> None:
    figures: dict[str, list[tuple[float, float]]] = {kind: [] for kind in KINDS}
    for _ in range(runs):
        for kind in KINDS:
            figures[kind].append(serve_once(kind))
    print(f"\n`talentbot serve` against a local fake Bot API, {runs} runs each: best / median")
    header()
    row("until it polls (s)", {k: [ready for ready, _ in f] for k, f in figures.items()})
    row("peak RSS, idle (MB)", {k: [peak for _, peak in f] for k, f in figures.items()})
    worst = max(peak for _, peak in figures["onnx"])
    print(f"serve with ONNX: highest peak RSS {worst:.0f} MB (target <= {TARGET_RSS_MB:g})")


# ------------------------------------------------------------------------------------------------ output


def header() -> None:
    print(f"{'':<34}" + "".join(f"{TITLE[k]:>26}" for k in KINDS))


def row(label: str, values: dict[str, list[float]]) -> None:
    cells = [
        f"{min(values[k]):.2f} / {statistics.median(values[k]):.2f}" if k in values else "-" for k in KINDS
    ]
    print(f"{label:<34}" + "".join(f"{cell:>26}" for cell in cells))


def index_export() -> dict[str, str]:
    """The ONNX export the index in $TALENTBOT_DATA_DIR records, with absolute paths."""
    from bot.settings import Settings
    from index import onnx_store, store

    settings = Settings.from_env()
    entry = onnx_store.read_entry(store.read_manifest(settings.index_dir))
    if entry is None:
        sys.exit(f"no ONNX export recorded in {settings.index_dir}: run `talentbot index build` first")
    path = onnx_store.graph_path(settings.index_dir, entry).resolve()
    return {"path": str(path), "sha256": entry.sha256, "data_sha256": entry.data_sha256}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--sections", default=",".join(SECTIONS), help="comma-separated: " + ", ".join(SECTIONS)
    )
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime intra-op threads")
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--export", default="{}", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        encoder_child(args.child, json.loads(args.export), args.threads)
        return
    from answer.eval_set import DEFAULT_QUESTIONS, load_questions

    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    export = index_export()
    print(
        f"host: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start; onnxruntime threads={args.threads}"
    )
    if "encoder" in sections:
        questions = [item.q for item in load_questions(DEFAULT_QUESTIONS)]
        encoder_section(export, questions, args.runs, args.threads)
    if "cli" in sections:
        cli_section(args.runs)
    if "serve" in sections:
        serve_section(args.runs)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
