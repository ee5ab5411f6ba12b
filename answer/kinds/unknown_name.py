"""A question naming a company or person the corpus has never mentioned ("who did Amazon hire?"), or asking
with a word the articles never use ("how tall is Elon Musk?", "what is alibaba's stock ticker")."""

from __future__ import annotations

import re

from answer.asks import split_asks
from answer.context import Context
from answer.cues import FIRST_PERSON
from answer.english import is_english
from answer.kinds.base import CERTAIN
from answer.lexicon import Lexicon, is_code
from answer.model import Answer, AnswerKind, refusal
from answer.query import HIRING_VERBS, Question
from answer.slips import english_frequencies
from corpus.text import STEM_LETTERS, STOP_WORDS, content_words, word_set, words

# A question naming something unknown is refused unless its best passage is this much more relevant than the
# threshold: "what is Mistral AI paying?" must not be answered with Meta's pay.
UNKNOWN_NAME_MARGIN = 0.35
# ...but when each word the articles never use is everyday English and the question asks for a kind of fact
# the articles hold (an amount, a date, a person, a reason: "how much did deitke bag", "who is metas ai boss"),
# the word is only a way of asking, and the question needs no more relevance than any other (on fresh rounds of
# questions, "which outlet broke the story" and "what university does she teach at" were refused with any
# margin above none). "How tall is Elon Musk?" asks for no such fact: "tall" is what it is about.
EVERYDAY_WORD_MARGIN = 0.0
# ...or when it is one such word among at least this many content words the articles use (one more for each
# further such word: "did lecun's new start-up actually raise a ton or is that hype"; "on alphabet's bad day
# whats the worst it fell intraday, and what else besides the exits got blamed", three among five), never four.
KNOWN_WORDS = 3
MAX_EVERYDAY_WORDS = 3
# ...and in chat about the asker, one more such word than `KNOWN_WORDS` alone allows besides: never four.
MAX_CHATTY_WORDS = 3
# Where a who-hired-whom question names a company: "from X", "left X", "X hired", "did X hire".
_COMPANY_BEFORE = re.compile(
    r"\b(from|left|leave|leaves|leaving|quit|quits|out of|to|join|joined|joins|joining|by|for|at|did|does|has|"
    r"have)\s+$",
    re.I,
)
_COMPANY_AFTER = re.compile(
    rf"^[^\w,;]*({HIRING_VERBS})\b"
)  # not across a comma: "exits, fundraising, hiring"
# ...or the first of two words before a hiring verb, when the second names no company the articles know: "is
# hugging face hiring" (not "the only one google hired")
_TWO_WORD_COMPANY_AFTER = re.compile(rf"^[^\w,;]+(\w+)[^\w,;]*(?:{HIRING_VERBS})\b")
# ...but a word between "has" (or "did") and what it acts on is the verb: "which company has bled the most staff".
_VERB_SLOT = re.compile(r"\b(?:did|does|has|have)\s+$", re.I)
_OBJECT_AFTER = re.compile(r"^\s+(?:the|a|an|more|most|its|their|so|many|all)\b", re.I)
# "How many people did amazon hire?": a count of moves, which the name decides as much as a list does.
_HOW_MANY = re.compile(r"\bhow many\b", re.I)
_ASKED = re.compile(r"\b(which|what|whose|any|a|an|the|some|every|each|other)\s+$", re.I)
# ...nor is a word after "such" or "so" that describes what follows it: "such juicy poaching targets".
_DESCRIBING = re.compile(r"\b(such|so|very|really|super|pretty|quite|too)\s+$", re.I)
# "which amazon ai people left", "any cohere researchers": a word before the staff it names is their company.
_STAFF_AFTER = re.compile(
    r"^\W*(?:ai |ml |research )?(?:people|researchers|engineers|staff|staffers|employees|execs|executives|"
    r"scientists|leaders|folks|guys|talent|hires|alumni)\b",
    re.I,
)

# Words that say how many staff, not whose: "a couple researchers", "a handful engineers".
_HOW_MANY_OF = frozenset(
    {"couple", "few", "bunch", "handful", "dozen", "dozens", "lot", "lots", "ton", "tons", "pair"}
)


