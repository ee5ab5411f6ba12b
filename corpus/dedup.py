"""Duplicate and near-duplicate articles (syndicated copies).

Three tests, strongest first:

* **same URL**: the canonical URLs are equal after :func:`normalise_url` (scheme ignored, host lower-cased
  without ``www.``, no fragment, no ``utm_*`` or other tracking parameters, no trailing slash);
* **same text**: the bodies are equal after :func:`normalise_text` (NFKC, case-folded, punctuation and
  whitespace folded to single spaces), compared by hash;
* **near-duplicate**: a syndicated copy with small edits. The body's word 5-shingles are MinHashed
  (``num_perm=128``); a :class:`datasketch.MinHashLSH` index proposes candidates (64 bands of 2 rows, so that
  it misses almost none at or above the threshold) and each candidate is confirmed with the *exact*
  Jaccard similarity of the two shingle sets (the MinHash estimate alone has a standard error of about 0.04).

Choosing the threshold (measured by ``tests/corpus/test_dedup.py``; ``pytest -s -k summary`` prints the figures) on
the 122 shipped articles and syndicated variants of each of them:

* independent articles: all 7,381 pairs of the shipped corpus, including the pairs about one event (Meta
  hiring OpenAI researchers in June 2025: 0.015; Altman's "$100 million" claim and Bosworth's reply: 0.004;
  Luo Fuli and Xiaomi: 0.020). Jaccard of body 5-shingles: mean 0.0003, at most **0.063** (two articles that
  both quote the same SCMP statistic sentence); 6,909 pairs share no shingle at all;
* syndicated copies: a new headline plus a "This story was first published by X" line (min 0.945), one
  sentence added (min 0.866), the longest sentence removed (min 0.772), three typo fixes (min 0.871), and all
  of those at once (min **0.575**, mean 0.668). Beyond "small edits", the same plus a whole paragraph cut
  scores 0.297-0.651 (mean 0.508).

The gap is therefore (0.063, 0.575). :data:`NEAR_DUPLICATE_THRESHOLD` = **0.3** sits in it, near its middle:
almost 5 times the highest score of two independent articles (so two stories quoting the same statement or
statistic stay apart) and about half the lowest score of a lightly edited copy (so copies edited harder than
that are still caught: 121 of the 122 paragraph-cut copies too).

The whole shipped corpus is mapped in under 0.2 s cold and about 0.03 s once the per-body shingles and
MinHashes are cached.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from corpus.model import Article

if TYPE_CHECKING:  # datasketch pulls in scipy (~0.15 s): imported where a MinHash is made, not on start-up
    from datasketch import MinHash

__all__ = [
    "NEAR_DUPLICATE_THRESHOLD",
    "NUM_PERM",
    "SHINGLE_SIZE",
    "DuplicateIndex",
    "body_jaccard",
    "canonical_map",
    "find_duplicate",
    "jaccard",
    "normalise_text",
    "normalise_url",
    "shingles",
    "strip_tracking",
]

SHINGLE_SIZE = 5
NUM_PERM = 128
NEAR_DUPLICATE_THRESHOLD = 0.3
# LSH banding: 64 bands of 2 rows. A pair is proposed with probability 1 - (1 - J^2)^64: 0.9976 at J = 0.3,
# 1 - 5e-7 at 0.45, 1 - 4e-13 at 0.6; unrelated pairs (J < 0.01) are proposed less than 1% of the time.
LSH_BANDS = (64, 2)

SAME_URL = "same URL"
SAME_TEXT = "same text"
NEAR_DUPLICATE = "near-duplicate"

# Query parameters that say where a reader came from, not what the page is.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
        "ref", "ref_src", "ref_url", "cmpid", "spm", "smid", "sr_share", "guccounter", "ncid", "ocid", "s_cid",
        "wt.mc_id", "at_medium", "at_campaign", "__twitter_impression",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_", "vero_", "oly_")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def normalise_url(url: str) -> str:
    """The URL reduced to what identifies the page: `HTTPS://www.X.com/a/?utm_source=y#top` -> `x.com/a`.

    The scheme is dropped (http and https copies are one page), the host lower-cased without `www.` and a
    default port, the fragment, tracking parameters and a trailing slash removed, the other parameters sorted.
    """
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").lower().rstrip(".").removeprefix("www.")
    port = parts.port if parts.port is not None else None
    scheme = parts.scheme.lower()
    if port is not None and str(port) != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~%").rstrip("/")
    query = urlencode(
        sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not _is_tracking(key)
        )
    )
    return urlunsplit(("", host, path, query, "")).removeprefix("//")


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES)


def strip_tracking(url: str) -> str:
    """The URL as published, less its fragment and tracking parameters (`?utm_source=rss#comments`)."""
    parts = urlsplit(url.strip())
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
    query = parts.query if len(kept) == len(pairs) else urlencode(kept)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


_NON_WORD = re.compile(r"[\W_]+")


def normalise_text(text: str) -> str:
    """Lower-case words separated by single spaces: punctuation, Markdown marks and whitespace folded."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("'", "").replace("’", "")  # "OpenAI's" and "OpenAIs" are one word
    return _NON_WORD.sub(" ", text).strip()


