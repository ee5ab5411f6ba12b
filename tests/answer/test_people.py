"""People, roles and counts from the recorded moves, on a small corpus with the fake embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.config import EngineConfig
from answer.engine import Engine
from answer.model import Answer, AnswerKind
from tests.conftest import FakeEmbedder, engine_of, engine_over, moves_front_matter, write_article

ARTICLES = [
    dict(
        article_id="2025-06-meta-msl-hires",
        title="Meta names the first hires of Meta Superintelligence Labs",
        published="2025-06-30",
        body=(
            "Meta named Alexandr Wang its Chief AI Officer to run Meta Superintelligence Labs. "
            "Shengjia Zhao and Jiahui Yu joined from OpenAI as researchers. "
            "Jack Rae came from Google DeepMind. Nat Friedman will co-lead the lab."
        ),
        moves=moves_front_matter(
            "Alexandr Wang | Scale AI | Meta | Chief AI Officer | 2025-06",
            "Shengjia Zhao | OpenAI | Meta | researcher | 2025-06",
            "Jiahui Yu | OpenAI | Meta | researcher | 2025-06",
            "Jack Rae | Google DeepMind | Meta | researcher | 2025-06",
            "Nat Friedman | | Meta | co-lead of Meta Superintelligence Labs | 2025-06",
        ),
    ),
    dict(
        article_id="2025-07-zhao-chief-scientist",
        title="Shengjia Zhao named chief scientist of Meta Superintelligence Labs",
        companies="Meta, Meta Superintelligence Labs, OpenAI",
        published="2025-07-25",
        body=(
            "Mark Zuckerberg said that Shengjia Zhao is the chief scientist of Meta Superintelligence Labs (MSL). "
            "The title recognises the role he has held since the lab began. "
            "In the new post Shengjia Zhao reports to Alexandr Wang, the lab's chief AI officer."
        ),
        moves=moves_front_matter(
            "Shengjia Zhao | OpenAI | Meta | Chief Scientist, Meta Superintelligence Labs | 2025-06"
        ),
    ),
    dict(
        article_id="2025-02-tml-launch",
        title="Mira Murati launches Thinking Machines Lab",
        published="2025-02-18",
        body=(
            "Mira Murati founded Thinking Machines Lab after leaving OpenAI. "
            "Barret Zoph is its chief technology officer and Luke Metz a co-founder."
        ),
        moves=moves_front_matter(
            "Mira Murati | OpenAI | Thinking Machines Lab | founder and CEO | 2025-02",
            "Barret Zoph | OpenAI | Thinking Machines Lab | CTO | 2025-02",
            "Luke Metz | OpenAI | Thinking Machines Lab | co-founder | 2025-02",
        ),
    ),
    dict(
        article_id="2026-01-zoph-returns-to-openai",
        title="Barret Zoph returns to OpenAI",
        published="2026-01-15",
        body=(
            "Thinking Machines Lab parted ways with Barret Zoph, and Soumith Chintala will take over as CTO. "
            "Barret Zoph is going back to OpenAI."
        ),
        moves=moves_front_matter("Barret Zoph | Thinking Machines Lab | OpenAI | researcher | 2026-01-14"),
    ),
    dict(
        article_id="2025-10-tulloch-joins-meta",
        title="Andrew Tulloch leaves Thinking Machines Lab for Meta",
        published="2025-10-11",
        body=(
            "Andrew Tulloch, a co-founder of Thinking Machines Lab, has joined Meta. "
            "He had worked at Meta for years before a spell at OpenAI."
        ),
        moves=moves_front_matter(
            "Andrew Tulloch | Meta | OpenAI | |",
            "Andrew Tulloch | OpenAI | Thinking Machines Lab | co-founder |",
            "Andrew Tulloch | Thinking Machines Lab | Meta | researcher, TBD Lab | 2025-10",
        ),
    ),
    dict(
        article_id="2026-06-shazeer-joins-openai",
        title="Noam Shazeer leaves Google for OpenAI",
        published="2026-06-18",
        body=(
            "Noam Shazeer is leaving Google to join OpenAI. He left Google in 2021 to found Character.AI and "
            "came back to Google DeepMind in a 2024 deal."
        ),
        moves=moves_front_matter(
            "Noam Shazeer | Google | OpenAI | Lead for Architecture Research | 2026-06",
            "Noam Shazeer | Google | Character.AI | co-founder | 2021",
            "Noam Shazeer | Character.AI | Google DeepMind | researcher | 2024-08",
        ),
    ),
]


def _engine_over(tmp_path: Path, fake_embedder: FakeEmbedder, *articles: dict[str, str]) -> Engine:
    """An engine over these articles (`write_article`'s fields), written to a corpus folder of their own."""
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for article in articles:
        write_article(corpus, **article)
    return engine_over(corpus, tmp_path / "data", fake_embedder)


@pytest.fixture
def people_engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    return _engine_over(tmp_path, fake_embedder, *ARTICLES)


def _texts(answer: Answer) -> list[str]:
    return [line.text for line in answer.lines]


def _cited(answer: Answer) -> set[str]:
    return {s.article_id for s in answer.sources}


def test_who_is_someone_gives_their_path_oldest_first_and_their_latest_role(people_engine: Engine) -> None:
    answer = people_engine.answer("Who is Andrew Tulloch?")
    assert answer.kind is AnswerKind.PROFILE and answer.answered
    texts = _texts(answer)
    # the undated moves are history the article tells: they come before its dated move
    assert texts[0] == "Andrew Tulloch: Meta → OpenAI → Thinking Machines Lab → Meta (October 2025)."
    assert texts[1] == "Latest known role: researcher, TBD Lab, at Meta (October 2025)."
    assert all(line.citations for line in answer.lines)


def test_where_someone_works_now_is_where_their_newest_move_took_them(people_engine: Engine) -> None:
    assert people_engine.answer("and where does Noam Shazeer work now?").kind is AnswerKind.PROFILE
    answer = people_engine.answer("Where does Noam Shazeer work now?")
    assert answer.kind is AnswerKind.PROFILE
    first, path = _texts(answer)[:2]
    assert first.startswith("Noam Shazeer moved from Google to OpenAI (June 2026)")
    assert (
        path
        == "Noam Shazeer: Google → Character.AI (2021) → Google DeepMind (August 2024) → OpenAI (June 2026)."
    )


def test_what_job_someone_is_getting_is_their_profile(people_engine: Engine) -> None:
    for question in ("whats noam shazeer's title gonna be at openai", "what role did noam shazeer get"):
        answer = people_engine.answer(question)
        assert answer.kind is AnswerKind.PROFILE, question
        assert "Latest known role" in answer.plain_text() or "moved from" in answer.plain_text()


def test_someones_job_comes_with_whom_they_report_to_when_the_articles_say(people_engine: Engine) -> None:
    boss = "In the new post Shengjia Zhao reports to Alexandr Wang, the lab's chief AI officer."
    answer = people_engine.answer("whats shengjia zhao's job at meta")
    assert answer.kind is AnswerKind.PROFILE
    assert boss in answer.plain_text()


@pytest.mark.parametrize(
    "question",
    [
        "who is Andrew Tulloch, the Meta guy",
        "andrew tulloch - who is he?",
        "Andrew Tulloch, who's that",
        "andrew tulloch: meta, then where, then where?",
        "who is this tulloch guy meta paid a fortune",  # what follows says which one
    ],
)
def test_who_someone_is_asked_casually_or_name_first_is_their_profile(
    people_engine: Engine, question: str
) -> None:
    answer = people_engine.answer(question)
    assert answer.kind is AnswerKind.PROFILE, answer.plain_text()
    assert answer.lines[0].text.startswith("Andrew Tulloch: Meta → OpenAI")


def test_a_question_about_someone_that_asks_something_else_is_not_a_profile(people_engine: Engine) -> None:
    assert people_engine.answer("How much did Meta pay Shengjia Zhao?").kind is not AnswerKind.PROFILE
    assert people_engine.answer("Who is Jiahui Yu's manager?").kind is not AnswerKind.PROFILE


def test_a_role_reported_in_a_later_article_names_its_holder_first(people_engine: Engine) -> None:
    answer = people_engine.answer("Who is the chief scientist of Meta Superintelligence Labs?")
    assert answer.kind is AnswerKind.ROLE and answer.answered
    first = answer.lines[0]
    assert first.text.startswith("The Chief Scientist of Meta Superintelligence Labs is Shengjia Zhao")
    assert answer.sources[first.citations[0] - 1].article_id == "2025-07-zhao-chief-scientist"
    assert "Shengjia Zhao is the chief scientist" in answer.plain_text()  # the sentence that says it


def test_a_role_and_a_move_in_one_question_is_answered_as_a_role_with_the_path(people_engine: Engine) -> None:
    answer = people_engine.answer(
        "Who is chief scientist of Meta Superintelligence Labs and where did he come from?"
    )
    assert answer.kind is AnswerKind.ROLE
    assert "Shengjia Zhao: OpenAI → Meta (June 2025)." in _texts(answer)
    assert len(answer.lines) <= 3  # not a list of every move to or from Meta


def test_a_title_asked_of_a_lab_by_its_short_name_after_its_parent_is_the_labs(people_engine: Engine) -> None:
    answer = people_engine.answer("who did meta name chief scientist of msl")
    assert answer.kind is AnswerKind.ROLE
    assert answer.lines[0].text.startswith(
        "The Chief Scientist of Meta Superintelligence Labs is Shengjia Zhao"
    )


def test_a_second_ask_about_the_holder_gets_the_sentence_that_answers_it(people_engine: Engine) -> None:
    answer = people_engine.answer(
        "who is the chief scientist of meta superintelligence labs and who does he report to"
    )
    assert answer.kind is AnswerKind.ROLE
    assert "In the new post Shengjia Zhao reports to Alexandr Wang, the lab's chief AI officer." in _texts(
        answer
    )


def test_a_holder_who_has_moved_on_is_said_to_have_and_who_took_over_is_quoted(people_engine: Engine) -> None:
    answer = people_engine.answer("Who is the CTO of Thinking Machines Lab?")
    assert answer.kind is AnswerKind.ROLE
    texts = _texts(answer)
    assert texts[0] == (
        "The CTO of Thinking Machines Lab on record was Barret Zoph (CTO, February 2025), "
        "who has since moved to OpenAI (14 January 2026)."
    )
    assert "Soumith Chintala will take over as CTO" in texts[1]


def test_who_founded_names_the_founder_then_the_co_founders(people_engine: Engine) -> None:
    answer = people_engine.answer("Who founded Thinking Machines Lab?")
    assert answer.kind is AnswerKind.ROLE
    founders = _texts(answer)[0]
    assert founders.startswith(
        "Thinking Machines Lab was founded by Mira Murati (founder and CEO, February 2025)"
    )
    assert "Luke Metz" in founders and "Andrew Tulloch" in founders and "Barret Zoph" not in founders


def test_who_runs_lists_the_most_senior_still_there_first(people_engine: Engine) -> None:
    answer = people_engine.answer("Who runs Meta Superintelligence Labs?")
    assert answer.kind is AnswerKind.LEADERS
    assert answer.intro.startswith("Leaders at Meta Superintelligence Labs")
    assert [t.split(":")[0] for t in _texts(answer)] == ["Alexandr Wang", "Shengjia Zhao", "Nat Friedman"]
    again = people_engine.answer("and who runs Meta Superintelligence Labs now?")  # "and" before it
    assert again.kind is AnswerKind.LEADERS and again.intro == answer.intro
    # a company named only to say when is not asked about
    after = people_engine.answer("who is running Meta Superintelligence Labs after the OpenAI hires")
    assert after.kind is AnswerKind.LEADERS and after.intro == answer.intro
    # ...or asked in the past, at the time of another event
    then = people_engine.answer("who was running Meta Superintelligence Labs when Zhao joined from OpenAI")
    assert then.kind is AnswerKind.LEADERS and then.intro == answer.intro


def test_how_many_counts_the_people_and_lists_each_move_cited(people_engine: Engine) -> None:
    answer = people_engine.answer("How many people did Meta hire from OpenAI?")
    assert answer.kind is AnswerKind.AGGREGATE and answer.answered
    assert answer.intro.startswith("2 people moved to Meta from OpenAI")
    assert sorted(t.split(":")[0] for t in _texts(answer)) == ["Jiahui Yu", "Shengjia Zhao"]
    assert all(line.citations for line in answer.lines)
    # a count of what the moves don't record is no count of moves
    assert people_engine.answer("how many people is meta trying to hire").kind is not AnswerKind.AGGREGATE
    assert people_engine.answer("how many employees were there at openai").kind is not AnswerKind.AGGREGATE
    taken = people_engine.answer("how many of openai's ai people has meta taken, names pls")
    assert taken.kind is AnswerKind.AGGREGATE and taken.intro.startswith("2 people moved to Meta from OpenAI")


def test_a_count_with_no_such_moves_is_refused_plainly(people_engine: Engine) -> None:
    answer = people_engine.answer("How many people did Thinking Machines Lab hire from Google?")
    assert not answer.answered and answer.kind is AnswerKind.AGGREGATE
    assert answer.intro == "I have no record of anyone moving to Thinking Machines Lab from Google."
    # ...but of a company no move is recorded for at all, the articles may count them: not the record's answer
    assert people_engine.answer("How many people did Meta hire from Apple?").kind is not AnswerKind.AGGREGATE


def test_which_company_lost_the_most_groups_units_under_their_company(people_engine: Engine) -> None:
    answer = people_engine.answer("Which company lost the most people to Meta?")
    assert answer.kind is AnswerKind.AGGREGATE
    assert answer.intro.startswith("OpenAI lost the most people to Meta: 2 of the 6 people on record.")
    texts = _texts(answer)
    assert texts[0] == "OpenAI: 2 — Shengjia Zhao, Jiahui Yu"
    assert "Google (Google DeepMind): 1 — Jack Rae" in texts
    assert texts[-1] == "Previous employer not reported: 1 — Nat Friedman"
    assert all(line.citations for line in answer.lines)


def test_where_people_leaving_a_company_go_counts_its_units_and_not_moves_within_it(
    people_engine: Engine,
) -> None:
    answer = people_engine.answer("Where do people leaving Google go?")
    assert answer.kind is AnswerKind.AGGREGATE
    companies = {t.split(":")[0] for t in _texts(answer)}
    assert companies == {"Character.AI", "Meta", "OpenAI"}  # Jack Rae left Google DeepMind: counted


def test_where_the_people_a_company_hired_came_from_counts_where_they_left(people_engine: Engine) -> None:
    answer = people_engine.answer("where did the people Meta hired come from?")
    assert answer.kind is AnswerKind.AGGREGATE
    assert "people to Meta" in answer.intro, answer.intro  # not where people leaving Meta went


def test_which_companies_did_a_company_lose_people_to(people_engine: Engine) -> None:
    answer = people_engine.answer("Which companies did OpenAI lose people to?")
    assert answer.kind is AnswerKind.AGGREGATE
    assert [t.split(":")[0] for t in _texts(answer)] == ["Thinking Machines Lab", "Meta"]
    company, names = _texts(answer)[0].split(" — ")
    assert company == "Thinking Machines Lab: 4"
    assert set(names.split(", ")) == {"Mira Murati", "Barret Zoph", "Luke Metz", "Andrew Tulloch"}


def test_rankings_filter_by_the_moves_dates_and_leave_out_undated_history(people_engine: Engine) -> None:
    answer = people_engine.answer("Who gained the most talent in 2025?")
    assert answer.kind is AnswerKind.AGGREGATE
    assert answer.intro.startswith("Meta gained the most people in 2025: 6 of the 9 people on record.")
    texts = _texts(answer)
    assert texts[1].startswith("Thinking Machines Lab: 3 — ")  # not Andrew Tulloch: his move there is undated
    assert "Andrew Tulloch" not in texts[1]
    assert not any(t.startswith("OpenAI") for t in texts)  # Barret Zoph went back in 2026


def test_questions_about_plans_pay_or_unknown_companies_are_not_counted(people_engine: Engine) -> None:
    assert people_engine.answer("How many AI hires is Meta planning?").kind is not AnswerKind.AGGREGATE
    assert (
        people_engine.answer("Which company lost the most people to Amazon?").kind is not AnswerKind.AGGREGATE
    )
    assert people_engine.answer("Who is the CEO of Samsung?").kind is not AnswerKind.ROLE


def test_who_runs_a_part_no_recorded_role_names_quotes_the_sentence_naming_its_leader(
    people_engine: Engine,
) -> None:
    answer = people_engine.answer("who runs the lab at meta")
    assert answer.kind is AnswerKind.ROLE
    assert _texts(answer) == ["Nat Friedman will co-lead the lab."]
    assert _cited(answer) == {"2025-06-meta-msl-hires"}


def test_who_runs_a_part_nobody_is_said_to_lead_is_not_a_list_of_leaders(people_engine: Engine) -> None:
    assert people_engine.answer("who runs the kitchen at meta").kind is not AnswerKind.LEADERS


def _yao_engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    return _engine_over(
        tmp_path,
        fake_embedder,
        dict(
            article_id="2025-12-tencent-names-yao-chief-scientist",
            title="Tencent names Yao Shunyu chief AI scientist",
            published="2025-12-17",
            body=(
                "Tencent named Yao Shunyu its chief AI scientist on 17 December. Bloomberg first reported that "
                "Tencent had hired Yao away from OpenAI. At OpenAI he worked on the Operator agent. He is also "
                "known as an author of ReAct. Three research teams will report directly to Yao. He reports to "
                "Tencent president Martin Lau. Tencent also hired Chen Wei from Alibaba. He is known for speech work."
            ),
            moves=moves_front_matter(
                "Yao Shunyu | OpenAI | Tencent | Chief AI Scientist | 2025-09",
                "Chen Wei | Alibaba | Tencent | researcher | 2025-12",
            ),
        ),
    )


def test_who_someone_is_says_what_they_are_known_for(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    engine = _yao_engine(tmp_path, fake_embedder)
    who = engine.answer("who's yao shunyu").plain_text()
    assert "He is also known as an author of ReAct." in who  # "He" goes on about Yao, named just before
    assert "At OpenAI he worked on the Operator agent." in who
    assert "speech work" not in who  # another person's "He"
    where = engine.answer("where does yao shunyu work now").plain_text()
    assert "ReAct" not in where  # where someone works is not who they are


def test_a_background_said_of_another_person_in_the_sentence_is_not_theirs(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-12-tencent-names-yao-chief-scientist",
            "title": "Tencent names Yao Shunyu chief AI scientist",
            "published": "2025-12-17",
            "body": "Tencent named Yao Shunyu its chief AI scientist on 17 December. Yao Shunyu will share the lab "
            "with Chen Wei, the former head of speech research at Alibaba. Yao Shunyu previously worked at OpenAI "
            "on the Operator agent.",
            "moves": moves_front_matter("Yao Shunyu | OpenAI | Tencent | Chief AI Scientist | 2025-09"),
            "people": "Yao Shunyu, Chen Wei",
        },
    )
    background = engine.answer("what's yao shunyu's background").plain_text()
    assert "previously worked at OpenAI" in background
    assert "former head of speech" not in background  # Chen Wei's


def test_what_someone_is_known_for_and_whom_they_report_to(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _yao_engine(tmp_path, fake_embedder)
    before = engine.answer("where did yao shunyu work before")
    assert "At OpenAI he worked on the Operator agent." in [line.text for line in before.lines[:2]]
    known = engine.answer("what is yao shunyu known for")
    assert known.kind is AnswerKind.PROFILE
    assert "He is also known as an author of ReAct." in [line.text for line in known.lines[:3]]
    assert known.lines[0].text.startswith("Yao Shunyu: OpenAI → Tencent")  # says who "he" is first
    background = engine.answer("what's yao shunyu's background")
    assert [line.text for line in background.lines] == [line.text for line in known.lines]
    who_and_known = engine.answer("who is yao shunyu, whats he known for")
    assert [line.text for line in who_and_known.lines] == [line.text for line in known.lines]
    boss = engine.answer("who does yao shunyu report to")
    assert boss.kind is AnswerKind.ROLE
    assert [line.text for line in boss.lines] == [
        "He reports to Tencent president Martin Lau."
    ]  # not "to Yao"
    # asked with something else, each ask is searched on its own: not only whom he reports to
    both = engine.answer("who does yao shunyu report to and when was he named chief ai scientist")
    assert both.kind is AnswerKind.EXTRACTIVE and "17 December" in both.plain_text()


def test_who_runs_a_company_is_its_chief_executive_not_a_labs_head(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _engine_over(
        tmp_path,
        fake_embedder,
        dict(
            article_id="2025-06-meta-msl-formed",
            title="Meta forms Meta Superintelligence Labs",
            published="2025-06-30",
            body="Meta chief executive Mark Zuckerberg formed Meta Superintelligence Labs. Meta named Alexandr Wang "
            "its Chief AI Officer to run Meta Superintelligence Labs. Shengjia Zhao joined as chief scientist.",
            moves=moves_front_matter(
                "Alexandr Wang | Scale AI | Meta | Chief AI Officer and head of Meta Superintelligence Labs | 2025-06",
                "Shengjia Zhao | OpenAI | Meta | Chief Scientist, Meta Superintelligence Labs | 2025-06",
            ),
            people="Mark Zuckerberg",
        ),
    )
    company = engine.answer("who runs meta")
    assert company.lines[0].text.startswith("Meta chief executive Mark Zuckerberg")
    lab = engine.answer("who runs meta superintelligence labs")
    assert lab.kind is AnswerKind.LEADERS
    assert lab.lines[0].text.startswith("Alexandr Wang")  # a chief officer before a chief scientist


def test_who_runs_a_company_without_a_chief_executive_on_record(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    deepseek = {
        "article_id": "2025-02-deepseek-graduates",
        "title": "DeepSeek bets on young graduates",
        "published": "2025-02-05",
        "body": "DeepSeek founder Liang Wenfeng prefers young graduates to veterans. DeepSeek hired Cui Tianyi "
        "from Jane Street to lead its agent team.",
        "moves": moves_front_matter("Cui Tianyi | Jane Street | DeepSeek | head of the agent team | 2026-03"),
        "companies": "DeepSeek, Jane Street",
        "people": "Liang Wenfeng, Cui Tianyi",
    }
    moonshot = {
        "article_id": "2024-08-moonshot-tan-xu",
        "title": "Moonshot AI hires Tan Xu",
        "published": "2024-08-20",
        "body": "Moonshot AI recruited Tan Xu from Microsoft Research Asia to lead audio work for Kimi.",
        "moves": moves_front_matter(
            "Tan Xu | Microsoft Research Asia | Moonshot AI | audio lead for Kimi | 2024-08"
        ),
        "companies": "Moonshot AI, Microsoft Research Asia",
        "people": "Tan Xu",
    }
    engine = engine_of(tmp_path, fake_embedder, deepseek, moonshot)
    founder = engine.answer("who leads deepseek")  # no chief executive named: its founder
    assert founder.lines[0].text.startswith("DeepSeek founder Liang Wenfeng")
    boss = engine.answer("who's the boss at moonshot ai")
    assert boss.kind is AnswerKind.LEADERS
    assert boss.intro == "My articles don't say who runs Moonshot AI; the leaders they report there:"
    assert boss.lines[0].text.startswith("Tan Xu")


def test_a_title_qualified_by_a_part_of_the_company_is_that_parts(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2026-01-openai-rehires",
            "title": "OpenAI rehires three researchers",
            "body": "OpenAI chief executive Sam Altman said the company would keep hiring researchers. Later "
            "Fidji Simo, OpenAI's chief executive of applications, said three researchers were coming back.",
            "published": "2026-01-14",
            "companies": "OpenAI",
            "people": "Sam Altman, Fidji Simo",
        },
    )
    assert "Fidji Simo" in engine.answer("who is openai's applications ceo").plain_text()
    assert "Sam Altman" in engine.answer("who is the ceo of openai").plain_text()


def test_a_part_headed_at_the_company_or_the_companys_title_before_a_name_answers_a_role(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-12-google-boomerangs",
            "title": "Google rehires former staff",
            "body": "Google rehired many former engineers in 2025. John Casey, who heads compensation at Google, "
            "said computing power drew them back.",
            "published": "2025-12-19",
            "companies": "Google",
            "people": "John Casey",
        },
        {
            "article_id": "2026-03-xai-rebuild",
            "title": "Musk says xAI is being rebuilt",
            "body": "Elon Musk said xAI is being rebuilt from the ground up. He said he and the company's head of "
            "talent, Baris Akis, were calling engineers again.",
            "published": "2026-03-13",
            "companies": "xAI",
            "people": "Elon Musk, Baris Akis",
        },
    )
    assert "John Casey" in engine.answer("who's google's pay chief").plain_text()  # pay: compensation
    assert "Baris Akis" in engine.answer("who is xai's head of talent").plain_text()


def test_who_someone_is_says_what_they_designed(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-12-nvidia-groq",
            "title": "Nvidia licenses Groq's chips and hires its founder",
            "body": "Nvidia licensed Groq's technology and hired its founder Jonathan Ross on 24 December. Groq makes "
            "chips for inference. Ross is one of the designers of Google's first Tensor Processing Unit. "
            "The deal was the largest of its kind.",
            "published": "2025-12-26",
            "companies": "Nvidia, Groq, Google",
            "people": "Jonathan Ross",
            "moves": moves_front_matter("Jonathan Ross | Groq | Nvidia | | 2025-12"),
        },
    )
    assert "Tensor Processing Unit" in engine.answer("who is jonathan ross").plain_text()


def test_a_sentence_opening_with_he_is_about_whom_the_one_before_was_about(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    moves = (
        "moves:\n  - person: Andrew Tulloch\n    from: Thinking Machines Lab\n    to: Meta\n    date: 2025-10\n"
        "  - person: Mira Murati\n    from: OpenAI\n    to: Thinking Machines Lab\n    date: 2025-02\n"
    )
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "body": "Andrew Tulloch joined Meta from TML. His return is a homecoming of sorts. He spent 11 years at "
            "Facebook, where he worked on PyTorch, before helping Mira Murati found TML.",
            "moves": moves,
            "people": "Andrew Tulloch, Mira Murati",
            "companies": "Meta, Thinking Machines Lab, OpenAI",
        },
    )
    assert "11 years" not in engine.answer("mira murati background").plain_text()  # his years, not hers
    assert "11 years" in engine.answer("andrew tulloch background").plain_text()


