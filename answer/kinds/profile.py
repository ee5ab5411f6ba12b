""" "Who is Alexandr Wang?", "where does Tan Xu work now?", "where did Ruoming Pang go?": a person's recorded
path (oldest first, with dates), their latest role and one sentence about them, each cited."""

from __future__ import annotations

import re

from answer.context import Context
from answer.cues import SCHOOLING
from answer.kinds.base import CERTAIN
from answer.kinds.careers import (
    background_sentences,
    best_sentence,
    path_line,
    person_articles,
    person_path,
    person_reports,
    with_role,
)
from answer.kinds.reports_to import boss_sentence
from answer.model import Answer, AnswerKind, Citations, Line
from answer.moves import RecordedMove
from answer.query import Question
from corpus.entities import Entity
from corpus.model import dated
from corpus.text import REQUEST_WORDS, STOP_WORDS, word_set, words

_WHO_IS = re.compile(
    r"\s*(?:(?:and|but|so|ok|okay)\s+)?(who(?:'s|’s|\s+is|\s+was)|whos|tell\s+me\s+(?:more\s+)?about|what\s+(?:do\s+you\s+know\s+)?about|"
    r"(?:any\s+)?info(?:rmation)?\s+(?:on|about)|profile\s+of)\b",
    re.I,
)
# ...or the name first: "jonathan ross, the groq guy - who is he?"
_WHO_IS_HE = re.compile(r"\bwho(?:'s|’s|s|\s+is|\s+was)\s+(?:he|she|that|this|they)\W*$", re.I)
# ...or "who is this X kid/guy ...", what follows saying which one they are.
_WHO_THIS = re.compile(r"^\W*(?:\w+\s+)?(?:who(?:'s|’s|s|\s+is|\s+was))\s+(?:this|that|the)\s+$", re.I)
_CASUAL_NOUN = re.compile(r"^\s+(?:kid|guy|dude|girl|lady|woman|man|fella|person|chap|bloke)\b", re.I)
# Asking where someone went next, name first: "john schulman: openai, then where?", "where to after that".
_THEN_WHERE = re.compile(r"\bthen where\b|\bwhere next\b|\bwhere to (?:after|next|from there)\b", re.I)
_WHERE = re.compile(r"\s*(?:(?:and|but|so|ok|okay)\s+)?(where|wher|whre)\b", re.I)
# "Where did X go?", "where is X working now?": where someone went, not where they studied or spoke.
_WHERE_VERB = re.compile(
    r"\b(go|goes|going|gone|went|end(?:ed)? up|land(?:ed)?|work(?:s|ed|ing)?|head(?:ed|ing)?|mov(?:e|ed|es|ing)|"
    r"join(?:ed|s)?|now|these days|currently)\b",
    re.I,
)
# A bare "Shengjia Zhao new job?" asks about someone's work when it has one of these.
_JOB = re.compile(
    r"\b(jobs?|role|position|title|career|background|path|now|currently|these days|employer|start-?up|"
    r"company|work(?:s|ing)?)\b",
    re.I,
)
# What someone is known for or did before: "what is matt deitke known for", "what did he build before meta",
# "what did yao work on at openai", "where did he work before".
_KNOWN_FOR_Q = re.compile(
    r"^\W*what(?:'s|’s|s)?\s+(?:(?:is|was|are|were)\s+)?.+\s+(?:best\s+)?(?:known|famous)\s+for\W*$|"
    # "who is yao shunyu, whats he known for"
    r"^\W*(?:who(?:'s|’s|s|\s+is|\s+was))\s.+\b(?:known|famous)\s+for\W*$|"
    r"^\W*what\s+(?:did|does|has|had)\s+.+\s+(?:work(?:ed)?\s+on|build|built|create|created|invent|invented|"
    r"research|do)(?:\s+(?:before|at|while|previously|earlier|prior\s+to|in)\b.*)?\W*$|"
    r"^\W*where\s+(?:did|had|has)\s+.+\s+work(?:ed)?\s+(?:before|previously|earlier|prior)\b|"
    # "what's andrew tulloch's background", "tell me about zoph's career"
    r"^.*\s(?:background|career(?:\s+(?:history|path|so far))?|track record|resume|résumé|cv)\W*$",
    re.I,
)
# Asking what someone's job is: the role, and whom it reports to when the articles say ("In the new post Yao
# reports to Tencent president Martin Lau").
_ROLE_ASKED = re.compile(r"\b(?:jobs?|role|position|title|post)\b", re.I)
_NOW = re.compile(r"\b(now|currently|these days|today|new job|latest|current)\b", re.I)
# "is john schulman still at anthropic (or did he move on)": where they are now, their latest move first.
_STILL = re.compile(
    r"^\W*(?:is|are|was)\s+(?:\S+\s+){1,4}?still\s+(?:at|with|in|working at|working for)\b", re.I
)
# Words a question about someone may hold besides their name ("where does X work now?", "X's new job?");
# any other word ("Ruoming Pang's boss", "how much was X paid") makes it a different question.
_ABOUT_WORDS = (
    STOP_WORDS
    | REQUEST_WORDS
    | word_set(
        "who's whos info information profile come came work works working worked job jobs role position title "
        "go goes going went gone end ended head headed move moved moving currently today days career path "
        "background current new exactly previously mr ms dr startup start-up company employer firm name "
        "called doing do gonna get gets got getting given "
        # "who is jonathan ross, the groq guy": the person, said casually
        "guy dude person man woman fella"
    )
)


