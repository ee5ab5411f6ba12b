"""Follow-ups in a conversation: "and from OpenAI?", "what about Google?", "when did he join?", "in 2024?".

A follow-up is rewritten into a whole question from the earlier ones (their subject, kind and period) before it
is answered, and the answer says how it was read. Context expires `CONTEXT_TTL_S` after the last question."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from answer.asks import split_asks
from answer.follow_rewrites import asked_again, bare, merged, named_in_full, other_way
from answer.follow_topics import (
    IT,
    PLURAL,
    WHEN,
    acts,
    at_company,
    at_there,
    elliptic,
    firm_of,
    in_place,
    it_as_firm,
    latest_company,
    named_in_question,
    refers_back,
    said_before,
    terse,
    the_firm,
    topic_of,
    with_topic,
)
from answer.model import Answer, AnswerKind
from answer.pronouns import PERSON_PRONOUN, asked_pronoun, matching, offered_to_first, refer, they_as_one
from answer.query import Question
from corpus.entities import Mention

# A conversation older than this is a new one: "and from OpenAI?" an hour later is not about Meta any more.
CONTEXT_TTL_S = 30 * 60
# A follow-up is short; a long question stands on its own even if it starts with "and".
MAX_FOLLOW_UP_WORDS = 12
# ...and so is each of several asks in one message.
MAX_ASK_WORDS = 8


# Questions kept to read follow-ups against: "what about Google?" after "when did he join?" goes back to
# the question about companies before it.
MAX_TURNS = 4
# A message opening with "but" or "and" carries on the last one: "ok but how many actually went back to china"
# after a question about a study of Chinese researchers is about that study.
_CARRIES_ON = re.compile(r"^\W*(?:(?:ok|okay|so|hmm|right|yeah|yes|no)\W+)?(?:but|and)\b", re.I)
# Answers that say nothing about the news: a follow-up is never read against them.
NOT_A_TOPIC = frozenset({AnswerKind.ABOUT, AnswerKind.OTHER_LANGUAGE, AnswerKind.GREETING, AnswerKind.EMPTY})
# Answers whose lines start with a person's name ("Ke Yang: Apple → Meta"): whom "he" can mean.
PEOPLE_KINDS = frozenset({AnswerKind.MOVES, AnswerKind.LEADERS, AnswerKind.ROLE, AnswerKind.PROFILE})

_OPENER = re.compile(
    r"^\s*(?:and|but|also|so|ok|okay)?\s*(?:(?:what|how)\s+about|same\s+(?:for|with)|and|or)\b[\s,]*", re.I
)
_LOSING = re.compile(r"\b(?:lose|lost|losing|loses)\b", re.I)
# ...or people leaving it: "how many of xai's co-founders have quit".
_LEFT = re.compile(rf"{_LOSING.pattern}|\b(?:quit\w*|left|leav(?:e|es|ing)|depart\w*|exit\w*)\b", re.I)
# "They" moving on: people, not a company ("where did they go?", "why did they leave?").
_MOVING = re.compile(
    r"\s+(?:go|goes|went|gone|going|end(?:ed)? up|land(?:ed)?|head(?:ed)?|leave|left|leaving|quit|move[ds]?)\b",
    re.I,
)
_FROM_THEM = re.compile(r"\bfrom\s+them$", re.I)
_OF_THEM = re.compile(r"\bof\s+$", re.I)
# "and before that?", "where was he before?": the path of the person just asked about, before their last stop.
_BEFORE_THAT = re.compile(
    r"^\W*(?:and|but|so|ok|okay|what about)?\W*(?:(?:where\s+(?:was|were|did)\s+(?:he|she|they)(?:\s+work)?\s+)?"
    r"(?:before|prior to)(?:\s+(?:that|this|then))?|(?:and\s+)?previously)\W*$",
    re.I,
)
# ...or of the people a list just named: "where were they before openai" after "who did meta hire from openai".
_THEY_BEFORE = re.compile(
    r"^\W*(?:and|but|so|ok|okay)?\W*where\s+(?:were|did)\s+(?:they|those\s+\w+|each(?:\s+of\s+them)?)\s+"
    r"(?:work\s+|come\s+from\s+)?(?:before|previously|prior)\b",
    re.I,
)
# A follow-up ending in a preposition with nothing after it: "who put money in?", "who else works there for?".
_DANGLING = re.compile(r"(?:\b(?P<verb>\w+)\s+)?\b(?:in|into|behind|with|at)\W*$", re.I)
# ...but not a verb whose preposition is part of it: "who else did they bring in?".
_PHRASAL = frozenset(
    [
        "bring",
        "brought",
        "come",
        "came",
        "step",
        "stepped",
        "move",
        "moved",
        "join",
        "joined",
        "sign",
        "signed",
        "fill",
        "filled",
    ]
)
_PERSON_LINE = re.compile(r"^([^:]{3,60}):")
# Finds the people a text names (the entity index's `find`), for answers that are prose, not lists.
PeopleFinder = Callable[[str], list[Mention]]


@dataclass(frozen=True)
class Turn:
    question: Question  # as answered (already rewritten if it was a follow-up)
    people: tuple[str, ...]  # whom it was about: named in the question, else the people its answer lists
    at: float
    topic: str = ""  # the thing a "what is X?" asked about, which "it" means next (see `follow_topics`)
    company: str = ""  # where the person a profile answer was about went last: "it" when no company was asked
    sources: frozenset[str] = frozenset()  # the articles its answer cited: the story a follow-up goes on with
    pronouns: Mapping[str, str] = field(default_factory=dict)  # "he" or "she" of people, as the articles say

    @property
    def orgs(self) -> tuple[Mention, ...]:
        return tuple(m for m in self.question.mentions if m.entity.kind == "org")


# "Who" and a verb asks for someone else than the people the question names: "who did X make cto", "who
# replaced X" (not "who is X").
_WHO_ELSE = re.compile(r"^\W*who\s+(?!is\b|was\b|are\b|were\b)[a-z]+\b", re.I)


def _people_of(q: Question, answer: Answer, find: PeopleFinder | None) -> tuple[str, ...]:
    """Whom "he" or "she" can mean next: the people the question named (after those its answer names when it
    asked for someone else), else those its answer is most about."""
    asked = tuple(m.entity.name for m in q.people)
    if asked and not _WHO_ELSE.match(q.text):
        return asked
    if asked:  # "who did mira murati make cto", "who took over as cto after zoph": "he" next is whom the
        # answer names, not Murati or Zoph (but see `_leaver_first`)
        others = (*_answer_people(answer, find), *_prose_people(answer, find))
        return tuple(dict.fromkeys((*(p for p in others if p not in asked), *asked)))
    return _answer_people(answer, find)


def _answer_people(answer: Answer, find: PeopleFinder | None) -> tuple[str, ...]:
    """The people an answer is most about: a list's lines saying most about them first (a role and a date
    beat a bare name), else those its prose names, in order."""
    if answer.kind in PEOPLE_KINDS:
        found = [
            (i, m, line.text) for i, line in enumerate(answer.lines) if (m := _PERSON_LINE.match(line.text))
        ]
        ranked = sorted(found, key=lambda f: (-_detail(f[2][f[1].end() :]), f[0]))
        if ranked:  # ...else a role said in prose: "Core Automation was founded by Jerry Tworek"
            return tuple(dict.fromkeys(m.group(1) for _, m, _ in ranked))
    return _prose_people(answer, find)


def _prose_people(answer: Answer, find: PeopleFinder | None) -> tuple[str, ...]:
    """The people an answer's lines name, in order."""
    if find is None or not answer.answered:
        return ()
    named = (m for line in answer.lines for m in find(line.text) if m.entity.kind == "person")
    return tuple(dict.fromkeys(m.entity.name for m in named))


