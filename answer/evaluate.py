"""Offline evaluation of the engine on hand-written questions (answer/data/questions.yaml and
answer/data/user_questions.yaml, see `answer.eval_set`).

Per retrieval mode it reports:

* retrieval quality, measured directly with `index.search.search` so every standalone question with gold
  articles has a ranking whatever kind of answer the engine gives: Recall@1, Recall@5 and MRR of the first
  gold article among the retrieved articles (deduplicated in rank order); follow-ups have no standalone text
  to search for and are left out;
* answer quality, from `Engine.answer` (a follow-up in one `Conversation` after its `after` question): how
  often the answer cites a gold article, the key-term rate (share of answerable questions whose `plain_text()`
  contains all key terms), correct refusals on out-of-scope questions, wrong refusals on answerable ones, and
  p50/p95 latency;

and, for one mode, the same answer figures per kind of question (`format_kind_table`).
`answer.calibrate` fits the threshold of the engine's relevance rule on the dev split.

Run it with `talentbot eval` (the index must have been built; see `talentbot index build`).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from answer.conversation import Conversation
from answer.engine import Engine
from answer.eval_set import (
    DEFAULT_FILES,
    DEFAULT_QUESTIONS,
    KINDS,
    USER_QUESTIONS,
    EvalItem,
    load_question_files,
    load_questions,
)
from answer.metrics import (
    dedupe,
    first_gold_rank,
    has_terms,
    mean_reciprocal_rank,
    pct,
    percentile,
    rate,
    recall_at_k,
)
from answer.model import Answer
from answer.query import Question
from index.modes import SEARCH_MODES
from index.search import search

RETRIEVAL_K = 30  # passages asked for when ranking articles (at most `per_article` passages per article)

# -------------------------------------------------------------------------------------- engine access


def normalise(engine: Engine, question: str) -> str:
    """The text the engine works on (whitespace collapsed, truncated and typos fixed as `Engine.answer` does)."""
    return engine.parse(question).text


def embed(engine: Engine, text: str) -> npt.NDArray[np.float32]:
    vector: npt.NDArray[np.float32] = np.asarray(engine.embedder.encode([text])[0], dtype=np.float32)
    return vector


def ranked_articles(engine: Engine, text: str, vector: npt.NDArray[np.float32], mode: str) -> list[str]:
    """Articles for a question in rank order, straight from the search (no filters, no boosts)."""
    hits = search(engine.data, vector, text, mode=mode, k=RETRIEVAL_K, params=engine.config.params)
    return dedupe(h.article_id for h in hits)


@dataclass(frozen=True)
class Scope:
    """How the engine's search is set up for one question."""

    question: Question
    allowed: set[str] | None
    unknown_names: bool


def question_scope(engine: Engine, text: str) -> Scope:
    """The engine's own reading of the question: its date pre-filter and any names unknown to the corpus."""
    q = engine.parse(text)
    return Scope(q, engine.search_scope(q), bool(q.unknown_names))


def relevance_score(
    engine: Engine, text: str, vector: npt.NDArray[np.float32], mode: str, scope: Scope | None = None
) -> float:
    """The score the engine's relevance rule compares with `config.thresholds[mode]` for this question
    (0.0 when the question's date range holds no articles: the search then finds nothing)."""
    scope = scope or question_scope(engine, text)
    if scope.allowed is not None and not scope.allowed:
        return 0.0
    return engine.retrieve(scope.question, vector, mode, scope.allowed).score


# ------------------------------------------------------------------------------------------- running


@dataclass(frozen=True)
class QuestionResult:
    item: EvalItem
    mode: str
    retrieval_rank: int | None  # first gold article in the direct search ranking (None for follow-ups)
    answer_rank: int | None  # first gold article among the answer's passages (extractive) or sources
    answered: bool
    answer_kind: str
    terms_ok: bool
    total_ms: float
    text: str
    cited: bool = False  # the answer cites at least one article

    @property
    def language_notice(self) -> bool:
        """The reply to a question in another language: the note's key terms ("English"), no article cited."""
        return self.terms_ok and not self.cited

    @property
    def refused_correctly(self) -> bool | None:
        """Out of scope: refused; other language: the language note; None for questions to answer."""
        if self.item.kind == "out_of_scope":
            return not self.answered
        if self.item.kind == "other_language":
            return self.language_notice
        return None

    @property
    def failure(self) -> str | None:
        """Why this result counts as a failure of the answer, or None."""
        if self.item.kind == "other_language":
            return None if self.language_notice else "no other-language note"
        if not self.item.answerable:
            return "answered out-of-scope question" if self.answered else None
        if not self.answered:
            return "wrong refusal"
        if not self.terms_ok:
            return "missing key terms"
        return None


