""" "Microsoft-Inflection vs Google-Windsurf, which licence fee was bigger?", "anthropic or deepmind, who keeps
staff longer", "typical enterprise ml engineer pay vs frontier lab pay": one thing asked of two sides. Each
side is searched on its own (with what is asked of both) and answered with its best sentence, the one
carrying a figure when the question weighs sizes, each cited. Two companies compared with nothing in
particular asked ("meta vs openai") get the table of `compare.Compare`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from answer.context import Context
from answer.cues import FIRST_PERSON
from answer.extractive import rank_candidates
from answer.facts import SHARE
from answer.follow_topics import PLACES
from answer.kinds.base import CERTAIN
from answer.kinds.extractive import search_each
from answer.kinds.not_found import NOT_FOUND
from answer.kinds.side_figures import has_figure, in_articles, share_of, weighs
from answer.model import Answer, AnswerKind, Citations, Line, refusal
from answer.passages import Candidate, after_index, shares_text
from answer.query import Question
from answer.synonyms import place_names, with_same_meaning
from corpus.entities import Entity, EntityIndex
from corpus.text import STOP_WORDS, content_words, word_set, word_spans
from index.search import Hit

# "A vs B", "A versus B", "A v B", "A compared with B".
_VERSUS = re.compile(r"\s+(?:vs\.?|versus|v\.?|compared? (?:to|with)|against)\s+", re.I)
# "A or B, which/who ...?" and "which/who ..., A or B?".
_ASKING = r"(?:which|who|who's|whos|where|what|how)\b"
_OR_THEN_WHICH = re.compile(
    rf"^(?P<a>.+?)\s+or\s+(?P<b>[^,?]+?)(?:\s*[,:-]\s*|\s+)(?P<tail>{_ASKING}.+)$", re.I
)
_WHICH_THEN_OR = re.compile(rf"^(?P<tail>{_ASKING}[^,?]+?)\s*[,:-]\s*(?P<a>.+?)\s+or\s+(?P<b>.+?)$", re.I)
# "is A better than B at X", "how do A and B differ in X", "difference between A and B on X".
_BETTER_THAN = re.compile(
    r"^(?:is|are|was|does|do|did)\s+(?P<a>.+?)\s+(?:(?:doing\s+)?(?:better|worse|stronger|weaker|ahead of|"
    r"behind)|(?:paying|offering|hiring)\s+more)\s+(?:than\s+)?(?P<b>.+?)"
    r"(?:\s+(?:at|in|on|for|when it comes to)\s+(?P<tail>.+))?$",
    re.I,
)
_DIFFER = re.compile(
    r"^(?:how\s+)?(?:do|does|did)\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s+(?:differ|compare|stack up)"
    r"(?:\s+(?:in|on|at|for|when it comes to)\s+(?P<tail>.+))?$|"
    r"^(?:what(?:'s|s| is| are)?\s+)?(?:the\s+)?differences?\s+between\s+(?P<a2>.+?)\s+and\s+(?P<b2>.+?)"
    r"(?:\s+(?:in|on|at|for|when it comes to)\s+(?P<tail2>.+))?$",
    re.I,
)
# "<subject> before vs after <event>": one subject over time.
_BEFORE_AFTER = re.compile(r"\b(?:before|previously|then|old)\s*$", re.I)
_AFTER = re.compile(r"\s*(?:after|now|new|today)\b", re.I)
# ...the words of weighing one against the other, which say nothing of what is compared.
_WEIGHING = STOP_WORDS | word_set(
    "which who whose whom was were is are more most less least bigger biggest larger largest higher "
    "highest lower smaller better worse longer shorter faster cheaper pricier one ones side overall vs "
    "versus compare compared comparison exactly roughly really actually"
)
# What the table of `compare.Compare` shows: asked alone of two companies, the table answers it.
TABLE_WORDS = word_set(
    "hiring hire hires hired talent moves move people staff poaching poached recruiting recruits leaders "
    "war wars battle race who's winning win wins ahead lead leading doing stack stacks up ai overall general "
    "strategy strategies approach approaches compete competing competition rivals rivalry differ difference "
    "differences"
)
# A country or region named as a side: "germany vs the us".
_PLACE = re.compile(rf"\b(?:{'|'.join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))})\b", re.I)
# Sentences per side: a figure and the sentence that explains it.
SIDE_SENTENCES = 1


@dataclass(frozen=True)
class Sides:
    texts: tuple[str, str]  # what to search for each side: the side with what is asked of both
    labels: tuple[str, str]  # each side as the question names it


def _content(text: str) -> list[str]:
    return [w for _, _, w in word_spans(text) if w not in _WEIGHING]


# The asker speaking of themselves: a remark before the question, not one of two sides.
_REMARK = re.compile(rf"\b(?:{FIRST_PERSON})\b", re.I)


def weighed(text: str) -> tuple[str, str, str] | None:
    """The two sides of a question that weighs one against the other, and what it asks of both ("" when
    nothing in particular): "meta vs openai", "is anthropic better than openai at keeping people"."""
    text = text.strip(" ?!.")
    tail = ""
    parts = _VERSUS.split(text)
    if len(parts) == 2:
        a, b = parts
        if "," in b or ":" in b:  # "meta vs tml, who...", "microsoft vs google deepmind: who's poaching who"
            b, tail = (p.strip() for p in re.split(r"[,:]", b, maxsplit=1))
            if _REMARK.search(b):
                return None  # "the altman vs bosworth drama confuses me, what did meta's cto claim": a remark
    else:
        found = _OR_THEN_WHICH.match(text) or _WHICH_THEN_OR.match(text)
        if found is not None:
            a, b, tail = found.group("a"), found.group("b"), found.group("tail")
        elif (found := _BETTER_THAN.match(text) or _DIFFER.match(text)) is not None:
            groups = found.groupdict()
            a, b = groups["a"] or groups["a2"], groups["b"] or groups["b2"]
            tail = groups["tail"] or groups.get("tail2") or ""
        else:
            return None
    a, b = re.sub(r"^\s*(?:compare|comparing)\s+", "", a, flags=re.I).strip(), b.strip()
    if _BEFORE_AFTER.search(a) and _AFTER.match(b):
        return (
            None  # "bytedance vesting before vs after the overhaul": one subject at two times, no two sides
        )
    # What is asked may come first: "among the most elite ai researchers, chinese vs american share".
    before, comma, a_side = a.rpartition(",")
    if comma and before.strip() and a_side.strip():
        a, tail = a_side.strip(), f"{tail} {before.strip()}".strip()
    return (a, b, tail) if a and b else None


def sides(q: Question, entities: EntityIndex) -> Sides | None:
    """The two sides of a question weighing one thing for each, or None (no sides, or nothing in particular
    asked of them: `compare.Compare`'s table)."""
    found = weighed(q.text)
    if found is None:
        return None
    a, b, tail = found
    asked = " ".join(_content(tail))
    # A side that is only a name stands in for the other side's name: "meta vs tml staff turnover" asks about
    # Meta's staff turnover, "how many spacexai leavers went to meta vs tml" about those who went to TML.
    if _bare(a, entities) and not _bare(b, entities):
        start, end = _name_span(b, entities, last=False)
        a = f"{b[:start]}{a}{b[end:]}"
    elif _bare(b, entities) and not _bare(a, entities):
        start, end = _name_span(a, entities, last=True)
        b = f"{a[:start]}{b}{a[end:]}"
    else:
        a, b = _shared_ends(a, b, entities)
    texts = (f"{a} {asked}".strip(), f"{b} {asked}".strip())
    if not (set(_content(texts[0])) | set(_content(texts[1]))) - TABLE_WORDS - _names(q):
        return None
    return Sides(texts, (a, b))


# Whose figures a comparison asks for, after its sides: "per signalfire", "according to manpowergroup".
_SOURCE = re.compile(r"\s*(?:per|according to|says?|by|in)\b", re.I)


def _shared_ends(a: str, b: str, entities: EntityIndex) -> tuple[str, str]:
    """Sides asked as "<what> <name> vs <name> <whose figures>" ("two year retention anthropic vs meta per
    signalfire"): what comes before the first side's name and after the second's is asked of both."""
    a_start, a_end = _name_span(a, entities, last=True)
    b_start, b_end = _name_span(b, entities, last=False)
    named = entities.find(a) and entities.find(b)
    if not named or a[a_end:].strip() or b[:b_start].strip():
        return a, b
    before, after = a[:a_start], b[b_end:]
    if entities.find(before) or (entities.find(after) and not _SOURCE.match(after)):
        return a, b  # "google for windsurf or nvidia for groq": two deals, each side its own
    return f"{before}{a[a_start:a_end]}{after}", f"{before}{b[b_start:b_end]}{after}"


def aspect_words(q: Question) -> set[str]:
    """What a comparison asks of the companies besides what the table shows ("two year retention")."""
    return set(_content(q.text)) - TABLE_WORDS - _names(q) - _CUE_WORDS


# Words that ask for a comparison, not what of.
_CUE_WORDS = word_set("compare compared comparing comparison side head v")


def asked_sides(q: Question, ctx: Context) -> Sides | None:
    """`sides` of the question, worked out once (`Compare` and `SideBySide` both ask)."""
    return ctx.once("sides", lambda: sides(q, ctx.state.entities))


def _bare(side: str, entities: EntityIndex) -> bool:
    """Is the side only a name ("meta", "thinking machines", "the us")?"""
    named = {w for m in entities.find(side) for w in m.entity.keys}
    return len(side.split()) == 1 or not [w for w in _content(side) if w not in named]


def _name_span(side: str, entities: EntityIndex, *, last: bool) -> tuple[int, int]:
    """Where the side names its first (or last) company, person or place ("the us on hiring difficulty in
    manpowergroup's survey": "the us"); else its first (or last) word."""
    named = sorted(
        [(m.start, m.end) for m in entities.find(side)]
        + [(p.start(), p.end()) for p in _PLACE.finditer(side)]
    )
    if named:
        return named[-1] if last else named[0]
    spans = [(a, b) for a, b, _ in word_spans(side)]
    return spans[-1] if last else spans[0]


def _names(q: Question) -> set[str]:
    return {w for m in q.mentions for w in (*m.entity.keys, *(w for _, _, w in word_spans(m.entity.name)))}


# A sentence naming both sides ("OpenAI retained 67% and Meta 64%") answers the question at once, when it
# ranks this high among the sentences found for the whole question (else for each side) and shares a word
# with the question besides the names (or a word meaning the same: "kept" for "retention").
BOTH_RANK = 8


def _marks(labels: tuple[str, str], named: list[list[Entity]]) -> list[list[frozenset[str]]]:
    """What shows a sentence is about each side when the side names no company or person: a topic word it
    has and the other side has not ("supply" and "demand" for "hpc engineer supply vs demand"), or the full
    name of a place it writes short ("United States" for "the us"); each mark a set of words all present."""
    words = [content_words(" ".join(_content(label))) for label in labels]
    marks: list[list[frozenset[str]]] = []
    for i, side in enumerate(named):
        own = [frozenset({w}) for w in words[i] - words[1 - i]]
        places = [p for p in place_names(labels[i]) if p not in place_names(labels[1 - i])]
        marks.append([] if side else [*own, *places])
    return marks


def _names_side(sentence: str, said: list[Entity], side: list[Entity], marks: list[frozenset[str]]) -> bool:
    """Does the sentence name a company or person of the side (or, for a side naming none, one of its
    `marks`)?"""
    if side:
        return any(e.keys <= s.keys and e.kind == s.kind for e in side for s in said)
    have = content_words(sentence)
    return any(mark <= have for mark in marks)


def _naming_both(
    q: Question,
    ctx: Context,
    named: list[list[Entity]],
    marks: list[list[frozenset[str]]],
    sizes: str,
    more: list[Hit],
) -> Candidate | None:
    """The best sentence found for the question or its sides that names each side (`named`, or its `marks`),
    about what is asked (with a figure when sizes are weighed)."""
    asked = with_same_meaning(content_words(" ".join(_content(q.text))) - content_words(" ".join(_names(q))))
    if not all(side or mark for side, mark in zip(named, marks, strict=True)) or not asked:
        return None
    for hits in (ctx.retrieval.hits, more):
        passages = [ctx.state.retrieved(h) for h in hits]
        for c in rank_candidates(q.text, ctx.vector, passages)[:BOTH_RANK]:
            said = _said(c.text, ctx)
            if (
                asked & content_words(c.text)
                and all(
                    _names_side(c.text, said, side, mark) for side, mark in zip(named, marks, strict=True)
                )
                and (not sizes or has_figure(c.text, ctx, sizes))
                and (sizes != "share" or len(SHARE.findall(c.text)) >= len(named))
            ):
                return c
    return None


def _articles_naming(side: list[Entity], ctx: Context) -> set[str] | None:
    """The articles naming the companies of a side, in their lists or in their text ("Meta 64%" in a survey
    of other labs) (None: it names none)."""
    orgs = [e for e in side if e.kind == "org"]
    if not orgs:
        return None
    listed = set().union(*(ctx.state.mention_articles.get(e.keys, set()) for e in orgs))
    written = {a for a in ctx.state.data.articles for e in orgs if e.keys <= ctx.state.article_words(a)}
    return (listed | written) or None


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
        sizes = weighs(q.text)
        cites = Citations(ctx.state.data.articles)
        unfound = []
        found_in = [[m.entity for m in ctx.state.entities.find(label)] for label in found.labels]
        # ...a name both sides have is what is asked of them ("... in manpowergroup's survey"), not a side
        named = [
            [e for e in side if e not in other] for side, other in zip(found_in, found_in[::-1], strict=True)
        ]
        # Each side within the articles naming it, when it names a company: "moonshot pays" is not answered by
        # OpenAI's stock pay.
        within = [_articles_naming(side, ctx) for side in named]
        searches = search_each(q, ctx, list(found.texts), scoped=False, within=within)
        marks = _marks(found.labels, named)
        more = [h for _, searched in searches for h in searched.hits]
        both = _naming_both(q, ctx, named, marks, sizes, more)
        chosen = [both] if both else []
        for i, (text, label, (vector, searched)) in enumerate(
            zip(found.texts, found.labels, searches, strict=True)
        ):
            follower = self._follower(chosen, named[i], marks[i], sizes, ctx)
            if follower is not None:
                chosen.append(follower)
                continue
            if searched.score < ctx.threshold:
                # ...the side's own sentence in what the whole question found ("anthropic vs meta two year
                # retention": "Anthropic kept 80% of its employees for at least two years"), if any
                shared = in_articles(ctx, chosen, named[i]) if sizes == "share" and named[i] else []
                own = shared[0] if shared else self._in_question(q, ctx, chosen, named[i], sizes)
                if own is None:
                    unfound.append(label)
                else:
                    chosen.append(own)
                continue
            ranked = rank_candidates(text, vector, [ctx.state.retrieved(h) for h in searched.hits])
            ranked = [c for c in ranked if not any(shares_text(c, x) for x in chosen)]
            if not named[i] and marks[i]:  # "the us": a sentence about the United States, if any
                ranked = [c for c in ranked if _names_side(c.text, [], [], marks[i])] or ranked
            if sizes:
                ranked = [c for c in ranked if has_figure(c.text, ctx, sizes)] or ranked
            if sizes == "share" and named[i]:  # "Meta 64%", not "the company cut 14% of its staff"
                # ...first in the articles the whole question found (the survey's), then in the side's own
                ranked = (
                    in_articles(ctx, chosen, named[i])
                    or [c for c in ranked if share_of(c.text, named[i], ctx)][:1]
                    or ranked
                )
            chosen += ranked[:SIDE_SENTENCES]
        lines = [Line(c.text, (cites.cite(c.article_id),)) for c in chosen]
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

    def _follower(
        self,
        chosen: list[Candidate],
        side: list[Entity],
        marks: list[frozenset[str]],
        sizes: str,
        ctx: Context,
    ) -> Candidate | None:
        """The sentence after one already shown, when it is about this side, goes on with the same story
        ("Anthropic kept 80%..." "Google DeepMind was close behind at 78%"): it answers like for like."""
        for c in filter(None, (self._following(c, ctx) for c in chosen)):
            if (
                not any(shares_text(c, x) for x in chosen)
                and _names_side(c.text, _said(c.text, ctx), side, marks)
                and (not sizes or has_figure(c.text, ctx, sizes))
            ):
                return c
        return None

    @staticmethod
    def _in_question(
        q: Question, ctx: Context, chosen: list[Candidate], side: list[Entity], sizes: str
    ) -> Candidate | None:
        """The best sentence found for the whole question that names the side (with a figure when sizes are
        weighed), not shown yet; None for a side naming no company or person, or when there is none."""
        if not side or ctx.retrieval.score < ctx.threshold:
            return None
        ranked = rank_candidates(q.text, ctx.vector, [ctx.state.retrieved(h) for h in ctx.retrieval.hits])
        return next(
            (
                c
                for c in ranked
                if not any(shares_text(c, x) for x in chosen)
                and _names_side(c.text, _said(c.text, ctx), side, [])
                and (not sizes or has_figure(c.text, ctx, sizes))
            ),
            None,
        )

    @staticmethod
    def _following(c: Candidate, ctx: Context) -> Candidate | None:
        """The sentence after a chosen one in its article, as a candidate (None at the article's end)."""
        data = ctx.state.data
        sentences = data.sentences.get(c.article_id, [])
        after = after_index(c, sentences)
        if after >= len(sentences):
            return None
        vector = data.sentence_vectors[data.sentence_offsets[c.article_id] + after]
        return Candidate(0.0, sentences[after], c.article_id, vector, after)


def _said(sentence: str, ctx: Context) -> list[Entity]:
    return [m.entity for m in ctx.state.entities.find(sentence)]
