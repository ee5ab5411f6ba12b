"""Which types of fact a sentence carries: an amount, a date, a duration, a person, a company, a place, a
reason, a job title. An ask is answered by a sentence that carries the type it expects."""

from __future__ import annotations

import re

from answer.asks import AnswerType
from corpus.entities import EntityIndex, surname
from corpus.text import NAME_STOP_WORDS

# A count written in words: "half a dozen specialists", "three engineers", "dozens of researchers".
_COUNT_WORDS = (
    r"(?:half\s+a\s+|a\s+)?dozens?(?:\s+of)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|hundreds(?:\s+of)?"
)
AMOUNT = re.compile(
    r"[$€£¥]\s?\d|\d\s?(%|(per ?cent|million|billion|bn|trillion|yuan|dollars|thousand)\b)|\b\d{1,3}(,\d{3})+\b|"
    # ...or a multiple of one: "offered to double the salaries", "ten times as much", "a fivefold rise"
    r"\b(?:doubl|tripl)(?:e|ed|es|ing)\b|\btwice (?:as|the)\b|\b\w+fold\b|"
    # ...or a sum written in words: "an annual salary of around ten million yuan"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"hundred) (?:million|billion|trillion)\b|"
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve) times (?:as|more|the|higher|larger|bigger)\b|"
    # ...or a count of people or posts ("a team of about 100 engineers", "employs about 300 people"), a ratio
    rf"\b(?:\d+\+?|{_COUNT_WORDS})\s(?:[a-z-]+\s)?(?:people|engineers|researchers|scientists|staff|employees|"
    r"workers|members|openings|jobs|roles|posts|positions|hires|candidates|students|places|applicants|"
    r"specialists|experts|executives)\b|\b\d+:\d+\b",
    re.I,
)
# A rate asked ("retention rate", "what share", "what %") is answered by a share ("67%", "one in five", "a
# third"), not by any number.
RATE_ASKED = re.compile(r"\b(?:rates?|percent(?:age)?s?|share|proportion)\b|%", re.I)
SHARE = re.compile(
    r"%|\bper ?cent\b|\bpercentage points?\b|\b(?:one|two|three|four|\d+) in (?:\w+|\d+)\b|\bhalf (?:of|the|its|their)\b|"
    r"\b(?:a|one|two|three)[- ](?:third|quarter|fifth|sixth|tenth)s?\b",
    re.I,
)
CAUSAL = re.compile(
    r"\b(because|reason|reasons|due to|driven|drives|drove|cause[sd]?|led to|leads to|pushe[sd]|push|"
    r"explain(?:s|ed)?|wanted|as a result|so that|demand|supply|first|second|third|means|aim(?:s|ed)? to|"
    r"in order to)\b",
    re.I,
)
# A cause or purpose stated: narrower than CAUSAL (which also favours the "first... second..." of an
# explanation), as "what it means" is a consequence, not a reason.
REASON = re.compile(
    r"\b(because|reasons?|causes|due to|owing to|driven by|fuell?ed by|caused by|prompted by|led to|"
    r"as a result of|in order to|so that|so as to|aim(?:s|ed)? (?:to|at)|in a bid to|in an effort to|"
    r"(?:goal|aim|purpose|idea|motive|rationale|logic) (?:is|was|being)|(?:triggered|sparked|spurred) by|"
    r"want(?:s|ed)? (?:[\w-]+ ){0,3}to|hop(?:es|ed|ing) to|seek(?:s|ing)? to|sought to|in response to|"
    r"respond(?:s|ed)? (?:with|by)|"
    # ...or in the words of whoever acted: "Liang argued that...", "he wrote that...", "citing its mission"
    r"(?:argu(?:ed|es|ing)|wrote|writes|warn(?:ed|s|ing)|explain(?:ed|s|ing)) (?:\w+ ){0,2}?that|citing|"
    r"(?<!advised )(?<!told )(?<!asked )(?<!urged )(?<!ordered )"
    r"to (?:stem|curb|counter|retain|stop|prevent|protect|sidestep|avoid|get around)|"
    r"linked (?:[\w-]+ ){0,4}to|concerns? (?:over|about|that)|fears? (?:of|that|over)|worr(?:y|ies|ied) (?:that|about)|"
    r"blam(?:e|ed|es)|attribut(?:e|ed|es)|put down to)\b",
    re.I,
)
# A hint of a motive, weaker than a cause stated: what draws people, the pressure or setting behind a move.
_MOTIVE = re.compile(
    r"\b(attract(?:s|ed|ion|ions)?|appeals? to|appeal of|drew|draws|drawn by|lured by|pressure|amid|cited|"
    r"pointed to|designed to|intended to|meant to|(?:comes?|came) (?:as|after|amid)|"
    # "The surprise departure followed a reorganisation", "in the wake of the merger"
    r"follow(?:ed|s|ing) (?:a|an|the|his|her|its|their)|in the wake of|on the heels of|"
    # ...or a reading of what lies behind it: "these steps suggest Beijing treats top AI founders as strategic
    # assets", "leaving less room for the kind of work the departing researchers led"
    r"suggests?|suggested|leaving (?:less|little|no) room|"
    # ...or what the hirer lacks: "it needs people who have taken products from prototype to mass production"
    r"needs? (?:\w+ ){0,2}(?:people|staff|engineers|researchers|talent|experts?|someone|skills|experience))\b",
    re.I,
)
_MONTH = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
DATE = re.compile(rf"\b({_MONTH})\b|\b(19|20)\d\d\b|\b(last|this|next) (week|month|year)\b")
_NUMBER = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
DURATION = re.compile(
    rf"\b{_NUMBER}(?:\s*(?:to|or|-|–)\s*{_NUMBER})?[\s-]+(?:years?|months?|weeks?|days?)\b", re.I
)
# Job titles, and the "as its ..." that introduces one; "co-founder" and a bare "researchers" say too little.
_ROLE = re.compile(
    r"\b(chief(?: [a-z]+){1,2}|CEO|CTO|CFO|COO|(?:vice[- ])?president|VP|head of|heads|director|chair(?:man|woman)?|"
    r"managing partner|general manager|in charge of|(?:team |tech(?:nical)? )?lead(?:er)? (?:of|for|on)|"
    r"as (?:an? |its |the |their |his |her )?(?:[\w-]+ ){0,3}(?:researcher|scientist|engineer|adviser|advisor|"
    r"executive|lead|manager))\b",
    re.I,
)
# A job title is given to someone: "joins as", "named", "became", "the title of"; not "its founder and CEO".
_APPOINTED = re.compile(
    r"\b(as|named|appointed|appoints?|became|becomes?|title|promoted|takes? (?:over|charge)|took (?:over|charge)|"
    r"will (?:run|lead|head)|to (?:lead|run|head)|role|post)\b",
    re.I,
)
# Someone going somewhere: "joined", "left for", "moved on to", "hired".
_MOVING = re.compile(
    r"\b(join(?:s|ed|ing)?|hired?|hires|left|leav(?:e|es|ing)|mov(?:e|ed|es|ing)|went|gone|head(?:s|ed)? (?:to|for)|"
    r"settl(?:e|ed|ing)|defect(?:s|ed)?|poach(?:es|ed)?|recruit(?:s|ed)?|lured?|took (?:a|up) (?:position|job|role)|"
    r"brought in|signed)\b",
    re.I,
)
# A place after the words that introduce one: "in Zurich", "based in London", "to Singapore".
_PLACE = re.compile(
    r"\b(?:in|to|from|at|near|across|throughout|based in|moved to)\s+(?:the\s+)?([A-Z][a-z]+(?:[A-Z][a-z]*)*)\b"
)