def company_slot_words(q: Question, *, staff: bool = True) -> tuple[str, ...]:
    """Unfamiliar words where a who-hired-whom question names a company ("who did amazon hire"): in lower
    case, an unknown company's name. With `staff`, also the word before the staff it names ("which amazon
    people left"), which in a question about anything but moves may as well describe them ("the superstar
    researchers")."""
    found = []
    for word in q.unfamiliar:
        if word in _HOW_MANY_OF:
            continue  # "a couple researchers quit": how many of them, not whose
        for match in re.finditer(rf"\b{re.escape(word)}\b", q.text, re.I):
            before, after = q.text[: match.start()], q.text[match.end() :]
            if (
                staff
                and _STAFF_AFTER.match(after)
                and (_ASKED.search(before) or _COMPANY_BEFORE.search(before))
            ):
                found.append(word)
                break
            if _ASKED.search(before) or _DESCRIBING.search(before):  # "which company lost...": not a name
                continue
            if _VERB_SLOT.search(before) and _OBJECT_AFTER.match(after):
                continue
            if (
                _COMPANY_BEFORE.search(before)
                or _COMPANY_AFTER.match(after)
                or _two_word_name(q, match.end())
            ):
                found.append(word)
                break
    return tuple(found)


# "did figure ai poach anyone": a word before "ai" where a hiring question names a company, that no name the
# articles give holds, is a company's name, unless it says what kind of AI ("did chinese ai hire").
_AI_FIRM = re.compile(
    rf"\b(?:did|does|do|has|have|is|was)\s+([a-z][a-z0-9-]+)\s+ai\s+(?:(?:ever|really|just|also|actually)\s+)?"
    rf"(?:{HIRING_VERBS})\b"
)
_KINDS_OF_AI = word_set(
    "generative applied open frontier chinese american us uk european big top any which what other agentic "
    "enterprise physical new more gen responsible safe sovereign ethical conversational embodied consumer "
    "industrial general narrow strong weak edge military medical in of for and or the at to from with about "
    "into on by is are was were do does did have has had than"
)


def unknown_ai_firms(q: Question) -> tuple[str, ...]:
    """Companies named "<word> ai" in lower case that the articles never name ("figure ai")."""
    named = {w for m in q.mentions for w in words(q.text[m.start : m.end])}
    return tuple(
        f"{m.group(1)} ai"
        for m in _AI_FIRM.finditer(q.text)
        if m.group(1) not in _KINDS_OF_AI and m.group(1) not in named and m.group(1) not in STOP_WORDS
    )


def _unknown_firms(q: Question) -> tuple[str, ...]:
    """The companies a hiring question names that the articles never do: in a company's place, or "<word> ai"."""
    return company_slot_words(q) or unknown_ai_firms(q)


def unknown_codes(q: Question, lexicon: Lexicon) -> tuple[str, ...]:
    """Codes the articles never write ("how long does an o-1 visa take"): a visa class or a form is exactly
    what such a question is about, and any answer would be about another one. Shown in capitals, "O-1"."""
    return tuple(dict.fromkeys(w.upper() for w in words(q.text) if is_code(w) and not lexicon.writes(w)))


def _two_word_name(q: Question, end: int) -> bool:
    """Is the word ending at `end` the first of two before a hiring verb, the second naming nothing known?"""
    second = _TWO_WORD_COMPANY_AFTER.match(q.text[end:])
    if second is None:
        return False
    start = end + second.start(1)
    return not any(m.start <= start < m.end for m in q.mentions)


# The asker speaking of themselves or of what they heard.
_CHATTY = re.compile(
    rf"\b(?:{FIRST_PERSON}|someone|somebody|heard|rumou?rs?|(?:friend|mate|colleague|coworker|buddy)s?)\b",
    re.I,
)
# A word English writes this often (SymSpell's list) is everyday though the model's vocabulary lacks it
# ("offline": 23 million); names the articles lack are rarer ("mistral": 0.4 million) or caught as names.
WRITTEN_OFTEN = 10_000_000
# ...and among many words the articles use, one written this often is a way of saying it ("my buddy got some
# chunky bonus": 1.5 million), where alone it may be what the question asks about ("alibaba's stock ticker":
# 3.5 million, refused because "alibaba" and "stock" are too few to make the question).
WRITTEN_SOMETIMES = 1_000_000
# Whom someone leads, the place of a company's name: "who runs tsmc", "the ceo of tsmc these days".
_LEADING = r"\b(?:who\s+(?:runs|leads|heads|owns|founded|started|manages)|(?:ceo|boss|head|chief|founder|chair)\s+of)"
# A short word without a vowel is an abbreviation typed in lower case ("hpc", "sre", "nlp"): everyday usage.
_ABBREVIATION = re.compile(r"^[b-df-hj-np-tv-z]{2,4}$")


