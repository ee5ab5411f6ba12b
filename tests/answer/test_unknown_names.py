"""Only a name the answer depends on makes the bot say it has no articles about it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from answer.engine import Engine
from answer.english import is_english
from answer.kinds.unknown_name import (
    EVERYDAY_WORD_MARGIN,
    UNKNOWN_NAME_MARGIN,
    company_slot_words,
    margin,
    unknown_ai_firms,
)
from answer.model import AnswerKind
from answer.query import parse_question
from answer.typos import TypoFixer
from answer.unknown import unknown_versions, versions
from corpus.entities import EntityIndex
from tests.conftest import FakeEmbedder, engine_over, write_article

TODAY = dt.date(2026, 11, 23)
ENTITIES = EntityIndex(people=["Ruoming Pang", "Tan Xu"], orgs=["Meta", "Apple", "Nvidia", "OpenAI"])
VOCAB = {"meta", "apple", "hired", "who", "from", "did", "researchers", "pay", "hire"}


def unknown(text: str) -> tuple[str, ...]:
    return parse_question(text, ENTITIES, TODAY, VOCAB).unknown_names


@pytest.mark.parametrize(
    "text",
    [
        "who hired whom in R&D?",
        "BTW who did Meta hire?",
        "who did Meta hire, FYI?",
        "IMO TBH who is the best at Meta?",
        "who leads HR at OpenAI?",
        "which VC backed the AGI labs?",
        "when is the OpenAI IPO?",
        "which LLM and GPU deals did Meta do?",
        "who has a PhD at Meta in the US or UK?",
        "what is the ROI of Meta's hiring, LOL?",
        "Quick question: who did Meta hire?",
        "hey bob, who did Meta hire?",
        "hey Bob, who did Meta hire?",
        "Bob, who did Meta hire?",
        "thanks Alice! and who did OpenAI lose?",
        "who did Meta hire, Dave?",
        "according to Bloomberg, who did Meta hire?",
        "Hey TalentBot, who did Meta hire?",
        "someone on twitter says Meta hired Tan Xu, is that legit?",  # where they read it, slang
        "when did she announce she's joining Meta?",  # "she's" is she is, not whose
        "who did meta hire from jd.com's lab?",  # the end of a web address, not whose
    ],
)
def test_abbreviations_chat_words_and_whom_it_is_addressed_to_are_no_unknown_names(text: str) -> None:
    assert unknown(text) == ()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("who did Amazon hire from Nvidia?", ("Amazon",)),
        ("what is Mistral AI paying?", ("Mistral AI",)),
        ("Samsung, who did they hire?", ("Samsung",)),  # "they" is Samsung: the answer depends on it
        ("Did Bob join Meta?", ("Bob",)),
        ("who did IBM hire?", ("IBM",)),
        ("Who is 梁文锋?", ("梁文锋",)),
    ],
)
def test_names_the_answer_depends_on_are_unknown(text: str, names: tuple[str, ...]) -> None:
    assert unknown(text) == names


def test_abbreviations_in_capitals_are_not_corrected_into_names() -> None:
    fixer = TypoFixer({"asia", "anthropic"}, {"who", "hire"})
    assert fixer.fix("who did Meta hire ASAP?") == "who did Meta hire ASAP?"
    assert fixer.fix("antrhopic") == "anthropic"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("who hired whom in R&D?", AnswerKind.MOVES),
        ("hey Bob, who did Meta hire?", AnswerKind.MOVES),
        ("who did Amazon hire from Apple?", AnswerKind.UNKNOWN_NAME),
        ("What is Mistral AI paying?", AnswerKind.UNKNOWN_NAME),
        ("which amazon ai people left for meta", AnswerKind.UNKNOWN_NAME),  # the company of the staff named
        ("which researchers left for meta", AnswerKind.MOVES),
        ("which researchers left canada for meta", AnswerKind.UNKNOWN_NAME),  # a country typed in lower case
        ("did figure ai poach anyone from meta", AnswerKind.UNKNOWN_NAME),  # "<word> ai" hiring: a company
    ],
)
def test_the_engine_answers_or_refuses(small_engine: Engine, question: str, kind: AnswerKind) -> None:
    answer = small_engine.answer(question)
    assert answer.kind is kind
    assert answer.answered == (kind is AnswerKind.MOVES)


def _asking_with(*unfamiliar: str, text: str = "how much did Meta pay?") -> float:
    q = parse_question(text, ENTITIES, TODAY, VOCAB)
    return margin(replace(q, unfamiliar=unfamiliar))


def test_everyday_english_the_articles_never_use_needs_less_relevance_than_an_unknown_term() -> None:
    # "how much did deitke bag", "who is metas ai boss": ways of asking, refused only when barely relevant
    assert _asking_with("bag") == EVERYDAY_WORD_MARGIN < UNKNOWN_NAME_MARGIN
    assert _asking_with("snagged", "boss") == EVERYDAY_WORD_MARGIN
    # "what's alibaba's stock ticker", "how much does an h100 cost": a term the answer depends on
    assert _asking_with("ticker") == UNKNOWN_NAME_MARGIN
    assert _asking_with("bag", "h100") == UNKNOWN_NAME_MARGIN
    # "hpc engineer supply vs demand": an abbreviation typed in lower case is everyday usage too
    assert _asking_with("hpc") == EVERYDAY_WORD_MARGIN
    assert _asking_with("hpc", "pichai") == UNKNOWN_NAME_MARGIN
    # "how tall is Tan Xu" asks for no amount, date, person or reason: the word is what it is about
    assert _asking_with("tall", text="how tall is Tan Xu") == UNKNOWN_NAME_MARGIN
    assert _asking_with("tall", text="is Tan Xu tall") == UNKNOWN_NAME_MARGIN
    # ...but one everyday word among several the articles use is a way of saying it
    assert _asking_with("expires", text="the meta signing bonus expires") == EVERYDAY_WORD_MARGIN
    # ...and two among more: "did lecun's new startup actually raise a ton or is that hype"
    lecun = "did meta's new lab actually raise money or is that hype"
    assert _asking_with("ton", "hype", text=lecun) == EVERYDAY_WORD_MARGIN
    assert _asking_with("ton", "hype", text="a ton of hype") == UNKNOWN_NAME_MARGIN
    # ...and three among five: "on alphabet's bad day whats the worst it fell intraday, what got blamed"
    bad_day = "on meta's bad day whats the worst its shares fell intraday, and what else besides the exits got blamed"
    assert _asking_with("bad", "intraday", "blamed", text=bad_day) == EVERYDAY_WORD_MARGIN
    assert (
        _asking_with("bad", "intraday", "blamed", text="meta bad intraday blamed shares")
        == UNKNOWN_NAME_MARGIN
    )
    # ...and in a message about the asker or what they heard, chat: "...thing confused me, did they kill it"
    chat = "the openai vesting cliff thing confused me, did they kill it"
    assert _asking_with("confused", "kill", text=chat) == EVERYDAY_WORD_MARGIN
    assert (
        _asking_with("confused", "kill", text="the openai vesting cliff confused kill") == UNKNOWN_NAME_MARGIN
    )
    # a word the articles never use where a place or company goes is what the question is about
    assert (
        _asking_with("ibm", text="whats the average salary for a data scientist at ibm")
        == UNKNOWN_NAME_MARGIN
    )
    assert _asking_with("berlin", text="average ml engineer salary in berlin") == UNKNOWN_NAME_MARGIN
    # ...or that the question ends with, after "of": "who is the ceo of samsung", not "of german employers"
    assert _asking_with("samsung", text="who is the ceo of samsung?") == UNKNOWN_NAME_MARGIN
    # ...or whom someone leads, even an abbreviation: "btw who runs tsmc these days"
    assert _asking_with("tsmc", text="btw who runs tsmc these days") == UNKNOWN_NAME_MARGIN
    assert _asking_with("tsmc", text="who is the ceo of tsmc these days") == UNKNOWN_NAME_MARGIN
    # ...or where a company does something: "how much does samsung pay", not "the superstar researchers"
    assert _asking_with("samsung", text="how much does samsung pay ai researchers") == UNKNOWN_NAME_MARGIN
    superstar = "do ml engineers make money or only the superstar researchers"
    assert _asking_with("superstar", text=superstar) == EVERYDAY_WORD_MARGIN
    german = "what share of german employers struggle to hire"
    assert _asking_with("german", text=german) == EVERYDAY_WORD_MARGIN
    # a word English writes very often is everyday though the model's vocabulary lacks it
    offline = "been offline for ages, what happened with the meta team leadership"
    assert _asking_with("offline", text=offline) == EVERYDAY_WORD_MARGIN
    assert _asking_with("mistral", text="what happened with the meta and mistral team") == UNKNOWN_NAME_MARGIN
    # ...and among many words the articles use, one written less often still is a way of saying it
    chunky = "my buddy at openai got some chunky one off bonus last summer, whats that about"
    assert _asking_with("buddy", "chunky", text=chunky) == EVERYDAY_WORD_MARGIN
    assert _asking_with("chunky", text="how much did Meta pay?") == UNKNOWN_NAME_MARGIN


@pytest.mark.parametrize(
    ("word", "english"),
    [
        *[("bag", True), ("ditched", True), ("snag", True), ("staffers", True), ("paycheck", True)],
        ("bankrolled", True),  # "who bankrolled the seed round": how it is asked, not what about
        *[("ticker", False), ("perplexity", False), ("h100", False), ("sensetime", False), ("zuck", False)],
    ],
)
def test_everyday_english_is_told_from_names_and_terms(word: str, english: bool) -> None:
    assert is_english(word) is english


def test_nicknames_are_read_as_the_surname_the_articles_use() -> None:
    fixer = TypoFixer({"zuckerberg", "bosworth", "meta"}, {"what", "did", "say"})
    assert fixer.fix("what did Zuck say about boz") == "what did Zuckerberg say about bosworth"
    assert TypoFixer({"meta"}, {"what"}).fix("what did zuck say") == "what did zuck say"  # not in the corpus


KNOWN_VERSIONS = versions(
    ["OpenAI released GPT-4o and then GPT-5.", "Google's Gemini 3 came out in November."], {"gemini"}
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("eta on gpt 6", ("gpt 6",)),
        ("when is gpt-6 coming out", ("gpt-6",)),
        ("did openai release gpt 6 yet", ("gpt 6",)),  # the word after the version asks when it comes
        ("is grok 5 out yet", ("grok 5",)),  # a name the articles use, with a number and a word of releasing
        ("any idea when gpt-6 comes out", ("gpt-6",)),
        ("grok 5 dropped yet?", ("grok 5",)),
        ("alphabet's june 22 drop", ()),  # a day of a month, not a version of a name
        ("what happened on june 22", ()),
        ("what did gpt-5 score", ()),
        ("gemini 3 team", ()),
        ("who did meta hire in 2025", ()),  # a year
        ("meta 2 hires", ()),  # a count, not a product
        ("google 2 years ago", ()),
    ],
)
def test_a_version_of_a_product_the_articles_never_mention_is_unknown(
    text: str, found: tuple[str, ...]
) -> None:
    assert {"gpt4o", "gpt5", "gemini3"} == KNOWN_VERSIONS
    assert unknown_versions(text, KNOWN_VERSIONS, {"grok", "meta", "google", "june"}) == found


@pytest.mark.parametrize(
    ("text", "word", "company"),
    [
        ("did any cohere researchers leave", "cohere", True),
        ("is hugging face hiring ml people", "hugging", True),  # a name of two words before "hiring"
        ("did a couple researchers quit meta", "couple", False),  # how many, not whose
        ("a handful engineers left meta", "handful", False),
        ("meta in 2026: exits, fundraising, hiring, in order", "fundraising", False),  # a list, not who hired
        ("did cohere hire anyone", "cohere", True),
        ("which company has bled the most staff", "bled", False),  # the verb, before what it acts on
        ("who has cohere hired", "cohere", True),
        ("what makes tongyi staff such juicy poaching targets", "juicy", False),  # describing, after "such"
    ],
)
def test_a_word_before_staff_is_their_company_unless_it_counts_them(
    text: str, word: str, company: bool
) -> None:
    q = replace(parse_question(text, ENTITIES, TODAY, VOCAB), unfamiliar=(word,))
    assert (company_slot_words(q) == (word,)) is company


def test_a_friends_story_and_an_order_asked_for_are_ways_of_asking() -> None:
    # what a friend told them is chat, as what they heard is
    friend = "fyi friend at alibaba says qwen got chopped into teams, whats that about"
    assert _asking_with("friend", "chopped", text=friend) == EVERYDAY_WORD_MARGIN
    # "in chronological order" is how to tell it, not a place the question is about
    order = "alexandr wang's time at meta so far, in chronological order"
    assert _asking_with("chronological", text=order) == EVERYDAY_WORD_MARGIN
    assert _asking_with("chronological", text="who did meta hire in chronological") == UNKNOWN_NAME_MARGIN


def test_a_garbled_word_is_no_unknown_term_but_a_word_the_articles_lack_still_is() -> None:
    # "whsts", "opmai": slips of known words, which say nothing about what the question is about
    text = "whsts the new job grade range at meta"
    q = parse_question(text, ENTITIES, TODAY, VOCAB)
    assert margin(replace(q, unfamiliar=("whsts",), garbled=("whsts",))) == EVERYDAY_WORD_MARGIN
    assert margin(replace(q, unfamiliar=("whsts",))) == UNKNOWN_NAME_MARGIN
    # ...but the word the articles lack beside it still is what the question is about
    ticker = parse_question("whsts alibaba's stock ticker", ENTITIES, TODAY, VOCAB)
    assert margin(replace(ticker, unfamiliar=("whsts", "ticker"), garbled=("whsts",))) == UNKNOWN_NAME_MARGIN


def test_a_visa_code_the_articles_never_write_is_refused_and_one_they_write_is_not(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    write_article(
        articles,
        article_id="2025-09-h1b-fee",
        title="US adds a $100,000 fee to H-1B visas",
        body="New H-1B petitions now carry a $100,000 fee. OpenAI's o1 model was trained by a small team. "
        * 3,
        companies="OpenAI",
    )
    engine = engine_over(articles, tmp_path / "data", fake_embedder)
    refused = engine.answer("how long does an o-1 visa take to process")  # not the o1 model
    assert refused.kind is AnswerKind.UNKNOWN_NAME and not refused.answered
    assert "I have no articles about O-1" in refused.plain_text()
    assert engine.answer("how much is the h-1b fee").kind is not AnswerKind.UNKNOWN_NAME


def test_a_word_before_ai_in_a_hiring_question_is_a_company_unless_it_says_what_kind_of_ai() -> None:
    def firms(text: str) -> tuple[str, ...]:
        return unknown_ai_firms(parse_question(text, ENTITIES, TODAY, VOCAB))

    assert firms("did figure ai poach anyone from tesla") == ("figure ai",)
    assert firms("did chinese ai poach anyone from openai") == ()
    assert firms("how many ai people did meta hire") == ()  # not where a company is named


@pytest.mark.parametrize(
    ("text", "meant", "unknown_name"),
    [
        # a first name the articles give, then a surname they never write: someone else of that name
        ("is jeff dean still at google", [], ("jeff dean",)),
        ("is Jeff Dean still at Google", [], ("Jeff Dean",)),
        # ...not the surname itself, a form or a slip of it, or a word of chat after the first name
        ("did jeff wang leave windsurf", ["Jeff Wang"], ()),
        ("who are dawn songs cofounders", ["Dawn Song"], ()),
        ("whos the new cto after barret zof left", ["Barret Zoph"], ()),
        ("is that anuj guy back at openai", ["Anuj Saharan"], ()),
        ("did anuj really go back to openai", ["Anuj Saharan"], ()),
    ],
)
def test_a_first_name_before_an_unknown_surname_is_someone_the_articles_do_not_name(
    text: str, meant: list[str], unknown_name: tuple[str, ...]
) -> None:
    entities = EntityIndex(
        people=["Jeff Wang", "Dawn Song", "Barret Zoph", "Anuj Saharan"],
        orgs=["Google", "Windsurf", "OpenAI"],
    )
    vocabulary = {"is", "still", "at", "google", "did", "wang", "leave", "windsurf", "song", "who", "are"}
    q = parse_question(text, entities, TODAY, vocabulary)
    assert [m.entity.name for m in q.mentions if m.entity.kind == "person"] == meant
    assert q.unknown_names == unknown_name
