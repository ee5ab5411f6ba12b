"""Questions asking for a number, a date or a person the articles never give: refused, not answered with a
sentence that misses the ask."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from answer.config import EngineConfig
from answer.engine import Engine
from answer.kinds.fact_focus import focus_words, known_focus
from answer.kinds.missing_fact import _counts, said_words, same_word
from answer.model import AnswerKind
from answer.state import name_words
from tests.conftest import FakeEmbedder, any_passage_engine, engine_of, engine_over, write_article


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("how many qualified workers does china have for every five ai jobs", True),
        ("how many phds does china train", False),
        ("who is the cto of moonshot ai", False),
    ],
)
def test_a_number_or_person_the_articles_never_give_is_refused(
    small_engine: Engine, question: str, answered: bool
) -> None:
    answer = small_engine.answer(question)
    assert answer.answered is answered
    if not answered:
        assert answer.kind is AnswerKind.NOT_FOUND


def test_counts_are_numbers_that_are_no_year_sum_share_or_duration() -> None:
    sentence = (
        "In 2025 it kept 80% of its 1,000 staff for two years and paid $20 million to two dozen people."
    )
    counted = [sentence.split()[i] for i in _counts(sentence)]
    assert counted == ["1,000", "two", "dozen"]


def test_names_are_the_words_only_ever_written_with_a_capital() -> None:
    texts = ["ChatGPT has many users. Nvidia hired staff.", "Users of ChatGPT; the CEO of Nvidia spoke."]
    assert name_words(texts) == {"chatgpt", "nvidia"}


def _deepseek_engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    """Two articles about DeepSeek; with one passage searched per question, only the one about working
    there is found, and only the other says how many people do."""
    directory = tmp_path / "articles"
    directory.mkdir()
    articles = {
        "2026-06-deepseek-round": (
            "DeepSeek closes a funding round",
            "DeepSeek closed a 51 billion yuan funding round in June. The company, which employs about 300 "
            "people, said each of its departments would at least double in size.",
        ),
        "2026-03-deepseek-culture": (
            "What it is like to work at DeepSeek",
            "People who work at DeepSeek describe long hours and a flat structure. Many people at DeepSeek "
            "work on models and people there say the work is hard.",
        ),
    }
    for article_id, (title, body) in articles.items():
        write_article(
            directory,
            article_id=article_id,
            title=title,
            body=body,
            published="2026-06-20",
            companies="DeepSeek",
            people="",
        )
    return engine_over(
        directory, tmp_path / "data", fake_embedder, EngineConfig(k=1, thresholds={"hybrid": 0.0})
    )


def test_a_fact_in_an_article_about_the_subject_the_search_missed_is_answered(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _deepseek_engine(tmp_path, fake_embedder)
    question = "how many people work at deepseek"
    q = engine.parse(question)
    found = engine.retrieve(q, fake_embedder.encode([q.text])[0], "hybrid", None)
    assert {h.article_id for h in found.hits} == {"2026-03-deepseek-culture"}
    answer = engine.answer(question)
    assert answer.answered
    assert "about 300 people" in answer.plain_text()
    assert [s.title for s in answer.sources] == ["DeepSeek closes a funding round"]


def test_a_fact_no_article_about_the_subject_states_is_still_refused(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _deepseek_engine(tmp_path, fake_embedder)
    for question in ("how many gpus does deepseek own", "when will deepseek double in size"):
        answer = engine.answer(question)
        assert not answer.answered
        assert answer.kind is AnswerKind.NOT_FOUND


def test_staffers_or_headcount_find_the_people_a_company_employs(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _deepseek_engine(tmp_path, fake_embedder)
    for question in ("how many staffers does deepseek have", "how many staffers work at deepseek now"):
        answer = engine.answer(question)
        assert answer.answered, question
        assert "about 300 people" in answer.plain_text()


def _focus(engine: Engine, question: str) -> set[str]:
    return known_focus(engine.parse(question), engine.state.names)


def test_words_for_paying_or_taking_over_and_words_the_articles_never_use_are_no_focus(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _deepseek_engine(tmp_path, fake_embedder)
    # "bag" appears in no article; "hand", "cash" and "absorb" say how it was paid or taken, not what
    assert _focus(engine, "how much did deepseek bag") == set()
    assert _focus(engine, "how much cash did deepseek hand them") == set()
    assert _focus(engine, "when did deepseek absorb its models") == {"models"}
    assert _focus(engine, "how many gpus does deepseek own") == {"gpus"}  # still refused (test above)
    assert not {"go", "went"} & _focus(engine, "when did deepseek go and close its round")  # what, not how
    assert _focus(engine, "deepseek vs alibaba, which raised more") == set()  # how it compares, not what
    assert _focus(engine, "i heard deepseek raised a lot, how much exactly") == set()  # what was heard
    hearsay = (
        "what was the rumoured figure deepseek raised, just curious"  # hearsay and chat: no fact asked of
    )
    assert focus_words(engine.parse(hearsay), engine.state.names) == set()
    # how far along: "so far", "to date", "in total" ask no particular fact
    for question in ("how much has deepseek raised so far", "how much has deepseek raised in total to date"):
        assert focus_words(engine.parse(question), engine.state.names) == set(), question
    # a clause saying when, of what was just named: "before it fell apart" asks no fact about falling
    assert _focus(engine, "what was deepseek going to pay before it fell apart") == set()
    # "any idea" is chat, and "per" the unit a sum is asked by: what is asked of is the month, or nothing
    assert _focus(engine, "how much did deepseek raise, any idea?") == set()
    assert focus_words(engine.parse("how much does deepseek pay per month"), engine.state.names) == {"month"}


def test_a_hyphenated_term_is_the_same_word_unhyphenated() -> None:
    # "what does an h1b cost employers": the sentence about the "H-1B" fee is about what was asked
    assert said_words("The $100,000 fee on H-1B petitions (start-ups too).") == [
        *("the", "100,000", "fee", "on", "h1b", "petitions", "startups", "too")
    ]


def test_a_count_of_another_companys_people_does_not_answer(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    article = {
        "article_id": "2024-08-schulman-joins-anthropic",
        "title": "Schulman leaves OpenAI for Anthropic",
        "body": "John Schulman left OpenAI to join Anthropic in August. The exits leave OpenAI with only three of "
        "the eleven people who founded it.",
        "published": "2024-08-06",
        "companies": "OpenAI, Anthropic",
        "people": "John Schulman",
    }
    engine = engine_of(tmp_path, fake_embedder, article, config=EngineConfig(k=2, thresholds={"hybrid": 0.0}))
    assert engine.answer("how many people founded openai").answered
    refused = engine.answer("how many people work at anthropic")
    assert not refused.answered and refused.kind is AnswerKind.NOT_FOUND


@pytest.mark.parametrize(
    ("focus", "said", "same"),
    [
        ("retiri", "retire", True),
        ("acquis", "acquired", True),
        ("merge", "merger", True),
        ("found", "fund", False),
    ],
)
def test_a_word_with_another_ending_is_the_same_word(focus: str, said: str, same: bool) -> None:
    assert same_word(focus, said) is same


def test_someones_pay_or_wealth_is_not_answered_by_another_sum(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-08-meta-pays-deitke",
            "title": "Meta offers Matt Deitke a big package",
            "body": "Meta agreed to pay researcher Matt Deitke about $250 million over four years, with a "
            "package worth as much as $100 million in the first year. Sam Altman said Meta offered signing "
            "bonuses of $100 million to OpenAI staff.",
            "published": "2025-08-01",
            "companies": "Meta, OpenAI",
            "people": "Matt Deitke, Sam Altman",
        },
        config=EngineConfig(thresholds={"hybrid": 0.0}),
    )
    assert "$250 million" in engine.answer("how much is meta paying matt deitke").plain_text()
    assert "$250 million" in engine.answer("how much was matt deitke's package worth").plain_text()
    # a package worth $100 million is no one's net worth
    refused = engine.answer("whats sam altman's net worth")
    assert not refused.answered and refused.kind is AnswerKind.NOT_FOUND


def test_someones_pay_is_said_in_an_article_about_them_not_of_a_package_for_another(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    deitke = {
        "article_id": "2025-08-meta-pays-deitke",
        "title": "Meta offers Matt Deitke a big package",
        "body": "Demis Hassabis said Google still wins researchers. Meta agreed to pay Matt Deitke about "
        "$250 million, as much as $100 million of it paid in the first year.",
        "published": "2025-08-01",
        "companies": "Meta, Google",
        "people": "Matt Deitke, Demis Hassabis",
    }
    yao = {
        "article_id": "2025-12-tencent-names-yao",
        "title": "Tencent names Yao Shunyu chief AI scientist",
        "body": "Tencent appointed Yao Shunyu as chief AI scientist. He reports to Martin Lau. The size of his "
        "package is unclear. One source put Tencent's offer at as much as 100 million yuan.",
        "published": "2025-12-17",
        "companies": "Tencent",
        "people": "Yao Shunyu, Martin Lau",
    }
    engine = any_passage_engine(tmp_path, fake_embedder, deitke, yao)
    for question in ("how much does demis hassabis get paid", "how much is demis hassabis paid"):
        refused = engine.answer(question)
        assert not refused.answered and refused.kind is AnswerKind.NOT_FOUND, question
    assert "100 million yuan" in engine.answer("what was yao shunyu's pay package").plain_text()


def test_a_sum_someone_spoke_of_is_not_their_pay(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    altman = {
        "article_id": "2025-06-altman-meta-bonuses",
        "title": "Altman says Meta offered $100 million bonuses",
        "body": "Sam Altman said Meta had offered many OpenAI employees signing bonuses of around $100 million. "
        "Lucas Beyer called the story of a $100 million offer fake news.",
        "published": "2025-06-18",
        "companies": "Meta, OpenAI",
        "people": "Sam Altman, Lucas Beyer",
    }
    guo = {
        "article_id": "2026-03-guo-daya-leaves-deepseek",
        "title": "Guo Daya leaves DeepSeek",
        "body": "Guo Daya, a co-author of DeepSeek's R1 model, has left. Rumours also circulated of an annual "
        "package of about 100 million yuan.",
        "published": "2026-03-20",
        "companies": "DeepSeek",
        "people": "Guo Daya",
    }
    engine = any_passage_engine(tmp_path, fake_embedder, altman, guo)
    refused = engine.answer("how much does sam altman get paid")
    assert not refused.answered and refused.kind is AnswerKind.NOT_FOUND
    # ...nor a sum offered to their people, whatever the word for them
    employees = {
        **altman,
        "article_id": "2025-06-altman-employees",
        "body": "Sam Altman claimed Meta had offered his employees bonuses of around $100 million.",
    }
    (tmp_path / "employees").mkdir()
    alone = any_passage_engine(tmp_path / "employees", fake_embedder, employees)
    assert not alone.answer("how much does sam altman get paid").answered
    # ...but a sum said of no one else, in an article about the person, is theirs
    assert "100 million yuan" in engine.answer("guo daya rumored pay package?").plain_text()


def _answered(tmp_path: Path, embedder: FakeEmbedder, article: dict[str, str], question: str) -> str:
    """The answer to the question over one article, any passage relevant enough ("" when refused)."""
    answer = any_passage_engine(tmp_path, embedder, article).answer(question)
    return answer.plain_text() if answer.answered else ""


def test_a_count_reported_by_a_news_outlet_is_still_the_subjects(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    article = {
        "article_id": "2026-07-deepseek-hiring-drive",
        "title": "DeepSeek launches its biggest hiring drive",
        "body": "DeepSeek published 33 job openings on 25 June. The South China Morning Post reported that the "
        "posting attracted more than 10,000 CVs within hours.",
        "published": "2026-07-01",
        "companies": "DeepSeek, South China Morning Post",
        "people": "",
    }
    assert "10,000 CVs" in _answered(
        tmp_path, fake_embedder, article, "how many cvs did deepseek get after posting jobs"
    )


def test_raises_typed_for_raise_is_still_a_way_of_asking(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    article = {
        "article_id": "2026-07-deepseek-round",
        "title": "DeepSeek closes its first outside round",
        "body": "DeepSeek completed its first outside round, raising about 51 billion yuan. Tencent put in 10 billion yuan.",
        "published": "2026-07-01",
        "companies": "DeepSeek, Tencent",
        "people": "",
    }
    assert "51 billion yuan" in _answered(
        tmp_path, fake_embedder, article, "how much did deepseek raises in the end"
    )


class _Paraphrasing(FakeEmbedder):
    """The fake embedder, reading "quitting" as "leaving" and "say" as "said", as a real model nearly does."""

    def encode(self, texts: list[str]) -> np.ndarray:
        alike = {"quitting": "leaving", "say": "said"}
        return super().encode([" ".join(alike.get(w, w) for w in t.split()) for t in texts])


def test_a_fact_asked_in_other_words_than_a_sentence_nearly_saying_it_is_answered(tmp_path: Path) -> None:
    article = {
        "article_id": "2026-06-jumper-leaves-deepmind",
        "title": "A DeepMind scientist moves on",
        "body": "John Jumper said in June 2026 he is leaving DeepMind. Colleagues praised his protein work and "
        "were sorry to see him quitting.",
        "published": "2026-06-19",
        "people": "John Jumper",
        "companies": "DeepMind",
    }
    engine = any_passage_engine(tmp_path, _Paraphrasing(), article)
    answer = engine.answer("when did john jumper say he is quitting deepmind")
    assert answer.answered and "June 2026" in answer.plain_text()
    # ...but a sentence about something else that carries a date does not answer
    refused = engine.answer("when did john jumper win a prize for his protein work")
    assert not refused.answered


def _article(article_id: str, body: str, companies: str, people: str = "") -> dict[str, str]:
    return {
        "article_id": article_id,
        "title": article_id,
        "body": body,
        "published": "2026-06-01",
        "companies": companies,
        "people": people,
    }


@pytest.mark.parametrize(
    ("article", "question", "expected"),
    [
        pytest.param(
            _article(
                "2026-02-openai-preparedness-hire",
                "OpenAI advertised the post in December 2025 with pay of about $555,000 a year plus equity. "
                "Many job seekers from rival labs applied.",
                "OpenAI",
            ),
            "how much did that openai job pay",
            "$555,000",
            id="a job is the post or role the article says",
        ),
        pytest.param(
            _article(
                "2024-11-alibaba-arbitration",
                "Alibaba has filed a labour-arbitration claim against Zhou Chang. An arbitration case is slow.",
                "Alibaba",
                "Zhou Chang",
            ),
            "who did alibaba take to arbitration",
            "Zhou Chang",
            id="a focus word inside a hyphenated word is said",
        ),
        pytest.param(
            _article(
                "2026-05-spacexai-exodus",
                "More than 50 researchers have left SpaceXAI since February. Staff who quit rarely come back.",
                "SpaceXAI",
            ),
            "how many people have quit spacexai",
            "More than 50",
            id="quitting asked about is leaving said",
        ),
    ],
)
def test_the_fact_asked_is_found_however_the_article_words_what_it_is_about(
    tmp_path: Path, fake_embedder: FakeEmbedder, article: dict[str, str], question: str, expected: str
) -> None:
    assert expected in _answered(tmp_path, fake_embedder, article, question)


def test_a_sum_stated_in_the_headline_is_answered_from_the_sentence_giving_it(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    """The passage found names the programme but gives no figure; the headline says what it pays, and the
    sentence with the figure, further on, only says "the scheme"."""
    directory = tmp_path / "articles"
    directory.mkdir()
    write_article(
        directory,
        article_id="2022-06-huawei-genius-youth",
        title="Huawei's Genius Youth programme pays top graduates up to 2 million yuan a year",
        body="Huawei has hired more than 300 young graduates through its Genius Youth programme, the company "
        "said. The Genius Youth programme hires graduates early and the youth hires develop inside Huawei.\n\n"
        "Pay under the scheme is split into three bands, the top one reaching about 2.01 million yuan a year. "
        "It is reserved for a small number of graduates judged exceptional.",
        published="2022-06-15",
        companies="Huawei",
        people="",
    )
    engine = engine_over(
        directory, tmp_path / "data", fake_embedder, EngineConfig(k=1, thresholds={"hybrid": 0.0})
    )
    answer = engine.answer("how much does huawei pay its genius youth hires")
    assert answer.answered
    assert "2.01 million yuan" in answer.plain_text()


def test_a_sum_written_in_words_answers(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    article = {
        "article_id": "2024-12-xiaomi-courts-luo-fuli",
        "title": "Xiaomi courts Luo Fuli",
        "body": "Xiaomi chief executive Lei Jun tried to recruit Luo Fuli. The reports said Xiaomi had put an "
        "annual salary of around ten million yuan on the table.",
        "published": "2024-12-28",
        "companies": "Xiaomi",
        "people": "Lei Jun, Luo Fuli",
    }
    assert "ten million yuan" in _answered(
        tmp_path, fake_embedder, article, "what salary was lei jun offering luo fuli"
    )


def test_a_sum_said_in_the_best_article_beyond_the_passage_found_is_answered(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    """The passage found talks of engineers' pay with no sum; further on, the article says what a typical
    engineer earns in nearly the question's words."""
    filler = " ".join(
        f"Frontier lab number {n} competes hard for a small elite and offers them stock, cash and compute "
        "in packages that few outside the field have ever seen."
        for n in range(6)
    )
    directory = tmp_path / "articles"
    directory.mkdir()
    write_article(
        directory,
        article_id="2026-05-ai-pay-two-markets",
        title="AI pay splits into two markets",
        body="What does a normal machine-learning engineer at a regular company make? Normal machine-learning "
        f"engineers at regular companies make modest pay. {filler}\n\nA normal engineer at a regular company "
        f"makes roughly $170,000 to $245,000 a year. {filler}",
        published="2026-05-01",
        companies="OpenAI",
        people="",
    )
    engine = engine_over(
        directory, tmp_path / "data", fake_embedder, EngineConfig(k=1, thresholds={"hybrid": 0.0})
    )
    question = "how much does a normal machine-learning engineer at a regular company make"
    q = engine.parse(question)
    found = engine.retrieve(q, fake_embedder.encode([q.text])[0], "hybrid", None)
    assert "$170,000" not in engine.state.data.passage_text(found.hits[0].row)
    answer = engine.answer(question)
    assert answer.answered and "$170,000" in answer.plain_text()


def test_who_leads_a_company_is_not_answered_by_another_companys_leader(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    article = _article(
        "2026-04-anthropic-hires-boyd",
        "Eric Boyd joined Anthropic from Microsoft in April. At Anthropic he takes charge of the systems that "
        "train its models. Zhipu AI began trading in Hong Kong in January, and MiniMax a day later.",
        "Anthropic, Microsoft, Zhipu AI, MiniMax",
        "Eric Boyd",
    )
    for name in "abc":
        (tmp_path / name).mkdir()
    # ...nor by a sentence naming it with another company ("...Zhipu AI began trading..., and MiniMax...")
    assert _answered(tmp_path / "a", fake_embedder, article, "btw who runs zhipu ai") == ""
    assert _answered(tmp_path / "b", fake_embedder, article, "whats the name of zhipu ai's cto") == ""
    body = article["body"].replace("Zhipu AI began", "Zhipu AI, led by Zhang Peng, began")
    led = {**article, "body": body, "people": "Eric Boyd, Zhang Peng"}
    assert "Zhang Peng" in _answered(tmp_path / "c", fake_embedder, led, "btw who runs zhipu ai")
