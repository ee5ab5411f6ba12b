"""Splitting a question into its asks, the type of answer each expects, and the facts a sentence carries."""

from __future__ import annotations

import pytest

from answer.asks import AnswerType, asks_reason, expected_type, own_words, search_text, split_asks
from answer.facts import carries, hints_motive, states_reason
from corpus.entities import EntityIndex

ENTITIES = EntityIndex(
    people=["Mustafa Suleyman", "Alexandr Wang", "Varun Mohan"],
    orgs=["Microsoft", "Inflection AI", "Meta", "Scale AI", "Google DeepMind", "Windsurf", "OpenAI"],
)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        (
            "What did Microsoft pay in the Inflection deal and what job did Suleyman get?",
            [
                ("What did Microsoft pay in the Inflection deal", "amount"),
                ("what job did Suleyman get", "role"),
            ],
        ),
        (
            "How much did Meta offer Deitke and for how long?",
            [("How much did Meta offer Deitke", "amount"), ("for how long", "duration")],
        ),
        (  # the length of a period asked
            "how much bigger is the bonus pool and whats the new vesting period",
            [("how much bigger is the bonus pool", "amount"), ("whats the new vesting period", "duration")],
        ),
        (
            "who left and where did he go next",
            [("who left", "person"), ("where did he go next", "destination")],
        ),
        (
            "When did Yao Shunyu join Tencent and what is his role?",
            [("When did Yao Shunyu join Tencent", "date"), ("what is his role", "role")],
        ),
        (
            "Why did Tulloch leave, and which company did he join?",
            [("Why did Tulloch leave", "reason"), ("which company did he join", "organisation")],
        ),
        (
            "In 2025, what did Meta pay and why?",
            [("In 2025, what did Meta pay", "amount"), ("why", "reason")],
        ),
        (
            "how much did meta offer and did anyone say no",
            [("how much did meta offer", "amount"), ("did anyone say no", None)],
        ),
        (  # "+" joins two asks, and "whats" asks as "what's" does
            "cowen took how many hume engineers to google, + whats hume's revenue",
            [("cowen took how many hume engineers to google", "amount"), ("whats hume's revenue", None)],
        ),
        (
            "how many jobs did meta cut, and was the research lab hit",
            [("how many jobs did meta cut", "amount"), ("was the research lab hit", None)],
        ),
        (  # a yes-no question, then a question mark and another ask
            "did karpathy really join anthropic? what team",
            [("did karpathy really join anthropic", None), ("what team", None)],
        ),
        (  # the topic typed before the question word is not what is asked
            "ssi after gross left - who's ceo, and what was it valued at",
            [("ssi after gross left - who's ceo", "person"), ("what was it valued at", "amount")],
        ),
        (
            "after google took windsurf's leaders who became interim ceo, and how many staff did it have",
            [
                ("after google took windsurf's leaders who became interim ceo", "person"),
                ("how many staff did it have", "amount"),
            ],
        ),
        (  # an ask may open with a preposition
            "what did altman claim meta offered, and on which podcast did he say it",
            [("what did altman claim meta offered", "amount"), ("on which podcast did he say it", None)],
        ),
        (
            "manpowergroup 2026: which country had it worst and what was china's number",
            [
                ("manpowergroup 2026: which country had it worst", "place"),
                ("what was china's number", "amount"),
            ],
        ),
        (
            "tell me about the deepseek dev xiaomi was chasing, how much was he offering",
            [
                ("tell me about the deepseek dev xiaomi was chasing", None),
                ("how much was he offering", "amount"),
            ],
        ),
    ],
)
def test_a_question_with_several_asks_is_split_at_the_second_question_word(
    question: str, asks: list[tuple[str, str | None]]
) -> None:
    assert [(a.text, a.type) for a in split_asks(question)] == asks


@pytest.mark.parametrize(
    "question",
    [
        "What did Microsoft and Google pay?",
        "How many extra places are Tsinghua and Peking University adding?",
        "Why are engineers leaving OpenAI and DeepMind for Anthropic?",
        "What did ByteDance change about pay in December 2025?",
        "How much did Meta and Google offer?",
    ],
)
def test_an_and_between_names_does_not_split_a_question(question: str) -> None:
    assert len(split_asks(question)) == 1