def shingles(text: str, size: int = SHINGLE_SIZE) -> frozenset[str]:
    """The set of `size`-word shingles of the normalised text (the whole text when shorter)."""
    words = normalise_text(text).split()
    if len(words) <= size:
        return frozenset({" ".join(words)}) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class _Fingerprint:
    text_hash: str
    shingles: frozenset[str]
    minhash: MinHash


@lru_cache(maxsize=8192)
def _fingerprint(body: str) -> _Fingerprint:
    from datasketch import MinHash

    normal = normalise_text(body)
    grams = shingles(body)
    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return _Fingerprint(hashlib.sha1(normal.encode("utf-8")).hexdigest(), grams, minhash)


def body_jaccard(a: Article, b: Article) -> float:
    """Exact Jaccard similarity of two articles' body shingle sets."""
    return jaccard(_fingerprint(a.body).shingles, _fingerprint(b.body).shingles)


def _age(article: Article) -> tuple[str, str]:
    return article.published.isoformat(), article.id


class DuplicateIndex:
    """Articles indexed by normalised URL, text hash and MinHash LSH; finds what a candidate duplicates."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD, *, lsh: bool = True) -> None:
        """With `lsh=False` near-duplicates are found by comparing with every article: cheaper for one query."""
        self.threshold = threshold
        self._articles: list[Article] = []
        self._by_url: dict[str, list[int]] = {}
        self._by_text: dict[str, list[int]] = {}
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS) if lsh else None

    def __len__(self) -> int:
        return len(self._articles)

    def add(self, article: Article) -> None:
        key = len(self._articles)
        self._articles.append(article)
        fingerprint = _fingerprint(article.body)
        self._by_url.setdefault(normalise_url(article.url), []).append(key)
        self._by_text.setdefault(fingerprint.text_hash, []).append(key)
        if self._lsh is not None:
            self._lsh.insert(key, fingerprint.minhash, check_duplication=False)

    def extend(self, articles: Iterable[Article]) -> None:
        for article in articles:
            self.add(article)

    def _earliest(self, keys: Iterable[int]) -> Article | None:
        return min((self._articles[k] for k in keys), key=_age, default=None)

    def find_url(self, url: str) -> str | None:
        """The id of the earliest indexed article at this URL (after normalisation), if any."""
        match = self._earliest(self._by_url.get(normalise_url(url), ()))
        return match.id if match is not None else None

    def find(self, candidate: Article, *, by_url: bool = True) -> tuple[str, str] | None:
        """(reason, id of the earliest matching article), or None when the candidate is new.

        With `by_url=False` only the text counts (see :func:`canonical_map`).
        """
        if by_url and (same_url := self.find_url(candidate.url)) is not None:
            return SAME_URL, same_url
        fingerprint = _fingerprint(candidate.body)
        match = self._earliest(self._by_text.get(fingerprint.text_hash, ()))
        if match is not None:
            return SAME_TEXT, match.id
        candidates = (
            self._lsh.query(fingerprint.minhash) if self._lsh is not None else range(len(self._articles))
        )
        near = [
            key
            for key in candidates
            if jaccard(fingerprint.shingles, _fingerprint(self._articles[key].body).shingles)
            >= self.threshold
        ]
        match = self._earliest(near)
        if match is not None:
            return NEAR_DUPLICATE, match.id
        return None


def find_duplicate(
    candidate: Article, existing: Sequence[Article], threshold: float = NEAR_DUPLICATE_THRESHOLD
) -> tuple[str, str] | None:
    """Whether `candidate` repeats one of `existing`: ("same URL" | "same text" | "near-duplicate", its id).

    When several match, the strongest reason wins, then the earliest article (by published date, then id).
    """
    index = DuplicateIndex(threshold, lsh=False)
    index.extend(a for a in existing if a is not candidate)
    return index.find(candidate)


def canonical_map(articles: list[Article], threshold: float = NEAR_DUPLICATE_THRESHOLD) -> dict[str, str]:
    """Map each duplicate or syndicated copy's id to the id of the earliest article telling the same story.

    Articles are taken oldest first (published, then id); each is compared with all older ones, so the map
    always points at the earliest article of a group, even along a chain of copies of copies. Originals are
    not in the map.

    Only the text counts here ("same text" or "near-duplicate"), not a shared URL: several articles may cite
    one source page for different stories (the shipped corpus has two articles on the same SCMP URL, one about
    Moonshot hiring Tan Xu and one about China's shortage of qualified AI workers), and those are not copies.
    Ingestion (:func:`find_duplicate`) does treat a known URL as a duplicate: that page is already in.
    """
    index = DuplicateIndex(threshold)
    mapping: dict[str, str] = {}
    for article in sorted(articles, key=_age):
        found = index.find(article, by_url=False)
        if found is not None and found[1] != article.id:
            original = found[1]
            mapping[article.id] = mapping.get(original, original)
        index.add(article)
    return mapping
