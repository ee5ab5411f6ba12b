"""A question asking for a number, a date or a person about something the articles talk of, but never with that
fact: "how many employees does Nvidia have?" finds Nvidia's deals, "who is the CEO of Nvidia?" other companies'
chief executives. Refused plainly rather than answered with a sentence that misses the ask, unless a sentence the
search missed, in an article about what the question names, states it ("The company, which employs about 300
people" for "how many people work at DeepSeek?"): that sentence is the answer."""

from __future__ import annotations

import re

import numpy as np

from answer.asks import AnswerType, body, split_asks
from answer.context import Context
from answer.extractive import answer_from_picks, leading_articles
from answer.facts import AMOUNT, DATE, carries
from answer.kinds.asked_roles import asked_role
from answer.kinds.base import CERTAIN
from answer.kinds.fact_focus import STAFF, known_focus
from answer.kinds.leaders import asks_leader
from answer.kinds.not_found import NOT_FOUND
from answer.kinds.sides import asked_sides
from answer.model import Answer, AnswerKind, refusal
from answer.passages import sentence_groups
from answer.pronouns import PERSON_PRONOUN
from answer.query import Question
from answer.retrieval import search_scope
from answer.synonyms import with_same_meaning
from corpus.entities import surname
from corpus.text import STEM_LETTERS, content_words, words

# The types of fact checked: those a sentence either states or not (a reason or a role is a matter of wording).
CHECKED = frozenset({AnswerType.AMOUNT, AnswerType.DATE, AnswerType.PERSON})
# "How many" is answered by a number that is not a year: "a team of about 100 engineers", "two dozen".
_COUNT = re.compile(
    r"^(?!(?:19|20)\d\d$)\d[\d,.]*%?$|^(dozens?|hundreds?|thousands?|millions?|billions?|two|three|four|five|"
    r"six|seven|eight|nine|ten|twelve|twenty|fifty)$",
    re.I,
)
# "How many" asks for a count: "80% of its employees" or "$20 billion" does not answer it.
_HOW_MANY = re.compile(r"\bhow many\b|\bnumber of\b", re.I)
_MONEY = ("$", "€", "£", "¥")
_TIME_UNIT = re.compile(r"(years?|months?|weeks?|days?|hours?)\b")  # "two years": a duration, not a count
# Around a word: punctuation and currency signs ("$20", "(72%)").
_NOT_WORD = ".,;:!?()[]\"'“”‘’$€£¥"
# ...written this close (in words) to what it counts.
NEAR_WORDS = 8
# A sentence the search did not find is taken only when its fact is written this close (in words) after or
# before the focus word ("employs about 300 people"): nothing else says it is about what was asked.
CLOSE_WORDS = 3
# A word of the question and one of a sentence are taken for the same word when one begins the other and
# they share at least this many letters ("merge"/"merger", "employ"/"employs").
SAME_WORD_LETTERS = 4
# ...or when both are longer than this and start with the same this many letters.
SAME_STEM_LETTERS = 5


# What someone is paid or worth: with no other focus, "how much is ilya sutskever paid" asks about his pay,
# which a sentence about his company's valuation does not state.
_PAY = content_words(
    "pay paid pays paying salary salaries compensation earn earns earned earning wage package packages "
    "make makes making"  # "how much does demis hassabis make"
)
# ...and what someone owns: "sam altman's net worth" is stated with these words, not by "a package worth".
_WEALTH = content_words("wealth wealthy net")


def pay_of_person(q: Question, kind: AnswerType) -> set[str]:
    """The pay words of an amount asked of a person ("how much is X paid", "X's net worth"), else none."""
    if kind is not AnswerType.AMOUNT or not q.people or _HOW_MANY.search(q.text):
        return set()
    asked = content_words(body(q.text))
    if asked & _PAY:
        return with_same_meaning(set(_PAY))
    return set(_WEALTH) if asked & (_WEALTH | content_words("worth fortune rich richest")) else set()


