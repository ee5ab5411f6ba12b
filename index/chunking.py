"""Split articles into sentence-aware, overlapping passages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.model import Article

CHUNKER_VERSION = "2"

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "inc",
    "corp",
    "ltd",
    "co",
    "vs",
    "etc",
    "no",
    "fig",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "approx",
    "est",
}
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9$€£¥])")


@dataclass(frozen=True)
class Passage:
    """A few consecutive sentences of one article."""

    article_id: str
    index: int
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def _ends_with_abbreviation(fragment: str) -> bool:
    words = fragment.rstrip().split()
    if not words:
        return False
    last = words[-1].rstrip(".").lower().strip("(\"'")
    # "U.S." / "a.m." style initialisms and single capitals ("J. Smith") do not end sentences.
    return last in _ABBREVIATIONS or bool(re.fullmatch(r"([a-z]\.)*[a-z]", last))


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences; Markdown paragraphs and list items always end a sentence."""
    sentences: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)", text):
        block = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", block.strip())
        block = re.sub(r"^#+\s*", "", block)
        block = " ".join(block.split())
        if not block:
            continue
        start = 0
        for match in _BOUNDARY.finditer(block):
            candidate = block[start : match.start()]
            if _ends_with_abbreviation(candidate):
                continue
            sentences.append(block[start : match.start()].strip())
            start = match.end()
        tail = block[start:].strip()
        if tail:
            sentences.append(tail)
    return [s for s in sentences if s]


def chunk_spans(sentences: list[str], max_words: int = 90, overlap: int = 1) -> list[tuple[int, int]]:
    """Group sentences into [start, end) windows of at most ~max_words, each sharing `overlap` with the last."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(sentences):
        words = 0
        j = i
        while j < len(sentences) and (j == i or words + len(sentences[j].split()) <= max_words):
            words += len(sentences[j].split())
            j += 1
        spans.append((i, j))
        if j >= len(sentences):
            break
        i = max(j - overlap, i + 1)
    return spans


def chunk_article(article: Article, max_words: int = 90, overlap: int = 1) -> list[Passage]:
    sentences = split_sentences(article.body)
    return [
        Passage(article.id, n, tuple(sentences[start:end]))
        for n, (start, end) in enumerate(chunk_spans(sentences, max_words=max_words, overlap=overlap))
    ]
