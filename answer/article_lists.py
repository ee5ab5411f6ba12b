"""The lists an article announces or enumerates: "The letter set out several changes at once." followed by
the changes, "The first is speed..." by "The second is regulation...", and an explainer's list of reasons."""

from __future__ import annotations

import re
from collections.abc import Sequence

from answer.passages import SHORT_SENTENCE_WORDS, Candidate, after_index, sentence_groups
from corpus.text import content_words

# A sentence announcing a list ("set out several changes"), and a question asking what someone did.
_LIST_OPENER = re.compile(
    r"\b(several|a number of|a series of|a range of|multiple|two|three|four|five)\s+(?:[a-z-]+\s+)?"
    r"(changes|measures|steps|reforms|reasons|ways|moves|factors|tactics|things)\b",
    re.I,
)
# The first item of an enumeration, and a later one: the later items are shown with the first.
_FIRST_ITEM = re.compile(r"(The )?first(ly)?\b", re.I)
_LATER_ITEM = re.compile(r"(The )?(second|third|fourth|fifth|finally|lastly)\b", re.I)
_DOING = re.compile(r"\bwhat\b.*\b(did|does|do|will|has|have)\b.*\bdo\b", re.I)


# A list a chosen sentence announces is shown up to this many sentences (or pairs read together) long.
LIST_ITEMS = 3
# A later item of an enumeration is looked for this many sentence groups after the previous one at most.
ITEM_GAP = 2


def later_items(chosen: Candidate, article_sentences: Sequence[str]) -> list[tuple[str, str]]:
    """The items after a first one ("The first is speed..." -> "The second is regulation..."), each
    found within a few sentences of the previous."""
    rest = article_sentences[after_index(chosen, article_sentences) :]
    groups = [" ".join(rest[i] for i in g) for g in sentence_groups(rest)]
    items: list[tuple[str, str]] = []
    gap = 0
    for text in groups:
        if len(items) == LIST_ITEMS or gap > ITEM_GAP or text.rstrip().endswith("?"):
            break
        if _LATER_ITEM.match(text):
            items.append((text, chosen.article_id))
            gap = 0
        else:
            gap += 1
    return items


def continue_list(
    question: str, chosen: Candidate, article_sentences: Sequence[str]
) -> list[tuple[str, str]]:
    """When a chosen sentence announces the list the question asks for ("The letter set out several changes
    at once." for "what did ByteDance change?"), the sentences after it in its article: the list itself."""
    if _FIRST_ITEM.match(chosen.text):
        return later_items(chosen, article_sentences)
    opener = _LIST_OPENER.search(chosen.text)
    if opener is None:
        return []
    asked = {w.rstrip("s") for w in content_words(question)}
    listed = {w.rstrip("s") for w in content_words(opener.group(2))}
    if not listed & asked and not _DOING.search(question):
        return []
    rest = article_sentences[after_index(chosen, article_sentences) :]
    items = []
    for group in sentence_groups(rest)[:LIST_ITEMS]:
        text = " ".join(rest[i] for i in group)
        if text.rstrip().endswith("?"):
            break
        items.append((text, chosen.article_id))
    return items


# A paragraph introducing the reasons an article goes on to list: "Three explanations come up again and again."
_REASONS_INTRO = re.compile(r"\b(reasons?|explanations?|causes?|factors?|drivers?|why)\b", re.I)
# ...within this many sentences before the first one.
INTRO_WINDOW = 2


def listed_reasons(article_id: str, sentences: Sequence[str]) -> list[tuple[str, str]]:
    """When an article lists reasons ("Three explanations come up again and again." "First, demand rose very
    fast." ... "Second, ..."), the sentence announcing them, then each reason, a short one read with the
    sentence after it; else nothing."""
    for i, sentence in enumerate(sentences):
        before = [j for j in range(max(0, i - INTRO_WINDOW), i) if not sentences[j].endswith("?")]
        intro = [j for j in before if _REASONS_INTRO.search(sentences[j])]
        if not _FIRST_ITEM.match(sentence) or not intro:
            continue
        items = [i]
        for j in range(i + 1, len(sentences)):
            if sentences[j].endswith("?") or len(items) == LIST_ITEMS:
                break
            if _LATER_ITEM.match(sentences[j]):
                items.append(j)
        if len(items) < 2:
            continue
        texts = []
        for j in items:
            short = len(sentences[j].split()) < SHORT_SENTENCE_WORDS and j + 1 < len(sentences)
            read_on = short and j + 1 not in items and not sentences[j + 1].endswith("?")
            texts.append(" ".join(sentences[j : j + 2] if read_on else sentences[j : j + 1]))
        return [(text, article_id) for text in [sentences[intro[-1]], *texts]]
    return []
