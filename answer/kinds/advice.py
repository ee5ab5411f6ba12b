"""Personal advice, predictions and chores ("should i do a phd in ai", "best ai stock to buy rn", "who will
win the ai race", "what time is it in beijing"): news articles report what happened, so the bot says it
doesn't advise, forecast or run errands instead of passing off a loosely related passage as an answer. What the articles themselves forecast ("how short of AI
workers could China be by 2030") is a fact question, not this kind."""

from __future__ import annotations

import re

from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind, refusal
from answer.query import Question

# Asking what the user should do: "should i learn pytorch", "how do i become an ai researcher", "is it worth
# doing a masters", "any tips for landing a job at openai", "which gpu should i buy".
_ADVICE = re.compile(
    r"\b(should|shall) (i|we|my)\b"
    r"|\bhow (do|can|could|should|would|to) (i |we |one |someone |you )?"
    r"(become|land|break into|get (into|hired|a job|an? (offer|internship))|find (a )?(job|work)"
    r"|prepare for|start (a )?career|apply (for|to))\b"
    # ...not a valuation: "how much is it worth", "what is it worth"
    r"|(?<!how much )(?<!what )\b(is it|would it be|it's|its) (still )?(worth|a good idea|smart|wise)\b"
    r"|^\W*(?:is|are) (?:a |an |the )?[\w -]{2,40}? (?:still )?worth it\b"  # "is a phd in ml still worth it"
    r"|\b(any|some|give me|need|your) (tips|advice|recommendations?)\b|\b(tips|advice) (for|on)\b"
    r"|\b(can|could|would|do) (you|u) recommend\b"
    r"|\bbest (?:[\w-]+ ){0,3}?(way|ways|course|courses|book|books|laptop|gpu|stock|stocks|language|framework|"
    r"bootcamps?|certificates?|certifications?|tutorials?|programs?|programmes?|schools?|universit(?:y|ies)|"
    r"degrees?|masters?|llms?|models?|chatbots?|apps?|tools?|ides?|editors?|agents?)\b"  # "best online ml course to get hired", "best phd program for robotics"
    r"|\bbest (?:[\w-]+ ){0,3}?(?:place|company|companies|lab|labs|employer|team)s? to work\b"
    r"|\b(stocks?|shares) to buy\b|\b(buy|sell) (the )?(stock|shares)\b"
    r"|\b(?:good|right|bad|best) time to (?:buy|sell|invest)\b",  # "is it a good time to buy amd shares"
    re.I,
)
# Asking what will happen: "who will win the ai race", "will meta lose", "is the ai bubble going to burst".
_FUTURE = r"(will|gonna|going to|is going to|'ll)"
_PREDICTION = re.compile(
    rf"\bwho(?:'s| is)? {_FUTURE} (win|lose|come out on top|be the winner)\b"
    rf"|\b(will|gonna|going to) (\w+ ){{0,4}}(win|lose|survive|collapse|crash|burst|pop|go bust|go bankrupt)\b"
    rf"|\bwhat(?:'s| is)? {_FUTURE} happen\b|\bwhat happens next\b"
    r"|\b(your|ur) (predictions?|forecast|bet|guess)\b|\bdo (you|u) (predict|expect)\b",
    re.I,
)
# Tasks for a general assistant: "what time is it in beijing", "whats the weather", "tell me a joke".
_CHORE = re.compile(
    r"\bwhat time is it\b|\bwhat(?:'s|s| is) the (?:time|date|weather)\b|\bweather\b|\btell me a (?:joke|story)\b|"
    r"\brecipe\b|\btranslate\b|\bwrite (?:me |my )?(?:a|an|my|some)\b|\bbook (?:me )?(?:a|an)\b|"
    r"\bset (?:a|an) (?:alarm|timer|reminder)\b|\bremind me to\b",
    re.I,
)
CHORE = (
    "I only answer questions about the AI talent war from the news articles I have read, so I can't help "
    "with that."
)
DECLINE = (
    "I report what the news says about the AI talent war; I don't give personal advice or predict what "
    "will happen. Ask me what happened: who moved where, what they are paid, why companies compete."
)


def asks_advice(text: str) -> bool:
    """Does the question ask what the user should do, or what will happen, or for a chore?"""
    return bool(_ADVICE.search(text) or _PREDICTION.search(text) or _CHORE.search(text))


class Advice:
    """From the question alone: it asks for advice or a forecast, which no news article answers."""

    kind = AnswerKind.ADVICE

    def match(self, q: Question, ctx: Context) -> float | None:
        return CERTAIN if asks_advice(q.text) else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        return refusal(q.text, CHORE if _CHORE.search(q.text) else DECLINE, self.kind)
