"""The title a question asks the holder of, and where: "who is the chief scientist of Meta Superintelligence
Labs?", "tencent chief AI scientist?", "who founded Thinking Machines Lab?"; and the title words of a recorded
role, spelt one way ("Chief Executive Officer" and "CEO" are both "ceo")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from answer.query import Question
from corpus.entities import GENERIC, Mention
from corpus.text import STOP_WORDS, word_set, word_spans, words

_LEAD = re.compile(
    r"\s*(who(?:'s|’s|\s+is|\s+was|\s+are|\s+were)?|whos|name|"
    # ...and asked for by name: "whats the name of xai's cto"
    r"what(?:'s|’s|s|\s+is|\s+was)\s+(?:the\s+)?name\s+of(?:\s+the)?)\b",
    re.I,
)
_OTHER_QUESTION = re.compile(
    r"\s*(what|why|how|when|where|which|did|does|do|is|are|has|have|can|will|should)\b", re.I
)
_FOUNDED = re.compile(r"\s*who\s+(?:co-?)?(?:founded|started|set up|created|launched)\b", re.I)
# "Who's behind DeepSeek?": its founders, when nothing but the company follows ("who's behind the poaching at
# Meta?" asks something else).
_BEHIND = re.compile(r"\s*who(?:'s|’s|s|\s+is|\s+are)\s+behind\s+(?P<rest>.+)$", re.I)
# "Who took over as CTO from Barret Zoph?" asks about a change the recorded roles may not have ("the new ceo
# after the nvidia deal" asks for who holds the title now, which the newest sentence saying so gives).
_SUCCESSION = re.compile(
    r"\b(replac\w*|succe\w*|took over|take over|takes over|before|previous|former|first|next|instead|"
    r"until|used to)\b",
    re.I,
)
# What was done to someone, in words no title has: "the qwen lead alibaba took to arbitration".
_DONE = re.compile(
    r"\b(?:took|taken|sued|fired|poached|hired|lost|left|quit|arbitration|court|lawsuit|accused|blamed)\b",
    re.I,
)
# A phrase that begins with a verb of doing says what someone did: "who was holding the execs' passports".
# ("managing director", "founding engineer", "visiting professor" are titles)
_DOING_FIRST = re.compile(r"\s*(?!(?:managing|founding|visiting|presiding|governing)\b)[a-z]+ing\b", re.I)
# "Who did Mira Murati make CTO of Thinking Machines Lab?": the person named gave the title, not holds it.
_APPOINTED = re.compile(r"\s*who\s+did\s+.+?\s+(?:make|name|appoint|pick|choose|tap|promote)\b", re.I)
# What dates the question, not what it asks about: "after the nvidia deal", or "when" mid-question ("who was
# running fair at meta when zhao became msl chief scientist").
_AFTER = re.compile(r"\b(?:after|following|since)\b|(?<=\S\s)when\b", re.I)
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
    "who's whos name current currently new today now nowadays these days anymore still interim acting "
    # ...and the words of becoming it: "who became president at ssi"
    "became become becomes named appointed made"
)
FOUNDER = "founder"
# A title's words as sentences spell them out, so the sentence saying "chief executive" is found for "CEO".
SPELLED_OUT = {"ceo": "chief executive", "cto": "chief technology officer", "vp": "vice president"}


# Other forms of a one-word title: "who chairs X" is answered by "X chairman".
_FORMS = {"chair": ("chairman", "chairwoman", "chairperson")}


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

    @property
    def said(self) -> set[str]:
        """The words a sentence saying it has: the title spelt out ("chief executive" for "ceo") and as asked,
        and the place's names."""
        spelled_out = " ".join(SPELLED_OUT.get(w, w) for w in self.words)
        return (
            set(words(spelled_out)) | set(words(self.phrase)) | {k for m in self.orgs for k in m.entity.keys}
        )


def role_pattern(asked: AskedRole) -> str:
    """The title as sentences may write it: "CEO", "chief executive"; "founded", "founder", "co-founders"."""
    if FOUNDER in asked.words:
        return r"(?:co-?)?found(?:ed|ers?)"
    spellings = {asked.phrase, *(w for w in asked.words if w in SPELLED_OUT)}
    spellings |= {SPELLED_OUT[w] for w in asked.words if w in SPELLED_OUT}
    if len(asked.words) == 1:  # "who chairs the FTC?": "FTC chairman"
        spellings |= {f for w in asked.words for f in (w, *_FORMS.get(w, ()))}
    return "|".join(r"\s+".join(map(re.escape, s.split())) for s in sorted(spellings, key=len, reverse=True))


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
    if q.unknown_names or (q.people and not _APPOINTED.match(q.text)) or _SUCCESSION.search(q.text):
        return None
    clause = _SECOND_PART.split(q.text)[0]
    lead = _LEAD.match(clause)
    if not lead and (_OTHER_QUESTION.match(clause) or len(clause.split()) > SHORT_ROLE_QUESTION):
        return None
    # "the interim ceo at character.ai after the google deal": the place is before what it came after
    after = _AFTER.search(clause)
    if after is not None and any(m.entity.kind == "org" and m.start < after.start() for m in q.mentions):
        clause = clause[: after.start()].rstrip()
    orgs = [m for m in q.mentions if m.entity.kind == "org" and m.end <= len(clause)]
    body = clause[lead.end() :] if lead else clause
    appointed = _APPOINTED.match(clause)
    if appointed is not None:
        body = clause[appointed.end() :]  # "who did murati make cto of tml": the title after "make"
    offset = len(clause) - len(body)
    shifted = [Mention(m.entity, m.start - offset, m.end - offset) for m in orgs]
    phrase = FOUNDER if _FOUNDED.match(clause) or _behind_company(clause, orgs) else _title_of(body, shifted)
    title = title_words(phrase)
    if _DOING_FIRST.match(phrase):
        return None  # "who was holding the deepseek execs' passports": who did something, not a title
    if not title & TITLE_WORDS or title <= GENERIC_TITLES or _DONE.search(phrase):
        return None  # ...or says what was done to the holder: "the qwen lead alibaba took to arbitration"
    if not orgs and len(title - TITLE_WORDS) < 2:  # "the chief scientist" of what?
        return None
    return AskedRole(frozenset(title), phrase, tuple(orgs))


def before_event(q: Question) -> Question:
    """ "who is running groq after the nvidia deal": the question up to what the time it asks of came after,
    when a company is named before it (Groq is asked about, Nvidia only dates it)."""
    after = _AFTER.search(q.text)
    if after is None or not any(m.entity.kind == "org" and m.end <= after.start() for m in q.mentions):
        return q
    cut = after.start()
    return replace(q.keeping(lambda m: m.end <= cut), text=q.text[:cut].rstrip())


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
