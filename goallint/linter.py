"""The check pipeline: files -> loader -> schema -> model -> rules -> diagnostics.

Configuration is applied here, through ``selection``: which rules run, their severity,
their options, and the inline suppressions. Rules never print and never decide
severity; a rule that fails becomes an E008 finding that no configuration can hide.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Mapping
from itertools import accumulate
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from . import catalogue as metric_catalogue
from . import loader, parallel, schema
from .config import Settings
from .diagnostics import CheckResult, Diagnostic, Problem, Severity, Span, Suppression
from .fixes import Edit, Fix, line_starts
from .globs import relative_to
from .messages import msg
from .model import GoalFile, Item, Project, build_items
from .plugin import CheckContext, Rule
from .reading import Unread, read_goal_file
from .selection import enabled, suppression_for, unused
from .suppressions import Directive, parse_directives

__all__ = ["CheckResult", "Reuse", "check", "display_path"]
RULE_FAILED = "E008"


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return Path(os.path.normpath(path)).as_posix()


class _FileState:
    """One file on its way through the check."""

    __slots__ = ("directives", "goal_file", "items", "misspelt", "relative", "reported", "shown", "used")

    def __init__(self, shown: str, relative: str, *, goal_file: GoalFile | None = None, items: list[Item] | None = None,
                 misspelt: dict[tuple[str | int, ...], set[str]] | None = None) -> None:
        self.shown = shown
        self.relative = relative  # to the config's folder, for the overrides' globs
        self.reported = True
        self.goal_file = goal_file
        self.items: list[Item] = [] if items is None else items
        self.directives: list[Directive] = []
        self.used: set[int] = set()  # lines of the directives that silenced a finding
        self.misspelt: dict[tuple[str | int, ...], set[str]] = {} if misspelt is None else misspelt  # path -> meant


class _Finding(NamedTuple):
    state: _FileState
    code: str
    span: Span
    message: str
    item: Item | None
    fix: Fix | None = None
    help: str | None = None


class _Outcome:
    """One file, read and checked goal by goal: what the cross-goal pass still needs."""

    __slots__ = ("result", "state")

    def __init__(self, state: _FileState | None, result: CheckResult) -> None:
        self.state = state
        self.result = result


class _Plan:
    """The rules one file's settings run, each with its own options, made once per settings."""

    def __init__(self, settings: Settings, project: Project, chosen: Callable[[str], bool] | None = None) -> None:
        self.settings = settings
        self.severity: dict[str, Severity] = {}
        self.local: list[tuple[Rule, CheckContext]] = []
        self.cross: list[tuple[Rule, CheckContext]] = []
        for code, rule in settings.catalog.items():
            level = enabled(rule, settings.select, settings.ignore, settings.severity)
            if level is None or (chosen is not None and not chosen(code)):
                continue
            self.severity[code] = level
            ctx = CheckContext(project, project.today, settings.rule_options(code), settings.metrics)
            (self.cross if rule.needs_project else self.local).append((rule(), ctx))
        self._chosen: dict[tuple[bool, str, str], list[tuple[Rule, CheckContext]]] = {}

    def for_item(self, item: Item, *, cross: bool) -> list[tuple[Rule, CheckContext]]:
        """The rules that apply to this kind of item in this status: chosen once per kind and status."""
        key = (cross, item.kind, item.status)
        chosen = self._chosen.get(key)
        if chosen is None:
            chosen = self._chosen[key] = [(rule, ctx) for rule, ctx in (self.cross if cross else self.local)
                                          if item.kind in rule.applies_to and item.status not in rule.skip_statuses]
        return chosen


