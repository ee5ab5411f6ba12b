"""Cues that several kinds of question share: does it ask about talent moves, or for a period's news?"""

from __future__ import annotations

import re

from answer.asks import asks_reason, main_question
from answer.query import Question, says_move

# Why/how questions and "who became/runs..." are not asking for a list of moves, even with a move word in
# them; nor is a "what" question without one ("what did Meta pay?").
# Chat typed before a question that asks nothing: "ok so", "damn", "hi, ", "quick q:".
_FILLERS = (
    r"hi|hello|hey|yo|ok|okay|so|um+|uh+|hmm+|btw|lol|lmao|wow|damn|honestly|fyi|tbh|quick (?:q|question)|"
    r"bruh|bro|dude|omg|ngl|imo|idk|oh|ah|yeah|yea|alright|wait|like|basically|real quick|quick one|"
    r"just wondering|serious question|random (?:q|question|thought)(?: but)?|just curious|curious|out of curiosity|"
    r"(?:i was|i'm|im) wondering|i wonder|(?:a )?question|q|lowkey|highkey|"
    r"(?:(?:i'm|im|i am) )?(?:so |kinda |a bit |bit )?confused|any ideas?|any clue"
)
_AFTER_FILLER = r"\b[\s,!.:;-]*"
# What people type before the question itself: chat, or words that carry on a conversation ("and", "but").
CHAT_OPENER = rf"(?:(?:{_FILLERS}|well|and|but|also|please){_AFTER_FILLER})*"
_NOT_MOVES = re.compile(
    rf"\s*{CHAT_OPENER}"
    r"(why|how|explain|describe|who\s+(became|replaced|succeeded|took over|runs|leads|heads|is the)|"
    r"who(?:['’]?s|\s+is|\s+was)\s+(?:the\s+)?(?:new\s+|interim\s+|current\s+|acting\s+)?"
    r"(?:ceo|president|chief|head|boss|leader|cto|chair\w*)\b|"
    r"what(?! (?:year|month|date|day)\b)(?!.*\b(moves?|hires?|hired|hiring|poach\w*|departures?|defections?|joined|"
    # ...nor "what did schulman leave anthropic for": where he went
    r"left|recruit\w*|leav(?:e|es|ing)\s.+\sfor\W*$)\b)|"
    # "what did zuckerberg say about poaching": what someone said, not who moved
    r"what\s+(?:did|does|do|has|have)\s+(?:\S+\s+){1,4}?(?:say|said|think|claim|tell|write|post|argue|reply|"
    r"respond|mean)\b)",
    re.I,
)
_WHERE = re.compile(r"\s*where\b", re.I)
# "Where did Zuckerberg announce Zhao's role": where news was told, not where someone went.
_TOLD = re.compile(
    r"\b(?:announc\w*|sa(?:y|id)|post(?:ed)?|wr(?:ote|ite)|reveal(?:ed)?|confirm(?:ed)?|report(?:ed)?|tweet(?:ed)?|"
    r"publish(?:ed)?|disclos\w*|leak(?:ed)?)\b",
    re.I,
)
# Newcomers as those a rule is for: "the new vesting rule at openai for new hires" asks about the rule.
_FOR_NEWCOMERS = re.compile(
    r"\b(?:for|to|of|on|at)\s+(?:new|incoming|future|newly hired)\s+(?:hires|recruits|joiners|starters|employees|"
    r"staff|staffers)\b",
    re.I,
)
# The people of a move named as the subject of something else: "are the people microsoft hired from ai2 giving
# up their uw professor jobs", "when had the people meta hired set up that office" (a follow-up read out).
_HIRED_PEOPLE = re.compile(
    r"\bthe\s+(?:people|ones|researchers|engineers|staff|execs|executives|folks|guys|hires)\s+(?:that\s+|who\s+)?"
    r"[\w.&'-]+(?:\s+[\w.&'-]+)?\s+(?:hired|poached|recruited|took|lured|got)"
    r"(?:\s+from\s+[\w.&'-]+(?:\s+[\w.&'-]+)?)?",
    re.I,
)
_ASKS_WHO = re.compile(r"^\W*(?:who|which)\b", re.I)
_GENERIC_MOVES = re.compile(
    r"\b(who hired whom|who.{0,20}(hired|poached|joined|left|moved)|latest|recent|moves|hires|"
    r"poaching|defections)\b",
    re.I,
)
_OVERVIEW = re.compile(
    r"\b(what (happened|went on|was new|is new|'s new)|whats new|news|updates|headlines|anything|summary|"
    r"summari[sz]e|overview|recap|stories|articles)\b",
    re.I,
)
_JUST_LATEST = re.compile(r"\W*(latest|recent|newest)\W*(news|stories|articles)?\W*", re.I)
# Date ranges counted back from today; a question about one with no articles is told so plainly.
RELATIVE = frozenset({"today", "this week", "last week", "this month", "last month"})


# Chat around a question that asks nothing: "ok so", "hmm", "quick q:" before it, "lol", "pls" after it. Left
# in, such a word is read as part of what is asked ("hmm how much is meta paying deitke" asks about "hmm").
_CHAT_HEAD = re.compile(rf"^\s*(?:(?:{_FILLERS}){_AFTER_FILLER})+", re.I)
_CHAT_TAIL = re.compile(
    r"(?:[\s,]+(?:lol|lmao|haha|pls|plz|please|thx|thanks|tbh|btw|bruh|ngl|imo|fr|huh|or nah|or what|or not))+"
    r"(?=\W*$)",
    re.I,
)
# ...taken off only when a question of this many words is left ("hey" alone is a greeting).
MIN_LEFT_WORDS = 2


