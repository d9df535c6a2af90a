"""T rules: is the goal time-bound? A start, an end, and a sensible horizon."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..dates import DateError, iso_from_common, parse_period
from ..diagnostics import Problem, Severity, Span
from ..fixes import Edit, Fix
from ..model import GoalFile, Item
from ..plugin import CheckContext, Rule


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
    Add `deadline: 2026-12-31`, or a period token such as `deadline: 2026-Q4` (its last day).
    """

    code = "T001"
    missing_key = "deadline"
    name = "deadline-missing"
    letter = "T"
    severity = Severity.ERROR
    skip_statuses = frozenset({"draft"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.data.get("deadline") is None:
            yield Problem(item.start_span, "goal has no deadline")


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
        deadline: 2026-02-30

    Fix:
    Write a real ISO date or a full period token: `2026-02-28`, `2026-Q3`.
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
                yield Problem(span, f"{keys[-1]}: {problem}", fix=_iso_fix(value, span))

    def check_file(self, goal_file: GoalFile, ctx: CheckContext) -> Iterable[Problem]:
        data = goal_file.data
        smap = goal_file.source_map
        if data.get("period") is not None and (problem := _invalid(data["period"])):
            yield Problem(smap.value(("period",)), f"period: {problem}")
        defaults = data.get("defaults")
        for key in ("start", "deadline"):
            if isinstance(defaults, dict) and defaults.get(key) is not None and (problem := _invalid(defaults[key])):
                span = smap.value(("defaults", key))
                yield Problem(span, f"{key}: {problem}", fix=_iso_fix(defaults[key], span))


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
        return str(exc)
    return None


class StartAfterDeadline(Rule):
    """The goal starts after its deadline.

    What it checks:
    When both are set, `start` must not be later than `deadline`.

    Why it matters:
    The time frame is empty: no plan can fit in it, and progress and pace cannot be
    computed. Usually one of the two dates has a typo.

    Example:
        start: 2026-09-01
        deadline: 2026-06-30

    Fix:
    Correct the date that is wrong.
    """

    code = "T003"
    name = "start-after-deadline"
    letter = "T"
    severity = Severity.ERROR
    skip_statuses = frozenset({"draft"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.start is not None and item.deadline is not None and item.start > item.deadline:
            yield Problem(item.at("start"), f"start {item.start} is after the deadline {item.deadline}")


class DeadlinePassed(Rule):
    """An active goal's deadline has passed.

    What it checks:
    An active goal (not draft, done or dropped) whose deadline is before today
    (`--today` or `GOALLINT_TODAY` set the date, for reproducible runs).

    Why it matters:
    A goal past its deadline is either reached, missed or forgotten; its status should
    say which, so the report tells the truth.

    Example:
        deadline: 2026-03-31
        status: active
    (and today is 2026-05-02)

    Fix:
    Set `status: done` or `status: dropped`, with a final check-in, or agree a new deadline.
    """

    code = "T004"
    name = "deadline-passed"
    letter = "T"
    severity = Severity.WARNING
    skip_statuses = frozenset({"draft", "done", "dropped"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.deadline is not None and item.deadline < ctx.today:
            days = (ctx.today - item.deadline).days
            yield Problem(item.at("deadline"), f"deadline {item.deadline} passed {days} days ago; "
                                               "the goal is still active")


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
        start: 2026-01-01
        deadline: 2028-12-31

    Fix:
    Set a deadline within a year and make the long-term ambition the parent objective.
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
            origin = "start" if item.start else "today"
            yield Problem(item.at("deadline"), f"deadline is {days} days after {origin} (limit {limit})")


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
          deadline: 2026-12-31

    Fix:
    Add `start: 2026-01-01`, or a period token such as `start: 2026-Q1` (its first day).
    """

    code = "T006"
    missing_key = "start"
    name = "start-missing"
    letter = "T"
    severity = Severity.WARNING
    skip_statuses = frozenset({"draft"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.data.get("start") is None:
            yield Problem(item.start_span, "goal has no start date")
