"""The one text toolkit: sentences, words and stop words, for chunking, search, entities, moves and answers.

* :func:`split_sentences` splits prose into sentences (Markdown paragraphs, list items and headings end one);
* :func:`words` splits text into lower-case words that keep their inner ``' . -`` ("xai", "h-1b", "u.s",
  "o'brien"), without a possessive "'s"; :func:`word_parts` cuts such a word at that punctuation, for matching
  the parts of a compound ("co-founder" ~ "founder");
* :data:`STOP_WORDS` are the English function words; each variant below says why it differs.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator

import Stemmer


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of text, as a set: for writing word lists compactly."""
    return frozenset(text.split())


# ------------------------------------------------------------------------------------------ sentences

# Abbreviations after which a full stop does not end a sentence (lower case, without the stop).
ABBREVIATIONS = word_set(
    "mr mrs ms dr prof sr jr st gen gov sen rep inc corp ltd co dept vs etc e.g i.e no fig approx est mt ft "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
# A paragraph, a list item or a heading starts a new block; a sentence never spans two.
_BLOCK_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:#|[-*+•]\s|\d+[.)]\s))")
_LIST_MARKER = re.compile(r"^(?:[-*+•]|\d+[.)])\s+")
_HEADING = re.compile(r"^#+\s*")
# End punctuation, closing quotes or brackets, space, then what can open a sentence: "... billion. $3 more".
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-Þ$€£¥])")
# Initials and initialisms: "J", "U.S", "a.m".
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")


def _is_abbreviation(before: str) -> bool:
    """Whether the word ending just before a full stop is an abbreviation or an initial ("Dr", "U.S")."""
    parts = before.split()
    if not parts:
        return False
    word = parts[-1].strip("()[]\"'“”‘’").lower()
    return word in ABBREVIATIONS or bool(_INITIALS.fullmatch(word))


def _split_block(block: str) -> Iterator[str]:
    start = 0
    for match in _BOUNDARY.finditer(block):
        if block[match.start()] == "." and _is_abbreviation(block[start : match.start()]):
            continue
        sentence = block[start : match.end()].strip()
        if sentence:
            yield sentence
        start = match.end()
    tail = block[start:].strip()
    if tail:
        yield tail


def split_sentences(text: str) -> list[str]:
    """Sentences of prose, each with its end punctuation and closing quotes, whitespace collapsed.

    Paragraphs, list items and headings always end a sentence (their markers are dropped); inside a block a
    sentence ends at . ! ? before a capital, digit, currency sign or opening quote, but not after an
    abbreviation or initial ("Dr.", "U.S.", "J."). Decimals ("1.5 billion") never end one."""
    sentences: list[str] = []
    for raw in _BLOCK_BREAK.split(text):
        block = _HEADING.sub("", _LIST_MARKER.sub("", raw.strip()))
        sentences.extend(_split_block(" ".join(block.split())))
    return sentences


# ------------------------------------------------------------------------------------------ words

# Letters and digits, with ' . - allowed inside: "h-1b", "u.s", "o'brien", "14.3".
_WORD = re.compile(r"\w[\w'.-]*\w|\w")
_WORD_PUNCTUATION = re.compile(r"[.'-]")


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for every word of text; offsets are into ``text.lower()``."""
    lowered = text.lower().replace("’", "'")
    for match in _WORD.finditer(lowered):
        yield match.start(), match.end(), match.group(0).removesuffix("'s")


def fold_accents(word: str) -> str:
    """The word without its accents, as typed on a plain keyboard: "dollár" -> "dollar"."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Lower-case words: "xAI's H-1B visa" -> ["xai", "h-1b", "visa"]."""
    found = _WORD.findall(text.lower().replace("’", "'"))
    return [word.removesuffix("'s") if "'" in word else word for word in found]


def word_pairs(text: str) -> set[str]:
    """The pairs of neighbouring words of a text, as "first second": "JD.com's Explore Academy" ->
    {"jd.com explore", "explore academy"}."""
    found = words(text)
    return {f"{a} {b}" for a, b in itertools.pairwise(found)}


def word_parts(word: str) -> list[str]:
    """The parts of a word between its inner punctuation: "h-1b" -> ["h", "1b"], "u.s" -> ["u", "s"]."""
    if word.isalnum():
        return [word]
    return [part for part in _WORD_PUNCTUATION.split(word) if part]


# ------------------------------------------------------------------------------------------ stop words

