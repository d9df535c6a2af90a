"""M rules: is the goal measurable? How much, how many, how often, measured the same way."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from .. import metrics
from ..diagnostics import Problem, Severity, Span
from ..fixes import Applicability, Edit, Fix
from ..messages import msg
from ..model import Item, is_blank, number
from ..plugin import CheckContext, Rule
from .helptext import guess_unit, insert_key, milestone_plan, num, unit_words


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
    Add `metric:` with `name`, `unit`, `baseline`, `target` and `source`:

        - id: brand
          title: Be the best-known agency in Bergen
          metric:
            name: unaided awareness among Bergen businesses
            unit: "%"
            baseline: 12
            target: 20
            source: yearly awareness survey
    """

    code = "M001"
    missing_key = "metric"
    name = "metric-missing"
    letter = "M"
    severity = Severity.ERROR

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.data.get("metric") is None:
            yield Problem(item.start_span, msg("goal has no metric: nobody can see whether it is reached"),
                          help="add `metric:` with the `name`, `unit`, `baseline`, `target` and `source` "
                               "of the number that shows it")


class TargetNotNumeric(Rule):
    """The metric's target is missing or not a number.

    What it checks:
    That `metric.target` is present and a number. Words ("lots", "more", "done"), booleans
    and quoted numbers are reported.

    Why it matters:
    "How much?" needs a number. A yes/no target cannot show progress along the way, and a
    word like "more" is reached by any change at all.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          metric:
            name: inbound leads per month
            baseline: 250
            target: lots

    Fix:
    Write the number that means done, and the unit apart from it (`target: 20` and `unit: "%"`,
    not `target: 20%`):

        - id: leads
          title: Reach 400 inbound leads per month
          metric:
            name: inbound leads per month
            baseline: 250
            target: 400
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
            yield Problem(item.at("metric"), msg("metric has no target: nothing says how much means done"),
                          help=f"add `target:` with the number that means done{_from_baseline(item)}")
        elif item.target is None and not _beyond_range(metric["target"]):  # out of range: E002's finding
            value = metric["target"]
            span = item.at("metric", "target")
            yield Problem(span, msg("target {value} is not a number: progress cannot be measured against it",
                                    value=_shown(value)),
                          help=_number_help("target", value, metric, f"the number that means done"
                                                                     f"{_from_baseline(item)}"),
                          fix=_unquote_fix(value, span) or _percent_fix(item, value, span))


def _percent_fix(item: Item, value: Any, span: Span) -> Fix | None:
    """``target: "20%"`` without a unit -> ``target: 20`` and ``unit: '%'``: the same goal, written as numbers."""
    found = _WITH_UNIT.match(value) if isinstance(value, str) else None
    if found is None or found.group(1) or found.group(3) != "%" or not is_blank((item.metric or {}).get("unit")):
        return None
    if span.line != span.end_line or "unit" in (item.metric or {}):
        return None
    unit = insert_key(item, ("metric",), "unit", "'%'")
    number = found.group(2).replace(",", "")
    if unit is None or not _PLAIN_NUMBER.match(number):
        return None
    return Fix("write the number and the unit apart", (Edit(span, number), unit))


def _shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else msg("empty") if value is None else str(value).lower()


def _from_baseline(item: Item) -> str:
    base, unit = item.baseline, item.unit
    return "" if base is None else f" (the baseline is {num(base)}{' ' + unit if unit else ''})"


# A number written with its unit: "20%", "NOK 250", "1,200 leads".
_WITH_UNIT = re.compile(r"\s*([^\d\s-]*?)\s*(-?[\d][\d,]*(?:\.\d+)?)\s*([^\d]*?)\s*\Z")


def _number_help(key: str, value: Any, metric: dict[str, Any], meaning: str) -> str:
    """How to write ``value`` as a number: unquoted, without separators, the unit apart."""
    if isinstance(value, str) and _PLAIN_NUMBER.match(value):
        return f"remove the quotes: `{key}: {value}`"
    found = _WITH_UNIT.match(value) if isinstance(value, str) else None
    if found:
        digits = found.group(2).replace(",", "")
        unit = (found.group(1) + " " + found.group(3)).strip()
        if unit.casefold() in _MULTIPLIERS:
            digits, unit = num(float(digits) * _MULTIPLIERS[unit.casefold()]), ""
        if unit and is_blank(metric.get("unit")):
            return f"write `{key}: {digits}` and `unit: {_quoted(unit)}`"
        return f"write `{key}: {digits}`"
    if isinstance(value, bool):
        return f"replace `{key}: {str(value).lower()}` with {meaning}: a yes/no shows no progress on the way"
    return f"replace `{key}: {value}` with {meaning}"


_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "mill": 1e6, "million": 1e6, "millioner": 1e6}


def _quoted(unit: str) -> str:
    return f"'{unit}'" if not unit[0].isalpha() else unit


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
            yield Problem(item.at("metric"), self.missing, help=self.advice(item, ctx), fix=self.remedy(item))

    def advice(self, item: Item, ctx: CheckContext) -> str:
        """The help line: what to add, worked out from the goal."""
        return f"add `{self.key}:` to the metric"

    def remedy(self, item: Item) -> Fix | None:
        """The edit that adds the field, where its value can be read from the goal."""
        return None


class BaselineMissing(_MetricField):
    """The metric has no baseline: the zero point is unknown.

    What it checks:
    That `metric.baseline` is present.

    Why it matters:
    Before setting a goal, know where you stand: traffic by source, leads per month, the
    share of leads that close. The baseline is the zero point every goal is measured
    from; without it neither ambition nor progress can be judged.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          metric:
            name: inbound leads per month
            target: 400

    Fix:
    Add `baseline:` with the value when the goal starts, and `baseline_date:` with when it
    was measured:

        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          metric:
            name: inbound leads per month
            baseline: 250
            baseline_date: 2025-12-31
            target: 400
    """

    code = "M003"
    missing_key = "metric.baseline"
    name = "baseline-missing"
    severity = Severity.WARNING
    key = "baseline"
    missing = msg("metric has no baseline: without the zero point neither ambition nor progress can be judged")

    def advice(self, item: Item, ctx: CheckContext) -> str:
        name = _name(item)
        start = item.start
        when = start - dt.timedelta(days=1) if start is not None and dt.date.min < start <= ctx.today else ctx.today
        return f"add `baseline:` with the value of {name} when the goal starts, and `baseline_date: {when}`"


class UnitMissing(_MetricField):
    """The metric has no unit.

    What it checks:
    That `metric.unit` is present and not empty.

    Why it matters:
    "400" what? Leads, visits, NOK, percent? A number without a unit is measured
    differently by each reader.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          metric:
            name: inbound leads per month
            baseline: 250
            target: 400

    Fix:
    Add the unit the numbers count in:

        - id: leads
          title: Reach 400 inbound leads per month
          metric:
            name: inbound leads per month
            unit: leads/month
            baseline: 250
            target: 400
    """

    code = "M004"
    fixable = "unsafe"
    missing_key = "metric.unit"
    name = "unit-missing"
    severity = Severity.WARNING
    key = "unit"
    missing = msg("metric has no unit: each reader will read the number a different way")

    def advice(self, item: Item, ctx: CheckContext) -> str:
        unit = guess_unit(_text(item.metric, "name"))
        if unit:
            return f"add `unit: {_quoted(unit)}`, read from the metric's name"
        counted = f"what {num(item.target)} counts" if item.target is not None else "what the numbers count"
        return f"add `unit:` saying {counted}, e.g. `unit: leads/month`"

    def remedy(self, item: Item) -> Fix | None:
        unit = guess_unit(_text(item.metric, "name"))
        edit = insert_key(item, ("metric",), "unit", _quoted(unit)) \
            if unit is not None and "unit" not in (item.metric or {}) else None
        return Fix(f"add unit: {unit}", (edit,), Applicability.UNSAFE) if edit is not None else None


class DirectionMismatch(Rule):
    """The stated direction contradicts the baseline and target.

    What it checks:
    With `direction: increase` the target must be above the baseline; with
    `direction: decrease` below it.

    Why it matters:
    Either the direction or one of the numbers is wrong, and progress would be computed
    backwards: the goal would look on track while it gets worse.

    Example:
        - id: resolution-time
          title: Cut the support team's median resolution time
          metric:
            name: median resolution time
            unit: hours
            baseline: 4.1
            target: 3.0
            direction: increase

    Fix:
    Correct the direction, or the number that is wrong. Leave `direction` out to have it
    inferred from baseline and target.

        - id: resolution-time
          title: Cut the support team's median resolution time
          metric:
            name: median resolution time
            unit: hours
            baseline: 4.1
            target: 3.0
            direction: decrease
    """

    code = "M005"
    fixable = "unsafe"
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
            span = item.at("metric", "direction")
            yield Problem(span, msg("direction is increase but target {target:g} is not above baseline {base:g}: "
                                    "progress would be computed backwards", target=target, base=base),
                          **_direction_help(base, target, span))
        elif direction == "decrease" and target >= base:
            span = item.at("metric", "direction")
            yield Problem(span, msg("direction is decrease but target {target:g} is not below baseline {base:g}: "
                                    "progress would be computed backwards", target=target, base=base),
                          **_direction_help(base, target, span))


def _direction_help(base: float, target: float, span: Span) -> dict[str, Any]:
    """The direction the numbers point to, as help and an unsafe fix (the numbers may be what is wrong)."""
    meant = "maintain" if target == base else "decrease" if target < base else "increase"
    fix = Fix(f"write direction: {meant}", (Edit(span, meant),), Applicability.UNSAFE) \
        if span.line == span.end_line else None
    return {"help": f"write `direction: {meant}`, or correct `baseline: {base:g}` or `target: {target:g}`",
            "fix": fix}


class SourceMissing(_MetricField):
    """The metric does not say where the number is read.

    What it checks:
    That `metric.source` is present and not empty.

    Why it matters:
    Quantitative data must be measured and analysed the same way every time. Naming the
    source (a dashboard, a report, a query) is what makes the next check-in comparable
    with the last.

    Example:
        - id: organic
          title: Grow organic traffic to 18000 visits a month
          metric:
            name: organic visits per month
            target: 18000

    Fix:
    Name the dashboard, report or query the number is read from:

        - id: organic
          title: Grow organic traffic to 18000 visits a month
          metric:
            name: organic visits per month
            target: 18000
            source: Google Analytics, organic channel, monthly users
    """

    code = "M006"
    missing_key = "metric.source"
    name = "source-missing"
    severity = Severity.WARNING
    key = "source"
    missing = msg("metric names no data source: the next check-in may measure it another way")

    def advice(self, item: Item, ctx: CheckContext) -> str:
        return f"add `source:` naming the dashboard, report or query {_name(item)} is read from"


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
        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          deadline: 2026-12-31
          metric: {baseline: 250, target: 400, unit: leads/month}

    Fix:
    Add `milestones:` with a date and a target per quarter; the help works them out on a
    straight line from the baseline to the target:

        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          deadline: 2026-12-31
          metric: {baseline: 250, target: 400, unit: leads/month}
          milestones:
            - {date: 2026-03-31, target: 287}
            - {date: 2026-06-30, target: 324}
            - {date: 2026-09-30, target: 362}
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
        direction = item.measure.direction
        holds = direction is not None and direction.value not in ("increase", "decrease") \
            and item.measure.movement is None  # a level to hold; a goal to grow without a baseline still moves
        if days > limit and not holds:
            plan = milestone_plan(item)
            yield Problem(item.start_span, msg("goal spans {days} days without milestones (limit {limit}): "
                                               "a lag would show only at the deadline", days=days, limit=limit),
                          help=(f"add milestones at the quarters' ends: {plan}" if "→" in plan else
                                f"add milestones with a target at the quarters' ends: {plan}") if plan else
                          "add `milestones:` with a date and a target on the way")


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
        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          deadline: 2026-12-31
          metric: {baseline: 250, target: 400}
          milestones:
            - {date: 2026-03-31, target: 290}
            - {date: 2026-06-30, target: 320}
            - {date: 2026-03-30, target: 360}

    Fix:
    Order the milestones by date and give each a target between the previous one and the
    final target:

        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          deadline: 2026-12-31
          metric: {baseline: 250, target: 400}
          milestones:
            - {date: 2026-03-31, target: 290}
            - {date: 2026-06-30, target: 320}
            - {date: 2026-09-30, target: 360}
    """

    code = "M008"
    name = "milestone-inconsistent"
    letter = "M"
    severity = Severity.WARNING

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        previous_date = None
        previous_target = item.baseline
        for milestone in item.milestones:
            where = ("milestones", milestone.index)
            day = milestone.date
            if day is not None:
                found = _date_problem(item, day, previous_date)
                if found is not None:
                    yield Problem(item.at(*where, "date"), found[0], help=found[1])
                previous_date = day
            value = milestone.target
            if value is not None:
                wrong = _target_problem(item, value, previous_target)
                if wrong is not None:
                    yield Problem(item.at(*where, "target"), wrong[0], help=wrong[1])
                if wrong is None or "outside" not in wrong[0]:
                    previous_target = value  # a step beyond the target is not the next step's measure


