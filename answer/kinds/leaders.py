""" "Who runs X?", "who heads X?": the leaders who joined X, from the recorded moves and roles, the most senior
still there first. (A question for one title, "who is the chief scientist of X?", is `roles.Roles`.)"""

from __future__ import annotations

import re

from answer.asks import split_asks
from answer.context import Context
from answer.kinds.asked_roles import FOUNDER, TITLE_WORDS, AskedRole, before_event
from answer.kinds.base import CERTAIN
from answer.kinds.careers import as_recorded, best_sentence, moved_on, org_label, person_path
from answer.kinds.title_sentences import title_sentence
from answer.model import Answer, AnswerKind, Citations, Line
from answer.moves import RecordedMove, compose_moves, newest_first
from answer.query import Question
from corpus.entities import GENERIC, same_org
from corpus.text import STOP_WORDS, word_set, word_spans, words

_LEADER_QUESTION = re.compile(
    r"\s*(?:(?:and|but|so|also)\s+)?who\s+(runs|leads|heads|(?:is|was)\s+(in\s+charge\s+of|running|leading|heading)|"
    # ...and who was left at the top: "who ended up running the start-up after that"
    r"(?:ended|wound|winds|ends)\s+up\s+(?:running|leading|heading|in\s+charge)\b|"
    # ...or in the place of one who left: "who took over scale ai after wang left"
    r"(?:took|takes|has\s+taken)\s+over(?:\s+at)?\s+(?!the\s|his\s|her\s|their\s)|"
    r"(is|was|became)\s+(the\s+)?(new\s+)?(head|ceo|chief|boss|leader|cto|president|director)\b)|"
    # ...and as typed in chat: "who's the boss at moonshot", "whos in charge at apple"
    r"\s*(?:(?:and|but|so|also)\s+)?who(?:'s|’s|s)\s+(?:(?:the\s+)?(?:new\s+)?(?:head|ceo|chief|boss|leader|cto|"
    r"president|director)\b|"
    r"in\s+charge\b|running\b|leading\b)",
    re.I,
)
_LEADER_ROLE = re.compile(
    r"\b(head|lead|leads|leader|chief|ceo|cto|president|director|founder|co-lead)\b", re.I
)
# "Who is the chief scientist of X?" asks for that role, not any leader.
_ASKED_ROLE = re.compile(
    r"\b(chief (?:scientist|executive|technology officer|ai officer|operating officer)|ceo|cto|president|"
    r"chairman|chair)\b",
    re.I,
)
# How senior a role is, most senior first: who runs the place, then who runs a part of it; any other lead.
_SENIORITY = (
    re.compile(r"\b(ceo|chief executive|founder|(?<!vice )president|chair\w*)\b", re.I),
    re.compile(r"\bchief \w+ officer\b", re.I),
    re.compile(r"\b(chief|cto|co-lead|head)\b", re.I),
)


# Words around the part of a company asked about that are not part of it: "who runs X now?".
_NOT_UNIT = (
    STOP_WORDS
    | TITLE_WORDS
    | word_set(
        "currently now today nowadays these days lately anymore new there team teams work effort efforts business "
        "side operations company whole "
        "organisation organization division department"
    )
)
# A sentence saying who leads something: "run by Maher Saba", "Zhou Hao, who heads...".
_LEADS = (
    r"\b(?:run|runs|running|led|lead|leads|leading|head|heads|headed|heading|chief|director|president|"
    r"vice president|in charge|oversee|oversees|overseen)\b"
)


def asks_leader(q: Question) -> bool:
    """Does the question ask who leads an organisation it names ("who runs zhipu ai")?"""
    return _LEADER_QUESTION.match(q.text) is not None and any(m.entity.kind == "org" for m in q.mentions)


