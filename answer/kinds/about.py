"""Questions about the bot itself ("what can you do?", "how recent is your news?"): answered from the engine's
state (how many articles, from which publishers, how recent, how they are searched), never from a passage."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from enum import Enum

from answer.context import Context
from answer.kinds.base import CERTAIN
from answer.model import SUGGESTIONS, Answer, AnswerKind, Citations, Line
from answer.query import Question
from corpus.model import Article
from corpus.text import STOP_WORDS, word_set, words

# The publishers named when asked where the news comes from: enough to show the range, short for a phone.
TOP_PUBLISHERS = 5

_BOT = r"(?:you|u|this(?: bot| thing| app| chat| service)?|talentbot|the bot)"
_DATA = r"(?:news|articles?|information|info|data|stories|knowledge|database|corpus|index|sources?)"
# "hi, ", "ok so ", "and ": what may come before a question to the bot.
_OPENER = r"^(?:(?:hi|hello|hey|ok|okay|so|and|but|please|um|hmm|btw)\b[\s,!.]*)*"
_CLOSER = r"[\s?!.]*$"


class Topic(Enum):
    """What a question about the bot asks."""

    HELP = "help"
    MAKER = "maker"
    SOURCES = "sources"
    RECENCY = "recency"
    SIZE = "size"


_TOPICS: tuple[tuple[Topic, str], ...] = (
    (
        Topic.MAKER,
        rf"who (?:made|built|created|wrote|developed|designed|programmed|coded|owns|runs|maintains|is behind) "
        rf"{_BOT}|who(?:'s| is) your (?:creator|maker|developer|author|owner)|"
        r"are (?:you|u) (?:an? )?(?:ai|bot|robot|human|person|real|chatgpt|gpt|llm|language model)",
    ),
    (
        Topic.SOURCES,
        rf"where (?:do|does) (?:you|your {_DATA}|the {_DATA}) (?:come|get \w+(?: \w+)?) from|"
        rf"where (?:do|does) (?:you|it) get (?:your|its|the) {_DATA}(?: from)?|"
        r"what(?: are|'re| r) your (?:news )?sources|what sources do you (?:use|have|read)|"
        r"(?:which|what) (?:publishers|sources|news ?papers|sites|websites|outlets|media)"
        r"(?: do you (?:use|read|cover|have|follow)| are you (?:using|reading|based on))?|"
        rf"what (?:news|articles) do you (?:read|use|have)|what(?:'s| is) your (?:source|data|corpus|database)",
    ),
    (
        Topic.RECENCY,
        rf"how (?:recent|new|fresh|old|current|up[- ]to[- ]date) (?:is|are) (?:you|your|the)(?: {_DATA})?|"
        rf"(?:how )?up[- ]to[- ]date are (?:you|your {_DATA})|are you up[- ]to[- ]date|"
        rf"when (?:were|was) (?:you|your {_DATA}) (?:last )?(?:updated|refreshed)|"
        r"when did you last (?:update|get news|read)|"
        r"what(?:'s|s| is) your (?:newest|latest|most recent|last|oldest|earliest|first) (?:article|story)|"
        r"what(?:'s| is) your (?:knowledge )?cut-?off(?: date)?|"
        rf"what (?:dates|period|time span|years) do (?:you|your {_DATA}) cover|how far back do (?:you|your {_DATA}) go",
    ),
    (
        Topic.SIZE,
        r"how (?:many|much) (?:news )?(?:articles|stories|sources|publishers|documents|data|news)"
        rf"(?: articles)? (?:do you (?:have|know|cover|use)|have you (?:got|read|indexed)|"
        rf"are there|are in your {_DATA}|is in your {_DATA}|are you using)|"
        rf"how (?:big|large) is your {_DATA}|stats|statistics",
    ),
    (
        Topic.HELP,
        r"/?help(?: me)?|about|commands|menu|start|"
        r"what (?:can|could|should|do) (?:you|u|i) (?:do|ask(?: you)?|help (?:me )?with|tell me|answer)|"
        r"what (?:do|can) you know(?: about)?|what (?:are|r) (?:you|u)(?: good)?(?: for| at)?|who (?:are|r) (?:you|u)|"
        rf"what(?:'s| is) {_BOT}|what (?:is|does) {_BOT} (?:do|for)|"
        rf"how (?:do|does|can) (?:i use {_BOT}|{_BOT} work)|how to use {_BOT}|"
        r"what (?:questions|kinds? of questions|things) (?:can|should) i ask(?: you)?|"
        r"(?:tell me )?about (?:you|yourself|this bot)",
    ),
)
_MATCHERS = tuple((topic, re.compile(_OPENER + f"(?:{body})" + _CLOSER, re.I)) for topic, body in _TOPICS)

# How each search mode finds passages, in a user's words.
MODE_WORDS = {
    "bm25": "keyword search (BM25)",
    "dense": "meaning search with the {model} embedding model",
    "hybrid": "keyword search (BM25) and meaning search ({model} embeddings) combined",
}
EXAMPLES = (
    f"who hired whom: “{SUGGESTIONS[1]}”, “Where did Ruoming Pang go?”",
    f"why and how: “{SUGGESTIONS[0]}”",
    f"pay and deals: “{SUGGESTIONS[3]}”",
    "what happened when: “latest moves”, “what happened in 2024?”",
    "follow-ups: “and from OpenAI?”, “when did he join?”",
    "about me: “how recent is your news?”, “where does your news come from?”",
)


# A message addressed to the bot: "you", "ur", "this bot".
_ADDRESSED = re.compile(
    r"\b(you|u|ur|your|yours|yourself|talentbot|(?:this|the) (?:bot|app|chat|service))\b", re.I
)
# The words a question about the bot is made of, besides function words: what it reads, how recent, who made
# it, what to ask it. A message addressed to the bot with any other word is about the news ("can you tell me
# why China is short of AI talent?").
ABOUT_WORDS = STOP_WORDS | word_set(
    "news article articles story stories info information data database corpus index source sources publisher "
    "publishers site sites website websites outlet outlets paper papers newspaper newspapers media feed feeds "
    "read use using used cover covers have got know come comes from get pull pulls where which what kind kinds sort "
    "stuff things thing questions question ask answer help can could do does work works made make built "
    "created developed designed run runs owns real person human robot bot ai chatgpt gpt llm model "
    "recent date dates updated update refreshed new newest latest last old oldest earliest far back current cutoff "
    "cut off "
    "period time span many much big large number r u ur talentbot go goes back topic topics subject subjects "
    "area areas week weeks month months today yesterday days "
    "hi hello hey ok okay please um hmm btw tell app chat service"
)
# Which topic a loosely worded question about the bot asks, by its words, in this order.
_LOOSE_TOPICS: tuple[tuple[Topic, re.Pattern[str]], ...] = (
    (
        Topic.MAKER,
        re.compile(r"\b(real|person|human|robot|made|built|created|developed|designed|owns)\b", re.I),
    ),
    (Topic.SIZE, re.compile(r"\b(how (many|much|big|large)|number)\b", re.I)),
    (
        Topic.RECENCY,
        re.compile(
            r"\b(recent|dates?|updated?|refreshed|newest|latest|old|oldest|earliest|far back|current|cut ?off|when|"
            r"today|yesterday|week|month)\b",
            re.I,
        ),
    ),
    (
        Topic.SOURCES,
        re.compile(
            r"\b(sources?|publishers?|sites?|websites?|outlets?|(news)?papers?|media|feeds?|where)\b", re.I
        ),
    ),
)


def _loose_topic(text: str) -> Topic | None:
    """A question addressed to the bot and made only of words about the bot ("which news sites do you read",
    "r u a real person", "is your info up to date"): its topic by its words, else help."""
    if not _ADDRESSED.search(text) or not set(words(text)) <= ABOUT_WORDS:
        return None
    return next((topic for topic, cue in _LOOSE_TOPICS if cue.search(text)), Topic.HELP)


def topic_of(text: str) -> Topic | None:
    """Which question about the bot this is, if it is one."""
    normal = " ".join(text.replace("’", "'").split())
    exact = next((topic for topic, pattern in _MATCHERS if pattern.match(normal)), None)
    return exact or _loose_topic(normal)


class About:
    kind = AnswerKind.ABOUT

    def match(self, q: Question, ctx: Context) -> float | None:
        # A question naming a company or person is about them ("what do you know about Meta?").
        return CERTAIN if not q.mentions and topic_of(ctx.raw) is not None else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        topic = topic_of(ctx.raw) or Topic.HELP
        facts = Facts(ctx)
        compose: dict[Topic, Callable[[], tuple[str, list[Line]]]] = {
            Topic.HELP: facts.help,
            Topic.MAKER: facts.maker,
            Topic.SOURCES: facts.sources,
            Topic.RECENCY: facts.recency,
            Topic.SIZE: facts.size,
        }
        intro, lines = compose[topic]()
        return Answer(
            question=ctx.raw,
            answered=True,
            kind=self.kind,
            intro=intro,
            lines=tuple(lines),
            sources=facts.cites.sources(),
            note="I read English news and answer in English. When my articles don't cover something, I say so.",
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _day(article: Article) -> str:
    return f"{article.published:%d %b %Y}"


class Facts:
    """What the engine knows about its own articles, one answer per topic."""

    def __init__(self, ctx: Context) -> None:
        self.articles = sorted(ctx.state.data.articles.values(), key=lambda a: (a.published, a.id))
        self.publishers = Counter(a.publisher for a in self.articles)
        self.moves = len(ctx.state.moves)
        model = str(ctx.state.data.manifest.get("model", "")).rsplit("/", 1)[-1] or "an"
        self.search = MODE_WORDS.get(ctx.mode, ctx.mode).format(model=model)
        self.cites = Citations(ctx.state.data.articles)
        # "do you have news from this week?": the period the question names, and its articles (None: none).
        self.period = ctx.question.dates.label if ctx.question.dates else ""
        self.in_period = ctx.published if ctx.question.dates else None

    @property
    def span(self) -> str:
        if not self.articles:
            return "no articles yet"
        return (
            f"{_count(len(self.articles), 'news article')} from {_count(len(self.publishers), 'publisher')}, "
            f"published between {_day(self.articles[0])} and {_day(self.articles[-1])}"
        )

    def newest(self) -> Line:
        a = self.articles[-1]
        return Line(f"Newest: {a.publisher}, {_day(a)}: {a.title}", (self.cites.cite(a.id),))

    def how(self) -> Line:
        return Line(
            f"I find the passages that answer a question with {self.search}, then quote the sentences "
            f"or the {self.moves} recorded talent moves that answer it, citing each article.",
            (),
        )

    def help(self) -> tuple[str, list[Line]]:
        intro = (
            "I'm TalentBot: I answer questions about the AI talent war from "
            f"{self.span}, citing every source. You can ask about:"
        )
        return intro, [Line(example, ()) for example in EXAMPLES]

    def maker(self) -> tuple[str, list[Line]]:
        intro = (
            "I'm TalentBot, an automated bot built to answer questions about the AI talent war: not a person, "
            "and not a general-purpose AI. I write no answers of my own: I quote news articles and cite them. "
            "The people who run me choose the articles I read."
        )
        return intro, [self.how(), Line(f"I have {self.span}.", ())]

    def sources(self) -> tuple[str, list[Line]]:
        if not self.articles:
            return "I have no articles yet.", []
        most = ", ".join(f"{name} ({n})" for name, n in self.publishers.most_common(TOP_PUBLISHERS))
        return f"My news comes from {self.span}.", [
            Line(f"The most articles are from {most}.", ()),
            Line(
                "The people who run me add articles from news sites, feeds or files; each one is checked, and "
                "copies of one story are recognised as one.",
                (),
            ),
            Line("Every answer names and links the articles it is taken from.", ()),
        ]

    def recency(self) -> tuple[str, list[Line]]:
        if not self.articles:
            return "I have no articles yet.", []
        intro = (
            f"My articles were published between {_day(self.articles[0])} and {_day(self.articles[-1])} "
            f"({_count(len(self.articles), 'article')}): I know nothing that happened after that."
        )
        per_year = Counter(a.published.year for a in self.articles)
        years = ", ".join(f"{year}: {n}" for year, n in sorted(per_year.items(), reverse=True))
        return intro, [*self.period_line(), self.newest(), Line(f"Articles per year: {years}", ())]

    def period_line(self) -> list[Line]:
        """How many articles the period the question names holds ("this week": none)."""
        if self.in_period is None:
            return []
        n = len(self.in_period)
        label = self.period
        when = label if label.startswith(("since ", "before ")) else f"from {label.removeprefix('in ')}"
        return [Line(f"Articles {when}: {n}" if n else f"I have no articles {when}.", ())]

    def size(self) -> tuple[str, list[Line]]:
        if not self.articles:
            return "I have no articles yet.", []
        lines = [self.newest(), Line(f"Talent moves on record: {self.moves}", ()), self.how()]
        return f"I have {self.span}.", lines
