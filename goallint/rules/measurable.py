"""M rules: is the goal measurable? How much, how many, how often, measured the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .. import metrics
from ..diagnostics import Problem, Severity, Span
from ..fixes import Edit, Fix
from ..model import Item, is_blank, number
from ..plugin import CheckContext, Rule


class MetricMissing(Rule):
    """The goal has no metric.

    What it checks:
    That every goal has a `metric:` mapping.

    Why it matters:
    Measurable means anyone can see whether the goal was reached. Without a metric there
    is no number to take the pulse of progress with, and no way to know when to celebrate.

    Example:
        - id: brand
          title: Be the best-known agency in Bergen

    Fix:
    Add `metric:` with `name`, `unit`, `baseline`, `target` and `source`.
    """

    code = "M001"
    missing_key = "metric"
    name = "metric-missing"
    letter = "M"
    severity = Severity.ERROR

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.data.get("metric") is None:
            yield Problem(item.start_span, "goal has no metric: say what number shows it is reached")


class TargetNotNumeric(Rule):
    """The metric's target is missing or not a number.

    What it checks:
    That `metric.target` is present and a number. Words ("lots", "more", "done"), booleans
    and quoted numbers are reported.

    Why it matters:
    "How much?" needs a number. A yes/no target cannot show progress along the way, and a
    word like "more" is reached by any change at all.

    Example:
        metric:
          name: inbound leads per month
          target: lots

    Fix:
    Write the number that means done: `target: 400`.
    """

    code = "M002"
    missing_key = "metric.target"
    fixable = "safe"
    name = "target-not-numeric"
    letter = "M"
    severity = Severity.ERROR

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        metric = item.metric
        if metric is None:
            return
        if "target" not in metric or metric["target"] is None:
            yield Problem(item.at("metric"), "metric has no target: say how much means done")
        elif item.target is None and not _beyond_range(metric["target"]):  # out of range: E002's finding
            value = metric["target"]
            shown = f"'{value}'" if isinstance(value, str) else str(value).lower()
            hint = " (remove the quotes)" if isinstance(value, str) and _is_number(value) else ""
            span = item.at("metric", "target")
            yield Problem(span, f"target {shown} is not a number{hint}", fix=_unquote_fix(value, span))


# A number as goal files read it unquoted: no leading zeros, no thousands separators.
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\Z")


def _unquote_fix(value: Any, span: Span) -> Fix | None:
    """``"20"`` -> ``20``, when the quoted text reads back unquoted as that very number."""
    if not isinstance(value, str) or not _PLAIN_NUMBER.match(value):
        return None
    if span.line != span.end_line or span.end_column - span.column != len(value) + 2:
        return None  # not a one-line quoted scalar spelling exactly this text
    return Fix("remove the quotes around the number", (Edit(span, value),))


def _is_number(value: str) -> bool:
    try:
        float(value.replace(",", ""))
    except ValueError:
        return False
    return True


class _MetricField(Rule):
    """Shared logic of the rules that ask for a metric field to be filled in."""

    key = ""
    missing = ""
    letter = "M"

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        metric = item.metric
        if metric is not None and is_blank(metric.get(self.key)):
            yield Problem(item.at("metric"), self.missing)


class BaselineMissing(_MetricField):
    """The metric has no baseline: the zero point is unknown.

    What it checks:
    That `metric.baseline` is present.

    Why it matters:
    Before setting a goal, know where you stand: traffic by source, leads per month, the
    share of leads that close. The baseline is the zero point every goal is measured
    from; without it neither ambition nor progress can be judged.

    Example:
        metric:
          name: inbound leads per month
          target: 400

    Fix:
    Add `baseline:` with today's value, and `baseline_date:` with when it was measured.
    """

    code = "M003"
    missing_key = "metric.baseline"
    name = "baseline-missing"
    severity = Severity.WARNING
    key = "baseline"
    missing = "metric has no baseline: say where you stand today"


class UnitMissing(_MetricField):
    """The metric has no unit.

    What it checks:
    That `metric.unit` is present and not empty.

    Why it matters:
    "400" what? Leads, visits, NOK, percent? A number without a unit is measured
    differently by each reader.

    Example:
        metric:
          name: inbound leads
          baseline: 250
          target: 400

    Fix:
    Add `unit: leads/month`.
    """

    code = "M004"
    missing_key = "metric.unit"
    name = "unit-missing"
    severity = Severity.WARNING
    key = "unit"
    missing = "metric has no unit"


class DirectionMismatch(Rule):
    """The stated direction contradicts the baseline and target.

    What it checks:
    With `direction: increase` the target must be above the baseline; with
    `direction: decrease` below it.

    Why it matters:
    Either the direction or one of the numbers is wrong, and progress would be computed
    backwards: the goal would look on track while it gets worse.

    Example:
        metric:
          baseline: 4.1
          target: 3.0
          direction: increase

    Fix:
    Correct the direction, or the number that is wrong. Leave `direction` out to have it
    inferred from baseline and target.
    """

    code = "M005"
    name = "direction-mismatch"
    letter = "M"
    severity = Severity.ERROR

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        metric = item.metric
        base, target = item.baseline, item.target
        if metric is None or base is None or target is None:
            return
        direction = metric.get("direction")
        if direction == "increase" and target <= base:
            yield Problem(item.at("metric", "direction"),
                          f"direction is increase but target {target:g} is not above baseline {base:g}")
        elif direction == "decrease" and target >= base:
            yield Problem(item.at("metric", "direction"),
                          f"direction is decrease but target {target:g} is not below baseline {base:g}")


class SourceMissing(_MetricField):
    """The metric does not say where the number is read.

    What it checks:
    That `metric.source` is present and not empty.

    Why it matters:
    Quantitative data must be measured and analysed the same way every time. Naming the
    source (a dashboard, a report, a query) is what makes the next check-in comparable
    with the last.

    Example:
        metric:
          name: organic visits per month
          target: 18000

    Fix:
    Add `source: Google Analytics, organic channel, monthly users`.
    """

    code = "M006"
    missing_key = "metric.source"
    name = "source-missing"
    severity = Severity.WARNING
    key = "source"
    missing = "metric names no data source: say where the number is read"


class MilestonesMissing(Rule):
    """A long goal has no milestones.

    What it checks:
    Goals whose span, counted in days from `start` to `deadline` with both days
    included, is longer than `milestone_after_days` (92, the longest calendar quarter,
    so a one-quarter goal never needs them, whichever quarter it is) must list at
    least one entry under `milestones`. Goals that hold a level (maintain, or an
    at_least/at_most bound the baseline already meets) are skipped: their check-ins are
    the pulse.

    Why it matters:
    Measuring along the way is how a team notices that results lag and changes tactics in
    time. A year-long goal with only an end date is checked once, when it is too late.

    Example:
        start: 2026-01-01
        deadline: 2026-12-31
        metric: {baseline: 250, target: 400, unit: leads/month}

    Fix:
    Add `milestones:` with a date and target per quarter, e.g. `{date: 2026-03-31, target: 290}`.
    """

    code = "M007"
    name = "milestones-missing"
    letter = "M"
    severity = Severity.WARNING
    skip_statuses = frozenset({"draft"})
    options = {
        "milestone_after_days": {
            "type": "integer", "minimum": 1, "default": 92,
            "description": "Goals spanning more days than this (both ends included) need milestones.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.start is None or item.deadline is None or item.milestones:
            return
        days = (item.deadline - item.start).days + 1
        limit = ctx.options["milestone_after_days"]
        holds = days > limit and item.measure.direction is not None and item.measure.movement is None
        if days > limit and not holds:
            yield Problem(item.start_span, f"goal spans {days} days without milestones (limit {limit})")


class MilestoneInconsistent(Rule):
    """Milestones are out of order, outside the goal's dates, or do not lead to the target.

    What it checks:
    Milestone dates must increase and lie between `start` and `deadline`. Milestone
    targets must lie between the baseline and the target and move steadily from one
    towards the other.

    Why it matters:
    Milestones are the pulse checks of a measurable goal; one that points backwards or
    beyond the deadline checks nothing and makes progress look better or worse than it is.

    Example:
        metric: {baseline: 250, target: 400}
        milestones:
          - {date: 2026-06-30, target: 320}
          - {date: 2026-03-31, target: 290}

    Fix:
    Order the milestones by date and give each a target between the previous one and the
    final target.
    """

    code = "M008"
    name = "milestone-inconsistent"
    letter = "M"
    severity = Severity.WARNING

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        previous_date = None
        previous_target = item.baseline
        base, target, direction = item.baseline, item.target, item.direction
        for milestone in item.milestones:
            where = ("milestones", milestone.index)
            day = milestone.date
            if day is not None:
                if previous_date is not None and day <= previous_date:
                    yield Problem(item.at(*where, "date"),
                                  f"milestone date {day} is not after the previous milestone's {previous_date}")
                elif item.start is not None and day < item.start:
                    yield Problem(item.at(*where, "date"), f"milestone date {day} is before the start {item.start}")
                elif item.deadline is not None and day > item.deadline:
                    yield Problem(item.at(*where, "date"),
                                  f"milestone date {day} is after the deadline {item.deadline}")
                previous_date = day
            value = milestone.target
            if value is None or base is None or target is None or direction not in ("increase", "decrease"):
                continue
            sign = 1 if direction == "increase" else -1
            low, high = sorted((base, target))
            if not low <= value <= high:
                yield Problem(item.at(*where, "target"),
                              f"milestone target {value:g} is outside baseline {base:g} .. target {target:g}")
            elif previous_target is not None and sign * (value - previous_target) < 0:
                yield Problem(item.at(*where, "target"),
                              f"milestone target {value:g} moves away from the target "
                              f"(previous step {previous_target:g})")
            previous_target = value


class CheckinStale(Rule):
    """An active goal has not been measured for too long.

    What it checks:
    For an active goal that has started, the last measurement must be no older than the
    goal's cadence: `metric.cadence` (`weekly` 7 days, `biweekly` 14, `monthly` 31,
    `quarterly` 92, `half-yearly` 183, `yearly` 366, or a number of days), else
    `stale_after_days` (30). The last measurement is the latest check-in dated on or
    before today, or `metric.baseline_date` when that is later; the clock starts no
    earlier than the goal's start. Check-ins dated after today do not count (M010
    reports them).

    Why it matters:
    Taking the pulse regularly is what turns a goal into a tool: lagging results are
    noticed while there is still time to adjust the tactics. How often depends on the
    metric: a quarterly survey is not late after a month.

    Example:
        start: 2026-01-01
        checkins:
          - {date: 2026-02-01, value: 260}
    (and today is 2026-06-01)

    Fix:
    Add a check-in with today's value: `- {date: 2026-06-01, value: 301}`, or set
    `metric.cadence` to how often the number can really be measured.
    """

    code = "M009"
    name = "checkin-stale"
    letter = "M"
    severity = Severity.WARNING
    skip_statuses = frozenset({"draft", "done", "dropped"})
    options = {
        "stale_after_days": {
            "type": "integer", "minimum": 1, "default": 30,
            "description": "Days without a measurement after which a goal without `metric.cadence` is stale.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.start is None or item.start > ctx.today:
            return
        gap = metrics.days_unmeasured(item, ctx.today)
        if gap is None:
            return
        days, since = gap
        default = int(ctx.options["stale_after_days"])
        if days <= default and item.measure.written_cadence_days is None:
            return  # a cadence read from the name is never shorter than the default
        limit = metrics.stale_limit(item, default)
        if days <= limit:
            return
        if item.measure.written_cadence_days is not None:
            rule = f"cadence {item.measure.metric['cadence']}, {limit} days"
        else:
            rule = f"limit {limit} days" if item.measure.cadence_days is None else f"quarterly, {limit} days"
        latest = item.measure.latest
        if latest is not None and latest.date == since:
            yield Problem(item.at("checkins", latest.index, "date"),
                          f"last check-in was {days} days ago ({since}); {rule}")
        elif item.measure.baseline_date == since:
            yield Problem(item.at("metric", "baseline_date"),
                          f"no check-in since the baseline was measured {days} days ago ({since}); {rule}")
        else:
            yield Problem(item.at("start"), f"no check-in since the start {days} days ago ({since}); {rule}")


class CheckinInFuture(Rule):
    """A check-in is dated after today.

    What it checks:
    Every check-in's `date` against today (`--today` or `GOALLINT_TODAY` set it, for
    reproducible runs). A period token counts by its last day. Such a check-in counts
    neither as progress nor as a measurement until its day comes.

    Why it matters:
    A value cannot be measured before its day. A check-in dated in the future is a typo
    in the year or a forecast written as a result; either way it hides that the goal
    has not been measured, and would show progress that has not happened.

    Example:
        checkins:
          - {date: 2027-03-31, value: 312}
    (and today is 2026-10-15)

    Fix:
    Correct the date. Put expectations in `milestones`, not in `checkins`.
    """

    code = "M010"
    name = "checkin-in-future"
    letter = "M"
    severity = Severity.WARNING

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        for checkin in item.checkins:
            if checkin.date > ctx.today:
                yield Problem(item.at("checkins", checkin.index, "date"),
                              f"check-in dated {checkin.date} is after today ({ctx.today})")


class BaselineOutdated(Rule):
    """The baseline was measured long before the goal starts.

    What it checks:
    The days from `metric.baseline_date` to the goal's `start` must not exceed
    `max_baseline_age_days` (366: the same quarter last year is a sound baseline for a
    seasonal goal). Goals without both dates are skipped.

    Why it matters:
    The baseline is the zero point the ambition and every check-in are judged from.
    A number measured years before the work starts says little about where the team
    stands; the target may already be reached, or out of reach.

    Example:
        start: 2026-01-01
        metric: {baseline: 250, baseline_date: 2023-12-31, target: 400}

    Fix:
    Measure the number again just before the start and update `baseline` and
    `baseline_date`.
    """

    code = "M011"
    name = "baseline-outdated"
    letter = "M"
    severity = Severity.WARNING
    skip_statuses = frozenset({"done", "dropped"})
    options = {
        "max_baseline_age_days": {
            "type": "integer", "minimum": 0, "default": 366,
            "description": "Most days the baseline may have been measured before the goal's start.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        measured, start = item.measure.baseline_date, item.start
        if measured is None or start is None:
            return
        age, limit = (start - measured).days, int(ctx.options["max_baseline_age_days"])
        if age > limit:
            yield Problem(item.at("metric", "baseline_date"),
                          f"baseline measured {age} days before the start {start} (limit {limit} days)")


class MetricNameMissing(_MetricField):
    """The metric does not say what is counted.

    What it checks:
    That `metric.name` is present and not empty.

    Why it matters:
    Measurable asks "what marks success?". A target of 400 with a unit but no name
    leaves the reader to guess which number it is (leads from every channel, or only
    qualified ones?), and the next person measures something else.

    Example:
        metric:
          unit: leads/month
          baseline: 250
          target: 400

    Fix:
    Add `name:` with what is counted, e.g. `inbound leads per month (form fills and demo requests)`.
    """

    code = "M012"
    name = "metric-name-missing"
    severity = Severity.WARNING
    key = "name"
    missing = "metric has no name: say what is counted"


class CheckinNotNumeric(Rule):
    """A check-in's value is missing or not a number.

    What it checks:
    That every check-in's `value` is a number. Words ("good", "on track"), booleans,
    quoted numbers and empty values are reported; such a check-in counts neither as
    progress nor as a measurement.

    Why it matters:
    A check-in is a measurement. "On track" is an opinion that no chart, forecast or
    status can be computed from, and a quoted number is silently skipped.

    Example:
        checkins:
          - {date: 2026-06-30, value: "on track"}

    Fix:
    Write the measured number: `value: 318`; put the comment in `note`.
    """

    code = "M013"
    name = "checkin-not-numeric"
    letter = "M"
    severity = Severity.WARNING

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        entries = item.data.get("checkins")
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, dict) or "value" not in entry or number(entry["value"]) is not None:
                continue  # a missing value is the schema's finding (E002)
            value = entry["value"]
            if _beyond_range(value):
                continue  # a number too large or too small to compute with: E002 says so
            where = item.at("checkins", index, "value")
            if value is None:
                yield Problem(where, "check-in has no value: write the measured number")
            else:
                shown = f"'{value}'" if isinstance(value, str) else str(value).lower()
                hint = " (remove the quotes)" if isinstance(value, str) and _is_number(value) else ""
                yield Problem(where, f"check-in value {shown} is not a number{hint}")


def _beyond_range(value: object) -> bool:
    """A real number that goallint leaves out for its size (the schema check reports it, once)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)
