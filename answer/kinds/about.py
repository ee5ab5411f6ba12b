"""Questions about the bot itself ("what can you do?", "how recent is your news?"): answered from the engine's
state (how many articles, from which publishers, how recent, how they are searched), never from a passage."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from answer.context import Context
from answer.kinds.about_topics import Topic, addressed, topic_of
from answer.kinds.base import CERTAIN
from answer.model import SUGGESTIONS, Answer, AnswerKind, Citations, Line
from answer.query import Question
from corpus.model import Article

EXAMPLES_FILE = Path(__file__).resolve().parent.parent / "data" / "about_examples.txt"
# A message addressed to the bot this close (cosine, all-MiniLM-L6-v2) to an example question about the bot is
# one too, with that example's topic: on the dev split, no question about the news addressed to the bot comes
# this close, and most questions about the bot worded unlike any other do.
NEAR_EXAMPLE = 0.6
# The publishers named when asked where the news comes from: enough to show the range, short for a phone.
TOP_PUBLISHERS = 5

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
    "side by side: “/compare Meta OpenAI” (a table: moves in and out, leaders, pay)",
    "timelines: “/timeline DeepSeek” (dated events, oldest first)",
    "follow-ups: “and from OpenAI?”, “when did he join?”",
    "about me: “how recent is your news?”, “where does your news come from?”",
)


@functools.cache
def examples() -> tuple[tuple[str, ...], tuple[Topic, ...]]:
    """The example questions about the bot and the topic of each."""
    lines = EXAMPLES_FILE.read_text(encoding="utf-8").splitlines()
    texts = tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return texts, tuple(topic_of(t) or Topic.HELP for t in texts)


def asked_topic(ctx: Context) -> Topic | None:
    """The topic of a question about the bot: by its wording, else by the nearest example question."""
    exact = topic_of(ctx.raw)
    if exact is not None or not addressed(ctx.raw):
        return exact
    texts, topics = examples()
    similarity = ctx.state.example_vectors(ctx.embedder, texts) @ ctx.vector
    best = int(np.argmax(similarity))
    return topics[best] if similarity[best] >= NEAR_EXAMPLE * float(np.linalg.norm(ctx.vector)) else None


class About:
    kind = AnswerKind.ABOUT

    def match(self, q: Question, ctx: Context) -> float | None:
        # A question naming a company or person is about them ("what do you know about Meta?"); one naming a
        # publisher may still ask what the bot reads ("which outlets do u pull from, like reuters?").
        named = [m for m in q.mentions if m.entity.name.lower() not in ctx.state.publishers]
        return CERTAIN if not named and asked_topic(ctx) is not None else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        topic = asked_topic(ctx) or Topic.HELP
        facts = Facts(ctx)
        compose: dict[Topic, Callable[[], tuple[str, list[Line]]]] = {
            Topic.HELP: facts.help,
            Topic.MAKER: facts.maker,
            Topic.SOURCES: facts.sources,
            Topic.RECENCY: facts.recency,
            Topic.SIZE: facts.size,
            Topic.RECAP: facts.recap,
            Topic.LANGUAGE: facts.language,
            Topic.TRUST: facts.trust,
            Topic.PRIVACY: facts.privacy,
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

    def recap(self) -> tuple[str, list[Line]]:
        intro = (
            "In Telegram, send /subscribe and I'll send you the Weekly AI Recap every week: a TL;DR, key "
            "takeaways, the week's talent moves and its top stories, each cited."
        )
        return intro, [
            Line("/unsubscribe stops it; /settings picks its day, time and time zone, or pauses it.", ()),
            Line("/recap shows this week's recap now (in a terminal: talentbot recap preview).", ()),
        ]

    def privacy(self) -> tuple[str, list[Line]]:
        intro = (
            "I keep as little as I can: a chat's id, whether it gets the weekly recap, and the recap's day, time "
            "and time zone, so that the recap reaches it."
        )
        return intro, [
            Line(
                "Your questions are not saved in my database: the last one is held in memory for 30 minutes, so "
                "that follow-ups work, and a chat idle for a day is forgotten.",
                (),
            ),
            Line("/unsubscribe stops the recap; /settings pauses it.", ()),
        ]

    def language(self) -> tuple[str, list[Line]]:
        intro = "I read English news and answer in English; ask me in English, for example:"
        return intro, [Line(f"“{example}”", ()) for example in SUGGESTIONS[:2]]

    def trust(self) -> tuple[str, list[Line]]:
        intro = (
            "I write no answers of my own and don't browse the web: I quote the news articles I have read and "
            "cite each one, so you can check every claim. When my articles don't cover something, I say so."
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
