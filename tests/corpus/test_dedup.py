"""Tests for corpus/dedup.py: URL and text normalisation, exact and near-duplicate detection, canonical_map.

The helpers `syndicate` and `variants` make syndicated copies of shipped articles with the edits syndication
makes (new headline, "first published by" line, a sentence added or removed, typo fixes); the same helpers
produced the figures in corpus/dedup.py's docstring (see `measure`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import statistics
import time
from collections.abc import Callable

import pytest

from corpus import dedup
from corpus.dedup import (
    NEAR_DUPLICATE_THRESHOLD,
    DuplicateIndex,
    body_jaccard,
    canonical_map,
    find_duplicate,
    normalise_text,
    normalise_url,
    shingles,
    strip_tracking,
)
from corpus.loader import SHIPPED_DIR, load_articles
from corpus.model import Article

# ----------------------------------------------------------------------------- syndicated copies

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])")
ADDED_SENTENCE = (
    "The company did not immediately respond to a request for comment on the report, which was first "
    "carried by several outlets earlier in the day."
)


def _paragraphs(body: str) -> list[list[str]]:
    return [_SENTENCE_END.split(p.strip()) for p in re.split(r"\n\s*\n", body) if p.strip()]


def _join(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def _typo(word: str) -> str:
    """Swap two inner letters: "researchers" -> "reseacrhers" (a typo that the copy fixed, or made)."""
    if len(word) < 4:
        return word + "s"
    i = len(word) // 2
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def syndicate(
    article: Article,
    *,
    host: str = "syndicated-news.example.org",
    headline: bool = False,
    boilerplate: bool = False,
    add: bool = False,
    remove: bool = False,
    typos: int = 0,
    cut_paragraph: bool = False,
) -> Article:
    """A copy of `article` on another host, with the given edits. `remove` drops the longest sentence."""
    paragraphs = _paragraphs(article.body)
    if cut_paragraph and len(paragraphs) > 2:
        del paragraphs[len(paragraphs) // 2]
    if remove:
        sentences = [(len(s), i, j) for i, p in enumerate(paragraphs) for j, s in enumerate(p)]
        if len(sentences) > 1:
            _, i, j = max(sentences)
            del paragraphs[i][j]
    if add:
        middle = paragraphs[len(paragraphs) // 2]
        middle.insert(max(1, len(middle) // 2), ADDED_SENTENCE)
    body = _join(paragraphs)
    if typos:
        words = body.split(" ")
        for k in range(1, typos + 1):
            at = k * len(words) // (typos + 1)
            words[at] = _typo(words[at])
        body = " ".join(words)
    if boilerplate:
        body += f"\n\nThis story was first published by {article.publisher}. Republished with permission."
    title = f"{article.title} - analysis" if headline else article.title
    return article.model_copy(
        update={
            "id": f"{article.id}-copy",
            "title": title,
            "publisher": "Syndicated News",
            "url": f"https://{host}/{article.id}",
            "body": body,
        }
    )


VARIANTS: dict[str, Callable[[Article], Article]] = {
    "headline+boilerplate": lambda a: syndicate(a, headline=True, boilerplate=True),
    "sentence added": lambda a: syndicate(a, add=True),
    "sentence removed": lambda a: syndicate(a, remove=True),
    "3 typos": lambda a: syndicate(a, typos=3),
    "all edits": lambda a: syndicate(a, headline=True, boilerplate=True, add=True, remove=True, typos=3),
}


def hard_variant(article: Article) -> Article:
    """Every edit at once, and a whole paragraph cut: beyond "small edits", measured for robustness."""
    return syndicate(
        article, headline=True, boilerplate=True, add=True, remove=True, typos=3, cut_paragraph=True
    )


def measure(articles: list[Article]) -> dict[str, list[float]]:
    """Jaccard values: every pair of distinct shipped articles, and each article against each variant."""
    values: dict[str, list[float]] = {
        "independent": [body_jaccard(a, b) for a, b in itertools.combinations(articles, 2)]
    }
    for name, make in VARIANTS.items():
        values[name] = [body_jaccard(a, make(a)) for a in articles]
    values["all edits + paragraph cut"] = [body_jaccard(a, hard_variant(a)) for a in articles]
    return values


@pytest.fixture(scope="module")
def shipped() -> list[Article]:
    return load_articles([SHIPPED_DIR])


def _by_id(articles: list[Article], article_id: str) -> Article:
    return next(a for a in articles if a.id == article_id)


# ----------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.Example.com/news/story/", "http://example.com/news/story"),
        ("https://example.com/story?utm_source=x&utm_medium=rss#comments", "https://example.com/story"),
        ("https://example.com/story?id=7&fbclid=abc&gclid=1", "http://EXAMPLE.com/story?id=7"),
        ("https://example.com:443/story?b=2&a=1", "https://example.com/story?a=1&b=2"),
        ("https://example.com/caf%C3%A9/", "https://example.com/café"),
    ],
)
def test_normalise_url_equal(a: str, b: str) -> None:
    assert normalise_url(a) == normalise_url(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://example.com/story?id=7", "https://example.com/story?id=8"),
        ("https://example.com/story", "https://example.org/story"),
        ("https://example.com/Story", "https://example.com/story"),
        ("https://news.example.com/story", "https://example.com/story"),
        ("https://example.com:8080/story", "https://example.com/story"),
    ],
)
def test_normalise_url_different(a: str, b: str) -> None:
    assert normalise_url(a) != normalise_url(b)


def test_normalise_text_folds_case_punctuation_and_space() -> None:
    assert (
        normalise_text("Meta’s  NEW lab -- **hires**,\n\nOpenAI's staff!")
        == "metas new lab hires openais staff"
    )
    assert normalise_text("Ｆｕｌｌ　width") == "full width"


def test_shingles() -> None:
    assert shingles("one two three four five six") == {"one two three four five", "two three four five six"}
    assert shingles("Too short.") == {"too short"}
    assert shingles("") == frozenset()


# ----------------------------------------------------------------------------- thresholds from measurement


def test_threshold_sits_in_the_measured_gap(shipped: list[Article]) -> None:
    values = measure(shipped)
    independent = max(values["independent"])
    syndicated = min(min(values[name]) for name in VARIANTS)
    assert independent < 0.1, independent
    assert syndicated > 0.5, syndicated
    # The threshold sits in the gap with a wide margin on both sides.
    assert 3 * independent < NEAR_DUPLICATE_THRESHOLD < syndicated / 1.5
    # Most copies with a whole paragraph cut on top of every other edit are still above it.
    hard = values["all edits + paragraph cut"]
    assert sum(x >= NEAR_DUPLICATE_THRESHOLD for x in hard) >= 0.95 * len(hard)


SAME_EVENT_PAIRS = [
    ("2025-06-meta-signs-four-openai-researchers", "2025-06-openai-zurich-researchers-join-meta"),
    (
        "2025-06-altman-says-meta-offered-100-million-bonuses",
        "2025-06-bosworth-disputes-altman-100-million-claim",
    ),
    ("2025-06-meta-superintelligence-labs-formed", "2025-06-msl-memo-names-eleven-hires"),
    ("2024-03-microsoft-hires-inflection-founders", "2024-09-cma-clears-microsoft-inflection-deal"),
    ("2025-02-mira-murati-launches-thinking-machines-lab", "2025-07-thinking-machines-lab-2-billion-seed"),
    ("2024-12-xiaomi-lei-jun-courts-luo-fuli", "2025-11-luo-fuli-joins-xiaomi-mimo"),
]


@pytest.mark.parametrize(("a", "b"), SAME_EVENT_PAIRS)
def test_independent_articles_on_the_same_event_do_not_match(shipped: list[Article], a: str, b: str) -> None:
    first, second = _by_id(shipped, a), _by_id(shipped, b)
    assert body_jaccard(first, second) < 0.05
    assert find_duplicate(second, [first]) is None
    assert find_duplicate(first, [second]) is None


@pytest.mark.parametrize("variant", VARIANTS)
def test_syndicated_copies_match(shipped: list[Article], variant: str) -> None:
    for original in shipped:
        copy = VARIANTS[variant](original)
        assert find_duplicate(copy, shipped) == ("near-duplicate", original.id), (variant, original.id)


def test_lsh_finds_every_heavily_edited_copy_above_the_threshold(shipped: list[Article]) -> None:
    index = DuplicateIndex()
    index.extend(shipped)
    for original in shipped:
        copy = hard_variant(original)
        expected = (
            ("near-duplicate", original.id)
            if body_jaccard(original, copy) >= NEAR_DUPLICATE_THRESHOLD
            else None
        )
        assert index.find(copy) == expected, original.id


# ----------------------------------------------------------------------------- find_duplicate


def test_same_url_wins_and_ignores_tracking(shipped: list[Article]) -> None:
    original = shipped[0]
    again = original.model_copy(
        update={"id": "again", "url": original.url.replace("https://", "http://") + "?utm_source=rss#top"}
    )
    assert find_duplicate(again, shipped) == ("same URL", original.id)


def test_same_text_under_another_url(shipped: list[Article]) -> None:
    original = shipped[5]
    copy = original.model_copy(
        update={
            "id": "copy",
            "url": "https://elsewhere.example.net/copy",
            "title": "Another headline",
            "body": original.body.upper().replace(".", " .").replace("\n\n", "\n"),
        }
    )
    assert find_duplicate(copy, shipped) == ("same text", original.id)


def test_new_article_is_not_a_duplicate(shipped: list[Article]) -> None:
    fresh = shipped[0].model_copy(
        update={
            "id": "fresh",
            "url": "https://new.example.com/fresh",
            "body": "Acme Robotics has hired Dana Whitfield from Boston Dynamics as its head of research. "
            * 3,
        }
    )
    assert find_duplicate(fresh, shipped) is None


def test_duplicate_of_points_at_the_earliest_match(shipped: list[Article]) -> None:
    original = _by_id(shipped, "2025-06-meta-signs-four-openai-researchers")
    first_copy = syndicate(original, host="a.example.com", typos=2).model_copy(update={"id": "a-copy"})
    second_copy = syndicate(original, host="b.example.com", add=True).model_copy(update={"id": "b-copy"})
    found = find_duplicate(second_copy, [first_copy, original])
    assert found == ("near-duplicate", original.id)


def test_candidate_is_not_its_own_duplicate(shipped: list[Article]) -> None:
    assert find_duplicate(shipped[0], shipped) is None


# ----------------------------------------------------------------------------- canonical_map


def test_canonical_map_of_shipped_corpus_is_empty_and_fast(shipped: list[Article]) -> None:
    start = time.perf_counter()
    assert canonical_map(shipped) == {}
    assert time.perf_counter() - start < 1.0


def test_canonical_map_sends_copies_to_the_original(shipped: list[Article]) -> None:
    original = _by_id(shipped, "2025-07-apple-ruoming-pang-leaves-for-meta")
    copy = VARIANTS["all edits"](original).model_copy(
        update={"published": original.published.replace(day=min(28, original.published.day + 1))}
    )
    # A copy of the copy, later still, with more edits: it still maps to the very first article.
    copy_of_copy = syndicate(copy, host="third.example.com", typos=2, add=True).model_copy(
        update={
            "id": "copy-of-copy",
            "published": copy.published.replace(day=min(28, copy.published.day + 1)),
        }
    )
    exact = original.model_copy(update={"id": "exact-copy", "url": "https://mirror.example.com/x"})
    mapping = canonical_map([copy_of_copy, *shipped, copy, exact])
    assert mapping == {copy.id: original.id, copy_of_copy.id: original.id, exact.id: original.id}


def test_canonical_map_prefers_the_earliest_even_if_listed_later(shipped: list[Article]) -> None:
    original = _by_id(shipped, "2025-10-apple-ke-yang-leaves-for-meta")
    earlier_copy = syndicate(original, typos=3).model_copy(
        update={"id": "earlier-copy", "published": original.published - dt.timedelta(days=1)}
    )
    assert canonical_map([original, earlier_copy]) == {original.id: "earlier-copy"}


def test_index_grows_incrementally(shipped: list[Article]) -> None:
    index = DuplicateIndex()
    index.extend(shipped[:10])
    assert len(index) == 10
    copy = VARIANTS["all edits"](shipped[3])
    assert index.find(copy) == ("near-duplicate", shipped[3].id)
    assert index.find(VARIANTS["all edits"](shipped[20])) is None
    index.add(shipped[20])
    assert index.find(VARIANTS["all edits"](shipped[20])) == ("near-duplicate", shipped[20].id)


# The figures corpus/dedup.py's docstring quotes (3 decimals): (series, statistic) -> value.
QUOTED_FIGURES = {
    ("independent", "max"): 0.063,
    ("headline+boilerplate", "min"): 0.945,
    ("sentence added", "min"): 0.866,
    ("sentence removed", "min"): 0.772,
    ("3 typos", "min"): 0.871,
    ("all edits", "min"): 0.575,
    ("all edits", "mean"): 0.668,
    ("all edits + paragraph cut", "min"): 0.297,
    ("all edits + paragraph cut", "mean"): 0.508,
    ("all edits + paragraph cut", "max"): 0.651,
}
# A quoted figure may be off by one in its last decimal (rounding).
QUOTE_TOLERANCE = 0.0011


def test_measurements_summary_matches_the_figures_quoted_in_dedup(shipped: list[Article]) -> None:
    """The figures corpus/dedup.py quotes to justify its threshold still hold (pytest -s prints them)."""
    values = measure(shipped)
    for name, xs in values.items():
        print(f"{name:28s} n={len(xs):5d} min={min(xs):.3f} mean={statistics.mean(xs):.3f} max={max(xs):.3f}")
    zero = sum(1 for x in values["independent"] if x == 0)
    print(f"independent pairs sharing no shingle: {zero}")
    doc = dedup.__doc__ or ""
    statistic = {"min": min, "mean": statistics.mean, "max": max}
    for (series, stat), quoted in QUOTED_FIGURES.items():
        assert f"{quoted:.3f}" in doc, (series, stat)
        measured = statistic[stat](values[series])
        assert measured == pytest.approx(quoted, abs=QUOTE_TOLERANCE), (series, stat, measured)
    n = len(shipped)
    assert f"the {n} shipped articles" in doc
    assert f"all {n * (n - 1) // 2:,} pairs" in doc and f"{zero:,} pairs share no shingle" in doc
    caught = sum(x >= NEAR_DUPLICATE_THRESHOLD for x in values["all edits + paragraph cut"])
    assert f"{caught} of the {n} paragraph-cut copies" in doc


def test_one_source_url_for_two_stories_is_not_a_copy(shipped: list[Article]) -> None:
    """Two shipped articles cite the same SCMP page for different stories: not mapped, but a known URL."""
    moonshot = _by_id(shipped, "2024-08-moonshot-hires-tan-xu")
    shortage = _by_id(shipped, "2024-08-china-two-qualified-workers-per-five-ai-jobs")
    assert normalise_url(moonshot.url) == normalise_url(shortage.url)
    assert body_jaccard(moonshot, shortage) < 0.05
    assert canonical_map([moonshot, shortage]) == {}
    assert find_duplicate(moonshot, [shortage]) == ("same URL", shortage.id)


def test_strip_tracking_keeps_the_rest_of_the_url() -> None:
    assert (
        strip_tracking("https://Example.com/a/?id=3&utm_source=rss&fbclid=x#top")
        == "https://Example.com/a/?id=3"
    )
    assert strip_tracking("https://example.com/a?b=1&a=2") == "https://example.com/a?b=1&a=2"
