"""`ingest(..., relevance=)`: off-topic drafts are skipped with reason off-topic and never written; without a
judge every draft is kept. The CLI's `ingest --filter` applies the topic filter, and only with the flag."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app as cli_app
from corpus.ingest import OFF_TOPIC, ingest
from index.topic import TopicFilter, load_topic_filter
from tests.conftest import FakeEmbedder

TALENT = (
    "Anthropic poaches OpenAI's head of post-training\n\n"
    "The researcher joined Anthropic this week after six years at OpenAI, the latest in a run of defections "
    "between the two labs. She will lead a team of engineers working on reasoning and report to the chief "
    "scientist, according to a memo seen by reporters. OpenAI offered her a retention bonus to stay.\n"
)
CHIP = (
    "Nvidia unveils a faster AI chip for data centres\n\n"
    "The chipmaker showed its next graphics processor at its developer conference and said the first systems "
    "ship to cloud providers next year. The part doubles memory bandwidth and will cost more than the current "
    "generation, analysts said after the keynote in San Jose.\n"
)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-talent.txt").write_text(TALENT, encoding="utf-8")
    (folder / "b-chip.txt").write_text(CHIP, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def topic_filter() -> TopicFilter:
    return load_topic_filter(FakeEmbedder())


ingest_cli = importlib.import_module("bot.cli.ingest")  # the module: `bot.cli.ingest` is also the command


def test_an_off_topic_draft_is_skipped_and_not_written(
    sources: Path, tmp_path: Path, topic_filter: TopicFilter
) -> None:
    dest = tmp_path / "articles"
    report = ingest([str(sources)], dest, [], relevance=topic_filter)
    assert [a.title for a in report.articles] == ["Anthropic poaches OpenAI's head of post-training"]
    assert [(k.source, k.reason, k.duplicate_of) for k in report.skipped] == [
        (str(sources / "b-chip.txt"), OFF_TOPIC, "")
    ]
    assert OFF_TOPIC == "off-topic"
    assert [p.stem for p in dest.glob("*.md")] == report.added
    assert not any("nvidia" in p.name for p in dest.iterdir())


def test_without_a_judge_every_draft_is_kept(sources: Path, tmp_path: Path) -> None:
    report = ingest([str(sources)], tmp_path / "articles", [])
    assert len(report.added) == 2 and not report.skipped


def test_the_judge_sees_the_title_and_the_text(sources: Path, tmp_path: Path) -> None:
    seen: list[tuple[str, str]] = []

    def judge(title: str, text: str) -> bool:
        seen.append((title, text))
        return False

    report = ingest([str(sources / "a-talent.txt")], tmp_path / "articles", [], relevance=judge)
    assert not report.added and [k.reason for k in report.skipped] == [OFF_TOPIC]
    assert seen[0][0] == "Anthropic poaches OpenAI's head of post-training"
    assert seen[0][1].startswith("The researcher joined Anthropic")


def test_a_judge_that_fails_is_reported_and_the_others_go_on(sources: Path, tmp_path: Path) -> None:
    def judge(title: str, text: str) -> bool:
        if "Nvidia" in title:
            raise RuntimeError("model unavailable")
        return True

    report = ingest([str(sources)], tmp_path / "articles", [], relevance=judge)
    assert len(report.added) == 1
    assert [f.reason for f in report.failed] == ["RuntimeError: model unavailable"]


def run_ingest(args: list[str], data_dir: Path) -> dict[str, object]:
    result = CliRunner().invoke(
        cli_app, ["ingest", "--json", *args], env={"TALENTBOT_DATA_DIR": str(data_dir)}
    )
    assert result.exit_code == 0, result.output
    summary: dict[str, object] = json.loads(result.output.strip().splitlines()[-1])
    return summary


def test_cli_filter_skips_off_topic_items(
    sources: Path, tmp_path: Path, topic_filter: TopicFilter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_cli, "topic_filter", lambda: topic_filter)
    summary = run_ingest(["--filter", str(sources)], tmp_path / "data")
    assert len(summary["added"]) == 1  # type: ignore[arg-type]
    assert summary["skipped"] == [
        {"source": str(sources / "b-chip.txt"), "reason": "off-topic", "duplicate_of": ""}
    ]


def test_cli_without_filter_keeps_everything_and_loads_no_model(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse: Callable[[], TopicFilter] = lambda: pytest.fail("the filter was loaded without --filter")  # noqa: E731
    monkeypatch.setattr(ingest_cli, "topic_filter", refuse)
    summary = run_ingest([str(sources / "b-chip.txt")], tmp_path / "data")
    assert len(summary["added"]) == 1  # type: ignore[arg-type]
    assert summary["skipped"] == []
