""" "Compare Alibaba and Tencent", "Meta vs OpenAI": the companies side by side in a table, every fact cited."""

from __future__ import annotations

import re
import time

import numpy as np
import numpy.typing as npt

from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.kinds.leaders import _LEADER_ROLE as LEADING_ROLE
from answer.kinds.leaders import own_role
from answer.kinds.sides import asked_sides, aspect_words, weighed
from answer.kinds.subject import and_list, articles_about, names, sentences_naming, unknown_names
from answer.model import Answer, AnswerKind, Citations, Table, refusal
from answer.moves import RecordedMove, newest_first
from answer.query import Question
from answer.state import EngineState
from corpus.entities import Entity, EntityIndex, key_tokens, same_org
from corpus.text import word_spans, words

COMPARE_CUE = re.compile(
    r"\b(compar(?:e|es|ed|ing|ison)|vs\.?|versus|side by side|head to head)(?=\W|$)", re.I
)
# A phone shows this many companies side by side at most; the others are named in a note.
MAX_COMPANIES = 3
# Names shown in a row of moves, newest first (leaders with their role), shared among the companies: three
# each for two, two each for three. Each is cited, and a phone message holds only so many sources.
NAMES_PER_ROW = 6
MIN_NAMES = 2
# A pay sentence longer than this (words) is a paragraph in a table cell: a shorter one is preferred.
MAX_FACT_WORDS = 45
# A sentence about pay with an amount in it ("$100 million", "20%") is a better fact than one without.
AMOUNT_BONUS = 0.1
# Words that state pay or retention. An offer counts only with an amount close to it ("an offer of $1.5
# billion"): internships and places are offered too.
PAY_WORD = re.compile(
    r"\b(pay|paid|paying|payments?|payouts?|salar(?:y|ies)|compensation|bonus(?:es)?|packages?|stock|equity|"
    r"retention|retain\w*|incentives?|wages?|sign-on|signing)\b",
    re.I,
)
OFFER_WORD = re.compile(r"\boffer(?:s|ed|ing)?\b", re.I)
# How close (characters) a pay word must be to the company's name, and an offer's amount to the offer.
PAY_NEAR = 60
# A sentence opening with a pronoun ("It said...") leans on the one before it: a weaker fact on its own.
LEANS_BACK = re.compile(r"(It|He|She|They|This|That|These|Those)\b")
LEANS_BACK_PENALTY = 0.1
AMOUNT = re.compile(r"[$€£¥]\s?\d|\d\s?(%|per ?cent|million|billion|yuan)\b", re.I)
ROWS = (
    "Moves in",
    "Moves out",
    "Hired from the others",
    "Leaders hired",
    "Pay & retention",
    "Latest article",
)
# ...the third, for two companies: whom each hired from the other.
FROM_THE_OTHER = "Hired from the other"
NONE = "—"


def companies(q: Question) -> list[Entity]:
    """The organisations the question names, each once, in the order named."""
    found: list[Entity] = []
    for m in q.mentions:
        if m.entity.kind == "org" and all(e.keys != m.entity.keys for e in found):
            found.append(m.entity)
    return found


# A hire into a leading role counts as much as this many more articles reporting them: Tencent's new chief AI
# scientist is a notable hire however few articles name him.
LEADER_WEIGHT = 3


def notable_first(moves: list[RecordedMove], state: EngineState) -> list[RecordedMove]:
    """The moves (newest first) of the people the most articles name or report moving first, a leader's as if
    reported LEADER_WEIGHT more times: the names a reader knows ("Shengjia Zhao", "Ruoming Pang", "Yao
    Shunyu"), not the latest of a batch of hires."""
    reports: dict[str, set[str]] = {}
    leading: set[str] = set()  # given a leading role in any report of any of their moves
    for r in state.reports:
        reports.setdefault(r.move.person, set()).add(r.article_id)
        if LEADING_ROLE.search(own_role(r.move.role)):
            leading.add(r.move.person)

    def weight(r: RecordedMove) -> int:
        listed = state.mention_articles.get(key_tokens(r.move.person), set()) | reports[r.move.person]
        return len(listed) + (LEADER_WEIGHT if r.move.person in leading else 0)

    return sorted(moves, key=lambda r: -weight(r))  # stable: newest first among equals


def _moves_cell(moves: list[RecordedMove], cites: Citations, count: int, role: bool = False) -> str:
    shown = [
        f"{r.move.person}{', ' + r.move.role if role and r.move.role else ''} [{cites.cite(r.article_id)}]"
        for r in moves[:count]
    ]
    return f"{len(moves)}, notable: {'; '.join(shown)}" if moves else "none on record"


def org_positions(sentence: str, index: EntityIndex) -> list[tuple[int, Entity]]:
    """Where each organisation is named in the sentence, every time it is, in order."""
    orgs = [m.entity for m in index.find(sentence) if m.entity.kind == "org"]
    return [(start, e) for start, _, word in word_spans(sentence) for e in orgs if word in e.keys]


