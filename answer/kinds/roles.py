""" "Who is the chief scientist of Meta Superintelligence Labs?", "who founded Thinking Machines Lab?",
"tencent chief AI scientist?": the person the recorded roles give for it, named first in a sentence, with
their path and the best sentence saying it, each cited."""

from __future__ import annotations

import re
from dataclasses import dataclass

from answer.context import Context
from answer.kinds.asked_roles import FOUNDER, AskedRole, asked_role, role_pattern, role_words
from answer.kinds.base import CERTAIN
from answer.kinds.careers import (
    as_recorded,
    best_sentence,
    moved_on,
    org_label,
    other_ask_sentences,
    path_line,
    person_articles,
    person_path,
    person_reports,
    quote_names,
)
from answer.kinds.succession import successor_sentence
from answer.kinds.title_sentences import title_sentence
from answer.model import Answer, AnswerKind, Citations, Line
from answer.moves import RecordedMove, move_date
from answer.query import Question
from corpus.entities import same_org
from corpus.model import date_label, dated
from corpus.text import words

_CO = re.compile(r"\bco-?found", re.I)


@dataclass(frozen=True)
class Holder:
    report: RecordedMove  # the newest report giving the person the role
    path: list[RecordedMove]
    left: RecordedMove | None  # the move that took them elsewhere since (None: still there)


def _holds(asked: AskedRole, m: RecordedMove) -> bool:
    role = m.move.role
    if not role or not asked.words <= role_words(role):
        return False
    return not asked.orgs or any(
        same_org(o.entity, m.move.to) or o.entity.keys <= set(words(role)) for o in asked.orgs
    )


def holders(asked: AskedRole, ctx: Context) -> list[Holder]:
    """The people recorded with the role (at the organisation asked about), still holding it first, newest
    first. A founder stays a founder (the founder first, then the co-founders, in the order they came);
    anyone else who has moved on since is a former holder."""
    newest = {r.move.person.lower(): r for r in ctx.state.reports if _holds(asked, r)}
    found = []
    for r in newest.values():
        path = person_path(ctx.state, r.move.person)
        left = None if FOUNDER in asked.words else moved_on(path, r)
        found.append(Holder(as_recorded(r, ctx.state), path, left))
    if FOUNDER in asked.words:
        return sorted(
            found, key=lambda h: (_CO.search(h.report.move.role or "") is not None, move_date(h.report))
        )
    newest_first = sorted(found, key=lambda h: (move_date(h.report), h.report.move.person), reverse=True)
    return sorted(newest_first, key=lambda h: h.left is not None)


def _role_note(r: RecordedMove, with_org: bool) -> str:
    """ "Chief Scientist, Meta Superintelligence Labs, June 2025" (with "at Meta" when no place was asked)."""
    m = r.move
    where = f" at {m.to}" if with_org else ""
    return f"{m.role}{where}, {date_label(m.date)}" if m.date else f"{m.role}{where}"


def _spelled(asked: AskedRole, role: str | None) -> str:
    """The title as the question asked it, in the recorded role's spelling when it has it ("Chief AI
    Scientist" for "tencent chief ai scientist?")."""
    phrase = _AS_TITLE.sub(lambda m: f"{_TITLE_OF_VERB[m.group(1).lower()]} of ", asked.phrase)
    at = (role or "").lower().find(phrase.lower())
    return role[at : at + len(phrase)] if role and at >= 0 else phrase


# A title asked with a verb: "who heads qwen post-training" asks for the head of Qwen post-training.
_TITLE_OF_VERB = {"heads": "head", "leads": "lead", "runs": "head", "manages": "manager", "oversees": "head"}
_AS_TITLE = re.compile(rf"^({'|'.join(_TITLE_OF_VERB)})\s+", re.I)


def _place(asked: AskedRole, ctx: Context) -> str:
    known = ctx.state.entities.entities
    # "who did meta name chief scientist of msl": one place, said by its longer name
    orgs = [
        m
        for m in asked.orgs
        if not any(
            o is not m and o.entity.keys == m.entity.keys and len(o.entity.name) > len(m.entity.name)
            for o in asked.orgs
        )
    ]
    return " or ".join(dict.fromkeys(org_label(ctx.question, m, known) for m in orgs))


def _cited(found: list[Holder], cites: Citations) -> tuple[int, ...]:
    return tuple(dict.fromkeys(cites.cite(h.report.article_id) for h in found))


def _founders_line(asked: AskedRole, found: list[Holder], ctx: Context, cites: Citations) -> Line:
    names = [f"{h.report.move.person} ({_role_note(h.report, not asked.orgs)})" for h in found]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return Line(
        f"{_place(asked, ctx)} was founded by {listed}, as my articles record it.", _cited(found, cites)
    )