def _detail(rest: str) -> int:
    """How much a list line says about its person: a role (after the path) and a date count one each."""
    return int(bool(re.search(r"→[^,(\[]+,\s*\w", rest))) + int(bool(re.search(r"\([^()]*\d{4}\)", rest)))


def short_enough(text: str) -> bool:
    """Is the message short enough to be a follow-up: a short question, or short asks joined ("which city is
    it in, and what kind of ai is it going after")?"""
    if len(text.split()) <= MAX_FOLLOW_UP_WORDS:
        return True
    asks = split_asks(text)
    return len(asks) > 1 and all(len(a.text.split()) <= MAX_ASK_WORDS for a in asks)


@dataclass
class Conversation:
    """One chat's context. `resolve` before answering, `remember` after."""

    clock: Callable[[], float] = time.monotonic
    ttl_s: float = CONTEXT_TTL_S
    _turns: list[Turn] = field(default_factory=list, repr=False)

    def reset(self) -> None:
        self._turns.clear()

    def remember(
        self,
        q: Question,
        answer: Answer,
        find: PeopleFinder | None = None,
        pronouns: Mapping[str, str] | None = None,
    ) -> None:
        """Keep the question; `find` names the people of an answer in prose, whom "he" can mean next, and
        `pronouns` says which of them the articles call "he" or "she"."""
        if answer.kind in NOT_A_TOPIC or not (answer.answered or q.mentions):
            return
        topic = topic_of(q) if answer.answered else ""
        last = self._turns[-1] if self._turns else None
        if not topic and last is not None and last.topic and last.topic.lower() in q.text.lower():
            topic = last.topic  # "which companies use garden leave?": "it" is still garden leave
        sources = frozenset(source.article_id for source in answer.sources)
        people = _people_of(q, answer, find)
        turn = Turn(q, people, self.clock(), topic, latest_company(answer, q, find), sources, pronouns or {})
        self._turns = [*self._turns, turn][-MAX_TURNS:]

    def previous(self) -> Turn | None:
        """The last question, unless the conversation has been idle too long."""
        if self._turns and self.clock() - self._turns[-1].at > self.ttl_s:
            self._turns.clear()
        return self._turns[-1] if self._turns else None

    def story(self) -> frozenset[str]:
        """The articles the last answer cited (none when the conversation has gone idle)."""
        last = self.previous()
        return last.sources if last is not None else frozenset()

    def carried(
        self, raw: str, resolved: str, parse: Callable[[str], Question]
    ) -> tuple[frozenset[str], str]:
        """What a question takes from the last answer: the articles it cited (its story), for a follow-up
        rewritten (`resolved` is not `raw`) or one that `goes_on`; and, for the latter, the last question's
        text, which its search leans towards. Nothing for a question of its own."""
        last = self.previous()
        if last is None:
            return frozenset(), ""
        if resolved != raw:
            return last.sources, ""
        return (last.sources, last.question.text) if self.goes_on(raw, parse) else (frozenset(), "")

    def goes_on(self, text: str, parse: Callable[[str], Question]) -> bool:
        """Does a short question that no rule rewrote go on with the last answer's story: it refers back
        ("was it hit by the 600 job cuts?", "how reliable is that?") or says nothing of what about ("who
        invested?"), and names no one new?"""
        last = self.previous()
        if last is None or len(text.split()) > MAX_FOLLOW_UP_WORDS:
            return False
        if not refers_back(text) and not elliptic(text) and not _CARRIES_ON.match(text):
            return False
        before = {m.entity.keys for m in last.question.mentions}
        return all(m.entity.keys in before for m in parse(text).mentions)

    def subject(self, text: str) -> str:
        """Whom or what the last question named, for a short follow-up no rule could read that refers back
        ("who led the round?") or only asks ("who invested?"); "" if none."""
        last = self.previous()
        if last is None or len(text.split()) > MAX_FOLLOW_UP_WORDS:
            return ""
        if not refers_back(text, definite=True) and not elliptic(text) and not terse(text):
            return ""  # "what does FYI mean?": a question of its own
        return self.last_named()

    def last_text(self) -> str:
        """The last question as it was read ("" when there is none)."""
        last = self.previous()
        return last.question.text if last is not None else ""

    def last_named(self) -> str:
        """Whom or what the last question named (its topic when it named no one); "" if none."""
        last = self.previous()
        if last is None:
            return ""
        return ", ".join(dict.fromkeys(m.entity.name for m in last.question.mentions)) or last.topic

    def resolve(self, text: str, parse: Callable[[str], Question]) -> str:
        """The whole question a follow-up stands for (the text itself when it is not a follow-up)."""
        last = self.previous()
        if last is None or not short_enough(text):
            return text
        text = named_in_full(text, last.question, parse)  # "who runs scale now then" after Scale AI
        swapped = other_way(text, self._turns[-1].question)
        if swapped is not None:
            return swapped
        if _BEFORE_THAT.match(text) and last.question.people:
            since = f" before {last.company}" if last.company else " before"
            return f"where did {last.people[0]} work{since}?"  # "and before that?" after "where is he now?"
        if _THEY_BEFORE.match(text) and len(last.people) > 1 and last.question.about_moves:
            return f"{last.question.text.rstrip(' ?.!')} and where were they before?"  # the list, with paths
        again = asked_again(text, self._turns[-1].question)
        if again is not None:
            return again
        placed = in_place(text, last.question.text)
        if placed is not None:
            return placed  # "what about the us?" after a question about China
        named = parse(text).mentions
        if last.topic and not named:
            topical = with_topic(text, last.topic)  # "when does it take effect?" after "what is the K visa?"
            if topical is not None:
                return topical
        # where the person just asked about is now, else the company last asked about
        firm = last.company or firm_of(self._about_companies(), losing=False)
        dangling = _DANGLING.search(text)
        if firm and dangling and (dangling.group("verb") or "").lower() not in _PHRASAL and not named:
            return f"{text.rstrip(' ?.!')} {firm}?"  # "who put money in?" after a question about DeepSeek
        if not any(m.entity.kind == "org" for m in named):  # "how many people work there?"
            text = at_there(text, firm or None) or text
            text = the_firm(text, last.question, firm or None) or text  # "who runs the start-up now?"
        if (PERSON_PRONOUN.search(text) or PLURAL.search(text) or IT.search(text)) and not parse(text).people:
            text = _resolve_pronouns(text, last, self._about_companies(), parse)
        else:
            companies = {m.entity.name for m in last.orgs}
            asked = at_company(text, parse(text), companies.pop() if len(companies) == 1 else None)
            if asked is not None:
                return asked  # "and who's president now?" after a question about one company
        opener = _OPENER.match(text)
        fragment = text[opener.end() :] if opener else text
        new = parse(fragment)
        if not bare(fragment, new):
            return text  # "when did Ke Yang join?", "and what is Meta paying?": a question of its own
        return merged(self._target(new), new, fragment) or text

    def _about_companies(self) -> Question | None:
        """The last question that named a company."""
        return next((t.question for t in reversed(self._turns) if t.orgs), None)

    def _target(self, new: Question) -> Question:
        """The earlier question a bare follow-up belongs to: the last one about companies for a company, about
        people for a person, else the last one."""
        if any(m.entity.kind == "org" for m in new.mentions):
            wanted = [t for t in self._turns if t.orgs]
        elif new.people:
            wanted = [t for t in self._turns if t.question.people]
        else:
            wanted = []
        return (wanted or self._turns)[-1].question


