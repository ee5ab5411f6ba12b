""" "Who is the chief scientist of Meta Superintelligence Labs?", "who founded Thinking Machines Lab?",
"tencent chief AI scientist?": the person the recorded roles give for it, named first in a sentence, with
their path and the best sentence saying it, each cited."""

from __future__ import annotations

import re
from dataclasses import dataclass

from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.kinds.careers import (
    as_recorded,
    best_sentence,
    moved_on,
    org_label,
    path_line,
    person_articles,
    person_path,
    person_reports,
    quote_names,
)
from answer.kinds.succession import successor_sentence
from answer.model import Answer, AnswerKind, Citations, Line
from answer.moves import RecordedMove, move_date
from answer.query import Question
from answer.synonyms import with_same_meaning
from corpus.entities import GENERIC, Mention, same_org
from corpus.model import date_label, dated
from corpus.text import STEM_LETTERS, STOP_WORDS, word_set, word_spans, words

_LEAD = re.compile(r"\s*(who(?:'s|’s|\s+is|\s+was|\s+are|\s+were)?|whos|name)\b", re.I)
_OTHER_QUESTION = re.compile(
    r"\s*(what|why|how|when|where|which|did|does|do|is|are|has|have|can|will|should)\b", re.I
)
_FOUNDED = re.compile(r"\s*who\s+(?:co-?)?(?:founded|started|set up|created|launched)\b", re.I)
# "Who's behind DeepSeek?": its founders, when nothing but the company follows ("who's behind the poaching at
# Meta?" asks something else).
_BEHIND = re.compile(r"\s*who(?:'s|’s|s|\s+is|\s+are)\s+behind\s+(?P<rest>.+)$", re.I)
# "Who took over as CTO after Barret Zoph?" asks about a change the recorded roles may not have.
_SUCCESSION = re.compile(
    r"\b(after|replac\w*|succe\w*|took over|take over|takes over|before|previous|former|first|next|instead|"
    r"until|used to)\b",
    re.I,
)
# "Who is X and where did he come from?": the role is asked in the first part.
_SECOND_PART = re.compile(r"\s+and\s+(?=(?:where|what|when|how|who|why|did|does|is|was|has)\b)|[?;,]", re.I)
# Without "who", a role question is a short phrase: "tencent chief AI scientist?".
SHORT_ROLE_QUESTION = 6
# One spelling for each title, in questions and recorded roles alike.
_SPELLINGS = (
    (re.compile(r"\bchief executive(?: officer)?\b"), "ceo"),
    (re.compile(r"\bchief technology officer\b"), "cto"),
    (re.compile(r"\bchief operating officer\b"), "coo"),
    (re.compile(r"\bchief financial officer\b"), "cfo"),
    (re.compile(r"\bvice[- ]president\b"), "vp"),
    (re.compile(r"\b(?:co-?)?found(?:ers?|ed)\b"), "founder"),
    (re.compile(r"\bchair(?:man|woman|person)\b"), "chair"),
    (re.compile(r"\btop\b(?= (?:ai )?(?:scientist|executive|researcher|engineer|officer))"), "chief"),
)
TITLE_WORDS = word_set(
    "chief head ceo cto coo cfo president chair director lead leader founder vp officer scientist executive "
    "manager boss"
)
# Titles that only say someone leads ("who is the head of X?"): a leaders question, answered by `Leaders`.
GENERIC_TITLES = word_set("head lead leader chief director manager boss")
# Parts of a recorded role that are not the title: "reports to applications CEO Fidji Simo".
_NOT_TITLE = re.compile(
    r"\s*(reports?|reporting|under|working|works|alongside|with|to|member|hire|formerly|previously)\b", re.I
)
_FILLER = STOP_WORDS | word_set(
    "who's whos name current currently new today now nowadays these days anymore still"
)
FOUNDER = "founder"
_CO = re.compile(r"\bco-?found", re.I)
# A title's words as sentences spell them out, so the sentence saying "chief executive" is found for "CEO".
_SPELLED_OUT = {"ceo": "chief executive", "cto": "chief technology officer", "vp": "vice president"}
# Other forms of a one-word title: "who chairs X" is answered by "X chairman".
_FORMS = {"chair": ("chairman", "chairwoman", "chairperson")}
# In a sentence giving a title at a place, the title comes at most this many words after the place ("Meta's
# chief executive", "Microsoft AI chief scientist"; for a founder "AMI, the Paris-based start-up founded
# by"); further apart, they are about different things ("OpenAI co-founder, becomes chief scientist" of
# another company).
ORG_TO_TITLE = 1
ORG_TO_FOUNDED = 6
# ...or before it, with "of", "at" or "for" and this many words between ("chief executive of the new Microsoft
# AI division").
TITLE_TO_ORG = 2
# "Vice president", "former chief executive": not the title asked about.
_NOT_QUALIFIED = r"(?<!vice )(?<!vice-)(?<!deputy )(?<!former )(?<!ex-)"


