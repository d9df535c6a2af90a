"""The metric model: kind, scale, direction, plan, and the one status function."""

from __future__ import annotations

import datetime as dt

import pytest

from goallint import metrics

TODAY = dt.date(2026, 10, 15)


def one(lint_result, body: str, today: dt.date = TODAY):
    """The single goal of a file whose goal keys are ``body``."""
    result = lint_result("version: 1\ngoals:\n  - id: g\n    title: t\n" + body, today=today)
    return next(item for item in result.items if item.kind == "goal")


@pytest.mark.parametrize(("metric", "kind", "low", "high"), [
    ("{unit: '%', baseline: 10, target: 35}", "percent", 0, 100),
    ("{unit: percent, baseline: 10, target: 35}", "percent", 0, 100),
    ("{unit: '%', baseline: 80, target: 150}", "percent", None, None),  # a growth rate past 100 is no share
    ("{name: customer NPS, unit: points, baseline: -20, target: 10}", "score", -100, 100),
    ("{unit: MNOK, baseline: 3.2, target: 4}", "amount", None, None),
    ("{unit: NOK/month, baseline: 3, target: 4}", "amount", None, None),
    ("{unit: leads, baseline: 3, target: 4}", "count", 0, None),
    ("{unit: points, min: 1, max: 5, baseline: 4.1, target: 4.4}", "count", 1, 5),
    ("{kind: score, unit: points, min: 0, max: 10, baseline: 7, target: 8}", "score", 0, 10),
])
def test_kind_and_scale(lint_result, metric, kind, low, high):
    measure = one(lint_result, f"    metric: {metric}\n").measure
    assert (measure.kind, measure.scale.low, measure.scale.high) == (kind, low, high)


@pytest.mark.parametrize(("title", "metric", "direction", "inferred"), [
    ("Keep CSAT at least 4.5", "{baseline: 4.6, target: 4.5}", "at_least", "title"),
    ("Hold uptime at 99.9 % or above", "{baseline: 99.95, target: 99.9, direction: maintain}", "at_least", "title"),
    ("Keep first response under 4 hours", "{baseline: 3, target: 4}", "at_most", "title"),
    ("Minst 40 kundemøter i kvartalet", "{baseline: 42, target: 40}", "at_least", "title"),
    ("Redusere sykefraværet", "{target: 4}", "decrease", "title"),
    ("Reduce churn from 6 % to 4 %", "{baseline: 6, target: 4}", "decrease", "numbers"),
    ("Keep the NPS", "{baseline: 40, target: 40}", "maintain", "title"),
    ("Reach 400 leads", "{baseline: 250, target: 400}", "increase", "numbers"),
    ("Reach 400 leads", "{baseline: 250, target: 400, direction: at_most}", "at_most", None),
    ("Grow revenue", "{baseline: 5, target: 4}", "decrease", "numbers"),  # the numbers win a contradiction
])
def test_direction(lint_result, title, metric, direction, inferred):
    result = lint_result(f"version: 1\ngoals:\n  - id: g\n    title: {title}\n    metric: {metric}\n")
    found = result.items[0].measure.direction
    assert (found.value, found.inferred) == (direction, inferred)


def test_title_direction_words():
    assert metrics.title_direction("Cut lost-time injuries to zero") == ("decrease", "Cut")
    assert metrics.title_direction("No more than 2 P1 incidents a quarter") == ("at_most", "No more than")
    assert metrics.title_direction("Under-30 segment revenue") is None  # a hyphenated word is not the bound
    assert metrics.title_direction("Launch the new web shop") is None


PLANNED = """\
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 0, baseline_date: 2025-12-31, target: 48, unit: MNOK}
    milestones:
      - {date: 2026-03-31, target: 8}
      - {date: 2026-06-30, target: 18}
      - {date: 2026-09-30, target: 28}
"""


