"""Chat shorthand written out before a question is read: "how many deepmind ppl did suleyman poach" asks about
people, "that 24 yr old kid" is a 24 year old, "meta n tml" is Meta and TML. The search, the typo fixer and
the kinds of question then see the words the articles use."""

from __future__ import annotations

import re

from answer.english import is_english
from answer.lexicon import CHAT_WORDS
from corpus.text import STOP_WORDS

# Only forms with one everyday meaning: "cos" (because, or companies) and "k" (okay, or China's K visa) stay.
SHORTHAND = {
    "ppl": "people",
    "ppls": "people's",
    "yr": "year",
    "yrs": "years",
    "u": "you",
    "ur": "your",
    "r": "are",
    "ya": "you",
    "n": "and",
    "w": "with",
    "w/": "with",
    "w/o": "without",
    "bc": "because",
    "b/c": "because",
    "cuz": "because",
    "coz": "because",
    "abt": "about",
    "bout": "about",
    "govt": "government",
    "org": "organisation",
    "orgs": "organisations",
    "tho": "though",
    "thru": "through",
    "b4": "before",
    "wat": "what",
    "wut": "what",
    "smth": "something",
    "sth": "something",
    "rn": "right now",
    "atm": "at the moment",
    "intl": "international",
    "mgmt": "management",
    "yrly": "yearly",
    "approx": "approximately",
    "mil": "million",
    "mln": "million",
    "bil": "billion",
    "avg": "average",
    "fy": "fiscal year",
    "exec": "executive",
    "execs": "executives",
    "uni": "university",
    "unis": "universities",
    "comp": "compensation",
    "incl": "including",
    "esp": "especially",
    "hpc": "high-performance computing",
    "params": "parameters",  # "mimo is only 7b params"
    # ...and investors' nicknames the articles spell out
    "a16z": "andreessen horowitz",
    # ...and slips of short question words the speller leaves alone (too short to correct safely)
    "wen": "when",
    "whn": "when",
    "wht": "what",
    "waht": "what",
    "whta": "what",
    "whtas": "what's",
    "whast": "what's",
    "wahts": "what's",
    "wats": "what's",
    "hw": "how",
    "hwo": "how",
    "woh": "who",
    "teh": "the",
    "hte": "the",
    "adn": "and",
    "lef": "left",
    "lft": "left",
    "pya": "pay",
    "waz": "was",
    # ...and contractions typed without their apostrophe (not "wont", "id", "hes", "were": words of their own)
    "theyd": "they'd",
    "theyre": "they're",
    "theyll": "they'll",
    "theyve": "they've",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "dont": "don't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "arent": "aren't",
    "cant": "can't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "hasnt": "hasn't",
    "havent": "haven't",
    "hadnt": "hadn't",
}
# A shorthand token stands alone, typed in lower case: not part of "U.S.", "R&D", "H-1B" or "n't", not the
# "N" of "Series N".
_TOKEN = re.compile(
    r"(?<![\w.&'/-])("
    + "|".join(sorted(map(re.escape, SHORTHAND), key=len, reverse=True))
    + r")(?![\w&'-]|\.\w)"
)


# Stock tickers of companies in the news, typed by people who follow the shares ("why is shazeer leaving such a
# big deal for goog"), in any case.
TICKERS = {
    "goog": "Google",
    "googl": "Google",
    "msft": "Microsoft",
    "nvda": "Nvidia",
    "aapl": "Apple",
    "amzn": "Amazon",
}
# Names the field shortens in chat and on social media, not to the initials of the name ("oai" for OpenAI,
# "gdm" for Google DeepMind, "msra" for Microsoft Research Asia), typed in any case.
NICKNAMES = {
    "oai": "OpenAI",
    "gdm": "Google DeepMind",
    "msra": "Microsoft Research Asia",
    "uw": "University of Washington",
}
_COMPANY_SHORT = TICKERS | NICKNAMES
# ...before an arrow too: "oai->anthropic".
_SHORT_NAME = re.compile(r"(?<![\w.&'/$-])\$?(" + "|".join(_COMPANY_SHORT) + r")(?![\w&']|-(?!>)|\.\w)", re.I)


# Idioms said plainly: "jump ship" has no ship in it, "what's the deal with the h1b" no deal.
IDIOMS = (
    (re.compile(r"\bjump(?:ing)? ship\b", re.I), "leave"),
    (re.compile(r"\bjumped ship\b", re.I), "left"),
    (re.compile(r"\bjumps ship\b", re.I), "leaves"),
    (
        re.compile(
            r"\bwhat(?:'s|’s|s| is)? (?:the (?:deal|story|situation|scoop|tea)|up|going on|happening) "
            r"(?:with|on|about)\b",
            re.I,
        ),
        "tell me about",
    ),
)