def _date_problem(item: Item, day: dt.date, previous: dt.date | None) -> tuple[str, str] | None:
    """A milestone date out of order or outside the goal's dates: message and help."""
    if previous is not None and day <= previous:
        return (msg("milestone date {day} is not after the previous milestone's {previous}: the plan runs backwards",
                    day=day, previous=previous),
                f"correct `date: {day}` to a day after {previous}, or put the milestones in date order")
    if item.start is not None and day < item.start:
        return (msg("milestone date {day} is before the start {start}: nothing can be measured yet", day=day,
                    start=item.start),
                f"move `date: {day}` to {item.start} or later, or correct `start`")
    if item.deadline is not None and day > item.deadline:
        return (msg("milestone date {day} is after the deadline {deadline}: it checks nothing on the way", day=day,
                    deadline=item.deadline),
                f"move `date: {day}` to {item.deadline} or earlier, or correct `deadline`")
    return None


def _target_problem(item: Item, value: float, previous: float | None) -> tuple[str, str] | None:
    """A milestone target outside the way from baseline to target, or stepping back: message and help."""
    base, target, direction = item.baseline, item.target, item.direction
    if base is None or target is None or direction not in ("increase", "decrease"):
        return None
    low, high = sorted((base, target))
    if not low <= value <= high:
        return (msg("milestone target {value:g} is outside baseline {base:g} .. target {target:g}: "
                    "progress against it would be miscounted", value=value, base=base, target=target),
                f"set `target: {value:g}` to a value between {base:g} and {target:g}")
    sign = 1 if direction == "increase" else -1
    if previous is not None and sign * (value - previous) < 0:
        return (msg("milestone target {value:g} moves away from the target (previous step {previous:g}): "
                    "the plan would count a setback as progress", value=value, previous=previous),
                f"set `target: {value:g}` to a value between {previous:g} and {target:g}")
    return None


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
        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          metric: {name: inbound leads per month, baseline: 250, target: 400}
          checkins:
            - {date: 2026-02-01, value: 260}
    (and today is 2026-06-15)

    Fix:
    Add a check-in with today's value, or set `metric.cadence` to how often the number can
    really be measured:

        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          metric: {name: inbound leads per month, baseline: 250, target: 400}
          checkins:
            - {date: 2026-02-01, value: 260}
            - {date: 2026-06-15, value: 301}
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
            rule = msg("cadence {cadence}, {limit} days", cadence=item.measure.metric['cadence'], limit=limit)
        else:
            rule = msg("limit {limit} days", limit=limit) if item.measure.cadence_days is None else \
                msg("quarterly, {limit} days", limit=limit)
        latest = item.measure.latest
        advice = (f"add a check-in `{{date: {ctx.today}, value: …}}` with today's value of {_name(item)}, "
                  "or set `metric.cadence` to how often it can be measured")
        if latest is not None and latest.date == since:
            yield Problem(item.at("checkins", latest.index, "date"),
                          msg("last check-in was {days} days ago ({since}); {rule}: a lag goes unnoticed", days=days,
                              since=since, rule=rule), help=advice)
        elif item.measure.baseline_date == since:
            yield Problem(item.at("metric", "baseline_date"),
                          msg("no check-in since the baseline was measured {days} days ago ({since}); {rule}: "
                              "a lag goes unnoticed", days=days, since=since, rule=rule),
                          help=advice)
        else:
            yield Problem(item.at("start"), msg("no check-in since the start {days} days ago ({since}); {rule}: "
                                                "a lag goes unnoticed", days=days, since=since, rule=rule),
                          help=advice)


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
        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          checkins:
            - {date: 2026-02-28, value: 281}
            - {date: 2027-03-31, value: 312}
    (and today is 2026-06-15)

    Fix:
    Correct the date (often the year). Put expectations in `milestones`, not in `checkins`:

        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          checkins:
            - {date: 2026-02-28, value: 281}
            - {date: 2026-03-31, value: 312}
    """

    code = "M010"
    fixable = "unsafe"
    name = "checkin-in-future"
    letter = "M"
    severity = Severity.WARNING

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        for checkin in item.checkins:
            if checkin.date > ctx.today:
                span = item.at("checkins", checkin.index, "date")
                meant = _this_year(checkin.date, item, ctx)
                fix = Fix(f"date the check-in {meant}", (Edit(span, str(meant)),), Applicability.UNSAFE) \
                    if meant is not None and span.end_column - span.column == 10 else None
                advice = (f"correct the year: `date: {meant}`, or move a forecast to `milestones`" if meant else
                          f"correct `date: {checkin.date}` to the day it was measured, or move a forecast to "
                          "`milestones`")
                yield Problem(span, msg("check-in dated {date} is after today ({today}): it counts only when that day "
                                        "comes", date=checkin.date, today=ctx.today), help=advice, fix=fix)


def _this_year(day: dt.date, item: Item, ctx: CheckContext) -> dt.date | None:
    """The same day in today's year, when that is a day already passed within the goal: a typo in the year."""
    try:
        meant = day.replace(year=ctx.today.year)
    except ValueError:
        return None  # 29 February
    if meant > ctx.today or (item.start is not None and meant < item.start):
        return None
    return meant


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
        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          metric: {name: inbound leads per month, baseline: 250, baseline_date: 2023-12-31, target: 400}

    Fix:
    Measure the number again just before the start and update `baseline` and
    `baseline_date`:

        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          metric: {name: inbound leads per month, baseline: 290, baseline_date: 2025-12-31, target: 400}
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
                          msg("baseline measured {age} days before the start {start} (limit {limit} days): "
                              "the target may already be reached, or out of reach", age=age, start=start,
                              limit=limit),
                          help=f"measure {_name(item)} again and update `baseline` and "
                               f"`baseline_date: {start - dt.timedelta(days=1)}`")