def check(paths: list[Path], settings: Settings, today: dt.date, cwd: Path | None = None,
          context: list[Path] | None = None, jobs: int = 1,
          overlay: Mapping[Path, bytes] | None = None, reuse: Reuse | None = None, *,
          lean: bool = False) -> CheckResult:
    """Check the files together: ids and parents resolve across all of them.

    ``context`` files are loaded and take part in cross-goal rules (ids, parents, owner
    load), but only ``paths`` are reported: how a pre-commit hook checks a few changed
    files inside the whole repository. With ``jobs`` above 1, files are parsed and
    checked goal by goal in that many processes when there is enough to gain; the
    cross-goal rules then run once, here, over every goal. The result is the same.
    ``overlay`` maps a path to the text to check instead of the file's own bytes (an
    editor's unsaved buffer, standard input); such a run stays in one process. ``reuse``
    keeps each file's reading and goal-by-goal check for the next call (see ``Reuse``).
    ``lean`` lets each goal forget its metric model, check-ins and milestones once its
    goal-by-goal rules have run (``Item.forget``): for a caller that wants the findings
    only. At 10,000 goals that kept 19 MB to the end of the run.
    """
    texts = {_key(path): raw for path, raw in (overlay or {}).items()}
    with parallel.no_cyclic_gc(), contextlib.redirect_stdout(sys.stderr):  # a rule's print never reaches output
        return _check(paths, settings, today, cwd or Path.cwd(), context, 1 if texts else jobs, texts, reuse,
                      lean=lean)


def _check(paths: list[Path], settings: Settings, today: dt.date, cwd: Path, context: list[Path] | None,
           jobs: int, texts: dict[str, bytes], reuse: Reuse | None = None, *, lean: bool = False) -> CheckResult:
    reported = {_key(path) for path in paths}
    ordered = paths
    if context is not None:  # the whole project's order, so that "first defined" means the same as in a full run
        known = {_key(path) for path in context}
        ordered = [*context, *(path for path in paths if _key(path) not in known)]
    tasks = [(path, display_path(path, cwd), _key(path) in reported) for path in ordered]
    prepared = _prepare(tasks, settings, texts, keep_bytes=reuse is not None)
    in_parallel = False
    reads = _cross_reads(settings)
    if reuse is not None:
        outcomes = reuse.analyse_all(tasks, settings, today, prepared)
    elif reads is not None and parallel.worth_parallel(tasks, jobs):
        # A worker's files cross a pipe: cut down to what cross-goal rules read. This process's own stay whole.
        outcomes = parallel.in_workers(tasks, jobs, lambda task: _analyse(
            task, settings, today, prepared, slim=reads if parallel.in_fork() else None))
        in_parallel = True
    else:
        outcomes = [_analyse(task, settings, today, prepared, texts=texts, lean=lean) for task in tasks]

    result = CheckResult(catalog=settings.catalog, catalogue=prepared.catalogue if prepared.catalogue.entries else None)
    project = Project(today)
    states = []
    for outcome in outcomes:
        part = outcome.result
        state = outcome.state
        if state is None or state.reported:
            result.paths += part.paths
            result.errors += part.errors
            result.diagnostics += part.diagnostics
            result.suppressed += part.suppressed
        if state is not None:
            states.append(state)
            project.items.extend(state.items)
    result.items = [item for state in states if state.reported for item in state.items]
    if context is not None:
        project.reported_files = frozenset(s.goal_file for s in states if s.reported and s.goal_file is not None)
    if in_parallel and settings.catalog.only_builtin_and_config():
        cross = _cross_in_two(states, project, settings)
    else:
        cross = _run_rules(states, project, settings, cross=True)
    _resolve([f for f in cross if f.state.reported], settings, today, result)
    _resolve(_unused_directives([state for state in states if state.reported], settings, today), settings, today,
             result)
    order = attrgetter("path", "line", "column", "code", "message")  # output order: by file, then position
    result.diagnostics.sort(key=order)
    result.suppressed.sort(key=order)
    parallel.keep_until_exit(states, project, outcomes, prepared, cross)
    return result


# R002's "did you mean" searches share one budget per run: one process runs it over every goal.
_ONE_PASS = frozenset({"R002"})
_Portable = tuple[int, str, Span, str, int | None, Fix | None, str | None]


