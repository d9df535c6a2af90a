"""H rules: what the goal's history in git says. Moved goalposts, slipped deadlines, rewritten data.

These rules do not look at one version of a goal: they read its timeline, every version
of it along the branch's history (see ``goallint.history``), and report at the current
line of the value. They run under ``goallint history`` and ``goallint check
--history-since REV``; a plain ``check`` has no history and skips them. A change that
the goal explains in its ``changes:`` list is accepted: shown by ``history``, never
flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from ..dates import day_or_none
from ..diagnostics import Problem, Severity, Span
from ..messages import msg
from ..model import number
from ..plugin import CheckContext, Rule

if TYPE_CHECKING:  # the history machinery (git, timelines) loads only when history runs
    from ..history.timeline import Change, Timeline, Version


class HistoryRule(Rule):
    """A rule over a goal's timeline rather than over one version of it."""

    letter: ClassVar[str | None] = None  # history is not one of the SMART letters
    applies_to: ClassVar[frozenset[str]] = frozenset()  # nothing to do in a check without history

    def check_timeline(self, timeline: Timeline, ctx: CheckContext) -> Iterable[Problem]:
        return ()


def credit(change: Change) -> str:
    """Which commit made a change, who, and when: 'a1b2c3d by Ann Lee on 2026-03-02'."""
    commit = change.commit
    return msg("{commit} by {author} on {date}", commit=commit.short, author=commit.author,
               date=commit.date.date().isoformat())


def explain(change: Change, field: str, old: Any = None, new: Any = None) -> str:
    """The `changes:` entry that would explain a change: the form a help line offers."""
    old = change.old if old is None else old
    new = change.new if new is None else new
    to = "" if new is None else f", to: {show(new)}"  # a removed value has no "to"
    return (f"`changes: [{{date: {change.commit.date.date().isoformat()}, field: {field}, from: {show(old)}{to}, "
            "reason: ...}]`")


def show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def at(timeline: Timeline, *keys: str | int) -> Span:
    """The current position of a value, or the goal's own line when the value is gone."""
    item = timeline.current
    if item is None:
        return timeline.anchor
    data: Any = item.data
    for key in keys:
        if isinstance(data, dict) and isinstance(key, str) and key in data:
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return item.start_span
    return item.at(*keys)


def metric_value(name: str) -> Callable[[dict[str, Any]], Any]:
    def read(data: dict[str, Any]) -> Any:
        metric = data.get("metric")
        return metric.get(name) if isinstance(metric, dict) else None

    return read


def _direction(data: dict[str, Any]) -> str | None:
    metric = data.get("metric")
    if not isinstance(metric, dict):
        return None
    if metric.get("direction") in ("increase", "decrease", "maintain"):
        return str(metric["direction"])
    baseline, target = number(metric.get("baseline")), number(metric.get("target"))
    if baseline is None or target is None or baseline == target:
        return None
    return "increase" if target > baseline else "decrease"


def judged(timeline: Timeline, changes: Iterable[Change]) -> Iterator[Change]:
    """The changes made after the goal started that its ``changes:`` list does not explain."""
    for change in changes:
        if timeline.started(change) and timeline.explanation(change) is None:
            yield change


class TargetMovedEasyWay(HistoryRule):
    """The target was moved the easy way after the goal started.

    What it checks:
    Every commit that changed `metric.target` after the goal started (its `start` date;
    a goal without one has started once a committed version holds it active). A change
    towards the baseline (lower for a goal that increases, higher for one that
    decreases) by more than the tolerance is reported, with the commit, its author and
    date, and the old and new target. The tolerance is a share of the distance from the
    baseline to the old target (of the old target itself when there is no baseline).
    Changes the goal explains in `changes:` are accepted.

    Why it matters:
    A goal that is quietly lowered in week ten of the quarter is reached on paper and
    missed in fact. Progress must be measured against the goal people committed to.

    Example:
        # committed in January:  target: 400
        # committed in March:    target: 300

    Fix:
    Keep the original target and record the outcome, or explain the change on the goal.

        - id: leads
          title: Reach 300 inbound leads per month
          metric: {name: inbound leads, baseline: 250, target: 300}
          changes:
            - {date: 2026-03-02, field: target, from: 400, to: 300, reason: "budget cut"}
    """

    code = "H001"
    name = "target-moved-easy-way"
    severity = Severity.WARNING
    options = {
        "target_tolerance_percent": {
            "type": "number", "minimum": 0, "default": 0,
            "description": "How far (percent of the distance from baseline to target) a target may move "
                           "the easy way without a finding.",
        },
    }

    def check_timeline(self, timeline: Timeline, ctx: CheckContext) -> Iterable[Problem]:
        tolerance = float(ctx.options["target_tolerance_percent"])
        for change in judged(timeline, timeline.values("target", metric_value("target"))):
            old, new = number(change.old), number(change.new)
            direction = _direction(change.before.data)
            if old is None or new is None or direction not in ("increase", "decrease"):
                continue
            if (new < old) != (direction == "increase"):
                continue  # moved the hard way
            baseline = number(metric_value("baseline")(change.before.data))
            distance = abs(old - baseline) if baseline is not None and baseline != old else abs(old)
            if distance and abs(new - old) * 100 / distance <= tolerance:
                continue
            word = msg("lowered") if new < old else msg("raised")
            yield Problem(at(timeline, "metric", "target"),
                          msg("target {moved} from {old} to {new} in {commit}, after the goal started: the goal "
                              "({direction}) was made easier", moved=word, old=show(old), new=show(new),
                              commit=credit(change), direction=direction),
                          help=f"restore `target: {show(old)}`, or explain the change on the goal: "
                               f"{explain(change, 'target', old, new)}")