def _leaver_first(last: Turn, text: str) -> tuple[str, ...]:
    """The people "he" or "she" can mean; after "who took over after X left", a follow-up about leaving ("why
    did he leave?", "did scale cut staff after he left?") means X, whom the question named as leaving."""
    asked = last.question.people
    if asked and _LEFT.search(text) and WHEN.search(last.question.text[: asked[0].start]):
        names = tuple(m.entity.name for m in asked)
        return (*names, *(p for p in last.people if p not in names))
    named = tuple(m.entity.name for m in asked)
    offered = offered_to_first(named, text)  # "did he take it?": Tulloch, not Zuckerberg
    return (*offered, *(p for p in last.people if p not in offered)) if offered != named else last.people


def _resolve_pronouns(text: str, last: Turn, about: Question | None, parse: Callable[[str], Question]) -> str:
    """ "when did he join?" -> "when did Ruoming Pang join?"; "they" is the company when it acts ("what did
    they pay?", "how much did they offer her?"), else the people the last answer listed or the one person.
    A pronoun the question itself says whom it means (`said_before`) stays."""
    person = matching(_leaver_first(last, text), asked_pronoun(text), last.pronouns)  # not Murati
    if person:
        # the first pronoun only: "did she bring anyone with her?" names her once; not one the question says
        # itself whom it means ("tiktok's boss, whats his name")
        text = PERSON_PRONOUN.sub(
            lambda m: m.group(0) if named_in_question(m) else refer(m.group(1), person, text[m.end() :]),
            text,
            count=1,
        )
    firm = last.company or firm_of(about, losing=_LOSING.search(text) is not None) or None
    own = parse(text)
    if firm:
        text = IT.sub(lambda m: m.group(0) if said_before(m, own) else it_as_firm(m, text, firm), text)
    match = PLURAL.search(text)
    # "which of them", "any of them": more than one, whoever the last answer happened to name
    several = match is not None and _OF_THEM.search(text[: match.start()]) is not None
    group = _group(last.question) if len(last.people) > 1 or several else ""
    if match is not None and _FROM_THEM.search(text[: match.end()]) and last.question.origins:
        # "and who did tencent hire from them?" after a question about hires from Alibaba
        return text[: match.start()] + last.question.origins[0].entity.name + text[match.end() :]
    if match is None or said_before(match, parse(text)):
        return text
    if firm and _MOVING.match(text[match.end() :]) and (not group or not last.question.about_moves):
        group = f"the people who left {firm}"  # "where did they go?": people go, companies do not
    if firm and (acts(text, match) or not (group or person)):
        later = PLURAL.search(text, match.end())
        if group and later:  # "how much did they pay them?": the company paid the people it hired
            text = (
                text[: later.start()]
                + refer(later.group(1), group, text[later.end() :])
                + text[later.end() :]
            )
        return they_as_one(text, firm)
    if group:
        # the first pronoun names them; a later one points back at that ("are they giving up their uw jobs":
        # not "...giving up the people Microsoft hired from Ai2's uw jobs")
        return PLURAL.sub(lambda m: refer(m.group(1), group, text[m.end() :]), text, count=1)
    return they_as_one(text, person) if person and not several else text


def _group(q: Question) -> str:
    """The people a moves question asked about, in its period: "the people Meta hired from OpenAI", "the people
    who left OpenAI in 2026" ("" if it named none)."""
    # a company named apart from its side is where people went, unless the question is about leaving ("how
    # many of xai's co-founders have quit": "them" are the people who left xAI)
    leaving = not q.destinations and not q.origins and _LEFT.search(q.text) is not None
    to = (q.destinations or (() if leaving else q.either))[:1]
    source = (q.origins or (q.either if leaving else ()))[:1]
    when = f" {q.dates.label}" if q.dates else ""
    if to and source:
        return f"the people {to[0].entity.name} hired from {source[0].entity.name}{when}"
    if to:
        return f"the people {to[0].entity.name} hired{when}"
    return f"the people who left {source[0].entity.name}{when}" if source else ""