def said_words(sentence: str) -> list[str]:
    """A sentence's words, lower case, without the signs around them or hyphens ("H-1B" is "h1b")."""
    return [w.strip(_NOT_WORD).replace("-", "") for w in sentence.lower().split()]


def word_forms(sentence: str) -> list[set[str]]:
    """Each of a sentence's words (`said_words`) with the parts of a hyphenated one: "labour-arbitration"
    says "arbitration", "Chinese-born" says "born"."""
    raw = sentence.lower().split()
    return [
        {said, *(p for p in w.strip(_NOT_WORD).split("-") if p)}
        for said, w in zip(said_words(sentence), raw, strict=True)
    ]


def same_word(a: str, b: str) -> bool:
    if a == b or (min(len(a), len(b)) >= SAME_WORD_LETTERS and (a.startswith(b) or b.startswith(a))):
        return True
    # Another ending of the same word: "retiring" (cut to "retiri") and "retire", "hired" and "hiring".
    return min(len(a), len(b)) > SAME_STEM_LETTERS and a[:SAME_STEM_LETTERS] == b[:SAME_STEM_LETTERS]


def _counts(sentence: str) -> list[int]:
    """Where a sentence's words are counts: numbers that are no year, sum of money, share or duration."""
    raw = sentence.lower().split()
    return [
        i
        for i, w in enumerate(raw)
        if _COUNT.match(w.strip(_NOT_WORD))
        and not w.strip("(").startswith(_MONEY)
        and not (i > 0 and raw[i - 1].strip("(").startswith(_MONEY))
        and "%" not in w
        and not (i + 1 < len(raw) and _TIME_UNIT.match(raw[i + 1]))
    ]


def states_fact(sentence: str, kind: AnswerType, q: Question, focus: set[str], ctx: Context) -> bool:
    """Does the sentence carry a fact of the asked type about one of the question's focus words (an amount
    or, for "how many", a count within a few words of it)?"""
    said = word_forms(sentence)
    at = [i for i, forms in enumerate(said) if any(same_word(f, w) for f in focus for w in forms)]
    if not at:
        return False
    if kind is AnswerType.AMOUNT and _HOW_MANY.search(q.text):
        # "how many phds does openai employ": the count is of PhDs, not of staff in general
        kinds = focus - STAFF
        at = [i for i in at if not kinds or any(same_word(f, w) for f in kinds for w in said[i])]
        near = any(abs(i - j) <= NEAR_WORDS for i in at for j in _counts(sentence))
        return near and not _about_another_company(sentence, q, ctx)
    if kind is AnswerType.AMOUNT:
        return carries(sentence, kind, ctx.state.entities)  # a sum or a share, of what the sentence is about
    known = frozenset(words(q.text))
    if kind is AnswerType.PERSON:  # "who led the round?": investors, buyers and employers are "who" too
        if asks_leader(q):  # ...but a company's leader is a person, named with it: "who runs zhipu ai" is
            # not answered by "At Anthropic he takes charge of..." or "Staff at Zhipu and MiniMax..."
            return carries(sentence, kind, ctx.state.entities, known) and not _about_another_company(
                sentence, q, ctx
            )
        return any(carries(sentence, k, ctx.state.entities, known) for k in (kind, AnswerType.ORGANISATION))
    return carries(sentence, kind, ctx.state.entities, known)


# A company named as the source of a report is not what the sentence counts: "The South China Morning Post
# reported that the posting attracted more than 10,000 CVs", "according to Reuters".
_SOURCE_AFTER = re.compile(r"^\s+(?:has |had )?(?:reported|reports|said|says|found|estimated|estimates)\b")
_SOURCE_BEFORE = re.compile(r"\baccording to (?:the )?$")