# Everyday words for what the articles say otherwise: "layoffs" are job cuts, someone who "bailed" left,
# a company that "nabbed" someone hired them, "paychecks" are pay, money "chipped in" was put into something;
# "chronology" asks for a timeline.
PLAIN_WORDS = (
    (re.compile(r"\blayoffs\b", re.I), "job cuts"),
    (re.compile(r"\blayoff\b", re.I), "job cut"),
    (re.compile(r"\b(?:laid|lay) off\b|\b(?:fired|sacked|axed)\b", re.I), "cut"),
    (re.compile(r"\bbail(?:ed)?(?: on| from)?\b|\bditched\b", re.I), "left"),
    (re.compile(r"\bbailing(?: on| from)?\b|\bditching\b", re.I), "leaving"),
    (re.compile(r"\bbails(?: on| from)?\b|\bditches\b", re.I), "leaves"),
    (re.compile(r"\b(?:nabbed|snagged|wooed)\b", re.I), "hired"),
    (re.compile(r"\b(?:nab|snag|woo)\b", re.I), "hire"),
    (re.compile(r"\b(?:scooped|snapped) up\b", re.I), "hired"),  # people taken on in numbers
    (re.compile(r"\b(?:scooping|snapping) up\b", re.I), "hiring"),
    (re.compile(r"\b(?:scoops|snaps) up\b", re.I), "hires"),
    (re.compile(r"\b(?:scoop|snap) up\b", re.I), "hire"),
    (re.compile(r"\bpaychecks?\b", re.I), "pay"),
    (re.compile(r"\b(?:chip|chipped|pitch|pitched) in(?:to)?\b", re.I), "put into"),  # money given
    (re.compile(r"\bchronology\b", re.I), "timeline"),
    (re.compile(r"\bchronologically\b", re.I), "in order"),
)


# A letter typed three times or more is drawn out for effect: "sooo", "whyyy", "hiii".
_DRAWN_OUT = re.compile(r"([a-z])\1{2,}")


def _shortened(match: re.Match[str]) -> str:
    """A drawn-out word typed plainly: its letters once when that is a function word or chat ("sooo": "so",
    "lmaooo": "lmao") or a word that twice is not, else twice ("cooool": "cool")."""
    word = match.group(0)
    once = _DRAWN_OUT.sub(r"\1", word)
    twice = _DRAWN_OUT.sub(r"\1\1", word)
    known = STOP_WORDS | CHAT_WORDS
    if once.lower() in known or (is_english(once.lower()) and not is_english(twice.lower())):
        return once
    return twice  # "cooool" is cool; "Wheee" stays "Whee", a slip for the speller to read


# Bringing people in is hiring them ("when did microsoft bring in suleyman"), unless money is what came in.
_BROUGHT_IN = (
    (re.compile(r"\bbring (?:in|on board|aboard|over)\b", re.I), "hire"),
    (re.compile(r"\bbrought (?:in|on board|aboard|over)\b", re.I), "hired"),
    (re.compile(r"\bbringing (?:in|on board|aboard|over)\b", re.I), "hiring"),
    (re.compile(r"\bbrings (?:in|on board|aboard|over)\b", re.I), "hires"),
)
_MONEY_ASKED = re.compile(
    r"\bhow much\b|[$€£¥]|\b(?:money|revenue|cash|funding|sales|capital|investors?)\b", re.I
)


# Sums typed short, as the articles write them out: "100m" is "100 million", "1.5b" "1.5 billion", "$100k"
# "$100,000".
_SUM = re.compile(r"(?<![\w.,/-])(\$?)(\d+(?:\.\d+)?)(k|m|mn|b|bn)\b", re.I)
_SCALE = {"m": "million", "mn": "million", "b": "billion", "bn": "billion"}


def _sum(match: re.Match[str]) -> str:
    dollar, number, unit = match.group(1), match.group(2), match.group(3).lower()
    if unit == "k":
        thousands = float(number) * 1000
        return f"{dollar}{thousands:,.0f}" if thousands.is_integer() else match.group(0)
    return f"{dollar}{number} {_SCALE[unit]}"


def expand(text: str) -> str:
    """`text` with its chat shorthand written out, drawn-out words typed plainly, idioms and everyday words
    said as the articles say them."""
    text = _SUM.sub(_sum, text)
    text = re.sub(r"(?<![\w.])\w*([a-z])\1{2,}\w*\b(?!\.\w)", _shortened, text)
    text = _TOKEN.sub(lambda m: SHORTHAND[m.group(1)], text)
    text = _SHORT_NAME.sub(lambda m: _COMPANY_SHORT[m.group(1).lower()], text)
    plain_words = PLAIN_WORDS if _MONEY_ASKED.search(text) else (*PLAIN_WORDS, *_BROUGHT_IN)
    for idiom, plain in (*IDIOMS, *plain_words):
        text = idiom.sub(plain, text)
    return text
