"""The check pipeline: files -> loader -> schema -> model -> rules -> diagnostics.

Configuration is applied here, not in the rules: which rules run, their severity, their
options, and the inline suppressions.
"""

from __future__ import annotations

import datetime as dt
import errno
import gc
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from . import loader, schema
from .config import Settings, severity_of
from .diagnostics import Diagnostic, Problem, Severity, Span, Suppression
from .globs import relative_to
from .model import GoalFile, Item, Project, build_items
from .reading import read_goal_file
from .registry import CheckContext, Rule, all_rules
from .suppressions import Directive, parse_directives


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    suppressed: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    goals: int = 0
    paths: list[str] = field(default_factory=list)  # every file checked, as shown
    items: list[Item] = field(default_factory=list)  # goals and objectives of those files, in file order
    errors: list[str] = field(default_factory=list)  # files that could not be read

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)


def matches(code: str, prefixes: list[str]) -> bool:
    return any(p == "ALL" or code.startswith(p) for p in prefixes)


def active_rules(settings: Settings) -> list[Rule]:
    rules = []
    for code, rule in all_rules().items():
        if not rule.mandatory:
            if settings.select is not None and not matches(code, settings.select):
                continue
            if matches(code, settings.ignore):
                continue
            if severity_of(code, rule.severity, settings.severity) is None:
                continue
        rules.append(rule())
    return rules


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return Path(os.path.normpath(path)).as_posix()


@dataclass
class _FileState:
    shown: str
    relative: str  # to the config's folder, for the overrides' globs
    reported: bool = True
    goal_file: GoalFile | None = None
    items: list[Item] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)


class _Finding(NamedTuple):
    state: _FileState
    code: str
    span: Span
    message: str
    item: Item | None


def check(paths: list[Path], settings: Settings, today: dt.date, cwd: Path | None = None,
          context: list[Path] | None = None, jobs: int = 1,
          overlay: Mapping[Path, bytes] | None = None) -> CheckResult:
    """Check the files together: ids and parents resolve across all of them.

    ``context`` files are loaded and take part in cross-goal rules (ids, parents, owner
    load), but only ``paths`` are reported: how a pre-commit hook checks a few changed
    files inside the whole repository. With ``jobs`` above 1, files are parsed and
    checked goal by goal in that many processes when there is enough to gain; the
    cross-goal rules then run once, here, over every goal. The result is the same.
    ``overlay`` maps a path to the text to check instead of the file's own bytes (an
    editor's unsaved buffer, standard input); such a run stays in one process.
    """
    collecting = gc.isenabled()
    gc.disable()  # the data is trees, freed by reference counting; cyclic GC passes only cost time here
    try:
        texts = {_key(path): raw for path, raw in (overlay or {}).items()}
        return _check(paths, settings, today, cwd or Path.cwd(), context, 1 if texts else jobs, texts)
    finally:
        if collecting:
            gc.enable()


@dataclass
class _Outcome:
    """One file, read and checked goal by goal: what the cross-goal pass still needs."""

    state: _FileState | None
    result: CheckResult


def _check(paths: list[Path], settings: Settings, today: dt.date, cwd: Path, context: list[Path] | None,
           jobs: int, texts: dict[str, bytes]) -> CheckResult:
    reported = {_key(path) for path in paths}
    ordered = paths
    if context is not None:  # the whole project's order, so that "first defined" means the same as in a full run
        known = {_key(path) for path in context}
        ordered = [*context, *(path for path in paths if _key(path) not in known)]
    tasks = [(path, display_path(path, cwd), _key(path) in reported) for path in ordered]
    if _worth_parallel(tasks, settings, jobs):
        outcomes = _in_workers(tasks, settings, today, jobs)
    else:
        outcomes = [_analyse(task, settings, today, slim=False, texts=texts) for task in tasks]

    result = CheckResult()
    project = Project(today)
    states = []
    for (_path, _shown, is_reported), outcome in zip(tasks, outcomes, strict=True):
        part = outcome.result
        if is_reported:
            result.files += part.files
            result.paths += part.paths
            result.errors += part.errors
            result.diagnostics += part.diagnostics
            result.suppressed += part.suppressed
        state = outcome.state
        if state is not None:
            states.append(state)
            if state.goal_file is not None:
                project.files.append(state.goal_file)
                project.items.extend(state.items)
    result.items = [item for state in states if state.reported for item in state.items]
    result.goals = sum(1 for item in result.items if item.kind == "goal")
    cross = _run_rules(states, project, settings, cross=True)
    _resolve([f for f in cross if f.state.reported], settings, today, result)
    order = attrgetter("path", "line", "column", "code", "message")  # output order: by file, then position
    result.diagnostics.sort(key=order)
    result.suppressed.sort(key=order)
    return result


