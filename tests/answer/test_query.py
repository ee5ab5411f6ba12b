from __future__ import annotations

import datetime as dt

import pytest

from answer.query import parse_dates, parse_question
from corpus.entities import EntityIndex

TODAY = dt.date(2026, 11, 23)
ENTITIES = EntityIndex(
    people=["Ruoming Pang", "Tan Xu", "Andrej Karpathy"],
    orgs=["Meta", "Apple", "Moonshot AI", "Google DeepMind", "Anthropic", "ByteDance", "Alibaba"],
)
VOCAB = {
    "meta",
    "apple",
    "hired",
    "who",
    "from",
    "did",
    "researchers",
    "anthropic",
    "pang",
    "paid",
    "shortage",
}


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("what happened in 2024?", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("any hires since March 2026?", dt.date(2026, 3, 1), None),
        ("moves in June 2025", dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
        ("news this week", TODAY - dt.timedelta(days=7), TODAY),
        ("who left before 2025", None, dt.date(2024, 12, 31)),
        ("anthropic hiring spree 2026 who", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),  # a bare year
        ("openai june 2025 hires", dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
        ("xai lost how many cofounders by feb 2026", None, dt.date(2026, 2, 28)),  # up to the end of it
        ("who had left by 2025", None, dt.date(2025, 12, 31)),
        # a year heading what follows
        ("deepseek 2026 - funding and exits, in order", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        ("deepseek 2025 so far: exits", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("which qwen leads left alibaba in 2024-25", dt.date(2024, 1, 1), dt.date(2025, 12, 31)),  # a span
        ("who moved last year", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),  # the calendar year before
        ("what happened with the h1b fee since sept 2025", dt.date(2025, 9, 1), None),
        ("how many moves did u log for november 2025", dt.date(2025, 11, 1), dt.date(2025, 11, 30)),
        ("count all the recorded job moves dated july 2025", dt.date(2025, 7, 1), dt.date(2025, 7, 31)),
        # ...but the past year is the twelve months up to today
        ("h1b changes over the past year", dt.date(2025, 11, 23), TODAY),
        ("hires in the last 12 months", dt.date(2025, 11, 23), TODAY),
        ("what happened over the last year", dt.date(2025, 11, 23), TODAY),
        # a season of a year named, and a month before the order it is asked in
        ("who did meta poach in summer 2025", dt.date(2025, 6, 1), dt.date(2025, 8, 31)),
        ("google's rough june 2026 day by day", dt.date(2026, 6, 1), dt.date(2026, 6, 30)),
    ],
)
def test_dates_restrict_by_publication(text: str, start: dt.date | None, end: dt.date | None) -> None:
    parsed = parse_dates(text, TODAY)
    assert parsed is not None and (parsed.start, parsed.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "How many AI professionals could China be short of by 2030?",
        "who will lead in 2030",
        "GPT-4o pay",
        "manpowergroup 2026: which country had it worst for hiring",  # the survey's name, not a period
    ],
)
def test_forecasts_and_model_names_are_not_date_filters(text: str) -> None:
    assert parse_dates(text, TODAY) is None


def test_direction_of_a_move_question() -> None:
    q = parse_question("Who did ByteDance hire from Alibaba?", ENTITIES, TODAY, VOCAB)
    assert [m.entity.name for m in q.destinations] == ["ByteDance"]
    assert [m.entity.name for m in q.origins] == ["Alibaba"]
    assert q.about_moves
    left = parse_question("who left Apple?", ENTITIES, TODAY, VOCAB)
    assert [m.entity.name for m in left.origins] == ["Apple"]
    owned = parse_question("did elon musk's xai hire from apple", ENTITIES, TODAY, VOCAB)
    assert not owned.people  # the owner of the company asked about, not a mover
    took = parse_question("list everyone meta took from apple", ENTITIES, TODAY, VOCAB)
    assert took.about_moves and [m.entity.name for m in took.origins] == ["Apple"]
    ended = parse_question("how many apple people ended up at bytedance", ENTITIES, TODAY, VOCAB)
    assert [m.entity.name for m in ended.origins] == ["Apple"] and ended.about_moves
    assert [m.entity.name for m in ended.destinations] == ["ByteDance"]
    into = parse_question("recent moves into bytedance from startups", ENTITIES, TODAY, VOCAB)
    assert [m.entity.name for m in into.destinations] == ["ByteDance"]
    # taking someone to court is no hire
    court = parse_question("who did Alibaba take to arbitration", ENTITIES, TODAY, VOCAB)
    assert not court.about_moves and not court.destinations
    # ...and a legal fight over a move is asked about as a fight
    legally = parse_question(
        "did Alibaba go after a guy legally for joining ByteDance", ENTITIES, TODAY, VOCAB
    )
    assert not legally.about_moves
    # who led a round and what it is "valued at": no one is at a company
    valued = parse_question("Alibaba seed round - who led it and what's it valued at", ENTITIES, TODAY, VOCAB)
    assert not valued.about_moves
    # ...nor is what someone was "up to" a move to anywhere
    busy = parse_question(
        "who's the Alibaba founder and what was he up to in aug 2024", ENTITIES, TODAY, VOCAB
    )
    assert not busy.about_moves
    assert parse_question("who is at Alibaba now", ENTITIES, TODAY, VOCAB).about_moves
    # one person described by their job at a company: the story of their move, not the company's moves
    head = parse_question("where did Alibaba's speech lab head end up", ENTITIES, TODAY, VOCAB)
    assert not head.about_moves and [m.entity.name for m in head.origins] == ["Alibaba"]
    assert parse_question("where did the Alibaba people end up", ENTITIES, TODAY, VOCAB).about_moves
    # pulling people out of a company is hiring them away from it
    pulled = parse_question("who all did bytedance pull out of alibaba", ENTITIES, TODAY, VOCAB)
    assert pulled.about_moves and [m.entity.name for m in pulled.origins] == ["Alibaba"]
    # an arrow between two companies is a move from the first to the second, whatever the words before it
    arrow = parse_question("name the people who've gone alibaba -> bytedance", ENTITIES, TODAY, VOCAB)
    assert arrow.about_moves and [m.entity.name for m in arrow.origins] == ["Alibaba"]
    assert [m.entity.name for m in arrow.destinations] == ["ByteDance"]
    # someone's co-founders or team are others than them
    for text in ("who are tan xu's co-founders at Moonshot AI", "did tan xu’s team join Meta"):
        team = parse_question(text, ENTITIES, TODAY, VOCAB)
        assert not team.people and [m.entity.name for m in team.others_than] == ["Tan Xu"], text
    # working for a company is a move, remote work for engineers is not
    assert parse_question("who works for Apple now", ENTITIES, TODAY, VOCAB).about_moves
    assert not parse_question(
        "does Apple offer remote work for engineers", ENTITIES, TODAY, VOCAB
    ).about_moves


@pytest.mark.parametrize(
    ("text", "origins", "destinations"),
    [
        ("who did anthropic pick up from apple and alibaba", ["Apple", "Alibaba"], ["Anthropic"]),
        ("which bytedance / alibaba people jumped ship to meta", ["ByteDance", "Alibaba"], ["Meta"]),
        ("who has poached the most alibaba people", ["Alibaba"], []),  # whose people were taken
        ("did meta or apple hire from alibaba", ["Alibaba"], ["Meta", "Apple"]),
        ("how many of apple's ai people has meta taken", ["Apple"], ["Meta"]),
        ("how many alibaba founders went to meta", ["Alibaba"], ["Meta"]),
        ("meta took which alibaba bytedance execs", ["Alibaba", "ByteDance"], ["Meta"]),  # side by side
        ("when did meta hire the alibaba founders", ["Alibaba"], ["Meta"]),  # founders are a company's people
        ("how many apple ai people went to meta", ["Apple"], ["Meta"]),  # the kind of people between
        ("who's meta been poaching lately", [], ["Meta"]),  # words between the company and what it does
        ("apple keeps losing people, who left", ["Apple"], []),
        ("alibaba to meta moves, how many", ["Alibaba"], ["Meta"]),  # one company "to" another
        ("apple → meta defections", ["Apple"], ["Meta"]),
        # a company named twice has the direction its second naming gives
        ("meta and apple keep swapping ppl, who did apple get from meta", ["Meta"], ["Apple"]),
        # ...unless the namings disagree: the first one's
        ("who did meta take from apple and who did apple take from meta", ["Apple"], ["Meta"]),
        # people "at" a company leave it, unless they join it
        ("whats going on at alibaba, like half the founders bailed?", ["Alibaba"], []),
        ("who joined at meta this year", [], ["Meta"]),
        ("bytedance on a hiring spree now?", [], ["ByteDance"]),
        # where someone was before
        ("the guy who used to be at apple, where did he go", ["Apple"], []),
        ("who do former apple engineers work for now", ["Apple"], []),
    ],
)
def test_names_joined_by_and_or_slash_share_a_direction(
    text: str, origins: list[str], destinations: list[str]
) -> None:
    q = parse_question(text, ENTITIES, TODAY, VOCAB)
    assert [m.entity.name for m in q.origins] == origins
    assert [m.entity.name for m in q.destinations] == destinations


def test_surname_alone_finds_the_person() -> None:
    q = parse_question("where did karpathy go", ENTITIES, TODAY, VOCAB)
    assert [m.entity.name for m in q.people] == ["Andrej Karpathy"]


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("Did Apple hire anyone from xAI?", ("xAI",)),
        ("who did Amazon hire from Nvidia?", ("Amazon", "Nvidia")),
        ("Who did Meta hire from Apple?", ()),
        ("why is there a shortage?", ()),
        ("whats jensen huang's salary", ("jensen huang",)),  # whose, typed in lower case
        ("what's meta's plan", ()),  # a company the articles name
    ],
)
def test_names_the_corpus_never_mentions(text: str, unknown: tuple[str, ...]) -> None:
    assert parse_question(text, ENTITIES, TODAY, VOCAB).unknown_names == unknown


