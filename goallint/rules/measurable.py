"""M rules: is the goal measurable? How much, how many, how often, measured the same way."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Problem, Severity
from ..model import Item, is_blank
from ..progress import last_checkin
from ..registry import CheckContext, Rule, register


@register
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


@register
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
    name = "target-not-numeric"
    letter = "M"
    severity = Severity.ERROR

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        metric = item.metric
        if metric is None:
            return
        if "target" not in metric or metric["target"] is None:
            yield Problem(item.at("metric"), "metric has no target: say how much means done")
        elif item.target is None:
            value = metric["target"]
            shown = f"'{value}'" if isinstance(value, str) else str(value).lower()
            hint = " (remove the quotes)" if isinstance(value, str) and _is_number(value) else ""
            yield Problem(item.at("metric", "target"), f"target {shown} is not a number{hint}")


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


@register
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


@register
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


@register
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


@register
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


@register
class MilestonesMissing(Rule):
    """A long goal has no milestones.

    What it checks:
    Goals whose start-to-deadline span is longer than `milestone_after_days` (90) must
    list at least one entry under `milestones`. Goals that maintain a level
    (`direction: maintain`) are skipped: their check-ins are the pulse.

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
            "type": "integer", "minimum": 1, "default": 90,
            "description": "Goals spanning more days than this need milestones.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.start is None or item.deadline is None or item.milestones or item.direction == "maintain":
            return
        days = (item.deadline - item.start).days
        limit = ctx.options["milestone_after_days"]
        if days > limit:
            yield Problem(item.start_span, f"goal spans {days} days without milestones (limit {limit})")


@register
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


@register
class CheckinStale(Rule):
    """An active goal has not been measured for too long.

    What it checks:
    For an active goal that has started, the last check-in (or the start, when there are
    none) must be at most `stale_after_days` (30) days before today.

    Why it matters:
    Taking the pulse regularly is what turns a goal into a tool: lagging results are
    noticed while there is still time to adjust the tactics.

    Example:
        start: 2026-01-01
        checkins:
          - {date: 2026-02-01, value: 260}
    (and today is 2026-06-01)

    Fix:
    Add a check-in with today's value: `- {date: 2026-06-01, value: 301}`.
    """

    code = "M009"
    name = "checkin-stale"
    letter = "M"
    severity = Severity.WARNING
    skip_statuses = frozenset({"draft", "done", "dropped"})
    options = {
        "stale_after_days": {
            "type": "integer", "minimum": 1, "default": 30,
            "description": "Days without a check-in after which an active goal is stale.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.start is None or item.start > ctx.today:
            return
        latest = last_checkin(item)
        since = latest.date if latest is not None else item.start
        days = (ctx.today - since).days
        limit = ctx.options["stale_after_days"]
        if days <= limit:
            return
        if latest is not None:
            yield Problem(item.at("checkins", latest.index, "date"),
                          f"last check-in was {days} days ago ({since}); limit {limit} days")
        else:
            yield Problem(item.at("start"), f"no check-in since the start {days} days ago ({since}); "
                                            f"limit {limit} days")