def test_an_ask_searches_with_what_it_leaves_to_its_neighbour_and_the_names_of_the_question() -> None:
    bare = split_asks("how much and for how long did Meta offer Deitke?")
    assert search_text(bare, 0, ()) == "how much did Meta offer Deitke"
    pointing = split_asks("How much is the H-1B fee and when does it take effect?")
    assert search_text(pointing, 1, ()) == "when does it take effect is the H-1B fee"
    # an ask naming someone of its own is searched about them alone, one naming no one with the question's names
    named = split_asks("What did Microsoft pay and what job did Suleyman get?")
    assert search_text(named, 1, ("Microsoft", "Mustafa Suleyman")) == "what job did Suleyman get"
    other = split_asks("who did Cowen take to Google, and what's Hume's revenue?")
    assert search_text(other, 1, ("Alan Cowen", "Google", "Hume AI")) == "what's Hume's revenue"
    nameless = split_asks("where did Pang go and when did the move happen")
    assert search_text(nameless, 1, ("Ruoming Pang",)) == "when did the move happen Ruoming Pang"
    # "what's" opens an ask as "what" does: the words borrowed are "david silver's new company"
    person = split_asks("what's david silver's new company and is he still teaching")
    assert search_text(person, 1, ()) == "is he still teaching david silver's new company"
    # a label opening the message is what every ask is about
    labelled = split_asks("gold card: how much is the vetting fee and how long until citizenship")
    assert search_text(labelled, 1, ()) == "how long until citizenship gold card"
    dashed = split_asks("maimai 2024 - how scarce were cloud people, and what was liepin offering")
    assert search_text(dashed, 1, ()) == "what was liepin offering maimai 2024"
    # ...but a colon in passing is no label
    timed = split_asks("how much did meta pay at 9:30 and who signed")
    assert "9" not in search_text(timed, 1, ())
    # ...but with the question's names, "he" is the person it names, not the other ask's words
    assert search_text(person, 1, ("David Silver",)) == "is he still teaching David Silver"


@pytest.mark.parametrize(
    ("sentence", "kind", "expected"),
    [
        ("Microsoft paid Inflection AI about $650 million for a licence.", AnswerType.AMOUNT, True),
        ("ByteDance will raise its bonus pool by 35%.", AnswerType.AMOUNT, True),
        ("Microsoft hired the founders of Inflection AI.", AnswerType.AMOUNT, False),
        ("Tencent offered to double the salaries of ByteDance staff.", AnswerType.AMOUNT, True),
        ("Engineers were eight times more likely to leave.", AnswerType.AMOUNT, True),
        ("He changed jobs twice in 2025.", AnswerType.AMOUNT, False),
        # a count of people written in words
        ("The group includes more than half a dozen specialists in AI.", AnswerType.AMOUNT, True),
        ("Three engineers followed him.", AnswerType.AMOUNT, True),
        ("The engineers followed him.", AnswerType.AMOUNT, False),
        ("Noncompetes keep staff out of rival labs for six to twelve months.", AnswerType.DURATION, True),
        ("Meta will pay him about $250 million over four years.", AnswerType.DURATION, True),
        ("Models change within months.", AnswerType.DURATION, False),
        ("Tencent appointed him on 17 December 2025.", AnswerType.DATE, True),
        ("Tencent appointed him chief AI scientist.", AnswerType.DATE, False),
        ("Suleyman became chief executive of the new Microsoft AI division.", AnswerType.ROLE, True),
        ("Wang, who is 28, joins Meta as Chief AI Officer.", AnswerType.ROLE, True),
        ("Meta is hiring the start-up's founder and chief executive, Alexandr Wang.", AnswerType.ROLE, False),
        ("The deal fell apart because Microsoft could see the code.", AnswerType.REASON, True),
        ("Reports linked the breakdown to concerns over Microsoft.", AnswerType.REASON, True),
        ("For OpenAI, the outcome means losing a start-up.", AnswerType.REASON, False),
        (
            "Google DeepMind has hired Varun Mohan, the chief executive of Windsurf.",
            AnswerType.DESTINATION,
            True,
        ),
        ("Reports linked the breakdown to concerns over Microsoft.", AnswerType.DESTINATION, False),
        ("Microsoft hired Mustafa Suleyman.", AnswerType.PERSON, True),
        ("Scale AI opened an office in Singapore.", AnswerType.PLACE, True),
        ("Microsoft took a licence to the models of Inflection AI.", AnswerType.ORGANISATION, True),
        ("Pang managed a team of about 100 engineers at Apple.", AnswerType.AMOUNT, True),  # a count
        ("The company, which employs about 300 people, will double.", AnswerType.AMOUNT, True),
        ("HPC engineers had a supply-demand ratio of 1:7.", AnswerType.AMOUNT, True),
        ("Pang managed the foundation models team at Apple.", AnswerType.AMOUNT, False),
    ],
)
def test_a_sentence_carries_the_facts_it_states(sentence: str, kind: AnswerType, expected: bool) -> None:
    assert carries(sentence, kind, ENTITIES) is expected