def test_someone_who_left_with_no_destination_has_the_role_they_left(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _engine_over(
        tmp_path,
        fake_embedder,
        dict(
            article_id="2026-04-weil-leaves-openai",
            title="Science VP Kevin Weil leaves OpenAI",
            published="2026-04-17",
            body="Kevin Weil, vice president for AI for Science, is leaving OpenAI. He did not say what is next.",
            moves=moves_front_matter(
                "Kevin Weil | OpenAI |  | vice president for AI for Science | 2026-04-17"
            ),
        ),
    )
    text = engine.answer("who is kevin weil").plain_text()
    assert (
        "Last known role: vice president for AI for Science, at OpenAI, which they left (17 April 2026)."
        in text
    )
    assert "None" not in text


def test_what_someone_does_asked_in_the_present_is_their_job_and_whom_they_answer_to(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _yao_engine(tmp_path, fake_embedder)
    for question in ("what does yao shunyu do at tencent now", "what does yao shunyu do"):
        text = engine.answer(question).plain_text()
        assert "Chief AI Scientist" in text and "Martin Lau" in text, question
    # ...asked in the past, what they did there
    assert "Operator agent" in engine.answer("what did yao shunyu do at openai").plain_text()


def test_who_someone_with_no_move_on_record_is_comes_from_the_sentence_giving_their_title(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    courting = dict(
        article_id="2024-12-xiaomi-courts-luo",
        title="Xiaomi courts a DeepSeek developer",
        published="2024-12-28",
        body=(
            "The offer to Luo Fuli was reported by Chinese media and put at ten million yuan a year. "
            "Lei Jun has personally tried to recruit her, according to those reports. "
            "Xiaomi chief executive Lei Jun built the company into a maker of phones and cars."
        ),
        companies="Xiaomi, DeepSeek",
        people="Lei Jun, Luo Fuli",
    )
    # a search no passage is relevant enough for: the articles naming him still say who he is
    engine = engine_of(tmp_path, fake_embedder, courting, config=EngineConfig(thresholds={"hybrid": 0.99}))
    answer = engine.answer("lei jun - who's that")
    assert answer.kind is AnswerKind.PROFILE
    assert answer.lines[0].text.startswith("Xiaomi chief executive Lei Jun")
    # a name no article gives, asked in lower case, is one the bot has no articles about
    assert engine.answer("who is jensen huang").kind is AnswerKind.UNKNOWN_NAME


def test_whether_someone_is_still_somewhere_is_their_latest_move_first(people_engine: Engine) -> None:
    answer = people_engine.answer("is barret zoph still at thinking machines lab or did he move on")
    assert answer.kind is AnswerKind.PROFILE
    assert answer.lines[0].text.startswith(
        "Barret Zoph moved from Thinking Machines Lab to OpenAI (14 January 2026)"
    )
    # ...and whether someone ended up somewhere: where they did end up
    ended = people_engine.answer("did barret zoph actually end up at meta")
    assert ended.kind is AnswerKind.PROFILE
    assert ended.lines[0].text.startswith(
        "Barret Zoph moved from Thinking Machines Lab to OpenAI (14 January 2026)"
    )
