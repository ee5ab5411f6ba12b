"""What the engine knows: the index and everything derived from it, built once per index build."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from answer.family_names import family_first_names, family_name
from answer.leaders import company_leaders
from answer.lexicon import Lexicon
from answer.move_days import with_reported_days
from answer.moves import RecordedMove, collect_moves, reported_moves
from answer.passages import RetrievedPassage
from answer.pronouns import pronouns
from answer.spelling import Speller
from answer.typos import TypoFixer
from answer.unknown import versions
from corpus.entities import EntityIndex, key_tokens
from corpus.model import Article
from corpus.text import word_pairs, words
from index import store
from index.embedder import Embedder
from index.search import Hit

# Words written with a capital inside sentences: places and names that can single moves out ("Zurich").
_PROPER_NOUN = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]{2,})\b")
# A name written out in words with capitals: "The New York Times", "High-Performance Computing".
_TITLED = re.compile(r"\b[A-Z][a-z]+(?:[\s-]+(?:of |and |for )?[A-Z][a-z]+){2,}")
# Words left out of an acronym: "The New York Times" is "nyt".
_UNSPOKEN = frozenset({"the", "of", "and", "for"})
# An acronym has this many letters or more: two-letter ones ("ft") are too easily another word's.
MIN_ACRONYM = 3
# A word as written: "ChatGPT", "Nvidia", "users", "CEO".
_WRITTEN = re.compile(r"[A-Za-z][\w-]*")


def name_words(texts: Iterable[str]) -> set[str]:
    """Words the texts only ever write with a capital and not all in capitals: names ("Nvidia", "ChatGPT"),
    not everyday words (also written in lower case) or abbreviations ("CEO", "GPU")."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        for word in _WRITTEN.findall(text):
            if word.islower():
                lower.add(word)
            elif word[0].isupper() and not word.isupper():
                capitalised.add(word.lower())
    return capitalised - lower


def acronyms(articles: Iterable[Article]) -> set[str]:
    """How people shorten the names the articles write out: "nyt" (The New York Times), "scmp" (South China
    Morning Post, a publisher), "msl" (Meta Superintelligence Labs)."""
    names = [n for a in articles for n in (a.publisher, *a.companies, *a.people)]
    names += [m.group(0) for a in articles for m in _TITLED.finditer(a.body)]
    return {short for name in names if len(short := initials(name)) >= MIN_ACRONYM}


