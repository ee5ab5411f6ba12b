"""What the recorded moves say about people, shared by the person, role and leader questions: someone's path,
their role in each move as last reported, whether they have moved on, and the best sentence about them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from answer.asks import AnswerType, Ask, body, split_asks
from answer.context import Context
from answer.facts import AMOUNT, DURATION, REASON
from answer.kinds.asked_roles import GENERIC_TITLES, TITLE_WORDS, AskedRole, role_pattern, title_words
from answer.kinds.base import CERTAIN
from answer.model import Answer, AnswerKind, Citations, Line
from answer.moves import RecordedMove, career, path_text, same_place
from answer.passages import CONTINUES
from answer.query import Question
from answer.state import EngineState
from corpus.entities import GENERIC, Entity, Mention, key_tokens, same_person
from corpus.model import Article
from corpus.text import AMBIGUOUS_NAME_WORDS, STOP_WORDS, content_words, whole_words, word_spans, words

# A sentence this short (in words) is a heading or a fragment, not something to quote about a person.
MIN_QUOTE_WORDS = 6
# A surname this short ("Li", "Bi") names too many people to pick out a sentence about one.
MIN_SURNAME = 5
# A quoted sentence is chosen by its cosine with the question plus this much for each word it shares with
# what the answer is about (a role's words, a company's name): the sentence that says it beats a nearby one.
SAID_WORD_BONUS = 0.1


def person_reports(state: EngineState, person: str | Entity) -> list[RecordedMove]:
    """Every report of the person's moves, oldest article first."""
    return [r for r in state.reports if _is(person, r.move.person)]


def person_path(state: EngineState, person: str | Entity) -> list[RecordedMove]:
    """The person's recorded moves (one per destination), oldest first."""
    return career(r for r in state.moves if _is(person, r.move.person))


def _is(person: str | Entity, name: str) -> bool:
    if isinstance(person, Entity):
        return same_person(person, name)
    return person.lower() == name.lower()


def with_role(r: RecordedMove, reports: Sequence[RecordedMove]) -> RecordedMove:
    """The move as last reported with a role: Shengjia Zhao joined Meta as a researcher in June and was named
    its chief scientist in July, in another article (cited for it)."""
    same = [
        x
        for x in reports
        if x.move.role and x.move.person.lower() == r.move.person.lower() and same_place(x.move.to, r.move.to)
    ]
    return max(same, key=lambda x: (x.published, x.article_id), default=r)


def as_recorded(report: RecordedMove, state: EngineState) -> RecordedMove:
    """A report of a move with the more precise date another report gives, still cited to this report."""
    m = report.move
    merged = next(
        (r.move for r in state.moves if r.move.person.lower() == m.person.lower() and r.move.to == m.to), m
    )
    date = merged.date if len(merged.date or "") > len(m.date or "") else m.date
    return RecordedMove(m.model_copy(update={"date": date}), report.article_id, report.published)


def quote_names(name: str, state: EngineState | None = None) -> list[str]:
    """How sentences name a person: in full, or by a surname no one else is likely to have ("Suleyman"), or
    by the family name the articles name them by again, first in a Chinese name ("Guo" of "Guo Daya")."""
    if state is not None and name in state.family_first:
        return [name, state.family_first[name]]
    surname = name.split()[-1]
    distinctive = len(surname) >= MIN_SURNAME and surname.lower() not in AMBIGUOUS_NAME_WORDS
    return [name, surname] if distinctive and surname != name else [name]


def moved_on(path: Sequence[RecordedMove], r: RecordedMove) -> RecordedMove | None:
    """The first later move that took the person somewhere else than where `r` took them (None: still there)."""
    at = next((i for i, x in enumerate(path) if same_place(x.move.to, r.move.to)), None)
    if at is None:
        return None
    return next((x for x in path[at + 1 :] if not same_place(x.move.to, r.move.to)), None)


def org_label(q: Question, mention: Mention, known: Iterable[Entity]) -> str:
    """An organisation as the question names it: "Meta Superintelligence Labs", "Microsoft AI" (the entity
    index keeps one mention per key words, under the shortest name, "Meta")."""
    name_words = set(words(mention.entity.name)) | mention.entity.keys
    end = mention.start
    for start, stop, word in word_spans(q.text):
        if start < mention.start:
            continue
        generic = word in GENERIC and word not in STOP_WORDS
        if word not in name_words and (end == mention.start or not generic):
            break
        raw = q.text[start:stop]
        end = stop - 2 if raw.endswith(("'s", "’s")) else stop
        if end < stop:
            break
    literal = q.text[mention.start : end]
    same = [e.name for e in known if e.kind == "org" and e.keys == mention.entity.keys]
    exact = next((n for n in same if n.lower() == literal.lower()), None)
    if exact is not None:
        return exact
    if literal != literal.lower() and len(literal) > len(mention.entity.name):
        return literal
    return mention.entity.name


