"""Names and product versions a question gives that the articles never mention ("who did Amazon hire?",
"eta on gpt 6"), told from abbreviations, chat words and whom the question is addressed to."""

from __future__ import annotations

import re
from collections.abc import Iterable

from corpus.entities import EntityIndex, Mention
from corpus.text import AMBIGUOUS_NAME_WORDS, MONTHS, QUESTION_STOP_WORDS, SHORT_MONTHS, STOP_WORDS, word_set

# A name: a capitalised word ("Nvidia", "José"), or one with a capital inside ("xAI", "iFlytek"), and what
# follows it.
_CAPITALISED = re.compile(
    r"(?<![\w'])((?:[A-ZÀ-ÖØ-Þ]|[a-z][a-z]?[A-Z])[a-zA-Zß-öø-ÿ0-9&.-]*(?:\s+[A-ZÀ-ÖØ-Þ][a-zA-Zß-öø-ÿ0-9&.-]+)*)"
)


# Abbreviations and chat words that are written with capitals but name no one ("R&D", "BTW", "LOL"), and
# words that open a chatty message ("Quick question: ..."); the common ones are in QUESTION_STOP_WORDS.
EVERYDAY_WORDS = word_set(
    "r&d m&a q&a p&l btw fyi imo imho tbh tl;dr tldr lol lmao omg asap eta fwiw afaik irl aka pls plz thx ty "
    "np dm pm hr vc vcs ipo ipos roi kpi okr okrs agi asi nlp cv ar vr xr api apis ui ux saas b2b b2c "
    "cfo coo cso cio cmo evp svp md pr r&d it capex opex ebitda yoy qoq "
    "quick question questions just curious wondering hmm well actually honestly seriously random guys "
    "folks everyone team dear sir madam kindly yes yeah yep nope sorry great cool nice awesome wow alright "
    "sure explain describe compare find search help bot talentbot "
    # fillers of chat messages: "wtf is a world model", "who else", "the guy wu yonghui answers to"
    "guy guys dude bruh wtf huh damn dang tho though anyway anyways literally like right heard apart else "
    "besides lmk idk iirc ngl tbf smh fr yo wasn isn aren didn doesn weren hasn haven wouldn couldn shouldn "
    # where the asker read it: "someone on twitter says ..."
    "twitter tweet tweets tweeted reddit "
    # slang for true or not: "is that legit", "lowkey cap"
    "legit sus cap lowkey highkey deadass "
    # how, not what: "who did nvidia pull in via licence deals"
    "via "
    # numbers written out: "12 months to 6 to zero", "a dozen", "a couple"
    "zero nil one two three four five six seven eight nine ten eleven twelve dozen dozens twenty thirty forty "
    "fifty hundred hundreds thousand thousands couple half twice double triple"
)
# One or two lower-case words owning something: "jensen huang's salary", "mistral's founders".
_OWNER = re.compile(r"(?<![\w'’.])((?:[a-z]+\s)?[a-z]+)['’]s\b")  # not a web address's end: "jd.com's"
# ...or a whole question asking who someone is, in lower case: "who is jensen huang".
_WHO_IS = re.compile(r"^\W*(?:who\s+is|who\s+was|who's|whos|who’s)\s+([a-z]+(?:\s+[a-z]+){0,2})\W*$")
# Letters of scripts other than Latin (with its accented letters): a name written in Chinese, Cyrillic...
_OTHER_SCRIPT = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+")
# What may come before a name someone is addressed by ("hey Bob, ..."): nothing, or a greeting.
_ADDRESS_BEFORE = re.compile(
    r"^\W*(?:(?:hi|hello|hey|hiya|yo|dear|thanks|thank you|cheers|ok|okay|morning|good morning)\b\W*)?$", re.I
)
_ADDRESS_AFTER = re.compile(r"^\s*[,!:;—–-]")  # "Bob, who did Meta hire?"
_PRONOUN = re.compile(r"\b(it|its|they|their|them)\b", re.I)  # "Samsung, who did they hire?": not an address
_ATTRIBUTION = re.compile(r"\b(according to|per|via|cc|h/t)\s+$", re.I)  # "according to Bloomberg, ..."


def _aside(text: str, start: int, end: int) -> bool:
    """A name the answer does not depend on: whom the question is addressed to ("hey Bob, ...", "..., Bob?")
    or whom it credits ("according to Bloomberg")."""
    before, after = text[:start], text[end:]
    if _ATTRIBUTION.search(before):
        return True
    if re.search(r",\s*$", before) and not re.search(r"\w", after):  # "who did Meta hire, Bob?"
        return True
    greeted = _ADDRESS_BEFORE.match(before)
    if greeted is None or not _ADDRESS_AFTER.match(after):
        return False
    return bool(greeted.group(0).strip(" \t,!")) or not _PRONOUN.search(after)


def _name_word(token: str) -> str:
    return token.lower().strip(".'").removesuffix("'s")


def _trimmed(phrase: str) -> str:
    """A capitalised phrase less the question words before the name: "Did Bob" -> "Bob" (but "Mistral AI")."""
    tokens = phrase.split()
    while tokens and _name_word(tokens[0]) in QUESTION_STOP_WORDS | EVERYDAY_WORDS:
        tokens.pop(0)
    return " ".join(tokens)


