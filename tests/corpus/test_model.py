"""The article and move models: partial dates read and written as the articles write them."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus.model import date_label, date_period, dated


@pytest.mark.parametrize(
    ("when", "label"), [("2025", "2025"), ("2025-07", "July 2025"), ("2025-07-04", "4 July 2025")]
)
def test_dates_are_shown_as_precisely_as_reported(when: str, label: str) -> None:
    assert date_label(when) == label


@pytest.mark.parametrize(
    ("when", "first", "last"),
    [
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2025-07-04", dt.date(2025, 7, 4), dt.date(2025, 7, 4)),
    ],
)
def test_a_partial_date_covers_its_whole_year_month_or_day(when: str, first: dt.date, last: dt.date) -> None:
    assert date_period(when) == (first, last)


def test_a_date_in_brackets_after_what_it_dates_or_nothing() -> None:
    assert dated("2025-07") == " (July 2025)"
    assert dated(None) == ""