def title_words(text: str) -> set[str]:
    """Words of a title with one spelling each: "Chief Executive Officer" and "CEO" are both {"ceo"}."""
    low = text.lower()
    for pattern, spelling in _SPELLINGS:
        low = pattern.sub(spelling, low)
    return {w[:-1] if w.endswith("s") and w[:-1] in TITLE_WORDS else w for w in words(low)}


def role_words(role: str) -> set[str]:
    """The title words of a recorded role, less its parts that are no title ("reports to ... CEO ...")."""
    parts = re.split(r"[,;()]|\band\b", role)
    return set().union(*(title_words(p) for p in parts if p.strip() and not _NOT_TITLE.match(p)))


@dataclass(frozen=True)
class AskedRole:
    words: frozenset[str]  # the title, spelt as `title_words` spells it
    phrase: str  # the title as the question says it, for the answer
    orgs: tuple[Mention, ...]


def _title_of(clause: str, orgs: list[Mention]) -> str:
    """The title in a clause, as written: from its first to its last word that is neither an organisation's
    name (with the generic words after it: "Microsoft AI", "Meta Superintelligence Labs") nor a word of
    asking ("who is the ... of")."""
    kept: list[tuple[int, int]] = []
    inside_name = False
    for start, end, word in word_spans(clause):
        in_org = any(m.start <= start < m.end for m in orgs)
        inside_name = in_org or (inside_name and word in GENERIC and word not in STOP_WORDS)
        if not inside_name and word not in _FILLER:
            kept.append((start, end))
    return clause[kept[0][0] : kept[-1][1]] if kept else ""


def asked_role(q: Question) -> AskedRole | None:
    """The title a question asks the holder of, and where: None when it asks something else."""
    if q.unknown_names or q.people or _SUCCESSION.search(q.text):
        return None
    clause = _SECOND_PART.split(q.text)[0]
    lead = _LEAD.match(clause)
    if not lead and (_OTHER_QUESTION.match(clause) or len(clause.split()) > SHORT_ROLE_QUESTION):
        return None
    orgs = [m for m in q.mentions if m.entity.kind == "org" and m.start < len(clause)]
    body = clause[lead.end() :] if lead else clause
    offset = len(clause) - len(body)
    shifted = [Mention(m.entity, m.start - offset, m.end - offset) for m in orgs]
    phrase = FOUNDER if _FOUNDED.match(clause) or _behind_company(clause, orgs) else _title_of(body, shifted)
    title = title_words(phrase)
    if not title & TITLE_WORDS or title <= GENERIC_TITLES:
        return None
    if not orgs and len(title - TITLE_WORDS) < 2:  # "the chief scientist" of what?
        return None
    return AskedRole(frozenset(title), phrase, tuple(orgs))


def _behind_company(clause: str, orgs: list[Mention]) -> bool:
    behind = _BEHIND.match(clause)
    if behind is None or not orgs:
        return False
    rest = clause[behind.start("rest") :]
    for m in sorted(orgs, key=lambda m: -m.start):
        start = m.start - behind.start("rest")
        if start >= 0:
            rest = rest[:start] + " " + rest[start + (m.end - m.start) :]
    return not set(words(rest)) - GENERIC


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
    return " or ".join(org_label(ctx.question, m, known) for m in asked.orgs)


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