class DeadlineMovedLater(HistoryRule):
    """The deadline was moved later after the goal started.

    What it checks:
    Every commit that moved `deadline` later after the goal started. One finding at the
    current deadline names every move (commit, author, date, old and new deadline) and
    counts them, when there are more than the allowed number. Moves the goal explains in
    `changes:` are accepted and not counted.

    Why it matters:
    A deadline commits people to a time frame. A deadline that slips a month at a time
    commits no one, and a goal "on track" against a moved deadline is late.

    Example:
        # deadline: 2026-03-31, then 2026-04-30, then 2026-06-30

    Fix:
    Keep the deadline and close the goal as done or dropped, or record why it moved.

        - id: leads
          title: Reach 400 inbound leads per month
          deadline: 2026-04-30
          changes:
            - {date: 2026-03-20, field: deadline, from: 2026-03-31, to: 2026-04-30, reason: "launch slipped"}
    """

    code = "H002"
    name = "deadline-moved-later"
    severity = Severity.WARNING
    options = {
        "deadline_moves_allowed": {
            "type": "integer", "minimum": 0, "default": 0,
            "description": "How many unexplained moves of a deadline to a later date pass without a finding.",
        },
    }

    def check_timeline(self, timeline: Timeline, ctx: CheckContext) -> Iterable[Problem]:
        moves = []
        for change in judged(timeline, timeline.values("deadline", lambda data: data.get("deadline"))):
            old, new = day_or_none(change.old, end=True), day_or_none(change.new, end=True)
            if old is not None and new is not None and new > old:
                moves.append(change)
        if len(moves) > int(ctx.options["deadline_moves_allowed"]):
            listed = _listed([msg("{old} -> {new} in {commit}", old=show(c.old), new=show(c.new), commit=credit(c))
                              for c in moves])
            times = msg("once") if len(moves) == 1 else msg("{count} times", count=len(moves))
            yield Problem(at(timeline, "deadline"), msg("deadline moved later {times} after the goal started: {moves}",
                                                        times=times, moves=listed),
                          help=f"restore `deadline: {show(moves[0].old)}` and close the goal as done or dropped, or "
                               f"explain each move on the goal, e.g. {explain(moves[-1], 'deadline')}")


def _listed(moves: list[str]) -> str:
    """The moves joined with '; ', as one message whose parts are translated with it.

    Halves nest as a balanced tree, so a goal whose deadline moved a thousand times nests
    ten messages deep, not a thousand (translating and pickling recurse through them)."""
    if len(moves) == 1:
        return moves[0]
    middle = len(moves) // 2
    return msg("{earlier}; {later}", earlier=_listed(moves[:middle]), later=_listed(moves[middle:]))


class BaselineRewritten(HistoryRule):
    """The baseline or its date was changed after the goal started.

    What it checks:
    Every commit that changed `metric.baseline` or `metric.baseline_date` after the goal
    started, with the commit, its author and date, and the old and new value. Changes the
    goal explains in `changes:` are accepted.

    Why it matters:
    The baseline is the zero point every result is measured from. Moving it after the
    start changes how much progress the goal shows without changing what was achieved.

    Example:
        # committed in January:  baseline: 300
        # committed in April:    baseline: 250

    Fix:
    Restore the baseline measured at the start, or explain the correction.

        - id: leads
          title: Reach 400 inbound leads per month
          metric: {name: inbound leads, baseline: 250, target: 400}
          changes:
            - {date: 2026-04-02, field: baseline, from: 300, to: 250, reason: "double-counted leads"}
    """

    code = "H003"
    name = "baseline-rewritten"
    severity = Severity.WARNING

    def check_timeline(self, timeline: Timeline, ctx: CheckContext) -> Iterable[Problem]:
        for key in ("baseline", "baseline_date"):
            for change in judged(timeline, timeline.values(key, metric_value(key))):
                yield Problem(at(timeline, "metric", key),
                              msg("{key} changed from {old} to {new} in {commit}, after the goal started, so the "
                                  "goal's progress is measured from another point", key=key, old=show(change.old),
                                  new=show(change.new), commit=credit(change)),
                              help=f"restore `{key}: {show(change.old)}`, or explain the correction on the goal: "
                                   f"{explain(change, key)}")