def person_articles(state: EngineState, name: str, reports: Sequence[RecordedMove]) -> list[str]:
    """The articles that report the person's moves, then the others that list them."""
    listed = state.mention_articles.get(key_tokens(name), set())
    return list(dict.fromkeys([*(r.article_id for r in reports), *sorted(listed)]))


def best_sentence(
    state: EngineState,
    vector: npt.NDArray[np.float32],
    article_ids: Iterable[str],
    names: Sequence[str],
    said: Iterable[str] = (),
    must: re.Pattern[str] | None = None,
    first: re.Pattern[str] | None = None,
    *,
    carried: bool = False,
    about: bool = False,
) -> tuple[str, str] | None:
    """The sentence of these articles that names one of `names` (whole, case aside), and says `must` when
    given, closest to the question, favouring sentences with the words in `said`. (sentence, article id).
    `carried`: a sentence that carries on the one before ("He will work in the pre-training team") is read
    with it, and named by it; `about`: the sentence is about the person named, so not one opening with "He"
    that names them later ("He ... before helping Murati found TML" is about someone else)."""
    # ...as a whole word: "Wu" of "Wu Yonghui" is not the "wu" of "would"
    named = whole_words(names, ignore_case=True)
    wanted = set(said)
    best: tuple[float, str, str] | None = None
    for article_id in dict.fromkeys(article_ids):
        base = state.data.sentence_offsets.get(article_id)
        if base is None:
            continue
        sentences = state.data.sentences.get(article_id, [])
        for i, sentence in enumerate(sentences):
            if first is not None and not first.search(sentence):
                continue  # a cheap test that `must` needs to pass, before `must` itself
            if must is not None and not must.search(sentence):
                continue  # first: one regular expression is cheaper than looking for every name
            if carried and i > 0 and CONTINUES.match(sentence):
                sentence = f"{sentences[i - 1]} {sentence}"
            if about and _PRONOUN_FIRST.match(sentence):
                continue
            if len(sentence.split()) < MIN_QUOTE_WORDS or not named.search(sentence):
                continue
            score = float(state.data.sentence_vectors[base + i] @ vector)
            score += SAID_WORD_BONUS * len(wanted & set(words(sentence)))
            if best is None or score > best[0]:
                best = (score, sentence, article_id)
    return (best[1], best[2]) if best else None


def short_names(name: str, article: Article) -> list[str]:
    """How an article names a person, lower case: in full, and by any part of their name it also uses alone
    and that no one else it lists shares ("Yao" for Yao Shunyu, "Deitke" for Matt Deitke)."""
    others = {p for person in article.people if person != name for p in person.split()}
    alone = article.body.replace(name, " ")
    parts = [p for p in name.split() if p not in others and re.search(rf"\b{re.escape(p)}\b", alone)]
    return [n.lower() for n in (name, *parts)]


# What someone is known for, in the articles' words: "known as an author of ReAct", "made his name at the Allen
# Institute, where he led work on Molmo"; and their path: "went on to co-found Vercept", "a PhD at Princeton".
_KNOWN_FOR = (
    r"known (?:as|for)|best known|made (?:his|her|their) name|(?:co-?)?authored|an? (?:co-?)?authors? of|"
    r"co-?creat\w+|creator of|invent\w+|pioneer\w*|led (?:the )?work|contribut\w+ to|"
    r"spent (?:\w+ ){0,2}years (?:at|with|in)|"
    # "Ross is one of the designers of Google's first Tensor Processing Unit"
    r"(?:one|some) of the (?:\w+ ){0,2}(?:designers|creators|architects|inventors|builders|developers) of|"
    r"designed|designer of|architect of"
)
_BACKGROUND = re.compile(
    rf"\b(?:{_KNOWN_FOR}|worked on|helped (?:build|create|develop)|co-?found(?:ed|er|ers)?|went on to|researched|"
    r"PhD|former|formerly|previously|spent (?:\w+ ){0,2}years)\b"
)
# ...what they are known for first: it says who they are.
KNOWN_FOR_BONUS = 0.2
_FAME = re.compile(rf"\b(?:{_KNOWN_FOR})\b")
# ...going on about someone named before: "At OpenAI he researched AI agents".
_THIRD_PERSON = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)
# A profile adds this many such sentences: enough for a career in brief.
BACKGROUND_SENTENCES = 2


_PRONOUN_FIRST = re.compile(r"^(?:He|She)\b")