def _cross_in_two(states: list[_FileState], project: Project, settings: Settings) -> list[_Finding]:
    """The cross-goal rules with the files shared between this process and a fork.

    Each built-in cross-goal rule reads the project and judges one goal (or file), so the
    files can be split; the one with a budget shared by the whole run stays here, over
    every file. The findings come back grouped otherwise than one process finds them, but
    each rule's own in the same order; sorted by place and code, the output is the same.
    """
    goals = sum(len(state.items) for state in states)
    half, count = 0, 0
    while half < len(states) and count < goals / 2:
        count += len(states[half].items)
        half += 1
    parts = (states[:half], states[half:])

    def work(which: int) -> Any:
        found = _run_rules(list(parts[which]), project, settings, cross=True, chosen=lambda code: code not in _ONE_PASS)
        if which == 0:
            return found + _run_rules(states, project, settings, cross=True, chosen=_ONE_PASS.__contains__)
        return _portable(found, states)

    mine, theirs = parallel.in_workers([0, 1], 2, work, weight=lambda which: 2 - which)
    return [*mine, *_restored(theirs, states)]


def _portable(findings: list[_Finding], states: list[_FileState]) -> list[_Portable]:
    """Findings that refer to files and goals by their place, to cross from a fork to this process."""
    state_at = {id(state): index for index, state in enumerate(states)}
    item_at: dict[int, int] = {}
    for state in states:
        item_at.update((id(item), index) for index, item in enumerate(state.items))
    return [(state_at[id(f.state)], f.code, f.span, f.message, item_at[id(f.item)] if f.item is not None else None,
             f.fix, f.help) for f in findings]


def _restored(portable: list[_Portable], states: list[_FileState]) -> list[_Finding]:
    return [_Finding(states[at], code, span, message, states[at].items[item] if item is not None else None, fix,
                     help_text)
            for at, code, span, message, item, fix, help_text in portable]


def _prepare(tasks: list[parallel.Task], settings: Settings, texts: dict[str, bytes], *,
             keep_bytes: bool = False) -> metric_catalogue.Prepared:
    """The metric catalogue of every file of the run, read before any goal is checked."""
    def read(path: Path, _key: str) -> bytes | None:
        try:
            return read_goal_file(path, settings.max_file_bytes)
        except OSError:
            return None  # reported when the file is checked

    files = [(path, shown, _key(path)) for path, shown, _reported in tasks]
    return metric_catalogue.prepare(files, read, settings.max_file_bytes, texts, keep_bytes=keep_bytes)


def _cross_reads(settings: Settings) -> frozenset[str] | None:
    """What the cross-goal rules read of other goals; None when one may read anything."""
    reads: set[str] = set()
    for rule in settings.catalog.values():
        if rule.needs_project:
            if rule.reads is None:
                return None
            reads |= rule.reads
    return frozenset(reads)


def _analyse(task: parallel.Task, settings: Settings, today: dt.date, prepared: metric_catalogue.Prepared,
             slim: frozenset[str] | None = None, texts: dict[str, bytes] | None = None,
             goal_rules: Callable[[_FileState], list[_Finding]] | None = None, *, lean: bool = False) -> _Outcome:
    """Read one file and run every rule that needs no other goal on it (``goal_rules``, when given, runs them)."""
    path, shown, is_reported = task
    part = CheckResult()
    findings: list[_Finding] = []
    raw, document = prepared.take(_key(path))
    if texts and _key(path) in texts:
        raw = texts[_key(path)]
    state = _load(path, shown, settings, today, part, findings, raw, document, prepared.catalogue)
    raw = document = None  # parsed: the file's bytes need not stay in memory while the rules run
    if state is None:
        return _Outcome(None, part)
    state.reported = is_reported
    if is_reported:
        findings += goal_rules(state) if goal_rules is not None else \
            _run_rules([state], Project(today), settings, cross=False, lean=lean)
        _resolve(findings, settings, today, part)
    if slim is not None and state.goal_file is not None:
        state.goal_file = _slim(state.goal_file, slim)
        state.items = build_items(state.goal_file, today)
    return _Outcome(state, part)


