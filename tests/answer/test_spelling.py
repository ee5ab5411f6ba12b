"""Misspelt ordinary words are read as the words meant; names, chat spellings and known words are left alone."""

from __future__ import annotations

import re

import pytest

from answer.engine import Engine
from answer.slips import likely_slip
from answer.spelling import Speller
from answer.typed_names import typed_as_name
from answer.typos import TypoFixer
from corpus.text import words

ARTICLES = (
    "Meta named Shengjia Zhao chief scientist of Meta Superintelligence Labs in July 2025. "
    "DeepSeek employs about 160 people, and its researchers are paid well. Regulators probed acqui-hire "
    "deals in October. Registrations for the H-1B lottery fell. Zhou Hao runs Qwen post-training. Its "
    "retention rate is high."
)


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(words(ARTICLES), names={"meta", "deepseek", "shengjia", "zhao", "october"})


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("who is the chief scirntist of msl", "who is the chief scientist of msl"),
        ("how many peope work at deepseek", "how many people work at deepseek"),
        ("why did regulators look at acqiihire", "why did regulators look at acqui-hire"),
        ("h1b regiistratons fell how much", "h1b registrations fell how much"),
        ("how well are they paed", "how well are they paid"),  # a short word: one letter off the articles
        ("Who joined Meta in Octobeer 2025?", "Who joined Meta in October 2025?"),  # keeps its capital
        # a prefix typed apart from its word, as the articles join them
        ("who is the qwen post trainng head", "who is the qwen post-training head"),
        ("Post training at qwen", "Post-training at qwen"),
    ],
)
def test_misspelt_words_are_read_as_the_words_meant(speller: Speller, typed: str, meant: str) -> None:
    assert speller.fix(typed) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "who did Figma hire from Meta?",  # a name typed with a capital becomes no English word ("sigma")
        "how many gpus does deepseek own",  # a short word no article uses is not "opus"
        "who did MiniMax hire from SenseTime?",  # written as its owner writes it
        "lmao gonna ask: hirings at deepseek",  # chat spellings and other forms of known words
        "been away haha, bruh what did deepseek post",  # laughs are chat, not "baha"
        "wat r ppl paid",  # too short to tell a typo from chat
        "Why did DeepSeek hire them?",
        "is deepseek rehiring its researchers",  # a known word behind a prefix is no typo ("retiring")
    ],
)
def test_names_chat_and_known_words_are_left_as_typed(speller: Speller, typed: str) -> None:
    assert speller.fix(typed) == typed


def test_the_articles_words_are_preferred_to_other_english(speller: Speller) -> None:
    # "probde" is as close to "probe" and "probes" as to "probed": the articles say "probed"
    assert speller.correction("probde") == "probed"


def test_a_question_with_typos_is_answered_not_refused(small_engine: Engine) -> None:
    clean = small_engine.answer("who did meta hire from apple")
    typed = small_engine.answer("who did meta hier from aplpe")
    assert typed.answered and typed.kind == clean.kind
    assert [line.text for line in typed.lines] == [line.text for line in clean.lines]


def test_chat_around_a_question_is_not_read_as_part_of_it(small_engine: Engine) -> None:
    clean = small_engine.answer("who did meta hire from apple")
    for typed in (
        "ok so who did meta hire from apple lol",
        "hmm who did meta hire from apple pls",
        "bruh who did meta hire from apple or nah",
        "wait who did meta hire from apple huh",
    ):
        chatty = small_engine.answer(typed)
        assert chatty.answered and [line.text for line in chatty.lines] == [line.text for line in clean.lines]
    assert small_engine.answer("hey").kind == "greeting"  # a greeting alone is still one
    # ...chat misspelt too, once respelt
    assert (
        small_engine.parse("quikc one, who did meta hire from apple").text == "who did meta hire from apple"
    )


def test_of_two_words_as_close_the_one_a_slip_of_the_finger_explains_is_meant() -> None:
    speller = Speller(["stated"] * 50 + ["started", "coached"] * 2 + ["poached"])
    assert speller.correction("strted") == "started"  # a letter left out, though "stated" is more frequent
    assert speller.correction("poaxhed") == "poached"  # x is next to c; p is nowhere near c


