"""The words of the articles, to tell which words of a question they never use: "how tall is Elon Musk?",
"what's alibaba's stock ticker", "how much does perplexity pay?" typed in lower case. A question that
depends on such a word asks about something the articles do not cover, however close its names bring the
search."""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable

from answer.english import is_english
from answer.unknown import EVERYDAY_WORDS
from corpus.text import OVERLAP_STOP_WORDS, QUESTION_STOP_WORDS, STOP_WORDS, stem, word_parts, word_set, words

# How people type rather than what they ask about: chat spellings and the words that name a kind of answer
# ("timeline of", "X vs Y"); a question made of them still asks about the articles' topics.
CHAT_WORDS = word_set(
    "ppl ur urs whos wats wat wut rn atm tbh btw fyi imo imho lol lmao omg idk iirc ngl pls plz thx ty u r "
    "ya yea gonna wanna gotta kinda sorta info pic pics stuff vs versus timeline timelines compare "
    "comparison overview summary summarise summarize recap explain define definition meaning mean means eta "
    "quick question ok okay hmm um uh haha hahaha hehe heh lmfao rofl xd bruh smh tho jk ikr nvm yall bro "
    "lowkey em smth sth abt "
    # ...and the short forms typed without their apostrophe
    "dont doesnt didnt cant couldnt wont wouldnt isnt arent wasnt werent hasnt havent hadnt shouldnt aint "
    "thats whats wheres hows theres ive youre theyre"
)
# Words naming the kind of answer asked ("what was the rationale", "the impact of"), never its topic.
ANSWER_WORDS = word_set(
    "rationale reasoning motivation motivations motive motives impact impacts implication implications "
    "consequence consequences upside upsides downside downsides drawback drawbacks pros cons tradeoff "
    "tradeoffs trade-off trade-offs gist backstory significance outcome outcomes takeaway takeaways "
    "really basically actually exactly"
)
# An amount, a period or a rank written as one token: "100m", "2.4bn", "fy2027", "q3", "h2", "7th".
_AMOUNT_OR_PERIOD = re.compile(
    r"^(?:\d+(?:[.,]\d+)?(?:k|m|mn|b|bn|t|x|yr|yrs|s)?|fy(?:19|20)?\d\d|q[1-4]|h[12]|\d+(?:st|nd|rd|th))$"
)
# A letter or two, a hyphen and a number name a visa or a form: "O-1", "EB-5", "H-1B" ("top-10" does not).
_CODE = re.compile(r"^[a-z]{1,2}-\d{1,2}[a-z]?$")


def is_code(word: str) -> bool:
    """Is the word a code such as a visa class ("o-1", "eb-5")?"""
    return _CODE.match(word) is not None


# Who does something: "earners" (earn), "poachers" (poach).
_DOER = re.compile(r"(?<=[a-z]{3})ers?$")


def doer_bases(word: str) -> tuple[str, ...]:
    """What someone who does it is named after: "earners" -> ("earn", "earne"), "hirers" -> ("hir", "hire");
    none for a word that names no doer."""
    doer = _DOER.search(word)
    return () if doer is None else (word[: doer.start()], word[: doer.start() + 1])


# A misspelling is this close (difflib ratio) to the word meant ("regstrations", "compnay", "wher").
NEAR_SPELLING = 0.8
# ...but a word this short is only taken for a misspelt function word ("wher"), never a topic word: "tall" is
# not a misspelt "tally".
SHORT_WORD = 4
NEAR_SHORT_SPELLING = 0.85
# A word this long that begins a longer word of the articles is its clipped form: "postdoc" (postdoctoral),
# "fintech" is not clipped from anything, "recruit" is a word anyway.
CLIPPED_MIN = 5
# ...when the articles' word has at least this many more letters ("postdocs" is a plural, not a clipping).
CLIPPED_LETTERS = 3


class Lexicon:
    """Every word part of the articles, its Snowball stem, and the words without their hyphens ("h1b")."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        known = set(vocabulary)
        self._written = frozenset(known)
        self._parts = {p for w in known for p in word_parts(w)}
        self._joined = {w.replace("-", "") for w in known}
        self._stems = {stem(p) for p in self._parts}
        self._by_letter: dict[str, list[str]] = {}
        for p in self._parts | STOP_WORDS:
            if p.isalpha() and len(p) > SHORT_WORD:
                self._by_letter.setdefault(p[0], []).append(p)
        self._short = [w for w in STOP_WORDS if len(w) > SHORT_WORD - 1]
        self._sorted = sorted(p for p in self._parts if p.isalpha())
        self._cache: dict[str, bool] = {}

    def writes(self, word: str) -> bool:
        """Do the articles use the word exactly so ("h-1b"; "o-1" is not the "o1" they name)?"""
        return word in self._written

    def knows(self, part: str) -> bool:
        """Do the articles use this word, another form of it, or a word it is a misspelling of?"""
        if part not in self._cache:
            self._cache[part] = self._knows(part)
        return self._cache[part]

    def _knows(self, part: str) -> bool:
        if part in self._parts or part in self._joined or stem(part) in self._stems:
            return True
        if any(len(b) >= SHORT_WORD - 1 and stem(b) in self._stems for b in doer_bases(part)):
            return True  # "earners", "hirers": someone who earns, hires
        if _AMOUNT_OR_PERIOD.match(part) or not part.isalpha():
            return bool(_AMOUNT_OR_PERIOD.match(part))
        single = part[:-1] if part.endswith("s") else part
        if len(single) >= CLIPPED_MIN and (self._clipped(part) or self._clipped(single)):
            return True  # "postdoc" and "postdocs" (postdoctoral)
        if part.endswith("in") and stem(f"{part}g") in self._stems:
            return True  # the "g" dropped: "doin", "hirin"
        if is_english(part):
            return False  # a word spelt right ("stripe"), not a slip of one the articles use ("strike")
        if len(part) <= SHORT_WORD:
            return bool(difflib.get_close_matches(part, self._short, n=1, cutoff=NEAR_SHORT_SPELLING))
        pool = self._by_letter.get(part[0], [])
        return bool(difflib.get_close_matches(part, pool, n=1, cutoff=NEAR_SPELLING))

    def unfamiliar(self, text: str, ignore: Iterable[str] = ()) -> tuple[str, ...]:
        """The words of `text` the articles never use (less function, chat and `ignore`d words), in order."""
        skip = set(ignore)
        found: list[str] = []
        for word in words(text):
            if word in skip or word in EVERYDAY_WORDS or word.replace("-", "") in self._joined:
                continue
            if _CODE.match(word) and word not in found:
                found.append(word)  # "o-1", "eb-5": a visa the articles never name
                continue
            for part in word_parts(word):
                if len(part) < 2 or part in OVERLAP_STOP_WORDS or part in QUESTION_STOP_WORDS:
                    continue
                if part in CHAT_WORDS or part in ANSWER_WORDS or part in EVERYDAY_WORDS or part in skip:
                    continue
                if self.knows(part):
                    continue
                if part not in found:
                    found.append(part)
        return tuple(found)

    def _clipped(self, part: str) -> bool:
        """Is the word the start of a longer word of the articles ("postdoc" of "postdoctoral")?"""
        at = bisect.bisect_left(self._sorted, part)
        while at < len(self._sorted) and self._sorted[at].startswith(part):
            if len(self._sorted[at]) - len(part) >= CLIPPED_LETTERS:
                return True
            at += 1
        return False