# ...and the words of asking so: "or did he move on", "or has she left".
_STILL_WORDS = word_set("still stay stayed staying there move moved moving left leave quit on or")
# ...or whether someone ended up somewhere: "did tworek actually end up at anthropic": where they went
_ENDED = re.compile(
    r"^\W*(?:did|has|have)\s+(?:\S+\s+){1,3}?(?:actually\s+|really\s+|finally\s+)?"
    r"(?:end(?:ed)?\s+up|land(?:ed)?|wind\s+up|wound\s+up)\s+(?:at|with|in)\b",
    re.I,
)
_ENDED_WORDS = word_set("did has have actually really finally end ended up land landed wind wound at with in")


def _leftover(q: Question) -> set[str]:
    """The question's words other than the names it mentions and the words of asking about someone."""
    named = {w for m in q.mentions for w in (*words(m.entity.name), *m.entity.keys)}
    return {w for w in words(q.text) if w not in named and w not in _ABOUT_WORDS}


def asks_about_person(q: Question) -> bool:
    """Who someone is, where they work now or went: one person named, and nothing else asked of them."""
    if len({m.entity.name for m in q.people}) != 1 or q.unknown_names:
        return False
    if _THEN_WHERE.search(q.text):
        return True  # "john schulman: openai, then where, then where?": their path
    if _WHERE.match(q.text):
        if SCHOOLING.search(q.text):
            return False  # "where did Wang go to college?": where someone studied, not where they work
        return bool(_WHERE_VERB.search(q.text)) or not _leftover(q)
    if _STILL.match(q.text):
        return not _leftover(q) - _STILL_WORDS
    if _ENDED.match(q.text):
        return not _leftover(q) - _ENDED_WORDS
    person = q.people[0]
    if _WHO_THIS.match(q.text[: person.start]) and _CASUAL_NOUN.match(q.text[person.end :]):
        return True  # "who is this deitke kid meta paid a fortune": what follows says which one
    if _leftover(q):
        return False
    if _WHO_IS.match(q.text) or _WHO_IS_HE.search(q.text):
        return True
    return bool(_JOB.search(q.text)) or len(q.mentions) == 1


def _latest_move(name: str, r: RecordedMove) -> str:
    m = r.move
    when = dated(m.date)
    if m.to is None:  # a departure with no destination reported: the role was the one they left
        role = f", where they were {m.role}" if m.role else ""
        return f"{name} left {m.from_}{when}{role}: the latest move I have on record."
    route = f"moved from {m.from_} to {m.to}" if m.from_ else f"joined {m.to}"
    role = f", as {m.role}" if m.role else ""
    return f"{name} {route}{when}{role}: the latest move I have on record."


def _latest_role(r: RecordedMove) -> str:
    m = r.move
    when = dated(m.date)
    if m.to is None:  # they left it, with no destination reported yet
        return (
            f"Last known role: {m.role}, at {m.from_}, which they left{when}."
            if m.role
            else f"Last known employer: {m.from_}, which they left{when}."
        )
    return (
        f"Latest known role: {m.role}, at {m.to}{when}."
        if m.role
        else f"Latest known employer: {m.to}{when}."
    )


# "What does X do (at Tencent now)", asked in the present: their job today, not what they are known for.
_DOES = re.compile(r"\bwhat\s+(?:does|is)\b.+\b(?:do|doing)\b", re.I)


def _asks_job(text: str) -> bool:
    return bool(_DOES.search(text))


def asks_known_for(q: Question) -> bool:
    """What one person is known for, or did before: their background first."""
    one = len({m.entity.name for m in q.people}) == 1
    return one and bool(_KNOWN_FOR_Q.match(q.text)) and not _asks_job(q.text)