# English function words: articles, pronouns, prepositions, conjunctions, auxiliaries, question words.
STOP_WORDS = word_set(
    "a about above after again against all am an and any are as at be because been before being below "
    "between both but by can could did do does doing down during each few for from further had has have "
    "having he her here hers herself him himself his how i if in into is it its itself just me more most my "
    "myself no nor not now of off on once only or other our ours ourselves out over own same she should so "
    "some such than that the their theirs them themselves then there these they this those through to too "
    "under until up very was we were what when where which while who whom why will with would you your "
    "yours yourself yourselves"
)
# How people ask rather than what they ask about: "tell me the latest news on ...", "whats new".
REQUEST_WORDS = word_set("tell please know anything thing things whats hows also get got give latest news")
MONTHS = word_set("january february march april may june july august september october november december")
SHORT_MONTHS = word_set("jan feb mar apr may jun jul aug sep sept oct nov dec")
# A month's name as the articles write it, in full or short ("Sept."), for patterns of dates...
MONTH_NAMES = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# ...and its number, by its first three letters in lower case.
MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
DAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
SHORT_DAYS = word_set("mon tue wed thu fri sat sun")

# BM25 terms: a passage or question word that says nothing of the topic is no term. Less "from", which the
# keyword index has always kept: this list decides the stored index, and a change moves every BM25 score.
SEARCH_STOP_WORDS = (STOP_WORDS - {"from"}) | REQUEST_WORDS

# Word overlap between a question and a sentence is unweighted, unlike BM25 (which discounts common words
# by their frequency), so the quantity words of "how much/how many" questions must go as well.
# ...and the first part of a negation typed short ("didn't": "didn"), which no article's topic has.
OVERLAP_STOP_WORDS = (
    STOP_WORDS
    | REQUEST_WORDS
    | word_set("much many didn doesn don isn wasn weren aren hasn haven hadn wouldn couldn shouldn")
)

# Words written with a capital in a question that name nobody: openers and greetings ("Hi, who ..."),
# dates, and abbreviations that look like names ("AI", "H-1B", "CEO").
QUESTION_STOP_WORDS = (
    STOP_WORDS
    | REQUEST_WORDS
    | word_set("show list anyone since ok okay hi hello hey thanks")
    | word_set("ai us u.s uk eu ceo cto phd vp llm llms gpu gpus h-1b q1 q2 q3 q4 faq gpt ml rl")
    | MONTHS
    | SHORT_MONTHS
    | DAYS
    | SHORT_DAYS
)

# Words that are often part of a name but never identify one on their own: function words, common English
# words ("Safe Superintelligence", "Thinking Machines") and frequent given names and surnames ("Chen").
AMBIGUOUS_NAME_WORDS = STOP_WORDS | word_set(
    "safe scale thinking machines open deep mind seed star top talent data mark character answers knowledge "
    "information core explore fair tbd young "
    "chen wang li yu zhou lin sun ren bi lu wu xu tan luo guo yang zhang liu fu yao yan bo hui lee chang zhao "
    "kumar frank chu john daniel jack sam andrew noam peter james adam tim tom ji hao"
)

# Capitalised words that open a sentence or describe someone ("However", "Sources", "Former", "Rival"):
# never part of a person's or an organisation's name in news text. Case-sensitive, unlike the lists above;
# the function words are capitalised, less "will" (a given name: "Will Depue"); full month names only, as
# "Jan" is a given name too.
NAME_STOP_WORDS = (
    frozenset(word.capitalize() for word in STOP_WORDS - {"will"})
    | word_set(
        "Last Earlier Later Meanwhile Separately Also However Now Today Yesterday Sources Source Analysts "
        "Reports According Since Whether Unless Although Though Might"
    )
    | frozenset(day.capitalize() for day in DAYS)
    | frozenset(month.capitalize() for month in MONTHS)
    | word_set("Former Ex Startup Company Firm Rival Chinese American French British European Tech Giant")
)


# ------------------------------------------------------------------------------------------ topic words

# A word's first letters stand for it, a crude stem: "researchers" and "research" are both "resear".
STEM_LETTERS = 6


def content_words(text: str) -> set[str]:
    """The topic words of text, for word overlap between a question and a sentence: the parts of its words,
    less stop words and single characters, cut to their first STEM_LETTERS letters."""
    return {
        part[:STEM_LETTERS]
        for word in words(text)
        for part in word_parts(word)
        if len(part) > 1 and part not in OVERLAP_STOP_WORDS
    }


@functools.cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def stem(word: str) -> str:
    """A lower-case word's Snowball (English) stem: the one stemmer of BM25, the lexicon and the English check."""
    stemmed: str = _stemmer().stemWord(word)
    return stemmed


def stem_words(words: list[str]) -> list[str]:
    stemmed: list[str] = _stemmer().stemWords(words)
    return stemmed


def whole_words(phrases: Iterable[str], *, ignore_case: bool = False) -> re.Pattern[str]:
    """A pattern finding any of the phrases as whole words ("Wu" in "Wu reports", not in "would"; "Guo" not in
    "Guo-led"); it finds nothing when there are none."""
    alternatives = "|".join(rf"(?<![\w-]){re.escape(p)}(?![\w-])" for p in phrases if p)
    return re.compile(alternatives or r"(?!)", re.I if ignore_case else 0)