class Reuse:
    """Each file's reading and goal-by-goal check, kept from one ``check`` to the next.

    For a caller that checks the same files again and again (the language server, after
    every edit): a file whose bytes, settings and day are the same as last time is neither
    parsed nor checked goal by goal again; only the cross-goal rules run over every goal
    anew. In a file that did change, a goal whose text did not keeps its goal-by-goal
    findings (see ``_GoalMemo``). The result is the same as without it.
    """

    def __init__(self) -> None:
        self._basis: tuple[Settings, dt.date, tuple[tuple[str, bytes], ...]] | None = None
        self._kept: dict[parallel.Task, tuple[bytes, _Outcome, frozenset[int]]] = {}
        self._goals: dict[parallel.Task, _GoalMemo] = {}
        self.goals_reused = 0  # in the last check: goals of changed files that kept their goal-by-goal findings

    def analyse_all(self, tasks: list[parallel.Task], settings: Settings, today: dt.date,
                    prepared: metric_catalogue.Prepared) -> list[_Outcome]:
        # A goal that references the metric catalogue is checked against it: a changed
        # catalogue file makes every kept check stale.
        basis = (settings, today, prepared.catalogue_sources)
        if self._basis is None or self._basis[0] is not settings or self._basis[1:] != basis[1:]:
            self._kept, self._goals = {}, {}
        self._basis = basis
        self.goals_reused = 0
        kept: dict[parallel.Task, tuple[bytes, _Outcome, frozenset[int]]] = {}
        outcomes = []
        for task in tasks:
            outcome, raw = self._analyse(task, settings, today, prepared)
            if raw is not None and outcome.state is not None:
                kept[task] = (raw, outcome, frozenset(outcome.state.used))
            outcomes.append(outcome)
        self._kept = kept  # files gone from the list are forgotten
        self._goals = {task: memo for task, memo in self._goals.items() if task in kept}
        return outcomes

    def _analyse(self, task: parallel.Task, settings: Settings, today: dt.date,
                 prepared: metric_catalogue.Prepared) -> tuple[_Outcome, bytes | None]:
        raw = prepared.bytes_of.get(_key(task[0]))
        if raw is None or isinstance(raw, Unread):
            return _analyse(task, settings, today, prepared), None  # unreadable or over the limit: nothing to keep
        before = self._kept.get(task)
        if before is not None and before[0] == raw and before[1].state is not None:
            prepared.take(_key(task[0]))  # not needed: the kept check stands
            before[1].state.used = set(before[2])  # as the goal-by-goal check left it
            return before[1], raw
        if not settings.catalog.only_builtin_and_config():
            # A plugin's goal-by-goal rule may read more of the file than the memo keys on.
            return _analyse(task, settings, today, prepared), raw
        memo = self._goals.setdefault(task, _GoalMemo())
        text = loader.decode(raw)[0]  # the text the loader parses, so that lines are cut alike
        return _analyse(task, settings, today, prepared,
                        goal_rules=lambda state: self._goal_rules(memo, state, text, settings, today)), raw

    def _goal_rules(self, memo: _GoalMemo, state: _FileState, text: str, settings: Settings,
                    today: dt.date) -> list[_Finding]:
        findings, reused = memo.run(state, text, settings, today)
        self.goals_reused += reused
        return findings


class _Kept(NamedTuple):
    """A goal's findings from the rules that look at one goal, and where the goal began."""

    raw: dict[str, Any]
    line: int
    findings: tuple[tuple[str, Span, str, Fix | None, str | None], ...]  # code, span, message, fix, help


# A goal's lines, exactly; its first column, line count and last column (two goals may share
# lines); its list; and the keys it misspells.
_GoalKey = tuple[str, str, int, int, int, frozenset[str] | None]
_LISTINGS = ("goals", "objectives")


