"""TalentBot side by side with what a user would pick instead: LangChain's FAISS store and txtai (hybrid).

    pip install -e '.[peers]'          # langchain-community, langchain-text-splitters, txtai
    python bench/peers.py [--runs 3] [--systems langchain,txtai,talentbot]

Same corpus (the articles TalentBot indexes), same all-MiniLM-L6-v2 weights (the checked local copy,
`index.embedder.default_model_dir()`), same questions (the answerable ones in answer/data/questions.yaml;
gold = each item's `articles`):

  langchain  LangChain's defaults: RecursiveCharacterTextSplitter() over "title + body" documents,
             HuggingFaceEmbeddings on the local model, FAISS.from_documents, similarity_search(k=4)
             (its default top-4, so its Recall@5 counts 4 chunks).
  txtai      Embeddings(path=model, content=True, hybrid=True) (BM25 + dense) over the same chunks,
             search(limit=5).
  talentbot  the index in $TALENTBOT_DATA_DIR (`talentbot index build`), its ONNX query encoder; a query is a
             whole `Engine.answer`; Recall@5 is the hybrid ranking `talentbot eval` reports.

Each peer builds and saves its index once (timed), then --runs fresh processes each load it and answer every
question: cold start = process start to the first result (imports, loading, one query), then peak RSS and
query p50 over the questions. Best and median over the runs; the machine may be shared.
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

SYSTEMS = ("langchain", "txtai", "talentbot")
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
REPO = Path(__file__).resolve().parents[1]
FIRST_QUESTION = "Who did Moonshot AI hire?"
LANGCHAIN_K = 4  # similarity_search's default
RECALL_K = 5
READY = "ready"

Search = Callable[[str], list[str]]  # question -> article ids, best first


def chunks() -> list[tuple[str, str]]:
    """(article id, chunk text) with LangChain's default splitter over each article's title and body."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from bot.settings import Settings
    from corpus.loader import load_articles

    splitter = RecursiveCharacterTextSplitter()
    return [
        (article.id, text)
        for article in load_articles(Settings.from_env().all_corpus_dirs)
        for text in splitter.split_text(f"{article.title}\n\n{article.body}")
    ]


def langchain_embeddings() -> Any:
    from langchain_community.embeddings import HuggingFaceEmbeddings

    from index.embedder import default_model_dir

    return HuggingFaceEmbeddings(model_name=str(default_model_dir()))


def build(system: str, directory: Path) -> None:
    if system == "langchain":
        from langchain_community.vectorstores import FAISS
        from langchain_core.documents import Document

        documents = [Document(page_content=text, metadata={"id": aid}) for aid, text in chunks()]
        FAISS.from_documents(documents, langchain_embeddings()).save_local(str(directory))
    elif system == "txtai":
        from txtai import Embeddings

        from index.embedder import default_model_dir

        embeddings = Embeddings(path=str(default_model_dir()), content=True, hybrid=True)
        embeddings.index([(f"{aid}#{n}", text, None) for n, (aid, text) in enumerate(chunks())])
        embeddings.save(str(directory))


def open_search(system: str, directory: Path) -> tuple[Search, Search]:
    """(the query measured, the ranking Recall@5 is read from): the same call except for TalentBot."""
    if system == "langchain":
        from langchain_community.vectorstores import FAISS

        store = FAISS.load_local(str(directory), langchain_embeddings(), allow_dangerous_deserialization=True)

        def langchain(q: str) -> list[str]:
            return [d.metadata["id"] for d in store.similarity_search(q, k=LANGCHAIN_K)]

        return langchain, langchain
    if system == "txtai":
        from txtai import Embeddings

        embeddings = Embeddings()
        embeddings.load(str(directory))

        def txtai(q: str) -> list[str]:
            return [str(hit["id"]).split("#")[0] for hit in embeddings.search(q, RECALL_K)]

        return txtai, txtai
    from answer.evaluate import embed, normalise, ranked_articles
    from bot.runtime import load_engine
    from bot.settings import Settings

    engine = load_engine(Settings.from_env(), rebuild=False)

    def answer(q: str) -> list[str]:
        return [source.url for source in engine.answer(q).sources]

    def ranking(q: str) -> list[str]:
        text = normalise(engine, q)
        return ranked_articles(engine, text, embed(engine, text), "hybrid")

    return answer, ranking