def test_the_names_a_question_gives_are_not_its_answer() -> None:
    """ "Who replaced Wang?" is not answered by a sentence naming only Wang, nor "where did Mohan go?" by Windsurf."""
    known = frozenset({"alexandr", "wang", "scale", "ai", "windsurf", "varun", "mohan"})
    assert not carries("Alexandr Wang founded Scale AI.", AnswerType.PERSON, ENTITIES, known)
    # asked by surname alone: "who came back with suleyman" is not answered by Mustafa Suleyman
    by_surname = frozenset({"who", "came", "back", "with", "suleyman"})
    assert not carries("Microsoft brought back Mustafa Suleyman.", AnswerType.PERSON, ENTITIES, by_surname)
    # "which country had it worst in manpowergroup's survey": the survey's owner is no place
    survey = frozenset({"which", "country", "had", "it", "worst", "manpowergroup", "survey"})
    assert not carries("AI skills lead, according to ManpowerGroup.", AnswerType.PLACE, ENTITIES, survey)
    assert carries("Shortages were most severe in Europe.", AnswerType.PLACE, ENTITIES, survey)
    assert carries("Mustafa Suleyman came with Alexandr Wang.", AnswerType.PERSON, ENTITIES, by_surname)
    assert carries("Alexandr Wang hands over to Mustafa Suleyman.", AnswerType.PERSON, ENTITIES, known)
    assert not carries("Varun Mohan left Windsurf.", AnswerType.DESTINATION, ENTITIES, known)
    assert carries(
        "Varun Mohan left Windsurf and joined Google DeepMind.", AnswerType.DESTINATION, ENTITIES, known
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("why did john schulman leave openai", True),
        ("what's the reason for the travel rules?", True),
        ("what led to the cuts at msl", True),
        ("How is Alibaba trying to stop losing staff from Tongyi Lab?", True),
        ("how did openai respond to meta's offers", True),
        ("what reason did john schulman give for going to anthropic", True),
        ("for what reason did pang leave", True),
        ("whats driving everyone out of spacexai", True),
        ("what set off china's ai hiring boom in the first place", True),
        ("what's meta's motive for grabbing openai's stargate builders", True),
        ("what's the actual upside of licensing the tech instead of buying the company", True),
        ("what's meta's ai lab called", False),
        ("how much did meta pay", False),
        ("who leads meta's ai lab", False),
        ("what did bytedance change about pay", False),
    ],
)
def test_a_question_asking_for_a_cause_or_purpose_is_told_apart(question: str, expected: bool) -> None:
    assert asks_reason(question) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Wang said the goal was to create smaller teams.", True),
        ("For China, the aim is to protect technology.", True),
        ("ByteDance is raising pay in a bid to keep staff.", True),
        ("AI specialists were advised to avoid trips to the United States.", False),
        ("Restrictions may make careers in Chinese AI less attractive.", False),
        ("Google wants the team to improve how Gemini handles emotion.", True),  # wanting someone to do it
        ("Liang argued that experience counts for less than ability.", True),  # the reason in his words
        ('In the letter Sharma warned that the world was "in peril".', True),
        ("Liang argued with investors for a week.", False),
        ("The exodus was triggered by the merger.", True),
    ],
)
def test_a_stated_cause_or_purpose_is_recognised(sentence: str, expected: bool) -> None:
    assert states_reason(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The surprise departure followed a reorganisation of the Qwen group.", True),
        ("The exits came in the wake of the merger.", True),
        ("Lin had been at Alibaba since 2019.", False),
        ("The list that followed was long.", False),
        ("These steps suggest Beijing treats top AI founders as strategic assets.", True),  # a reading of it
        ("Its funding favours applied projects, leaving less room for frontier models.", True),
    ],
)
def test_a_hint_of_a_cause_is_recognised(sentence: str, expected: bool) -> None:
    assert hints_motive(sentence) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("do you need a job offer to get the k visa?", None),  # yes or no, whatever its pay words
        ("did meta really offer 100m bonuses", None),
        ("did anyone say how much meta paid?", AnswerType.AMOUNT),  # a question word asks for a fact
        ("what did meta offer deitke?", AnswerType.AMOUNT),
        ("giannandrea is retiring when", AnswerType.DATE),  # the question word last
        ("who actually has to pay the h1b fee", None),  # the payers, not a sum
        ("who paid how much for windsurf", AnswerType.AMOUNT),
        ("is the h1b fee permanent or does it expire", AnswerType.DURATION),  # whether it lasts: how long
        ("over what period does openai's retention award vest", AnswerType.DURATION),
        # the question word after what it asks about
        ("lecun from quitting meta to the ami raise, when did each happen", AnswerType.DATE),
        ("meta's june 2025 frenzy: scale deal, chen memo, msl launch - dates?", AnswerType.DATE),
    ],
)
def test_a_yes_no_question_expects_no_type_of_fact(question: str, expected: AnswerType | None) -> None:
    assert split_asks(question)[0].type is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how much did bytedance raise its bonus pool", AnswerType.AMOUNT),
        ("what did meta pay deitke", AnswerType.AMOUNT),
        ("bytedance seed pay changes", None),  # how pay changed: no sum asked
        ("what did bytedance change about pay", None),
        ("how much did the pay overhaul cost", AnswerType.AMOUNT),
    ],
)
def test_a_question_about_how_pay_changed_asks_no_sum(question: str, expected: AnswerType | None) -> None:
    assert split_asks(question)[0].type is expected


