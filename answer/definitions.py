"""Definition questions ("what is an acquihire?", "define garden leave") and the sentences of the corpus that
explain a term: "<term> is/means/refers to...", "<term>: ...", "<term>, a ...", "<term> agreements that...",
the sentence a later "such <term>" refers back to, and what an explainer tagged with the term says."""

from __future__ import annotations

import re
from dataclasses import dataclass

from answer.follow_topics import PLACES
from corpus.text import STOP_WORDS, word_parts, word_set, words

# Definition questions: "what is (a) X", "what does X mean", "define X", "meaning of X". The alternatives
# that start like "what is" come first, so "what is the meaning of X" asks about X.
# The term named first, then "what is that": asked loosely, of anything the articles name ("kimi, what is that").
_LOOSE = r"(?:\?+|,)\s*what(?:'s|’s|s|\s+is)\s+(?:that|this|it)\b"


def loosely_asked(question: str) -> bool:
    """Is the term named first, then asked "what is that" of?"""
    return re.search(_LOOSE, question, re.I) is not None


_DEFINE = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|but|hey|hi|please)\W+)*(?:"
    r"(?:what(?:'s|’s|s|\s+is)\s+)?(?:the\s+)?(?:meaning|definition)\s+of\s+(?:an?\s+|the\s+)?(?P<meaning>.+?)"
    r"|what\s+is\s+meant\s+by\s+(?:an?\s+|the\s+)?(?P<meant>.+?)"
    # ...and what makes one: "what counts as a boomerang hire", "what do people mean by poaching"
    r"|what\s+(?:counts|qualifies)\s+as\s+(?:an?\s+|the\s+)?(?P<counts>.+?)"
    r"|what\s+do(?:es)?\s+(?:people|they|you|folks|articles)\s+mean\s+by\s+(?:an?\s+|the\s+)?(?P<meanby>.+?)"
    r"|what\s+(?:does|do)\s+(?:an?\s+|the\s+)?(?P<mean>.+?)\s+mean"
    # ...and where: "what does poaching mean in tech", "what does it mean here"
    r"(?:\s+(?:in|for)\s+(?:the\s+)?(?:tech|ai|this context|context|practice|hiring|(?:the\s+)?industry)|\s+here)?"
    r"|define\s+(?:an?\s+|the\s+)?(?P<define>.+?)"
    r"|what(?:'s|’s|s|\s+is|\s+are|\s+even\s+is|\s+even\s+are)\s+(?:even\s+)?(?:an?\s+|the\s+)?(?P<what>.+?)"
    r")\W*$"
    # ...or the term first, then what is asked of it: "acquihire = ? never got what it means", "acquihire?? what
    # does that mean", "reverse acquihire meaning"
    r"|^\W*(?:an?\s+|the\s+)?(?P<first>[^?=,;:]+?)\s*(?:=\s*\?+|\?+\s*what\s+(?:does|do)\s+(?:it|that|this)\s+mean\b"
    # ...and "hart scott rodino act, what is that in plain english"
    rf"|{_LOOSE}(?!\s+(?:about|for|worth)\b)"
    r"|\s+meaning\s*\??\s*$).*$",
    re.I,
)
# "non-compete in China" (or "in china"): the term, and where the question is asking about: a name of a word or
# two, capitalised or a country.
_QUALIFIED = re.compile(
    r"^(?P<term>.+?)\s+(?:in|for|under|at)\s+(?:the\s+)?(?P<where>[A-Za-z][\w.-]*(?:\s+\w+)?)$"
)
# ...or in brackets after it: "whats garden leave (deepmind)".
_BRACKETED = re.compile(r"^(?P<term>[^()]+?)\s*\(\s*(?:in|at|for)?\s*(?P<where>[^()]+?)\s*\)?$", re.I)
# Longer than this, what follows "what is" is a question, not a term.
MAX_TERM_WORDS = 4
# Words that make "what is the X" a fact question ("what is the H-1B fee now?"), or a question about the bot
# or the news ("what is this?", "what's new?"), rather than a term to define.
NOT_TERMS = STOP_WORDS | word_set(
    "fee fees price prices cost costs salary salaries pay paid valuation worth share number total amount "
    "figure date role job title name status age reason reasons plan plans difference latest weather news "
    "now today tomorrow yesterday currently new recent happening going up capital best biggest largest top "
    "average"
)
# Words typed after a term that are not part of it: "what is post-training exactly".
_FILLER_END = re.compile(
    r"(?:\s+(?:exactly|actually|again|anyway|though|tho|really|precisely|then|lol|btw))+$", re.I
)
# What a company or person is doing, asked with "what is": "what is Mistral AI paying", "what is meta planning".
_DOING = word_set(
    "paying doing offering hiring planning building saying going happening getting making spending raising "
    "launching losing trying working buying selling poaching recruiting cutting giving taking looking"
)
_PRONOUNS = word_set("this that these those you your it its my our their his her there")