def initials(name: str) -> str:
    """A name shortened to the first letters of its spoken words: "msl" (Meta Superintelligence Labs), "nyt"
    (The New York Times)."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in _UNSPOKEN).lower()


@dataclass
class EngineState:
    """The loaded index plus the tables answers are built from: entities, moves, vocabulary, typo fixer."""

    data: store.IndexData
    entities: EntityIndex
    moves: list[RecordedMove]
    reports: list[RecordedMove]  # every report of every move, oldest article first (`reported_moves`)
    newest: dt.date | None
    vocabulary: set[str]
    lexicon: Lexicon
    typos: TypoFixer
    spelling: Speller
    proper_nouns: set[str]
    names: set[str]  # words written only as names ("nvidia", "chatgpt"), see `name_words`
    versions: set[str]  # products with the versions the articles name: "gpt4o", "gemini3"
    rows_by_article: dict[str, list[int]]
    # Articles by the key words of the names they list: "Meta" and "Meta Superintelligence Labs" are one.
    mention_articles: dict[frozenset[str], set[str]]
    pronouns: dict[str, str]  # "he" or "she", as the articles call each person they do
    family_first: dict[str, str]  # people the articles name again by their first word ("Guo Daya": "Guo")
    publishers: frozenset[str]  # the articles' publishers, in lower case
    _words_cache: dict[str, set[str]] = field(default_factory=dict)
    _pairs_cache: dict[str, set[str]] = field(default_factory=dict)
    _leaders: dict[str, str] | None = None
    _example_vectors: dict[tuple[str, ...], npt.NDArray[np.float32]] = field(default_factory=dict)

    @classmethod
    def from_index(cls, data: store.IndexData) -> EngineState:
        articles = list(data.articles.values())
        entities = EntityIndex.from_articles(articles)
        vocabulary = {w for a in articles for w in words(a.text)}
        names = name_words(a.text for a in articles)
        family_first = family_first_names(articles)
        mention_articles: dict[frozenset[str], set[str]] = {}
        for a in articles:
            for name in (*a.people, *a.companies):
                mention_articles.setdefault(key_tokens(name), set()).add(a.id)
        return cls(
            data=data,
            entities=entities,
            moves=with_reported_days(collect_moves(articles), data.sentences, family_first),
            reports=with_reported_days(reported_moves(articles), data.sentences, family_first),
            newest=max((a.published for a in articles), default=None),
            vocabulary=vocabulary,
            lexicon=Lexicon(vocabulary | set(entities.vocabulary) | acronyms(articles)),
            typos=TypoFixer(
                set(entities.vocabulary),
                vocabulary,
                [e.name for e in entities.entities if e.kind == "person"],
            ),
            spelling=Speller(
                [w for a in articles for w in words(" ".join((a.text, *a.tags)))] + list(entities.vocabulary),
                names=set(entities.vocabulary) | names,
            ),
            proper_nouns={m.group(1).lower() for a in articles for m in _PROPER_NOUN.finditer(a.body)},
            names=names,
            versions=versions((a.text for a in articles), names),
            rows_by_article=store.rows_by_article(data),
            mention_articles=mention_articles,
            pronouns=pronouns(articles, data.sentences, family_first),
            family_first=family_first,
            publishers=frozenset(a.publisher.lower() for a in articles),
        )

    def family_name(self, person: str) -> str:
        """The word the articles name the person by again (`answer.family_names`)."""
        return family_name(person, self.family_first)

    def article_words(self, article_id: str) -> set[str]:
        if article_id not in self._words_cache:
            self._words_cache[article_id] = set(words(self.data.articles[article_id].text))
        return self._words_cache[article_id]

    def leaders(self) -> dict[str, str]:
        """Who speaks for which company (`answer.leaders.company_leaders`), read once, when first asked."""
        if self._leaders is None:
            self._leaders = company_leaders(self.data.articles.values(), self.entities, self.moves)
        return self._leaders

    def article_pairs(self, article_id: str) -> set[str]:
        """The pairs of neighbouring words of an article (`corpus.text.word_pairs`), read once."""
        if article_id not in self._pairs_cache:
            self._pairs_cache[article_id] = word_pairs(self.data.articles[article_id].text)
        return self._pairs_cache[article_id]

    def passage_words(self, hit: Hit) -> set[str]:
        """The words of a hit's passage and of its article's title."""
        return set(words(self.data.passage_text(hit.row))) | set(
            words(self.data.articles[hit.article_id].title)
        )

    def example_vectors(self, embedder: Embedder, texts: tuple[str, ...]) -> npt.NDArray[np.float32]:
        """Unit vectors of example questions (the kinds' own, such as questions about the bot), embedded once
        with the engine's model."""
        if texts not in self._example_vectors:
            vectors = np.asarray(embedder.encode(list(texts)), dtype=np.float32)
            self._example_vectors[texts] = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        return self._example_vectors[texts]

    def retrieved(self, hit: Hit) -> RetrievedPassage:
        """A hit with its sentences and their vectors, for composing."""
        ref = self.data.passages[hit.row]
        rows = self.data.passage_sentence_rows(hit.row)
        return RetrievedPassage(
            article_id=hit.article_id,
            text=self.data.passage_text(hit.row),
            score=hit.dense,
            sentences=tuple(self.data.sentences[ref.article_id][ref.start : ref.end]),
            sentence_vectors=self.data.sentence_vectors[rows.start : rows.stop],
            start=ref.start,
        )

    def whole_article(self, hit: Hit) -> RetrievedPassage:
        """Every sentence of a hit's article: the reasons a why-question asks for are often in sentences that
        look little like the question ("Second, the supply of top researchers is small...")."""
        base = self.data.sentence_offsets[hit.article_id]
        sentences = self.data.sentences[hit.article_id]
        return RetrievedPassage(
            article_id=hit.article_id,
            text=" ".join(sentences),
            score=hit.dense,
            sentences=tuple(sentences),
            sentence_vectors=self.data.sentence_vectors[base : base + len(sentences)],
        )

    def best_passage(
        self, article_id: str, said: set[str], vector: npt.NDArray[np.float32]
    ) -> tuple[str, float] | None:
        """The passage of an article that best backs what a list answer says of it: most of the said words,
        then closest to the question."""
        rows = self.rows_by_article.get(article_id, [])
        if not rows:
            return None
        scores = self.data.passage_vectors[rows] @ vector
        best = max(
            range(len(rows)),
            key=lambda i: (len(said & set(words(self.data.passage_text(rows[i])))), float(scores[i])),
        )
        return self.data.passage_text(rows[best]), round(float(scores[best]), 4)
