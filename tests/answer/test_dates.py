"""The recap's date styles: the default keeps the recap's English dates; the others write them as chosen."""

from __future__ import annotations

import datetime as dt

import pytest

from answer.dates import DEFAULT, STYLES, date_style
from answer.recap import Recap, recap_text
from answer.recap_flows import company_flows

JUNE_1, JUNE_7, NEW_YEAR = dt.date(2026, 6, 1), dt.date(2026, 6, 7), dt.date(2027, 1, 2)


@pytest.mark.parametrize(
    ("code", "same_year", "across_years"),
    [
        ("en", "01 Jun – 07 Jun 2026", "01 Jun 2026 – 02 Jan 2027"),
        ("en-US", "Jun 1 – Jun 7, 2026", "Jun 1, 2026 – Jan 2, 2027"),
        ("iso", "2026-06-01 – 2026-06-07", "2026-06-01 – 2027-01-02"),
        ("de", "1.6. – 7.6.2026", "1.6.2026 – 2.1.2027"),
        ("fr", "1 juin – 7 juin 2026", "1 juin 2026 – 2 janv. 2027"),
        ("es", "1 jun – 7 jun 2026", "1 jun 2026 – 2 ene 2027"),
        ("zh", "6月1日 – 2026年6月7日", "2026年6月1日 – 2027年1月2日"),
    ],
)
def test_each_style_writes_a_week(code: str, same_year: str, across_years: str) -> None:
    style = date_style(code)
    assert style.code == code
    assert (style.period(JUNE_1, JUNE_7), style.period(JUNE_1, NEW_YEAR)) == (same_year, across_years)


def test_no_choice_or_a_withdrawn_one_gets_the_default() -> None:
    assert date_style(None) is DEFAULT and date_style("tlh") is DEFAULT
    assert len({s.code for s in STYLES}) == len(STYLES)


def test_the_recap_writes_its_title_in_the_chosen_style() -> None:
    recap = Recap(JUNE_1, JUNE_7, (), (), (), (), company_flows([], JUNE_1, JUNE_7), None)
    assert recap_text(recap).startswith("AI talent war — weekly recap, 01 Jun – 07 Jun 2026")
    assert recap_text(recap, date_style("iso")).startswith(
        "AI talent war — weekly recap, 2026-06-01 – 2026-06-07"
    )
