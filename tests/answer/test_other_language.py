"""A question in another language gets a reply that the bot reads and answers in English, with an example."""

from __future__ import annotations

import pytest

from answer.engine import Engine
from answer.kinds.other_language import UNKNOWN, detect
from answer.model import AnswerKind


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("¿Quién contrató Meta?", "Spanish"),
        ("¿Por qué hay escasez de talento en China?", "Spanish"),
        ("Qui a quitté OpenAI ?", "French"),
        ("Combien Meta paie-t-il ses chercheurs ?", "French"),
        ("Wer hat OpenAI verlassen?", "German"),
        ("Was hat Meta bezahlt?", "German"),
        ("Quem saiu da OpenAI?", "Portuguese"),
        ("Quanto guadagna un ricercatore?", "Italian"),
        ("Chi ha lasciato OpenAI?", "Italian"),
        ("谁离开了OpenAI？", "Chinese"),
        ("字节跳动从阿里巴巴挖了谁", "Chinese"),
        ("OpenAIを辞めたのは誰ですか？", "Japanese"),
        ("누가 OpenAI를 떠났나요?", "Korean"),
        ("Кто ушёл из OpenAI?", "Russian"),
        ("من غادر OpenAI؟", "Arabic"),
        ("Хто пішов з OpenAI?", UNKNOWN),  # Ukrainian: not answered in Russian
        ("Ποιος έφυγε από την OpenAI;", UNKNOWN),
    ],
)
def test_other_languages_are_recognised(question: str, language: str) -> None:
    assert detect(question) == language


@pytest.mark.parametrize(
    "question",
    [
        "who did Meta hire from Apple?",
        "Who is Jürgen Schmidhuber?",
        "Where did José Martínez go?",
        "Where did Lisa de la Cruz go?",
        "Lisa de la Cruz?",
        "Who is 梁文锋?",
        "who left 字节跳动?",
        "What did Сергей Брин say?",
        "Was Yann LeCun at Meta?",
        "What was Meta's offer to Matt Deitke?",
        "Why did Meta pay so much per researcher?",
        "is Meta's café culture a perk?",
        "ok so why is china short on ai ppl",
        "latest moves",
        "Meta o OpenAI?",
        "meta scale ai deal??",  # "ai" is Italian too: one such word is not enough
        "tencent chief ai scientist?",
        "UN report on AI talent?",
        "xiaomi ai hiring timeline",  # "ai" opens many Italian questions, but it is English here
    ],
)
def test_english_with_foreign_names_stays_english(question: str) -> None:
    assert detect(question) is None


def test_words_of_the_articles_count_as_english() -> None:
    assert detect("chi ha lasciato qwen", vocabulary={"qwen"}) == "Italian"
    assert detect("meta ai researcher pay cuts", vocabulary={"researcher", "cuts"}) is None


def test_the_reply_is_in_english_and_in_their_language_with_an_example(small_engine: Engine) -> None:
    answer = small_engine.answer("¿Quién contrató Meta?")
    assert answer.kind is AnswerKind.OTHER_LANGUAGE and not answer.answered
    assert answer.intro.startswith("I read English news and answer in English")
    assert "“Who did Meta hire?”" in answer.intro
    assert answer.lines[0].text.startswith("Leo noticias en inglés y respondo en inglés.")
    assert not answer.sources and "couldn't find" not in answer.plain_text()


def test_a_name_glued_to_chinese_is_still_found_for_the_example(small_engine: Engine) -> None:
    answer = small_engine.answer("谁离开了Moonshot AI？")
    assert answer.kind is AnswerKind.OTHER_LANGUAGE
    assert "“Who left Moonshot AI?”" in answer.intro
    assert answer.lines[0].text.startswith("我阅读英文新闻")


@pytest.mark.parametrize(
    "question",
    [
        "Wie viel hat Meta in Scale AI investiert?",  # read as typed: the speller makes "viel" "veil"
        "hoeveel verdient een onderzoeker bij meta",  # no function word listed, but no English word either
    ],
)
def test_a_question_in_another_language_is_recognised_as_typed(small_engine: Engine, question: str) -> None:
    answer = small_engine.answer(question)
    assert answer.kind is AnswerKind.OTHER_LANGUAGE and "“Who did Meta hire?”" in answer.intro


def test_misspelt_english_is_still_english() -> None:
    assert detect("hwo mcuh dose pya", ()) is None
    # ...a name misspelt with "de" in it, asked with a contraction
    assert detect("nando de fretias, who's that", [(0, 5)]) is None


def test_an_unknown_language_gets_the_english_reply_only(small_engine: Engine) -> None:
    answer = small_engine.answer("Ποιος έφυγε από την Meta;")
    assert answer.kind is AnswerKind.OTHER_LANGUAGE and not answer.lines
    assert "“Who did Meta hire?”" in answer.intro


def test_english_questions_with_accents_are_answered(small_engine: Engine) -> None:
    answer = small_engine.answer("Where did Ruoming Pang go, José?")
    assert answer.kind is not AnswerKind.OTHER_LANGUAGE and answer.answered
    assert "Ruoming Pang" in answer.plain_text()