class _GoalMemo:
    """One file's goal-by-goal findings, kept per goal for the goals whose text did not change.

    A goal's findings from the rules that look at one goal at a time depend on the goal's
    own text and on the rest of its file (defaults, period, the objectives a goal may
    serve); settings, day and metric catalogue are ``Reuse``'s to watch. So a goal is
    keyed by its lines, and its findings are kept only while the file's data outside the
    goal's list is equal. A goal moved by lines inserted or deleted above it gets its
    findings back moved by as many lines. A goal with a finding or a fix outside its own
    lines (a defaulted date is reported at the defaults) is checked again every time, and
    the rules that read a whole file (``check_file``) always run.
    """

    def __init__(self) -> None:
        # The data outside each list, and the goals' findings under it: one value, replaced
        # whole, so that a check stopped halfway (the editor's newer text) never leaves
        # findings paired with data they were not found under.
        self._last: tuple[dict[str, dict[str, Any]], dict[_GoalKey, _Kept]] = ({}, {})

    def run(self, state: _FileState, text: str, settings: Settings, today: dt.date) -> tuple[list[_Finding], int]:
        """The file's findings from the rules that look at one goal or one file, and how many goals kept theirs."""
        goal_file = state.goal_file
        if goal_file is None:  # nothing to check goal by goal; keep the memo for when the file reads again
            return _run_rules([state], Project(today), settings, cross=False), 0
        outside = {listing: {key: value for key, value in goal_file.data.items() if key != listing}
                   for listing in _LISTINGS}
        same = frozenset(listing for listing in _LISTINGS
                         if listing in self._last[0] and _same(self._last[0][listing], outside[listing]))
        starts = _line_starts(text)
        placed = [_goal_key(item, text, starts, state) for item in state.items]
        hits = [self._hit(item, where, same) for item, where in zip(state.items, placed, strict=True)]
        fresh = [item for item, hit in zip(state.items, hits, strict=True) if hit is None]
        part = _FileState(state.shown, state.relative, goal_file=goal_file, items=fresh, misspelt=state.misspelt)
        mine: dict[int, list[_Finding]] = {}
        whole_file: list[_Finding] = []
        for finding in _run_rules([part], Project(today), settings, cross=False):
            finding = finding._replace(state=state)
            (whole_file if finding.item is None else mine.setdefault(id(finding.item), [])).append(finding)
        findings: list[_Finding] = []
        found: dict[_GoalKey, _Kept] = {}
        for item, where, hit in zip(state.items, placed, hits, strict=True):
            if hit is not None and where is not None:
                findings += _moved(hit, item, state, where[1].line - hit.line)
                found[where[0]] = hit
                continue
            own = mine.get(id(item), [])
            findings += own
            kept = _keep(item, where[1], own) if where is not None else None
            if where is not None and kept is not None:
                found[where[0]] = kept
        self._last = (outside, found)
        return findings + whole_file, len(state.items) - len(fresh)

    def _hit(self, item: Item, where: tuple[_GoalKey, Span] | None, same: frozenset[str]) -> _Kept | None:
        if where is None or where[0][0] not in same:
            return None
        kept = self._last[1].get(where[0])
        # The same lines can mean other data (an alias to an anchor elsewhere): compare.
        return kept if kept is not None and _same(kept.raw, item.raw) else None


def _same(old: Any, new: Any) -> bool:
    """Equal data of equal types: ``==`` alone takes 1, 1.0 and true (and 0.0 and -0.0) for the same,
    though rules read and quote them differently."""
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        return list(old) == list(new) and all(_same(value, new[key]) for key, value in old.items())
    if isinstance(old, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, float):
        return repr(old) == repr(new)  # -0.0 is not 0.0, and a NaN equals itself here
    return bool(old == new)


def _line_starts(text: str) -> list[int]:
    """``fixes.line_starts``, about five times as fast for a text whose only line break is LF."""
    if "\r" in text or (not text.isascii() and any(char in text for char in "\x85\u2028\u2029")):
        return line_starts(text)
    return list(accumulate((len(line) + 1 for line in text.split("\n")), initial=0))[:-1]


def _goal_key(item: Item, text: str, starts: list[int], state: _FileState) -> tuple[_GoalKey, Span] | None:
    """The goal's key for ``_GoalMemo`` and where it stands; None for a goal not in a list of the file."""
    listing = item.path[0] if item.path else None
    if not isinstance(listing, str) or listing not in _LISTINGS:
        return None
    span = item.file.source_map.value(item.path)
    if not 1 <= span.line <= span.end_line <= len(starts):
        return None
    end = starts[span.end_line] if span.end_line < len(starts) else len(text)
    meant = state.misspelt.get(item.path)
    return (listing, text[starts[span.line - 1]:end], span.column, span.end_line - span.line, span.end_column,
            frozenset(meant) if meant else None), span