def asked_unit(q: Question) -> frozenset[str]:
    """The part of the organisation asked about: "applied ai engineering" in "who runs applied ai engineering
    at meta" (empty for the whole organisation: "who runs msl")."""
    lead = _LEADER_QUESTION.match(q.text)
    if lead is None:
        return frozenset()
    orgs = [m for m in q.mentions if m.entity.kind == "org"]
    unit: set[str] = set()
    inside_name = (
        False  # an organisation's name, with the generic words after it ("Meta Superintelligence Labs")
    )
    for start, _, w in word_spans(q.text):
        inside_name = any(m.start <= start < m.end for m in orgs) or (inside_name and w in GENERIC)
        if start >= lead.end() and not inside_name and w not in _NOT_UNIT:
            unit.add(w)
    return frozenset(unit)


def unit_sentence(q: Question, ctx: Context) -> tuple[str, str] | None:
    """With no recorded role for the part asked about: the sentence of the organisation's articles that
    names a person leading it (all its words and a word of leading), closest to the question."""
    unit = asked_unit(q)
    orgs = [m for m in q.mentions if m.entity.kind == "org"]
    if not unit or not orgs:
        return None
    must = re.compile(
        "".join(rf"(?=.*\b{re.escape(w)}\b)" for w in sorted(unit)) + rf"(?=.*{_LEADS})", re.I | re.S
    )
    ids = sorted({a for m in orgs for a in ctx.state.mention_articles.get(m.entity.keys, set())})
    people = [e.name for e in ctx.state.entities.entities if e.kind == "person"]
    return best_sentence(ctx.state, ctx.vector, ids, people, must=must)


# "google deepmind's boss", "openai boss?", "head of msl": a short question for whoever leads a place.
_SHORT_LEADER = re.compile(
    r"\b(boss|bosses|head|leader|in charge|chief executive|ceo|top (?:guy|person|exec))\b", re.I
)
SHORT_QUESTION = 6
_ASKING = word_set(
    "who whos who's boss bosses in charge guy person exec top s runs leads heads running leading heading "
    "ended ends wound winds up took takes taken over at"
)
# Who runs a whole organisation, as sentences say it: "Google DeepMind chief executive Demis Hassabis".
_HEAD = AskedRole(frozenset({"ceo"}), "chief executive", ())


def head_sentence(q: Question, ctx: Context) -> tuple[str, str] | None:
    """With no leader on record for a whole organisation ("who heads Google DeepMind?", "deepmind's boss"):
    the sentence giving its chief executive by name, closest to the question, else its founder."""
    orgs = tuple(m for m in q.mentions if m.entity.kind == "org")
    short = len(q.text.split()) <= SHORT_QUESTION and _SHORT_LEADER.search(q.text)
    if not orgs or q.people or asked_unit(q) or not (_LEADER_QUESTION.match(q.text) or short):
        return None
    named = [(m.start, m.end) for m in orgs]
    rest = {w for start, _, w in word_spans(q.text) if not any(a <= start < b for a, b in named)}
    rest -= {w for m in orgs for w in words(m.entity.name)}  # "hume ai": the name typed in full
    if rest - _NOT_UNIT - _ASKING:  # "metas ai boss": the head of a part of it, not of the whole
        return None
    chief = title_sentence(AskedRole(_HEAD.words, _HEAD.phrase, orgs), ctx)
    # ...else its founder's: "DeepSeek founder Liang Wenfeng" for "who leads deepseek"
    return chief or title_sentence(AskedRole(frozenset({FOUNDER}), FOUNDER, orgs), ctx)


# "reports to applications CEO Fidji Simo": whose title follows is someone else's.
REPORTS_TO_PART = re.compile(r"\b(?:reports?|reporting)\s+to\b.*", re.I)


def own_role(role: str | None) -> str:
    """A recorded role less whose title follows "reports to": "reports to applications CEO Fidji Simo" is no
    CEO's role."""
    return REPORTS_TO_PART.sub("", role or "")


def seniority(role: str | None) -> int:
    own = own_role(role)
    return next((i for i, p in enumerate(_SENIORITY) if p.search(own)), len(_SENIORITY))


