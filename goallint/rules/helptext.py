"""Small pieces the M, A, T and R rules build their help lines from: numbers and dates shown plainly."""

from __future__ import annotations

import datetime as dt
import math
import re

from ..diagnostics import Span
from ..fixes import Edit
from ..model import Item

_UNIT_WORDS = re.compile(r"\b(?:percent|percentage|rate|share|ratio)\b|%", re.IGNORECASE)
_PER = re.compile(r"([\w-]+)\s+(?:per|a|each)\s+(\w+)\s*$", re.IGNORECASE)


def num(value: float) -> str:
    """A number as a person writes it in a goal file: three significant figures, no exponent."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    digits = max(0, 2 - math.floor(math.log10(abs(value))))
    rounded = round(value, digits)
    text = f"{rounded:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


_QUARTER_LAST = ((3, 31), (6, 30), (9, 30), (12, 31))


def quarter_ends(start: dt.date, deadline: dt.date) -> list[dt.date]:
    """The last days of the calendar quarters that end after ``start`` and before ``deadline``."""
    days = (dt.date(year, month, day) for year in range(start.year, deadline.year + 1)
            for month, day in _QUARTER_LAST)
    return [day for day in days if start < day < deadline]


def quarter_end_before(day: dt.date) -> dt.date:
    """The last day of the latest calendar quarter that ends on or before ``day``."""
    ends = [dt.date(year, month, last) for year in {max(day.year - 1, 1), day.year} for month, last in _QUARTER_LAST]
    return max((end for end in ends if end <= day), default=day)


def milestone_plan(item: Item, shown: int = 4) -> str | None:
    """``2026-03-31 → 287, 2026-06-30 → 325, …``: the straight plan's value at each quarter's end."""
    if item.start is None or item.deadline is None:
        return None
    days = quarter_ends(item.start, item.deadline)
    if not days:
        return None
    base, target = item.baseline, item.target
    if base is None or target is None:
        parts = [str(day) for day in days[:shown]]
    else:
        step = abs(target - base)
        decimals = 0 if step >= 10 else 1 if step >= 1 else 2
        parts = [f"{day} → {_rounded(item.measure.planned_value(day), decimals)}" for day in days[:shown]]
    return ", ".join(parts) + (", …" if len(days) > shown else "")


def _rounded(value: float | None, decimals: int) -> str:
    if value is None:
        return "?"
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def guess_unit(name: str | None) -> str | None:
    """What a metric's name says it counts: ``inbound leads per month`` -> ``leads/month``, a rate -> ``%``;
    None when the name does not say."""
    if not name:
        return None
    if _UNIT_WORDS.search(name):
        return "%"
    per = _PER.search(name)
    return f"{per.group(1).lower()}/{per.group(2).lower()}" if per else None


def unit_words(unit: str) -> str | None:
    """A rate's unit read out as words: ``leads/month`` -> ``leads per month``; None for other units."""
    parts = unit.split("/")
    return " per ".join(part.strip() for part in parts) if len(parts) == 2 and all(p.strip() for p in parts) else None


def insert_key(item: Item, mapping: tuple[str | int, ...], key: str, value: str) -> Edit | None:
    """An edit that adds ``key: value`` to the mapping at ``mapping``, before its first key.

    Written the mapping's way: ``key: value, `` inside a flow mapping, a line of its own at
    the same indentation in a block mapping. None when the mapping is empty or its layout
    is not plain (the first key not where the mapping starts, nor just after its brace).
    """
    data: object = item.data
    for part in mapping:
        data = data.get(part) if isinstance(data, dict) else None
    if not isinstance(data, dict) or not data:
        return None
    first = item.key_at(*mapping, next(iter(data)))
    whole = item.at(*mapping)
    at = Span.point(first.line, first.column)
    if (whole.line, whole.column) == (first.line, first.column):
        return Edit(at, f"{key}: {value}\n{' ' * (first.column - 1)}")
    if whole.line == first.line and whole.column < first.column:
        return Edit(at, f"{key}: {value}, ")
    return None
