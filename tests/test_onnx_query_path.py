"""The ONNX query path end to end, with the real model: the build's export, answers equal to
sentence-transformers', `talentbot ask` without torch, and the fallback when the export was altered."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from answer.engine import Engine
from answer.eval_set import load_questions
from answer.metrics import has_terms
from index import onnx_store, store
from index.modes import SEARCH_MODES
from index.onnx_encoder import OnnxEmbedder, weights_path
from index.onnx_export import MIN_COSINE
from index.onnx_quantize import MIN_INT8_COSINE, int8_path
from tests.conftest import FIXED_TODAY

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[1]
HEAVY = ("torch", "transformers", "sentence_transformers")
# Runs the CLI in this process, then prints which heavy modules it imported, as JSON on the last line.
ASK_IN_PROCESS = (
    "import json, sys\n"
    "from bot.cli import app\n"
    "try:\n"
    "    app(['ask', sys.argv[1]])\n"
    "except SystemExit as done:\n"
    "    assert not done.code, done.code\n"
    "print(json.dumps({'heavy': [m for m in sys.argv[2:] if m in sys.modules],\n"
    "                  'onnxruntime': 'onnxruntime' in sys.modules}))\n"
)


def _env(data_dir: Path) -> dict[str, str]:
    return os.environ | {"TALENTBOT_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}


def _ask(data_dir: Path, question: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", ASK_IN_PROCESS, question, *HEAVY],
        capture_output=True,
        text=True,
        env=_env(data_dir),
        timeout=240,
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_build_exported_a_checked_encoder_beside_the_index(real_data_dir: Path) -> None:
    manifest = store.read_manifest(real_data_dir / "index")
    assert manifest is not None
    entry = onnx_store.read_entry(manifest)
    assert entry is not None and entry.min_cosine >= MIN_COSINE
    graph = real_data_dir / entry.path
    assert graph.parent == real_data_dir / "models"
    assert _sha(graph) == entry.sha256 and _sha(weights_path(graph)) == entry.data_sha256
    assert weights_path(graph).stat().st_size > 80_000_000 > graph.stat().st_size
    # ...and its int8 copy, a quarter of the size, checked against it
    copy = int8_path(graph)
    assert entry.int8_sha256 == _sha(copy) and entry.int8_min_cosine is not None
    assert entry.int8_min_cosine >= MIN_INT8_COSINE
    assert 15_000_000 < copy.stat().st_size < 30_000_000


SAMPLE_OTHER_MODES = 3


def test_onnx_answers_are_the_sentence_transformers_answers(real_engine: Engine, real_data_dir: Path) -> None:
    index_dir = real_data_dir / "index"
    data = store.load(index_dir)
    encoder = onnx_store.load_query_encoder(index_dir, data.manifest, "fp32")
    assert isinstance(encoder, OnnxEmbedder)
    onnx_engine = Engine(data, encoder, today=lambda: FIXED_TODAY)
    questions = [item.q for item in load_questions()]
    for mode in SEARCH_MODES:
        # every question in the mode the bot serves; every third in the others (the suite's time is bounded)
        asked = questions if mode == "hybrid" else questions[::SAMPLE_OTHER_MODES]
        differ = [
            q
            for q in asked
            if onnx_engine.answer(q, mode=mode).plain_text() != real_engine.answer(q, mode=mode).plain_text()
        ]
        assert differ == [], mode


# The int8 copy moves each question's vector a little (cosine >= 0.95 to the graph's), so some answers pick
# other sentences: on the original evaluation questions 231 of 256 read the same, and as many keep their facts.
MIN_SAME_INT8_ANSWERS = 0.85
MAX_KEY_FACTS_LOST = 0.02


def test_int8_answers_are_nearly_all_the_same_and_keep_as_many_key_facts(
    real_engine: Engine, real_data_dir: Path
) -> None:
    data = store.load(real_data_dir / "index")
    encoder = onnx_store.load_query_encoder(real_data_dir / "index", data.manifest, "int8")
    assert isinstance(encoder, OnnxEmbedder)
    int8_engine = Engine(data, encoder, today=lambda: FIXED_TODAY)
    items = [item for item in load_questions() if item.terms]
    same = kept_int8 = kept_full = 0
    for item in items:
        small, full = int8_engine.answer(item.q).plain_text(), real_engine.answer(item.q).plain_text()
        same += small == full
        kept_int8 += has_terms(small, item.terms)
        kept_full += has_terms(full, item.terms)
    assert same >= MIN_SAME_INT8_ANSWERS * len(items)
    assert kept_int8 >= kept_full - MAX_KEY_FACTS_LOST * len(items)


def test_ask_answers_without_importing_torch(real_data_dir: Path) -> None:
    done = _ask(real_data_dir, "Who did Moonshot AI hire?")
    assert done.returncode == 0, done.stderr
    assert "Tan Xu" in done.stdout and done.stderr == ""
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"heavy": [], "onnxruntime": True}


def test_an_altered_export_falls_back_with_one_warning_then_is_exported_again(
    real_data_dir: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(real_data_dir, data_dir)
    entry = onnx_store.read_entry(store.read_manifest(data_dir / "index"))
    assert entry is not None
    # both files: the int8 copy answers, and the graph it is made from
    weights = weights_path(data_dir / entry.path)
    weights.write_bytes(weights.read_bytes()[:-4] + b"\0\0\0\0")
    copy = int8_path(data_dir / entry.path)
    copy.write_bytes(copy.read_bytes()[:-4] + b"\0\0\0\0")

    fallback = _ask(data_dir, "Who did Moonshot AI hire?")
    assert fallback.returncode == 0, fallback.stderr
    assert "Tan Xu" in fallback.stdout
    (warning,) = fallback.stderr.strip().splitlines()
    assert "refusing to load" in warning and "sentence-transformers" in warning
    assert "exported it again" in warning
    assert json.loads(fallback.stdout.strip().splitlines()[-1])["heavy"]  # this run needed torch

    again = onnx_store.read_entry(store.read_manifest(data_dir / "index"))
    assert again is not None and _sha(weights) == again.data_sha256 and _sha(copy) == again.int8_sha256
    quick = _ask(data_dir, "Who did Moonshot AI hire?")
    assert quick.stderr == "" and json.loads(quick.stdout.strip().splitlines()[-1])["heavy"] == []