def _holder_lines(asked: AskedRole, found: list[Holder], ctx: Context, cites: Citations) -> list[Line]:
    """The holder named first ("The chief scientist of X is Y (role, date)."), then the path that led there,
    then anyone else recorded with the role: at the same time, or before and since moved on."""
    first, *others = found
    name = first.report.move.person
    title = _spelled(asked, first.report.move.role)
    of = (" at " if " of " in title else " of ") + _place(asked, ctx) if asked.orgs else ""
    note = _role_note(first.report, not asked.orgs)
    lines = [
        Line(f"The {title}{of} is {name} ({note}).", _cited([first], cites)),
        path_line(name, first.path, cites),
    ]
    for h in others:
        since = f"; since moved to {h.left.move.to}" if h.left is not None else ""
        note = _role_note(h.report, not asked.orgs)
        lines.append(
            Line(
                f"Also recorded as {asked.phrase}: {h.report.move.person} ({note}{since}).",
                _cited([h], cites),
            )
        )
    return lines


def _former_line(asked: AskedRole, h: Holder, ctx: Context, cites: Citations) -> Line:
    """No one still holds the role on record: who did, and where they went."""
    assert h.left is not None
    of = f" of {_place(asked, ctx)}" if asked.orgs else ""
    when = dated(h.left.move.date)
    text = (
        f"The {_spelled(asked, h.report.move.role)}{of} on record was {h.report.move.person} "
        f"({_role_note(h.report, not asked.orgs)}), who has since moved to {h.left.move.to}{when}."
    )
    return Line(text, (*_cited([h], cites), cites.cite(h.left.article_id)))


def _quote(asked: AskedRole, found: list[Holder], ctx: Context) -> tuple[str, str] | None:
    """The sentence that best says it. For a holder still in the role: one naming them, sharing the most
    words of the title and place; for one who left: one naming them and the title, from when they left
    (who took over?); with no one on record, or for founders: one giving the title at the place, naming
    someone."""
    said = asked.said
    if not found or FOUNDER in asked.words:
        return title_sentence(asked, ctx) if asked.orgs else None
    first = found[0]
    name = first.report.move.person
    ids = [first.report.article_id, *person_articles(ctx.state, name, person_reports(ctx.state, name))]
    if first.left is None:
        return best_sentence(ctx.state, ctx.vector, ids, quote_names(name, ctx.state), said, about=True)
    taken = successor_sentence(role_pattern(asked), asked.orgs, ctx) if asked.orgs else None
    if taken is not None and ctx.state.data.articles[taken[1]].published >= first.left.published:
        return taken  # who took over
    since = [a for a in ids if ctx.state.data.articles[a].published >= first.left.published]
    role = re.compile(role_pattern(asked), re.I)
    return best_sentence(
        ctx.state, ctx.vector, since, quote_names(name, ctx.state), said, must=role, about=True
    )


class Roles:
    """A question for the holder of a title, answered from the recorded roles (who holds it, or held it and
    left), or else from a sentence giving the title at the place asked about."""

    kind = AnswerKind.ROLE

    def match(self, q: Question, ctx: Context) -> float | None:
        asked = asked_role(q)
        if asked is None:
            return None
        return CERTAIN if self._holders(asked, ctx) or _quote(asked, [], ctx) is not None else None

    @staticmethod
    def _holders(asked: AskedRole, ctx: Context) -> list[Holder]:
        """`holders`, worked out once per question (`match` and `answer` both need them)."""
        return ctx.once("role_holders", lambda: holders(asked, ctx))

    def answer(self, q: Question, ctx: Context) -> Answer:
        asked = asked_role(q)
        assert asked is not None
        found = self._holders(asked, ctx)
        cites = Citations(ctx.state.data.articles)
        lines: list[Line] = []
        if found and FOUNDER in asked.words:
            lines = [_founders_line(asked, found, ctx, cites)]
        elif found and found[0].left is None:
            lines = _holder_lines(asked, found, ctx, cites)
        elif found:
            lines = [_former_line(asked, found[0], ctx, cites)]
        quote = _quote(asked, found, ctx)
        if quote is not None and all(quote[0] != line.text for line in lines):
            lines.append(Line(quote[0], (cites.cite(quote[1]),)))
        # "who is tencent's chief ai scientist and who does he report to": the sentence for the other ask
        cited = [s.article_id for s in cites.sources()]
        others = other_ask_sentences(q, ctx, [h.report.move.person for h in found], cited) if lines else []
        for other in others:
            if all(other[0] != line.text for line in lines):
                lines.append(Line(other[0], (cites.cite(other[1]),)))
        return Answer(
            question=q.text,
            answered=bool(lines),
            kind=self.kind,
            intro="",
            lines=tuple(lines),
            sources=cites.sources(),
        )