def _about_another_company(sentence: str, q: Question, ctx: Context) -> bool:
    """Does the sentence name companies, none of them one the question asks about (or the source of a
    report)? "The exits leave OpenAI with three of the eleven people who founded it" counts no one at
    Anthropic."""
    asked = [m.entity for m in q.mentions if m.entity.kind == "org"]
    named = [
        m.entity
        for m in ctx.state.entities.find(sentence)
        if m.entity.kind == "org"
        and not _SOURCE_AFTER.match(sentence[m.end :])
        and not _SOURCE_BEFORE.search(sentence[: m.start])
    ]
    return bool(asked and named) and not any(
        a.keys <= n.keys or n.keys <= a.keys for a in asked for n in named
    )


def _word_at(sentence: str, offset: int) -> int:
    return len(sentence[:offset].split())


def fact_positions(sentence: str, kind: AnswerType, q: Question, ctx: Context) -> list[int]:
    """Where (word indices) a sentence states a fact of the asked type: a count for "how many", a sum or
    share, a date, a person other than those the question names."""
    if kind is AnswerType.AMOUNT and _HOW_MANY.search(q.text):
        return _counts(sentence)
    if kind is AnswerType.AMOUNT:
        return [_word_at(sentence, m.start()) for m in AMOUNT.finditer(sentence)]
    if kind is AnswerType.DATE:
        return [_word_at(sentence, m.start()) for m in DATE.finditer(sentence)]
    known = frozenset(words(q.text))
    return [
        _word_at(sentence, m.start)
        for m in ctx.state.entities.find(sentence)
        if m.entity.kind == "person" and not m.entity.keys <= known
    ]


def states_fact_closely(sentence: str, kind: AnswerType, q: Question, focus: set[str], ctx: Context) -> bool:
    """Does the sentence state a fact of the asked type within CLOSE_WORDS of a focus word, written with the
    same stem ("employs" for "employees", not "found" for "founded"), a count only before it ("300 people")?"""
    at = [i for i, forms in enumerate(word_forms(sentence)) if any(w[:STEM_LETTERS] in focus for w in forms)]
    if not at:
        return False
    counting = kind is AnswerType.AMOUNT and bool(_HOW_MANY.search(q.text))
    return any(
        0 < i - j <= CLOSE_WORDS if counting else abs(i - j) <= CLOSE_WORDS
        for i in at
        for j in fact_positions(sentence, kind, q, ctx)
    )


class MissingFact:
    """After the search: a one-part question asking for an amount, a date or a person, none of whose passages
    has a sentence with that type of fact next to what it asks about."""

    kind = AnswerKind.NOT_FOUND

    def match(self, q: Question, ctx: Context) -> float | None:
        asks = split_asks(q.text)
        if len(asks) != 1 or asks[0].type not in CHECKED or asked_sides(q, ctx) is not None:
            return None  # ...two sides weighed are searched each on its own (`SideBySide`)
        kind = asks[0].type
        if _asks_role(q, kind):
            return CERTAIN  # "who is the CEO of X?" that `Roles` found no record or sentence for
        focus = known_focus(q, ctx.state.names)
        paid = _pay_asked(q, kind, focus)
        if not focus and not paid:
            return None
        # ...in the passages found and the best articles, which the answer reads whole (`Extractive`)
        leading = leading_articles(ctx.retrieval.hits)
        named = {m.entity.keys for m in q.mentions}
        for hit in ctx.retrieval.hits:
            title = ctx.state.data.articles[hit.article_id].title
            if paid:
                # "how much is hassabis paid": said in an article about him, not of a package for another
                if not _about_person(q, title):
                    continue
                whole = ctx.state.data.sentences.get(hit.article_id, [])
                sentences = tuple(" ".join(whole[i] for i in group) for group in sentence_groups(whole))
            else:
                # ...a headline states a fact too: "Huawei's Genius Youth programme pays top graduates up to 2
                # million yuan a year", whose sentence on pay says "the scheme"; a headline naming what the
                # question names
                headline = (title,) if _titled(hit.article_id, ctx, named) else ()
                sentences = (*headline, *ctx.state.retrieved(hit).sentences)
            if any(
                states_fact(s, kind, q, focus or paid, ctx) and (not paid or _paid_to_person(s, q, paid, ctx))
                for s in sentences
            ):
                return None
        if kind is AnswerType.AMOUNT and not paid and _stated_further_on(q, ctx, kind, focus, leading):
            return None
        if self._found(q, ctx, kind) is None and _said_alike(q, ctx, kind):
            return None
        return CERTAIN

    def _found(self, q: Question, ctx: Context, kind: AnswerType) -> tuple[str, str] | None:
        """The sentence stating the fact that the search missed (`stated_elsewhere`), if any."""
        focus = known_focus(q, ctx.state.names)
        paid = _pay_asked(q, kind, focus)
        return ctx.once(
            "missing_fact.found",
            lambda: stated_elsewhere(q, ctx, kind, focus or paid, about_person=bool(paid)),
        )

    def answer(self, q: Question, ctx: Context) -> Answer:
        kind = split_asks(q.text)[0].type
        if kind is None or _asks_role(q, kind):
            return refusal(q.text, NOT_FOUND, self.kind)
        found = self._found(q, ctx, kind)
        if found is None:
            return refusal(q.text, NOT_FOUND, self.kind)
        return answer_from_picks(q, [found], ctx.state.data.articles)