def _role_pattern(asked: AskedRole) -> str:
    """The title as sentences may write it: "CEO", "chief executive"; "founded", "founder", "co-founders"."""
    if FOUNDER in asked.words:
        return r"(?:co-?)?found(?:ed|ers?)"
    spellings = {asked.phrase, *(w for w in asked.words if w in _SPELLED_OUT)}
    spellings |= {_SPELLED_OUT[w] for w in asked.words if w in _SPELLED_OUT}
    if len(asked.words) == 1:  # "who chairs the FTC?": "FTC chairman"
        spellings |= {f for w in asked.words for f in (w, *_FORMS.get(w, ()))}
    return "|".join(r"\s+".join(map(re.escape, s.split())) for s in sorted(spellings, key=len, reverse=True))


def _says_role_at(asked: AskedRole, ctx: Context) -> re.Pattern[str]:
    """A sentence giving the title at the place: "Meta chief executive Mark Zuckerberg", "chief executive of
    Meta", "AMI, the Paris-based start-up founded by..." (the two within a few words of each other)."""
    known = ctx.state.entities.entities
    names = {org_label(ctx.question, m, known) for m in asked.orgs}
    names |= {e.name for m in asked.orgs for e in known if e.kind == "org" and e.keys == m.entity.keys}
    org = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    role = rf"{_NOT_QUALIFIED}(?:{_role_pattern(asked)})"
    after = ORG_TO_FOUNDED if FOUNDER in asked.words else ORG_TO_TITLE
    # ...the company's, not one of its parts' ("OpenAI's chief executive of applications"), unless asked.
    whole = "" if _qualifiers(asked) else r"(?!\s+of\s+[a-z])"
    return re.compile(
        rf"\b(?:{org})\b(?:\W+\w+){{0,{after}}}?\W+{role}\b{whole}|"
        rf"\b{role}\s+(?:of|at|for)\s+(?:\w+\s+){{0,{TITLE_TO_ORG}}}(?:{org})\b",
        re.I,
    )


def _heads_part(part: re.Pattern[str], asked: AskedRole, ctx: Context) -> re.Pattern[str]:
    """A sentence saying someone heads the part at the company: "John Casey, who heads compensation at
    Google"."""
    org = "|".join(re.escape(m.entity.name) for m in asked.orgs) or r"\w+"
    return re.compile(
        rf"\b(?:heads?|leads?|runs?|oversees?|in charge of)\s+(?:\w+\s+){{0,2}}?(?:{part.pattern})\w*"
        rf"(?:\s+\w+){{0,2}}?\s+(?:at|for|of)\s+(?:{org})\b",
        re.I,
    )


def _its_title(asked: AskedRole) -> re.Pattern[str]:
    """The title given as the company's, in an article about it, before a name: "he and the company's head of
    talent, Baris Akis, were contacting them"."""
    return re.compile(
        rf"\b(?:the (?:company|firm|lab|start-up|startup)['’]s|its)\s+{_NOT_QUALIFIED}(?:{_role_pattern(asked)}),?"
        r"\s+[A-Z][\w'-]+\s+[A-Z][\w'-]+",
        re.I,
    )


def _qualifiers(asked: AskedRole) -> list[str]:
    """The words of an asked title that name a part of the company: "applications" in "applications ceo"."""
    return [w for w in asked.words if w not in TITLE_WORDS and len(w) > 2]


def _titled_name_with(asked: AskedRole, ctx: Context) -> re.Pattern[str]:
    """A sentence naming the place and, further on, the title just before a person's name: "At ByteDance,
    ..., Wu reports directly to chief executive Liang Rubo". Not when the title is another's, between them:
    "... granted Nvidia a licence and that its chief executive Jonathan Ross" (Groq's)."""
    org = "|".join(re.escape(m.entity.name) for m in asked.orgs)
    role = rf"{_NOT_QUALIFIED}(?:{_role_pattern(asked)})"
    not_another = r"(?:(?!\b(?:its|their|his|her)\b|\w's\b|\w’s\b).)*?"
    return re.compile(rf"\b(?:{org})\b{not_another}\b{role}\s+[A-Z][\w'-]+\s+[A-Z][\w'-]+", re.S)