def test_a_word_is_read_as_the_articles_spell_it_on_their_side_of_the_atlantic() -> None:
    speller = Speller(words("Huawei's Genius Youth programme and the licence deal; labour shortages."))
    assert speller.fix("what is the genius youth program") == "what is the genius youth programme"
    assert speller.fix("labor shortage") == "labour shortage"
    assert speller.fix("for the program of work") == "for the programme of work"  # "for" is no "four"


def test_a_term_the_articles_hyphenate_is_written_with_its_hyphen() -> None:
    speller = Speller(
        words("The FTC looks at acqui-hires; each acqui-hire hires a start-up's staff, a startup.")
    )
    assert speller.fix("why do companies do acquihires") == "why do companies do acqui-hires"
    assert speller.fix("what is an acquihire") == "what is an acqui-hire"
    assert speller.fix("which startup") == "which startup"  # written both ways: as typed


@pytest.mark.parametrize(
    "typed",
    ["who did anysphere hire", "who left sensetime", "sensetime ceo", "how much does sakana pay"],
)
def test_a_company_the_articles_never_name_is_not_read_as_a_word_they_use(typed: str) -> None:
    speller = Speller(
        words("Staff anywhere are sensitive to pay; a banana; Apple hired them."), names={"apple"}
    )
    assert speller.fix(typed) == typed


def test_two_letters_off_an_english_word_the_articles_lack_is_a_typo_only_when_fingers_explain_it(
    speller: Speller,
) -> None:
    # "sakana" is two keys away from "banana" nowhere near each other: a name the articles lack, as typed
    assert speller.fix("sakana ai valuation") == "sakana ai valuation"
    assert speller.fix("best carbonara recipe") == "best carbonara recipe"
    # ...but a letter dropped and another typed twice, or two neighbouring keys hit, are slips
    assert speller.fix("did he apogize to them") == "did he apologize to them"
    assert speller.fix("did he start somthinng") == "did he start something"


def test_a_misspelt_company_is_read_as_the_name_the_articles_give() -> None:
    speller = Speller(words("Apple hired them."), names={"apple"})
    assert speller.fix("who did aplpe hire") == "who did apple hire"


def test_a_rare_english_word_two_swapped_letters_from_a_common_word_of_the_articles_is_that_word() -> None:
    speller = Speller(["join", "joined", "tried"] * 10 + ["anthropic"])
    assert speller.fix("when did karpathy joni anthropic") == "when did karpathy join anthropic"
    assert speller.fix("why are researchers tired") == "why are researchers tired"  # common English, meant
    assert speller.fix("Joni Mitchell") == "Joni Mitchell"  # typed as a name


def test_a_letter_typed_twice_where_a_company_would_stand_is_still_a_slip() -> None:
    speller = Speller(
        words("Boomerang hires are back: Google rehires its boomerang staff. Cohere hires too.")
    )
    # "boommerang hire" stands where a company would ("X hire"), but without the doubled letter it is a word
    assert speller.fix("what does boommerang hire mean") == "what does boomerang hire mean"
    assert speller.fix("who did anysphere hire") == "who did anysphere hire"  # an unknown company stays


def test_a_name_typed_apart_and_misspelt_is_one_name_once_spelt_right() -> None:
    speller = Speller(words("SignalFire sent a signal about the fire at OpenAI."))
    fixer = TypoFixer({"signalfire", "openai"}, {"sent", "signal", "about", "the", "fire", "at"})
    assert fixer.joined(speller.fix("what did signaal fire find")) == "what did signalfire find"


def test_a_short_slip_into_a_common_english_word_is_that_word() -> None:
    speller = Speller(words("Meta hired researchers from Apple."))
    assert speller.fix("the h1b fee thibg") == "the h1b fee thing"  # no word at all; "b" is next to "n"
    assert speller.fix("google rehires its exes") == "google rehires its exes"  # a word, as typed


def test_a_word_known_only_as_another_words_form_may_be_a_slip_of_a_word_the_articles_use() -> None:
    speller = Speller(words("ByteDance hires researchers. DeepSeek raises money from investors."))
    assert speller.fix("bytedance hies from alibaba") == "bytedance hires from alibaba"  # not "hie"
    assert speller.fix("how much did deepseek raies") == "how much did deepseek raises"


