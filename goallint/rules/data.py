"""Rules on the metric catalogue: goals judged against the team's own measurements.

A goal that refers to a catalogued metric (``metric: {ref: ...}``, see
``goallint.catalogue``) is checked against that metric's history: whether it measures
the same way as the other goals on it, whether its baseline is what was measured, whether
its pace and its season fit what the number has done before. Each rule is silent when
the history is too short to judge, and its documentation says how much it needs.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from ..catalogue import Entry, Measurement
from ..dates import days_in_month
from ..diagnostics import Problem, Severity
from ..fixes import Applicability, Edit, Fix, scalar_text
from ..messages import msg
from ..model import GoalFile, Item
from ..plugin import CheckContext, Rule

# The shortest length of each named cadence, in days: a "monthly" goal of February and
# March (59 days) still holds two monthly measurements.
_SHORTEST_DAYS = {"daily": 1, "weekly": 7, "biweekly": 14, "monthly": 28, "quarterly": 89, "half-yearly": 181,
                  "yearly": 365}
_TYPICAL_DAYS = {"daily": 1.0, "weekly": 7.0, "biweekly": 14.0, "monthly": 365.25 / 12, "quarterly": 365.25 / 4,
                 "half-yearly": 365.25 / 2, "yearly": 365.25}
# A written cadence's period in words, one and several: words of the messages, translated with them.
_PERIOD_WORDS = {"daily": (msg("day"), msg("days")), "weekly": (msg("week"), msg("weeks")),
                 "biweekly": (msg("fortnight"), msg("fortnights")), "monthly": (msg("month"), msg("months")),
                 "quarterly": (msg("quarter"), msg("quarters")), "half-yearly": (msg("half-year"), msg("half-years")),
                 "yearly": (msg("year"), msg("years"))}


def _entry(item: Item) -> Entry | None:
    return item.link.entry if item.link is not None else None


def _written_cadence(item: Item) -> str | int | None:
    metric = item.metric or {}
    value = metric.get("cadence")
    if isinstance(value, str) and value.strip().casefold() in _SHORTEST_DAYS:
        return value.strip().casefold()
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None


def cadence_days(item: Item, *, shortest: bool) -> float | None:
    """Days between measurements: the written cadence (its shortest or typical length),
    else the usual gap in the catalogue's history (three measurements or more)."""
    written = _written_cadence(item)
    if isinstance(written, str):
        return float(_SHORTEST_DAYS[written] if shortest else _TYPICAL_DAYS[written])
    if isinstance(written, int):
        return float(written)
    entry = _entry(item)
    return entry.typical_gap if entry is not None else None


def _period_words(item: Item, days: float) -> tuple[str, str]:
    """The cadence period in words, one and several: ("month", "months"), ("10 days", "periods of 10 days")."""
    written = _written_cadence(item)
    if isinstance(written, str):
        return _PERIOD_WORDS[written]
    return msg("{days:.0f} days", days=days), msg("periods of {days:.0f} days", days=days)


def _a_year_before(day: dt.date) -> dt.date | None:
    if day.year <= dt.MINYEAR:
        return None
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