def query_child(system: str, directory: Path) -> None:
    from answer.eval_set import load_questions
    from answer.metrics import dedupe, first_gold_rank

    query, ranking = open_search(system, directory)
    query(FIRST_QUESTION)
    print(READY, flush=True)
    items = [item for item in load_questions() if item.answerable]
    latencies, ranks = [], []
    for item in items:
        started = time.perf_counter()
        query(item.q)
        latencies.append((time.perf_counter() - started) * 1000)
        ranks.append(first_gold_rank(dedupe(ranking(item.q)), item.articles))
    # VmHWM, not ru_maxrss: Linux carries the parent's peak into a child's ru_maxrss across fork and exec.
    peak = int(Path("/proc/self/status").read_text().split("VmHWM:")[1].split()[0]) / 1024
    print(json.dumps({"latencies_ms": latencies, "ranks": ranks, "peak_rss_mb": peak}))


def spawn(args: list[str]) -> subprocess.Popen[str]:
    env = os.environ | OFFLINE | {"PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, __file__, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def measure(system: str, directory: Path) -> dict[str, Any]:
    started = time.perf_counter()
    proc = spawn(["--child", "query", "--system", system, "--dir", str(directory)])
    assert proc.stdout is not None
    first = proc.stdout.readline().strip()
    cold = time.perf_counter() - started
    rest = proc.stdout.read()
    if proc.wait() != 0 or first != READY:
        sys.exit(f"{system}: the query process failed (exit {proc.returncode})")
    report: dict[str, Any] = json.loads(rest.strip().splitlines()[-1])
    report["cold_s"] = cold
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--child", choices=("build", "query"), help=argparse.SUPPRESS)
    parser.add_argument("--system", choices=SYSTEMS, help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "build":
        build(args.system, args.dir)
        return
    if args.child == "query":
        query_child(args.system, args.dir)
        return
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    print(f"host: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="talentbot-peers-") as scratch:
        results = {system: run_system(system, Path(scratch) / system, args.runs) for system in systems}
    print_table(results, args.runs)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


def run_system(system: str, directory: Path, runs: int) -> dict[str, Any]:
    build_s = 0.0
    if system != "talentbot":
        started = time.perf_counter()
        if spawn(["--child", "build", "--system", system, "--dir", str(directory)]).wait() != 0:
            sys.exit(f"{system}: the build failed")
        build_s = time.perf_counter() - started
    reports = [measure(system, directory) for _ in range(runs)]
    return {"build_s": build_s, "reports": reports}


def print_table(results: dict[str, dict[str, Any]], runs: int) -> None:
    from answer.metrics import percentile, recall_at_k

    print(f"\n{runs} query processes each: best / median")
    print(
        f"{'':<12}{'index build (s)':>16}{'cold start (s)':>18}{'peak RSS (MB)':>18}{'query p50 (ms)':>18}{'R@5':>7}"
    )
    for system, result in results.items():
        reports = result["reports"]
        cold = [r["cold_s"] for r in reports]
        rss = [r["peak_rss_mb"] for r in reports]
        p50 = [percentile(r["latencies_ms"], 50) for r in reports]
        recall = recall_at_k(reports[0]["ranks"], RECALL_K)
        build = f"{result['build_s']:.1f}" if result["build_s"] else "(built)"
        print(f"{system:<12}{build:>16}{_pair(cold):>18}{_pair(rss, 0):>18}{_pair(p50):>18}{recall:>7.3f}")


def _pair(values: list[float], digits: int = 2) -> str:
    return f"{min(values):.{digits}f} / {statistics.median(values):.{digits}f}"


if __name__ == "__main__":
    main()