# A passage sentence this close in meaning to the question (cosine) that states a fact of the asked type
# answers it in other words ("when did jumper say he's quitting deepmind": "...said on 19 June 2026 that he
# is leaving DeepMind"); sentences about a company's other facts stay below it ("who is the CEO of nvidia").
SAID_ALIKE = 0.7


# A sentence of the best articles outside the passages found states the sum asked this close (cosine) to the
# question: "...a typical enterprise machine-learning engineer as earning roughly $170,000" for "what does a
# normal ml engineer make" (0.64), not a seed round for "how much does nvidia pay its researchers" (0.35).
FURTHER_ON_ALIKE = 0.5


def _stated_further_on(
    q: Question, ctx: Context, kind: AnswerType, focus: set[str], articles: list[str]
) -> bool:
    """Does a sentence of these articles (the best, read whole) close to the question state the sum asked? (Not
    for dates: any year is one, "when was deepseek founded" is not answered next to "its founder's fund".)"""
    data = ctx.state.data
    for article_id in articles:
        base, sentences = data.sentence_offsets[article_id], data.sentences[article_id]
        close = data.sentence_vectors[base : base + len(sentences)] @ ctx.vector >= FURTHER_ON_ALIKE
        if any(states_fact(sentences[i], kind, q, focus, ctx) for i in np.flatnonzero(close)):
            return True
    return False


def _said_alike(q: Question, ctx: Context, kind: AnswerType) -> bool:
    """Does a sentence of the passages found say nearly what the question asks, with a fact of its type?"""
    for hit in ctx.retrieval.hits:
        passage = ctx.state.retrieved(hit)
        for sentence, vector in zip(passage.sentences, passage.sentence_vectors, strict=True):
            if float(vector @ ctx.vector) >= SAID_ALIKE and fact_positions(sentence, kind, q, ctx):
                return True
    return False


def _pay_asked(q: Question, kind: AnswerType, focus: set[str]) -> set[str]:
    """The pay words when the question asks what a person is paid or worth, with no other focus ("how much
    does hassabis get paid", "what's hassabis's salary"), else none."""
    paid = pay_of_person(q, kind)
    return paid if paid and focus <= paid else set()


# Whom a pay word is said of, near it: the person's surname or a pronoun for them; not as the speaker ("Altman
# said ... Meta had offered many OpenAI employees $100 million") nor their people ("his staff").
_SPEAKS = content_words("said says told tells claimed claims argued argues wrote writes accused accuses")
_THEIR_PEOPLE = STAFF | content_words("researchers team teams engineers colleagues")


