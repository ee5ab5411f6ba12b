"""Who hired whom: the recorded moves a question narrows to (company, direction, person, dates)."""

from __future__ import annotations

import re
from dataclasses import replace

from answer.asks import AnswerType, split_asks
from answer.context import Context
from answer.cues import generic_moves_question
from answer.kinds.asked_roles import TITLE_WORDS, title_words
from answer.kinds.base import CERTAIN
from answer.kinds.careers import (
    best_sentence,
    other_ask_sentences,
    person_articles,
    person_path,
    person_reports,
    quote_names,
)
from answer.kinds.compare import notable_first
from answer.kinds.sides import asked_sides
from answer.kinds.subject import articles_about
from answer.model import Answer, AnswerKind, Line, Source
from answer.moves import RecordedMove, compose_moves, filter_moves, founded, moves_scope, path_text
from answer.query import MONTH_RE, Question
from corpus.entities import same_org
from corpus.text import word_set

# "When did he join?", "how much was she offered?": a recorded move's month or a bare list does not say it,
# so the sentence of its articles that states the date or the amount comes after the list.
_ASKS_WHEN = re.compile(r"^\W*(?:and\s+|so\s+)?when\b", re.I)
_ASKS_AMOUNT = re.compile(r"^\W*(?:and\s+|so\s+)?how\s+much\b", re.I)
_STATES_DATE = re.compile(
    rf"\b(?:(?:\d{{1,2}}\s+)?(?:{MONTH_RE})\.?,?\s+(?:19|20)\d\d|(?:19|20)\d\d)\b", re.I
)
_STATES_AMOUNT = re.compile(
    r"[$€£¥]\s?\d|\b\d[\d,.]*\s*(?:million|billion|bn|yuan|dollars|euros|pounds|%)", re.I
)
# A sentence is added only for a short list: the one or few moves a follow-up asks about.
MAX_STATED_MOVES = 3


def _stated(q: Question, moves: list[RecordedMove], ctx: Context) -> tuple[str, str] | None:
    """The sentence of the first move's articles naming its person and stating the date or amount asked."""
    must = (
        _STATES_DATE if _ASKS_WHEN.match(q.text) else _STATES_AMOUNT if _ASKS_AMOUNT.match(q.text) else None
    )
    if must is None or not moves or len(moves) > MAX_STATED_MOVES:
        return None
    r = moves[0]
    ids = [r.article_id, *person_articles(ctx.state, r.move.person, person_reports(ctx.state, r.move.person))]
    return best_sentence(
        ctx.state, ctx.vector, ids, quote_names(r.move.person, ctx.state), must=must, about=True
    )


def with_quote(answer: Answer, quote: tuple[str, str], ctx: Context) -> Answer:
    """The answer with the sentence after its lines, cited (a source of its own if the list cites it not)."""
    sentence, article_id = quote
    number = next((s.number for s in answer.sources if s.article_id == article_id), len(answer.sources) + 1)
    sources = answer.sources
    if number > len(sources):
        a = ctx.state.data.articles[article_id]
        sources = (*sources, Source(number, a.id, a.title, a.publisher, a.url, a.published))
    return replace(answer, lines=(*answer.lines, Line(sentence, (number,))), sources=sources)


def _story(q: Question, moves: list[RecordedMove], ctx: Context) -> tuple[str, str] | None:
    """For the one move of a person the question names ("yann lecun quit meta to go do what exactly"), the
    sentence of its article that tells it best: the line says where, the sentence what and why."""
    if len(moves) != 1 or not q.people:
        return None
    r = moves[0]
    names = quote_names(r.move.person, ctx.state)
    return best_sentence(ctx.state, ctx.vector, [r.article_id], names, carried=True, about=True)


# "Is DeepSeek hiring?", "alibaba quark hiring a ton rn?": whether a company hires, which its hiring drive
# tells better than its few recorded moves.
_IS_HIRING = re.compile(
    r"^\W*(?:(?:is|are)\s+)?[\w.&' -]{2,40}?\s+(?:still\s+|even\s+)?(?:hiring|recruiting)\b(?!\s+(?:from|away))",
    re.I,
)
# ...said in an article headline about a drive: jobs posted, a team doubled, a hiring spree.
_DRIVE = re.compile(
    r"\b(?:hiring (?:drive|spree|push|plan)|recruit\w*|jobs?|openings?|positions|doubl\w*|hires? \d|"
    r"\d[\d,]* (?:ai )?(?:hires|roles|staff|people|engineers|researchers))\b",
    re.I,
)


