"""The asks of a question ("What did Microsoft pay and what job did Suleyman get?" asks two things) and the
type of answer each expects (an amount, a date, a person, a role...)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from corpus.text import content_words, words


class AnswerType(StrEnum):
    """What kind of fact an ask wants; a sentence that answers it carries one."""

    AMOUNT = "amount"
    DATE = "date"
    DURATION = "duration"
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"  # "where is it based?": a company or a place
    DESTINATION = "destination"  # "where did he go?": a company someone moved to
    REASON = "reason"
    ROLE = "role"


@dataclass(frozen=True)
class Ask:
    """One part of a question: its own words and the type of answer it expects (None: no particular type)."""

    text: str
    type: AnswerType | None


_QUESTION_WORD = r"(?:what|when|where|who|whom|whose|why|which|how)(?:['’]?s)?\b"
# A yes-no question opens with one of these: "did karpathy really join anthropic? what team" is two asks.
_AUXILIARY = r"(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should)"
# A preposition an ask may open with: "and for how long", "and on which podcast".
_PREPOSITION = r"(?:for|to|in|at|on|of|about|since|until|from|as|by|with|under|into)"
# Where a question splits into two asks: "?"/"and"/","/";" before a question word, optionally behind a
# preposition ("and for how long"), or before a yes-no question about someone ("and did anyone say no").
_SPLIT = re.compile(
    rf"\s*(?:\?+|,\s*and|,\s*(?:\+|plus|also)|,|;|\band|&|\+|\bplus|\bas well as)\s+(?=(?:{_PREPOSITION}\s+)?"
    rf"{_QUESTION_WORD}|(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would)\s+"
    rf"(?:any|anyone|anybody|someone|somebody|he|she|they|it|the|his|her|their|its|this|that|\w+'s)\b)",
    re.I,
)
# The question words and auxiliaries that open an ask: what is left is its body ("did Meta offer Deitke").
_OPENING = re.compile(
    rf"^\s*(?:{_PREPOSITION}\s+)?{_QUESTION_WORD}(?:['’]s\b)?(?:\s+(?:much|many|long|often|"
    r"old|big|large|year|month|date|day|job|role|title|position|company|firm|lab))?\s*",
    re.I,
)

# Words that point back at something an earlier ask named: a person, or a thing.
_POINTS_BACK = re.compile(r"\b(it|its|he|she|they|him|her|his|their|them|this|that|these|those)\b", re.I)
_PERSON_BACK = re.compile(r"\b(he|she|him|her|his)\b", re.I)
_THING_BACK = re.compile(r"\b(it|its|they|their|them|this|that|these|those)\b", re.I)

# A question asking for a cause: "why...", "how come", "what led to", "what's the reason for".
_REASON_ASKED = re.compile(
    r"^\W*(why|whyd|how come)\b|\bwhat(?:'s|s| is| are| was| were)? (?:the |[\w.&-]+'s? )?"
    r"(?:main |real |actual |big )?(reasons?|rationale|motives?|motivations?|logic|thinking|reasoning|point|"
    r"upside|goal|purpose) (?:for|behind|of|why|in)\b|"
    # ...or for what brought it about: "what's driving people out of xai", "what is pushing staff to leave"
    r"\bwhat(?:'s|s| is| are| was| were)? (caused|causing|led|drove|driving|pushing|pushed|fuell?ing|prompted|"
    r"made|behind|explains|set off|sets off|sparked|triggered|kicked off)\b|"
    # ...or for the reason someone gave: "what reason did schulman give for going", "for what reason"
    r"\bwhat (?:main |real )?reasons? (?:did|does|do|has|have|had)\b|\bfor what reasons?\b",
    re.I,
)
# ...or for what someone does about a problem: "how is Alibaba trying to stop losing staff?", "how did OpenAI
# respond?"; both are answered by a sentence giving a purpose ("in a bid to...", "aimed at...").
_PURPOSE_ASKED = re.compile(
    r"^\W*how (?:is|are|was|were|does|do|did|has|have|will|can)\b.{0,60}?\b(?:try(?:ing)?|plan(?:ning)?|"
    r"stop|keep|retain|hold on|respond(?:ed|ing)?|react(?:ed|ing)?|counter|fight|compete|attract|lure|win)\b",
    re.I,
)

# ...and a request is an ask too: "tell me about the deepseek dev xiaomi chased, how much was he offered".
_REQUEST = re.compile(r"^\W*(?:tell me(?: more)? about|explain|describe)\b", re.I)
_YES_NO = re.compile(
    r"^\W*(?:do|does|did|is|are|was|were|can|could|will|would|has|have|had|should|must)\b", re.I
)
# The expected type of an ask, from its opening words; the first pattern that matches wins.
_TYPES: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    (
        AnswerType.DURATION,
        re.compile(
            r"\bhow long\b|\bhow many (years|months|weeks|days)\b|\buntil when\b|"
            # ...or over what stretch: "over what period does the award vest"
            r"\b(?:over|for|across) what (?:period|stretch|span|time ?frame)\b|"
            # ...and the length of a period: "whats the new vesting period", "the vesting schedule now"
            r"\b(?:vesting|notice|garden[- ]leave|non-?compete|cliff|waiting|probation(?:ary)?) (?:period|schedule)\b",
            re.I,
        ),
    ),
    (
        AnswerType.DATE,
        re.compile(
            r"^\W*(since )?when\b|\bwhat (year|month|date|day)\b|\bwhen\W*$|"
            # ...after what it asks about: "lecun from quitting meta to the ami raise, when did each happen",
            # "scale deal, chen memo, msl launch - dates?"
            r"\bwhen did (?:each|both|these|those|they|all)\b|[-:,]\s*dates?\W*$",
            re.I,
        ),
    ),
    (AnswerType.REASON, _REASON_ASKED),
    (
        AnswerType.ROLE,
        re.compile(
            r"\b(what|which) (job|role|title|position|post)s?\b|\b(his|her|their|its) (job|role|title)\b",
            re.I,
        ),
    ),
    (
        AnswerType.ORGANISATION,
        re.compile(r"\b(which|what) (company|companies|firm|firms|lab|labs|start-?up)\b", re.I),
    ),
    (
        AnswerType.AMOUNT,
        re.compile(
            r"\bhow (much|many|big|large|small)\b|\bwhat (share|percentage|proportion|salary|price|fee|ratio|size)\b|"
            r"\bwhat %|\bwhat percent|\bhead ?count\b|\bhow many times\b|\bratios?\b|"
            r"^\W*what\b.{0,25}\b(?:number|figure|rate|total|amount)s?\b|"
            r"\b(pay|paid|pays|paying|paycheck|paychecks|payout|cost|costs|price|fee|salary|salaries|wages?|compensation|comp|"
            r"earn|earns|earned|earning|worth|valued|valuation|offer(ed)?|raised?|spend|spent)\b",
            re.I,
        ),
    ),
    (
        AnswerType.DESTINATION,
        re.compile(
            r"^\W*where\b.*\b(go|went|gone|move[sd]?|head(ed)?|end(ed)? up|land(ed)?|join(ed)?)\b", re.I
        ),
    ),
    (
        AnswerType.PLACE,
        re.compile(r"^\W*where\b|^\W*(?:which|what) (?:country|countries|city|cities|region)\b", re.I),
    ),
    (
        AnswerType.PERSON,
        re.compile(
            r"^\W*(who|whom)\b|\bwhich (person|people|researchers?|executives?)\b|"
            # ...or a title's holder by name: "whats the name of xai's cto"
            r"^\W*what(?:'s|’s|s|\s+is|\s+was)\s+the\s+name\s+of\s+(?:the\s+|its\s+|(?:\S+\s+){0,2}?\S+(?:'s|’s)\s+)?"
            r"(?:new\s+|current\s+)?(?:ceo|cto|cfo|coo|chief|head|boss|founder|co-?founder|president|director|lead)\b",
            re.I,
        ),
    ),
)


# Asking how pay works or changed, not a sum: "bytedance seed pay changes", "what did X change about pay".
_HOW_PAY_WORKS = re.compile(
    r"\b(chang\w*|overhaul\w*|shake-?ups?|reform\w*|polic(?:y|ies)|structure[sd]?|schemes?|systems?|rules?)\b",
    re.I,
)
_WHO = re.compile(r"^\W*(?:who|whom)\b", re.I)
_SUM_ASKED = re.compile(r"\bhow (much|many)\b|\bwhat (share|percentage|proportion|salary|price|fee)\b", re.I)


# What a question is about, typed before it: "ssi after gross left - who's ceo", "manpowergroup 2026: which
# country...", "after google took windsurf's leaders who became interim ceo".
_TOPIC_FIRST = re.compile(
    rf"^.{{2,80}}?(?:\s[-–—]+\s*|:\s+)(?={_QUESTION_WORD})|"
    rf"^\W*(?:after|before|once|following|now that)\b.{{2,80}}?\s(?=(?:who|what|when|where|which|how)\b)|"
    # ...or a remark ended by "?!", "." or an emoji before it, itself no question: "alibaba actually went after
    # a guy for going to bytedance?? whats the story", "getting paid to not work sounds nice 😂 how long..."
    rf"^(?!\W*(?:{_QUESTION_WORD}|{_AUXILIARY})\b)[^?!.]{{2,160}}?(?:[?!.]+|\s[\U0001F300-\U0001FAFF\u2600-\u27BF]+)"
    rf"\s+(?={_QUESTION_WORD})",
    re.I,
)


def main_question(ask: str) -> str:
    """The ask without the topic typed before its question word ("ssi after gross left - who's ceo": "who's
    ceo")."""
    return _TOPIC_FIRST.sub("", ask, count=1)


# A yes-no question whether something lasts expects how long: "is the fee permanent or does it expire".
_LASTS = re.compile(r"\b(?:expire[sd]?|expiring|permanent|permanently|temporary|sunsets?)\b", re.I)


def expected_type(ask: str) -> AnswerType | None:
    """The type of answer an ask expects: "how much" an amount, "when" a date, "what job" a role...; a yes-no
    question ("do you need a job offer to get one?", "did Meta really offer $100m?") expects none, unless it
    asks with a question word too ("is it known how much..."); nor does one about how pay changed. A topic
    typed before the question word is not part of the ask ("ssi after gross left - who's ceo")."""
    ask = main_question(ask)
    if _YES_NO.match(ask) and not re.search(rf"\b{_QUESTION_WORD}", ask, re.I):
        return AnswerType.DURATION if _LASTS.search(ask) else None
    kind = next((kind for kind, pattern in _TYPES if pattern.search(ask)), None)
    # How pay changed, or "who actually has to pay it" (the payers), asks for no sum, unless it says so too.
    how_or_who = _HOW_PAY_WORKS.search(ask) or _WHO.match(ask)
    if kind is AnswerType.AMOUNT and how_or_who and not _SUM_ASKED.search(ask):
        return None
    return kind


def asks_reason(question: str) -> bool:
    """Is the question answered by a cause or a purpose ("why...?", "how is X trying to stop...?")?"""
    return bool(_REASON_ASKED.search(question) or _PURPOSE_ASKED.search(question))


def body(ask: str) -> str:
    """An ask without its opening question words: "how much did Meta offer" -> "did Meta offer"."""
    return _OPENING.sub("", ask, count=1).strip(" ?.!")


def split_asks(question: str) -> tuple[Ask, ...]:
    """The asks of a question, in order; a question that asks one thing is one ask.

    "What did Microsoft pay and what job did Suleyman get?" is two asks, "how much and for how long did Meta
    offer?" too, but "What did Microsoft and Google pay?" is one: a split needs a question word after it."""
    parts: list[str] = []
    for part in (p.strip(" ?.!,") for p in _SPLIT.split(question.strip())):
        if (
            parts
            and not re.search(_QUESTION_WORD, parts[-1], re.I)
            and not _YES_NO.match(parts[-1])
            and not _REQUEST.match(parts[-1])
        ):
            parts[-1] = f"{parts[-1]}, {part}"  # "In 2025, what did...": an opening, not an ask
        elif part:
            parts.append(part)
    if len(parts) < 2:
        return (Ask(question, expected_type(question)),)
    return tuple(Ask(p, expected_type(p)) for p in parts)


def points_to_person(ask: str) -> bool:
    """Does the ask speak of someone by "he", "she", "his"... ("and who does he report to")?"""
    return bool(_PERSON_BACK.search(ask))


def naming(ask: str, person: str) -> str:
    """The ask with the person it speaks of by "he", "his"... named: "whats he known for" -> "whats Yao Shunyu
    known for"."""
    return _PERSON_BACK.sub(lambda m: f"{person}'s" if m.group(1).lower() == "his" else person, ask)


def own_words(asks: tuple[Ask, ...], i: int, names: tuple[str, ...]) -> frozenset[str]:
    """The topic words of one ask that neither another ask nor a name of the question has: "vest" in "how
    many staff got the bonus and how does it vest". A sentence saying them answers that ask, not the others."""
    others = {w for j, a in enumerate(asks) if j != i for w in content_words(a.text)}
    named = {w for n in names for w in content_words(n)}
    return frozenset(content_words(body(asks[i].text)) - others - named)


# A topic set before a colon or a spaced dash at the start of a message: "maimai 2024: ...", "wu yonghui - ...".
# The label asks nothing itself: no question word in it, and the colon ends a word ("at 9:30" is no label).
_LABEL = re.compile(
    r"^\s*((?:(?!\b(?:how|what|whats|who|whom|whose|when|where|why|which|did|does|do|is|are|was|were)\b)"
    r"[^:?!.,]){2,60}?)\s*(?::\s|\s[-\u2013\u2014]\s)\s*\S",
    re.I,
)


def search_text(asks: tuple[Ask, ...], i: int, names: tuple[str, ...]) -> str:
    """What to search for one ask: its words; the body of another ask when it has none of its own ("for how
    long" after "how much did Meta offer Deitke") or points back at it ("when does it take effect" after "how
    much is the H-1B fee"), the nearest one before it that does not point back itself; and the names the
    whole question mentions ("where did he go?" after "who left Apple")."""
    ask = asks[i].text
    # a label the message opens with is what every ask is about: "gold card: how much is the vetting fee and
    # how long until citizenship"
    label = _LABEL.match(asks[0].text) if i else None
    if label is not None and not set(words(label.group(1))) & set(words(ask)):
        ask = f"{ask} {label.group(1)}"
    own_words = bool(content_words(body(asks[i].text)))
    # "is he still teaching": a person the question names is who "he" is, not the other ask's words
    of_person = own_words and bool(names) and bool(_PERSON_BACK.search(ask)) and not _THING_BACK.search(ask)
    if not of_person and (not own_words or _POINTS_BACK.search(ask)):
        # The nearest ask before it that names what "it" is, else the nearest one with words of its own:
        # "when did it start" after "what's the h1b fee, who has to pay it".
        near = [asks[j] for j in (*range(i - 1, -1, -1), *range(i + 1, len(asks)))]
        worded = [a for a in near if content_words(body(a.text))]
        standing = [a for a in worded if not _POINTS_BACK.search(a.text)]
        borrowed = body((standing or worded)[0].text) if worded else ""
        ask = f"{ask} {borrowed}".strip()
    # An ask naming someone or something of its own is about them ("what's hume's revenue" is not about the
    # Cowen and Google of the other ask); else the question's names say whom it is about.
    own = set(words(asks[i].text))
    if any(set(words(n)) & own for n in names):
        return ask
    low = ask.lower()
    return " ".join([ask, *(n for n in names if n.lower() not in low)])