def _checkins(version: Version) -> dict[str, tuple[int, Any]]:
    """A version's check-ins by date (as written): date -> (place in the list, value)."""
    entries = version.data.get("checkins")
    out: dict[str, tuple[int, Any]] = {}
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict) and entry.get("date") is not None:
            out.setdefault(str(entry["date"]).strip(), (index, entry.get("value")))
    return out


def checkin_changes(timeline: Timeline) -> Iterator[tuple[Change, str, str]]:
    """Recorded check-ins whose value or date changed later, or that were removed.

    Each comes with the check-in's date before and now ('' when it was removed). A check-in
    is known by its date; a date that goes away while a new date with the same value
    arrives in the same commit is a changed date.
    """
    from ..history.timeline import same

    for before, after in zip(timeline.versions, timeline.versions[1:], strict=False):
        old, new = _checkins(before), _checkins(after)
        added = {day: entry for day, entry in new.items() if day not in old}
        for day, (_index, value) in old.items():
            if day in new:
                if not same(value, new[day][1]):
                    yield _change(timeline, before, after, ("value", day), value, new[day][1]), day, day
                continue
            moved = next((other for other, (_i, v) in added.items() if same(v, value)), None)
            if moved is not None:
                del added[moved]
                yield _change(timeline, before, after, ("date", moved), day, moved), day, moved
            else:
                yield _change(timeline, before, after, ("removed", day), value, None), day, ""


def _change(timeline: Timeline, before: Version, after: Version, what: tuple[str, str], old: Any,
            new: Any) -> Change:
    from ..history.timeline import Change, Version

    kind, day = what

    def read(data: dict[str, Any]) -> Any:
        entries = _checkins(Version(after.commit, after.path, data))
        if kind == "value":
            return entries[day][1] if day in entries else None
        return day in entries

    commit = after.commit
    if timeline.credit is not None:
        commit = timeline.credit(commit, timeline.goal_id, read, read(after.data))
    return Change(f"checkin {kind}", old, new, commit, before, after)


class CheckinRewritten(HistoryRule):
    """A recorded check-in's value or date was changed or removed later.

    What it checks:
    Every check-in (known by its date) of every version of the goal: a later commit
    that changes its value, changes its date or removes it is reported, with the commit,
    its author and date, and the old and new value. Edits within the grace period after
    the check-in was first committed are accepted, as are changes the goal explains in
    `changes:` (field `checkins`).

    Why it matters:
    Check-ins are the goal's measurements. Editing them after the fact rewrites how the
    goal went, and every chart and pace computed from them with it.

    Example:
        # committed on 2026-02-01:  - {date: 2026-01-31, value: 310}
        # committed on 2026-03-15:  - {date: 2026-01-31, value: 340}

    Fix:
    Restore the recorded value and add a new check-in for a new measurement, or explain
    the correction.

        - id: leads
          title: Reach 400 inbound leads per month
          checkins:
            - {date: 2026-01-31, value: 340}
          changes:
            - {date: 2026-03-15, field: checkins, from: 310, to: 340, reason: "CRM import fixed"}
    """

    code = "H004"
    name = "checkin-rewritten"
    severity = Severity.ERROR
    options = {
        "checkin_grace_days": {
            "type": "integer", "minimum": 0, "default": 1,
            "description": "Days after a check-in is first committed during which it may still be corrected.",
        },
    }

    def check_timeline(self, timeline: Timeline, ctx: CheckContext) -> Iterable[Problem]:
        from ..history.timeline import Change

        grace = int(ctx.options["checkin_grace_days"])
        recorded: dict[str, Any] = {}
        for version in timeline.versions:
            for day in _checkins(version):
                recorded.setdefault(day, version.commit.date)
        for change, was, day in checkin_changes(timeline):
            first = recorded.get(was)
            if first is not None and (change.commit.date - first).days < grace:
                continue
            if timeline.explanation(Change("checkins", change.old, change.new, change.commit, change.before,
                                           change.after)) is not None:
                continue
            yield self._problem(timeline, change, was, day)

    def _problem(self, timeline: Timeline, change: Change, was: str, day: str) -> Problem:
        explained = explain(change, "checkins")
        if change.field == "checkin removed":
            return Problem(at(timeline, "checkins"), msg("check-in of {day} (value {old}) was removed in {commit}",
                                                         day=was, old=show(change.old), commit=credit(change)),
                           help=f"put back `{{date: {was}, value: {show(change.old)}}}`, or explain the removal on "
                                f"the goal: {explained}")
        index = _checkins(change.after)[day][0]
        if change.field == "checkin date":
            return Problem(at(timeline, "checkins", index, "date"),
                           msg("check-in date changed from {old} to {new} in {commit}", old=show(change.old),
                               new=show(change.new), commit=credit(change)),
                           help=f"restore `date: {show(change.old)}`, or explain the correction on the goal: "
                                f"{explained}")
        return Problem(at(timeline, "checkins", index, "value"),
                       msg("check-in of {day} changed from {old} to {new} in {commit}", day=day,
                           old=show(change.old), new=show(change.new), commit=credit(change)),
                       help=f"restore `value: {show(change.old)}` and add a new check-in for the new measurement, "
                            f"or explain the correction on the goal: {explained}")