def sentences_about(
    state: EngineState,
    vector: npt.NDArray[np.float32],
    article_ids: Iterable[str],
    name: str,
    says: re.Pattern[str],
) -> list[tuple[float, int, str, str]]:
    """The sentences of these articles about the person that match `says`: naming them, or going on about
    them ("He is also known as an author of ReAct") right after one that does, no one else named between.
    (closeness to the question, row, sentence, article id) each."""
    found: list[tuple[float, int, str, str]] = []
    for article_id in dict.fromkeys(article_ids):
        base = state.data.sentence_offsets.get(article_id)
        article = state.data.articles[article_id]
        names = short_names(name, article)
        others = [p.lower() for p in article.people if p != name]
        about = False
        for i, sentence in enumerate(state.data.sentences.get(article_id, [])):
            low = sentence.lower()
            # A sentence opening with "He" is about whom the one before was about, though it names someone
            # later ("He ... then helped Murati found TML" is not about Murati)
            pronoun_first = _PRONOUN_FIRST.match(sentence) is not None
            named = any(n in low for n in names) and not pronoun_first
            still = bool(CONTINUES.match(sentence) or _THIRD_PERSON.search(sentence))
            about = named or (about and (pronoun_first or (still and not any(o in low for o in others))))
            if about and base is not None and _says_of(says, low, sentence, names, others):
                found.append(
                    (float(state.data.sentence_vectors[base + i] @ vector), base + i, sentence, article_id)
                )
    return found


def _says_of(says: re.Pattern[str], low: str, sentence: str, names: list[str], others: list[str]) -> bool:
    """Does the sentence say it of the person, not of another it names just before ("Wang will share the lead
    with Nat Friedman, the former chief executive of GitHub": Friedman was the chief executive)?"""
    for match in says.finditer(sentence):
        before = low[: match.start()]
        theirs = max((before.rfind(n) for n in names), default=-1)
        another = max((before.rfind(o) for o in others), default=-1)
        if another <= theirs:
            return True
    return False


def background_sentences(
    state: EngineState, vector: npt.NDArray[np.float32], article_ids: Iterable[str], name: str
) -> list[tuple[str, str]]:
    """The sentences saying what the person is known for and where they came from (`sentences_about`), what
    they are known for first, then the closest to the question; in the articles' order."""
    found = [
        (score + (KNOWN_FOR_BONUS if _FAME.search(sentence) else 0.0), row, sentence, article_id)
        for score, row, sentence, article_id in sentences_about(state, vector, article_ids, name, _BACKGROUND)
    ]
    best = sorted(found, reverse=True)[:BACKGROUND_SENTENCES]
    return [(sentence, article_id) for _, _, sentence, article_id in sorted(best, key=lambda f: f[1])]


# An ask about where someone was before, which the record's path line answers.
_PATH_ASK = re.compile(r"\b(where|before|previously|come from|came from|background|career)\b", re.I)


class PersonSentence:
    """A kind of question about one person answered by one sentence of their articles, then a line from their
    record: who took over from them (`succession`), whom they report to (`reports_to`). A subclass says which
    person a question asks about, finds the sentence, and gives the record's line."""

    kind = AnswerKind.ROLE
    key = ""  # what the sentence is, to work it out once per question (`Context.once`)
    # Does the record's line answer a second ask about where someone was before (the successor's path)? Any
    # other second ask is left to the kinds that search each ask on its own.
    answers_more = True

    def asked(self, q: Question) -> str | None:
        raise NotImplementedError

    def sentence(self, name: str, q: Question, ctx: Context) -> tuple[str, str] | None:
        """(sentence, article id), or None."""
        raise NotImplementedError

    def record(self, name: str, sentence: str, ctx: Context, cites: Citations) -> Line | None:
        raise NotImplementedError

    def _found(self, q: Question, ctx: Context) -> tuple[str, tuple[str, str]] | None:
        def work() -> tuple[str, tuple[str, str]] | None:
            name = self.asked(q)
            found = self.sentence(name, q, ctx) if name is not None else None
            return None if name is None or found is None else (name, found)

        return ctx.once(self.key, work)

    def match(self, q: Question, ctx: Context) -> float | None:
        asks = split_asks(q.text)
        if len(asks) > 1 and not (self.answers_more and all(_PATH_ASK.search(a.text) for a in asks[1:])):
            return None  # "who replaced zoph and who does zoph report to": each ask searched on its own
        return CERTAIN if self._found(q, ctx) is not None else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        asked = self._found(q, ctx)
        assert asked is not None
        name, (sentence, article_id) = asked
        cites = Citations(ctx.state.data.articles)
        said = Line(sentence, (cites.cite(article_id),))  # cited first: [1]
        record = self.record(name, sentence, ctx, cites)
        lines = [said, *([record] if record else [])]
        return Answer(q.text, True, self.kind, "", tuple(lines), cites.sources())


