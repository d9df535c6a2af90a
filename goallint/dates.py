"""Dates and planning periods, parsed by goallint itself (never by the YAML parser).

A date field holds an ISO date (``2026-03-31``) or a period token. A period token names a
stretch of time: ``2026``, ``2026-H1``, ``2026-Q3``, ``2026-05`` or an ISO range
``2026-01-01..2026-03-31``. Used as a deadline a token means its last day; used as a
start it means its first day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from .messages import msg

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
_YEAR = re.compile(r"(\d{4})\Z")
_HALF = re.compile(r"(\d{4})-[Hh]([12])\Z")
_QUARTER = re.compile(r"(\d{4})-[Qq]([1-4])\Z")
_MONTH = re.compile(r"(\d{4})-(\d{2})\Z")


class DateError(ValueError):
    """The text is not a real date or period; the message says why."""

    @property
    def message(self) -> str:
        """The reason as a finding message that keeps its template (``str(exc)`` would make it plain text)."""
        reason = self.args[0] if self.args else ""
        return reason if isinstance(reason, str) else str(self)


class Period(NamedTuple):
    first: dt.date
    last: dt.date


def parse_date(text: str) -> dt.date:
    match = _DATE.match(text)
    if not match:
        raise DateError(msg("'{text}' is not an ISO date (YYYY-MM-DD)", text=text))
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateError(msg("'{text}' is not a real date ({reason})", text=text, reason=str(exc))) from None


# Values read before, as written: goal files repeat the same few dates thousands of times,
# and several rules read each goal's. Errors are not kept; nor are values past the first 8,192.
_READ: dict[object, Period] = {}  # keys: only str and int
_READ_MAX = 8192


def parse_period(value: object) -> Period:
    """Parse a period token, an ISO date (a one-day period) or an ISO date range."""
    kept = type(value) is str or type(value) is int  # not bool, whose True would find 1
    if kept:
        period = _READ.get(value)
        if period is not None:
            return period
    elif isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError(msg("{value} is not a date or period", value=repr(value)))
    period = _parse_text(str(value).strip())
    if kept and len(_READ) < _READ_MAX:
        _READ[value] = period
    return period


def _parse_text(text: str) -> Period:
    if ".." in text:
        left, _, right = text.partition("..")
        first, last = parse_date(left.strip()), parse_date(right.strip())
        if last < first:
            raise DateError(msg("'{text}' ends before it starts", text=text))
        return Period(first, last)
    if _DATE.match(text):
        day = parse_date(text)
        return Period(day, day)
    if match := _YEAR.match(text):
        year = _year(match.group(1), text)
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if match := _HALF.match(text):
        year, half = _year(match.group(1), text), int(match.group(2))
        return _months(year, 6 * half - 5, 6 * half)
    if match := _QUARTER.match(text):
        year, quarter = _year(match.group(1), text), int(match.group(2))
        return _months(year, 3 * quarter - 2, 3 * quarter)
    if match := _MONTH.match(text):
        year, month = _year(match.group(1), text), int(match.group(2))
        if not 1 <= month <= 12:
            raise DateError(msg("'{text}' names month {month}, which does not exist", text=text, month=month))
        return _months(year, month, month)
    raise DateError(
        msg("'{text}' is not a date or period (use YYYY-MM-DD, YYYY, YYYY-H1, YYYY-Q3, YYYY-MM or a..b)", text=text)
    )


def _year(text: str, whole: str) -> int:
    year = int(text)
    if year < 1:
        raise DateError(msg("'{text}' names year {year}, which does not exist", text=whole, year=year))
    return year


def days_in_month(year: int, month: int) -> int:
    """How many days the month has (the calendar module costs a start-up half a millisecond)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


def _months(year: int, first_month: int, last_month: int) -> Period:
    return Period(dt.date(year, first_month, 1), dt.date(year, last_month, days_in_month(year, last_month)))


def parse_when(value: object, *, end: bool) -> dt.date:
    """A date field's value as a day: a period's last day for a deadline, first for a start."""
    period = parse_period(value)
    return period.last if end else period.first


def day_or_none(value: object, *, end: bool) -> dt.date | None:
    """``parse_when``, or None for a missing or unreadable date (the rule that reports it is T002)."""
    if value is None:
        return None
    try:
        return parse_when(value, end=end)
    except DateError:
        return None


# The other ways of writing a day, for the help of a finding only: matched with re.match,
# so they are compiled (and cached by re) when a date is wrong, not by every start-up.
_DOTTED = r"(\d{1,2})\.(\d{1,2})\.(\d{4})\Z"  # 31.12.2026, as written in much of Europe
_SLASHED = r"(\d{1,2})/(\d{1,2})/(\d{4})\Z"  # 31/12/2026 or 12/31/2026
_YEAR_FIRST = r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\Z"  # 2026/12/31, 2026.12.31, 2026-3-5
_MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_DAY_MONTH = r"(\d{1,2})\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})\Z"  # 31 December 2026
_MONTH_DAY = r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\Z"  # December 31, 2026


def iso_from_common(text: str) -> str | None:
    """The ISO form of a date written in a common other way, when it can only mean one day.

    ``31.12.2026``, ``2026/12/31``, ``2026-3-5``, ``31 December 2026``, ``Dec 31, 2026``;
    ``31/12/2026`` and ``12/31/2026`` only when one of the numbers is above 12, since
    ``01/02/2026`` is a different day on either side of the Atlantic.
    """
    text = text.strip()
    parts: tuple[int, int, int] | None = None
    if match := re.match(_DOTTED, text):
        parts = (int(match.group(3)), int(match.group(2)), int(match.group(1)))
    elif match := re.match(_YEAR_FIRST, text):
        parts = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    elif match := re.match(_SLASHED, text):
        first, second, year = (int(group) for group in match.groups())
        if first > 12 >= second:
            parts = (year, second, first)
        elif second > 12 >= first:
            parts = (year, first, second)
    elif (match := re.match(_DAY_MONTH, text)) and match.group(2).casefold() in _MONTHS:
        parts = (int(match.group(3)), _MONTHS[match.group(2).casefold()], int(match.group(1)))
    elif (match := re.match(_MONTH_DAY, text)) and match.group(1).casefold() in _MONTHS:
        parts = (int(match.group(3)), _MONTHS[match.group(1).casefold()], int(match.group(2)))
    if parts is None:
        return None
    try:
        day = dt.date(*parts)
    except ValueError:
        return None
    return day.isoformat() if day.year >= 1000 else None
