"""The list of recorded moves a question narrows to, and the sentence after it that states what else it asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.engine import Engine
from answer.model import AnswerKind
from tests.conftest import FakeEmbedder, engine_of, moves_front_matter

HIRED = "Meta hired Ruoming Pang from Apple in July 2025."
REASON = "Pang left Apple because Meta offered a far bigger package and more computing power."
TEAM = "At Meta, Pang joined the superintelligence group as a member of its infrastructure team."


@pytest.fixture
def engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    return engine_of(
        tmp_path,
        fake_embedder,
        {
            "body": f"{HIRED} {REASON} He had led the foundation models team. {TEAM}",
            "moves": "moves:\n  - person: Ruoming Pang\n    from: Apple\n    to: Meta\n    date: 2025-07\n",
        },
    )


@pytest.mark.parametrize("question", ["who left apple and why", "who did Meta hire from Apple, and why?"])
def test_a_list_asked_why_ends_with_the_reason_its_articles_give(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.kind is AnswerKind.MOVES
    assert answer.lines[0].text.startswith("Ruoming Pang: Apple → Meta")
    assert answer.lines[-1].text == REASON


def test_a_list_not_asked_why_gives_no_reason(engine: Engine) -> None:
    answer = engine.answer("who left apple")
    assert answer.kind is AnswerKind.MOVES
    assert all(line.text != REASON for line in answer.lines)


def test_a_list_asked_something_else_ends_with_the_sentence_that_says_it(engine: Engine) -> None:
    answer = engine.answer("who left apple and which team did he join at meta")
    assert answer.kind is AnswerKind.MOVES
    assert answer.lines[-1].text == TEAM


def test_a_yes_no_question_then_another_ask_gets_the_sentence_carried_on_by_he(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    joined = "Andrej Karpathy has joined Anthropic, according to reports on 19 May 2026."
    team = "He will work in the company's pre-training team under Nick Joseph."
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "body": f"{joined} {team} The move surprised few.",
            "moves": "moves:\n  - person: Andrej Karpathy\n    to: Anthropic\n    date: 2026-05-19\n",
        },
    )
    answer = engine.answer("did karpathy really join anthropic? what team")
    assert answer.kind is AnswerKind.MOVES
    assert answer.lines[-1].text == f"{joined} {team}"


def test_a_question_about_the_kind_of_people_hired_is_no_list(engine: Engine) -> None:
    answer = engine.answer("does meta just hire fresh grads or what")
    assert answer.kind is not AnswerKind.MOVES


def test_the_big_names_come_first_when_asked_for(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    moves = "moves:\n  - person: {p}\n    from: OpenAI\n    to: Meta\n    role: {r}\n    date: {d}\n"
    hires = [("Shengjia Zhao", "Chief Scientist", "2025-06"), ("Ana Newer", "researcher", "2025-09")]
    engine = engine_of(
        tmp_path,
        fake_embedder,
        *(
            {
                "article_id": f"2025-0{6 + 3 * i}-meta-hires-{i}",
                "title": f"Meta hires {person} from OpenAI",
                "body": f"Meta hired {person} from OpenAI.",
                "published": f"{date}-15",
                "people": person,
                "moves": moves.format(p=person, r=role, d=date),
            }
            for i, (person, role, date) in enumerate(hires)
        ),
    )
    newest = engine.answer("who left openai")
    assert newest.lines[0].text.startswith("Ana Newer")
    known = engine.answer("who are the big names that left openai")
    assert known.intro == "2 talent moves from OpenAI, the best-known names first:"
    assert known.lines[0].text.startswith("Shengjia Zhao")  # a leader counts extra
    senior = engine.answer("which of the people meta hired from openai is the most senior")
    assert senior.lines[0].text.startswith("Shengjia Zhao")


def test_when_and_why_get_the_sentence_dating_it_then_the_reason(engine: Engine) -> None:
    answer = engine.answer("when and why did ruoming pang leave apple")
    assert answer.kind is AnswerKind.MOVES
    assert [line.text for line in answer.lines[-2:]] == [HIRED, REASON]


def test_when_someone_was_given_a_title_is_a_date_not_the_companys_moves(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    moves = "".join(
        f"  - person: Person {n}\n    from: OpenAI\n    to: Meta\n    date: 2025-0{n}\n" for n in range(1, 6)
    )
    named = "Meta said on 25 July 2025 that Shengjia Zhao is the chief scientist of its lab."
    engine = engine_of(
        tmp_path, fake_embedder, {"body": f"{named} Five people joined Meta.", "moves": f"moves:\n{moves}"}
    )
    assert engine.answer("when was zhao named chief scientist at meta").kind is not AnswerKind.MOVES
    assert engine.answer("when did meta hire people from openai").kind is AnswerKind.MOVES


def test_when_someone_took_a_post_no_move_of_theirs_records_is_a_date_not_their_move(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    story = {
        "article_id": "2026-01-silver-founds-ineffable",
        "title": "David Silver leaves DeepMind to found Ineffable Intelligence",
        "published": "2026-01-30",
        "body": "David Silver left Google DeepMind. Silver was appointed a director on 16 January 2026.",
        "companies": "Google DeepMind, Ineffable Intelligence",
        "people": "David Silver",
        "moves": moves_front_matter(
            "David Silver | Google DeepMind | Ineffable Intelligence | founder | 2026-01"
        ),
    }
    engine = engine_of(tmp_path, fake_embedder, story)
    # one move, as founder: a directorship is not it
    answer = engine.answer("when was david silver appointed director of ineffable intelligence")
    assert answer.kind is not AnswerKind.MOVES
    assert engine.answer("when did david silver leave google deepmind").kind is AnswerKind.MOVES  # his move


def test_the_one_move_of_a_person_asked_about_comes_with_the_sentence_telling_it(engine: Engine) -> None:
    answer = engine.answer("did ruoming pang really go to meta")
    assert answer.kind is AnswerKind.MOVES
    assert answer.lines[0].text.startswith("Ruoming Pang: Apple → Meta")
    assert answer.lines[-1].text in (HIRED, REASON, TEAM)  # a sentence of its article naming him
    assert len(engine.answer("who left apple").lines) == 1  # no person asked about: the list alone


def test_who_runs_a_company_now_after_its_leavers_is_someone_other_than_them(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    old = "Founder and chief executive Jonathan Ross moved to Nvidia with most of Groq's team."
    new = "Groq continues as an independent company under a new chief executive, Simon Edwards."
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "title": "Nvidia takes Groq's founder",
            "body": f"{old} The deal was worth about $20 billion. {new}",
            "people": "Jonathan Ross, Simon Edwards",
            "companies": "Groq, Nvidia",
            "moves": "moves:\n  - person: Jonathan Ross\n    from: Groq\n    to: Nvidia\n    date: 2025-12\n",
        },
    )
    for question in (
        "who moved from groq to nvidia, who runs groq now",
        "who did nvidia take from groq, how big was the deal, and who is groq's ceo now",  # the last of three
    ):
        answer = engine.answer(question)
        assert answer.kind is AnswerKind.MOVES
        assert answer.lines[0].text.startswith("Jonathan Ross: Groq → Nvidia")
        assert answer.lines[-1].text == new, question


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("who left openai to start their own company", ["Mira Murati"]),
        ("which researchers quit big labs to found start-ups", ["Mira Murati", "David Silver"]),
    ],
)
def test_leaving_to_found_a_company_lists_the_founders_not_every_leaver(
    tmp_path: Path, fake_embedder: FakeEmbedder, question: str, listed: list[str]
) -> None:
    moves = (
        "moves:\n"
        "  - person: Mira Murati\n    from: OpenAI\n    to: Thinking Machines Lab\n    role: founder and CEO\n"
        "    date: 2025-02\n"
        "  - person: John Schulman\n    from: OpenAI\n    to: Anthropic\n    role: researcher\n    date: 2024-08\n"
        "  - person: David Silver\n    from: Google DeepMind\n    to: Ineffable Intelligence\n    role: founder\n"
        "    date: 2026-01\n"
        "  - person: Tony Wu\n    from: xAI\n    role: co-founder\n    date: 2026-02\n"  # a founder leaving
    )
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "body": (
                "Researchers keep leaving big labs. Murati quit OpenAI to start her own company. Schulman "
                "joined Anthropic. Silver left to found a start-up."
            ),
            "moves": moves,
            "companies": "OpenAI, Anthropic, Thinking Machines Lab, Google DeepMind, xAI",
            "people": "Mira Murati, John Schulman, David Silver, Tony Wu",
        },
    )
    answer = engine.answer(question)
    assert answer.kind is AnswerKind.MOVES, answer.plain_text()
    assert "to found a company" in answer.intro
    people = [line.text.split(":")[0] for line in answer.lines if "→" in line.text]
    assert sorted(people) == sorted(listed)


def test_is_a_company_hiring_gets_its_hiring_drive_after_its_few_moves(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    drive = "DeepSeek posted 33 job openings across seven job families after its funding round."
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2026-03-deepseek-hires-cui",
            "title": "DeepSeek hires Jane Street's Cui Tianyi",
            "body": "DeepSeek hired Cui Tianyi from Jane Street to lead its agent team.",
            "published": "2026-03-10",
            "companies": "DeepSeek, Jane Street",
            "people": "Cui Tianyi",
            "moves": moves_front_matter("Cui Tianyi | Jane Street | DeepSeek | | 2026-03"),
        },
        {
            "article_id": "2026-07-deepseek-hiring-drive",
            "title": "DeepSeek doubles every department in its biggest recruiting drive",
            "body": f"DeepSeek closed its first outside funding round. {drive} Its founder wants a small team.",
            "published": "2026-07-01",
            "companies": "DeepSeek",
            "people": "",
        },
        {  # ...whatever the number of people it lost, which says nothing of its hiring
            "article_id": "2026-04-deepseek-losses",
            "title": "DeepSeek loses researchers to rivals",
            "body": "Four DeepSeek researchers left for rivals this spring.",
            "published": "2026-04-20",
            "companies": "DeepSeek, Tencent",
            "people": "Guo Daya, Wang Bingxuan, Luo Fuli, Zhu Qihao",
            "moves": moves_front_matter(
                *(
                    f"{p} | DeepSeek | Tencent | | 2026-04"
                    for p in ("Guo Daya", "Wang Bingxuan", "Luo Fuli", "Zhu Qihao")
                )
            ),
        },
    )
    for question in ("is deepseek hiring", "deepseek hiring again?", "deepseek on a hiring spree now?"):
        answer = engine.answer(question)
        assert answer.kind is AnswerKind.MOVES
        assert [line.text for line in answer.lines][-1] == drive, question
    # ...not for who was hired from where: the list says it
    assert drive not in engine.answer("who did deepseek hire from jane street").plain_text()


def test_each_further_ask_gets_its_sentence_naming_the_person_as_the_articles_do(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    years = "Wu spent roughly 17 years at Google."
    boss = "At ByteDance, Wu reports directly to chief executive Liang Rubo."
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-02-bytedance-hires-wu-yonghui",
            "title": "ByteDance hires Google's Wu Yonghui",
            "body": f"ByteDance has recruited Wu Yonghui from Google DeepMind to run Seed's research. {years} {boss}",
            "published": "2025-02-20",
            "companies": "ByteDance, Google DeepMind",
            "people": "Wu Yonghui, Liang Rubo",
            "moves": moves_front_matter(
                "Wu Yonghui | Google DeepMind | ByteDance | head of research | 2025-02"
            ),
        },
    )
    answer = engine.answer(
        "where did wu yonghui come from, how long was he there, and who is his boss at bytedance"
    )
    assert answer.kind is AnswerKind.MOVES
    lines = [line.text for line in answer.lines]
    # "Wu", as the articles call him again (his family name comes first), answers how long and who his boss is
    assert years in lines and boss in lines


def test_a_list_asked_where_its_people_were_before_gets_their_paths(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2024-12-openai-hires-zurich-trio",
            "title": "OpenAI hires three Google DeepMind researchers for Zurich",
            "body": "OpenAI hired Lucas Beyer from Google DeepMind to open its Zurich office.",
            "published": "2024-12-04",
            "companies": "OpenAI, Google DeepMind",
            "people": "Lucas Beyer",
            "moves": moves_front_matter("Lucas Beyer | Google DeepMind | OpenAI | | 2024-12"),
        },
        {
            "article_id": "2025-06-meta-hires-zurich-trio",
            "title": "Meta hires OpenAI's Lucas Beyer",
            "body": "Meta hired Lucas Beyer from OpenAI's Zurich office.",
            "published": "2025-06-26",
            "companies": "Meta, OpenAI",
            "people": "Lucas Beyer",
            "moves": moves_front_matter("Lucas Beyer | OpenAI | Meta | | 2025-06"),
        },
    )
    path = "Lucas Beyer: Google DeepMind → OpenAI (December 2024) → Meta (June 2025)"
    answer = engine.answer("who did meta hire from openai and where were they before openai")
    assert answer.kind is AnswerKind.MOVES
    assert path in [line.text for line in answer.lines]
    assert path not in engine.answer("who did meta hire from openai").plain_text()
