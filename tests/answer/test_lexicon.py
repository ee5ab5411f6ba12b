"""Words a question asks with that the articles never use: the question asks about something they do not
cover, even when typed in lower case, while typos, chat words and amounts are no such words."""

from __future__ import annotations

import numpy as np
import pytest

from answer.engine import Engine
from answer.lexicon import Lexicon
from answer.model import AnswerKind
from answer.typos import one_edit

LEXICON = Lexicon(
    {
        "meta",
        "apple",
        "hired",
        "registrations",
        "company",
        "where",
        "salaries",
        "h-1b",
        "fee",
        "stock",
        "elon",
        "musk",
        "pay",
        "nvidia",
        "fiscal",
        "year",
        "timeline",
        "postdoctoral",
    }
)


@pytest.mark.parametrize(
    ("text", "unfamiliar"),
    [
        ("how tall is elon musk", ("tall",)),
        ("what's meta's stock ticker", ("ticker",)),
        ("how much does perplexity pay", ("perplexity",)),
        ("how much does an nvidia h100 cost", ("h100", "cost")),
        # other forms, misspellings, chat words, amounts and periods are known
        ("h1b regstrations fell by how much", ("fell",)),
        ("wher did the compnay hire", ()),
        ("whats the h1b fee rn lol", ()),
        ("did meta offer 100m in fy2027", ("offer",)),
        ("meta vs apple salary timeline pls", ()),
        ("who hired whom in R&D, btw?", ()),
        ("wtf, who else did the guy at meta hire", ()),  # chat fillers
        ("who are the hirers at meta", ()),  # those who hire: "hired" is known
        # words naming the kind of answer asked are no topic
        ("what was the rationale for meta's pay, and its impact really", ()),
        ("how long are postdoc posts", ("long", "posts")),  # "postdoc" is "postdoctoral" cut short
        ("meta's stock post", ("post",)),  # too short to be cut from "postdoctoral"
        ("how long do the postdocs last", ("long", "last")),  # ...and its plural
        ("list em, smth like that", ()),  # chat for "them", "something"
        ("which skill slid to 7th", ("skill", "slid")),  # a rank is known as a number is
        ("who did meta hire via the deal", ("deal",)),  # "via": how, not what
        ("meta's fee timeline: 12 to 6 to zero, a dozen or a couple", ()),  # numbers written out are no topic
    ],
)
def test_words_the_articles_never_use(text: str, unfamiliar: tuple[str, ...]) -> None:
    assert LEXICON.unfamiliar(text) == unfamiliar


def test_a_word_spelt_right_is_no_slip_of_another_the_articles_use() -> None:
    lexicon = Lexicon({"strike", "pay", "engineers", "doing", "karpathy"})
    # "stripe" is a company the articles never name, not "strike" mistyped
    assert lexicon.unfamiliar("what does stripe pay engineers") == ("stripe",)
    assert lexicon.unfamiliar("what does strke pay engineers") == ()  # a slip of "strike"
    assert lexicon.unfamiliar("wat is karpathy doin") == ()  # the g dropped, as people type


def test_a_visa_the_articles_never_name_is_unfamiliar_though_its_parts_are_short() -> None:
    lexicon = Lexicon({"h-1b", "visa", "fee", "top"})
    assert lexicon.unfamiliar("is the eb-5 visa fee like the h-1b one") == ("eb-5",)
    assert lexicon.unfamiliar("top-10 visa") == ()


def test_a_short_word_is_a_typo_of_a_name_only_one_slip_away() -> None:
    assert one_edit("davd", "david") and one_edit("mtea", "meta") and one_edit("aple", "apple")
    assert not one_edit("joke", "joel") and not one_edit("meta", "meta")


@pytest.mark.parametrize(
    ("question", "kind", "reason"),
    [
        # a moves question naming an unknown company in lower case: refused before any list
        ("who did amazon hire from apple", AnswerKind.UNKNOWN_NAME, "I have no articles about amazon"),
    ],
)
def test_unfamiliar_words_are_refused_plainly(
    small_engine: Engine, question: str, kind: AnswerKind, reason: str
) -> None:
    answer = small_engine.answer(question)
    assert not answer.answered and answer.kind is kind
    assert answer.intro.startswith(reason)


def test_a_word_the_articles_never_use_is_refused_though_the_names_match(small_engine: Engine) -> None:
    small_engine.use_thresholds({"hybrid": 0.0})  # whatever the search finds is relevant enough
    assert small_engine.answer("what did Ruoming Pang do at Apple").answered
    answer = small_engine.answer("how tall is Ruoming Pang")
    assert not answer.answered and answer.kind is AnswerKind.UNKNOWN_NAME
    assert answer.intro == "None of my articles mention “tall”, so I can't answer that."


def test_an_everyday_word_that_is_only_a_way_of_asking_is_no_reason_to_refuse(small_engine: Engine) -> None:
    # "roughly" is everyday English the articles never use, and the question asks for an amount: answered as
    # it would be without the word, though the search is barely relevant enough
    question = "how many qualified workers does china have for every five ai jobs, roughly"
    q = small_engine.parse(question)
    vector = np.asarray(small_engine.embedder.encode([q.text]), dtype=np.float32)[0]
    score = small_engine.retrieve(q, vector, "hybrid", small_engine.search_scope(q)).score
    small_engine.use_thresholds({"hybrid": score - 0.01})
    assert q.unfamiliar == ("roughly",)
    assert small_engine.answer(question).answered


def test_which_company_asks_for_a_company_and_names_none(small_engine: Engine) -> None:
    answer = small_engine.answer("which company did Ruoming Pang join")
    assert answer.answered


def test_everyday_words_of_the_news_the_tokenizer_lacks_are_a_way_of_asking(small_engine: Engine) -> None:
    from answer.kinds.unknown_name import EVERYDAY_WORD_MARGIN, margin

    q = small_engine.parse("why could meta hiring from apple backfire on its researchers")
    assert q.unfamiliar == ("backfire",)
    assert margin(q) == EVERYDAY_WORD_MARGIN  # asked as any other why-question, not as about "backfire"