def compose_profile(
    q: Question, ctx: Context, person: Entity, where: bool, known_for: bool = False
) -> Answer:
    """The path, the latest move or role, and the best sentence naming the person; `where` puts the latest
    move first ("where does X work now?"), `known_for` what they are known for."""
    path = person_path(ctx.state, person)
    reports = person_reports(ctx.state, person)
    name = path[-1].move.person
    latest = with_role(path[-1], reports)
    cites = Citations(ctx.state.data.articles)
    path_shown = path_line(name, path, cites)
    if where:
        lines = [Line(_latest_move(name, latest), (cites.cite(latest.article_id),))]
        lines += [path_shown] if len(path) > 1 else []
    else:
        lines = [path_shown, Line(_latest_role(latest), (cites.cite(latest.article_id),))]
    articles = person_articles(ctx.state, name, reports)
    background = background_sentences(ctx.state, ctx.vector, articles, name)
    if known_for and background:
        lines = [Line(text, (cites.cite(article_id),)) for text, article_id in background]
        # "He spent 11 years at Facebook...", not naming them: the path first says who "he" is.
        unnamed = not any(part in lines[0].text for part in name.split())
        lines = [path_shown, *lines] if unnamed else [*lines, path_shown]
        return Answer(q.text, True, AnswerKind.PROFILE, "", tuple(lines), cites.sources())
    quote = best_sentence(ctx.state, ctx.vector, articles, [name], words(latest.move.to or ""), about=True)
    if quote is not None:
        lines.append(Line(quote[0], (cites.cite(quote[1]),)))
    boss = boss_sentence(ctx, name) if _ROLE_ASKED.search(q.text) or _asks_job(q.text) else None
    if boss is not None and all(boss[0] != line.text for line in lines):
        lines.append(Line(boss[0], (cites.cite(boss[1]),)))  # a job is also whom it answers to
    if not where:  # who they are: what they are known for too
        said = {found[0] for found in (quote, boss) if found is not None}
        for text, article_id in background:
            if text not in said:
                lines.append(Line(text, (cites.cite(article_id),)))
    return Answer(
        question=q.text,
        answered=True,
        kind=AnswerKind.PROFILE,
        intro="",
        lines=tuple(lines),
        sources=cites.sources(),
    )


class Profile:
    kind = AnswerKind.PROFILE

    def match(self, q: Question, ctx: Context) -> float | None:
        if not asks_about_person(q) and not asks_known_for(q):
            return None
        person = q.people[0].entity
        if person_path(ctx.state, person):
            return CERTAIN
        # no move on record, but named in the articles: a search answers who they are when it finds enough,
        # else the sentences about them do ("lei jun - who's that": Xiaomi's chief executive)
        if not _who_asked(q) or not person_articles(ctx.state, person.name, ()):
            return None
        return CERTAIN if ctx.retrieval.score < ctx.threshold else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        if not person_path(ctx.state, q.people[0].entity):
            return _unmoved(q, ctx, q.people[0].entity.name)
        if asks_known_for(q):
            return compose_profile(q, ctx, q.people[0].entity, where=False, known_for=True)
        where = bool(
            _WHERE.match(q.text) or _NOW.search(q.text) or _STILL.match(q.text) or _ENDED.match(q.text)
        )
        return compose_profile(q, ctx, q.people[0].entity, where)


# Titles that say who someone is, beside their name and company: "Xiaomi chief executive Lei Jun".
_TITLES = (
    r"chief executive|chief [a-z]+ officer|chief scientist|ceo|cto|founder|co-founder|president|chairman|"
    r"head|boss|professor|director|vice[- ]president"
)


def _who_asked(q: Question) -> bool:
    return bool(_WHO_IS.match(q.text) or _WHO_IS_HE.search(q.text))


def _unmoved(q: Question, ctx: Context, name: str) -> Answer:
    """Who someone with no move on record is: the best sentence naming them, and what they are known for."""
    articles = person_articles(ctx.state, name, ())
    cites = Citations(ctx.state.data.articles)
    said = re.escape(name)
    # their title at a company, the company named: "Xiaomi chief executive Lei Jun", "Lei Jun, Xiaomi's
    # founder", "Jack Clark, a co-founder of Anthropic" (not "Founder Liang Wenfeng put in ...")
    titled = re.compile(
        rf"[A-Z][\w.&'’-]*\s+(?:(?:{_TITLES})\s+){{1,2}}{said}\b|"
        rf"\b{said},\s+[A-Z][\w.&-]*['’]s\s+(?:[\w-]+\s+){{0,2}}?(?:{_TITLES})\b|"
        rf"\b{said},\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_TITLES})\s+(?:of|at)\s+[A-Z]"
    )
    quote = best_sentence(ctx.state, ctx.vector, articles, [name], must=titled, about=True) or best_sentence(
        ctx.state, ctx.vector, articles, [name], about=True
    )
    found = [quote] if quote is not None else []
    found += [b for b in background_sentences(ctx.state, ctx.vector, articles, name) if b not in found]
    lines = tuple(Line(text, (cites.cite(article_id),)) for text, article_id in found)
    return Answer(q.text, bool(lines), AnswerKind.PROFILE, "", lines, cites.sources())
