"""Duplicate and near-duplicate articles (syndicated copies).

Three tests, strongest first:

* **same URL**: the canonical URLs are equal after :func:`normalise_url` (scheme ignored, host lower-cased
  without ``www.``, no fragment, no ``utm_*`` or other tracking parameters, no trailing slash);
* **same text**: the bodies are equal after :func:`normalise_text` (NFKC, case-folded, punctuation and
  whitespace folded to single spaces), compared by hash;
* **near-duplicate**: a syndicated copy with small edits. The body's word 5-shingles are MinHashed
  (``num_perm=128``); a :class:`datasketch.MinHashLSH` index proposes candidates (tuned to a lower threshold
  than the decision so that it misses almost none) and each candidate is confirmed with the *exact*
  Jaccard similarity of the two shingle sets (the MinHash estimate alone has a standard error of about 0.04).

Choosing the threshold (measured with ``tests/test_dedup.py``'s helpers over the 74 shipped articles):

* independent articles, all 2,701 pairs of the shipped corpus, including the many pairs about one event
  (e.g. Meta hiring OpenAI researchers in June 2025, Altman's "$100 million" claim and Bosworth's reply):
  Jaccard of body 5-shingles is at most **0.010**, mean 0.0002; 2,689 pairs share no shingle at all.
  Independently written stories share names and phrases, never five words in a row for long;
* syndicated copies, made from every shipped article with the edits syndication makes: a new headline plus a
  "This story was first published by X" line (min 0.97), a sentence added (min 0.86), a sentence removed
  (min 0.79), three typo fixes (min 0.87), and all of those at once (min **0.61**, mean 0.76); a copy with a
  whole paragraph cut as well still scores at least 0.45.

The gap is therefore (0.010, 0.61). :data:`NEAR_DUPLICATE_THRESHOLD` = **0.35** sits in it: over 30 times the
highest score of two independent articles, and well under the lowest score of a lightly edited copy, so a
copy edited harder than the measured cases (a paragraph cut) is still caught. The LSH index is built at
0.2, where the chance that a pair at the threshold is never proposed is below 1 in 10^5.

The whole shipped corpus is mapped in about 0.1 s (MinHash and shingles are cached per body text).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from datasketch import MinHash, MinHashLSH

from corpus.model import Article

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
]

SHINGLE_SIZE = 5
NUM_PERM = 128
NEAR_DUPLICATE_THRESHOLD = 0.35
# LSH banding: 64 bands of 2 rows. A pair is proposed with probability 1 - (1 - J^2)^64: 0.9998 at J = 0.35,
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
            if key.lower() not in _TRACKING_PARAMS and not key.lower().startswith(_TRACKING_PREFIXES)
        )
    )
    return urlunsplit(("", host, path, query, "")).removeprefix("//")


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

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self.threshold = threshold
        self._articles: list[Article] = []
        self._by_url: dict[str, list[int]] = {}
        self._by_text: dict[str, list[int]] = {}
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)

    def __len__(self) -> int:
        return len(self._articles)

    def add(self, article: Article) -> None:
        key = len(self._articles)
        self._articles.append(article)
        fingerprint = _fingerprint(article.body)
        self._by_url.setdefault(normalise_url(article.url), []).append(key)
        self._by_text.setdefault(fingerprint.text_hash, []).append(key)
        self._lsh.insert(key, fingerprint.minhash, check_duplication=False)

    def extend(self, articles: Iterable[Article]) -> None:
        for article in articles:
            self.add(article)

    def _earliest(self, keys: Iterable[int]) -> Article | None:
        return min((self._articles[k] for k in keys), key=_age, default=None)

    def find(self, candidate: Article) -> tuple[str, str] | None:
        """(reason, id of the earliest matching article), or None when the candidate is new."""
        match = self._earliest(self._by_url.get(normalise_url(candidate.url), ()))
        if match is not None:
            return SAME_URL, match.id
        fingerprint = _fingerprint(candidate.body)
        match = self._earliest(self._by_text.get(fingerprint.text_hash, ()))
        if match is not None:
            return SAME_TEXT, match.id
        near = [
            key
            for key in self._lsh.query(fingerprint.minhash)
            if jaccard(fingerprint.shingles, _fingerprint(self._articles[key].body).shingles) >= self.threshold
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
    index = DuplicateIndex(threshold)
    index.extend(a for a in existing if a is not candidate)
    return index.find(candidate)


def canonical_map(articles: list[Article], threshold: float = NEAR_DUPLICATE_THRESHOLD) -> dict[str, str]:
    """Map each duplicate or syndicated copy's id to the id of the earliest article telling the same story.

    Articles are taken oldest first (published, then id); each is compared with all older ones, so the map
    always points at the earliest article of a group, even along a chain of copies of copies. Originals are
    not in the map.
    """
    index = DuplicateIndex(threshold)
    mapping: dict[str, str] = {}
    for article in sorted(articles, key=_age):
        found = index.find(article)
        if found is not None and found[1] != article.id:
            original = found[1]
            mapping[article.id] = mapping.get(original, original)
        index.add(article)
    return mapping