# The words of a sentence telling the drive, not the rest of the story: "published 33 job openings".
_HIRING_WORDS = word_set(
    "hire hires hiring hired recruit recruits recruiting recruitment jobs job openings roles positions"
)


def _drive(q: Question, ctx: Context) -> tuple[str, str] | None:
    """For "is X hiring?" when few moves are on record, the sentence of the latest article on a hiring drive
    of X (or of the part of it named too: "alibaba quark") that names it."""
    orgs = [m.entity for m in q.mentions if m.entity.kind == "org"]
    if q.people or q.origins or not orgs or not _IS_HIRING.match(q.text):
        return None
    hired = [r for r in ctx.moves if any(same_org(e, r.move.to) for e in orgs)]
    if len(hired) > MAX_STATED_MOVES:
        return None  # ...its departures say nothing of it: "deepseek on a hiring spree now?"
    articles = ctx.state.data.articles
    drives = sorted(
        {a for e in orgs for a in articles_about(ctx.state, e) if _DRIVE.search(articles[a].title)},
        key=lambda a: (articles[a].published, a),
    )
    names = [n for e in orgs for n in quote_names(e.name)]
    return best_sentence(ctx.state, ctx.vector, drives[-1:], names, _HIRING_WORDS) if drives else None


# "How many of the new recruits did their degrees in China?", "how much were they paid?": not a list of moves.
_HOW_MUCH = re.compile(r"\bhow (?:many|much)\b", re.I)


# Asking for the moves of the best-known people: "who are the big names that left openai".
_NOTABLE = re.compile(
    r"\b(?:big|biggest|notable|famous|best[- ]known|top|key|major|high[- ]profile|star|headline|prominent|"
    r"important)\s+(?:names?|people|hires?|departures?|researchers?|moves?|exits?|leavers?|recruits?|"
    r"talent|figures?|signings?|poaches?)\b|"
    # ...or the most senior of them: "which of them is the most senior"
    r"\b(?:most senior|senior-?most|highest[- ]ranking|most important|most famous|best[- ]known)\b",
    re.I,
)
# Kinds of people hired that the recorded moves (one named person each) say nothing about.
_KIND_OF_PEOPLE = re.compile(
    r"\b(?:(?:fresh|new|young|recent) (?:grads?|graduates?|talent|people)|grads|graduates|students|interns?|"
    r"phds|phd (?:students|holders|grads|graduates)|returnees|foreigners|foreign (?:talent|workers|staff)|"
    r"overseas (?:talent|researchers|scientists)|women|juniors?|veterans)\b",
    re.I,
)

# Leaving to found a company: "who left openai to start their own company", "which researchers quit big labs
# to found start-ups". The moves that say so record the person as its founder.
_TO_FOUND = re.compile(
    r"\b(?:start(?:ed|ing|s)?|found(?:ed|ing|s)?|launch(?:ed|ing|es)?|set(?:ting)?\s+up|creat(?:e|ed|ing)|"
    r"buil(?:d|t|ding))\s+(?:(?:a|an|their|his|her|its)\s+)?(?:own\s+)?(?:new\s+)?(?:ai\s+)?"
    r"(?:compan(?:y|ies)|start-?ups?|labs?|ventures?|firms?|businesses|shops?|things?)\b",
    re.I,
)


