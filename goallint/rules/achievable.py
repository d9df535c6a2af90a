"""A rules: is the goal achievable? Challenging, but judged against data and pace."""

from __future__ import annotations

from collections.abc import Iterable

from .. import metrics
from ..diagnostics import Problem, Severity
from ..messages import msg
from ..model import Checkin, Item, number
from ..plugin import CheckContext, Rule
from .helptext import num


class TargetUnrealistic(Rule):
    """The target is far out of reach of the baseline.

    What it checks:
    The change from baseline to target, measured by the metric's kind (see "How
    goallint judges a number" in the README). Unbounded metrics (`count`, `amount`): an
    increase to more than `max_change_factor` (3.0) times a positive baseline (from a
    negative baseline, a gain of more than `max_change_factor` - 1 times its size);
    from a zero baseline, a target above `max_target_from_zero` (100000); a cut of more
    than `max_cut_percent` (90) percent of the baseline. A cut to zero (zero injuries,
    zero critical findings) is a goal in its own right and is not reported. Bounded
    scales (`percent` 0..100, inferred from a `%` unit; `score` such as NPS,
    -100..100; any scale with `metric.min` and `metric.max`): a target that closes more
    than `max_headroom_percent` (95) percent of the headroom between the baseline and
    the end of the scale it moves towards (a target at the very end, such as 100 %
    training completion, is a goal in its own right and is not judged this way), or
    moves more than `max_scale_percent` (40) percent of the whole scale (40 percentage
    points, 80 NPS points). So churn 6 % -> 1.5 % and retention 94 % -> 98.5 % (each
    75 % of the headroom) get the same verdict. The direction is `metric.direction`,
    else read from the title where it is plain ("at least", "below", "reduce", "minst",
    "redusere"; the message says so), else baseline vs target. A level to hold (maintain, or a floor or ceiling the
    baseline already meets) is not judged.

    Why it matters:
    A goal should be challenging but achievable. A target that was unrealistic from the
    start is a goal the team gives up on; understand your data before you set the number.

    Example:
        - id: leads
          title: Reach 2000 inbound leads per month
          metric: {baseline: 250, target: 2000, unit: leads/month}

    Fix:
    Set a target the data supports, or split the ambition into yearly steps. If the jump
    really is planned (a launch, an acquisition), say so in `why` and suppress the finding
    with a reason.

        - id: leads
          title: Reach 750 inbound leads per month
          metric: {baseline: 250, target: 750, unit: leads/month}
    """

    code = "A001"
    name = "target-unrealistic"
    letter = "A"
    severity = Severity.WARNING
    options = {
        "max_change_factor": {
            "type": "number", "exclusiveMinimum": 1, "default": 3.0,
            "description": "Largest believable ratio between target and baseline of an unbounded metric.",
        },
        "max_target_from_zero": {
            "type": "number", "exclusiveMinimum": 0, "default": 100000,
            "description": "Largest believable target of an unbounded metric that starts from zero.",
        },
        "max_cut_percent": {
            "type": "number", "exclusiveMinimum": 0, "maximum": 100, "default": 90,
            "description": "Largest believable cut of an unbounded metric, in percent of the baseline "
                           "(a cut to zero is never reported).",
        },
        "max_headroom_percent": {
            "type": "number", "exclusiveMinimum": 0, "maximum": 100, "default": 95,
            "description": "Largest believable share of a bounded scale's headroom a target may close "
                           "(a target at the end of the scale is never reported for this).",
        },
        "max_scale_percent": {
            "type": "number", "exclusiveMinimum": 0, "maximum": 100, "default": 40,
            "description": "Largest believable move on a bounded scale, in percent of the whole scale.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        change = metrics.change(item)
        if change is None:
            return
        found = _bounded_too_far(change, ctx) if change.bounded else _unbounded_too_far(change, ctx)
        if found:
            message, reachable = found
            yield Problem(item.at("metric", "target"), msg("{reason}{note}: out of reach from the start",
                                                          reason=message, note=change.note),
                          help=_realistic_help(change, reachable))


def _realistic_help(change: metrics.Change, reachable: float) -> str:
    """Where the limit puts a believable target, in the goal's direction."""
    if change.movement == "decrease":
        return (f"set `target: {num(reachable)}` or above for this period, or split the cut from "
                f"{change.baseline:g} to {change.target:g} into yearly steps")
    return (f"set `target: {num(reachable)}` or below for this period, or split the way from "
            f"{change.baseline:g} to {change.target:g} into yearly steps")


def _unbounded_too_far(change: metrics.Change, ctx: CheckContext) -> tuple[str, float] | None:
    base, target = change.baseline, change.target
    if change.movement == "decrease":
        if target == 0 or base <= 0:
            return None  # zero is a target in its own right; a negative amount has no share to cut
        cut, most = (base - target) / base * 100, float(ctx.options["max_cut_percent"])
        return (msg("target {target:g} cuts {cut} of the baseline {base:g} (limit {most:g}%)", target=target,
                    cut=f"{cut:.0f}%", base=base, most=most),
                base * (1 - most / 100)) if cut > most else None
    factor = float(ctx.options["max_change_factor"])
    if base == 0:
        most = float(ctx.options["max_target_from_zero"])
        return (msg("target {target:g} from a baseline of 0 is above {most:g}", target=target, most=most),
                most) if target > most else None
    if base > 0:
        return (msg("target {target:g} is {times:.1f}x the baseline {base:g} (limit {factor:g}x)", target=target,
                    times=target / base, base=base, factor=factor),
                base * factor) if target > base * factor else None
    gain = (target - base) / -base
    return (msg("target {target:g} gains {gain:.1f} times the size of the negative baseline {base:g} "
                "(limit {limit:g})", target=target, gain=gain, base=base, limit=factor - 1),
            base + (factor - 1) * -base) if gain > factor - 1 else None


def _bounded_too_far(change: metrics.Change, ctx: CheckContext) -> tuple[str, float] | None:
    sign = 1 if change.movement == "increase" else -1
    share, most = change.headroom * 100, float(ctx.options["max_headroom_percent"])
    if share > most and change.target != change.end:
        room = abs(change.end - change.baseline)
        return (msg("target {target:g} closes {share} of the headroom from {baseline:g} to {end:g} "
                    "(limit {most:g}%)", target=change.target, share=f"{share:.0f}%", baseline=change.baseline,
                    end=change.end, most=most), change.baseline + sign * room * most / 100)
    moved, most = change.points / change.span * 100, float(ctx.options["max_scale_percent"])
    if moved > most:
        return (msg("target {target:g} moves {points:g} points from {baseline:g}, {moved} "
                    "of the {low:g}..{high:g} scale (limit {most:g}%)", target=change.target,
                    points=change.points, baseline=change.baseline, moved=f"{moved:.0f}%", low=change.low,
                    high=change.high, most=most),
                change.baseline + sign * change.span * most / 100)
    return None


class TargetUnambitious(Rule):
    """The target barely moves from the baseline.

    What it checks:
    The change from baseline to target, measured by the metric's kind as A001 does (see
    "How goallint judges a number" in the README). Unbounded metrics: a target that
    differs from the baseline by less than `min_change_percent` (2) percent of it (from
    a zero baseline any target is a change). Bounded scales: a move of less than
    `min_room_percent` (5) percent of the room between the baseline and the nearer end
    of the scale: near the top that is the headroom left, near the bottom the distance
    from zero. So retention 96 % -> 97 % and churn 4 % -> 3 % (each a quarter of the
    room) get the same verdict, uptime 99.5 % -> 99.9 % (80 % of the downtime removed)
    is ambitious, and so is a conversion rate from 2.5 % to 4 % (60 % up). Levels to
    hold are not judged.

    Why it matters:
    A goal should be something the team truly wants and that moves the business up. A
    target inside the noise of the measurement is reached by doing nothing.

    Example:
        - id: organic
          title: Grow organic traffic
          metric: {baseline: 12000, target: 12100, unit: visits/month}

    Fix:
    Raise the ambition, or make it a `direction: maintain` goal if holding the level is the
    point:

        - id: organic
          title: Grow organic traffic
          metric: {baseline: 12000, target: 13000, unit: visits/month}
    """

    code = "A002"
    name = "target-unambitious"
    letter = "A"
    severity = Severity.INFO
    options = {
        "min_change_percent": {
            "type": "number", "minimum": 0, "default": 2,
            "description": "Smallest change of an unbounded metric, in percent of the baseline, that counts.",
        },
        "min_room_percent": {
            "type": "number", "minimum": 0, "default": 5,
            "description": "Smallest move on a bounded scale, in percent of the room between the baseline and "
                           "the nearer end of the scale.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        change = metrics.change(item)
        if change is None:
            return
        base, target = change.baseline, change.target
        sign = 1 if change.movement == "increase" else -1
        if change.bounded:
            share, least = change.room * 100, float(ctx.options["min_room_percent"])
            if share < least:
                needed = base + sign * abs(base - change.nearer_end) * least / 100
                yield Problem(item.at("metric", "target"),
                              msg("target {target:g} moves only {share} of the room between {base:g} and "
                                  "{end:g}, the nearer end of the scale (minimum {least:g}%)"
                                  "{note}: it is reached by doing nothing", target=target, share=f"{share:.1f}%",
                                  base=base, end=change.nearer_end, least=least, note=change.note),
                              help=_ambition_help(change, needed))
            return
        if base == 0:
            return
        moved, least = abs(target - base) / abs(base) * 100, float(ctx.options["min_change_percent"])
        if moved < least:
            needed = base + sign * abs(base) * least / 100
            side = msg("above") if change.movement == "increase" else msg("below")
            yield Problem(item.at("metric", "target"),
                          msg("target {target:g} is only {moved:.1f}% {side} baseline {base:g} "
                              "(minimum {least:g}%){note}: it is reached by doing nothing", target=target,
                              moved=moved, side=side, base=base, least=least, note=change.note),
                          help=_ambition_help(change, needed))


def _ambition_help(change: metrics.Change, needed: float) -> str:
    side = "above" if change.movement == "increase" else "below"
    return (f"move `target: {change.target:g}` to {num(needed)} or {side}, or write `direction: maintain` "
            f"if holding {change.baseline:g} is the point")


class PaceOffTrack(Rule):
    """The goal is behind its plan, or will miss its target at the current pace.

    What it checks:
    Where the goal stands, decided by the one function the report's status comes from
    too (`goallint.metrics.assess`). With milestones the plan is the team's own:
    straight lines from the baseline (at `metric.baseline_date`, else `start`) through
    each milestone to the target at the deadline, and the latest check-in is compared
    with the plan on its date. Without milestones a straight line fitted through the
    check-ins (least squares) is extended to the deadline; with a single check-in
    (no pace yet) it is compared with the straight plan from baseline to target on its
    date. A lag of more than `metrics: pace_tolerance_percent` (10) percent of the
    baseline-to-target distance is reported ("at risk"; more than 2.5 times that,
    "off track"). A goal whose latest value has reached its target is never reported. A
    level to hold (maintain, at_least, at_most) is reported when its latest value leaves
    its band: `metric.tolerance` in the metric's unit, else the same percent of the
    target; at_least and at_most are one-sided. Check-ins dated after today are not
    counted.

    Why it matters:
    When results lag, adjust the tactics. A forecast says so months before the deadline,
    while there is still time to act, or to reset an unrealistic target openly.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          deadline: 2026-12-31
          metric: {baseline: 250, target: 400}
          checkins:
            - {date: 2026-03-31, value: 255}
            - {date: 2026-06-14, value: 262}

    Fix:
    Change what the team does and record the effect in new check-ins, or lower the target
    and say why. A plan that is back-loaded on purpose belongs in `milestones`:

        - id: leads
          title: Reach 280 inbound leads per month
          why: The paid campaign was cut in March; 280 is what organic growth supports.
          start: 2026-01-01
          deadline: 2026-12-31
          metric: {baseline: 250, target: 280}
          checkins:
            - {date: 2026-03-31, value: 255}
            - {date: 2026-06-14, value: 262}
    """

    code = "A003"
    name = "pace-off-track"
    letter = "A"
    severity = Severity.WARNING
    skip_statuses = frozenset({"draft", "done", "dropped"})
    # Its tolerance is `metrics: {pace_tolerance_percent}`, shared with the report's status.

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.target is None or item.measure.latest is None:
            return  # nothing to judge: skip the plan and the forecast
        found = metrics.assess(item, ctx.today, float(ctx.metrics.pace_tolerance_percent))
        latest, target, direction = item.measure.latest, item.target, item.measure.direction
        if found.status not in ("at risk", "off track") or latest is None or found.lag is None:
            return
        if target is None or direction is None:  # both are known once a goal has a pace; kept for the types
            return
        yield Problem(item.at("checkins", latest.index, "value"),
                      msg("{status}: {detail}{note}", status=_STATUSES.get(found.status, found.status),
                          detail=_pace_text(item, found, latest.value, target, found.lag), note=direction.note),
                      help=_pace_help(item, found, latest, target, float(ctx.metrics.pace_tolerance_percent)))


def _pace_help(item: Item, found: metrics.Assessment, latest: Checkin, target: float, percent: float) -> str:
    """What it now takes: the pace still needed to the deadline, or the level to come back to."""
    if found.basis == "band":
        kind = item.measure.direction.value if item.measure.direction is not None else "maintain"
        band = item.measure.tolerance if item.measure.tolerance is not None else percent / 100 * (abs(target) or 1)
        level = {"at_least": f"{target:g} or above", "at_most": f"{target:g} or below"}.get(
            kind, f"within {num(band)} of {target:g}")
        return (f"bring the number back to {level} and record it in a check-in, "
                f"or change `target: {target:g}` and say why")
    deadline = item.deadline
    months = (deadline - latest.date).days / 30.44 if deadline is not None else 0.0
    if deadline is None or months < 0.5:
        return f"change what the team does, or change `target: {target:g}` and say why in `why`"
    need = abs(target - latest.value) / months
    return (f"reaching {target:g} by {deadline} now takes {num(need)} a month: change what the team does, "
            f"or change `target: {target:g}` and say why in `why`")


# The statuses a pace finding starts with, as words of the message.
_STATUSES = {"at risk": msg("at risk"), "off track": msg("off track")}


def _pace_text(item: Item, found: metrics.Assessment, value: float, target: float, lag: float) -> str:
    share = f"{lag * 100:.0f}%"
    if found.basis == "plan":
        plan = msg("the milestone plan") if item.milestones else msg("a straight plan from baseline to target")
        return msg("{value:,.4g} is behind {plan} ({planned:,.4g} on that date) by {share} of the way to "
                   "{target:g}", value=value, plan=plan, planned=found.planned, share=share, target=target)
    if found.basis == "forecast" and found.forecast is not None:
        return msg("at the current pace the goal reaches {forecast:,.4g} by {deadline}, short of the "
                   "target {target:g} by {share} of the way", forecast=found.forecast, deadline=item.deadline,
                   target=target, share=share)
    if found.basis == "time":
        return msg("progress lags the time elapsed by {share} of the way to {target:g}", share=share, target=target)
    kind = item.measure.direction.value if item.measure.direction is not None else "level"
    if kind == "at_least":
        return msg("{value:,.4g} is {lag:,.4g} below the floor {target:g} to stay at or above (at_least)",
                   value=value, lag=lag, target=target)
    if kind == "at_most":
        return msg("{value:,.4g} is {lag:,.4g} above the ceiling {target:g} to stay at or below (at_most)",
                   value=value, lag=lag, target=target)
    return msg("{value:,.4g} is {lag:,.4g} outside the level {target:g} to hold ({kind})", value=value, lag=lag,
               target=target, kind=kind)


class OwnerOverloaded(Rule):
    """One owner holds too many active goals.

    What it checks:
    Active goals that have started (no `start`, or a start on or before today) per
    owner, compared without case, across every file checked together; a goal planned
    for next quarter does not load its owner yet. Each goal beyond
    `max_active_goals_per_owner` (5), in file order, is reported at its
    owner.

    Why it matters:
    Goals are achievable only with the time to chase them. Someone who owns eight goals
    owns none of them in practice, and the highest goals belong where the potential is.

    Example:
        - {id: leads, title: Reach 400 leads a month, owner: kari@example.com}
        - {id: demos, title: Book 60 demos a month, owner: kari@example.com}
        - {id: trials, title: Start 90 trials a month, owner: kari@example.com}
        - {id: webinars, title: Run 6 webinars a quarter, owner: kari@example.com}
        - {id: reviews, title: Collect 40 reviews, owner: kari@example.com}
        - {id: referrals, title: Get 25 referrals, owner: kari@example.com}

    Fix:
    Hand goals to other people, merge overlapping ones, or mark some `draft` until others are done:

        - {id: leads, title: Reach 400 leads a month, owner: kari@example.com}
        - {id: demos, title: Book 60 demos a month, owner: kari@example.com}
        - {id: trials, title: Start 90 trials a month, owner: kari@example.com}
        - {id: webinars, title: Run 6 webinars a quarter, owner: kari@example.com}
        - {id: reviews, title: Collect 40 reviews, owner: kari@example.com}
        - {id: referrals, title: Get 25 referrals, owner: ola@example.com}
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
        if owner is None or item.status != "active" or (item.start is not None and item.start > ctx.today):
            return
        held = ctx.project.started_goals_by_owner.get(owner.casefold(), [])
        limit = ctx.options["max_active_goals_per_owner"]
        if len(held) <= limit:
            return
        rank = ctx.project.started_owner_rank[item]
        advice = (f"hand this goal to another owner than {owner}, or set `status: draft` on "
                  f"{len(held) - limit} of their {len(held)} goals until others are done")
        if rank >= limit:
            yield Problem(item.at("owner"), msg("owner '{owner}' holds {held} active goals (limit {limit}): "
                                                "too many to chase them all", owner=owner, held=len(held),
                                                limit=limit), help=advice)
        elif _last_reported(held, item, ctx) and not any(ctx.project.is_reported(g) for g in held[limit:]):
            # Only some files are checked, and the goals past the limit are in the others.
            elsewhere = sorted({g.file.path for g in held if not ctx.project.is_reported(g)})
            yield Problem(item.at("owner"), msg("owner '{owner}' holds {held} active goals (limit {limit}), "
                                                "with others in {files}: too many to chase them all", owner=owner,
                                                held=len(held), limit=limit, files=", ".join(elsewhere)),
                          help=advice)


def _last_reported(held: list[Item], item: Item, ctx: CheckContext) -> bool:
    """Whether ``item`` is the last of the owner's goals in the files this run reports."""
    return next(g for g in reversed(held) if ctx.project.is_reported(g)) is item


class ConfidenceOutOfBand(Rule):
    """The owner's confidence says the goal is not believed in, or is no stretch.

    What it checks:
    When a goal states `confidence` (0..1, the owner's belief that the target will be
    reached), a value below `min_confidence` (0.3) or above `max_confidence` (0.9).
    Draft, done and dropped goals are skipped.

    Why it matters:
    A goal should be attractive: something the team believes in and wants. An owner who
    gives it less than a one-in-three chance has given up on it already; one who is
    certain has set a target the team reaches without stretching.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          confidence: 0.15
          metric: {baseline: 250, target: 400, unit: leads/month}

    Fix:
    Talk with the owner: reset the target to one the team believes in, or raise it until
    it stretches. Then record the new confidence:

        - id: leads
          title: Reach 330 inbound leads per month
          confidence: 0.6
          metric: {baseline: 250, target: 330, unit: leads/month}
    """

    code = "A005"
    name = "confidence-out-of-band"
    letter = "A"
    severity = Severity.WARNING
    skip_statuses = frozenset({"draft", "done", "dropped"})
    options = {
        "min_confidence": {
            "type": "number", "minimum": 0, "maximum": 1, "default": 0.3,
            "description": "Lowest confidence (0..1) at which the owner still believes in the goal.",
        },
        "max_confidence": {
            "type": "number", "minimum": 0, "maximum": 1, "default": 0.9,
            "description": "Highest confidence (0..1) at which the goal is still a stretch.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        value = number(item.data.get("confidence"))
        if value is None:
            return
        low, high = float(ctx.options["min_confidence"]), float(ctx.options["max_confidence"])
        target = f"`target: {item.target:g}`" if item.target is not None else "the target"
        if value < low:
            yield Problem(item.at("confidence"),
                          msg("confidence {value:g} is below {low:g}: the owner does not believe in the target",
                              value=value, low=low),
                          help=f"agree with the owner on a target they believe in instead of {target}, "
                               f"then replace `confidence: {value:g}` with their new belief")
        elif value > high:
            yield Problem(item.at("confidence"), msg("confidence {value:g} is above {high:g}: the target is no stretch",
                                                     value=value, high=high),
                          help=f"raise {target} until it stretches the team, "
                               f"then replace `confidence: {value:g}` with the owner's new belief")
