"""Progress arithmetic shared by the rules (A003, M009) and, later, the reports.

One implementation, so that a rule's message and a report's chart never disagree.
"""

from __future__ import annotations

import datetime as dt

from .model import Checkin, Item


def last_checkin(item: Item) -> Checkin | None:
    checkins = item.checkins
    return checkins[-1] if checkins else None


def progress(item: Item) -> float | None:
    """(latest value - baseline) / (target - baseline); unclamped, None when undefined."""
    latest = last_checkin(item)
    if latest is None or item.baseline is None or item.target is None or item.target == item.baseline:
        return None
    return (latest.value - item.baseline) / (item.target - item.baseline)


def elapsed(item: Item, today: dt.date) -> float | None:
    """Share of the start..deadline span that has passed by ``today``; unclamped."""
    if item.start is None or item.deadline is None or item.deadline <= item.start:
        return None
    return (today - item.start).days / (item.deadline - item.start).days


def linear_forecast(item: Item, day: dt.date) -> float | None:
    """The value a least-squares straight line through the check-ins reaches on ``day``.

    Needs two check-ins on different dates.
    """
    points = [(c.date.toordinal(), c.value) for c in item.checkins]
    if len({x for x, _ in points}) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    slope = sxy / sxx
    return mean_y + slope * (day.toordinal() - mean_x)
