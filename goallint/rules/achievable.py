"""A rules: is the goal achievable? Challenging, but judged against data and pace."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Problem, Severity
from ..model import Item
from ..progress import last_checkin, linear_forecast
from ..registry import CheckContext, Rule, register


@register
class TargetUnrealistic(Rule):
    """The target is far out of reach of the baseline.

    What it checks:
    For an increasing metric, a target more than `max_change_factor` (3.0) times the
    baseline; for a decreasing one, a target below the baseline divided by that factor.
    Goals with a zero or negative baseline are skipped.

    Why it matters:
    A goal should be challenging but achievable. A target that was unrealistic from the
    start is a goal the team gives up on; understand your data before you set the number.

    Example:
        metric: {baseline: 250, target: 2000, unit: leads/month}

    Fix:
    Set a target the data supports, or split the ambition into yearly steps. If the jump
    really is planned (a launch, an acquisition), say so in `why` and suppress the finding
    with a reason.
    """

    code = "A001"
    name = "target-unrealistic"
    letter = "A"
    severity = Severity.WARNING
    options = {
        "max_change_factor": {
            "type": "number", "exclusiveMinimum": 1, "default": 3.0,
            "description": "Largest believable ratio between target and baseline.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        base, target = item.baseline, item.target
        if base is None or target is None or base <= 0:
            return
        factor = float(ctx.options["max_change_factor"])
        if item.direction == "increase" and target > base * factor:
            yield Problem(item.at("metric", "target"),
                          f"target {target:g} is {target / base:.1f}x the baseline {base:g} (limit {factor:g}x)")
        elif item.direction == "decrease" and target < base / factor:
            yield Problem(item.at("metric", "target"),
                          f"target {target:g} is below baseline {base:g} / {factor:g}")


@register
class TargetUnambitious(Rule):
    """The target barely moves from the baseline.

    What it checks:
    For increasing and decreasing metrics, a target that differs from the baseline by less
    than `min_change_percent` (2) percent of the baseline. Maintain goals and a zero
    baseline are skipped.

    Why it matters:
    A goal should be something the team truly wants and that moves the business up. A
    target inside the noise of the measurement is reached by doing nothing.

    Example:
        metric: {baseline: 12000, target: 12100, unit: visits/month}

    Fix:
    Raise the ambition, or make it a `direction: maintain` goal if holding the level is the
    point.
    """

    code = "A002"
    name = "target-unambitious"
    letter = "A"
    severity = Severity.INFO
    options = {
        "min_change_percent": {
            "type": "number", "minimum": 0, "default": 2,
            "description": "Smallest change from the baseline, in percent of it, that counts as a goal.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        base, target = item.baseline, item.target
        if base is None or target is None or base == 0 or item.direction not in ("increase", "decrease"):
            return
        change = abs(target - base) / abs(base) * 100
        limit = float(ctx.options["min_change_percent"])
        if change < limit:
            yield Problem(item.at("metric", "target"),
                          f"target {target:g} moves only {change:.1f}% from baseline {base:g} (minimum {limit:g}%)")


@register
class PaceOffTrack(Rule):
    """At the current pace the goal will miss its target.

    What it checks:
    With two or more check-ins on different dates and a deadline, a straight line fitted
    through the check-ins (least squares) is extended to the deadline. If it falls short
    of the target by more than `metrics: pace_tolerance_percent` (10) percent of the
    baseline-to-target distance, the goal is off track; the message gives the forecast.

    Why it matters:
    When results lag, adjust the tactics. A forecast says so months before the deadline,
    while there is still time to act, or to reset an unrealistic target openly.

    Example:
        start: 2026-01-01
        deadline: 2026-12-31
        metric: {baseline: 250, target: 400}
        checkins:
          - {date: 2026-03-31, value: 255}
          - {date: 2026-06-30, value: 262}

    Fix:
    Change what the team does and record the effect in new check-ins, or lower the target
    and say why.
    """

    code = "A003"
    name = "pace-off-track"
    letter = "A"
    severity = Severity.WARNING
    skip_statuses = frozenset({"draft", "done", "dropped"})
    # Its tolerance is `metrics: {pace_tolerance_percent}`, shared with the report's status.

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        base, target, deadline = item.baseline, item.target, item.deadline
        if base is None or target is None or deadline is None or item.direction not in ("increase", "decrease"):
            return
        forecast = linear_forecast(item, deadline)
        if forecast is None:
            return
        distance = abs(target - base)
        sign = 1 if item.direction == "increase" else -1
        shortfall = sign * (target - forecast)
        tolerance = float(ctx.metrics.pace_tolerance_percent)
        if shortfall > distance * tolerance / 100:
            latest = last_checkin(item)
            if latest is None:  # a forecast needs check-ins; this keeps the types honest
                return
            share = shortfall / distance * 100
            yield Problem(item.at("checkins", latest.index, "value"),
                          f"at the current pace the goal reaches {forecast:,.4g} by {deadline}, "
                          f"short of the target {target:g} by {share:.0f}% of the way")


@register
class OwnerOverloaded(Rule):
    """One owner holds too many active goals.

    What it checks:
    Active goals per owner (compared without case) across every file checked together.
    Each goal beyond `max_active_goals_per_owner` (5), in file order, is reported at its
    owner.

    Why it matters:
    Goals are achievable only with the time to chase them. Someone who owns eight goals
    owns none of them in practice, and the highest goals belong where the potential is.

    Example:
    Six active goals with `owner: kari@example.com`.

    Fix:
    Hand goals to other people, merge overlapping ones, or mark some `draft`.
    """

    code = "A004"
    name = "owner-overloaded"
    letter = "A"
    severity = Severity.WARNING
    needs_project = True
    options = {
        "max_active_goals_per_owner": {
            "type": "integer", "minimum": 1, "default": 5,
            "description": "Most active goals one owner may hold.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        owner = item.owner
        if owner is None or item.status != "active":
            return
        held = ctx.project.active_goals_by_owner.get(owner.casefold(), [])
        limit = ctx.options["max_active_goals_per_owner"]
        if len(held) <= limit:
            return
        rank = ctx.project.owner_rank[item]
        if rank >= limit:
            yield Problem(item.at("owner"), f"owner '{owner}' holds {len(held)} active goals (limit {limit})")
        elif _last_reported(held, item, ctx) and not any(ctx.project.is_reported(g) for g in held[limit:]):
            # Only some files are checked, and the goals past the limit are in the others.
            elsewhere = sorted({g.file.path for g in held if not ctx.project.is_reported(g)})
            yield Problem(item.at("owner"), f"owner '{owner}' holds {len(held)} active goals (limit {limit}), "
                                            f"with others in {', '.join(elsewhere)}")


def _last_reported(held: list[Item], item: Item, ctx: CheckContext) -> bool:
    """Whether ``item`` is the last of the owner's goals in the files this run reports."""
    return next(g for g in reversed(held) if ctx.project.is_reported(g)) is item
