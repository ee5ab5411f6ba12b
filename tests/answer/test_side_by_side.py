"""One thing asked of two sides ("which licence fee was bigger, X or Y"): a sentence for each side, not the
table of two companies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from answer.engine import Engine, EngineConfig
from answer.kinds.sides import sides
from answer.model import AnswerKind
from answer.query import parse_question
from corpus.entities import EntityIndex
from tests.conftest import FakeEmbedder, engine_of

ENTITIES = EntityIndex(
    people=[], orgs=["Anthropic", "Google DeepMind", "Meta", "Thinking Machines Lab", "SpaceXAI"]
)


def _sides(text: str) -> tuple[str, str] | None:
    found = sides(parse_question(text, ENTITIES, dt.date(2026, 11, 30), set()), ENTITIES)
    return None if found is None else found.texts


@pytest.mark.parametrize(
    ("question", "texts"),
    [
        ("anthropic or deepmind, who keeps staff longer", ("anthropic keeps staff", "deepmind keeps staff")),
        (
            "enterprise ml engineer pay vs frontier lab pay",
            ("enterprise ml engineer pay", "frontier lab pay"),
        ),
        (
            "how many spacexai leavers went to meta vs thinking machines",
            ("how many spacexai leavers went to meta", "how many spacexai leavers went to thinking machines"),
        ),
        ("which seed was bigger, thinking machines or meta", ("thinking machines seed", "meta seed")),
        ("meta vs anthropic", None),  # nothing in particular asked: the table
        ("meta vs anthropic hiring", None),  # what the table shows
        ("compare meta and anthropic", None),
        ("compare meta and anthropic seed rounds", ("meta seed rounds", "anthropic seed rounds")),
        ("compare meta and anthropic on retention", ("meta retention", "anthropic retention")),
        ("did meta or anthropic hire him", None),
        ("who's winning, meta or anthropic", None),
        ("meta v anthropic", None),
        (
            "is anthropic better than meta at keeping people",
            ("anthropic keeping people", "meta keeping people"),
        ),
        ("how do meta and anthropic differ in retention", ("meta retention", "anthropic retention")),
        ("whats the difference between meta and anthropic", None),
        (  # a side is its place, not a company named in what is asked of both
            "germany vs the us on hiring difficulty in anthropic's survey",
            (
                "germany on hiring difficulty in anthropic's survey",
                "the us on hiring difficulty in anthropic's survey",
            ),
        ),
        # a remark weighing two sides, then a question of its own
        ("the meta vs anthropic pay drama confuses me, what did meta's cto claim", None),
        (  # ...or before the first name, and whose figures after the second
            "two year retention anthropic vs meta per spacexai",
            ("two year retention anthropic per spacexai", "two year retention meta per spacexai"),
        ),
        (  # ...but two deals are each a side of their own
            "who paid more, meta for anthropic or spacexai for google deepmind",
            ("meta for anthropic paid", "spacexai for google deepmind paid"),
        ),
        # one subject at two times is no two sides
        ("meta vesting schedule before vs after the pay overhaul", None),
        ("anthropic's retention then vs now", None),
        # an action taken against something is no weighing of two sides
        ("which state is leading the lawsuit against the h1b fee", None),
        # everyone else is no side of its own
        ("was deepseek actually paying better than the big guys or nah", None),
        ("is the $100m signing bonus thing real or nah", None),
        ("meta against anthropic on retention", ("meta on retention", "anthropic on retention")),
        (  # what is asked may come before the sides
            "among top ai researchers, chinese vs american share",
            ("chinese share among top ai researchers", "american share among top ai researchers"),
        ),
    ],
)
def test_the_two_sides_and_what_is_asked_of_both(question: str, texts: tuple[str, str] | None) -> None:
    assert _sides(question) == texts


@pytest.fixture
def engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    deals = (
        (
            "2024-03-microsoft-inflection",
            "Microsoft hires Inflection's founders",
            "Microsoft hired the founders of Inflection AI. Microsoft paid Inflection AI a licence fee of "
            "about $650 million, bigger than analysts expected.",
            "Microsoft, Inflection AI",
        ),
        (
            "2025-07-google-windsurf",
            "Google hires Windsurf's chief executive",
            "Google hired the chief executive of Windsurf. Google is paying Windsurf a licence fee of about "
            "$2.4 billion for its technology.",
            "Google, Windsurf",
        ),
    )
    return engine_of(
        tmp_path,
        fake_embedder,
        *(
            {"article_id": a, "title": t, "body": b, "published": "2025-07-14", "companies": c}
            for a, t, b, c in deals
        ),
    )


def test_each_side_gets_its_own_figure(engine: Engine) -> None:
    answer = engine.answer("microsoft inflection vs google windsurf, which licence fee was bigger")
    assert answer.answered and answer.kind is AnswerKind.EXTRACTIVE
    text = answer.plain_text()
    assert "$650 million" in text and "$2.4 billion" in text
    assert len(answer.sources) == 2


def test_sides_found_on_their_own_answer_when_the_whole_question_matches_weakly(engine: Engine) -> None:
    # "the inflection one or the windsurf one": the whole question matches no passage well, each side does
    answer = engine.answer("which licence fee was bigger, the inflection one or the windsurf one")
    assert answer.answered
    text = answer.plain_text()
    assert "$650 million" in text and "$2.4 billion" in text


@pytest.mark.parametrize(
    "question", ["microsoft vs google", "who's ahead, microsoft or google", "microsoft v google"]
)
def test_two_companies_with_nothing_in_particular_asked_get_the_table(engine: Engine, question: str) -> None:
    assert engine.answer(question).kind is AnswerKind.COMPARE


def test_a_sentence_naming_both_sides_answers_first(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-06-retention-report",
            "title": "A report compares how long AI labs keep their staff",
            "body": "Anthropic kept 80% of its staff for two years. Meta kept 64% of its staff, below Anthropic. "
            "Meta also hired widely that year.",
            "published": "2025-06-03",
            "companies": "Anthropic, Meta",
        },
    )
    answer = engine.answer("anthropic vs meta, who kept staff longer")
    assert answer.kind is AnswerKind.EXTRACTIVE
    assert answer.lines[0].text.startswith("Meta kept 64% of its staff, below Anthropic.")


def _stories_engine(
    tmp_path: Path, fake_embedder: FakeEmbedder, stories: tuple[tuple[str, str, str], ...]
) -> Engine:
    """An engine over one-sentence stories (article id, the one company it lists, body), no threshold."""
    return engine_of(
        tmp_path,
        fake_embedder,
        *(
            {
                "article_id": a,
                "title": f"{c} news",
                "body": b,
                "published": f"{a[:7]}-15",
                "companies": c,
                "people": "",
            }
            for a, c, b in stories
        ),
        config=EngineConfig(thresholds={"hybrid": 0.0}),
    )


def test_each_side_is_searched_in_the_articles_naming_it(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    stories = (
        ("2025-02-deepseek-pay", "DeepSeek", "DeepSeek pays its researchers about 1.5 million yuan a year."),
        ("2025-03-moonshot-hires", "Moonshot AI", "Moonshot AI hired Tan Xu from Microsoft Research Asia."),
        (
            "2025-04-pay-survey",
            "Ravio",
            "Researchers at AI labs are paid about 2 million yuan a year, said Ravio.",
        ),
    )
    engine = _stories_engine(tmp_path, fake_embedder, stories)
    answer = engine.answer("deepseek vs moonshot ai, which pays researchers more")
    cited = {s.article_id for s in answer.sources}
    assert "2025-04-pay-survey" not in cited  # a figure about neither side
    assert cited == {"2025-02-deepseek-pay", "2025-03-moonshot-hires"}


def test_a_name_both_sides_give_still_keeps_each_side_to_its_articles(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    stories = (
        ("2025-12-nvidia-groq-deal", "Groq", "Nvidia paid about $20 billion in its deal with Groq."),
        ("2025-09-groq-round", "Groq", "Groq reached a $6.9 billion valuation in September."),
        (
            "2025-11-seed-options",
            "ByteDance",
            "Seed staff get options valued at 90,000 yuan a few months apart.",
        ),
    )
    engine = _stories_engine(tmp_path, fake_embedder, stories)
    answer = engine.answer("groq's deal with nvidia vs what groq was valued at a few months earlier")
    assert "2025-11-seed-options" not in {s.article_id for s in answer.sources}  # about neither side


def test_sides_naming_no_company_are_found_together_by_their_own_words(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2026-03-shortage-survey",
            "title": "A survey finds AI skills the hardest to hire",
            "body": "Computing engineer supply rose to 20,000 graduates in 2025. Employers said demand grew "
            "by 40% in 2025 across the country. Computing engineers had a supply-demand ratio of 1:7, about seven openings for "
            "each candidate.",
            "published": "2026-03-02",
            "companies": "",
            "people": "",
        },
        config=EngineConfig(thresholds={"hybrid": 0.0}),
    )
    answer = engine.answer("computing engineer supply vs demand, whats the ratio")
    assert answer.lines[0].text.startswith("Computing engineers had a supply-demand ratio of 1:7")


def test_the_sentence_after_one_side_s_figure_answers_the_other_side_like_for_like(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2026-05-two-pay-markets",
            "title": "AI pay splits into two markets",
            "body": "A typical enterprise machine-learning engineer earns about $170,000 in total pay. At the "
            "frontier labs, comparable packages start around $600,000.",
            "published": "2026-05-01",
            "companies": "",
            "people": "",
        },
        {
            "article_id": "2025-07-lab-war-chest",
            "title": "A new lab raises money",
            "body": "A $2 billion war chest lets the lab pay researchers on frontier terms.",
            "published": "2025-07-15",
            "companies": "",
            "people": "",
        },
        config=EngineConfig(thresholds={"hybrid": 0.0}),
    )
    answer = engine.answer("typical enterprise engineer pay vs frontier lab pay")
    text = answer.plain_text()
    assert "$170,000" in text and "$600,000" in text
    assert "war chest" not in text


def test_a_place_written_short_is_found_by_its_full_name() -> None:
    from answer.kinds.side_by_side import _marks, _names_side

    germany, us = _marks(("germany on hiring", "the us on hiring"), [[], []])
    assert _names_side("The United States came in at 69%.", [], [], us)
    assert not _names_side(
        "Germany led, ahead of the United Kingdom at 73%.", [], [], us
    )  # not "united" alone
    assert _names_side("Germany led, ahead of the United Kingdom at 73%.", [], [], germany)


def test_a_place_side_gets_a_sentence_about_that_place(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    survey = {
        "article_id": "2026-03-manpower-survey",
        "title": "ManpowerGroup survey finds AI skills hardest to hire",
        "body": "AI skills are the hardest to find, according to ManpowerGroup's survey on hiring difficulty. "
        "Germany reported the highest rate of hiring difficulty, with 83% of employers struggling. "
        "The United States came in at 69%, just below the global figure.",
        "published": "2026-03-03",
        "companies": "ManpowerGroup",
        "people": "",
    }
    engine = engine_of(tmp_path, fake_embedder, survey, config=EngineConfig(thresholds={"hybrid": 0.0}))
    text = engine.answer("germany vs the us on hiring difficulty in manpowergroup's survey").plain_text()
    assert "83%" in text and "69%" in text
    # ...and asked "how many", each side is still searched on its own, not the question whole
    counted = engine.answer("germany vs the us, how many employers are struggling to hire")
    assert counted.answered and "83%" in counted.plain_text() and "69%" in counted.plain_text()


def test_an_article_naming_a_side_in_its_text_only_is_searched_for_that_side(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    stories = (
        ("2025-02-deepseek-hires", "DeepSeek", "DeepSeek hired three researchers from Peking University."),
        ("2025-03-moonshot-hires", "Moonshot AI", "Moonshot AI hired Tan Xu from Microsoft Research Asia."),
        (  # lists only its author among its companies, but names both sides in its text
            "2025-04-retention-survey",
            "Ravio",
            "DeepSeek kept 90% of its staff for two years. Moonshot AI kept 70% of its staff, said Ravio.",
        ),
    )
    engine = _stories_engine(tmp_path, fake_embedder, stories)
    answer = engine.answer("deepseek vs moonshot ai, which kept more of its staff")
    assert "2025-04-retention-survey" in {s.article_id for s in answer.sources}


def _two_companies(
    tmp_path: Path, fake_embedder: FakeEmbedder, topic: str, stories: dict[str, tuple[str, str]]
) -> Engine:
    """An engine over one story (title, body) per company, about `topic`, no threshold."""
    return engine_of(
        tmp_path,
        fake_embedder,
        *(
            {
                "article_id": f"2025-06-{company.lower()}-{topic}",
                "title": title,
                "body": body,
                "published": "2025-06-14",
                "companies": company,
            }
            for company, (title, body) in stories.items()
        ),
        config=EngineConfig(thresholds={"hybrid": 0.0}),
    )


def test_a_rate_weighed_without_a_word_of_size_still_gets_each_sides_figure(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _two_companies(
        tmp_path,
        fake_embedder,
        "retention",
        {
            "Anthropic": (
                "Anthropic keeps its staff",
                "Anthropic staff retention is the talk of the industry. Anthropic kept 80% of its staff for two "
                "years.",
            ),
            "Meta": (
                "Meta struggles to keep staff",
                "Meta staff retention is the talk of the industry. Meta kept 64% of its staff for two years.",
            ),
        },
    )
    text = engine.answer("anthropic vs meta staff retention").plain_text()
    assert "80%" in text and "64%" in text


def test_deal_sizes_weighed_get_each_sides_figure(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    engine = _two_companies(
        tmp_path,
        fake_embedder,
        "deal",
        {
            "Anthropic": (
                "Anthropic signs a licence deal",
                "Anthropic's deal sizes compare well with any other licence deal, analysts said. Anthropic will "
                "pay about $20 billion under the agreement.",
            ),
            "Meta": (
                "Meta signs a licence deal",
                "Meta's deal sizes compare well with any other licence deal, analysts said. Meta will pay about "
                "$2.4 billion under the agreement.",
            ),
        },
    )
    text = engine.answer("anthropic deal vs meta deal, how do the deal sizes compare").plain_text()
    assert "$20 billion" in text and "$2.4 billion" in text


def test_rates_weighed_get_each_sides_own_share_from_the_survey(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-06-retention-survey",
            "title": "A survey weighs staff retention at the AI labs",
            "body": "Engineers were eight times as likely to move from Meta to Anthropic as the reverse, while "
            "Anthropic kept 80% of its staff for two years. The survey covered the biggest labs. It looked at "
            "engineers who joined in 2022. Google DeepMind was close behind at 78%, while Meta retained 64%.",
            "published": "2025-06-03",
            "companies": "Anthropic, Meta, Google DeepMind",
            "people": "",
        },
        {
            "article_id": "2025-06-meta-scale-stake",
            "title": "Meta buys into Scale AI",
            "body": "The deal gives Meta a 49% stake in Scale AI, whose staff retention was strong.",
            "published": "2025-06-13",
            "companies": "Meta",
            "people": "",
        },
        config=EngineConfig(thresholds={"hybrid": 0.0}),
    )
    text = engine.answer("anthropic vs meta two-year retention").plain_text()
    assert "80%" in text and "Meta retained 64%" in text
    assert "49% stake" not in text  # a share, but Meta's stake, not its retention


def test_deal_sizes_weighed_take_each_sides_own_figure_not_the_other_sides_told_in_its_story(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2026-04-meta-seed-round",
            "title": "Meta's new lab raises a seed round",
            "body": "Seed rounds have grown: Thinking Machines Lab raised $2 billion at a $12 billion valuation. "
            "Investors were keen. Meta's lab has raised $1.1 billion at a $5.1 billion valuation.",
            "published": "2026-04-27",
            "companies": "Meta, Thinking Machines Lab",
            "people": "",
        },
        {
            "article_id": "2025-07-tml-seed-round",
            "title": "Thinking Machines Lab raises a record seed round",
            "body": "Thinking Machines Lab raised $2 billion in a seed round at a $12 billion valuation.",
            "published": "2025-07-15",
            "companies": "Thinking Machines Lab",
            "people": "",
        },
        config=EngineConfig(thresholds={"hybrid": 0.0}),
    )
    answer = engine.answer("compare meta and thinking machines seed round valuations")
    texts = [line.text for line in answer.lines]
    assert any("$5.1 billion" in t for t in texts) and any("$12 billion" in t for t in texts)
