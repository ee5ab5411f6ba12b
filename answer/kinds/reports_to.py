""" "Who does Wu Yonghui report to?", "who's zoph's boss now": the sentence of a person's articles saying whom
they report to, and the recorded role when it says so, each cited."""

from __future__ import annotations

import re

from answer.context import Context
from answer.kinds.careers import (
    PersonSentence,
    person_articles,
    person_path,
    person_reports,
    sentences_about,
    short_names,
    with_role,
)
from answer.model import Citations, Line
from answer.query import Question

# Asking whom someone reports to: "who does X report to", "X reports to whom", "who is X's boss".
_ASKS_BOSS = re.compile(
    r"\bwho(?:m)?\b.*\b(?:reports?|reporting|answers?|answering) to\b|\b(?:reports?|answers?) to who(?:m)?\b|"
    r"\bwho(?:'s|’s|s| is| are)\b.*\b(?:boss|manager|superior)\b|\bwho\b.*\bwork(?:s|ing)? under\b|"
    r"\bwork(?:s|ing)? (?:for|under) who(?:m)?\b",
    re.I,
)
# A sentence saying whom someone reports to: "Wu reports directly to chief executive Liang Rubo".
_SAYS_BOSS = re.compile(
    r"\b(?:reports?|reporting|answers?|answering) (?:directly )?to\b|\b(?:reported|answered) directly to\b|"
    r"\bwork(?:s|ing|ed)? (?:directly )?under\b"
)


_HE = re.compile(r"\b(?:he|she|they)\b")
_TO_HIM = re.compile(r"\s*(?:him|her|them)\b")
# Whom someone reports to is named within this many characters after "reports to".
TO_WHOM_CHARS = 40


def _asked(q: Question) -> str | None:
    people = {m.entity.name for m in q.people}
    return next(iter(people)) if len(people) == 1 and _ASKS_BOSS.search(q.text) else None


def _reports(sentence: str, names: list[str]) -> bool:
    """Is the person (or "he"/"she") the one reporting, named before it, not the one reported to ("...no
    longer report directly to Wang")?"""
    said = _SAYS_BOSS.search(sentence)
    if said is None:
        return False
    before, after = sentence[: said.start()].lower(), sentence[said.end() :].lower()
    if _TO_HIM.match(after):
        return False  # "...with Zhu Wenjia reporting to him": the person is the boss there
    subject = any(n in before for n in names) or bool(_HE.search(before))
    return subject and not any(n in after[:TO_WHOM_CHARS] for n in names)


def boss_sentence(ctx: Context, name: str) -> tuple[str, str] | None:
    """The sentence closest to the question saying whom the person reports to; (sentence, article id)."""
    ids = person_articles(ctx.state, name, person_reports(ctx.state, name))
    found = [
        (score, sentence, article_id)
        for score, _, sentence, article_id in sentences_about(ctx.state, ctx.vector, ids, name, _SAYS_BOSS)
        if _reports(sentence, short_names(name, ctx.state.data.articles[article_id]))
    ]
    return max(found)[1:] if found else None


class ReportsTo(PersonSentence):
    """From the question alone: whom a named person reports to, from the sentences about them, with the
    recorded role when it says so too."""

    key = "reports_to"
    answers_more = False

    def asked(self, q: Question) -> str | None:
        return _asked(q)

    def sentence(self, name: str, q: Question, ctx: Context) -> tuple[str, str] | None:
        return boss_sentence(ctx, name)

    def record(self, name: str, sentence: str, ctx: Context, cites: Citations) -> Line | None:
        path = person_path(ctx.state, name)
        if not path:
            return None
        latest = with_role(path[-1], person_reports(ctx.state, name))
        role = latest.move.role or ""
        if not _SAYS_BOSS.search(role) or role in sentence:
            return None
        return Line(f"Recorded role at {latest.move.to}: {role}.", (cites.cite(latest.article_id),))