def _analyse(task: tuple[Path, str, bool], settings: Settings, today: dt.date, slim: bool,
             texts: dict[str, bytes] | None = None) -> _Outcome:
    """Read one file and run every rule that needs no other goal on it."""
    path, shown, is_reported = task
    part = CheckResult()
    findings: list[_Finding] = []
    raw = texts.get(_key(path)) if texts else None
    state = _load(path, shown, settings, today, part, findings, raw)
    if state is None:
        return _Outcome(None, part)
    state.reported = is_reported
    if is_reported:
        findings += _run_rules([state], Project(today), settings, cross=False)
        _resolve(findings, settings, today, part)
    if slim and state.goal_file is not None:
        state.goal_file = _slim(state.goal_file)
        state.items = build_items(state.goal_file, today)
    return _Outcome(state, part)


# What the cross-goal rules read of a goal; a worker sends back only this.
_CROSS_KEYS = ("id", "title", "owner", "parent", "status", "start", "deadline")


def _slim(goal_file: GoalFile) -> GoalFile:
    """The file cut down to what cross-goal rules use, positions included."""
    data = goal_file.data
    out: dict[str, Any] = {key: data[key] for key in ("version", "period") if key in data}
    defaults = data.get("defaults")
    if isinstance(defaults, dict):
        out["defaults"] = {key: defaults[key] for key in _CROSS_KEYS if key in defaults}
    for listing in ("objectives", "goals"):
        entries = data.get(listing)
        if not isinstance(entries, list):
            continue
        items: list[Any] = []
        for raw in entries:
            if not isinstance(raw, dict):
                items.append(None)  # not a goal: build_items skips it, as it skips the original
                continue
            first = next(iter(raw), None)  # the goal's first key marks where it starts
            items.append({key: value for key, value in raw.items() if key in _CROSS_KEYS or key == first})
        out[listing] = items
    return GoalFile(goal_file.path, out, goal_file.source_map.pruned(out))


def _worth_parallel(tasks: list[tuple[Path, str, bool]], settings: Settings, jobs: int) -> bool:
    """Processes pay only for several files with real content, and only where fork exists."""
    if jobs <= 1 or len(tasks) < 2:
        return False
    if any(not rule.source.startswith(("goallint", "config")) for rule in all_rules().values()):
        return False  # a plugin rule may read any goal through ctx.project: keep every goal whole
    if sum(_size(path) for path, _shown, _reported in tasks) < 256 * 1024:
        return False
    import multiprocessing  # only now: its import costs a small run noticeable time

    return "fork" in multiprocessing.get_all_start_methods()


_WORK: tuple[Settings, dt.date] | None = None


def _worker(chunk: list[tuple[int, tuple[Path, str, bool]]]) -> list[tuple[int, _Outcome]]:
    assert _WORK is not None
    settings, today = _WORK
    return [(index, _analyse(task, settings, today, slim=True)) for index, task in chunk]


def _in_workers(tasks: list[tuple[Path, str, bool]], settings: Settings, today: dt.date,
                jobs: int) -> list[_Outcome]:
    """Share the files among ``jobs`` processes, largest first, by size: this one and forks.

    This process takes a share itself rather than wait: one fork fewer, and its share's
    outcomes need no trip through a pipe.
    """
    global _WORK
    loads = [0] * jobs
    chunks: list[list[tuple[int, tuple[Path, str, bool]]]] = [[] for _ in range(jobs)]
    sized = sorted(((_size(task[0]), index) for index, task in enumerate(tasks)), reverse=True)
    for size, index in sized:
        lightest = loads.index(min(loads))
        loads[lightest] += size
        chunks[lightest].append((index, tasks[index]))
    own, others = chunks[0], [chunk for chunk in chunks[1:] if chunk]
    import multiprocessing

    _WORK = (settings, today)
    try:
        with multiprocessing.get_context("fork").Pool(len(others)) as pool:
            pending = pool.map_async(_worker, others)
            parts = [_worker(own), *pending.get()]
    finally:
        _WORK = None
    outcomes: list[_Outcome | None] = [None] * len(tasks)
    for part in parts:
        for index, outcome in part:
            outcomes[index] = outcome
    return [outcome for outcome in outcomes if outcome is not None]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read(path: Path) -> bytes:
    """A regular file's bytes; folders, pipes and devices are refused rather than read."""
    mode = path.stat().st_mode  # follows links: a broken link raises here
    if stat.S_ISDIR(mode):
        raise OSError(errno.EISDIR, "is a folder, not a goal file")
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "not a regular file")
    return path.read_bytes()


def _key(path: Path) -> str:
    return os.path.normpath(path.resolve())


