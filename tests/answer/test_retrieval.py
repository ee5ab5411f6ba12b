"""The search a question's answer is composed from: the articles about what it names, and a follow-up's story,
first."""

from __future__ import annotations

from pathlib import Path

from answer.engine import EngineConfig
from answer.retrieval import retrieve
from tests.conftest import FakeEmbedder, engine_of

ROUND = {
    "article_id": "2026-07-deepseek-closes-round",
    "title": "DeepSeek closes its first outside round",
    "body": "DeepSeek closed a round of 51 billion yuan. Tencent put in about 10 billion yuan and CATL 5 billion.",
    "published": "2026-07-01",
    "companies": "DeepSeek, Tencent, CATL",
    "people": "",
}
REPORT = {
    "article_id": "2026-04-deepseek-seeks-money",
    "title": "DeepSeek seeks outside money to keep researchers",
    "body": "DeepSeek is raising outside money for the first time, so that it can put a value on staff options.",
    "published": "2026-04-23",
    "companies": "DeepSeek",
    "people": "",
}


def test_a_follow_up_searches_the_story_the_last_answer_told_first(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(
        tmp_path, fake_embedder, ROUND, REPORT, config=EngineConfig(thresholds={"hybrid": 0.0})
    )
    q = engine.parse("who put money in DeepSeek for the first time")
    vector = fake_embedder.encode([q.text])[0]
    alone = retrieve(engine.state, engine.config, q, vector, "hybrid", None)
    assert alone.hits[0].article_id == REPORT["article_id"]  # the words of the question are the report's
    story = frozenset({ROUND["article_id"]})
    followed = retrieve(engine.state, engine.config, q, vector, "hybrid", None, story)
    assert followed.hits[0].article_id == ROUND["article_id"]
