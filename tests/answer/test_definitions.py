"""Definition questions: the term asked about, the ways the corpus writes it, the sentences that explain it."""

from __future__ import annotations

import pytest

from answer.definitions import (
    CLAUSE,
    REFERENCE,
    STRONG,
    DefinitionAsk,
    definition_ask,
    explains,
    names,
    term_pattern,
    titles,
)


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("what is an acquihire?", DefinitionAsk("acquihire")),
        ("what's a reverse acquihire?", DefinitionAsk("reverse acquihire")),
        ("what is the K visa?", DefinitionAsk("K visa")),
        ("what is a non-compete in China?", DefinitionAsk("non-compete", "China")),
        ("define garden leave", DefinitionAsk("garden leave")),
        ("what does licence-and-hire mean?", DefinitionAsk("licence-and-hire")),
        ("What is the meaning of “garden leave”?", DefinitionAsk("garden leave")),
        ("ok so what are noncompetes", DefinitionAsk("noncompetes")),
        ("what is agentic coding", DefinitionAsk("agentic coding")),  # a noun in -ing, not what someone does
        ("what is post-training exactly", DefinitionAsk("post-training")),  # not part of the term
        ("what does poaching mean in tech", DefinitionAsk("poaching")),  # where it means it: not the term
        ("what even is msl", DefinitionAsk("msl")),
        ("what counts as a boomerang hire", DefinitionAsk("boomerang hire")),
        ("what do people mean by poaching", DefinitionAsk("poaching")),
        # where it is asked about, in brackets
        ("whats garden leave (deepmind)", DefinitionAsk("garden leave", "deepmind")),
        ("what is a non-compete (in China)", DefinitionAsk("non-compete", "China")),
        # the term first, then what is asked of it
        ("acquihire = ? never got what it means", DefinitionAsk("acquihire")),
        ("garden leave?? what does that mean", DefinitionAsk("garden leave")),
        ("reverse acquihire meaning", DefinitionAsk("reverse acquihire")),
        ("hart scott rodino act, what is that in plain english", DefinitionAsk("hart scott rodino act")),
        (  # two terms, each explained
            "what's the difference between an acquihire and a reverse acquihire",
            DefinitionAsk("acquihire", other="reverse acquihire"),
        ),
    ],
)
def test_a_definition_question_names_its_term(question: str, ask: DefinitionAsk) -> None:
    assert definition_ask(question) == ask


@pytest.mark.parametrize(
    "question",
    [
        "whats the h1b fee now",
        "What is Meta's share price today?",
        "What is Mistral AI paying researchers?",
        "what is meta planning",
        "What are the latest moves?",
        "What is the difference between a signing bonus and total compensation in Meta's offers?",
        "What's the weather in London tomorrow?",
        "what is this?",
        "What did ByteDance change about pay in December 2025?",
        "what is the best pizza topping?",
        "ok so what does that mean",
        "who is meta? what does that mean",
    ],
)
def test_fact_questions_that_start_like_a_definition_are_not_one(question: str) -> None:
    assert definition_ask(question) is None


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("acquihire", 'such "acqui-hire" structures'),
        ("acquihire", "expensive acqui-hires"),
        ("non-compete", "noncompete agreements"),
        ("K visa", 'a new "K" visa category'),
        ("licence-and-hire", "a hire-and-license package"),
        ("garden leave", "paid garden leave"),
    ],
)
def test_a_term_is_found_however_the_corpus_writes_it(term: str, text: str) -> None:
    assert names(term_pattern(term), text)


def test_a_term_is_not_found_inside_other_words() -> None:
    assert not names(term_pattern("acquihire"), "Meta acquired a stake and hired its founder.")
    assert not names(term_pattern("K visa"), "Visa rules in Hong Kong visa centres")


@pytest.mark.parametrize(
    ("sentence", "strength"),
    [
        ("An acqui-hire is a deal in which a company hires a start-up's team.", (STRONG, False)),
        ('Staff may be placed on paid "garden leave": still employed but not working.', (STRONG, False)),
        ("Garden leave, a period of paid absence, keeps staff away from rivals.", (STRONG, False)),
        ("Firms use a practice known as garden leave.", (STRONG, False)),
        ("Meta formed a group called Meta Superintelligence Labs (MSL) in June.", (STRONG, False)),
        ("One part of MSL was left untouched by the cuts.", (0.0, False)),
        ("Tencent launched a new garden leave scheme in October.", (CLAUSE, False)),
        ("Staff sign noncompete agreements that keep them out of rival labs.", (CLAUSE, False)),
        ('China created a new "K" visa category designed to attract young scientists.', (CLAUSE, False)),
        ('That makes it harder to argue that such "acqui-hire" structures escape review.', (REFERENCE, True)),
        ("Google DeepMind has used noncompete agreements for some UK staff.", (0.0, False)),
        ("The noncompete is reported to be unenforceable.", (0.0, False)),
    ],
)
def test_how_strongly_a_sentence_explains_a_term(sentence: str, strength: tuple[float, bool]) -> None:
    low = sentence.lower()
    term = "acquihire" if "acqui" in low else "garden leave" if "garden" in low else "noncompete"
    term = "K visa" if "visa" in sentence else "MSL" if "MSL" in sentence else term
    assert explains(sentence, term_pattern(term)) == strength


@pytest.mark.parametrize(
    ("sentence", "term", "strength"),
    [
        (
            'The White House opened the "Gold Card" on 10 December 2025, a residence programme.',
            "gold card",
            (STRONG, False),
        ),
        (
            'The share of these so-called "boomerang" hires was much higher than before.',
            "boomerang hire",
            (REFERENCE, True),
        ),
        ("Boomerang hires were much higher in 2025.", "boomerang hire", (STRONG, False)),
        (  # what a law requires says what it is
            "Under the Hart-Scott-Rodino Act, large acquisitions must be notified to regulators.",
            "hart-scott-rodino act",
            (CLAUSE, False),
        ),
        ("Deals like this one fall under the Hart-Scott-Rodino Act.", "hart-scott-rodino act", (0.0, False)),
        (  # set off by dashes
            "Next came AI literacy — the ability to use AI tools well in ordinary jobs — at 19%.",
            "ai literacy",
            (STRONG, False),
        ),
        ("AI literacy — at 19% — came second.", "ai literacy", (0.0, False)),
    ],
)
def test_an_appositive_after_a_date_explains_and_so_called_points_back(
    sentence: str, term: str, strength: tuple[float, bool]
) -> None:
    assert explains(sentence, term_pattern(term)) == strength


def test_a_title_naming_the_term_as_a_programme_is_about_it() -> None:
    pattern = term_pattern("genius youth")
    assert titles("Huawei's Genius Youth programme pays top graduates up to 2 million yuan", pattern)
    assert not titles("Genius Youth graduates leave Huawei", pattern)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("what's a non-compete in china", DefinitionAsk("non-compete", "china")),
        ("what is a non-compete in China?", DefinitionAsk("non-compete", "China")),
        ("what's the PTO policy at google", None),  # no place: not a term of the articles qualified by one
    ],
)
def test_a_term_asked_about_in_a_country_typed_in_lower_case(
    question: str, asked: DefinitionAsk | None
) -> None:
    assert definition_ask(question) == asked
