"""Events an article dates in its text: the lines a timeline has beyond headlines and recorded moves."""

from __future__ import annotations

import datetime as dt

import pytest

from answer.dated_sentences import (
    MAX_DATED_WORDS,
    dated_sentences,
    most_precise,
    news_date,
    on_topic,
    sentence_date,
    step_year,
)

JANUARY = dt.date(2026, 1, 5)


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        ("On 23 December 2025 a judge upheld the fee.", "2025-12-23"),
        ("It was signed on September 19, 2025 by the president.", "2025-09-19"),
        # no year: the latest such day up to the article (a January article's "23 December" is last year's)
        ("The ruling came on 23 December.", "2025-12-23"),
        ("Meta agreed in December 2025 to buy Manus.", "2025-12"),
        ("A decree in late May 2025 set it up.", "2025-05"),
        # a date naming a thing, not the time of an event
        ("For OpenAI, the August 2024 changes thin out the group.", None),
        ("Zuckerberg's 30 June 2025 memo named eleven people.", None),
        # a bare month or year is too loose to date a line
        ("The firm hired in June and again in 2024.", None),
        # ...but a part of a month dates it, in the year up to the article
        ("Reuters then reported, around late March, that the founders were barred from leaving.", "2025-03"),
        ("The talks began in early December.", "2025-12"),
    ],
)
def test_the_date_a_sentence_gives_an_event(sentence: str, when: str | None) -> None:
    assert sentence_date(sentence, JANUARY) == when


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("Tworek joined OpenAI in 2019 and became one of its best-known researchers.", "2019"),
        ("He co-founded Character.AI in 2021.", "2021"),
        ("Hiring in 2025 rose sharply.", None),  # a period, not a step of anyone's path
        ("She joined Meta in June 2025.", None),  # dated to the month: `sentence_date`'s
    ],
)
def test_a_step_of_a_path_is_dated_by_its_year(sentence: str, year: str | None) -> None:
    assert step_year(sentence, JANUARY) == year


def test_only_events_before_the_articles_own_news_are_lines() -> None:
    sentences = [
        "The appeals court agreed on 5 January 2026 to hear the case quickly.",  # the day it reports
        "The plaintiffs had filed their appeal on 2 January 2026.",
        "On 23 December 2025 a judge upheld the fee.",
        "The fee was introduced in September 2025.",
        "Oral argument is set for 20 February 2026.",  # a plan, not yet an event
        "**Update (May 2026):** The fee still stands.",  # an editor's note
        "Reuters reported the decision in January 2026.",  # the month it reports
    ]
    assert [(i, when) for i, when, _ in dated_sentences(sentences, JANUARY)] == [
        (1, "2026-01-02"),
        (2, "2025-12-23"),
        (3, "2025-09"),
    ]
    # the news of the week is the first day given in it, in the lede or later ("sent the memo around 28 June")
    memo = [
        "OpenAI's research chief told staff Meta had broken in.",
        "Chen sent the memo around 28 June 2025.",
    ]
    assert list(dated_sentences(memo, dt.date(2025, 6, 30))) == []


def test_a_day_fixed_in_advance_is_a_line_once_it_has_come_by_the_newest_article_but_a_plan_is_not() -> None:
    sentences = [
        "China created the visa by a decree signed on 14 August 2025.",
        "The new visa takes effect on 1 October 2025.",
        "A review is due in March 2027.",
        "The agency plans to open a second office in January 2026.",
    ]
    published = dt.date(2025, 8, 15)
    assert [when for _, when, _ in dated_sentences(sentences, published)] == []
    lines = dated_sentences(sentences, published, until=dt.date(2026, 7, 1))
    assert [(i, when) for i, when, _ in lines] == [(1, "2025-10-01")]


def test_a_long_sentence_is_cut_to_its_clause_with_the_date() -> None:
    long = (
        "The fee has been fought in several courts by many groups of employers and universities across the "
        "country for months; on 23 December 2025 a judge in Washington dismissed the first suit brought by the "
        "Chamber of Commerce, finding the charge within the president's power over entry to the country"
    )
    [(_, when, text)] = dated_sentences(["The fee stands.", long], JANUARY)
    assert when == "2025-12-23"
    assert text.startswith("on 23 December 2025 a judge in Washington dismissed")
    assert len(text.split()) <= MAX_DATED_WORDS + 1


def test_the_day_the_news_happened_is_the_ledes_not_the_publications() -> None:
    september = dt.date(2025, 9, 22)
    lede = ["A $100,000 fee now applies under a proclamation signed on 19 September 2025.", "More follows."]
    assert news_date(lede, september) == "2025-09-19"
    assert news_date(["A judge ruled on 23 December 2024."], september) == "2025-09-22"  # not this week's
    assert news_date(
        ["Staff were told.", "Chen sent the memo around 28 June 2025."], dt.date(2025, 6, 30)
    ) == ("2025-06-28")
    # a lede's day within a month of publication, before a later note of the week: the round, not the note
    round_up = [
        "A seed round was reported by CNBC on 27 April 2026.",
        "Nvidia said on 13 May 2026 it had joined.",
    ]
    assert news_date(round_up, dt.date(2026, 5, 14)) == "2026-04-27"
    assert news_date(["A judge ruled on 1 March 2026.", "More."], dt.date(2026, 5, 14)) == "2026-05-14"


def test_one_line_per_day_and_a_month_only_without_its_days() -> None:
    whens = ["2025-09", "2025-09-19", "2025-09-19", "2025-12", "2026-01-05"]
    assert most_precise(whens) == [1, 3, 4]


def test_a_topic_word_is_found_however_it_is_written() -> None:
    assert on_topic("New H-1B petitions carry fees.", ["h1b"])
    assert not on_topic("China created a K visa.", ["h1b", "fee"])