def states_reason(sentence: str) -> bool:
    """Does the sentence give a cause or a purpose ("because...", "the goal was to...", "in a bid to...")?"""
    return bool(REASON.search(sentence))


# A sentence naming the causes themselves: "The reports cited several causes: burnout, ...", "The goal was to...".
_NAMED_REASON = re.compile(r"\b(reasons|causes|(?:goal|aim|purpose|motive|rationale) (?:is|was))\b", re.I)


def names_reasons(sentence: str) -> bool:
    """Does the sentence name the causes or the goal outright (narrower than `states_reason`)?"""
    return bool(_NAMED_REASON.search(sentence))


def hints_motive(sentence: str) -> bool:
    """Does the sentence give a cause, or at least a hint of one ("amid a bidding war", "drawn by")?"""
    return states_reason(sentence) or bool(_MOTIVE.search(sentence))


def _named(sentence: str, entities: EntityIndex, kind: str, known: frozenset[str]) -> bool:
    """Does the sentence name a person (or company) the question does not? Someone asked about by surname
    alone is known ("who came back with shazeer" is not answered by Noam Shazeer)."""
    return any(
        m.entity.kind == kind
        and not m.entity.keys <= known
        and not (kind == "person" and surname(m.entity.name) in known)
        for m in entities.find(sentence)
    )


def names_place(sentence: str, known: frozenset[str] = frozenset()) -> bool:
    """Does the sentence name a place (a city, a country), not one of the `known` words?"""
    return any(
        m.group(1) not in NAME_STOP_WORDS and m.group(1).lower() not in known
        for m in _PLACE.finditer(sentence)
    )


def _place(sentence: str, entities: EntityIndex, known: frozenset[str]) -> bool:
    return _named(sentence, entities, "org", known) or names_place(sentence, known)


def carries(
    sentence: str, kind: AnswerType, entities: EntityIndex, known: frozenset[str] = frozenset()
) -> bool:
    """Does the sentence carry a fact of this type? A person, company or place counts only when it is not
    one of the `known` words (those of the question: "who replaced Wang?" is not answered by Wang)."""
    if kind is AnswerType.AMOUNT:
        return bool(AMOUNT.search(sentence))
    if kind is AnswerType.DATE:
        return bool(DATE.search(sentence))
    if kind is AnswerType.DURATION:
        return bool(DURATION.search(sentence))
    if kind is AnswerType.REASON:
        return hints_motive(sentence)
    if kind is AnswerType.ROLE:
        return bool(_ROLE.search(sentence)) and bool(_APPOINTED.search(sentence))
    if kind is AnswerType.ORGANISATION:
        return _named(sentence, entities, "org", known)
    if kind is AnswerType.PLACE:
        return _place(sentence, entities, known)
    if kind is AnswerType.DESTINATION:
        return _named(sentence, entities, "org", known) and bool(_MOVING.search(sentence))
    return _named(sentence, entities, "person", known)