class MetricRefUnknown(Rule):
    """A goal refers to a metric the catalogue does not have.

    What it checks:
    `metric.ref` against the ids of the metric catalogue: every top-level `metrics:`
    list of the files checked together (goal files and `*.metrics.yaml` files). The
    finding stands at the reference and suggests the nearest known id. The fields the
    goal would have taken from the catalogue are not reported missing as well.

    Why it matters:
    A goal on a misspelt metric takes nothing from the catalogue: no name, unit, source,
    baseline or check-ins. It looks measured in the file and is measured by nothing.

    Example:
        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/month
            cadence: monthly
        goals:
          - id: q4-leads
            title: Reach 480 inbound leads in December
            metric: {ref: inbound-lead, target: 480}

    Fix:
    Use the id as the catalogue spells it (the help names the nearest one, and the editor
    offers the edit), or add the metric to the catalogue:

        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/month
            cadence: monthly
        goals:
          - id: q4-leads
            title: Reach 480 inbound leads in December
            metric: {ref: inbound-leads, target: 480}
    """

    code = "E010"
    name = "metric-ref-unknown"
    severity = Severity.ERROR
    fixable = "unsafe"

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        link = item.link
        if link is None or link.entry is not None or not isinstance(link.ref, str):
            return
        catalogue = item.file.catalogue
        span = item.at("metric", "ref")
        if catalogue is None or not catalogue.entries:
            yield Problem(span, msg("metric '{ref}' is not in the metric catalogue, and no file checked with this "
                                    "one has a `metrics:` list: the goal takes no unit, baseline or check-ins from it",
                                    ref=link.ref),
                          help=f"add a `metrics:` list with `- id: {link.ref}` (in a `*.metrics.yaml` file checked "
                               "with this one), or write the metric inline without `ref`")
            return
        message = msg("metric '{ref}' is not in the metric catalogue: the goal takes no unit, baseline or "
                      "check-ins from it", ref=link.ref)
        known = catalogue.suggest(link.ref)
        if known is None:
            ids = ", ".join(sorted(catalogue.entries)[:3]) + (", …" if len(catalogue.entries) > 3 else "")
            yield Problem(span, message, help=f"add `- id: {link.ref}` to the `metrics:` catalogue, or refer to "
                                              f"one of its ids ({ids})")
            return
        yield Problem(span, message, help=f"write `ref: {known}` (the nearest catalogued id)",
                      fix=Fix(f"refer to {known}", (Edit(span, scalar_text(known)),), Applicability.UNSAFE))


class _CatalogueTrouble(Rule):
    """Reports the catalogue's own troubles of one code, on the file that holds them."""

    applies_to = frozenset()

    def check_file(self, goal_file: GoalFile, ctx: CheckContext) -> Iterable[Problem]:
        catalogue = goal_file.catalogue
        if catalogue is None:
            return
        reported = ctx.project.reported_files
        checked = {f.path for f in reported} if reported is not None else None
        for trouble in catalogue.troubles.get(goal_file.path, ()):
            if trouble.code != self.code:
                continue
            if trouble.unless_checked is None or (checked is not None and trouble.unless_checked not in checked):
                yield Problem(trouble.span, trouble.message, help=trouble.help)


class MetricIdDuplicate(_CatalogueTrouble):
    """Two catalogued metrics share an id.

    What it checks:
    The ids of the metric catalogue across every file checked together (the top-level
    `metrics:` lists of goal files and `*.metrics.yaml` files). Each repeat is reported
    at its `id` and names where the id was first defined; goals use the first. When only
    the file with the first one is checked (a pre-commit hook), the finding is there.

    Why it matters:
    Goals refer to a metric by its id. With two metrics behind one id, a goal's baseline,
    check-ins and judgement come from whichever one was read first.

    Example:
        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/month
          - id: inbound-leads
            unit: leads/week
        goals:
          - id: leads
            title: Reach 400 inbound leads per month
            metric: {ref: inbound-leads, target: 400}

    Fix:
    Give each metric its own id (the help names one from how the repeat differs), or merge
    the two histories:

        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/month
          - id: inbound-leads-weekly
            unit: leads/week
        goals:
          - id: leads
            title: Reach 400 inbound leads per month
            metric: {ref: inbound-leads, target: 400}
    """

    code = "E011"
    name = "metric-id-duplicate"
    severity = Severity.ERROR
    needs_project = True  # which files a hook checks decides where the clash is reported


class MetricHistoryInvalid(_CatalogueTrouble):
    """A measurement in a metric's history cannot be used.

    What it checks:
    Each entry of a catalogued metric's `history:` has a `date` (YYYY-MM-DD) or a
    `period` (2025, 2025-H2, 2025-Q4, 2025-11) that is real, and the entries run oldest
    first with one measurement a day (a period counts on its last day). Values that are
    not numbers are schema findings (E002).

    Why it matters:
    Baselines, check-ins and the history rules are read from these measurements; an entry
    that cannot be placed in time is left out, and the goals on the metric are judged on
    less than the team wrote down.

    Example:
        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/month
            history:
              - {period: 2025-11, value: 262}
              - {period: 2025-13, value: 250}
        goals:
          - id: leads
            title: Reach 400 inbound leads per month
            metric: {ref: inbound-leads, target: 400}

    Fix:
    Correct the date or period (the help offers the period after the one before it); keep
    the history in order, one line per measurement:

        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/month
            history:
              - {period: 2025-11, value: 262}
              - {period: 2025-12, value: 250}
        goals:
          - id: leads
            title: Reach 400 inbound leads per month
            metric: {ref: inbound-leads, target: 400}
    """

    code = "M016"
    name = "metric-history-invalid"
    severity = Severity.WARNING