@dataclass(frozen=True)
class ModeReport:
    mode: str
    results: tuple[QuestionResult, ...]

    def _answerable(self) -> list[QuestionResult]:
        return [r for r in self.results if r.item.answerable]

    def _with_gold(self) -> list[QuestionResult]:
        return [r for r in self.results if r.item.articles]

    def _searched(self) -> list[QuestionResult]:
        """Standalone questions with gold articles: those a direct search can be scored on."""
        return [r for r in self._with_gold() if r.item.after is None]

    def _out_of_scope(self) -> list[QuestionResult]:
        return [r for r in self.results if r.item.kind == "out_of_scope"]

    @property
    def recall_at_1(self) -> float:
        return recall_at_k([r.retrieval_rank for r in self._searched()], 1)

    @property
    def recall_at_5(self) -> float:
        return recall_at_k([r.retrieval_rank for r in self._searched()], 5)

    @property
    def mrr(self) -> float:
        return mean_reciprocal_rank([r.retrieval_rank for r in self._searched()])

    @property
    def answer_recall_at_5(self) -> float:
        """Gold article among the first five articles the answer itself used (passages or sources)."""
        return recall_at_k([r.answer_rank for r in self._with_gold()], 5)

    @property
    def key_term_rate(self) -> float:
        return rate([r.terms_ok for r in self._answerable()])

    @property
    def correct_refusals(self) -> float:
        return rate([not r.answered for r in self._out_of_scope()])

    @property
    def wrong_refusals(self) -> float:
        return rate([not r.answered for r in self._answerable()])

    @property
    def p50_ms(self) -> float:
        return percentile([r.total_ms for r in self.results], 50)

    @property
    def p95_ms(self) -> float:
        return percentile([r.total_ms for r in self.results], 95)

    def failures(self) -> list[QuestionResult]:
        return [r for r in self.results if r.failure is not None]


@dataclass(frozen=True)
class EvalReport:
    modes: tuple[ModeReport, ...]
    n_answerable: int
    n_out_of_scope: int
    thresholds: dict[str, float] = field(default_factory=dict)
    n_other_language: int = 0

    def mode(self, name: str) -> ModeReport:
        for m in self.modes:
            if m.mode == name:
                return m
        raise KeyError(name)


def answer_ranking(answer: Answer) -> list[str]:
    """Articles an answer used, in order: its passages for extractive answers, else its sources."""
    if answer.passages:
        return dedupe(p[0] for p in answer.passages)
    return dedupe(s.article_id for s in answer.sources)


def ask(engine: Engine, item: EvalItem, mode: str) -> Answer:
    """The engine's answer to a question; a follow-up is asked in a new conversation right after its
    `after` question."""
    if item.after is None:
        return engine.answer(item.q, mode=mode)
    conversation = Conversation()
    engine.answer(item.after, mode=mode, conversation=conversation)
    return engine.answer(item.q, mode=mode, conversation=conversation)


def evaluate_question(
    engine: Engine, item: EvalItem, modes: Sequence[str], vector: npt.NDArray[np.float32] | None = None
) -> list[QuestionResult]:
    """One question in each mode; the direct search only for standalone questions with gold articles."""
    searched = bool(item.articles) and item.after is None
    text = normalise(engine, item.q)
    if vector is None and searched:
        vector = embed(engine, text)
    results = []
    for mode in modes:
        ranking = ranked_articles(engine, text, vector, mode) if vector is not None and searched else []
        started = time.perf_counter()
        answer = ask(engine, item, mode)
        elapsed = (time.perf_counter() - started) * 1000
        plain = answer.plain_text()
        results.append(
            QuestionResult(
                item=item,
                mode=mode,
                retrieval_rank=first_gold_rank(ranking, item.articles),
                answer_rank=first_gold_rank(answer_ranking(answer), item.articles),
                answered=answer.answered,
                answer_kind=answer.kind,
                terms_ok=bool(item.terms) and has_terms(plain, item.terms),
                total_ms=answer.timings.get("total_ms", elapsed),
                text=plain,
                cited=bool(answer.sources),
            )
        )
    return results


def run_eval(engine: Engine, items: Sequence[EvalItem], modes: Sequence[str] = SEARCH_MODES) -> EvalReport:
    """Every question through the search (embedded once) and `engine.answer`, in each mode."""
    per_mode: dict[str, list[QuestionResult]] = {m: [] for m in modes}
    for item in items:
        for result in evaluate_question(engine, item, modes):
            per_mode[result.mode].append(result)
    return EvalReport(
        modes=tuple(ModeReport(m, tuple(per_mode[m])) for m in modes),
        n_answerable=sum(1 for i in items if i.answerable),
        n_out_of_scope=sum(1 for i in items if i.kind == "out_of_scope"),
        thresholds={m: engine.config.thresholds.get(m, 0.0) for m in modes},
        n_other_language=sum(1 for i in items if i.kind == "other_language"),
    )