def test_a_common_english_word_the_model_splits_into_pieces_is_still_a_word_meant() -> None:
    speller = Speller(words("Meta hired researchers from OpenAI."))  # the articles never write "poached"
    assert speller.fix("who pocahed the most researchers") == "who poached the most researchers"
    # ...but a word is not a slip of its own plural
    assert speller.fix("a good dumpling recipe") != "a good dumplings recipe"


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("who has pocahed the most people", "pocahed", False),  # a participle after "has"
        ("which researchers has mistral hired", "mistral", True),  # where a company stands
        ("did anysphere hire anyone", "anysphere", True),
    ],
)
def test_a_word_ending_in_ed_after_has_is_a_participle_not_a_name(text: str, word: str, name: bool) -> None:
    match = re.search(rf"\b{word}\b", text)
    assert match is not None and typed_as_name(text, match) is name


def test_a_rare_word_typed_where_a_name_goes_one_slip_from_a_name_of_the_articles_is_that_name() -> None:
    speller = Speller(words("Apple and China. " * 5 + "Meta hired them."), names={"apple", "china", "meta"})
    assert (
        speller.fix("Who did Meta hire from Appel?") == "Who did Meta hire from Apple?"
    )  # two letters swapped
    assert speller.fix("how are salaries in Chiba") == "how are salaries in China"  # b is next to n
    assert speller.fix("who left Mistral") == "who left Mistral"  # a name the articles lack stays


def test_a_long_word_typed_with_a_capital_is_a_slip_of_the_articles_word() -> None:
    speller = Speller(words(ARTICLES + " The Qingyun scholarship pays well."), names={"meta", "qingyun"})
    assert (
        speller.fix("Who is the chief scientist of Meta Superibtelligence Labs?")
        == "Who is the chief scientist of Meta Superintelligence Labs?"
    )
    assert speller.fix("What is the Qingyun Scholasrhip worth?") == "What is the Qingyun Scholarship worth?"


def test_a_slip_that_leaves_a_prefix_and_a_word_is_still_a_slip() -> None:
    speller = Speller(words("The fee applies to new petitions."))
    assert (
        speller.fix("when does the h1b fee expries") == "when does the h1b fee expires"
    )  # not "ex" + "pries"
    assert speller.fix("why is meta rehiring") == "why is meta rehiring"  # a real prefix
    written = Speller(words("Retention is high. " * 5 + "Anthropic keeps its staff."))
    # not "re" and "tension"
    assert written.fix("two year retension at anthropic") == "two year retention at anthropic"


def test_a_key_held_too_long_is_the_word_without_the_letter_it_doubled() -> None:
    speller = Speller(words(ARTICLES))
    assert speller.fix("whaats an acquihire") == "whats an acqui-hire"  # "whats", not "what"


def test_a_corrected_word_is_written_as_the_articles_write_it() -> None:
    speller = Speller(words("Mira Murati launched her start-up in February."))
    assert speller.fix("when did mira launch her srartup") == "when did mira launch her start-up"


def test_a_short_slip_into_an_english_word_the_frequency_list_lacks_is_that_word() -> None:
    speller = Speller(words("Meta hired researchers from Apple."))
    assert speller.fix("is that just a rmuor") == "is that just a rumor"


def test_a_short_slip_of_an_english_word_written_far_more_often_than_the_articles_word_is_it() -> None:
    speller = Speller(["relay"] * 3 + ["move", "meta"])
    assert speller.fix("did he realy move to meta") == "did he really move to meta"  # not "relay"
    assert speller.fix("a relya of the news") == "a relay of the news"


@pytest.mark.parametrize(
    ("typed", "garbled"),
    [
        ("regustrations", True),  # a slip of a word the articles use
        ("opmai", True),  # two slips of one they use often ("openai")
        ("whsts", True),  # a slip of chat ("whats")
        ("leles", True),  # two slips of a word English writes very often ("levels")
        ("baidu", False),  # a name the articles lack: no slip of "baird" (a swap is both letters)
        ("mistral", False),  # an English word, however rare
        ("anysphere", False),
    ],
)
def test_a_word_no_one_writes_that_slips_make_of_a_known_one_is_garbled(typed: str, garbled: bool) -> None:
    speller = Speller(["registrations", "openai"] * 10 + words(ARTICLES))
    assert speller.garbled(typed) is garbled