def _keep(item: Item, where: Span, findings: list[_Finding]) -> _Kept | None:
    """The goal's findings to keep; None when one of them points outside the goal's lines."""
    first, last = where.line, where.end_line
    for finding in findings:
        edits = finding.fix.edits if finding.fix is not None else ()
        if any(not first <= span.line <= span.end_line <= last for span in (finding.span, *(e.span for e in edits))):
            return None
    return _Kept(item.raw, first, tuple((f.code, f.span, f.message, f.fix, f.help) for f in findings))


def _moved(kept: _Kept, item: Item, state: _FileState, by: int) -> list[_Finding]:
    """The kept findings, on the goal's lines now, for the goal as read now."""
    return [_Finding(state, code, _shift(span, by), message, item,
                     fix._replace(edits=tuple(Edit(_shift(e.span, by), e.text) for e in fix.edits)) if fix else None,
                     help_text)
            for code, span, message, fix, help_text in kept.findings]


def _shift(span: Span, by: int) -> Span:
    return Span(span.line + by, span.column, span.end_line + by, span.end_column) if by else span


def _slim(goal_file: GoalFile, keys: frozenset[str]) -> GoalFile:
    """The file cut down to what cross-goal rules read, positions included."""
    data = goal_file.data
    out: dict[str, Any] = {key: data[key] for key in ("version", "period") if key in data}
    defaults = data.get("defaults")
    if isinstance(defaults, dict):
        out["defaults"] = {key: value for key, value in defaults.items() if key in keys}
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
            items.append({key: value for key, value in raw.items() if key in keys or key == first})
        out[listing] = items
    return GoalFile(goal_file.path, out, goal_file.source_map.pruned(out), goal_file.catalogue)


def _key(path: Path) -> str:
    return os.path.normpath(path.resolve())


def _load(path: Path, shown: str, settings: Settings, today: dt.date, result: CheckResult,
          findings: list[_Finding], raw: bytes | None = None, document: loader.Document | None = None,
          catalogue: metric_catalogue.Catalogue | None = None) -> _FileState | None:
    """Read, parse and schema-check one file; None when it cannot be read at all."""
    if raw is None and document is None:
        try:
            raw = read_goal_file(path, settings.max_file_bytes)
        except OSError as exc:
            result.errors.append(f"{shown}: cannot read ({exc.strerror or exc})")
            return None
    result.paths.append(shown)
    if document is None:
        document = loader.load_file_bytes(raw or b"", settings.max_file_bytes)
    state = _FileState(shown, relative_to(path, settings.root))
    for load_problem in document.problems:
        findings.append(_Finding(state, load_problem.code, load_problem.span, load_problem.message, None,
                                 load_problem.fix, load_problem.help))
    state.directives, directive_problems = parse_directives(document.text, list(settings.catalog))
    for problem in directive_problems:
        findings.append(_Finding(state, "E005", problem.span, problem.message, None, problem.fix, problem.help))
    data = document.data
    if data is None:
        if not document.problems:
            findings.append(_Finding(state, "E002", Span.point(1, 1),
                                     msg("the file is empty: a goal file starts with 'version: 1'"), None,
                                     help="write `version: 1` and a `goals:` list"))
        return state
    for wrong in schema.validate(data, document.source_map):
        findings.append(_Finding(state, "E002", wrong.span, wrong.message, None, wrong.fix, wrong.help))
        if wrong.intended is not None:
            _note_misspelling(state, wrong.path[:-1], wrong.intended)
    if isinstance(data, dict):
        state.goal_file = GoalFile(shown, data, document.source_map, catalogue)
        state.items = build_items(state.goal_file, today)
        _note_unknown_metrics(state)
    return state


