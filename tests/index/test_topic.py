"""The off-topic filter (index/topic.py) with the fast fake embedder: its labelled set, shipped parameters,
loader and features. The real model's precision and recall are in tests/index/test_topic_real.py."""

from __future__ import annotations

from collections import Counter

import pytest

from index.embedder import MODEL_NAME
from index.topic import load_topic_filter, shipped_params_current
from index.topic_fit import evaluate, load_labels
from index.topic_model import (
    KEYWORD_GROUPS,
    LEAD_WORDS,
    TopicFilter,
    keyword_features,
    lead,
    read_params,
)
from tests.conftest import FakeEmbedder

TALENT = (
    "Anthropic poaches OpenAI's head of post-training",
    "The researcher joined Anthropic this week after six years at OpenAI, the latest in a run of defections "
    "between the two labs, and will lead a team of engineers working on reasoning.",
)
CHIP = (
    "Nvidia unveils a faster AI chip for data centres",
    "The chipmaker showed its next graphics processor at its developer conference and said the first systems "
    "ship to cloud providers next year at a higher price than the current generation.",
)


def test_the_labelled_set_is_large_balanced_and_split() -> None:
    items = load_labels()
    assert len(items) >= 160
    assert len({i.id for i in items}) == len(items)
    assert len({i.title for i in items}) == len(items)
    counts = Counter((i.split, i.on_topic) for i in items)
    assert set(counts) == {("dev", True), ("dev", False), ("test", True), ("test", False)}
    assert 0.45 <= sum(i.on_topic for i in items) / len(items) <= 0.55
    assert 0.35 <= sum(i.split == "test" for i in items) / len(items) <= 0.45
    assert all(len(i.title.split()) >= 3 and len(i.text.split()) >= 15 for i in items)


def test_positives_do_not_all_say_hire() -> None:
    on_topic = [i for i in load_labels() if i.on_topic]
    without = [i for i in on_topic if "hir" not in f"{i.title} {i.text}".lower()]
    assert len(without) >= len(on_topic) // 2


def test_the_shipped_parameters_were_fitted_on_this_labelled_set_for_the_model() -> None:
    params = read_params()
    assert params is not None
    assert shipped_params_current(), (
        "labels or features changed: refit with `python bench/topic_filter.py --fit`"
    )
    assert params.model == MODEL_NAME
    assert len(params.weights) == 384 + len(KEYWORD_GROUPS)
    assert 0.0 < params.threshold < 1.0
    assert params.dev_precision >= 0.9 and params.dev_recall >= 0.9


def test_the_model_named_in_the_parameters_loads_them_without_fitting_or_encoding() -> None:
    embedder = FakeEmbedder()
    embedder.name = MODEL_NAME
    topic_filter = load_topic_filter(embedder)
    assert topic_filter.params == read_params()
    assert embedder.calls == 0


def test_another_embedder_gets_a_filter_fitted_on_the_dev_split() -> None:
    embedder = FakeEmbedder()
    topic_filter = load_topic_filter(embedder)
    assert topic_filter.params.model == embedder.name
    assert embedder.texts == len(load_labels(split="dev"))  # fitted on dev only
    assert topic_filter(*TALENT)
    assert not topic_filter(*CHIP)
    assert 0.0 < topic_filter.score(*CHIP) < topic_filter.threshold < topic_filter.score(*TALENT) < 1.0
    score = evaluate(topic_filter, load_labels(split="test"))
    assert score.precision >= 0.8 and score.recall >= 0.8


def test_weights_for_another_dimension_are_refused() -> None:
    params = read_params()
    assert params is not None
    small = FakeEmbedder()
    small.dim = 8
    with pytest.raises(ValueError, match="weights"):
        TopicFilter(small, params)


def test_lead_is_the_title_and_the_first_words() -> None:
    text = " ".join(f"w{n}" for n in range(200))
    assert lead("A  title", text) == "A title. " + " ".join(f"w{n}" for n in range(LEAD_WORDS))
    assert lead("A title", "  ") == "A title"
    assert lead("", "one two") == "one two"


def test_talent_words_count_only_in_an_ai_or_tech_story() -> None:
    pilots, lab = keyword_features(
        [
            "Airlines face a pilot shortage; captains leave for better pay and are hired by rivals.",
            "The AI lab hired two researchers from OpenAI with pay packages worth millions.",
        ]
    )
    assert not pilots.any()
    groups = dict(zip(KEYWORD_GROUPS, lab, strict=True))
    assert groups["move"] > 0 and groups["pay"] > 0 and groups["people"] > 0