class GoalRemovedWhileActive(HistoryRule):
    """An active goal was removed from the goal files instead of being closed.

    What it checks:
    A goal that was active (status `active` or none) in one commit and in no goal file
    in the next, before its deadline had passed. A goal whose id was changed in the
    same commit (same file, same title or place) is followed, not reported. The finding
    goes on the file where the goal last lived, at its `goals:` key, when that file
    still exists (under its newest name); otherwise on the removed file's path, line 1.
    It names the commit, its author and date, and the goal's last target and deadline.

    Why it matters:
    A goal that disappears leaves no record of what happened to it. A goal marked
    `done` or `dropped` keeps its outcome and its reason in the history of the plan.

    Example:
        # committed in January: - id: leads ... (active, deadline 2026-06-30)
        # committed in March:   the goal is gone

    Fix:
    Put the goal back with `status: dropped` (or `done`) and say why in its description.

        - id: leads
          title: Reach 400 inbound leads per month
          deadline: 2026-06-30
          status: dropped
          description: Dropped in March; the budget went to the partner channel.
    """

    code = "H005"
    name = "goal-removed-while-active"
    severity = Severity.WARNING

    def check_timeline(self, timeline: Timeline, ctx: CheckContext) -> Iterable[Problem]:
        removal = timeline.removal
        if removal is None:
            return
        last = removal.last.data
        if last.get("status", "active") != "active":
            return
        deadline = day_or_none(last.get("deadline"), end=True)
        when = removal.commit.date.date()
        if deadline is not None and when > deadline:
            return
        commit = removal.commit
        yield Problem(timeline.anchor,
                      msg("goal '{goal}' was removed in {commit} by {author} on {date} while active (last in "
                          "{path}, target {target}, deadline {deadline}), so its outcome is lost",
                          goal=timeline.goal_id, commit=commit.short, author=commit.author, date=when.isoformat(),
                          path=removal.last.path, target=show(metric_value('target')(last)),
                          deadline=show(last.get('deadline'))),
                      help=f"put '{timeline.goal_id}' back with `status: dropped` (or `done`) and say why in "
                           "`description:`")


class MetricRedefined(HistoryRule):
    """The metric's source or unit changed after the goal started.

    What it checks:
    Every commit that changed `metric.source` or `metric.unit` after the goal started,
    with the commit, its author and date, and the old and new value. Changes the goal
    explains in `changes:` are accepted.

    Why it matters:
    Quantitative data must be measured and analysed the same way every time. A result
    measured from another source, or in another unit, cannot be compared with the
    baseline and the check-ins that came before.

    Example:
        # committed in January:  source: GA4 sessions report
        # committed in April:    source: CRM leads export

    Fix:
    Keep measuring the way the goal started, or start a new goal for the new measure,
    or explain the change in `changes:` with the field `source` or `unit`.

        - id: leads
          title: Reach 400 inbound leads per month
          metric: {name: inbound leads, source: CRM leads export, target: 400}
          changes:
            - {date: 2026-04-01, field: source, from: GA4 sessions report, to: CRM leads export,
               reason: "sessions are not leads"}
    """

    code = "H006"
    name = "metric-redefined"
    severity = Severity.WARNING

    def check_timeline(self, timeline: Timeline, ctx: CheckContext) -> Iterable[Problem]:
        for key in ("source", "unit"):
            for change in judged(timeline, timeline.values(key, metric_value(key))):
                yield Problem(at(timeline, "metric", key),
                              msg("metric {key} changed from {old} to {new} in {commit}, after the goal started: "
                                  "the goal is measured a different way", key=key, old=show(change.old),
                                  new=show(change.new), commit=credit(change)),
                              help=f"restore `{key}: {show(change.old)}` or start a new goal for the new measure, or "
                                   f"explain the change on the goal: {explain(change, key)}")