def _note_unknown_metrics(state: _FileState) -> None:
    """A goal whose metric names an unknown catalogue id gets one finding (E010), not one per field it lacks."""
    for item in state.items:
        if item.link is not None and item.link.entry is None:
            state.misspelt.setdefault(item.path, set()).update(metric_catalogue.FIELDS_OF_UNKNOWN)


def _note_misspelling(state: _FileState, mapping: tuple[str | int, ...], intended: str) -> None:
    """Remember that a goal (or its metric) misspells ``intended``: the rule that reports it missing stays quiet."""
    if len(mapping) == 2:
        state.misspelt.setdefault(mapping, set()).add(intended)
    elif len(mapping) == 3 and mapping[2] == "metric":
        state.misspelt.setdefault(mapping[:2], set()).add(f"metric.{intended}")


def _run_rules(states: list[_FileState], project: Project, settings: Settings, *, cross: bool,
               lean: bool = False, chosen: Callable[[str], bool] | None = None) -> list[_Finding]:
    """The rules that need every goal (``cross``) or only their own; each file with its own settings.
    With ``lean``, each goal forgets what its own rules worked out once they have run; with
    ``chosen``, only the rules whose code it accepts run."""
    findings: list[_Finding] = []
    plans: dict[int, _Plan] = {}
    for state in states:
        if cross and not state.reported:
            continue
        own = settings.for_file(state.relative)
        plan = plans.get(id(own))
        if plan is None:
            plan = plans[id(own)] = _Plan(own, project, chosen)
        for item in state.items:
            meant = state.misspelt.get(item.path) if state.misspelt else None
            for rule, ctx in plan.for_item(item, cross=cross):
                # The loop most time goes to: one rule on one goal, so no call in between.
                if meant is not None and rule.missing_key in meant:
                    continue
                try:
                    for problem in rule.check(item, ctx):
                        findings.append(_taken(state, rule, item, problem))
                except (Exception, SystemExit) as exc:
                    findings.append(_failed(state, rule, item, exc))
            if lean:
                item.forget()
        if state.goal_file is not None:
            _run_file_rules(findings, state, state.goal_file, plan.cross if cross else plan.local)
    return findings


def _run_file_rules(findings: list[_Finding], state: _FileState, goal_file: GoalFile,
                    rules: list[tuple[Rule, CheckContext]]) -> None:
    for rule, ctx in rules:
        try:
            for problem in rule.check_file(goal_file, ctx):
                findings.append(_taken(state, rule, None, problem))
        except (Exception, SystemExit) as exc:
            findings.append(_failed(state, rule, None, exc))


def _taken(state: _FileState, rule: Rule, item: Item | None, problem: Any) -> _Finding:
    """A rule's problem as a finding; a malformed one is an E008 finding instead.

    A rule that raises, yields something other than a Problem, points outside the file or
    calls ``sys.exit`` fails visibly: E008 is an error no configuration can silence, so a
    broken plugin can never make a CI gate pass.
    """
    trouble = _malformed(problem)
    if trouble:
        return _Finding(state, RULE_FAILED, _fallback(item), msg("rule {code} {trouble}", code=rule.code,
                                                                 trouble=trouble), item,
                        help=_failed_help(rule))
    return _Finding(state, rule.code, problem.span, problem.message, item, problem.fix, problem.help)


def _failed(state: _FileState, rule: Rule, item: Item | None, exc: BaseException) -> _Finding:
    where = msg("this goal") if item is not None else msg("this file")
    return _Finding(state, RULE_FAILED, _fallback(item),
                    msg("rule {code} failed on {where}: {error}: {detail}", code=rule.code, where=where,
                        error=type(exc).__name__, detail=str(exc)), item,
                    help=_failed_help(rule))


def _failed_help(rule: Rule) -> str:
    return f"report this to the author of {rule.code} (`goallint rules` shows where it comes from), or " \
           f"ignore {rule.code} until it is fixed"


def _fallback(item: Item | None) -> Span:
    """Where a rule's failure is reported: the goal's first line, else the file's (found only when needed)."""
    return item.start_span if item is not None else Span.point(1, 1)