@pytest.mark.parametrize(
    "question",
    [
        "how big was ruoming pang's team at apple",
        "deepseek headcount",
        "manpowergroup survey what % of employers struggle",
        "whats the supply to demand ratio for hpc engineers",
    ],
)
def test_a_size_a_share_or_a_ratio_asks_for_a_figure(question: str) -> None:
    assert split_asks(question)[0].type is AnswerType.AMOUNT


def test_an_ask_pointing_back_keeps_its_own_words_apart() -> None:
    """ "how does it vest" is searched with the first ask's words, but only "vest" is its own."""
    asks = split_asks("openai's retention bonus: how many staff got it and how does it vest")
    assert own_words(asks, 1, ("OpenAI",)) == {"vest"}
    assert "vest" not in own_words(asks, 0, ("OpenAI",)) and "bonus" in own_words(asks, 0, ("OpenAI",))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what's core automation paying its researchers", AnswerType.AMOUNT),
        ("whats the name of xai's cto", AnswerType.PERSON),
        ("what's the name of zhipu ai's new ceo", AnswerType.PERSON),
        ("what's the name of tworek's new lab", None),  # a company's name, not a title's holder
    ],
)
def test_what_someone_is_paying_and_the_name_of_a_titles_holder_are_a_sum_and_a_person(
    question: str, expected: AnswerType | None
) -> None:
    assert expected_type(question) is expected