def path_line(name: str, path: Sequence[RecordedMove], cites: Citations) -> Line:
    """ "Ruoming Pang: Google → Apple (2021) → Meta (July 2025).", citing each move's article once."""
    return Line(f"{name}: {path_text(path)}.", tuple(dict.fromkeys(cites.cite(r.article_id) for r in path)))


# A second ask for who leads something, and the sentence saying it in the words of titles.
_ASKS_LEADER = re.compile(
    r"^\W*(?:and\s+|also\s+)?(?:who(?:'s|’s|s|\s+is|\s+was)?|whos)\s+(?:now\s+)?(?:"
    r"(?:the\s+|his\s+|her\s+|their\s+)?(?:new\s+|current\s+)?(?:\w+['’]s\s+)?(?:ceo|cto|cfo|president|head|chief|boss|leader)\b|"
    r"(?:runs?|running|leads?|leading|heads?|heading|in charge|the boss)\b)",
    re.I,
)
_SAYS_LEADER = re.compile(
    r"\b(?:chief (?:\w+ )?(?:\w+ )?officer|chief executive|chief scientist|ceo|cto|president|head of|heads|"
    r"led by|leads|runs|in charge|under a new|take over as)\b",
    re.I,
)


def other_ask_sentences(
    q: Question, ctx: Context, people: Sequence[str], article_ids: Sequence[str]
) -> list[tuple[str, str]]:
    """For a question a list or a title's holder answers only in part ("who left xAI and why?", "who is
    tencent's chief ai scientist and who does he report to?", "where did wu come from, how long was he there,
    and who is his boss"), a sentence for each further ask from these articles, naming one of `people` or
    the question's names and answering it: the reason, the sum, date or length asked, or the ask's words."""
    found: list[tuple[str, str]] = []
    for ask in split_asks(q.text)[1:]:
        sentence = _other_ask_sentence(q, ask, ctx, people, article_ids)
        if sentence is not None and sentence not in found:
            found.append(sentence)
    return found


# What an ask of a sum or a length is answered by, whatever its words ("how long was he there": "Wu spent
# roughly 17 years at Google"). Not a date: the list's lines date the moves, and any month in a sentence
# ("OpenAI shut down Sora in March 2026") is not when someone left.
_STATES = {AnswerType.AMOUNT: AMOUNT, AnswerType.DURATION: DURATION}


def _other_ask_sentence(
    q: Question, ask: Ask, ctx: Context, people: Sequence[str], article_ids: Sequence[str]
) -> tuple[str, str] | None:
    if _ASKS_LEADER.search(ask.text):
        return _new_leader_sentence(ctx, ask.text, people, article_ids)
    names = [*(n for p in people for n in quote_names(p, ctx.state)), *(m.entity.name for m in q.mentions)]
    if ask.type is AnswerType.REASON:
        return best_sentence(ctx.state, ctx.vector, article_ids, names, must=REASON, carried=True)
    if ask.type in _STATES:
        return best_sentence(ctx.state, ctx.vector, article_ids, names, must=_STATES[ask.type], carried=True)
    said = content_words(body(ask.text)) - {w for m in q.mentions for w in content_words(m.entity.name)}
    if not said:
        return None
    stems = "|".join(re.escape(w) for w in sorted(said))
    said_it = re.compile(rf"\b(?:{stems})", re.I)
    return best_sentence(ctx.state, ctx.vector, article_ids, names, must=said_it, carried=True)


def _new_leader_sentence(
    ctx: Context, ask: str, people: Sequence[str], article_ids: Sequence[str]
) -> tuple[str, str] | None:
    """ "who runs groq now", "who is tml's cto now", after a list of who left: the sentence of the listed
    moves' articles naming someone else of theirs with a title ("under a new chief executive, Simon Edwards",
    "Soumith Chintala ... would take over as CTO"); those listed are the ones who left."""
    gone = {p.lower() for p in people}
    others = [
        n
        for a in dict.fromkeys(article_ids)
        for p in ctx.state.data.articles[a].people
        if p.lower() not in gone
        for n in quote_names(p, ctx.state)
    ]
    if not others:
        return None
    # ...with the title asked, when one is ("cto": "CTO" or "chief technology officer")
    titles = sorted(title_words(ask) & (TITLE_WORDS - GENERIC_TITLES))
    asked = AskedRole(frozenset(titles), " ".join(titles), ())
    must = re.compile(rf"\b(?:{role_pattern(asked)})\b", re.I) if titles else _SAYS_LEADER
    return best_sentence(ctx.state, ctx.vector, article_ids, others, must=must, carried=True)