class MetricOverridesCatalogue(Rule):
    """A goal measures a catalogued metric in another unit or from another source.

    What it checks:
    A goal that refers to a catalogued metric (`metric.ref`) and writes its own `unit` or
    `source` that differs from the catalogue's (compared without case and surrounding
    spaces). Needs no history.

    Why it matters:
    Quantitative data must be measured and analysed the same way every time. Two goals on
    "inbound leads per month" read from two reports are not comparable, and neither is
    comparable with the history the catalogue keeps.

    Example:
        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/month
            source: CRM report "Inbound leads by month"
        goals:
          - id: q4-leads
            title: Reach 480 inbound leads in December
            metric: {ref: inbound-leads, target: 480, source: web form export}

    Fix:
    Remove the goal's own `unit` or `source` so it takes the catalogue's, or catalogue the
    other measurement as a metric of its own:

        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/month
            source: CRM report "Inbound leads by month"
        goals:
          - id: q4-leads
            title: Reach 480 inbound leads in December
            metric: {ref: inbound-leads, target: 480}
    """

    code = "M014"
    name = "metric-overrides-catalogue"
    severity = Severity.WARNING

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        entry = _entry(item)
        if entry is None or item.link is None:
            return
        metric = item.metric or {}
        for key in ("unit", "source"):
            shared, own = entry.text(key), metric.get(key)
            if key in item.link.defaulted or shared is None or not isinstance(own, str):
                continue
            if own.strip().casefold() != shared.casefold():
                yield Problem(item.at("metric", key),
                              msg("{key} '{own}' differs from the catalogue's '{shared}' for metric '{metric}': "
                                  "this goal is measured differently from the other goals on it", key=key,
                                  own=own.strip(), shared=shared, metric=entry.id),
                              help=f"remove the goal's `{key}: {own.strip()}` to take the catalogue's, or catalogue "
                                   "this measurement as a metric of its own")