@dataclass(frozen=True)
class DefinitionAsk:
    term: str  # "non-compete"
    where: str = ""  # "China" in "what is a non-compete in China?"
    other: str = ""  # "reverse acquihire" in "the difference between an acquihire and a reverse acquihire"


# "What's the difference between an acquihire and a reverse acquihire?": two terms, each explained.
_DIFFERENCE = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|but|hey|hi|please)\W+)*(?:what(?:'s|’s|s|\s+is)\s+)?(?:the\s+)?"
    r"difference\s+between\s+(?:an?\s+|the\s+)?(?P<first>.+?)\s+and\s+(?:an?\s+|the\s+)?(?P<second>.+?)\W*$",
    re.I,
)


def definition_ask(question: str) -> DefinitionAsk | None:
    """The term a definition question asks about (None: not a definition question)."""
    both = _DIFFERENCE.match(question.strip())
    if both is not None:
        first, second = (definition_ask(f"what is {both.group(g)}") for g in ("first", "second"))
        return DefinitionAsk(first.term, other=second.term) if first and second else None
    match = _DEFINE.match(question.strip())
    if match is None:
        return None
    raw = next(g for g in match.groups() if g is not None).strip(" \"'“”‘’")
    qualified = _QUALIFIED.match(raw)
    bracketed = _BRACKETED.match(raw)
    if bracketed is not None:
        qualified = bracketed  # "garden leave (deepmind)": where it is asked about, in brackets
    elif qualified and not (
        qualified.group("where")[0].isupper() or qualified.group("where").lower() in PLACES
    ):
        qualified = None  # "the PTO policy at google": no place, and no term of the articles either
    term, where = (qualified.group("term"), qualified.group("where")) if qualified else (raw, "")
    term = _FILLER_END.sub("", term.strip(" \"'“”‘’"))
    parts = words(term)
    if not parts or len(parts) > MAX_TERM_WORDS or re.search(r"['’]s\b", term):
        return None
    if parts[0] in _PRONOUNS or any(p in NOT_TERMS for p in parts):
        return None
    if len(parts) > 1 and any(p in _DOING for p in parts):
        return None  # "what is Mistral AI paying": a verb, so a question (not "agentic coding")
    return DefinitionAsk(term, where)


def _spelling(text: str) -> str:
    """British and American spellings as one: "licence" and "license"."""
    return re.sub(r"licen[cs]e", "license", text, flags=re.I)


def term_pattern(term: str) -> re.Pattern[str]:
    """The term as written any way the corpus writes it: "acquihire" finds "acqui-hire" and "acqui-hires",
    "non-compete" finds "noncompete", "K visa" finds '"K" visa', "licence-and-hire" finds "license-and-hire"
    and "hire-and-license"."""
    parts = [part for w in words(_spelling(term)) for part in word_parts(w)]
    joined = "".join(parts)
    gap = r"[\s\"'“”‘’-]*"
    forms = [gap.join(re.escape(ch) for ch in joined)]
    if len(parts) == 3 and parts[1] == "and":
        swapped = parts[2] + "and" + parts[0]
        forms.append(gap.join(re.escape(ch) for ch in swapped))
    return re.compile(rf"(?<![\w-])(?:{'|'.join(forms)})(?:e?s)?(?![\w])", re.I)


def names(pattern: re.Pattern[str], text: str) -> bool:
    """Does the text name the term (a pattern from `term_pattern`), however it spells it?"""
    return pattern.search(_spelling(text)) is not None


def key(term: str) -> str:
    """A term reduced to its letters, for comparing with tags: "acqui-hire" -> "acquihire"."""
    return re.sub(r"[^a-z0-9]", "", _spelling(term).lower())


# After the term: "is"/"are" and what it is (not "was assembled", "is exactly", "is not"), "means",
# "refers to", a colon, an appositive ", a ..." (also after a short date or place: "X on 10 December, a ...").
_COPULA = re.compile(
    r"^[\"'”’]?\s*(?:(?:is|are|was|were)\s+(?!(?:not|also|still|now|set|due|to|being|likely|expected|just|only|"
    r"left|made|taken|given|built|run|held|cut|put|paid|sold|bought|brought|kept|led|known|seen|shown|told|said|"
    r"done|gone|won|lost|found|hit)\b)"
    r"(?![a-z]+(?:ed|ing|ly)\b)|means\b|refers? to\b|describes?\b|denotes?\b|:\s|"
    r"(?:\s+(?:on|in|from|since)\s+[^,]{1,30})?,\s+(?:an?|the|which|where|in which|under which)\s|"
    # ...or set off by a dash: "AI literacy — the ability to use AI tools well in ordinary jobs —"
    r"\s*[—–]\s*(?:an?|the)\s)",
    re.I,
)
# After the term and the kind of thing it is: "noncompete agreements that can keep them out...".
_CLAUSE = re.compile(
    r"^[\"'”’]?(?:\s+(?:agreements?|clauses?|contracts?|category|categories|deals?|model|models|scheme|schemes|"
    r"programmes?|programs?|arrangements?|structures?|rules?|packages?|polic(?:y|ies)|system|plans?|visas?|"
    r"awards?|grants?|bonus(?:es)?|leave|period))?,?\s+(?:that|which|in which|under which|designed to|aimed at|"
    r"allowing|letting|offering|giving)\b",
    re.I,
)
# Before the term: "a practice known as ..." (not "so-called": that uses the term, it does not explain it).
_NAMED = re.compile(r"\b(?<!so-)(?:known as|called|dubbed|termed)\s*[\"'“‘]?$", re.I)
# Before the term: the name it abbreviates, "Meta Superintelligence Labs (MSL)".
_EXPANDED = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)+\s*\($")
# Before the term: "launched a new ...": the sentence that brings it in says what it is.
_INTRODUCED = re.compile(
    r"\b(?:launch(?:ed|es|ing)?|introduc(?:ed|es|ing)|creat(?:ed|es|ing)|set up|unveil(?:ed|s|ing)?|"
    r"announc(?:ed|es|ing))\s+(?:an?|the|its|their)\s+(?:new\s+)?[\"'“‘]?$",
    re.I,
)
# "Under the <term>, acquisitions above a certain size must be notified...": what a rule or law requires.
_UNDER = re.compile(r"^\W*under\s+(?:the\s+|its\s+|china's\s+|us\s+)?$", re.I)
# "such <term>" points back at the sentence before, which says what it is.
_SUCH = re.compile(r"\bsuch\s*[\"'“‘]?$", re.I)
# "these so-called <term>" does too, whatever follows ("... hires was much higher" says nothing of what it is).
_SO_CALLED = re.compile(r"\b(?:these|those) so-called\s*[\"'“‘]?$", re.I)

# How strongly each form explains a term (hand-set: a copula says what it is, a clause says what it does).
STRONG = 1.0
CLAUSE = 0.8
REFERENCE = 0.6


def explains(sentence: str, pattern: re.Pattern[str]) -> tuple[float, bool]:
    """How strongly a sentence explains the term (0: not at all), and whether it points back at the sentence
    before it instead ("such acqui-hire structures")."""
    best, back = 0.0, False
    for match in pattern.finditer(_spelling(sentence)):
        before, after = sentence[: match.start()], sentence[match.end() :]
        if _SO_CALLED.search(before):
            back = back or best == 0.0
        elif _COPULA.match(after) or _NAMED.search(before) or _EXPANDED.search(before):
            return STRONG, False
        if _CLAUSE.match(after) or _INTRODUCED.search(before) or (_UNDER.match(before) and after[:1] == ","):
            best = max(best, CLAUSE)
        elif _SUCH.search(before):
            back = back or best == 0.0
    return (best, False) if best else (REFERENCE, True) if back else (0.0, False)


# After the term in a title: the kind of thing it is ("Huawei's Genius Youth programme pays ..."): the
# article is about the term.
_TITLED = re.compile(
    r"^[\"'”’]?\s+(?:programmes?|programs?|schemes?|visas?|plans?|polic(?:y|ies)|rules?|cards?|awards?|"
    r"grants?|scholarships?|initiatives?|calls?)\b",
    re.I,
)


def titles(title: str, pattern: re.Pattern[str]) -> bool:
    """Does the title name the term as the thing the article is about ("... Genius Youth programme ...", or
    "... under the Qiming programme" for "the qiming programme")?"""
    return any(
        _TITLED.match(title[m.end() :]) or _TITLED.match(" " + m.group(0).split()[-1])
        for m in pattern.finditer(_spelling(title))
    )