def _malformed(problem: Any) -> str | None:
    if not isinstance(problem, Problem):
        return msg("yielded {type}, not a Problem", type=type(problem).__name__)
    span = problem.span
    if not isinstance(span, Span):
        return msg("yielded a Problem without a Span")
    line, column, end_line, end_column = span
    if type(line) is not int or type(column) is not int or type(end_line) is not int \
            or type(end_column) is not int:  # a bool is no position
        return msg("yielded a Problem without a Span")
    if line < 1 or column < 1 or end_line < line or (end_line == line and end_column < column):
        return msg("reported an impossible position ({line}:{column}-{end_line}:{end_column})", line=line,
                   column=column, end_line=end_line, end_column=end_column)
    if not isinstance(problem.message, str):
        return msg("yielded a Problem whose message is not text")
    return None


def _resolve(findings: list[_Finding], settings: Settings, today: dt.date, result: CheckResult) -> None:
    """Findings become diagnostics: goal id, configured severity, suppressions, order."""
    catalog = settings.catalog
    # Per file's settings: each enabled code's severity, rule name and whether it is mandatory.
    levels_of: dict[int, dict[str, tuple[Severity, str, bool]]] = {}
    last_state, levels = None, {}
    for state, code, span, message, found_in, fix, help_text in findings:
        if state is not last_state:  # findings come file by file: look the file's settings up once
            own = settings.for_file(state.relative)
            if id(own) not in levels_of:  # the loader reports before selection applies, so select here too
                levels_of[id(own)] = {c: (level, r.name, r.mandatory) for c, r in catalog.items()
                                      if (level := enabled(r, own.select, own.ignore, own.severity)) is not None}
            last_state, levels = state, levels_of[id(own)]
        enabled_as = levels.get(code)
        if enabled_as is None:
            continue
        severity, name, mandatory = enabled_as
        item = found_in if found_in is not None else _item_at(state.items, span.line)
        diagnostic = Diagnostic(state.shown, span.line, span.column, span.end_line, span.end_column,
                                code, name, severity, message, item.id if item else None, None, fix, help_text)
        directive, lapsed = None, None
        if state.directives and not mandatory:
            goal_line = item.start_span.line if item is not None else None
            directive, lapsed = suppression_for(state.directives, code, span.line, goal_line, today)
        if directive is not None:
            state.used.add(directive.line)
            until = directive.until.isoformat() if directive.until is not None else None
            result.suppressed.append(diagnostic._replace(suppression=Suppression(directive.line, until,
                                                                                 directive.reason)))
        elif lapsed is not None and lapsed.until is not None:
            result.diagnostics.append(diagnostic._replace(
                message=msg("{message} (its suppression on line {line} lapsed after {until})", message=message,
                            line=lapsed.line, until=lapsed.until.isoformat())))
        else:
            result.diagnostics.append(diagnostic)


def _unused_directives(states: list[_FileState], settings: Settings, today: dt.date) -> list[_Finding]:
    """U001 for each directive that silenced nothing among the rules that ran on its file."""
    findings = []
    for state in states:
        if not state.directives:
            continue
        own = settings.for_file(state.relative)
        ran = [code for code, rule in settings.catalog.items()
               if enabled(rule, own.select, own.ignore, own.severity) is not None]
        for directive in unused(state.directives, state.used, ran, today):
            span = Span(directive.line, directive.column, directive.line, directive.end_column)
            where = msg("in this file") if directive.whole_file else msg("here")
            removal = Fix("remove the unused suppression",
                          (Edit(Span(directive.line, directive.cut_from, directive.line, directive.end_column), ""),))
            findings.append(_Finding(state, "U001", span, msg("'{directive}' suppresses nothing {where}, and "
                                                              "would hide a new finding unseen",
                                                              directive=directive.text, where=where), None, removal,
                                     f"remove '{directive.text}'"))
    return findings


def _item_at(items: list[Item], line: int) -> Item | None:
    """The goal or objective whose lines contain ``line``."""
    for item in items:
        span = item.file.source_map.value(item.path)
        if span.line <= line <= span.end_line:
            return item
    return None
