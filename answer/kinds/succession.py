"""Who holds a title now, from a sentence reporting the change: "Jeff Wang, previously head of business, has
become interim chief executive of the company", "It will continue ... under a new chief executive, Andrew
Ettinger", "Ilya Sutskever has taken over as chief executive of Safe Superintelligence". The recorded moves
hold who moved between companies; a promotion or a new chief executive from inside is only in the text."""

from __future__ import annotations

import re

from answer.context import Context
from answer.kinds.careers import (
    SAID_WORD_BONUS,
    PersonSentence,
    path_line,
    person_articles,
    person_path,
    person_reports,
    quote_names,
)
from answer.model import Citations, Line
from answer.passages import CONTINUES
from answer.query import Question
from corpus.entities import Mention
from corpus.text import words

# A capitalised name of two or three words: "Jeff Wang", "Andrew Ettinger".
_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}"
# Verbs of taking on a title.
_BECAME = (
    r"(?:has become|have become|became|becomes|will become|(?:was|is|has been|had been) (?:named|appointed|made)|"
    r"(?:has |have |had )?(?:taken|took|takes|taking) over as|will take over as|(?:stepped|steps|stepping) in as|"
    r"(?:was|is) promoted to|is now)"
)
_NEW = r"(?:the |its |their |a )?(?:new |interim |acting |permanent )?"
# ...with this much in between: "Jeff Wang, previously head of business, has become", "Jason Droege, previously
# Scale AI's chief strategy officer, who becomes".
_ASIDE = r"(?:,[^,]{1,80},)?(?:\s+who)?"


def successor_pattern(title: str) -> re.Pattern[str]:
    """A sentence giving someone the title (an alternation of its spellings, see `asked_roles.role_pattern`)."""
    return re.compile(
        rf"\b{_NAME},?{_ASIDE}\s+{_BECAME}\s+{_NEW}(?:{title})\b"
        rf"|\b(?:new|interim|acting)\s+(?:{title}),?\s+{_NAME}",
    )


def _names_org(text: str, orgs: tuple[Mention, ...], ctx: Context) -> bool:
    """Does the text name one of the organisations, in full or by its own words ("Hume" for Hume AI)?"""
    found = {m.entity.keys for m in ctx.state.entities.find(text)}
    said = set(words(text))
    return any(m.entity.keys in found or m.entity.keys <= said for m in orgs)


# "...became chief executive of applications": a title somewhere else than the place asked about.
_OF_ELSEWHERE = re.compile(
    r"\s+(?:of|at|for)\s+(?!(?:the|its|their) (?:company|start-up|startup|lab|firm|business)\b)"
)
# ...read this far on for the place's name.
TAIL_CHARS = 40


def _elsewhere(tail: str, orgs: tuple[Mention, ...], ctx: Context) -> bool:
    return bool(_OF_ELSEWHERE.match(tail)) and not _names_org(tail[:TAIL_CHARS], orgs, ctx)


def successor_sentence(title: str, orgs: tuple[Mention, ...], ctx: Context) -> tuple[str, str] | None:
    """The newest article's sentence saying someone took on the title at one of `orgs` (named in it or in the
    sentence before: "Most of Windsurf's staff are staying put. Jeff Wang ... has become interim chief
    executive of the company"), closest to the question among that article's; (sentence, article id)."""
    pattern = successor_pattern(title)
    titled = re.compile(title, re.I)  # first, the title alone: far cheaper than the whole pattern
    data = ctx.state.data
    ids = {a for m in orgs for a in ctx.state.mention_articles.get(m.entity.keys, set())}
    best: tuple[tuple[object, float], str, str] | None = None
    for article_id in ids:
        sentences = data.sentences.get(article_id, [])
        base = data.sentence_offsets[article_id]
        for i, sentence in enumerate(sentences):
            match = pattern.search(sentence) if titled.search(sentence) else None
            if match is None or _elsewhere(sentence[match.end() :], orgs, ctx):
                continue
            context = " ".join(sentences[max(0, i - 1) : i + 1])
            if not _names_org(context, orgs, ctx):
                continue
            rank = (data.articles[article_id].published, float(data.sentence_vectors[base + i] @ ctx.vector))
            if best is None or rank > best[0]:
                best = (rank, sentence, article_id)
    return None if best is None else (best[1], best[2])