def _load(path: Path, shown: str, settings: Settings, today: dt.date, result: CheckResult,
          findings: list[_Finding], raw: bytes | None = None) -> _FileState | None:
    """Read, parse and schema-check one file; None when it cannot be read at all."""
    if raw is None:
        try:
            raw = read_goal_file(path, settings.max_file_bytes)
        except OSError as exc:
            result.errors.append(f"{shown}: cannot read ({exc.strerror or exc})")
            return None
    result.files += 1
    result.paths.append(shown)
    document = loader.load_file_bytes(raw, settings.max_file_bytes)
    state = _FileState(shown, relative_to(path, settings.root))
    for load_problem in document.problems:
        findings.append(_Finding(state, load_problem.code, load_problem.span, load_problem.message, None))
    state.directives, directive_problems = parse_directives(document.text, list(all_rules()))
    for problem in directive_problems:
        findings.append(_Finding(state, "E005", problem.span, problem.message, None))
    data = document.data
    if data is None:
        if not document.problems:
            findings.append(_Finding(state, "E002", Span.point(1, 1),
                                     "the file is empty: a goal file starts with 'version: 1'", None))
        return state
    for _path, span, message in schema.validate(data, document.source_map):
        findings.append(_Finding(state, "E002", span, message, None))
    if isinstance(data, dict):
        state.goal_file = GoalFile(shown, data, document.source_map)
        state.items = build_items(state.goal_file, today)
    return state


def _run_rules(states: list[_FileState], project: Project, settings: Settings, cross: bool) -> list[_Finding]:
    """The rules that need every goal (``cross``) or only their own; each file with its own settings."""
    findings = []
    prepared: dict[int, tuple[CheckContext, list[Rule]]] = {}
    for state in states:
        if cross and not state.reported:
            continue
        own = settings.for_file(state.relative)
        if id(own) not in prepared:
            rules = [rule for rule in active_rules(own) if rule.needs_project == cross]
            prepared[id(own)] = (CheckContext(project, project.today, own.options), rules)
        ctx, rules = prepared[id(own)]
        for item in state.items:
            for rule in rules:
                if item.kind not in rule.applies_to or item.status in rule.skip_statuses:
                    continue
                for problem in _run(rule, item, ctx):
                    findings.append(_Finding(state, rule.code, problem.span, problem.message, item))
        if state.goal_file is not None:
            for rule in rules:
                for problem in _run_file(rule, state.goal_file, ctx):
                    findings.append(_Finding(state, rule.code, problem.span, problem.message, None))
    return findings


def _resolve(findings: list[_Finding], settings: Settings, today: dt.date, result: CheckResult) -> None:
    """Findings become diagnostics: goal id, configured severity, suppressions, order."""
    catalog = all_rules()
    enabled: dict[int, set[str]] = {}
    for state, code, span, message, found_in in findings:
        rule = catalog[code]
        own = settings.for_file(state.relative)
        if id(own) not in enabled:  # the loader reports before selection applies, so select here too
            enabled[id(own)] = {active.code for active in active_rules(own)}
        if code not in enabled[id(own)]:
            continue
        item = found_in if found_in is not None else _item_at(state.items, span.line)
        severity = rule.severity if rule.mandatory else severity_of(code, rule.severity, own.severity)
        assert severity is not None  # rules turned off never ran
        diagnostic = Diagnostic(state.shown, span.line, span.column, span.end_line, span.end_column,
                                code, rule.name, severity, message, item.id if item else None)
        suppression = None if rule.mandatory else _suppression(state, code, span, item, today)
        if suppression is None:
            result.diagnostics.append(diagnostic)
        else:
            result.suppressed.append(diagnostic._replace(suppression=suppression))


def _run(rule: Rule, item: Item, ctx: CheckContext) -> list[Problem]:
    try:
        return list(rule.check(item, ctx))
    except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
        return [Problem(item.start_span, f"rule {rule.code} from {rule.source} failed on this goal: "
                                         f"{type(exc).__name__}: {exc}")]


def _run_file(rule: Rule, goal_file: GoalFile, ctx: CheckContext) -> list[Problem]:
    try:
        return list(rule.check_file(goal_file, ctx))
    except Exception as exc:  # noqa: BLE001
        return [Problem(Span.point(1, 1), f"rule {rule.code} from {rule.source} failed on this file: "
                                          f"{type(exc).__name__}: {exc}")]


def _item_at(items: list[Item], line: int) -> Item | None:
    """The goal or objective whose lines contain ``line``."""
    for item in items:
        span = item.file.source_map.value(item.path)
        if span.line <= line <= span.end_line:
            return item
    return None


def _suppression(state: _FileState, code: str, span: Span, item: Item | None,
                 today: dt.date) -> Suppression | None:
    goal_line = item.start_span.line if item is not None else None
    for directive in state.directives:
        if not directive.covers(code) or not directive.active(today):
            continue
        if directive.whole_file or directive.line == span.line or directive.line == goal_line:
            return Suppression(directive.line, directive.until_text, directive.reason)
    return None