# How the answer should be told, not what about: left out of the text the question is searched as ("explain
# step by step how the h1b fee works" scored 0.28 against 0.60 without it).
# The asker speaking of themselves: "... confuses me", "i heard": a remark, not what is asked.
FIRST_PERSON = r"i|me|my|i'm|im|i've|ive"

_TELLING = re.compile(
    r"\s*\b(?:step[- ]by[- ]step|in (?:great |more |full )?detail|in (?:simple|plain|layman'?s?) (?:terms|english)|"
    r"briefly|in brief|in a nutshell|eli5|like (?:i'?m|i am) (?:five|5)|in short|in a few words|"
    r"in one (?:sentence|line)|"
    # ...and asking for a summary: "summarize the h1b story" is about the H-1B fee
    r"(?:can you |could you |pls |please )?(?:summari[sz]e|sum up|give me a (?:quick )?summary of)(?: (?:the|this))?|"
    r"(?<=\w )(?:story|saga|situation)\W*$)\b,?",
    re.I,
)


def as_searched(text: str) -> str:
    """The question as it is searched for (embedded, and its keywords): without the words saying how to tell
    the answer."""
    told = _TELLING.sub("", text).strip()
    return told or text


def without_chat(text: str) -> str:
    """The question without the chat words before and after it: "ok so how many people work at deepseek lol"
    is "how many people work at deepseek"."""
    left = _CHAT_TAIL.sub("", _CHAT_HEAD.sub("", text))
    return left if len(left.split()) >= MIN_LEFT_WORDS else text


# Where someone studied or grew up, not where they went to work: "where did Wang go to college?".
SCHOOLING = re.compile(
    r"\b(college|university|uni|school|stud(?:y|ied|ying)|degree|phd|doctorate|masters?|graduate[sd]?|born|"
    r"gr[eo]w up|grown up)\b",
    re.I,
)


_REPORTS_TO = re.compile(r"\b(?:reports?|reporting|answers?|answering) to\b|\bwork(?:s|ing)? under\b", re.I)


# A share of the moves ("what share of its 2025 hires", "what % of staff left") or a verdict on them ("is google
# losing the talent war"): a figure or an analysis, not a list of moves.
_SHARE_OR_VERDICT = re.compile(
    r"\bwhat (?:(?:share|percentage|proportion|fraction|portion|percent)\b|%)|\bhow many times\b|"
    r"^\W*(?:is|are|was|were)\b.*\b(?:losing|winning|lose|win|behind|ahead)\b|"
    # ...or weighs the two directions: "are openai engineers more likely to jump to anthropic or vice versa"
    r"\b(?:more|less) likely\b|\bvice versa\b|"
    # ...or asks whether what the asker heard is so: "heard deepmind benches ppl for a year when they quit?? is
    # that real"
    r"\b(?:is|was) (?:that|this|it) (?:really )?(?:real|true|legit|accurate|a thing|right)\b",
    re.I,
)


# A company's plan to hire a number of people, or posts it is filling: "alibaba quark is hiring like 1000 ai ppl",
# "how many ai roles is quark hiring for", "deepseek's hiring drive": what an article says, not a list of moves.
_HIRING_PLAN = re.compile(
    r"\b(?:hiring|hire|recruiting|recruit)\s+(?:(?:like|about|around|roughly|some|over|up to|nearly|almost|"
    r"approximately|~)\s+)?\d[\d,.]*k?\b|"
    r"\b\d[\d,.]*k?\+?\s+(?:\w+\s+)?(?:roles|jobs|positions|openings|vacancies|posts|spots|slots|places)\b|"
    r"\bhow many\s+(?:\w+\s+){0,2}?(?:roles|jobs|positions|openings|vacancies|posts|spots|slots|places|"
    r"internships?)\b|"
    r"\bhiring (?:plans?|drives?|targets?|goals?)\b",
    re.I,
)


def hiring_plan(text: str) -> bool:
    """Does the question ask about a plan to hire many people, or the posts to fill (not who moved)?"""
    return bool(_HIRING_PLAN.search(text))


def wants_moves(q: Question) -> bool:
    """Who hired whom: a move word that is not part of a why/how question, or "where did X go?"."""
    if _WHERE.match(q.text) and (SCHOOLING.search(q.text) or _TOLD.search(q.text)):
        return False  # "where did wang go to college", "where did zuckerberg announce it": no move
    if hiring_plan(q.text):
        return False
    if _FOR_NEWCOMERS.search(q.text) and not says_move(_FOR_NEWCOMERS.sub(" ", q.text)):
        return False  # "what's the vesting rule for new hires": a rule, no move
    if (
        _HIRED_PEOPLE.search(q.text)
        and not _ASKS_WHO.match(q.text)
        and not says_move(_HIRED_PEOPLE.sub(" ", q.text))
    ):
        return False  # "are the people microsoft hired from ai2 giving up their uw jobs": what they did since
    if asks_reason(q.text) or _REPORTS_TO.search(q.text) or _SHARE_OR_VERDICT.search(q.text):
        return False  # "what made shazeer quit google?": a reason; "who does zhao report to?": a boss
    asked = main_question(q.text)  # "ssi after gross left - who's ceo": a role, not a move
    return (q.about_moves and not _NOT_MOVES.match(q.text) and not _NOT_MOVES.match(asked)) or (
        bool(q.people) and bool(_WHERE.match(q.text))
    )


def generic_moves_question(text: str) -> bool:
    """A moves question that is worth answering with a list even when it names no one ("latest hires?")."""
    return bool(_GENERIC_MOVES.search(text))


def overview_question(text: str) -> bool:
    """ "What happened in 2024?", "latest news": the headlines of a period."""
    return bool(_OVERVIEW.search(text)) or bool(_JUST_LATEST.fullmatch(text))


def relative_period(q: Question) -> bool:
    return q.dates is not None and q.dates.label in RELATIVE