def unknown_names(text: str, entities: EntityIndex, vocabulary: set[str]) -> tuple[str, ...]:
    """Names in the question that appear nowhere in the corpus and that its answer depends on (so it cannot be
    about them): not abbreviations or chat words ("R&D", "BTW"), not whom it is addressed to ("hey Bob")."""
    unknown = []
    for match in _CAPITALISED.finditer(text):
        phrase = _trimmed(match.group(1).strip(".-"))
        words = [_name_word(w) for w in phrase.split()]
        words = [w for w in words if w and w not in QUESTION_STOP_WORDS and w not in EVERYDAY_WORDS]
        if not words:
            continue
        if all(w in vocabulary or w in entities.vocabulary or w in AMBIGUOUS_NAME_WORDS for w in words):
            continue
        if any(w in entities.vocabulary for w in words) and len(words) > 1:
            continue  # e.g. "Alibaba Cloud": partly known, let search decide
        start = match.start() + match.group(1).find(phrase)
        if start == 0 and len(words) == 1 and words[0] in vocabulary:
            continue
        if _aside(text, start, start + len(phrase)):
            continue
        unknown.append(phrase)

    def named(words: str) -> list[str]:
        return [w for w in words.split() if w not in QUESTION_STOP_WORDS and w not in EVERYDAY_WORDS]

    def unheard(w: str) -> bool:  # a word no article writes, as a word or in a name
        return w not in vocabulary and w not in entities.vocabulary and w not in AMBIGUOUS_NAME_WORDS

    for match in _OWNER.finditer(text):  # "whats jensen huang's salary": whose, in lower case
        if match.group(1).split()[-1] in STOP_WORDS:
            continue  # "she's", "it's", "that's": is, not whose ("when did dawn song announce she's joining")
        owner = named(match.group(1))
        if owner and all(unheard(w) and w.isalpha() for w in owner) and match.group(1) not in unknown:
            unknown.append(" ".join(owner))
    asked = _WHO_IS.match(text)
    who = named(asked.group(1)) if asked is not None and not unknown else []
    if who and all(unheard(w) for w in who):
        unknown.append(" ".join(who))
    for match in _OTHER_SCRIPT.finditer(text):  # "Who is 梁文锋?": the articles are in English
        if match.group(0).lower() not in vocabulary and not _aside(text, match.start(), match.end()):
            unknown.append(match.group(0))
    return tuple(unknown)


# The word after a first name, as typed.
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)\b")


def namesake(m: Mention, text: str, vocabulary: set[str]) -> str | None:
    """A person found by their first name alone, followed by a surname the articles never write, is someone
    else of that first name: their name as typed ("is jeff dean still at google" is no Jeff Wang), else None.
    Not a chat word ("that anuj guy") or an adverb ("elon really"), a form of the surname ("dawn songs") or a
    slip of it ("barret zof")."""
    first, *rest = m.entity.name.lower().split()
    if m.entity.kind != "person" or text[m.start : m.end].lower() != first:
        return None
    after = _NEXT_WORD.match(text, m.end)
    if after is None:
        return None
    word = after.group(1).lower()
    known = vocabulary | EVERYDAY_WORDS | QUESTION_STOP_WORDS | STOP_WORDS
    if word in known or word.removesuffix("s") in known or any(w[:1] == word[:1] for w in rest):
        return None
    if word.endswith("ly"):
        return None  # "did elon really say that": how, no surname
    return text[m.start : after.end()]


# A product and its version: "GPT-4o", "Gemini 3", "gpt 6" (a year is no version: "meta 2025").
VERSION = re.compile(r"\b([A-Za-z]{2,})[- ]?(\d{1,2}(?:\.\d)?[a-z]?)(?![\w.,]*\d)\b")
# ...as the articles write it, with a capital: "GPT-5", "Gemini 3" (not "about 10").
_PRODUCT_VERSION = re.compile(r"\b([A-Z][A-Za-z]+)[- ]?(\d{1,2}(?:\.\d)?[a-z]?)(?![\w.,]*\d)\b")
# Another name with a number is a product version only where a question about a release follows, or
# nothing: "grok 5 release", "eta on grok 5", "gpt 6 yet"; "google 2 years ago" is a count.
_ABOUT_RELEASE = re.compile(
    r"\W*(?:$|(?:release|released|launch|launched|coming|come|comes|came|out|score|scores|benchmarks?|eta|update"
    r"|yet|already|soon|drops?|dropped|ships?|shipped|arrives?|arrived)\b)",
    re.I,
)


def versions(texts: Iterable[str], names: set[str]) -> set[str]:
    """The products with a version the articles name, written without a gap: "gpt4o", "gemini3" (a name
    or an acronym with a number, not "About 80")."""
    return {
        f"{m.group(1)}{m.group(2)}".lower()
        for text in texts
        for m in _PRODUCT_VERSION.finditer(text)
        if m.group(1).isupper() or m.group(1).lower() in names
    }


def unknown_versions(text: str, known: set[str], names: set[str]) -> tuple[str, ...]:
    """Versions of a product the articles name that they never mention: "eta on gpt 6", "grok 5 release"
    (the version last, or before a word about releasing it: "meta 2 hires" is no product)."""
    found = [
        m
        for m in VERSION.finditer(text)
        if f"{m.group(1)}{m.group(2)}".lower() not in known and _ABOUT_RELEASE.match(text[m.end() :])
    ]
    if not found:
        return ()
    families = {re.sub(r"[\d.]+[a-z]?$", "", v) for v in known}
    return tuple(
        m.group(0)
        for m in found
        if (m.group(1).lower() in families or m.group(1).lower() in names)
        and m.group(1).lower() not in MONTHS | SHORT_MONTHS  # "june 22": a day, not a version of June
    )
