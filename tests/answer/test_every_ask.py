"""Questions that ask several things get a sentence for each; a list a chosen sentence announces is shown."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from answer.asks import AnswerType, Ask
from answer.compose_asks import answers_ask
from answer.engine import Engine, EngineConfig
from answer.extractive import select_sentences
from answer.model import AnswerKind
from answer.passages import RetrievedPassage
from corpus.entities import EntityIndex
from tests.conftest import FakeEmbedder, engine_over, write_article

# The fake embedder's cosines are lower than the real model's: a short ask matches a passage at about 0.2.
FAKE_THRESHOLDS = {"hybrid": 0.1, "dense": 0.1, "bm25": 0.5}
INFLECTION = (
    "Microsoft agreed to pay Inflection AI about $650 million for a licence to its technology. "
    "The Inflection AI deal price let the start-up pay back the investors who had backed it. "
    "Microsoft did not pay to buy Inflection AI outright, and the deal price was reported widely. "
    "Regulators in Britain looked at the deal Microsoft struck with Inflection AI in 2024. "
    "Microsoft will pay the Inflection AI licence fee over time, a deal term Microsoft has not disclosed."
)


@pytest.fixture
def engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    write_article(
        corpus,
        article_id="2024-03-microsoft-inflection",
        title="Microsoft hires the founders of Inflection AI",
        body=INFLECTION,
        published="2024-03-19",
    )
    write_article(
        corpus,
        article_id="2024-03-suleyman-job",
        title="Suleyman gets his job at Microsoft",
        body="Suleyman became chief executive of the new consumer AI division. He reports to the chief executive.",
        published="2024-03-20",
    )
    return engine_over(corpus, tmp_path / "data", fake_embedder, EngineConfig(thresholds=FAKE_THRESHOLDS))


QUESTION = "What did Microsoft pay in the Inflection AI deal and what job did Suleyman get?"


def test_each_ask_of_a_question_gets_a_cited_sentence(engine: Engine) -> None:
    answer = engine.answer(QUESTION)
    assert answer.kind is AnswerKind.EXTRACTIVE
    text = answer.plain_text()
    assert "$650 million" in text and "chief executive" in text
    role = next(line for line in answer.lines if "chief executive" in line.text)
    assert answer.sources[role.citations[0] - 1].article_id == "2024-03-suleyman-job"
    assert all(line.citations for line in answer.lines)


def test_the_whole_question_alone_would_have_missed_the_second_ask(engine: Engine) -> None:
    """The sentences chosen for the question as a whole are all about the price: the role comes from its ask."""
    state = engine.state
    q = engine.parse(QUESTION)
    vector = engine.embedder.encode([q.text])[0]
    hits = engine.retrieve(q, vector, "hybrid", None).hits
    picked = select_sentences(q.text, vector, [state.retrieved(h) for h in hits])
    assert not any("chief executive" in text for text, _ in picked)


def test_an_ask_nothing_answers_is_said_plainly(engine: Engine) -> None:
    answer = engine.answer(
        "What did Microsoft pay in the Inflection AI deal and how long does the licence last?"
    )
    assert "$650 million" in answer.plain_text()
    assert answer.note == "I found nothing in my articles that answers “how long does the licence last”."


def test_a_sentence_announcing_the_changes_asked_for_is_followed_by_them() -> None:
    article = [
        "ByteDance is raising pay to keep staff, a letter sent on 19 December 2025 said.",
        "The letter set out several changes at once.",
        "ByteDance said it would increase its bonus pool for 2025 by 35 per cent.",
        "The company also said it would shift the balance of compensation towards cash.",
        "Equity awards will vest faster, over three years instead of four.",
        "Rivals have been expanding their own hiring programmes across China.",
    ]
    vectors = np.eye(len(article), 8, dtype=np.float32)
    passage = RetrievedPassage("bd", " ".join(article[:3]), 0.9, tuple(article[:3]), vectors[:3])
    query = (vectors[0] + vectors[1]) / np.sqrt(2)
    question = "What did ByteDance change about pay?"
    picked = [t for t, _ in select_sentences(question, query, [passage], 2, {"bd": article})]
    assert picked[1].startswith("The letter set out several changes")
    assert picked[2:] == article[3:6]
    plain = [t for t, _ in select_sentences("How did ByteDance pay?", query, [passage], 2, {"bd": article})]
    assert not any("vest faster" in t for t in plain)  # a list no one asked for is not shown


@pytest.mark.parametrize(
    ("asked", "sentence", "answers"),
    [
        ("who led the round", "The round was led by venture firm Andreessen Horowitz.", True),
        (
            "who led the round",
            "Mira Murati, who left OpenAI in 2024 to start her own company, saw it lead the seed rankings.",
            False,  # named, but far from what was led
        ),
        ("who invested", "Andreessen Horowitz invested about $1 billion.", True),
        ("who bankrolled it", "The round was funded by Andreessen Horowitz.", True),  # another word for it
        (
            "who invested",
            "The lab is raising money from outside investors for the first time, and the main reason is to "
            "stop its researchers leaving, the Financial Times reported.",
            False,
        ),
    ],
)
def test_who_backed_something_is_a_person_or_company_said_to_back_it(
    asked: str, sentence: str, answers: bool
) -> None:
    entities = EntityIndex(
        people=["Mira Murati"], orgs=["Andreessen Horowitz", "Thinking Machines Lab", "Financial Times"]
    )
    ask = Ask(asked, AnswerType.PERSON)
    assert answers_ask(ask, sentence, entities, frozenset(asked.split())) is answers


def test_a_chosen_sentence_covers_an_ask_only_when_it_is_about_as_good_as_its_best_answer() -> None:
    from answer.compose_asks import _covers
    from answer.passages import Candidate

    vector = np.zeros(8, dtype=np.float32)
    best = Candidate(
        0.60, "Leadership passes to Jason Droege, who becomes interim chief executive.", "a", vector, 3
    )
    weaker = Candidate(0.56, "Meta is hiring the start-up's chief executive, Alexandr Wang.", "a", vector, 0)
    pool = [best, weaker]  # both name a person: only the first says who took over
    assert not _covers((weaker.text, "a"), pool)
    assert _covers((best.text, "a"), pool)


def test_how_many_people_is_answered_by_a_count_in_words() -> None:
    entities = EntityIndex(people=[], orgs=["Google DeepMind", "Hume AI"])
    ask = Ask("how many engineers did google take", AnswerType.AMOUNT)
    assert answers_ask(
        ask, "Google DeepMind hired Hume AI's chief with about seven of its engineers.", entities, frozenset()
    )
    assert not answers_ask(ask, "Google DeepMind hired Hume AI's chief executive.", entities, frozenset())
    assert answers_ask(
        ask, "The group includes more than half a dozen specialists in AI.", entities, frozenset()
    )


def test_a_later_ask_is_answered_from_the_story_an_earlier_one_was() -> None:
    from answer.compose_asks import _in_story
    from answer.passages import Candidate

    vector = np.zeros(8, dtype=np.float32)
    elsewhere = Candidate(
        0.67, "Tencent had offered to double the salaries of ByteDance employees.", "scholarship", vector, 4
    )
    same_story = Candidate(0.46, "More than 60% of those positions are technical.", "internships", vector, 2)
    shown = ("The plan includes 10,000 internships in 2025 alone.", "internships")
    # "the tencent internship plan - how many for 2025 alone and what % are technical"
    assert _in_story([elsewhere, same_story], [shown], [shown], typed=False) is same_story
    # nothing from the first ask's story: the best sentence anywhere
    assert (
        _in_story([elsewhere, same_story], [("Something else.", "other")], [shown], typed=False) is elsewhere
    )
    # a sentence of the story far less relevant than the best is not an answer
    weak = Candidate(0.30, "The company has offices in Shenzhen.", "internships", vector, 5)
    assert _in_story([elsewhere, weak], [shown], [shown], typed=False) is elsewhere
    # ...unless the ask expects a type of fact, which every sentence of its pool carries: "what's the new
    # vesting period" after the bonus pool, "over three years" in the story beats "four years" at another
    pay = ("ByteDance will increase its bonus pool for 2025 by 35%.", "pay")
    seed = Candidate(0.63, "Most companies spread share awards over four years.", "seed", vector, 3)
    faster = Candidate(
        0.29, "Instead of four years, staff receive shares over three years.", "pay", vector, 4
    )
    assert _in_story([seed, faster], [pay], [pay], typed=True) is faster
    assert _in_story([seed, faster], [pay], [pay], typed=False) is seed


def test_the_holder_of_a_title_is_named_with_that_title() -> None:
    entities = EntityIndex(people=["Ilya Sutskever", "Daniel Levy"], orgs=["Safe Superintelligence"])
    ask = Ask("who's president", AnswerType.PERSON)
    ceo = "Ilya Sutskever has taken over as chief executive of Safe Superintelligence."
    president = "Daniel Levy, another of the co-founders, becomes president."
    assert not answers_ask(ask, ceo, entities, frozenset())
    assert answers_ask(ask, president, entities, frozenset())
    # "ceo" is "chief executive" in a sentence
    assert answers_ask(Ask("who became interim ceo", AnswerType.PERSON), ceo, entities, frozenset())


def test_the_thing_an_ask_names_is_named_by_its_answer() -> None:
    from answer.compose_asks import _naming_asked_thing
    from answer.passages import Candidate

    vector = np.zeros(8, dtype=np.float32)
    claim = Candidate(0.77, "Sam Altman accused Meta of offering $100 million bonuses.", "a", vector, 0)
    podcast = Candidate(
        0.52, 'Altman made the remarks on "Uncapped", the podcast hosted by his brother.', "a", vector, 4
    )
    ask = Ask("on which podcast did he say it", None)
    assert _naming_asked_thing(ask, [claim, podcast]) == [podcast]
    # nothing names it: every candidate, best first
    assert _naming_asked_thing(Ask("on which show did he say it", None), [claim, podcast]) == [claim, podcast]


def test_who_reported_something_is_an_outlet_as_often_as_a_person() -> None:
    entities = EntityIndex(people=[], orgs=["Bloomberg", "Alibaba"])
    ask = Ask("who reported it", AnswerType.PERSON)
    said = "Researchers at Alibaba must now get permission before any trip abroad, Bloomberg reported."
    assert answers_ask(ask, said, entities, frozenset())
    assert not answers_ask(Ask("who replaced him", AnswerType.PERSON), said, entities, frozenset())


def test_which_cities_is_answered_by_a_sentence_naming_places_before_one_naming_a_company() -> None:
    from answer.compose_asks import AskSearch, answering
    from answer.passages import RetrievedPassage

    entities = EntityIndex(people=[], orgs=["Alibaba", "Quark"])
    company = "In its spring campaign, Alibaba offered 3,000 internships to students, half of them in AI."
    cities = "Quark is recruiting its new staff across Beijing, Shanghai, Hangzhou and Guangzhou this year."
    vector = np.ones(8, dtype=np.float32)
    passage = RetrievedPassage(
        "2025-08-quark", f"{company} {cities}", 0.9, (company, cities), np.stack([vector, vector * 0.6])
    )
    search = AskSearch(
        Ask("which cities", AnswerType.PLACE), "which cities", frozenset({"cities"}), vector, [], True
    )
    assert [c.text for c in answering(search, [passage], entities)] == [cities]


@pytest.mark.parametrize(
    ("sentence", "answers"),
    [
        ("Google DeepMind was close behind at 78%, while OpenAI retained 67% and Meta 64%.", True),
        ("About one in five of its AI engineers hired in 2025 had worked there before.", True),
        ("The bonus covers about a third of OpenAI's workforce.", True),
        # a number, but no rate: a count of people
        ("OpenAI gave a one-time retention award to about 1,000 technical staff.", False),
    ],
)
def test_a_rate_or_share_asked_is_answered_by_a_percentage_not_any_number(
    sentence: str, answers: bool
) -> None:
    entities = EntityIndex(people=[], orgs=["OpenAI", "Meta", "Google DeepMind"])
    ask = Ask("what is openai's retention rate", AnswerType.AMOUNT)
    assert answers_ask(ask, sentence, entities, frozenset()) is answers