class BaselineDisagreesWithHistory(Rule):
    """A goal's stated baseline is not what the catalogue measured on that date.

    What it checks:
    A goal on a catalogued metric that writes its own `metric.baseline`: the catalogue's
    measurement on the baseline's date (`metric.baseline_date`, else `start`), or the last
    one before it within one cadence, must be within `tolerance_percent` (5) percent of
    the baseline. Needs a measurement at that date; silent without one.

    Why it matters:
    The baseline is the zero point every goal is measured from. A baseline typed from
    memory, or from another report, makes the target look more or less ambitious than it
    is, and makes progress impossible to compare with the history.

    Example:
        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/month
            history: [{period: 2025-12, value: 231}]
        goals:
          - id: leads
            title: Reach 400 inbound leads per month
            start: 2026-01-01
            metric: {ref: inbound-leads, baseline: 250, baseline_date: 2025-12-31, target: 400}

    Fix:
    Write the measured baseline (the editor offers the edit), or drop the goal's
    `baseline` to take the catalogue's; if the history is what is wrong, correct it:

        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/month
            history: [{period: 2025-12, value: 231}]
        goals:
          - id: leads
            title: Reach 400 inbound leads per month
            start: 2026-01-01
            metric: {ref: inbound-leads, baseline: 231, baseline_date: 2025-12-31, target: 400}
    """

    code = "M015"
    name = "baseline-disagrees-with-history"
    severity = Severity.WARNING
    fixable = "unsafe"
    options = {
        "tolerance_percent": {
            "type": "number", "minimum": 0, "default": 5,
            "description": "How far, in percent of the measured value, a stated baseline may differ from it.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        entry = _entry(item)
        baseline = item.baseline
        if entry is None or item.link is None or "baseline" in item.link.defaulted or baseline is None:
            return
        day = item.measure.origin
        if day is None:
            return
        slack = cadence_days(item, shortest=True) or 0.0
        found = entry.near(day, slack)
        if found is None:
            return
        tolerance = float(ctx.options["tolerance_percent"])
        off = abs(baseline - found.value)
        share = off / abs(found.value) * 100 if found.value else (0.0 if off == 0 else float("inf"))
        if share > tolerance:
            by = msg("by {share:.1f}%", share=share) if found.value else msg("by {off:g}", off=off)
            span, measured = item.at("metric", "baseline"), f"{found.value:g}"
            yield Problem(span,
                          msg("baseline {baseline:g} differs from the catalogue's {value:g} for {day} (metric "
                              "'{metric}') {by} (tolerance {tolerance:g}%): the target is measured from a zero point "
                              "the data does not show", baseline=baseline, value=found.value,
                              day=found.day.isoformat(), metric=entry.id, by=by, tolerance=tolerance),
                          help=f"write `baseline: {measured}` (the catalogue's value on {found.day.isoformat()}) "
                               "or fix the history",
                          fix=Fix(f"write baseline: {measured}", (Edit(span, measured),), Applicability.UNSAFE))


class PaceBeyondHistory(Rule):
    """The target needs a pace far above anything the metric's history shows.

    What it checks:
    A goal on a catalogued metric that asks the number to move. The pace it needs is the
    change from baseline to target per cadence period (per month for a monthly metric)
    between the baseline's date and the deadline. The history's paces are the changes
    over every earlier span of the same length, per period, measured before the baseline;
    the finding says the best and the typical (median) one. Reported when the needed pace
    is more than `max_pace_factor` (1.5) times the best, or the history never moved that
    way over such a span. Spans as long as the goal's take seasons into account: a
    year-long goal is compared with earlier years, not with one strong month. Needs
    `min_spans` (3) such spans: for a year-long goal on a monthly metric, 15 months of
    history before the baseline; silent with less.

    Why it matters:
    Understand your data before you set the number: a goal should be challenging but
    achievable. A target that needs twice the best pace the team has ever had is a goal
    people give up on in March.

    Example:
        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/quarter
            cadence: quarterly
            history:
              - {period: 2024-Q1, value: 760}
              - {period: 2024-Q2, value: 780}
              - {period: 2024-Q3, value: 800}
              - {period: 2024-Q4, value: 900}
              - {period: 2025-Q1, value: 790}
              - {period: 2025-Q2, value: 810}
              - {period: 2025-Q3, value: 830}
              - {period: 2025-Q4, value: 940}
        goals:
          - id: leads-2026
            title: Grow inbound leads in 2026
            start: 2026-01-01
            deadline: 2026-12-31
            metric: {ref: inbound-leads, target: 1100}
    (over any year of the history the leads rose by at most 40, 10 a quarter; 1100 needs
    40 a quarter)

    Fix:
    Set a target the history supports (the help works it out), or say in `why` what
    changes this year (a new channel, a budget) and suppress the finding with that reason:

        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/quarter
            cadence: quarterly
            history:
              - {period: 2024-Q1, value: 760}
              - {period: 2024-Q2, value: 780}
              - {period: 2024-Q3, value: 800}
              - {period: 2024-Q4, value: 900}
              - {period: 2025-Q1, value: 790}
              - {period: 2025-Q2, value: 810}
              - {period: 2025-Q3, value: 830}
              - {period: 2025-Q4, value: 940}
        goals:
          - id: leads-2026
            title: Grow inbound leads in 2026
            start: 2026-01-01
            deadline: 2026-12-31
            metric: {ref: inbound-leads, target: 1000}
    """

    code = "A006"
    name = "pace-beyond-history"
    severity = Severity.WARNING
    options = {
        "max_pace_factor": {
            "type": "number", "exclusiveMinimum": 0, "default": 1.5,
            "description": "Largest believable ratio between the pace a target needs and the history's best.",
        },
        "min_spans": {
            "type": "integer", "minimum": 1, "default": 3,
            "description": "Fewest earlier spans as long as the goal's the history must hold to be judged.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        entry = _entry(item)
        m = item.measure
        origin, deadline, base, target = m.origin, item.deadline, item.baseline, item.target
        if entry is None or m.movement is None or origin is None or deadline is None or base is None \
                or target is None:
            return
        period = cadence_days(item, shortest=False)
        length = (deadline - origin).days
        if period is None or length < period:
            return
        periods = length / period
        paces = [change / periods for change in entry.span_changes(origin, length, period / 2)]
        if len(paces) < int(ctx.options["min_spans"]):
            return
        needed = (target - base) / periods
        sign = 1 if m.movement == "increase" else -1
        from statistics import median  # only now: it imports fractions and decimal, a start-up cost

        best, typical = max(p * sign for p in paces) * sign, median(paces)
        factor = float(ctx.options["max_pace_factor"])
        # a hair of slack: the target the help suggests sits exactly on the limit
        if needed * sign > factor * max(best * sign, 0.0) * (1 + 1e-9):
            word, words = _period_words(item, period)
            yield Problem(item.at("metric", "target"),
                          msg("target {target:g} needs {needed:+.3g} per {word} for {periods:.3g} {words}; over "
                              "spans as long in the history of '{metric}' the best was {best:+.3g} per {word} and the "
                              "typical {typical:+.3g} (limit {factor:g}x the best): a pace the team has never had",
                              target=target, needed=needed, word=word, periods=periods, words=words, metric=entry.id,
                              best=best, typical=typical, factor=factor),
                          help=_pace_help(base, factor * max(best * sign, 0.0) * sign * periods, sign,
                                          f"{factor:g}x the history's best pace over {periods:.3g} {words}"))


def _pace_help(base: float, reachable: float, sign: int, pace: str) -> str:
    """The farthest target the history's best pace (times the limit) supports, rounded towards the baseline."""
    if reachable == 0:
        rose = "rose" if sign > 0 else "fell"
        return (f"keep `target: {base:g}` (the history never {rose} over spans this long) or say in `why` what changes "
                "and suppress the finding with that reason")
    edge = base + reachable
    digits = max(0, 2 - math.floor(math.log10(abs(edge)))) if edge else 0
    scale = 10.0 ** digits
    rounded = (math.floor if sign > 0 else math.ceil)(edge * scale) / scale
    way = "or below" if sign > 0 else "or above"
    return f"set `target: {rounded:g}` {way} ({pace}) or give the goal more time"


class TargetBelowLastSeason(Rule):
    """An increase target below the same time last year, or a decrease target above it.

    What it checks:
    A goal on a catalogued metric that asks the number to move: its target against the
    catalogue's measurement one year before the deadline (or the last one before that
    date within one cadence). An increase whose target is below that value, or a decrease
    whose target is above it, is reported. Needs a measurement a year before the deadline
    that is older than the baseline (a year-long goal compares with its own baseline,
    which the direction already covers); silent without one.

    Why it matters:
    Timing is part of relevance. If Q4 is the strongest quarter, a Q4 goal to "grow" to
    less than last Q4 plans a worse season than the team already had; the highest goals
    belong where the potential is.

    Example:
        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/quarter
            cadence: quarterly
            history:
              - {period: 2024-Q3, value: 800}
              - {period: 2024-Q4, value: 940}
              - {period: 2025-Q1, value: 790}
              - {period: 2025-Q2, value: 810}
              - {period: 2025-Q3, value: 830}
        goals:
          - id: q4-leads
            title: Grow inbound leads in Q4
            start: 2025-10-01
            deadline: 2025-12-31
            metric: {ref: inbound-leads, target: 900}

    Fix:
    Set the target from the same period last year, not from the months just before the
    goal; or choose the time frame where the growth really is:

        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/quarter
            cadence: quarterly
            history:
              - {period: 2024-Q3, value: 800}
              - {period: 2024-Q4, value: 940}
              - {period: 2025-Q1, value: 790}
              - {period: 2025-Q2, value: 810}
              - {period: 2025-Q3, value: 830}
        goals:
          - id: q4-leads
            title: Grow inbound leads in Q4
            start: 2025-10-01
            deadline: 2025-12-31
            metric: {ref: inbound-leads, target: 940}
    """

    code = "R007"
    name = "target-below-last-season"
    severity = Severity.WARNING

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        entry = _entry(item)
        m = item.measure
        target, deadline, origin = item.target, item.deadline, m.origin
        if entry is None or m.movement is None or target is None or deadline is None or origin is None:
            return
        found = _last_season(entry, deadline, cadence_days(item, shortest=True) or 0.0)
        if found is None or found.day >= origin:
            return
        if m.movement == "increase" and target < found.value:
            said, why = msg("an increase to less than"), msg("a worse season than the team already had")
            way = "or above"
        elif m.movement == "decrease" and target > found.value:
            said, why = msg("a decrease to more than"), msg("a higher level than the team already reached")
            way = "or below"
        else:
            return
        yield Problem(item.at("metric", "target"),
                      msg("target {target:g} for {deadline} is {said} the {value:g} measured a year earlier ({day}, "
                          "metric '{metric}'): the goal plans {why}", target=target, deadline=deadline.isoformat(),
                          said=said, value=found.value, day=found.day.isoformat(), metric=entry.id, why=why),
                      help=f"set `target: {found.value:g}` {way} (the value of {found.day.isoformat()}, a year "
                           "before the deadline), or choose the time frame where the change really is")


def _last_season(entry: Entry, deadline: dt.date, slack: float) -> Measurement | None:
    day = _a_year_before(deadline)
    return entry.near(day, slack) if day is not None else None


class TimeframeBelowCadence(Rule):
    """The goal's time frame is too short to measure its metric twice.

    What it checks:
    The days from `start` to `deadline` against the metric's cadence: `metric.cadence`
    (written, or taken from the catalogue), by the shortest length of that period (28
    days for monthly, 89 for quarterly), else the usual gap between the catalogue's
    measurements (needs three or more). A time frame shorter than two cadence periods is
    reported: the number is measured at most once inside it.

    Why it matters:
    A time frame makes the goal measurable; find the right one from earlier figures. A
    six-week goal on a monthly report has one reading in it: nobody can see progress,
    adjust the tactics, or tell a lucky month from a change.

    Example:
        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/month
            cadence: monthly
        goals:
          - id: december-leads
            title: Reach 480 inbound leads in December
            start: 2026-12-01
            deadline: 2026-12-31
            metric: {ref: inbound-leads, target: 480}

    Fix:
    Give the goal at least two cadence periods, or measure it more often (a weekly
    report) and say so in `metric.cadence`:

        version: 1
        metrics:
          - id: inbound-leads
            unit: leads/month
            cadence: monthly
        goals:
          - id: december-leads
            title: Reach 480 inbound leads in December
            start: 2026-12-01
            deadline: 2027-01-31
            metric: {ref: inbound-leads, target: 480}
    """

    code = "T007"
    name = "timeframe-below-cadence"
    severity = Severity.WARNING

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        start, deadline = item.start, item.deadline
        if start is None or deadline is None or deadline < start:
            return
        period = cadence_days(item, shortest=True)
        if period is None:
            return
        days = (deadline - start).days + 1
        if days < 2 * period:
            word, words = _period_words(item, period)
            later = _deadline_for_two(item, start, period)
            fix = f"move the deadline to {later.isoformat()} or later (two {words})" if later is not None \
                else f"give the goal two {words}"
            yield Problem(item.at("deadline"),
                          msg("the time frame {start}..{deadline} is {days} days, shorter than two {words}: a "
                              "metric measured every {word} is measured at most once in it", start=start.isoformat(),
                              deadline=deadline.isoformat(), days=days, words=words, word=word),
                          help=f"{fix}, or measure it more often and say so in `metric.cadence`")


def _deadline_for_two(item: Item, start: dt.date, period: float) -> dt.date | None:
    """The first deadline that gives two cadence periods; a month's end for a cadence of months or longer."""
    try:
        day = start + dt.timedelta(days=math.ceil(2 * period) - 1)
    except OverflowError:
        return None
    written = _written_cadence(item)
    if isinstance(written, str) and _SHORTEST_DAYS[written] >= 28:
        day = day.replace(day=days_in_month(day.year, day.month))
    return day
