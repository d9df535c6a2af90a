"""Progress arithmetic for the reports, kept for its callers: goallint.metrics decides.

Every function here delegates to ``goallint.metrics``, the one place that decides a
goal's plan, pace and status (its module docstring gives the order of the rules), so
that a rule's message and a report's chart never disagree. Check-ins dated after today
are not measurements: they count neither as the latest value nor in the forecast.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import metrics
from .model import Checkin, Item

STANDINGS = ("done", "on track", "at risk", "off track", "not started", "overdue", "no data", "dropped")


def last_checkin(item: Item) -> Checkin | None:
    """The latest check-in dated on or before today."""
    return item.measure.latest


def baseline_day(item: Item) -> dt.date | None:
    """When the baseline was true: ``metric.baseline_date``, else the start."""
    return item.measure.origin


def forecast(item: Item) -> float | None:
    """The value expected at the deadline at the current pace (see goallint.metrics)."""
    return metrics.forecast(item)


@dataclass(frozen=True)
class Standing:
    status: str
    progress: float | None  # true value, not clamped
    elapsed: float | None
    forecast: float | None


def standing(item: Item, today: dt.date, tolerance_percent: float = 10) -> Standing:
    """Where the goal stands on ``today``: ``metrics.assess`` without the stale status."""
    found = metrics.assess(item, today, tolerance_percent)
    return Standing(found.status, found.progress, found.elapsed, found.forecast)