def test_plan_is_piecewise_through_the_milestones(lint_result):
    measure = one(lint_result, PLANNED).measure
    assert measure.planned_value(dt.date(2025, 6, 1)) == 0
    assert measure.planned_value(dt.date(2026, 3, 31)) == 8
    assert measure.planned_value(dt.date(2026, 8, 15)) == pytest.approx(18 + 10 * 46 / 92)
    assert measure.planned_value(dt.date(2026, 12, 31)) == 48
    assert measure.planned_value(dt.date(2027, 6, 1)) == 48


@pytest.mark.parametrize(("value", "status", "lag"), [
    (28.2, "on track", -0.2 / 48), (24, "on track", 4 / 48), (17, "at risk", 11 / 48), (12, "off track", 16 / 48),
    (49, "on track", 0.0),  # reached: never short
])
def test_assess_against_the_plan(lint_result, value, status, lag):
    item = one(lint_result, PLANNED + f"    checkins:\n      - {{date: 2026-09-30, value: {value}}}\n")
    found = metrics.assess(item, TODAY)
    assert (found.status, found.lag) == (status, pytest.approx(lag))
    assert metrics.assess(item, TODAY).status == status  # the report's status is the same
    if status != "on track" or value < 48:
        assert metrics.forecast(item) == pytest.approx(value + 20)  # the rest of the plan added to the latest value


def test_assess_order_and_stale(lint_result):
    body = """\
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 250, target: 400, cadence: monthly}
    checkins:
      - {date: 2026-08-31, value: 340}
      - {date: 2026-11-30, value: 390}
"""
    item = one(lint_result, body)
    assert item.measure.latest.value == 340  # the future check-in is no measurement
    assert metrics.assess(item, TODAY).status == "on track"
    assert metrics.assess(item, TODAY, stale_after_days=30).status == "stale"  # 45 days > monthly (31)
    assert metrics.assess(item, dt.date(2025, 12, 1)).status == "not started"
    assert metrics.assess(item, dt.date(2027, 1, 15)).status == "overdue"
    assert metrics.stale_limit(item, 30) == 31
    assert metrics.days_unmeasured(item, TODAY) == (45, dt.date(2026, 8, 31))


@pytest.mark.parametrize(("direction", "value", "tolerance", "status"), [
    ("maintain", 97, "", "on track"),
    ("maintain", 115, "", "at risk"),
    ("maintain", 120, ", tolerance: 2", "off track"),
    ("at_least", 140, "", "on track"),
    ("at_least", 90, ", tolerance: 10", "on track"),
    ("at_least", 80, ", tolerance: 10", "at risk"),
    ("at_most", 140, ", tolerance: 10", "off track"),
])
def test_levels_to_hold(lint_result, direction, value, tolerance, status):
    item = one(lint_result, f"""\
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {{baseline: 100, target: 100, direction: {direction}{tolerance}}}
    checkins:
      - {{date: 2026-09-30, value: {value}}}
""")
    assert item.measure.movement is None
    assert metrics.assess(item, TODAY).status == status


@pytest.mark.parametrize(("metric", "headroom"), [
    ("{unit: '%', baseline: 6, target: 1.5}", 0.75),
    ("{unit: '%', baseline: 94, target: 98.5}", 0.75),
    ("{unit: '%', baseline: 99.5, target: 99.9}", 0.8),
    ("{unit: NPS, baseline: -20, target: 70}", 0.75),
])
def test_change_on_a_bounded_scale(lint_result, metric, headroom):
    change = metrics.change(one(lint_result, f"    metric: {metric}\n"))
    assert change is not None and change.bounded
    assert change.headroom == pytest.approx(headroom)


def test_no_change_for_a_level_to_hold(lint_result):
    assert metrics.change(one(lint_result, "    metric: {baseline: 4.6, target: 4.5, direction: at_least}\n")) is None
    assert metrics.change(one(lint_result, "    metric: {baseline: 4.4, target: 4.5, direction: at_least}\n")) \
        .movement == "increase"
