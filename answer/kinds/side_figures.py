"""What figure a question weighing two sides asks of each ("which seed was bigger": an amount; "who keeps staff
longer": a share) and which sentences give a side's own figure."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from answer.asks import AnswerType
from answer.context import Context
from answer.facts import RATE_ASKED, SHARE, carries
from answer.passages import Candidate, shares_text
from corpus.entities import Entity

# A question weighing sizes asks for a figure from each side (two deals weighed: their prices).
SIZES = re.compile(
    r"\b(how (?:much|many)|bigger|biggest|larger|more|less|higher|lower|cheaper|pricier|cost\w*|fee|fees|pay|sizes?|"
    r"paid|salar\w*|seed|round|raise[ds]?|valu\w*|worth|price|budget|share|percent|%|longer|shorter|faster|"
    r"slower|likel\w+|times|rate|ratio|retention|retain\w*|numbe?rs|figures|stats|data|keep\w*|deals?)",
    re.I,
)
# ...and one weighing rates asks for a share from each ("Anthropic kept 80%", "OpenAI retained 67%"), not any
# number.
RATES = re.compile(
    rf"{RATE_ASKED.pattern}|\b(?:retention|retain\w*|keep\w* (?:\w+ )?(?:staff|people|employees|talent))\b",
    re.I,
)
# A share is a side's when it follows the side's name this closely, with no other name between: "Anthropic
# kept 80%", "OpenAI retained 67%", "Google DeepMind was close behind at 78%"; not "from DeepMind, while
# Anthropic kept 80%".
SHARE_NEAR = 40


def share_of(sentence: str, side: list[Entity], ctx: Context) -> bool:
    """Does the sentence give a share right after naming the side?"""
    found = ctx.state.entities.find(sentence)
    ends = [m.end for m in found if any(e.keys <= m.entity.keys for e in side)]
    return any(
        0 <= share.start() - end <= SHARE_NEAR and not any(end < m.start < share.start() for m in found)
        for share in SHARE.finditer(sentence)
        for end in ends
    )


def weighs(text: str) -> str:
    """What figure a question weighing sizes asks of each side: "share" (a rate), "amount" (any figure), or ""
    (it weighs no sizes)."""
    return "share" if RATES.search(text) else "amount" if SIZES.search(text) else ""


def has_figure(sentence: str, ctx: Context, sizes: str) -> bool:
    """Does the sentence carry the figure `weighs` asks of a side?"""
    if sizes == "share":
        return bool(SHARE.search(sentence))
    return carries(sentence, AnswerType.AMOUNT, ctx.state.entities)


def in_articles(
    ctx: Context, chosen: list[Candidate], articles: Iterable[str], said: Callable[[str], bool]
) -> list[Candidate]:
    """The first sentence of the articles (in their order) that `said` accepts, not shown yet ([]: none): the
    side's own figure further on in an article than the passage found ("OpenAI retained 67% and Meta 64%" in
    the survey the whole question found)."""
    data = ctx.state.data
    for a in dict.fromkeys(articles):
        for i, sentence in enumerate(data.sentences.get(a, [])):
            if said(sentence):
                vector = data.sentence_vectors[data.sentence_offsets[a] + i]
                c = Candidate(0.0, sentence, a, vector, i)
                if not any(shares_text(c, x) for x in chosen):
                    return [c]
    return []
