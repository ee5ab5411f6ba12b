"""Commands that answer nothing start without loading any model or search library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# What a question needs (model runtimes, BM25 building, near-duplicate hashing, Telegram), none for these.
HEAVY = (
    "torch",
    "transformers",
    "sentence_transformers",
    "onnxruntime",
    "tokenizers",
    "bm25s",
    "scipy",
    "datasketch",
    "telegram",
    "matplotlib",
)
RUN_IN_PROCESS = (
    "import json, sys\n"
    "from bot.cli import app\n"
    "try:\n"
    "    app(sys.argv[1].split())\n"
    "except SystemExit as done:\n"
    "    assert not done.code, done.code\n"
    "print(json.dumps([m for m in sys.argv[2:] if m in sys.modules]))\n"
)


@pytest.mark.parametrize("command", ["--help", "corpus check", "index --help", "feeds list"])
def test_commands_that_answer_nothing_import_nothing_heavy(command: str, tmp_path: Path) -> None:
    env = os.environ | {"PYTHONPATH": str(REPO), "TALENTBOT_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", RUN_IN_PROCESS, command, *HEAVY],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