def title_sentence(asked: AskedRole, ctx: Context) -> tuple[str, str] | None:
    """The sentence of the place's articles giving the title there and naming someone, closest to the
    question; failing that, one naming the place and giving someone the title (`_titled_name_with`). A
    sentence saying someone took the title on (`succession`) wins unless an older article is its source."""
    found = _title_sentence(asked, ctx)
    if FOUNDER in asked.words:
        return found
    taken = successor_sentence(_role_pattern(asked), asked.orgs, ctx)
    articles = ctx.state.data.articles
    if taken is None or (found and articles[found[1]].published > articles[taken[1]].published):
        return found
    return taken


def _title_sentence(asked: AskedRole, ctx: Context) -> tuple[str, str] | None:
    spelled_out = " ".join(_SPELLED_OUT.get(w, w) for w in asked.words)
    said = set(words(spelled_out)) | set(words(asked.phrase)) | {k for m in asked.orgs for k in m.entity.keys}
    ids = sorted({a for m in asked.orgs for a in ctx.state.mention_articles.get(m.entity.keys, set())})
    people = [e.name for e in ctx.state.entities.entities if e.kind == "person"]
    titled = re.compile(_role_pattern(asked), re.I)
    found = None
    # A title qualified by a part of the company ("openai's applications ceo") is the one the sentence says
    # of that part ("OpenAI's chief executive of applications"), not the company's chief executive.
    qualifiers = _qualifiers(asked)
    if qualifiers:
        # ...or the words that mean the same: "pay chief" is who "heads compensation at Google"
        stems = sorted(with_same_meaning({w[:STEM_LETTERS] for w in qualifiers}))
        part = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in stems)})", re.I)
        found = best_sentence(ctx.state, ctx.vector, ids, people, said, _says_role_at(asked, ctx), part)
        if found is None:
            found = best_sentence(ctx.state, ctx.vector, ids, people, said, _heads_part(part, asked, ctx))
    if found is None:
        found = best_sentence(ctx.state, ctx.vector, ids, people, said, _says_role_at(asked, ctx), titled)
    if found is None and FOUNDER not in asked.words:
        found = best_sentence(ctx.state, ctx.vector, ids, people, said, _titled_name_with(asked, ctx), titled)
    if found is None and FOUNDER not in asked.words:  # "the company's head of talent, Baris Akis"
        found = best_sentence(ctx.state, ctx.vector, ids, people, said, _its_title(asked), titled)
    return found


def _quote(asked: AskedRole, found: list[Holder], ctx: Context) -> tuple[str, str] | None:
    """The sentence that best says it. For a holder still in the role: one naming them, sharing the most
    words of the title and place; for one who left: one naming them and the title, from when they left
    (who took over?); with no one on record, or for founders: one giving the title at the place, naming
    someone."""
    spelled_out = " ".join(_SPELLED_OUT.get(w, w) for w in asked.words)
    said = set(words(spelled_out)) | set(words(asked.phrase)) | {k for m in asked.orgs for k in m.entity.keys}
    if not found or FOUNDER in asked.words:
        return title_sentence(asked, ctx) if asked.orgs else None
    first = found[0]
    name = first.report.move.person
    ids = [first.report.article_id, *person_articles(ctx.state, name, person_reports(ctx.state, name))]
    if first.left is None:
        return best_sentence(ctx.state, ctx.vector, ids, quote_names(name), said)
    taken = successor_sentence(_role_pattern(asked), asked.orgs, ctx) if asked.orgs else None
    if taken is not None and ctx.state.data.articles[taken[1]].published >= first.left.published:
        return taken  # who took over
    since = [a for a in ids if ctx.state.data.articles[a].published >= first.left.published]
    role = re.compile(_role_pattern(asked), re.I)
    return best_sentence(ctx.state, ctx.vector, since, quote_names(name), said, must=role)


class Roles:
    """A question for the holder of a title, answered from the recorded roles (who holds it, or held it and
    left), or else from a sentence giving the title at the place asked about."""

    kind = AnswerKind.ROLE

    def match(self, q: Question, ctx: Context) -> float | None:
        asked = asked_role(q)
        if asked is None:
            return None
        return CERTAIN if holders(asked, ctx) or _quote(asked, [], ctx) is not None else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        asked = asked_role(q)
        assert asked is not None
        found = holders(asked, ctx)
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
        return Answer(
            question=q.text,
            answered=bool(lines),
            kind=self.kind,
            intro="",
            lines=tuple(lines),
            sources=cites.sources(),
        )
