"""Run the history rules: for ``goallint history`` and ``goallint check --history-since``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Problem, Severity
from ..globs import relative_to
from ..loader import load_file_bytes
from ..messages import msg
from ..model import GoalFile, Item, Project, build_items
from ..plugin import CheckContext
from .build import CurrentFile, build
from .git import GitError, repository_root
from .timeline import Change, Timeline

if TYPE_CHECKING:
    from ..config import Settings
    from ..diagnostics import CheckResult

__all__ = ["GitError", "GoalChange", "HistoryResult", "add_to_check", "changes_by_goal", "history", "of_check"]

# The fields whose changes a report shows beside a goal's chart, and ``history`` lists when explained.
WATCHED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("target", ("metric", "target")), ("deadline", ("deadline",)), ("baseline", ("metric", "baseline")),
    ("baseline_date", ("metric", "baseline_date")), ("source", ("metric", "source")), ("unit", ("metric", "unit")),
)


@dataclass(frozen=True)
class GoalChange:
    """One change of a watched field of a goal, as a report or ``history`` shows it."""

    goal: str
    field: str
    old: Any
    new: Any
    commit: str  # short hash; 'work tree' for an uncommitted change
    author: str
    date: dt.date
    after_start: bool
    reason: str | None  # from the goal's `changes:` list; None when the change is not explained
    path: str = ""
    line: int = 1
    column: int = 1


@dataclass
class HistoryResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    timelines: list[Timeline] = field(default_factory=list)
    commits: int = 0


def _read(path: Path, shown: str, root: Path, settings: Settings) -> CurrentFile | None:
    """A goal file of the work tree; None when it cannot be read or parsed (``check`` says why).

    Such a file is left out of the last version rather than read as empty, which would
    look as if every goal in it had been removed.
    """
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    document = load_file_bytes(raw, settings.max_file_bytes)
    if not isinstance(document.data, dict):
        return None
    goal_file = GoalFile(shown, document.data, document.source_map)
    return _current(path, shown, root, build_items(goal_file), document.source_map.key(("goals",)))


def _current(path: Path, shown: str, root: Path, items: list[Item], goals_span: Any) -> CurrentFile | None:
    from ..diagnostics import Span

    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    return CurrentFile(relative, shown, items, goals_span or Span(1, 1, 1, 1))


def history(paths: Sequence[str], settings: Settings, since: str | None, today: dt.date,
            cwd: Path | None = None) -> HistoryResult:
    """The H rules over the history of the goal files at ``paths`` (files or folders)."""
    from ..discovery import discover
    from ..linter import display_path

    cwd = cwd or Path.cwd()
    root = repository_root(cwd)
    files, missing = discover(list(paths), settings)
    if missing:
        raise GitError(missing[0])
    current = [c for c in (_read(p, display_path(p, cwd), root, settings) for p in files) if c is not None]
    folders = []
    for given in paths or ["."]:
        if Path(given).is_dir():
            relative = Path(given).resolve().relative_to(root.resolve()).as_posix() \
                if Path(given).resolve().is_relative_to(root.resolve()) else None
            if relative is not None:
                folders.append("" if relative == "." else relative)
    return _judge(root, current, settings, since, today, folders, cwd)


def add_to_check(result: CheckResult, settings: Settings, since: str, today: dt.date,
                 cwd: Path | None = None) -> list[str]:
    """Add the H rules' findings on the changes since ``since`` to a check's result; give the warnings."""
    found = of_check(result, settings, since, today, cwd)
    result.diagnostics += found.diagnostics
    result.diagnostics.sort(key=attrgetter("path", "line", "column", "code", "message"))
    return found.warnings


def of_check(result: CheckResult, settings: Settings, since: str | None, today: dt.date,
             cwd: Path | None = None, root: Path | None = None) -> HistoryResult:
    """The history of the goals a check read (all of HEAD's, or since ``since``), judged by the H rules.

    ``root`` is the repository's top; by default the one that holds ``cwd``.
    """
    cwd = cwd or Path.cwd()
    root = root or repository_root(cwd)
    by_file: dict[int, tuple[GoalFile, list[Item]]] = {}
    for item in result.items:
        by_file.setdefault(id(item.file), (item.file, []))[1].append(item)
    current = []
    for goal_file, items in by_file.values():
        made = _current(cwd / goal_file.path, goal_file.path, root, items, goal_file.source_map.key(("goals",)))
        if made is not None:
            current.append(made)
    return _judge(root, current, settings, since, today, [], cwd)


def _judge(root: Path, current: list[CurrentFile], settings: Settings, since: str | None, today: dt.date,
           folders: list[str], cwd: Path) -> HistoryResult:
    from ..linter import display_path

    built = build(root, current, since, settings.max_file_bytes, today, folders)
    out = HistoryResult(warnings=built.warnings, timelines=built.timelines, commits=built.commits)
    shown = {c.shown for c in current}
    prepared: dict[str, list[tuple[Any, Severity, CheckContext]]] = {}
    for timeline in built.timelines:
        if timeline.current is None and timeline.shown not in shown:
            timeline.shown = display_path(root / timeline.shown, cwd)
        out.diagnostics += _diagnostics(timeline, settings, today, prepared)
    out.diagnostics.sort(key=attrgetter("path", "line", "column", "code", "message"))
    return out


def _diagnostics(timeline: Timeline, settings: Settings, today: dt.date,
                 prepared: dict[str, list[tuple[Any, Severity, CheckContext]]]) -> Iterable[Diagnostic]:
    if timeline.shown not in prepared:
        prepared[timeline.shown] = _prepare(timeline.shown, settings, today)
    for rule, severity, ctx in prepared[timeline.shown]:
        for problem in _problems(rule, timeline, ctx):
            span = problem.span
            yield Diagnostic(timeline.shown, span.line, span.column, span.end_line, span.end_column, rule.code,
                             rule.name, severity, problem.message, timeline.goal_id, help=problem.help)


def _prepare(shown: str, settings: Settings, today: dt.date) -> list[tuple[Any, Severity, CheckContext]]:
    """The H rules that run on one file, at their configured severity, each with its own options."""
    from ..rules.history import HistoryRule
    from ..selection import enabled

    own = settings.for_file(relative_to(Path(shown), settings.root))
    project = Project(today)
    rules = []
    for code, rule in own.catalog.items():
        severity = enabled(rule, own.select, own.ignore, own.severity)
        if issubclass(rule, HistoryRule) and severity is not None:
            rules.append((rule(), severity, CheckContext(project, today, own.rule_options(code), own.metrics)))
    return rules


def _problems(rule: Any, timeline: Timeline, ctx: CheckContext) -> list[Problem]:
    try:
        return list(rule.check_timeline(timeline, ctx))
    except Exception as exc:
        return [Problem(timeline.anchor,
                        msg("rule {code} failed on this goal's history: {error}: {detail}", code=rule.code,
                            error=type(exc).__name__, detail=str(exc)))]


def changes_by_goal(result: HistoryResult) -> dict[str, list[GoalChange]]:
    """Each goal's changes of target, deadline, baseline, source and unit, oldest first.

    What a report shows beside a goal's chart: ``after_start`` and ``reason`` tell a moved
    goalpost (after the start, not explained) from a planned or explained change.
    """
    from ..rules.history import at, metric_value

    out: dict[str, list[GoalChange]] = {}
    for timeline in result.timelines:
        changes = []
        for name, keys in WATCHED:
            read = metric_value(keys[-1]) if keys[0] == "metric" else _top(keys[0])
            for change in timeline.values(name, read):
                changes.append(_goal_change(timeline, change, at(timeline, *keys)))
        if changes:
            changes.sort(key=lambda c: (c.date, c.field))
            out[timeline.goal_id] = changes
    return out


def _top(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda data: data.get(key)


def _goal_change(timeline: Timeline, change: Change, span: Any) -> GoalChange:
    note = timeline.explanation(change)
    reason = str(note.get("reason", "")) if note is not None else None
    return GoalChange(timeline.goal_id, change.field, change.old, change.new, change.commit.short,
                      change.commit.author, change.commit.date.date(), timeline.started(change), reason,
                      timeline.shown, span.line, span.column)