def states_pay(sentence: str, entity: Entity, index: EntityIndex) -> bool:
    """Does the sentence state this company's pay or retention? Each pay word belongs to the organisation
    named closest before it ("Meta offered $100 million to OpenAI staff" is Meta's), else closest after it."""
    named = org_positions(sentence, index)
    paid = [m.start() for m in PAY_WORD.finditer(sentence)]
    paid += [
        m.start()
        for m in OFFER_WORD.finditer(sentence)
        if AMOUNT.search(sentence, max(0, m.start() - PAY_NEAR), m.end() + PAY_NEAR)
    ]
    for at in paid:
        before = [e for start, e in named if at - PAY_NEAR <= start < at]
        after = [e for start, e in named if at < start <= at + PAY_NEAR]
        owner = before[-1] if before else (after[0] if after else None)
        if owner is not None and entity.keys <= owner.keys:
            return True
    return False


def _pay_fact(
    ctx: Context, entity: Entity, articles: list[str], vector: npt.NDArray[np.float32]
) -> tuple[str, str] | None:
    """The sentence naming the company that best states its pay, bonuses or retention, and its article."""
    best: tuple[float, str, str] | None = None
    for aid in articles:
        for row, sentence in sentences_naming(ctx.state, aid, entity):
            if len(sentence.split()) > MAX_FACT_WORDS or not states_pay(sentence, entity, ctx.state.entities):
                continue
            score = float(ctx.state.data.sentence_vectors[row] @ vector)
            score += AMOUNT_BONUS if AMOUNT.search(sentence) else 0.0
            score -= LEANS_BACK_PENALTY if LEANS_BACK.match(sentence) else 0.0
            if best is None or score > best[0]:
                best = (score, sentence, aid)
    return None if best is None else (best[1], best[2])


def _column(
    ctx: Context,
    entity: Entity,
    cites: Citations,
    vector: npt.NDArray[np.float32],
    notable: int,
    others: list[Entity],
) -> list[str]:
    """One company's cells, in the order of ROWS, with `notable` names in each moves cell; `others`: the
    companies it is compared with, whom it hired from them is a row of its own."""
    joined = notable_first(newest_first(r for r in ctx.state.moves if same_org(entity, r.move.to)), ctx.state)
    poached = [r for r in joined if any(same_org(o, r.move.from_) for o in others)]
    left = notable_first(
        newest_first(r for r in ctx.state.moves if same_org(entity, r.move.from_)), ctx.state
    )
    leaders = [r for r in joined if LEADING_ROLE.search(own_role(r.move.role))]
    articles = articles_about(ctx.state, entity)
    pay = _pay_fact(ctx, entity, articles, vector)
    titled = [a for a in articles if names(ctx.state.data.articles[a].title, entity)]
    latest = ctx.state.data.articles[(titled or articles)[-1]] if articles else None
    return [
        _moves_cell(joined, cites, notable),
        _moves_cell(left, cites, notable),
        _moves_cell(poached, cites, MIN_NAMES),
        _moves_cell(leaders, cites, notable, role=True),
        f"{pay[0]} [{cites.cite(pay[1])}]" if pay else NONE,
        f"{latest.published:%d %b %Y}: {latest.title} [{cites.cite(latest.id)}]" if latest else NONE,
    ]


def _pay_vectors(ctx: Context, entities: list[Entity]) -> npt.NDArray[np.float32]:
    """One question about pay per company, embedded together (counted as embedding time)."""
    started = time.perf_counter()
    asked = [
        f"How much does {e.name} pay its AI researchers, with bonuses and retention offers?" for e in entities
    ]
    vectors = np.asarray(ctx.embedder.encode(asked), dtype=np.float32)
    ctx.timings["embed"] += time.perf_counter() - started
    return vectors


class Compare:
    kind = AnswerKind.COMPARE

    def match(self, q: Question, ctx: Context) -> float | None:
        if not (COMPARE_CUE.search(q.text) or weighed(q.text)) or asked_sides(q, ctx) is not None:
            return None  # one thing asked of two sides ("which seed was bigger") is `SideBySide`'s
        missing = unknown_names(q, COMPARE_CUE)
        if aspect_words(q) - {w for name in missing for w in words(name)}:
            return None  # "anthropic vs openai vs meta two year retention": the sentences that say it
        return CERTAIN if len(companies(q)) >= 2 or missing else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        named = companies(q)
        missing = unknown_names(q, COMPARE_CUE)
        if len(named) < 2:
            return refusal(
                q.text,
                f"I have no articles about {and_list(list(missing))}, so I can't compare them.",
                self.kind,
            )
        shown = named[:MAX_COMPANIES]
        cites = Citations(ctx.state.data.articles)
        vectors = _pay_vectors(ctx, shown)
        notable = max(MIN_NAMES, NAMES_PER_ROW // len(shown))
        columns = [
            _column(ctx, e, cites, vectors[i], notable, [o for o in shown if o is not e])
            for i, e in enumerate(shown)
        ]
        labels = [FROM_THE_OTHER if len(shown) == 2 and label == ROWS[2] else label for label in ROWS]
        rows = tuple((label, *(c[i] for c in columns)) for i, label in enumerate(labels))
        notes = ["Counts are the talent moves my articles record, not all hiring."]
        if missing:
            notes.append(f"I have no articles about {and_list(list(missing))}.")
        if len(named) > len(shown):
            notes.append(
                f"Only {MAX_COMPANIES} companies fit side by side: {and_list([e.name for e in named[len(shown) :]])} left out."
            )
        return Answer(
            question=q.text,
            answered=True,
            kind=self.kind,
            intro=f"{and_list([e.name for e in shown])} side by side, from my articles:",
            lines=(),
            sources=cites.sources(),
            note=" ".join(notes),
            table=Table(("", *(e.name for e in shown)), rows),
        )
