""" "Microsoft-Inflection vs Google-Windsurf, which licence fee was bigger?", "anthropic or deepmind, who keeps
staff longer", "typical enterprise ml engineer pay vs frontier lab pay": one thing asked of two sides. Each
side is searched on its own (with what is asked of both) and answered with its best sentence, the one
carrying a figure when the question weighs sizes, each cited. Two companies compared with nothing in
particular asked ("meta vs openai") get the table of `compare.Compare`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from answer.asks import AnswerType
from answer.context import Context
from answer.extractive import rank_candidates
from answer.facts import carries
from answer.kinds.base import CERTAIN
from answer.kinds.extractive import search_each
from answer.kinds.not_found import NOT_FOUND
from answer.model import Answer, AnswerKind, Citations, Line, refusal
from answer.query import Question
from corpus.entities import EntityIndex
from corpus.text import STOP_WORDS, word_set, word_spans

# "A vs B", "A versus B", "A compared with B".
_VERSUS = re.compile(r"\s+(?:vs\.?|versus|v\.|compared? (?:to|with)|against)\s+", re.I)
# "A or B, which/who ...?" and "which/who ..., A or B?".
_OR_THEN_WHICH = re.compile(r"^(?P<a>.+?)\s+or\s+(?P<b>[^,?]+?)\s*[,:-]\s*(?P<tail>(?:which|who)\b.+)$", re.I)
_WHICH_THEN_OR = re.compile(
    r"^(?P<tail>(?:which|who)\b[^,?]+?)\s*[,:-]\s*(?P<a>.+?)\s+or\s+(?P<b>.+?)$", re.I
)
# ...the words of weighing one against the other, which say nothing of what is compared.
_WEIGHING = STOP_WORDS | word_set(
    "which who whose whom was were is are more most less least bigger biggest larger largest higher "
    "highest lower smaller better worse longer shorter faster cheaper pricier one ones side overall vs "
    "versus compare compared comparison exactly roughly really actually"
)
# What the table of `compare.Compare` shows: asked alone of two companies, the table answers it.
TABLE_WORDS = word_set(
    "hiring hire hires hired talent moves move people staff poaching poached recruiting recruits leaders "
    "war wars battle race who's winning"
)
# A question weighing sizes asks for a figure from each side.
_SIZES = re.compile(
    r"\b(how (?:much|many)|bigger|biggest|larger|more|less|higher|lower|cheaper|pricier|cost\w*|fee|fees|pay|"
    r"paid|salar\w*|seed|round|raise[ds]?|valu\w*|worth|price|budget|share|percent|%|longer|shorter|faster|"
    r"slower|likel\w+|times|rate|ratio)",
    re.I,
)
# Sentences per side: a figure and the sentence that explains it.
SIDE_SENTENCES = 1


@dataclass(frozen=True)
class Sides:
    texts: tuple[str, str]  # what to search for each side: the side with what is asked of both
    labels: tuple[str, str]  # each side as the question names it


def _content(text: str) -> list[str]:
    return [w for _, _, w in word_spans(text) if w not in _WEIGHING]


def sides(q: Question, entities: EntityIndex) -> Sides | None:
    """The two sides of a question weighing one thing for each, or None."""
    text = q.text.strip(" ?!.")
    tail = ""
    parts = _VERSUS.split(text)
    if len(parts) == 2:
        a, b = parts
        if "," in b:
            b, tail = (p.strip() for p in b.split(",", 1))
    else:
        found = _OR_THEN_WHICH.match(text) or _WHICH_THEN_OR.match(text)
        if found is None:
            return None
        a, b, tail = found.group("a"), found.group("b"), found.group("tail")
    a, b = re.sub(r"^\s*(?:compare|comparing)\s+", "", a, flags=re.I).strip(), b.strip()
    if not a or not b:
        return None
    asked = " ".join(_content(tail))
    # A side that is only a name stands in for the other side's name: "meta vs tml staff turnover" asks about
    # Meta's staff turnover, "how many spacexai leavers went to meta vs tml" about those who went to TML.
    if _bare(a, entities) and not _bare(b, entities):
        start, end = _name_span(b, entities, last=False)
        a = f"{b[:start]}{a}{b[end:]}"
    elif _bare(b, entities) and not _bare(a, entities):
        start, end = _name_span(a, entities, last=True)
        b = f"{a[:start]}{b}{a[end:]}"
    texts = (f"{a} {asked}".strip(), f"{b} {asked}".strip())
    if not (set(_content(texts[0])) | set(_content(texts[1]))) - TABLE_WORDS - _names(q):
        return None
    return Sides(texts, (a, b))


def asked_sides(q: Question, ctx: Context) -> Sides | None:
    """`sides` of the question, worked out once (`Compare` and `SideBySide` both ask)."""
    return ctx.once("sides", lambda: sides(q, ctx.state.entities))


def _bare(side: str, entities: EntityIndex) -> bool:
    """Is the side only a name ("meta", "thinking machines", "the us")?"""
    named = {w for m in entities.find(side) for w in m.entity.keys}
    return len(side.split()) == 1 or not [w for w in _content(side) if w not in named]


def _name_span(side: str, entities: EntityIndex, *, last: bool) -> tuple[int, int]:
    """Where the side names its first (or last) company or person; else its first (or last) word."""
    found = entities.find(side)
    if found:
        m = found[-1] if last else found[0]
        return m.start, m.end
    spans = [(a, b) for a, b, _ in word_spans(side)]
    return spans[-1] if last else spans[0]


def _names(q: Question) -> set[str]:
    return {w for m in q.mentions for w in (*m.entity.keys, *(w for _, _, w in word_spans(m.entity.name)))}


class SideBySide:
    """One thing asked of two sides: each side's best sentence, searched on its own."""

    kind = AnswerKind.EXTRACTIVE

    def match(self, q: Question, ctx: Context) -> float | None:
        if q.unknown_names:
            return None  # `Compare` or `UnknownName` says which it has no articles about
        return CERTAIN if asked_sides(q, ctx) is not None else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        found = asked_sides(q, ctx)
        assert found is not None
        sizes = bool(_SIZES.search(q.text))
        cites = Citations(ctx.state.data.articles)
        lines: list[Line] = []
        unfound = []
        searches = search_each(q, ctx, list(found.texts), scoped=False)
        for text, label, (vector, searched) in zip(found.texts, found.labels, searches, strict=True):
            if searched.score < ctx.threshold:
                unfound.append(label)
                continue
            ranked = rank_candidates(text, vector, [ctx.state.retrieved(h) for h in searched.hits])
            shown = {line.text for line in lines}
            ranked = [c for c in ranked if c.text not in shown]
            if sizes:
                ranked = [
                    c for c in ranked if carries(c.text, AnswerType.AMOUNT, ctx.state.entities)
                ] or ranked
            lines += [Line(c.text, (cites.cite(c.article_id),)) for c in ranked[:SIDE_SENTENCES]]
        if not lines:
            return refusal(q.text, NOT_FOUND, AnswerKind.NOT_FOUND)
        note = f"I found nothing in my articles on {' or '.join(unfound)}." if unfound else ""
        return Answer(
            question=q.text,
            answered=True,
            kind=self.kind,
            intro="Side by side, from my articles:",
            lines=tuple(lines),
            sources=cites.sources(),
            note=note,
        )
