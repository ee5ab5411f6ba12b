"""Follow-ups that ask the last question again another way: "why?", "and when?" ("who did ByteDance hire from
Alibaba?" -> "why did ByteDance hire from Alibaba?"), "and the other way round?" (the two companies swapped)."""

from __future__ import annotations

import re

from answer.query import Question
from corpus.entities import Mention

# "why?", "and when?", "how much?": the previous question asked another way.
_WH_ONLY = re.compile(
    r"^\W*(?:and|but|so|ok|okay)?\W*(why|when|where|how|how much|how many|who)"
    r"(?:\s+(?:was|is|did|does)\s+(?:that|this|it)(?:\s+happen)?)?\W*$",
    re.I,
)
# "and the other way round?", "vice versa?": the moves question with the two companies swapped.
_OTHER_WAY = re.compile(
    r"^\W*(?:and|but|so|ok|okay|what about|how about)?\W*(?:the\s+)?(?:other|opposite|reverse)\s+"
    r"(?:direction|way)(?:\s+(?:round|around))?\W*$|^\W*(?:and\s+)?(?:vice\s+versa|the\s+reverse)\W*$",
    re.I,
)
_ASKED = re.compile(
    r"^\W*(?:(?:and|but|so|ok|okay)\s+)?(?:who|what|why|when|where|which|how(?:\s+much|\s+many)?)\b(?=\s+(?:did|does|do|is|was|were|are|"
    r"has|have|had|will|can|could|would)\b)",
    re.I,
)


def asked_again(text: str, last: Question) -> str | None:
    """The last question asked with the follow-up's question word ("why?"); the follow-up itself when the last
    question cannot be asked that way; None when the follow-up is not a bare question word."""
    wh = _WH_ONLY.match(text)
    if wh is None:
        return None
    return _ask_instead(last.text, wh.group(1)) or text


def other_way(text: str, last: Question) -> str | None:
    """The last moves question with its two companies swapped ("vice versa?"); the follow-up itself when it
    has not one company each way; None when the follow-up does not ask the other way round."""
    if not _OTHER_WAY.match(text):
        return None
    return _swapped(last) or text


def _ask_instead(text: str, wh: str) -> str | None:
    """ "why?" after "who did ByteDance hire from Alibaba?" -> "why did ByteDance hire from Alibaba?"."""
    asked = _ASKED.match(text)
    return f"{wh.lower()}{text[asked.end() :]}" if asked else None


def _swapped(q: Question) -> str | None:
    """ "who did Meta hire from OpenAI?" -> "who did OpenAI hire from Meta?" (None: not one company each way)."""
    if len(q.origins) != 1 or len(q.destinations) != 1:
        return None
    first, second = sorted((q.origins[0], q.destinations[0]), key=lambda m: m.start)
    (a, b), (c, d) = span(q.text, first), span(q.text, second)
    return q.text[:a] + q.text[c:d] + q.text[b:c] + q.text[a:b] + q.text[d:]


def span(text: str, mention: Mention) -> tuple[int, int]:
    """Where a mention's words are in the text: from its start through the last word of its name, without
    the punctuation after it ("Google?" -> "Google")."""
    end = mention.start
    name_words = {w.lower() for w in mention.entity.name.split()} | mention.entity.keys
    name_words.add(text[mention.start : mention.end].lower())  # a short name: "ssi"
    for word in re.finditer(r"\S+", text[mention.start :]):
        core = word.group(0).rstrip("?,.!;:")
        if core.lower().removesuffix("'s").removesuffix("’s") not in name_words:
            break
        end = mention.start + word.start() + len(core)
    return mention.start, max(
        end, mention.start + min(len(mention.entity.name.split()[0]), mention.end - mention.start)
    )
