""" "Timeline of Meta": dated events, oldest first, from the recorded moves and the articles, each cited."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from answer.engine import Engine
from answer.kinds.timeline import EVENTS_PER_PAGE, USAGE
from answer.kinds.timeline_moves import move_event
from answer.model import Answer, AnswerKind
from answer.moves import RecordedMove
from corpus.entities import EntityIndex
from corpus.model import Move
from tests.conftest import FakeEmbedder, engine_of, moves_front_matter
from tests.rivals import SURVEY, many_meta_hires, rivals_engine


@pytest.fixture
def engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    return rivals_engine(tmp_path, fake_embedder)


def cited(answer: Answer, line_text: str) -> str:
    line = next(line for line in answer.lines if line.text == line_text)
    [number] = line.citations
    return next(s.article_id for s in answer.sources if s.number == number)


def test_a_companys_moves_and_news_oldest_first_each_cited(engine: Engine) -> None:
    answer = engine.answer("timeline of Meta")

    assert answer.kind is AnswerKind.TIMELINE and answer.answered
    assert answer.intro == "Timeline of Meta: 5 events, oldest first:"
    assert [line.text for line in answer.lines] == [
        # An article with no move of Meta's: its sentence naming Meta (its title does not).
        f"1 March 2025 — {SURVEY}",
        # The moves, as recorded: into Meta "joins", out of it "leaves".
        "June 2025 — Alexandr Wang joins Meta from Scale AI (Chief AI Officer)",
        "June 2025 — Jiahui Yu joins Meta from OpenAI (researcher)",
        "June 2025 — Lucas Beyer joins Meta from OpenAI (researcher)",
        "November 2025 — Yann LeCun leaves Meta for AMI (founder)",
    ]
    assert (
        cited(answer, "November 2025 — Yann LeCun leaves Meta for AMI (founder)")
        == "2025-11-lecun-leaves-meta"
    )
    assert cited(answer, f"1 March 2025 — {SURVEY}") == "2025-03-ai-pay-survey"
    assert not answer.more and not answer.note


def test_an_article_naming_the_subject_in_its_title_is_listed_by_its_title(engine: Engine) -> None:
    lines = [line.text for line in engine.answer("OpenAI timeline").lines]
    assert "8 August 2025 — OpenAI hands staff a one-time bonus" in lines
    assert lines.index("August 2024 — John Schulman leaves OpenAI for Anthropic (researcher)") == 0
    assert (
        lines[-1] == "January 2026 — Noam Shazeer joins OpenAI from Google (lead for architecture research)"
    )


def test_a_persons_timeline(engine: Engine) -> None:
    answer = engine.answer("Chronology of Yann LeCun")
    assert answer.kind is AnswerKind.TIMELINE
    # the step the articles give by year alone, then the recorded move
    path = ["2013 — LeCun joined Meta in 2013.", "November 2025 — Yann LeCun joins AMI from Meta (founder)"]
    assert [line.text for line in answer.lines] == path
    # a company named with them is a station of their timeline, not a timeline of its own
    with_company = [line.text for line in engine.answer("yann lecun's moves in order, meta to now").lines]
    assert with_company == path


@pytest.mark.parametrize(
    ("question", "timeline"),
    [
        ("timeline of Meta", True),
        ("Meta timeline", True),
        ("what happened at Meta over time?", True),
        ("history of Meta", True),
        ("Timeline of Meta Superintelligence Labs", True),
        ("what happened at meta this year in order", True),
        ("walk me through what happened at Meta", True),
        ("step by step what happened with meta buying manus", True),
        ("jerry tworek from joining openai up to now", True),
        ("explain step by step how the h1b fee works", False),  # how to tell it, not events
        ("meta step by step: hiring, cuts, lecun leaving", True),  # the events listed after it
        ("step by step: how does Meta hire", False),
        ("meta 2025: hiring, cuts, lecun leaving, what happened when", True),
        ("meta 2025: exits, hiring, in what order", True),
        ("meta and scale ai, how did that play out", True),
        ("meta -> scale ai -> meta, what are the dates", True),
        ("how did the Meta saga unfold", True),
        ("list Meta's hires in order", True),
        ("what has happened with Meta so far", True),
        ("meta hires, chronologically", True),
        ("Meta's history", True),
        ("meta history from launch to lecun leaving", True),
        ("how have AI salaries changed over time?", False),  # a fact question, naming no one
        ("meta talent story over time?", True),
        ("ruoming pang's back and forth between apple and meta over the years", True),
        ("pang from leaving apple to joining openai, when did each happen", True),
        ("meta vs openai poaching fight, give me the dates", True),
        ("meta's rough june day by day", True),
        ("list meta's hires oldest to newest", True),
        ("the meta hires and the openai bonuses, which came first and when", True),
        ("meta's june 2025 frenzy: msl launch, pang hire - dates?", True),
        ("how much did meta pay, and when did it happen", False),
        ("give me the dates each meta hire joined, oldest first", True),
        ("what's happened since meta hired alexandr wang", True),
        ("meta's story from the big hires to the cuts", True),
        ("the pay spat at meta, who said what when", True),
        ("did Meta cut staff in order to save money?", False),
        ("who did Meta hire?", False),
    ],
)
def test_ways_of_asking_for_a_timeline(engine: Engine, question: str, timeline: bool) -> None:
    assert (engine.answer(question).kind is AnswerKind.TIMELINE) is timeline


def test_a_start_said_as_an_event_of_the_subject_is_no_subject_of_its_own(engine: Engine) -> None:
    answer = engine.answer("lecun since he quit meta, what's happened")
    assert answer.kind is AnswerKind.TIMELINE
    assert answer.intro.startswith("Timeline of Yann LeCun:")  # not of him and Meta's departures
    leaving = engine.answer("lecun since leaving meta, key dates")
    assert leaving.intro.startswith("Timeline of Yann LeCun:")


def test_a_period_narrows_the_timeline(engine: Engine) -> None:
    answer = engine.answer("timeline of OpenAI in 2025")
    assert answer.intro == "Timeline of OpenAI in 2025: 4 events, oldest first:"
    assert all("2025" in line.text.split(" — ")[0] for line in answer.lines)
    empty = engine.answer("timeline of OpenAI in 2023")
    assert not empty.answered and empty.intro == "I have no dated events of OpenAI in 2023."


def test_no_name_or_an_unknown_name_is_refused_plainly(engine: Engine) -> None:
    assert engine.answer("timeline").intro == USAGE
    unknown = engine.answer("Timeline of Amazon")
    assert unknown.kind is AnswerKind.TIMELINE and not unknown.answered
    assert unknown.intro == "I have no articles about Amazon, so I can't give a timeline."


def test_a_long_timeline_is_paged_oldest_first(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    hires = EVENTS_PER_PAGE + 5  # one a month from January 2024, all before Meta's June 2025 hires
    engine = rivals_engine(tmp_path, fake_embedder, extra=many_meta_hires(hires))
    # Longer than a page, a timeline puts a month's moves on one line (Meta's three June 2025 hires) and
    # leaves out the articles naming Meta only in passing (the pay survey): the hires, June 2025, LeCun.
    total = hires + 2

    first = engine.answer("timeline of Meta")
    second = engine.answer("timeline of Meta", page=1)

    assert len(first.lines) == EVENTS_PER_PAGE and first.more
    assert first.note == f"…and {total - EVENTS_PER_PAGE} later events."
    shown = f"{EVENTS_PER_PAGE + 1}–{total}"
    assert second.intro == f"Timeline of Meta: {total} events, oldest first (continued: {shown} of {total}):"
    assert first.lines[0].text == "January 2024 — Researcher Number00 joins Meta from Apple (researcher)"
    month = dt.date(2024, 1, 15) + dt.timedelta(days=31 * EVENTS_PER_PAGE)  # one hire a month
    assert second.lines[0].text == (
        f"{month:%B %Y} — Researcher Number{EVENTS_PER_PAGE:02d} joins Meta from Apple (researcher)"
    )
    assert len(second.lines) == total - EVENTS_PER_PAGE and not second.more
    every = [line.text for page in (first, second) for line in page.lines]
    dates = [re.match(r"(\d\d? )?([A-Z][a-z]+) (\d{4})", t) for t in every]
    assert len(set(every)) == total and all(dates)
    june = "June 2025 — 3 people join Meta: Alexandr Wang (from Scale AI), Lucas Beyer (from OpenAI), Jiahui Yu (from OpenAI)"
    assert june in every and not any(SURVEY in line for line in every)


def test_a_period_of_a_long_timeline_gives_each_move_its_own_line(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    # Meta's whole timeline is longer than a page, its June 2025 is not: each hire is a line of its own, as
    # "google's rough june 2026 day by day" wants each exit's day, not "4 people leave Google".
    engine = rivals_engine(tmp_path, fake_embedder, extra=many_meta_hires(EVENTS_PER_PAGE + 5))
    answer = engine.answer("timeline of Meta in June 2025")
    lines = [line.text for line in answer.lines]
    assert not any("people join Meta" in line for line in lines)
    for hire in ("Alexandr Wang joins Meta from Scale AI", "Lucas Beyer joins Meta from OpenAI"):
        assert any(f"June 2025 — {hire}" in line for line in lines)


def test_a_timeline_of_a_topic_lists_the_articles_found_about_it(engine: Engine) -> None:
    engine.use_thresholds({"hybrid": 0.0})
    answer = engine.answer("timeline of the one-time bonus")
    assert answer.kind is AnswerKind.TIMELINE and answer.answered
    assert answer.intro.startswith("Timeline of “one-time bonus”:")
    assert "8 August 2025 — OpenAI hands staff a one-time bonus" in [line.text for line in answer.lines]
    # a topic naming no one, asked for "in order"
    ordered = engine.answer("what happened with the one-time bonus, in order")
    assert ordered.kind is AnswerKind.TIMELINE
    assert ordered.intro.startswith("Timeline of “one-time bonus”:")
    how = engine.answer("what happened with the one-time bonus in order, award to payout")
    assert how.intro.startswith("Timeline of “one-time bonus”:")  # after a comma: how, not of what
    dashed = engine.answer("one-time bonus timeline - award, then payout")
    assert dashed.intro.startswith("Timeline of “one-time bonus”:")  # after a dash too


def test_departures_or_hires_in_the_question_keep_moves_in_that_direction(engine: Engine) -> None:
    departures = engine.answer("timeline of meta departures")
    assert departures.intro == "Timeline of Meta departures: 1 event, oldest first:"
    assert [line.text for line in departures.lines] == [
        "November 2025 — Yann LeCun leaves Meta for AMI (founder)"
    ]
    # ...said as people do: "walked", "bailed"
    walked = engine.answer("the dates people walked out of meta, oldest first")
    assert walked.intro == "Timeline of Meta departures: 1 event, oldest first:"
    hires = [line.text for line in engine.answer("who joined meta: timeline").lines]
    assert len(hires) == 3 and all(" joins Meta " in t for t in hires)
    # losing people and hiring them, asked together: both directions
    both = engine.answer("meta: losing researchers and hiring them, in order")
    assert both.intro == "Timeline of Meta: 5 events, oldest first:"
    # ...and where a timeline ends is no direction: "from launch to lecun leaving"
    span = engine.answer("meta history from launch to lecun leaving")
    assert span.intro == "Timeline of Meta: 5 events, oldest first:"
    # ...nor is hiring asked beside other news: "fundraising and hiring" is all of it
    news = engine.answer("meta fundraising and hiring, in order")
    assert news.intro == "Timeline of Meta: 5 events, oldest first:"


def test_a_part_of_a_company_includes_moves_to_the_company_whose_role_names_it(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    seed = [
        (
            "2025-02-bytedance-hires-wu",
            "ByteDance hires Wu Yonghui",
            "2025-02-20",
            "ByteDance, Google DeepMind, ByteDance Seed",
            "ByteDance hired Wu Yonghui from Google DeepMind to lead research at its Seed team.",
            [
                (
                    "Wu Yonghui",
                    "Google DeepMind",
                    "ByteDance",
                    "head of foundational research, Seed",
                    "2025-02",
                )
            ],
        )
    ]
    engine = rivals_engine(tmp_path, fake_embedder, extra=seed)
    lines = [line.text for line in engine.answer("timeline of bytedance seed hires").lines]
    assert lines == [
        "February 2025 — Wu Yonghui joins ByteDance Seed from Google DeepMind (head of foundational research, Seed)"
    ]


def test_a_departure_with_no_destination_says_only_whom_they_left() -> None:
    xai = EntityIndex(people=["Kyle Kosic"], orgs=["xAI"]).find("xAI")[0].entity
    left = RecordedMove(
        Move.model_validate({"person": "Kyle Kosic", "from": "xAI", "role": "co-founder"}),
        "a",
        dt.date(2026, 2, 11),
    )
    assert move_event(left, [xai]).text == "Kyle Kosic leaves xAI (co-founder)"


H1B_FEE = {
    "article_id": "2025-09-us-h1b-fee",
    "title": "US imposes a $100,000 fee on new H-1B visa petitions",
    "published": "2025-09-22",
    "body": (
        "A $100,000 fee on new H-1B visa petitions applies under a proclamation signed on 19 September 2025. "
        "The H-1B fee lasts a year."
    ),
    "companies": "USCIS",
    "people": "Donald Trump",
    "tags": "policy",
}
H1B_RULING = {
    "article_id": "2026-01-h1b-fee-upheld",
    "title": "Appeals court fast-tracks the H-1B fee challenge",
    "published": "2026-01-05",
    "body": (
        "The H-1B fee has survived its first court test. On 23 December 2025 a judge rejected the challenge "
        "by employers. The appeals court agreed today to hear the case quickly."
    ),
    "companies": "USCIS",
    "people": "Beryl Howell",
    "tags": "policy",
}


def test_a_topics_timeline_has_the_events_its_articles_date(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(tmp_path, fake_embedder, H1B_FEE, H1B_RULING)
    engine.use_thresholds({"hybrid": 0.0})
    answer = engine.answer("what happened with the H-1B fee, in order")
    assert answer.kind is AnswerKind.TIMELINE
    assert [line.text for line in answer.lines] == [
        # the headline, on the day its opening sentence gives (it was reported three days later)
        "19 September 2025 — US imposes a $100,000 fee on new H-1B visa petitions",
        # a ruling told in an article of January: on its own day, right after a sentence on the fee
        "23 December 2025 — On 23 December 2025 a judge rejected the challenge by employers.",
        "5 January 2026 — Appeals court fast-tracks the H-1B fee challenge",
    ]
    assert cited(
        answer, "23 December 2025 — On 23 December 2025 a judge rejected the challenge by employers."
    ) == ("2026-01-h1b-fee-upheld")


def test_the_past_year_is_the_twelve_months_to_today_and_the_topic_is_named_without_it(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(tmp_path, fake_embedder, H1B_FEE, H1B_RULING)
    engine.use_thresholds({"hybrid": 0.0})
    engine.today = lambda: dt.date(2026, 11, 30)
    answer = engine.answer("h1b fee changes over the past year, in order")
    assert answer.intro == "Timeline of “h1b fee changes” in the past 12 months: 2 events, oldest first:"
    assert [line.text[:16] for line in answer.lines] == ["23 December 2025", "5 January 2026 —"]


def test_a_planned_day_that_has_come_since_is_on_the_timeline(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    planned = {
        **H1B_FEE,
        "body": (
            "A $100,000 fee on new H-1B visa petitions applies under a proclamation signed on 19 September 2025. "
            "The H-1B fee takes effect on 1 October 2025."
        ),
    }
    engine = engine_of(tmp_path, fake_embedder, planned, H1B_RULING)
    engine.use_thresholds({"hybrid": 0.0})
    lines = [line.text for line in engine.answer("what happened with the H-1B fee, in order").lines]
    # reported in September as a plan; by the newest article (January 2026) its day has come
    assert "1 October 2025 — The H-1B fee takes effect on 1 October 2025." in lines


def test_two_subjects_with_a_story_together_get_its_timeline(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    manus = {
        "article_id": "2026-04-china-unwinds-meta-manus",
        "title": "Beijing orders Meta's Manus deal reversed",
        "published": "2026-04-27",
        "body": (
            "China ordered Meta's purchase of Manus undone. Meta agreed in December 2025 to buy Manus. "
            "The commerce ministry opened a review in January 2026."
        ),
        "companies": "Meta, Manus",
        "people": "",
        "tags": "policy",
    }
    meta = {
        "article_id": "2025-06-meta-hires-wang",
        "title": "Meta hires Alexandr Wang",
        "published": "2025-06-13",
        "body": "Meta hired Alexandr Wang from Scale AI.",
        "companies": "Meta, Scale AI",
        "people": "Alexandr Wang",
        "moves": "moves:\n  - person: Alexandr Wang\n    from: Scale AI\n    to: Meta\n    date: 2025-06\n",
    }
    engine = engine_of(tmp_path, fake_embedder, manus, meta)
    lines = [line.text for line in engine.answer("timeline of the meta manus saga").lines]
    assert lines == [
        "December 2025 — Meta agreed in December 2025 to buy Manus.",
        "January 2026 — The commerce ministry opened a review in January 2026.",
        "27 April 2026 — Beijing orders Meta's Manus deal reversed",
    ]
    # Meta alone: its own story, with Wang's move
    assert "June 2025 — Alexandr Wang joins Meta from Scale AI" in [
        line.text for line in engine.answer("timeline of meta").lines
    ]


def test_a_sentence_dating_a_month_a_headline_dates_by_its_day_is_left_out() -> None:
    from answer.kinds.timeline import fewest
    from answer.kinds.timeline_moves import Event

    headline = Event("2025-07-15", "Thinking Machines Lab raises $2 billion", "a")
    month = Event("2025-07", "The start-up raised about $2 billion in July 2025.", "b", in_text=True)
    earlier = Event("2025-02", "Murati unveiled the lab in February 2025.", "b", in_text=True)
    assert fewest([month, headline, earlier]) == [earlier, headline]


def test_many_moves_of_one_day_are_dated_by_that_day() -> None:
    from answer.kinds.timeline_moves import month_event

    tml = EntityIndex(people=[], orgs=["Thinking Machines Lab"]).find("Thinking Machines Lab")[0].entity

    def left(person: str, date: str) -> RecordedMove:
        move = {"person": person, "from": "Thinking Machines Lab", "to": "OpenAI", "date": date}
        return RecordedMove(Move.model_validate(move), "a", dt.date(2026, 1, 15))

    same_day = [left(p, "2026-01-14") for p in ("Barret Zoph", "Luke Metz", "Sam Schoenholz")]
    assert month_event(same_day, [tml]).when == "2026-01-14"
    apart = [left("Barret Zoph", "2026-01-14"), left("Luke Metz", "2026-01-20")]
    assert month_event(apart, [tml]).when == "2026-01"


def test_a_part_of_a_company_asked_by_its_own_name_gets_the_events_naming_it(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    stories = [
        ("2025-06-meta-msl-formed", "Meta forms Meta Superintelligence Labs", "Meta formed the lab in June."),
        ("2025-08-meta-msl-split", "Meta splits Meta Superintelligence Labs in four", "The lab was split."),
        (
            "2025-10-meta-msl-cuts",
            "Meta cuts 600 jobs in Meta Superintelligence Labs",
            "The cuts hit the lab.",
        ),
        ("2025-11-meta-ray-ban", "Meta sells more Ray-Ban glasses", "Meta sold more glasses in November."),
    ]
    engine = _headlines_engine(tmp_path, fake_embedder, stories, "Meta, Meta Superintelligence Labs")
    lab = engine.answer("timeline of meta superintelligence labs")
    assert lab.intro == "Timeline of Meta Superintelligence Labs: 3 events, oldest first:"
    assert all("glasses" not in line.text for line in lab.lines)
    assert engine.answer("timeline of meta").intro == "Timeline of Meta: 4 events, oldest first:"


def test_what_a_timeline_asks_of_its_subject_narrows_it(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    stories = [
        ("2026-03-deepseek-loses-guo", "DeepSeek loses Guo Daya to ByteDance", "Guo left in March."),
        ("2026-04-deepseek-seeks-money", "DeepSeek seeks outside money for the first time", "Talks began."),
        ("2026-05-deepseek-hires-cui", "DeepSeek hires Cui Tianyi for its agent team", "Cui joined in May."),
        ("2026-06-deepseek-round-closes", "DeepSeek closes its first funding round", "Tencent invested."),
        ("2026-07-deepseek-valued", "DeepSeek raised 51 billion yuan from investors", "The raise was big."),
    ]
    engine = _headlines_engine(tmp_path, fake_embedder, stories, "DeepSeek")
    money = engine.answer("timeline of deepseek going for outside money")
    assert money.intro == "Timeline of DeepSeek on “outside money”: 3 events, oldest first:"
    assert all("Guo" not in line.text and "Cui" not in line.text for line in money.lines)
    # ...but not narrowed to fewer than three events, nor by the words asking for the timeline
    assert (
        engine.answer("deepseek history so far, in order").intro
        == "Timeline of DeepSeek: 5 events, oldest first:"
    )
    assert (
        engine.answer("timeline of deepseek's agent team").intro
        == "Timeline of DeepSeek: 5 events, oldest first:"
    )


def _headlines_engine(
    tmp_path: Path, fake_embedder: FakeEmbedder, stories: list[tuple[str, str, str]], companies: str
) -> Engine:
    """An engine over stories (article id, headline, body) listing the same companies, each dated mid-month."""
    return engine_of(
        tmp_path,
        fake_embedder,
        *(
            {
                "article_id": a,
                "title": t,
                "body": b,
                "published": f"{a[:7]}-15",
                "companies": companies,
                "people": "",
            }
            for a, t, b in stories
        ),
    )


def test_a_story_naming_a_mover_in_passing_does_not_restate_their_move(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    pang = {
        "article_id": "2026-02-pang-joins-openai",
        "title": "Ruoming Pang joins OpenAI",
        "published": "2026-02-25",
        "body": "Ruoming Pang has joined OpenAI from Meta after seven months there.",
        "companies": "Meta, OpenAI",
        "moves": moves_front_matter("Ruoming Pang | Meta | OpenAI | | 2026-02"),
    }
    later = {
        "article_id": "2026-06-meade-joins-openai",
        "title": "Apple's Paul Meade leaves for OpenAI",
        "published": "2026-06-27",
        "body": (
            "Paul Meade is leaving Apple for OpenAI's hardware team. "
            "Pang himself moved on from Meta to OpenAI in February 2026, after a short stay."
        ),
        "companies": "Apple, OpenAI, Meta",
        "people": "Paul Meade, Ruoming Pang",
        "moves": moves_front_matter("Paul Meade | Apple | OpenAI | hardware team | 2026-06"),
    }
    engine = engine_of(tmp_path, fake_embedder, pang, later)
    # his move once, dated when it happened: not again on the day a story on someone else recalled it
    assert [line.text for line in engine.answer("timeline of ruoming pang").lines] == [
        "February 2026 — Ruoming Pang joins OpenAI from Meta"
    ]


def test_a_dated_sentence_naming_no_one_belongs_to_a_headline_that_leads_with_the_subject(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    seed = {
        "article_id": "2025-11-seed-options",
        "title": "ByteDance Seed hands researchers monthly options but still loses staff to Meta",
        "published": "2025-11-20",
        "body": (
            "ByteDance Seed now pays its researchers in monthly options. "
            "Under the scheme, introduced in September 2025, researchers receive options every month."
        ),
        "companies": "ByteDance Seed, Meta",
        "people": "",
    }
    meta = {
        "article_id": "2025-10-meta-cuts",
        "title": "Meta cuts 600 AI jobs",
        "published": "2025-10-22",
        "body": "Meta is cutting about 600 jobs. The team was set up in June 2025 to chase superintelligence.",
        "companies": "Meta",
        "people": "",
    }
    engine = engine_of(tmp_path, fake_embedder, seed, meta)
    lines = [line.text for line in engine.answer("timeline of meta").lines]
    # Meta's own article dates its team's start; the Seed story's scheme is Seed's, not Meta's
    assert "June 2025 — The team was set up in June 2025 to chase superintelligence." in lines
    assert not any("scheme" in line for line in lines)
    assert any(
        "scheme" in line for line in [x.text for x in engine.answer("timeline of bytedance seed").lines]
    )


def test_a_dated_sentence_naming_only_the_subject_late_in_it_belongs_to_the_subjects_story(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    story = {
        "article_id": "2026-01-silver-founds-ineffable",
        "title": "David Silver leaves DeepMind to found Ineffable Intelligence",
        "published": "2026-01-30",
        "body": (
            "David Silver has left Google DeepMind to found a London start-up. "
            "Records at the UK business register show it was incorporated in November 2025, with Silver "
            "appointed as a director. "
            "Its first investors were approached in December 2025 by Lightspeed, according to Sequoia."
        ),
        "companies": "Google DeepMind, Ineffable Intelligence, Lightspeed, Sequoia",
        "people": "David Silver",
    }
    engine = engine_of(tmp_path, fake_embedder, story)
    lines = [line.text for line in engine.answer("timeline of david silver").lines]
    # the start-up's founding names only him, late in the sentence; the investors' approach names others
    assert any(line.startswith("November 2025 — Records at the UK business register") for line in lines)
    assert not any("Lightspeed" in line for line in lines)


def test_a_move_recorded_by_month_is_dated_by_the_day_its_article_gives_it(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    guo = {
        "article_id": "2026-03-guo-daya-leaves-deepseek",
        "title": "DeepSeek researcher Guo Daya leaves for ByteDance",
        "published": "2026-03-25",
        "body": (
            "DeepSeek said on 2 March 2026 that it was hiring. "  # a day, but not of Guo's move
            "Guo Daya has left DeepSeek for ByteDance. Guo confirmed the move on 22 March 2026."
        ),
        "companies": "DeepSeek, ByteDance",
        "people": "Guo Daya",
        "moves": moves_front_matter("Guo Daya | DeepSeek | ByteDance | | 2026-03"),
    }
    engine = engine_of(tmp_path, fake_embedder, guo)
    # named by his family name, which his articles use alone
    assert [line.text for line in engine.answer("timeline of guo daya").lines] == [
        "22 March 2026 — Guo Daya joins ByteDance from DeepSeek"
    ]


def test_a_headline_telling_later_news_of_a_mover_is_a_line_of_its_own(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    yao = {
        "article_id": "2025-12-tencent-names-yao",
        "title": "Tencent names former OpenAI researcher Yao Shunyu chief AI scientist",
        "published": "2025-12-17",
        "body": "Tencent on 17 December 2025 appointed Yao Shunyu as chief AI scientist. Bloomberg first "
        "reported in September that Tencent had hired Yao away from OpenAI.",
        "moves": moves_front_matter("Yao Shunyu | OpenAI | Tencent | researcher | 2025-09-12"),
        "companies": "Tencent, OpenAI",
        "people": "Yao Shunyu",
    }
    engine = engine_of(tmp_path, fake_embedder, yao)
    answer = engine.answer("yao shunyu and tencent, what happened when")
    assert [line.text for line in answer.lines] == [
        "12 September 2025 — Yao Shunyu joins Tencent from OpenAI (researcher)",
        "17 December 2025 — Tencent names former OpenAI researcher Yao Shunyu chief AI scientist",
    ]