class MovesList:
    kind = AnswerKind.MOVES

    def match(self, q: Question, ctx: Context) -> float | None:
        if not ctx.wants_moves or not ctx.moves or _HOW_MUCH.search(q.text):
            return None  # a count of moves is `Aggregate`'s; any other "how many" the articles answer
        if _KIND_OF_PEOPLE.search(q.text) and not q.people:
            return None  # "does deepseek just hire fresh grads?": whom it hires, which the moves don't record
        asks = split_asks(q.text)
        titles = title_words(q.text) & TITLE_WORDS
        appointed = bool(titles) and (
            len(ctx.moves) > MAX_STATED_MOVES
            or not any(titles & title_words(r.move.role or "") for r in ctx.moves)
        )
        if len(asks) == 1 and asks[0].type is AnswerType.DATE and appointed:
            # "when was zhao named chief scientist of msl": a date, not the lab's thirteen moves; "when was david
            # silver appointed director of ineffable": a post no move of his records
            return None
        if asked_sides(q, ctx) is not None:
            return None  # "alibaba vs tencent on campus hiring": one thing asked of two, `SideBySide`'s
        narrowed = bool(q.mentions) or q.dates is not None or generic_moves_question(q.text)
        return CERTAIN if narrowed or _founders(q, ctx) else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        started = _founders(q, ctx)
        moves, intro, scope = started or ctx.moves, None, moves_scope(q)
        notable = _NOTABLE.search(q.text) is not None
        if notable:  # "who are the big names that left openai": the best known first
            moves = notable_first(moves, ctx.state)
        if started:
            order = "the best-known names first" if notable else "newest first"
            intro = f"{_count(moves)} {scope + ' ' if scope else ''}to found a company, {order}:"
        elif notable:
            intro = (
                f"{_count(moves)} {scope}, the best-known names first:"
                if scope
                else f"The best-known names among the {_count(moves)} I have on record:"
            )
        answer = compose_moves(q, moves, ctx.state.data.articles, intro, page=ctx.page, kind=self.kind)
        if ctx.page > 0:
            return answer
        # "when and why did lecun leave meta": the sentence dating it, then the one giving the reason
        stated = _stated(q, ctx.moves, ctx)
        quotes = [*([stated] if stated else []), *_other_asks(q, ctx.moves, ctx)]
        if not quotes:  # "did guo daya join bytedance": the sentence telling the one move
            quotes = [f for f in (_story(q, ctx.moves, ctx), _drive(q, ctx)) if f]
        for quote in dict.fromkeys(quotes):
            answer = with_quote(answer, quote, ctx)
        return _with_paths(q, moves, answer, ctx)


def _count(moves: list[RecordedMove]) -> str:
    return f"{len(moves)} talent move{'' if len(moves) == 1 else 's'}"


def _founders(q: Question, ctx: Context) -> list[RecordedMove]:
    """The moves to found a company, when the question asks for those."""
    if not _TO_FOUND.search(q.text):
        return []
    # not narrowed by the question's other words, which are about founding ("start", "lab")
    return [r for r in filter_moves(ctx.state.moves, q) if founded(r)]


# "Who left xAI and why?", "who quit xAI and what company was it merged into?": what else is asked is looked
# for in the articles of the newest few moves listed.
OTHER_ASK_MOVES = 5


def _other_asks(q: Question, moves: list[RecordedMove], ctx: Context) -> list[tuple[str, str]]:
    """For a question that asks something besides the list (a reason, a company...), the sentences of the
    listed moves' articles that name one of their people or companies and answer each further ask."""
    shown = moves[:OTHER_ASK_MOVES]
    return other_ask_sentences(q, ctx, [r.move.person for r in shown], [r.article_id for r in shown])


# Asking where the people listed were before: "which 3 researchers did openai's zurich office lose and where
# were they before openai", "who left xai and where did they work before".
_ASKS_BEFORE = re.compile(
    r"\bwhere\s+(?:were|was|had|did)\s+(?:they|he|she|them|those\s+\w+|each(?:\s+of\s+them)?)\s+"
    r"(?:\w+\s+){0,2}?(?:before|previously|prior|earlier)\b|"
    r"\b(?:their|his|her)\s+(?:previous|prior|earlier|old|former)\s+(?:jobs?|employers?|compan(?:y|ies)|roles?|labs?)\b",
    re.I,
)


def _with_paths(q: Question, moves: list[RecordedMove], answer: Answer, ctx: Context) -> Answer:
    """For a list asked where its people were before, each listed person's recorded path ("Xiaohua Zhai:
    Google DeepMind → OpenAI (2024) → Meta (June 2025)"), when it goes back further than the move listed."""
    if not _ASKS_BEFORE.search(q.text):
        return answer
    for r in moves[:OTHER_ASK_MOVES]:
        path = person_path(ctx.state, r.move.person)
        if len(path) < 2 or path[0].move == r.move:
            continue  # ...the move listed is where their record starts
        # cited by the article of its first step, where the path starts
        answer = with_quote(answer, (f"{r.move.person}: {path_text(path)}", path[0].article_id), ctx)
    return answer
