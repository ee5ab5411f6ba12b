""" "Microsoft-Inflection vs Google-Windsurf, which licence fee was bigger?", "anthropic or deepmind, who keeps
staff longer", "typical enterprise ml engineer pay vs frontier lab pay": one thing asked of two sides. Each
side is searched on its own (with what is asked of both) and answered with its best sentence, the one
carrying a figure when the question weighs sizes, each cited. Two companies compared with nothing in
particular asked ("meta vs openai") get the table of `compare.Compare`."""

from __future__ import annotations

from functools import partial

from answer.context import Context
from answer.extractive import rank_candidates
from answer.facts import SHARE
from answer.kinds.base import CERTAIN
from answer.kinds.extractive import search_each
from answer.kinds.not_found import NOT_FOUND
from answer.kinds.side_figures import has_figure, in_articles, share_of, weighs
from answer.kinds.sides import asked_sides, content_of, names_of
from answer.model import Answer, AnswerKind, Citations, Line, refusal
from answer.passages import Candidate, after_index, shares_text
from answer.query import Question
from answer.synonyms import place_names, with_same_meaning
from corpus.entities import Entity
from corpus.text import content_words
from index.search import Hit

# Sentences per side: a figure and the sentence that explains it.
SIDE_SENTENCES = 1


# A sentence naming both sides ("OpenAI retained 67% and Meta 64%") answers the question at once, when it
# ranks this high among the sentences found for the whole question (else for each side) and shares a word
# with the question besides the names (or a word meaning the same: "kept" for "retention").
BOTH_RANK = 8


def _marks(labels: tuple[str, str], named: list[list[Entity]]) -> list[list[frozenset[str]]]:
    """What shows a sentence is about each side when the side names no company or person: a topic word it
    has and the other side has not ("supply" and "demand" for "hpc engineer supply vs demand"), or the full
    name of a place it writes short ("United States" for "the us"); each mark a set of words all present."""
    words = [content_words(" ".join(content_of(label))) for label in labels]
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
    asked = with_same_meaning(
        content_words(" ".join(content_of(q.text))) - content_words(" ".join(names_of(q)))
    )
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
        # OpenAI's stock pay; nor "what groq was valued at" (a name both sides have) by ByteDance's options.
        within = [_articles_naming(side, ctx) for side in found_in]
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
                shared = _own_share(ctx, chosen, named[i]) if sizes == "share" and named[i] else []
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
            if sizes == "share" and named[i]:
                ranked = _sides_own_share(ctx, chosen, ranked, named[i]) or ranked
            elif sizes == "amount" and named[i] and named[1 - i]:  # not TML's round told in Ineffable's story
                ranked = _sides_own_amount(ctx, chosen, ranked, named[i], named[1 - i])
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


def _own_share(ctx: Context, chosen: list[Candidate], side: list[Entity]) -> list[Candidate]:
    """The side's own share in the articles the whole question found relevant (the survey's)."""
    found = [h.article_id for h in ctx.retrieval.hits if h.dense >= ctx.threshold]
    return in_articles(ctx, chosen, found, partial(share_of, side=side, ctx=ctx))


def _sides_own_share(
    ctx: Context, chosen: list[Candidate], ranked: list[Candidate], side: list[Entity]
) -> list[Candidate]:
    """A sentence giving the side's own share, right after its name ([]: none found): first in the articles
    the whole question found ("Meta 64%" further on in the survey), then among those found for the side (not
    "the company cut 14% of its staff")."""
    return _own_share(ctx, chosen, side) or [c for c in ranked if share_of(c.text, side, ctx)][:1]


# The articles of a side's best sentences read further for its own figure.
FIGURE_ARTICLES = 3


def _sides_own_amount(
    ctx: Context, chosen: list[Candidate], ranked: list[Candidate], side: list[Entity], other: list[Entity]
) -> list[Candidate]:
    """The side's sentences less those about the other side; led, when the best left does not name the side,
    by the first sentence naming it with a figure in the articles of its best ones ("Ineffable ... has raised
    $1.1 billion", further on in its story)."""
    kept = [c for c in ranked if not _of_other_side(ctx, c.text, side, other)] or ranked
    if kept and _names_side(kept[0].text, _said(kept[0].text, ctx), side, []):
        return kept
    articles = (c.article_id for c in ranked[:FIGURE_ARTICLES])
    return in_articles(ctx, chosen, articles, partial(_figure_of, ctx, side)) or kept


def _figure_of(ctx: Context, side: list[Entity], sentence: str) -> bool:
    """Does the sentence name the side and carry a figure?"""
    return has_figure(sentence, ctx, "amount") and _names_side(sentence, _said(sentence, ctx), side, [])


def _of_other_side(ctx: Context, sentence: str, side: list[Entity], other: list[Entity]) -> bool:
    """Does the sentence name the other side and not this one ("Thinking Machines Lab ... raised about $2
    billion", told in an article about Ineffable)?"""
    said = _said(sentence, ctx)
    return _names_side(sentence, said, other, []) and not _names_side(sentence, said, side, [])


def _said(sentence: str, ctx: Context) -> list[Entity]:
    return [m.entity for m in ctx.state.entities.find(sentence)]