def _everyday(word: str, often: int = WRITTEN_OFTEN) -> bool:
    """Is the word everyday English: the model's vocabulary, an abbreviation, or written `often`?"""
    return is_english(word) or bool(_ABBREVIATION.match(word)) or english_frequencies().get(word, 0) >= often


def unread(q: Question) -> tuple[str, ...]:
    """The words of the question the articles never use, less those that are only known words garbled
    ("whsts", "opmai"): a slip of the finger says nothing about what the question is about."""
    return tuple(w for w in q.unfamiliar if w not in q.garbled)


def margin(q: Question) -> float:
    """How much more relevant than the threshold the search must be to answer despite the unknown words."""
    unfamiliar = unread(q)
    if q.unknown_names or not all(_everyday(w, WRITTEN_SOMETIMES) for w in unfamiliar):
        return UNKNOWN_NAME_MARGIN
    if any(
        re.search(rf"\b(?:at|in|from|for)\s+{re.escape(w)}\b(?!\s+order)", q.text, re.I) for w in unfamiliar
    ):
        return UNKNOWN_NAME_MARGIN  # "salary ... at ibm", "in berlin": a place or company, what it is about
        # (not "in chronological order")
    if company_slot_words(q, staff=False):
        return UNKNOWN_NAME_MARGIN  # "how much does samsung pay", "did amazon hire": a company's name
    if any(re.search(rf"\bof\s+{re.escape(w)}(?:['’]s)?\W*$", q.text, re.I) for w in unfamiliar):
        return UNKNOWN_NAME_MARGIN  # "who is the ceo of samsung" (not "the share of german employers")
    if any(re.search(rf"{_LEADING}\s+{re.escape(w)}\b", q.text, re.I) for w in unfamiliar):
        return UNKNOWN_NAME_MARGIN  # "btw who runs tsmc these days": the company led, an abbreviation or not
    asks = split_asks(q.text)
    if asks and all(a.type is not None for a in asks) and all(_everyday(w) for w in unfamiliar):
        return EVERYDAY_WORD_MARGIN
    # An everyday word or two among many the articles use is a way of saying it, not what it is about: "the
    # 100k h1b charge expires when", "was the $100m signing bonus real or just altman hype".
    known = content_words(q.text) - {w[:STEM_LETTERS] for w in q.unfamiliar}
    few = len(unfamiliar) <= MAX_EVERYDAY_WORDS and len(known) >= KNOWN_WORDS + len(unfamiliar) - 1
    # ...and in a message about the asker or what they heard, one more is chat: "the vesting cliff thing
    # confused me, did they kill it", "someone on twitter says ..., is that legit or just gossip"
    chatty = _CHATTY.search(q.text) is not None
    told = chatty and len(unfamiliar) <= MAX_CHATTY_WORDS and len(known) >= KNOWN_WORDS
    return EVERYDAY_WORD_MARGIN if few or told else UNKNOWN_NAME_MARGIN


class UnknownName:
    """Before the search, a who-hired-whom question naming an unknown company is refused outright (its answer
    depends on the name); after it, any other question naming something unknown, or asking with a word the
    articles never use, is refused unless its passages are very relevant."""

    kind = AnswerKind.UNKNOWN_NAME

    def __init__(self, *, before_search: bool) -> None:
        self.before_search = before_search

    def match(self, q: Question, ctx: Context) -> float | None:
        if self.before_search:
            if unknown_codes(q, ctx.state.lexicon):
                return CERTAIN
            moves = ctx.wants_moves or (q.about_moves and bool(_HOW_MANY.search(q.text)))
            return CERTAIN if moves and (q.unknown_names or _unknown_firms(q)) else None
        if not q.unknown_names and not unread(q):
            return None
        score = ctx.retrieval.score
        if not q.unknown_names and score < ctx.threshold:
            return None  # nothing relevant found at all: not found, whatever the words
        return CERTAIN if score < ctx.threshold + margin(q) else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        if q.unknown_names:
            names = ", ".join(q.unknown_names)
            return refusal(q.text, f"I have no articles about {names}, so I can't answer that.", self.kind)
        named = (unknown_codes(q, ctx.state.lexicon) or _unknown_firms(q)) if self.before_search else ()
        if named:
            return refusal(
                q.text, f"I have no articles about {', '.join(named)}, so I can't answer that.", self.kind
            )
        listed = ", ".join(f"“{w}”" for w in unread(q))
        return refusal(q.text, f"None of my articles mention {listed}, so I can't answer that.", self.kind)