def _leading_reports(q: Question, ctx: Context) -> list[RecordedMove]:
    """Each person's newest report of a leading role (or the role asked for) at an organisation named."""
    orgs = [m for m in q.mentions if m.entity.kind == "org"]
    if not orgs or not _LEADER_QUESTION.match(q.text):
        return []
    asked = _ASKED_ROLE.search(q.text)
    role = re.compile(rf"\b{re.escape(asked.group(1))}", re.I) if asked else _LEADER_ROLE
    unit = asked_unit(q)
    newest: dict[str, RecordedMove] = {}
    for r in ctx.state.reports:
        if not r.move.role or not unit <= {w for _, _, w in word_spans(r.move.role)}:
            continue
        if role.search(r.move.role) and any(same_org(o.entity, r.move.to) for o in orgs):
            newest[r.move.person.lower()] = r
    return [as_recorded(r, ctx.state) for r in newest.values()]


def leaders(q: Question, ctx: Context) -> tuple[list[RecordedMove], bool]:
    """The leaders of a named organisation, most senior first, and whether they are all still there: those
    who have moved on since are left out, unless no one else is on record (and no title was asked)."""
    found = newest_first(_leading_reports(q, ctx))
    current = [r for r in found if moved_on(person_path(ctx.state, r.move.person), r) is None]
    if not current and _ASKED_ROLE.search(q.text):
        return [], False  # "who is the CTO of X?" when the only CTO on record has left: not known here
    chosen = current or found
    return sorted(chosen, key=lambda r: seniority(r.move.role)), bool(current)


def _head(q: Question, ctx: Context) -> tuple[str, str] | None:
    """`head_sentence`, worked out once (`match`, the choice in `answer` and `_from_sentence` all ask)."""
    return ctx.once("head_sentence", lambda: head_sentence(q, ctx))


def _chief_named(q: Question, ctx: Context) -> bool:
    """Is a whole company asked about ("Meta", not "Meta Superintelligence Labs" or "msl") whose chief
    executive a sentence names?"""
    orgs = [m.entity for m in q.mentions if m.entity.kind == "org"]
    whole = all(len(words(e.name)) == len(e.keys) for e in orgs)
    return bool(orgs) and whole and _head(q, ctx) is not None


class Leaders:
    kind = AnswerKind.LEADERS

    def match(self, q: Question, ctx: Context) -> float | None:
        if len(split_asks(q.text)) > 1:
            return None  # "who leads msl and who is its chief scientist": each ask searched on its own
        q = before_event(q)
        found = leaders(q, ctx)[0] or unit_sentence(q, ctx) is not None or _head(q, ctx) is not None
        return CERTAIN if found else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        q = before_event(q)
        found, still_there = leaders(q, ctx)
        if not found or (seniority(found[0].move.role) > 0 and _chief_named(q, ctx)):
            return self._from_sentence(q, ctx)  # "who runs meta?": its chief executive, not a lab's head
        if not still_there and _head(q, ctx) is not None:
            # its leaders on record have left: whoever a sentence names in their place
            return self._from_sentence(q, ctx)
        known = ctx.state.entities.entities
        orgs = " or ".join(org_label(q, m, known) for m in q.mentions if m.entity.kind == "org")
        intro = (
            f"Leaders at {orgs}, as my articles report them, most senior first:"
            if still_there
            else f"Leaders who joined {orgs} and have since moved on, as my articles report them:"
        )
        if still_there and not asked_unit(q) and seniority(found[0].move.role) >= len(_SENIORITY) - 1:
            # "who's the boss at moonshot" when only a team's lead is on record: not who runs the company
            intro = f"My articles don't say who runs {orgs}; the leaders they report there:"
        return compose_moves(q, found, ctx.state.data.articles, intro, ctx.page, self.kind)

    def _from_sentence(self, q: Question, ctx: Context) -> Answer:
        """The part asked about has no recorded leader: the sentence naming who leads it, cited."""
        found = unit_sentence(q, ctx) or _head(q, ctx)
        assert found is not None
        cites = Citations(ctx.state.data.articles)
        line = Line(found[0], (cites.cite(found[1]),))
        return Answer(q.text, True, AnswerKind.ROLE, "", (line,), cites.sources())
