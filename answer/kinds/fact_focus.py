"""What a fact question asks the fact about: "employees" in "how many employees does Nvidia have?", less the
names it gives and the words of how it asks."""

from __future__ import annotations

import re

from answer.asks import body
from answer.query import Question
from answer.synonyms import SAME_MEANING, with_same_meaning
from corpus.text import STEM_LETTERS, content_words, words

# Words saying how a question asks, not what about: paying, having, doing, when, a kind of organisation.
_HOW_ASKED = content_words(
    "pay paid paying pays make made makes get got gets give gave giving gives have has had take took takes "
    "do does did doing cost costs offer offered offering offers spend spent worth raise raised raises raising earn "
    "go goes going gone went "
    "earned new now currently current latest last recent recently really lol reportedly report reported "
    "many much amount number figure exactly roughly approximately more vs versus "
    # ...and the words of telling and of how things turned out: "when did jumper say he's off", "how much did
    # deepseek raise in the end"
    "say said says saying tell told telling end ended finally eventually ultimately actual actually front "
    "heard hear hears hearing apparently supposedly happen happens happened happening each even "
    # ...and of hearsay and chat: "what was the rumoured number meta offered, just curious"
    "rumour rumours rumoured rumor rumors rumored alleged allegedly claimed curious wondering idea ideas clue "
    # ...and the unit a sum is asked by: "how much did sora cost per month"
    "per "
    "start-up startup company companies firm lab group unit business "
    # ...and everyday words for paying, getting, taking over ("how much cash did microsoft hand inflection", "how
    # much did deitke bag": "paid", "raised", "merged") and how far along ("raised so far", "to date", "in total")
    "cash money funding hand hands handed bag bagged snag snagged dangle dangled pull pulled shell shelled "
    "fork forked land landed net netted pocket pocketed absorb absorbed far date total overall altogether yet"
)
# The words for people in general: a count of them answers "how many people/staff/employees".
STAFF = SAME_MEANING[0]


# "How big is X" asks how many people it employs or what it is worth.
_HOW_BIG = re.compile(r"\bhow (?:big|large|small)\s+(?:is|was|are|were)\b", re.I)
_VALUE = content_words("valuation valued worth")


# Job titles written short in questions and in full in the articles.
_SPELLED_OUT = {
    "ceo": "chief executive",
    "cto": "chief technology",
    "cfo": "chief financial",
    "vp": "vice president",
}
# A clause saying when, of what was just named: "before it fell apart", "after that collapsed". What it says
# is no fact asked about ("what was openai going to pay for windsurf before it fell apart" asks the price).
_WHEN_CLAUSE = re.compile(
    r"\b(?:before|after|since|once|until|when)\s+(?:it|that|this|they|he|she)\s+(?:had\s+|was\s+|got\s+)?"
    r"[a-z]+(?:\s+(?:apart|through|down|off|out|up|over))?\b",
    re.I,
)


def focus_words(q: Question, names: set[str]) -> set[str]:
    """What the question asks the fact about, less the names it gives: "employees" in "how many employees
    does Nvidia have?", "users" in "how many users does chatgpt have?" (`names`: words written only as
    names); an abbreviated title comes spelt out too ("ceo": "chief", "execut")."""
    # ...the whole name, though it is typed in part ("ineffable intelligence" found as "Ineffable")
    named = {w for m in q.mentions for w in content_words(f"{q.text[m.start : m.end]} {m.entity.name}")}
    named |= content_words(" ".join(w for w in words(q.text) if w in names))
    focus = content_words(_WHEN_CLAUSE.sub(" ", body(q.text))) - named - _HOW_ASKED
    if _HOW_BIG.search(q.text):  # "how big is the company": its staff, or its value
        focus |= STAFF | _VALUE
    asked = words(q.text)
    spelled = {w for short, full in _SPELLED_OUT.items() if short in asked for w in content_words(full)}
    return with_same_meaning(focus) | spelled if focus else focus


def known_focus(q: Question, names: set[str]) -> set[str]:
    """`focus_words` less the words the articles never use ("how much did deitke bag"): no sentence can
    state a fact next to them, so they cannot tell a passage that answers from one that does not."""
    unfamiliar = {w[:STEM_LETTERS] for w in q.unfamiliar}
    return focus_words(q, names) - unfamiliar