def test_two_letters_swapped_are_both_swapped() -> None:
    assert likely_slip("baird", "baidr") and not likely_slip("baidu", "baird")


def test_a_long_word_one_slip_from_a_less_common_english_word_is_that_word(speller: Speller) -> None:
    assert (
        speller.fix("how does it stop staff defrcting to rivals")
        == "how does it stop staff defecting to rivals"
    )
    assert speller.fix("musk apologizig to people") == "musk apologizing to people"


def test_the_word_after_a_first_name_the_articles_never_use_is_the_rest_of_the_name() -> None:
    speller = Speller(words("The model was trained by Meta. A model of hiring."))
    # "amodei" is not a misspelt "model" after "dario", a name no article uses
    assert (
        speller.fix("what has dario amodei said about poaching")
        == "what has dario amodei said about poaching"
    )
    # ...but after an everyday word it is corrected as before
    assert speller.fix("which modle did meta train") == "which model did meta train"


def test_an_english_word_whose_other_forms_the_articles_use_is_meant_as_typed() -> None:
    speller = Speller(words("Twenty states sued over the fee. " + "Companies are using AI. " * 6))
    # "suing" is no swapped "using": the articles write "sued"
    assert (
        speller.fix("how many us states are suing over the fee")
        == "how many us states are suing over the fee"
    )


def test_a_letter_left_out_of_a_word_of_the_articles_beats_a_letter_typed_twice_in_an_english_word() -> None:
    speller = Speller(words("Ruoming Pang left Apple. Apple lost him."), names={"apple"})
    assert speller.fix("ruoming pang at appe") == "ruoming pang at apple"  # not "ape"


def test_a_word_after_a_misspelt_word_is_no_part_of_a_name() -> None:
    speller = Speller(words("Dexterous hands are grippers with fingers. The hands move."))
    # "dextreous" is a slip of "dexterous", no first name, so "hamds" is a word misspelt too
    assert speller.fix("what are dextreous hamds") == "what are dexterous hands"


def test_a_company_misspelt_with_its_s_is_the_company(small_engine: Engine) -> None:
    # "mettas" is respelt "metas", which is Meta's without its apostrophe: Meta is named
    assert [m.entity.name for m in small_engine.parse("who is mettas ai boss").mentions] == ["Meta"]


def test_two_unknown_words_no_slip_of_the_finger_explains_are_a_name_left_as_typed() -> None:
    speller = Speller(
        words("Ji Yichao left Google on a Sunday. The chief scientist stayed."), names={"yichao"}
    )
    assert speller.fix("is sundar pichai still at google") == "is sundar pichai still at google"
    # ...but two typos side by side are still typos, a key held too long among them
    assert speller.fix("who is the chief scientst") == "who is the chief scientist"
    assert speller.fix("why did the chieef sccientist leave") == "why did the chief scientist leave"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("how many ppl has tencent hireed", "how many ppl has tencent hired"),
        ("when is giannandrea retieing", "when is giannandrea retiring"),
        ("who is leaveing openai", "who is leaving openai"),
    ],
)
def test_an_e_english_drops_before_an_ending_is_a_slip_not_another_form_of_the_word(
    typed: str, meant: str
) -> None:
    speller = Speller(words("OpenAI hired staff. Giannandrea is retiring. People are leaving OpenAI."))
    assert speller.fix(typed) == meant
    assert (
        speller.fix("are they seeing or agreeing") == "are they seeing or agreeing"
    )  # "see", "agree" keep it


def test_a_chat_spelling_a_slip_explains_beats_words_no_slip_explains() -> None:
    speller = Speller(words("An acqui-hire has a price. It was the deal."))
    assert speller.fix("whas an acquihire") == "whats an acqui-hire"  # not "has" or "was"
    assert speller.fix("was it an acquihire") == "was it an acqui-hire"
