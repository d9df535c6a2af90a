"""T rules: is the goal time-bound? A start, an end, and a sensible horizon."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from ..dates import DateError, days_in_month, iso_from_common, parse_period
from ..diagnostics import Problem, Severity, Span
from ..fixes import Applicability, Edit, Fix
from ..messages import msg
from ..model import GoalFile, Item
from ..plugin import CheckContext, Rule
from .helptext import quarter_end_before


class DeadlineMissing(Rule):
    """The goal has no deadline.

    What it checks:
    That every goal has a `deadline` (directly or through the file's `defaults`).
    Draft goals are skipped.

    Why it matters:
    A time frame makes the goal measurable and brings focus, priorities and action. Daily
    problems are inevitable; a deadline is what keeps the goal in view.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month

    Fix:
    Add `deadline: 2026-12-31`, or a period token such as `deadline: 2026-Q4` (its last day):

        - id: leads
          title: Reach 400 inbound leads per month
          deadline: 2026-12-31
    """

    code = "T001"
    missing_key = "deadline"
    name = "deadline-missing"
    letter = "T"
    severity = Severity.ERROR
    skip_statuses = frozenset({"draft"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.data.get("deadline") is None:
            period = item.file.period
            advice = (f"add `deadline: {period.last}` (the last day of the period {item.file.data['period']})"
                      if period is not None else
                      f"add `deadline:` with a date or a period token, e.g. `deadline: {ctx.today.year}-Q4`")
            yield Problem(item.start_span, msg("goal has no deadline: nothing brings it into focus, and its pace "
                                               "cannot be judged"), help=advice)


def _date_fields(item: Item) -> Iterable[tuple[tuple[str | int, ...], Any]]:
    data = item.data
    for key in ("start", "deadline"):
        if data.get(key) is not None:
            yield (key,), data[key]
    metric = item.metric
    if metric is not None and metric.get("baseline_date") is not None:
        yield ("metric", "baseline_date"), metric["baseline_date"]
    for key in ("milestones", "checkins"):
        entries = data.get(key)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict) and entry.get("date") is not None:
                yield (key, index, "date"), entry["date"]


class DateInvalid(Rule):
    """A date or period is not a real one.

    What it checks:
    Every date field (`start`, `deadline`, `metric.baseline_date`, milestone and check-in
    dates) and the file's `period`. Accepted: ISO dates (`2026-03-31`) and period tokens
    (`2026`, `2026-H1`, `2026-Q3`, `2026-05`, `2026-01-01..2026-03-31`). Dates are parsed
    by goallint, so `2026-02-30` is reported rather than guessed. Drafts are checked too.

    Why it matters:
    "Soon" and "Q3" (of which year?) are not time frames. A date that does not exist makes
    every time rule silently skip the goal.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          deadline: 2026-02-30

    Fix:
    Write a real ISO date or a full period token (`2026-02-28`, `2026-Q3`):

        - id: leads
          title: Reach 400 inbound leads per month
          deadline: 2026-02-28
    """

    code = "T002"
    fixable = "safe"
    name = "date-invalid"
    letter = "T"
    severity = Severity.ERROR
    applies_to = frozenset({"goal", "objective"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        defaults = item.file.data.get("defaults")
        for keys, value in _date_fields(item):
            if keys[0] not in item.raw and isinstance(defaults, dict) and keys[0] in defaults:
                continue  # a defaulted date is checked once, by check_file
            problem = _invalid(value)
            if problem:
                span = item.at(*keys)
                yield Problem(span, msg("{key}: {problem}", key=keys[-1], problem=problem),
                              help=_date_help(keys[-1], value), fix=_iso_fix(value, span))

    def check_file(self, goal_file: GoalFile, ctx: CheckContext) -> Iterable[Problem]:
        data = goal_file.data
        smap = goal_file.source_map
        if data.get("period") is not None and (problem := _invalid(data["period"])):
            yield Problem(smap.value(("period",)), msg("period: {problem}", problem=problem),
                          help="write a full period token: `2026`, `2026-H1`, `2026-Q3`, `2026-05` or "
                               "`2026-01-01..2026-03-31`")
        defaults = data.get("defaults")
        for key in ("start", "deadline"):
            if isinstance(defaults, dict) and defaults.get(key) is not None and (problem := _invalid(defaults[key])):
                span = smap.value(("defaults", key))
                yield Problem(span, msg("{key}: {problem}", key=key, problem=problem),
                              help=_date_help(key, defaults[key]), fix=_iso_fix(defaults[key], span))


_DAY_PAST_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")


def _date_help(key: str | int, value: Any) -> str:
    """The date meant: the ISO spelling of a common one, or the month's last day for a day past it."""
    iso = iso_from_common(value) if isinstance(value, str) else None
    if iso is not None:
        return f"write `{key}: {iso}`"
    found = _DAY_PAST_MONTH.match(value) if isinstance(value, str) else None
    if found and 1 <= int(found.group(2)) <= 12 and int(found.group(1)) >= 1:
        year, month = int(found.group(1)), int(found.group(2))
        last = dt.date(year, month, days_in_month(year, month))
        return f"write a day that exists: `{key}: {last}` is the month's last"
    return f"write `{key}:` as an ISO date (`2026-06-30`) or a full period token (`2026-Q3`)"


def _iso_fix(value: Any, span: Span) -> Fix | None:
    """A date written another common way (``31.12.2026``) rewritten as the ISO date it means."""
    iso = iso_from_common(value) if isinstance(value, str) else None
    if iso is None or span.line != span.end_line:
        return None
    return Fix(f"write the date as {iso}", (Edit(span, iso),))


def _invalid(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None  # a wrong type is the schema's finding (E002)
    try:
        parse_period(value)
    except DateError as exc:
        return exc.message
    return None


class StartAfterDeadline(Rule):
    """The goal starts after its deadline.

    What it checks:
    When both are set, `start` must not be later than `deadline`.

    Why it matters:
    The time frame is empty: no plan can fit in it, and progress and pace cannot be
    computed. Usually one of the two dates has a typo.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-09-01
          deadline: 2026-06-30

    Fix:
    Correct the date that is wrong:

        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-03-01
          deadline: 2026-06-30
    """

    code = "T003"
    name = "start-after-deadline"
    letter = "T"
    severity = Severity.ERROR
    skip_statuses = frozenset({"draft"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.start is not None and item.deadline is not None and item.start > item.deadline:
            yield Problem(item.at("start"), msg("start {start} is after the deadline {deadline}: no plan fits in "
                                                "the time frame", start=item.start, deadline=item.deadline),
                          help=f"correct `start: {item.start}` or `deadline: {item.deadline}`, whichever has the typo")


class DeadlinePassed(Rule):
    """An active goal's deadline has passed.

    What it checks:
    An active goal (not draft, done or dropped) whose deadline is before today
    (`--today` or `GOALLINT_TODAY` set the date, for reproducible runs).

    Why it matters:
    A goal past its deadline is either reached, missed or forgotten; its status should
    say which, so the report tells the truth.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          deadline: 2026-03-31
          status: active
          metric: {baseline: 250, target: 400}
          checkins:
            - {date: 2026-03-31, value: 405}
    (and today is 2026-06-15)

    Fix:
    Set `status: done` or `status: dropped`, with a final check-in, or agree a new deadline:

        - id: leads
          title: Reach 400 inbound leads per month
          deadline: 2026-03-31
          status: done
          metric: {baseline: 250, target: 400}
          checkins:
            - {date: 2026-03-31, value: 405}
    """

    code = "T004"
    fixable = "unsafe"
    name = "deadline-passed"
    letter = "T"
    severity = Severity.WARNING
    skip_statuses = frozenset({"draft", "done", "dropped"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.deadline is not None and item.deadline < ctx.today:
            days = (ctx.today - item.deadline).days
            reached = _reached_on(item)
            yield Problem(item.at("deadline"), msg("deadline {deadline} passed {days} days ago, but the goal is "
                                                   "still active: the report counts it as open",
                                                   deadline=item.deadline, days=days),
                          help=f"set `status: done`: the check-in of {reached} reached the target" if reached else
                          "set `status: done` or `status: dropped` after a final check-in, or agree a new `deadline:`",
                          fix=_done_fix(item) if reached else None)


def _reached_on(item: Item) -> dt.date | None:
    """The day of the latest check-in, when it reached the target."""
    latest = item.measure.latest
    return latest.date if latest is not None and item.measure.reached(latest.value) else None


def _done_fix(item: Item) -> Fix | None:
    """``status: active`` written in the goal itself -> ``status: done``; a person confirms it (unsafe)."""
    if item.raw.get("status") != "active":
        return None
    span = item.at("status")
    if span.line != span.end_line or span.end_column - span.column != len("active"):
        return None
    return Fix("mark the goal done", (Edit(span, "done"),), Applicability.UNSAFE)


class HorizonTooLong(Rule):
    """The goal's deadline is too far away.

    What it checks:
    The span from `start` (or today, without a start) to `deadline` must not exceed
    `max_horizon_days` (366).

    Why it matters:
    A time frame should bring focus. A goal three years out gives no reason to act this
    quarter; find the right time frame from earlier figures and break long ambitions into
    yearly goals under one objective.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          deadline: 2028-12-31

    Fix:
    Set a deadline within a year and make the long-term ambition the parent objective:

        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          deadline: 2026-12-31
    """

    code = "T005"
    name = "horizon-too-long"
    letter = "T"
    severity = Severity.WARNING
    skip_statuses = frozenset({"draft"})
    options = {
        "max_horizon_days": {
            "type": "integer", "minimum": 1, "default": 366,
            "description": "Longest allowed span from start (or today) to deadline, in days.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.deadline is None:
            return
        since = item.start or ctx.today
        days = (item.deadline - since).days
        limit = ctx.options["max_horizon_days"]
        if days > limit:
            origin = msg("start") if item.start else msg("today")
            nearer = quarter_end_before(since + dt.timedelta(days=limit))
            yield Problem(item.at("deadline"), msg("deadline is {days} days after {origin} (limit {limit}): "
                                                   "it gives no reason to act this quarter", days=days,
                                                   origin=origin, limit=limit),
                          help=f"set `deadline: {nearer}` or earlier, and make the longer ambition "
                               "the parent objective")


class StartMissing(Rule):
    """The goal does not say when work starts.

    What it checks:
    That every goal has a `start` (directly or through the file's `defaults`). Draft goals
    are skipped.

    Why it matters:
    Decide when activities start and end. Without a start, elapsed time, pace and the
    expected path cannot be computed, and the goal can be "not started" forever.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          deadline: 2026-12-31

    Fix:
    Add `start: 2026-01-01`, or a period token such as `start: 2026-Q1` (its first day):

        - id: leads
          title: Reach 400 inbound leads per month
          start: 2026-01-01
          deadline: 2026-12-31
    """

    code = "T006"
    missing_key = "start"
    name = "start-missing"
    letter = "T"
    severity = Severity.WARNING
    skip_statuses = frozenset({"draft"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.data.get("start") is None:
            period = item.file.period
            advice = (f"add `start: {period.first}` (the first day of the period {item.file.data['period']})"
                      if period is not None else
                      f"add `start:` with a date or a period token, e.g. `start: {ctx.today.year}-Q1`")
            yield Problem(item.start_span, msg("goal has no start date: elapsed time and pace cannot be computed"),
                          help=advice)
