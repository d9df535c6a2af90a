"""Progress arithmetic shared by the rules (A003, M009) and the reports.

One implementation, so that a rule's message and a report's chart never disagree.

Where a goal stands (``standing()``), decided in this order:

1. ``done`` or ``dropped`` when the goal's own ``status`` says so.
2. ``not started`` when today is before the goal's start.
3. ``overdue`` when the deadline has passed and the latest check-in had not reached
   the target (or there is none).
4. ``no data`` without a numeric baseline and target, or without any check-in.
5. ``on track`` when the latest check-in has reached the target (or, for a maintain
   goal, stays within the tolerance of it).
6. Otherwise the forecast decides. The forecast is the value a straight line reaches at
   the deadline: fitted through the check-ins when there are two or more on different
   days, else drawn from the baseline (at ``baseline_date``, else ``start``) through the
   one check-in. Its shortfall is measured in shares of the baseline-to-target distance:
   at most the tolerance (``pace_tolerance_percent``, 10) is ``on track``, at most 2.5
   times it is ``at risk``, more is ``off track``. Without a forecast (no dates to draw
   a line) the share of progress is compared with the share of time elapsed instead,
   with the same thresholds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import DateError, parse_when
from .model import Checkin, Item

STANDINGS = ("done", "on track", "at risk", "off track", "not started", "overdue", "no data", "dropped")
RISK_FACTOR = 2.5


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


def baseline_day(item: Item) -> dt.date | None:
    """When the baseline was true: ``metric.baseline_date``, else the start."""
    metric = item.metric or {}
    try:
        return parse_when(metric["baseline_date"], end=True) if "baseline_date" in metric else item.start
    except DateError:
        return item.start


def forecast(item: Item) -> float | None:
    """The value expected at the deadline at the current pace (see the module docstring)."""
    if item.deadline is None:
        return None
    fitted = linear_forecast(item, item.deadline)
    if fitted is not None:
        return fitted
    latest, since = last_checkin(item), baseline_day(item)
    if latest is None or item.baseline is None or since is None or latest.date <= since:
        return None
    slope = (latest.value - item.baseline) / (latest.date - since).days
    return latest.value + slope * (item.deadline - latest.date).days


@dataclass(frozen=True)
class Standing:
    status: str
    progress: float | None  # true value, not clamped
    elapsed: float | None
    forecast: float | None


def standing(item: Item, today: dt.date, tolerance_percent: float = 10) -> Standing:
    """Where the goal stands on ``today``; the rules are in the module docstring."""
    share = progress(item)
    time_share = elapsed(item, today)
    expected = forecast(item)

    def result(status: str) -> Standing:
        return Standing(status, share, time_share, expected)

    if item.status in ("done", "dropped"):
        return result(item.status)
    if item.start is not None and today < item.start:
        return result("not started")
    latest = last_checkin(item)
    base, target = item.baseline, item.target
    reached = share is not None and share >= 1
    if item.deadline is not None and today > item.deadline and not reached:
        return result("overdue")
    if base is None or target is None or latest is None:
        return result("no data")
    tolerance = tolerance_percent / 100
    if item.direction == "maintain" or target == base:
        scale = abs(target) or 1.0
        miss = abs(latest.value - target) / scale
        return result("on track" if miss <= tolerance else "at risk" if miss <= RISK_FACTOR * tolerance
                      else "off track")
    if share is None:  # a goal with a baseline, a target and a check-in has a share; kept for the types
        return result("no data")
    if reached:
        return result("on track")
    if expected is not None:
        shortfall = 1 - (expected - base) / (target - base)
    elif time_share is not None:
        shortfall = min(time_share, 1.0) - share
    else:
        return result("no data")
    if shortfall <= tolerance:
        return result("on track")
    return result("at risk" if shortfall <= RISK_FACTOR * tolerance else "off track")
