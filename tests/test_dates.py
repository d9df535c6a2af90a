"""Dates and period tokens, parsed by goallint itself."""

from __future__ import annotations

import datetime as dt

import pytest

from goallint.dates import DateError, Period, parse_period, parse_when

D = dt.date


@pytest.mark.parametrize(
    ("token", "first", "last"),
    [
        ("2026", D(2026, 1, 1), D(2026, 12, 31)),
        (2026, D(2026, 1, 1), D(2026, 12, 31)),
        ("2026-H1", D(2026, 1, 1), D(2026, 6, 30)),
        ("2026-h2", D(2026, 7, 1), D(2026, 12, 31)),
        ("2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
        ("2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("2028-02", D(2028, 2, 1), D(2028, 2, 29)),
        ("2026-03-31", D(2026, 3, 31), D(2026, 3, 31)),
        ("2026-01-01..2026-03-31", D(2026, 1, 1), D(2026, 3, 31)),
    ],
)
def test_periods(token, first, last):
    assert parse_period(token) == Period(first, last)


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("2026-02-30", "'2026-02-30' is not a real date (day is out of range for month)"),
        ("2026-13", "'2026-13' names month 13, which does not exist"),
        ("Q3", "'Q3' is not a date or period (use YYYY-MM-DD, YYYY, YYYY-H1, YYYY-Q3, YYYY-MM or a..b)"),
        ("soon", "'soon' is not a date or period (use YYYY-MM-DD, YYYY, YYYY-H1, YYYY-Q3, YYYY-MM or a..b)"),
        ("2026-Q5", "'2026-Q5' is not a date or period (use YYYY-MM-DD, YYYY, YYYY-H1, YYYY-Q3, YYYY-MM or a..b)"),
        ("2026-03-31..2026-01-01", "'2026-03-31..2026-01-01' ends before it starts"),
        ("0000", "'0000' names year 0, which does not exist"),
        (True, "True is not a date or period"),
    ],
)
def test_invalid(token, message):
    with pytest.raises(DateError) as error:
        parse_period(token)
    assert str(error.value) == message


def test_start_and_deadline_read_a_token_from_opposite_ends():
    assert parse_when("2026-Q1", end=False) == D(2026, 1, 1)
    assert parse_when("2026-Q1", end=True) == D(2026, 3, 31)