def test_a_share_of_people_right_now_is_no_share_price() -> None:
    assert parse_dates("what share of ppl are open to new jobs right now", TODAY) is None
    live = parse_dates("whats meta's share price right now", TODAY)
    assert live is not None and live.label == "today"
    # ...nor is pay in stock ("paying in stock per employee rn", "stock-based pay right now")
    assert parse_dates("what is openai paying in stock per employee right now", TODAY) is None
    assert parse_dates("how much stock-based pay does openai give right now", TODAY) is None
    stock = parse_dates("whats meta's stock at right now", TODAY)
    assert stock is not None and stock.label == "today"


def test_today_is_a_date_range() -> None:
    parsed = parse_dates("What is Meta's share price today?", TODAY)
    assert parsed is not None and (parsed.start, parsed.end, parsed.label) == (TODAY, TODAY, "today")
    # "right now" is today's only for what changes by the hour; else it asks for the latest
    live = parse_dates("what is openai's valuation right now", TODAY)
    assert live is not None and live.label == "today"
    assert parse_dates("is everyone at chinese ai firms job hunting right now", TODAY) is None


def test_names_with_the_same_key_words_are_one_mention() -> None:
    entities = EntityIndex(
        people=[], orgs=["Meta", "Meta Superintelligence Labs", "Google", "Google DeepMind"]
    )
    q = parse_question("who did meta hire from google?", entities, TODAY, VOCAB | {"google"})
    assert [m.entity.name for m in q.mentions] == ["Meta", "Google"]


@pytest.mark.parametrize(
    ("text", "about_moves"),
    [
        # a move only says when something else happened
        ("did bytedance stock dump when its researchers left", False),
        ("did apple shares fall after Alibaba's people joined", False),
        # ...but a question opening with "when", or "and when", asks about the move
        ("when did they leave apple", True),
        ("and when did he join ByteDance", True),
        ("who did ByteDance hire when its rivals left", True),
    ],
)
def test_a_move_in_a_when_clause_is_a_time_not_what_is_asked(text: str, about_moves: bool) -> None:
    assert parse_question(text, ENTITIES, TODAY, VOCAB).about_moves is about_moves
