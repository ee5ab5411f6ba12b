"""The sentences that give a title at a place and name its holder: "Meta chief executive Mark Zuckerberg",
"chief executive of Meta", "Fidji Simo, OpenAI's chief executive of applications", "John Casey, who heads
compensation at Google", "the company's head of talent, Baris Akis"."""

from __future__ import annotations

import re

from answer.context import Context
from answer.kinds.asked_roles import FOUNDER, TITLE_WORDS, AskedRole, role_pattern
from answer.kinds.careers import best_sentence, org_label
from answer.kinds.succession import successor_sentence
from answer.synonyms import with_same_meaning
from corpus.text import STEM_LETTERS

# In a sentence giving a title at a place, the title comes at most this many words after the place ("Meta's
# chief executive", "Microsoft AI chief scientist"; for a founder "AMI, the Paris-based start-up founded
# by"); further apart, they are about different things ("OpenAI co-founder, becomes chief scientist" of
# another company).
ORG_TO_TITLE = 1
ORG_TO_FOUNDED = 6
# ...or before it, with "of", "at" or "for" and this many words between ("chief executive of the new Microsoft
# AI division").
TITLE_TO_ORG = 2
# "Vice president", "former chief executive": not the title asked about.
_NOT_QUALIFIED = r"(?<!vice )(?<!vice-)(?<!deputy )(?<!former )(?<!ex-)"
# A person's name right after a title: "chief executive Liang Rubo", "head of talent, Baris Akis".
_A_NAME = r"\s+[A-Z][\w'-]+\s+[A-Z][\w'-]+"


# Asking for whoever took the title on: "the interim ceo", "groq's new ceo".
_NEWCOMER = re.compile(r"\b(?:new|interim|acting)\b", re.I)


def _says_role_at(asked: AskedRole, ctx: Context) -> re.Pattern[str]:
    """A sentence giving the title at the place: "Meta chief executive Mark Zuckerberg", "chief executive of
    Meta", "AMI, the Paris-based start-up founded by..." (the two within a few words of each other)."""
    known = ctx.state.entities.entities
    names = {org_label(ctx.question, m, known) for m in asked.orgs}
    names |= {e.name for m in asked.orgs for e in known if e.kind == "org" and e.keys == m.entity.keys}
    org = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    role = rf"{_NOT_QUALIFIED}(?:{role_pattern(asked)})"
    after = ORG_TO_FOUNDED if FOUNDER in asked.words else ORG_TO_TITLE
    # ...the company's, not one of its parts' ("OpenAI's chief executive of applications"), unless asked.
    whole = "" if _qualifiers(asked) else r"(?!\s+of\s+[a-z])"
    return re.compile(
        rf"\b(?:{org})\b(?:\W+\w+){{0,{after}}}?\W+{role}\b{whole}|"
        rf"\b{role}\s+(?:of|at|for)\s+(?:\w+\s+){{0,{TITLE_TO_ORG}}}(?:{org})\b",
        re.I,
    )


def _heads_part(part: re.Pattern[str], asked: AskedRole, ctx: Context) -> re.Pattern[str]:
    """A sentence saying someone heads the part at the company: "John Casey, who heads compensation at
    Google"."""
    org = "|".join(re.escape(m.entity.name) for m in asked.orgs) or r"\w+"
    return re.compile(
        rf"\b(?:heads?|leads?|runs?|oversees?|in charge of)\s+(?:\w+\s+){{0,2}}?(?:{part.pattern})\w*"
        rf"(?:\s+\w+){{0,2}}?\s+(?:at|for|of)\s+(?:{org})\b",
        re.I,
    )


def _its_title(asked: AskedRole) -> re.Pattern[str]:
    """The title given as the company's, in an article about it, before a name: "he and the company's head of
    talent, Baris Akis, were contacting them"."""
    return re.compile(
        rf"\b(?:the (?:company|firm|lab|start-up|startup)['’]s|its)\s+{_NOT_QUALIFIED}(?:{role_pattern(asked)}),?"
        + _A_NAME,
        re.I,
    )


def _qualifiers(asked: AskedRole) -> list[str]:
    """The words of an asked title that name a part of the company: "applications" in "applications ceo"."""
    return [w for w in asked.words if w not in TITLE_WORDS and len(w) > 2]


def _titled_name_with(asked: AskedRole, ctx: Context) -> re.Pattern[str]:
    """A sentence naming the place and, further on, the title just before a person's name: "At ByteDance,
    ..., Wu reports directly to chief executive Liang Rubo". Not when the title is another's, between them:
    "... granted Nvidia a licence and that its chief executive Jonathan Ross" (Groq's)."""
    org = "|".join(re.escape(m.entity.name) for m in asked.orgs)
    role = rf"{_NOT_QUALIFIED}(?:{role_pattern(asked)})"
    not_another = r"(?:(?!\b(?:its|their|his|her)\b|\w's\b|\w’s\b).)*?"
    # ...nor another company's, named right before it: "... hired Windsurf chief executive Varun Mohan"
    not_named = r"(?:[,;:(]\s*|\b[a-z][\w-]*\s+)"
    return re.compile(rf"\b(?:{org})\b{not_another}{not_named}{role}{_A_NAME}", re.S)


def title_sentence(asked: AskedRole, ctx: Context) -> tuple[str, str] | None:
    """The sentence of the place's articles giving the title there and naming someone, closest to the
    question; failing that, one naming the place and giving someone the title (`_titled_name_with`). A
    sentence saying someone took the title on (`succession`) wins unless an older article is its source, or
    whatever its age when a newcomer is asked for ("the interim ceo", "the new ceo")."""
    found = _title_sentence(asked, ctx)
    if FOUNDER in asked.words:
        return found
    taken = successor_sentence(role_pattern(asked), asked.orgs, ctx)
    articles = ctx.state.data.articles
    if taken is None or (
        found
        and articles[found[1]].published > articles[taken[1]].published
        and not _NEWCOMER.search(ctx.question.text)
    ):
        return found
    return taken


def _title_sentence(asked: AskedRole, ctx: Context) -> tuple[str, str] | None:
    ids = sorted({a for m in asked.orgs for a in ctx.state.mention_articles.get(m.entity.keys, set())})
    people = [e.name for e in ctx.state.entities.entities if e.kind == "person"]
    titled = re.compile(role_pattern(asked), re.I)
    says = _says_role_at(asked, ctx)
    # Each way a sentence may give the title, the most telling first: (the pattern it matches, a cheaper
    # pattern it must match first).
    tries: list[tuple[re.Pattern[str], re.Pattern[str] | None]] = []
    # A title qualified by a part of the company ("openai's applications ceo") is the one the sentence says
    # of that part ("OpenAI's chief executive of applications"), not the company's chief executive...
    qualifiers = _qualifiers(asked)
    if qualifiers:
        # ...or the words that mean the same: "pay chief" is who "heads compensation at Google"
        stems = sorted(with_same_meaning({w[:STEM_LETTERS] for w in qualifiers}))
        part = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in stems)})", re.I)
        tries += [(says, part), (_heads_part(part, asked, ctx), None)]
    tries.append((says, titled))
    if (
        FOUNDER not in asked.words
    ):  # ...then "Wu reports to chief executive Liang Rubo", "its head of talent, X"
        tries += [(_titled_name_with(asked, ctx), titled), (_its_title(asked), titled)]
    for must, first in tries:
        found = best_sentence(ctx.state, ctx.vector, ids, people, asked.said, must, first)
        if found is not None:
            return found
    return None