class MetricNameMissing(_MetricField):
    """The metric does not say what is counted.

    What it checks:
    That `metric.name` is present and not empty.

    Why it matters:
    Measurable asks "what marks success?". A target of 400 with a unit but no name
    leaves the reader to guess which number it is (leads from every channel, or only
    qualified ones?), and the next person measures something else.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          metric:
            unit: leads/month
            baseline: 250
            target: 400

    Fix:
    Say what is counted:

        - id: leads
          title: Reach 400 inbound leads per month
          metric:
            name: inbound leads per month (form fills and demo requests)
            unit: leads/month
            baseline: 250
            target: 400
    """

    code = "M012"
    name = "metric-name-missing"
    severity = Severity.WARNING
    key = "name"
    missing = msg("metric has no name: the reader has to guess which number it is")

    def advice(self, item: Item, ctx: CheckContext) -> str:
        unit = _text(item.metric, "unit")
        words = unit_words(unit) if unit else None
        example = f", e.g. `name: {words}`" if words else ""
        return f"add `name:` saying what is counted{example}"


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
        - id: leads
          title: Reach 400 inbound leads per month
          checkins:
            - {date: 2026-05-31, value: "on track"}

    Fix:
    Write the measured number, and put the comment in `note`:

        - id: leads
          title: Reach 400 inbound leads per month
          checkins:
            - {date: 2026-05-31, value: 318, note: on track}
    """

    code = "M013"
    fixable = "safe"
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
            measured = f"the number measured on {entry['date']}" if entry.get("date") else "the measured number"
            if value is None:
                yield Problem(where, msg("check-in has no value: it counts neither as progress nor as a measurement"),
                              help=f"write {measured} as `value:`")
                continue
            advice = _number_help("value", value, {"unit": "given"}, measured)
            if isinstance(value, str) and not _is_number(value):
                advice += f", and put '{value}' in `note:`"
            yield Problem(where, msg("check-in value {value} is not a number: no progress or pace can be computed "
                                     "from it", value=_shown(value)),
                          help=advice, fix=_unquote_fix(value, where))


def _name(item: Item) -> str:
    """The metric's name, for a help line; 'the number' when it has none."""
    name = _text(item.metric, "name")
    return f"'{name}'" if name else "the number"


def _text(metric: dict[str, Any] | None, key: str) -> str | None:
    value = (metric or {}).get(key)
    return value.strip() or None if isinstance(value, str) else None


def _beyond_range(value: object) -> bool:
    """A real number that goallint leaves out for its size (the schema check reports it, once)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)