# "Who replaced Yu Bowen?", "who took over after Gross left?", "windsurf's ceo after mohan left",
# "who's running SSI now that Gross is gone?": asks who came after a person.
_ASKS_SUCCESSOR = re.compile(
    r"\b(?:replac\w*|succe(?:ed\w*|ssors?)|(?:take|takes|took|taken|taking) over|in (?:his|her|their) place|"
    r"(?:after|now that|since|when)\b.{0,40}\b(?:left|quit|departed|leaving|went|is gone|was gone|moved))\b",
    re.I,
)
# "Who did X replace?": asks who came before, not after.
_ASKS_PREDECESSOR = re.compile(r"\bwho(?:m)?\s+(?:did|does|will)\s+.+\breplace\s*\??$", re.I)
# A sentence reporting that someone came in: "He takes over from Yu Bowen", "has taken over as chief
# executive", "would take over as CTO", "has become interim chief executive", "under a new chief executive".
TAKEOVER = re.compile(
    r"\b(?:take|takes|took|taken|taking) over\b|\breplac(?:e|es|ed|ing)\b|\bsucceed(?:s|ed)?\b|\bsuccessor\b|"
    r"\b(?:has become|have become|became|becomes|will become)\b|\b(?:new|interim|acting) (?:chief|head|ceo|cto)\b|"
    r"\bstep(?:s|ped)? in\b"
)
# ...naming whom they took over from: "He takes over from Yu Bowen".
_FROM = re.compile(
    r"\b(?:take|takes|took|taken|taking) over from\b|\breplac(?:e|es|ed|ing)\b|\bsucceed(?:s|ed)?\b|"
    r"\bsuccessor to\b|\b(?:take|takes|took|taken|taking) on (?:much |most |some |all )?(?:of )?(?:his|her|their) "
    r"(?:work|role|duties|job|responsibilities)\b"
)
# A sentence naming whom it was taken over from ranks above one that only says someone came in.
FROM_BONUS = 1.0


# ...asking for a person: "who ...", or a title ("windsurf's ceo after mohan left").
_ASKS_PERSON = re.compile(r"\b(?:who|whos|ceo|cto|chief|head|boss|president|lead|leader|chair)\b", re.I)


def asked_predecessor(q: Question) -> str | None:
    """The person the question asks the successor of (the first named with a recorded move)."""
    if not (_ASKS_SUCCESSOR.search(q.text) and _ASKS_PERSON.search(q.text)) or _ASKS_PREDECESSOR.search(
        q.text
    ):
        return None
    return next((m.entity.name for m in q.people), None)


def takeover_sentence(name: str, q: Question, ctx: Context) -> tuple[str, str] | None:
    """In the articles about the person: the sentence saying who took over from them (read after the one
    before it when it opens with "He"), or one saying someone else came in, with them or the place they
    left named in it or just before; closest to the question. (text, article id)."""
    data, entities = ctx.state.data, ctx.state.entities
    path = person_path(ctx.state, name)
    left = {m.entity.keys for r in path if r.move.from_ for m in entities.find(r.move.from_)[:1]}
    own = [n.lower() for n in quote_names(name, ctx.state)]
    said = set(words(" ".join([q.text, name, *(r.move.from_ or "" for r in path)])))
    best: tuple[float, str, str] | None = None
    for article_id in person_articles(ctx.state, name, person_reports(ctx.state, name)):
        sentences = data.sentences.get(article_id, [])
        base = data.sentence_offsets[article_id]
        for i, sentence in enumerate(sentences):
            if not TAKEOVER.search(sentence) and not _FROM.search(sentence):
                continue
            before = sentences[i - 1] if i and CONTINUES.match(sentence) else ""
            text = f"{before} {sentence}".strip()
            newcomer = any(
                m.entity.kind == "person" and m.entity.name.lower() != name.lower()
                for m in entities.find(text)
            )
            named = any(n in text.lower() for n in own)
            around = " ".join(sentences[max(0, i - 1) : i + 1])
            if not newcomer or not (named or any(m.entity.keys in left for m in entities.find(around))):
                continue
            score = float(data.sentence_vectors[base + i] @ ctx.vector) + SAID_WORD_BONUS * len(
                said & set(words(text))
            )
            score += FROM_BONUS if named and _FROM.search(sentence) else 0.0
            if best is None or score > best[0]:
                best = (score, text, article_id)
    return None if best is None else (best[1], best[2])


class Succession(PersonSentence):
    """From the recorded moves and the articles: who took over from a person who left. The sentence of the
    articles about them that reports someone taking over, closest to the question, with the person's path."""

    key = "succession"

    def asked(self, q: Question) -> str | None:
        return asked_predecessor(q)

    def sentence(self, name: str, q: Question, ctx: Context) -> tuple[str, str] | None:
        return takeover_sentence(name, q, ctx)

    def record(self, name: str, sentence: str, ctx: Context, cites: Citations) -> Line | None:
        path = person_path(ctx.state, name)
        return path_line(name, path, cites) if path else None