# ------------------------------------------------------------------------------------------- output


def format_table(report: EvalReport) -> str:
    """A Markdown table, one row per mode."""
    header = (
        "| mode | R@1 | R@5 | MRR | answer cites gold (top 5) | key terms | correct refusals (OOS) "
        "| wrong refusals | p50 ms | p95 ms |"
    )
    lines = [header, "|" + "---|" * 10]
    for m in report.modes:
        lines.append(
            f"| {m.mode} | {pct(m.recall_at_1)} | {pct(m.recall_at_5)} | {m.mrr:.3f} | "
            f"{pct(m.answer_recall_at_5)} | {pct(m.key_term_rate)} | {pct(m.correct_refusals)} | "
            f"{pct(m.wrong_refusals)} | {m.p50_ms:.0f} | {m.p95_ms:.0f} |"
        )
    lines.append("")
    lines.append(
        f"{report.n_answerable} answerable, {report.n_out_of_scope} out-of-scope and "
        f"{report.n_other_language} other-language questions; R@k/MRR from a direct search (standalone "
        "questions with gold articles); key terms, refusals and latency from `Engine.answer`."
    )
    return "\n".join(lines)


# Shown in a per-kind cell that does not apply (e.g. wrong refusals of out-of-scope questions).
NOT_APPLICABLE = "—"


@dataclass(frozen=True)
class KindRow:
    """The answer figures of one kind of question (`kind` = "all" for every kind together)."""

    kind: str
    results: tuple[QuestionResult, ...]

    def cells(self) -> list[str]:
        rs = self.results

        def share(flags: list[bool]) -> str:
            return pct(rate(flags)) if flags else NOT_APPLICABLE

        refusals = [ok for r in rs if (ok := r.refused_correctly) is not None]
        return [
            self.kind,
            str(len(rs)),
            share([r.terms_ok for r in rs if r.item.terms]),
            share([r.answered for r in rs]),
            share([not r.answered for r in rs if r.item.answerable]),
            share(refusals),
            f"{percentile([r.total_ms for r in rs], 50):.0f}",
        ]


def kind_rows(results: Sequence[QuestionResult], split: str | None = None) -> list[KindRow]:
    """One row per kind present (in `KINDS` order), then one for all; `split` keeps only dev or test."""
    chosen = [r for r in results if split is None or r.item.split == split]
    rows = [KindRow(k, tuple(r for r in chosen if r.item.kind == k)) for k in KINDS]
    return [row for row in rows if row.results] + [KindRow("all", tuple(chosen))]


def format_kind_table(report: EvalReport, mode: str, split: str | None = None) -> str:
    """A Markdown table of the answer figures per kind of question, for one mode and split (None: all)."""
    lines = [
        f"Per kind of question ({mode}, {f'{split} split' if split else 'all questions'}):",
        "",
        "| kind | n | key facts present | answered | wrong refusals | correct refusals | p50 ms |",
        "|" + "---|" * 7,
    ]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in kind_rows(report.mode(mode).results, split)]
    lines += [
        "",
        "Key facts present: all key terms in the answer; wrong refusals: answerable questions refused; "
        "correct refusals: out-of-scope questions refused, other-language ones answered with the note that the "
        f"bot reads English news; {NOT_APPLICABLE}: does not apply.",
    ]
    return "\n".join(lines)


def format_failures(report: EvalReport, mode: str | None = None, width: int = 160) -> str:
    lines = []
    for m in report.modes:
        if mode is not None and m.mode != mode:
            continue
        lines.append(f"## {m.mode}: {len(m.failures())} failures")
        for r in m.failures():
            snippet = " ".join(r.text.split("\n\nSources:")[0].split())
            snippet = snippet if len(snippet) <= width else snippet[: width - 1] + "…"
            terms = f" terms={list(r.item.terms)}" if r.item.terms else ""
            after = f" after {r.item.after!r}" if r.item.after else ""
            lines.append(
                f"- [{r.failure}] ({r.item.kind}, {r.item.split}) {r.item.q!r}{after}{terms} -> "
                f"{r.answer_kind}: {snippet}"
            )
    return "\n".join(lines)


__all__ = [
    "DEFAULT_FILES",
    "DEFAULT_QUESTIONS",
    "USER_QUESTIONS",
    "EvalItem",
    "EvalReport",
    "format_failures",
    "format_kind_table",
    "format_table",
    "load_question_files",
    "load_questions",
    "run_eval",
]