def _paid_to_person(sentence: str, q: Question, paid: set[str], ctx: Context) -> bool:
    """Does the sentence say a sum is paid to the person the question asks about ("offered Tulloch a package
    worth $1.5 billion"), or to no one else in an article about them ("Rumours also circulated of an annual
    package of about 100 million yuan"), not to others they speak of ("Altman said Meta offered OpenAI
    employees ...")?"""
    said = said_words(sentence)
    anyone = PERSON_PRONOUN.search(sentence) or _THEIR_PEOPLE & content_words(sentence)
    if not anyone and not any(m.entity.kind == "person" for m in ctx.state.entities.find(sentence)):
        return True
    names = {surname(m.entity.name).lower() for m in q.people}
    paying = [i for i, w in enumerate(said) if any(same_word(w, p) for p in paid)]
    person = [
        i
        for i, w in enumerate(said)
        if (w.removesuffix("'s").removesuffix("’s") in names or PERSON_PRONOUN.fullmatch(w))
        and not (i + 1 < len(said) and content_words(said[i + 1]) & (_SPEAKS | _THEIR_PEOPLE))
    ]
    return any(abs(i - j) <= NEAR_WORDS for i in paying for j in person)


def _about_person(q: Question, title: str) -> bool:
    """Is an article with this headline about a person the question names (by their surname)?"""
    said = set(words(title))
    return any(surname(m.entity.name) in said for m in q.people)


def _asks_role(q: Question, kind: AnswerType) -> bool:
    """ "Who is the CEO of X?": `Roles` found no record or sentence for it."""
    return kind is AnswerType.PERSON and (asked := asked_role(q)) is not None and bool(asked.orgs)


def mentioning_articles(q: Question, ctx: Context) -> set[str]:
    """The articles that list a person or company the question names, within its dates when it has some."""
    found = set().union(*(ctx.state.mention_articles.get(m.entity.keys, set()) for m in q.mentions))
    scope = search_scope(ctx.state, q)
    return found if scope is None else found & scope


def _names(text: str, ctx: Context) -> set[frozenset[str]]:
    return {m.entity.keys for m in ctx.state.entities.find(text)}


def _titled(article_id: str, ctx: Context, named: set[frozenset[str]]) -> bool:
    """Does the article's headline name one of the `named` (the question's companies and people)?"""
    return bool(_names(ctx.state.data.articles[article_id].title, ctx) & named)


def stated_elsewhere(
    q: Question, ctx: Context, kind: AnswerType, focus: set[str], *, about_person: bool = False
) -> tuple[str, str] | None:
    """The sentence (read with the one it needs, see `sentence_groups`) of an article about what the question
    names that states the asked fact next to its focus, closest to the question; with its article id. The
    sentence or the article's title names what was asked about: "the company" is then that one;
    `about_person`: the title names the person asked about (someone's pay)."""
    data = ctx.state.data
    named = {m.entity.keys for m in q.mentions}
    best: tuple[float, str, str] | None = None
    for article_id in sorted(mentioning_articles(q, ctx)):
        if about_person and not _about_person(q, data.articles[article_id].title):
            continue
        sentences = data.sentences.get(article_id, [])
        base = data.sentence_offsets[article_id]
        titled = _titled(article_id, ctx, named)
        for group in sentence_groups(sentences):
            hits = [i for i in group if states_fact_closely(sentences[i], kind, q, focus, ctx)]
            text = " ".join(sentences[i] for i in group)
            if not hits or not (titled or _names(text, ctx) & named):
                continue
            if about_person and not _paid_to_person(text, q, focus, ctx):
                continue  # "a $100 million offer" of the people the person spoke of
            score = max(float(data.sentence_vectors[base + i] @ ctx.vector) for i in hits)
            if best is None or score > best[0]:
                best = (score, text, article_id)
    return None if best is None else (best[1], best[2])
