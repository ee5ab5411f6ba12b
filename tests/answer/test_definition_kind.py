"""The definition kind on a small corpus: a term explained and illustrated, each line cited; a term the
articles never explain refused plainly."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.config import EngineConfig
from answer.engine import Engine
from answer.model import AnswerKind
from tests.conftest import FakeEmbedder, engine_of, engine_over

ARTICLES = {
    "2025-07-explainer-licence-and-hire": (
        "Explainer: why big tech hires founders instead of buying start-ups",
        "[acquihire, startups]",
        "[Microsoft, Inflection AI]",
        "The pattern has become a defining tactic of the AI talent war. The template is simple. The big company "
        "licenses the start-up's technology and hires its founders and researchers. In March 2024 Microsoft "
        "paid Inflection AI about $650 million for a licence and hired its two founders.",
    ),
    "2025-04-deepmind-garden-leave": (
        "Google DeepMind keeps staff from rivals with noncompetes",
        "[google, retention]",
        "[Google DeepMind]",
        "Google DeepMind asks some UK staff to sign noncompete agreements that keep them out of rival labs for "
        'six to twelve months. During that time staff may be placed on paid "garden leave": still employed and '
        "paid, but not free to join a competitor.",
    ),
    "2024-11-alibaba-zhou-chang": (
        "Alibaba takes Zhou Chang to arbitration",
        "[alibaba, china]",
        "[Alibaba, ByteDance]",
        "Alibaba filed a claim against Zhou Chang in November 2024, accusing him of breaking his non-compete "
        "agreement after he joined ByteDance in China.",
    ),
    "2023-08-china-qiming": (
        "China revives talent recruitment under the Qiming programme",
        "[china]",
        "[MIIT]",
        "The programme, called Qiming, is run by the Ministry of Industry and Information Technology and recruits "
        "scientists from abroad.",
    ),
    "2025-08-china-k-visa": (
        "China creates K visa for young scientists",
        "[china, visas]",
        "[State Council]",
        'China is introducing a new "K" visa category designed to attract young foreign scientists. The '
        "visa takes effect on 1 October 2025.",
    ),
}


def _write(directory: Path, article_id: str, title: str, tags: str, companies: str, body: str) -> None:
    front = (
        f'---\nid: {article_id}\ntitle: "{title}"\npublisher: Example News\nurl: https://example.com/{article_id}\n'
        f"published: {article_id[:7]}-15\ntags: {tags}\ncompanies: {companies}\npeople: []\n---\n"
    )
    (directory / f"{article_id}.md").write_text(front + body + "\n", encoding="utf-8")


@pytest.fixture
def engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for article_id, fields in ARTICLES.items():
        _write(corpus, article_id, *fields)
    return engine_over(corpus, tmp_path / "data", fake_embedder)


def test_a_term_only_tagged_is_explained_by_its_explainer_with_an_example_deal(engine: Engine) -> None:
    answer = engine.answer("what is an acquihire?")
    assert answer.answered and answer.kind is AnswerKind.DEFINITION
    text = answer.plain_text()
    assert "licenses the start-up's technology and hires its founders" in text
    assert "$650 million" in text
    assert all(line.citations for line in answer.lines)
    assert [s.article_id for s in answer.sources] == ["2025-07-explainer-licence-and-hire"]


def test_a_colon_explains_garden_leave(engine: Engine) -> None:
    answer = engine.answer("define garden leave")
    assert answer.kind is AnswerKind.DEFINITION
    assert "still employed and paid, but not free to join a competitor" in answer.lines[0].text


def test_the_difference_between_two_terms_explains_each(engine: Engine) -> None:
    answer = engine.answer("what's the difference between a noncompete and garden leave")
    assert answer.kind is AnswerKind.DEFINITION
    text = answer.plain_text()
    assert "noncompete agreements that keep them out of rival labs" in text
    assert "still employed and paid, but not free to join a competitor" in text


def test_a_one_letter_name_in_a_term_is_not_an_unknown_name(engine: Engine) -> None:
    answer = engine.answer("what is the K visa?")
    assert answer.answered and answer.kind is AnswerKind.DEFINITION
    assert "designed to attract young foreign scientists" in answer.plain_text()


def test_a_place_in_the_question_brings_an_example_from_there(engine: Engine) -> None:
    answer = engine.answer("what is a non-compete in China?")
    text = answer.plain_text()
    assert "keep them out of rival labs" in text  # what a non-compete is, from the UK story
    assert "Zhou Chang" in text  # and the case in China
    assert len(answer.sources) == 2


def test_a_term_known_only_without_its_modifier_says_so(engine: Engine) -> None:
    answer = engine.answer("what's a reverse acquihire?")
    assert answer.answered
    assert answer.intro.startswith("My articles don't use the term “reverse acquihire”")
    assert "hires its founders" in answer.plain_text()


def test_a_term_the_articles_never_explain_is_refused_plainly(engine: Engine) -> None:
    answer = engine.answer("what is a golden parachute?")
    assert not answer.answered and not answer.lines
    assert answer.intro == "My articles don't explain what “golden parachute” means."
    named = engine.answer("What is Xyzcorp?")
    assert not named.answered and named.kind is AnswerKind.UNKNOWN_NAME


def test_a_term_named_first_then_what_is_that_is_explained_or_searched(engine: Engine) -> None:
    explained = engine.answer("garden leave, what is that in plain english")
    assert explained.kind is AnswerKind.DEFINITION and "garden leave" in explained.plain_text()
    # ...a thing the articles talk of but never explain is searched for, not refused
    searched = engine.answer("the zhou chang claim, what is that")
    assert searched.answered and searched.kind is not AnswerKind.DEFINITION


def test_a_company_name_is_left_to_the_other_kinds(engine: Engine) -> None:
    assert engine.answer("what is Inflection AI?").kind is not AnswerKind.DEFINITION


def test_a_programme_is_explained_by_the_sentence_that_names_it(engine: Engine) -> None:
    answer = engine.answer("what is the qiming programme")
    assert answer.kind is AnswerKind.DEFINITION
    assert answer.lines[0].text.startswith("The programme, called Qiming, is run by the Ministry")


def test_what_a_person_has_typed_without_its_apostrophe_is_no_term(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    song = {
        "article_id": "2026-06-meta-hires-dawn-song",
        "title": "Meta hires Dawn Song",
        "body": "Dawn Song, a Berkeley professor with a background in AI security, joins Meta.",
        "published": "2026-06-25",
        "companies": "Meta",
        "people": "Dawn Song",
    }
    engine = engine_of(tmp_path, fake_embedder, song, config=EngineConfig(thresholds={"hybrid": 0.0}))
    answer = engine.answer("whats dawn songs background")
    assert answer.kind is not AnswerKind.DEFINITION and "Berkeley" in answer.plain_text()
