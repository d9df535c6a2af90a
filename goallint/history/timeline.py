"""Each goal's versions over the commits of a repository: its timeline.

One ``git log --raw -z`` lists every commit with the goal files it changed; one
``git cat-file --batch`` reads every version of those files; the loader parses each
distinct version once. Goals are followed by id across files, so a renamed file, a file
split in two and a goal moved between files keep one timeline. A goal whose id changes
is followed too: when, in one commit, an id leaves a file and a new id arrives in the
same file with the same title (or at the same place in the list with the same metric
and deadline), the new id continues the old one's timeline.

The timeline follows the first-parent line of HEAD, the history the branch itself saw.
A change that came in through a merge is credited to the commit on the merged branch
that made it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dates import day_or_none
from ..diagnostics import Span
from ..loader import load_file_bytes
from ..model import GoalFile, Item, build_items
from .git import Commit, FileChange, read_blobs, run_git

GOAL_FILE_PATTERNS = ("goals.yaml", "goals.yml", "*.goals.yaml", "*.goals.yml")
PATHSPECS = ("*.yaml", "*.yml")  # git's "*" crosses folders: every YAML file, at any depth
_MISSING = object()


@dataclass(frozen=True, slots=True)
class Version:
    """A goal as one commit (or the work tree) holds it."""

    commit: Commit
    path: str  # relative to the repository's top
    data: dict[str, Any]  # the goal with its file's defaults merged in


@dataclass(frozen=True, slots=True)
class Change:
    """One field of a goal changed between two versions, credited to the commit that made it."""

    field: str
    old: Any
    new: Any
    commit: Commit
    before: Version
    after: Version


@dataclass(frozen=True, slots=True)
class Removal:
    """The commit after which the goal was in no goal file, and how it looked before."""

    commit: Commit
    last: Version


@dataclass
class Timeline:
    goal_id: str
    versions: list[Version] = field(default_factory=list)
    former_ids: list[tuple[str, Commit]] = field(default_factory=list)
    removal: Removal | None = None
    current: Item | None = None  # the goal in the work tree's file, for positions
    shown: str = ""  # the file findings go to: the current file, or where a removed goal last lived
    anchor: Span = field(default_factory=lambda: Span(1, 1, 1, 1))  # where a finding about the whole goal goes
    credit: Callable[[Commit, str, Callable[[dict[str, Any]], Any], Any], Commit] | None = None

    def values(self, name: str, read: Callable[[dict[str, Any]], Any]) -> Iterator[Change]:
        """Every change of one field from version to version, oldest first."""
        for before, after in zip(self.versions, self.versions[1:], strict=False):
            old, new = read(before.data), read(after.data)
            if not same(old, new):
                commit = after.commit
                if self.credit is not None:
                    commit = self.credit(commit, self.goal_id, read, new)
                yield Change(name, old, new, commit, before, after)

    @property
    def latest(self) -> dict[str, Any]:
        if self.current is not None:
            return self.current.data
        return self.versions[-1].data if self.versions else {}

    def started(self, change: Change) -> bool:
        """Whether the goal had started when the change was made.

        A goal has started on its ``start`` date (as the version before the change has
        it); a goal with no start has started once a committed version holds it active.
        Drafts have not started.
        """
        before = change.before.data
        if before.get("status", "active") not in ("active", "done"):
            return False
        start = day_or_none(before.get("start"), end=False)
        return start is None or change.commit.date.date() >= start

    def explanation(self, change: Change) -> dict[str, Any] | None:
        """The ``changes:`` entry of the goal that explains this change, if any."""
        entries = self.latest.get("changes")
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict) or not isinstance(entry.get("field"), str):
                continue
            name = entry["field"].strip()
            name = name[len("metric."):] if name.startswith("metric.") else name
            if name.rstrip("s") != change.field.rstrip("s"):
                continue
            if "to" in entry and not same(entry["to"], _shown_value(change.new)):
                continue
            if "from" in entry and not same(entry["from"], _shown_value(change.old)):
                continue
            return entry
        return None


def _shown_value(value: Any) -> Any:
    return value[1] if isinstance(value, tuple) and len(value) == 2 else value


def same(first: Any, second: Any) -> bool:
    """Equal as goal values: 400 and 400.0 are the same number, '2026-03-31' and 20260331 are not."""
    if isinstance(first, bool) or isinstance(second, bool):
        return first is second
    if isinstance(first, (int, float)) and isinstance(second, (int, float)):
        return float(first) == float(second)
    if isinstance(first, (int, float, str)) and isinstance(second, (int, float, str)):
        return str(first).strip() == str(second).strip()
    return bool(first == second)


def is_goal_name(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in GOAL_FILE_PATTERNS)


@dataclass
class Parsed:
    """The goals of one version of a file, by id; None when the YAML did not parse."""

    goals: dict[str, tuple[int, dict[str, Any]]] | None
    problem: str | None = None


def parse_goals(raw: bytes, path: str, max_bytes: int) -> Parsed:
    """The loader's reading of a file version: goal id -> (place in the list, merged data)."""
    document = load_file_bytes(raw, max_bytes)
    fatal = [p for p in document.problems if p.code in ("E001", "E006")]
    if document.data is None and fatal:
        problem = fatal[0]
        return Parsed(None, f"line {problem.span.line}: {problem.message}")
    goals: dict[str, tuple[int, dict[str, Any]]] = {}
    if isinstance(document.data, dict):
        goal_file = GoalFile(path, document.data, document.source_map)
        for item in build_items(goal_file):
            if item.kind == "goal" and item.id is not None and item.id not in goals:
                goals[item.id] = (int(item.path[1]), item.data)
    return Parsed(goals)


PARALLEL_FROM = 64  # versions; below this, starting processes costs more than it saves


def parse_many(blobs: dict[str, bytes], max_bytes: int) -> dict[str, Parsed]:
    """Parse many file versions: parsing is nearly all of a history run's time, so with
    many versions they are shared among forked processes, one per core (measured: 3.9 s
    of CPU for 1,050 versions of a 40-goal file, 2.1 s of wall time on two idle cores)."""
    from .. import parallel

    items = list(blobs.items())
    jobs = parallel.cores()
    if jobs < 2 or len(items) < PARALLEL_FROM or not parallel.fork_available():
        return {sha: parse_goals(raw, sha, max_bytes) for sha, raw in items}
    parsed = parallel.in_workers(items, jobs, lambda item: parse_goals(item[1], item[0], max_bytes),
                                 weight=lambda item: len(item[1]))
    return {sha: result for (sha, _raw), result in zip(items, parsed, strict=True)}


@dataclass
class Repository:
    """The commits of the history, the goal files each one holds, and their parsed versions."""

    root: Path
    max_bytes: int
    tracked: Callable[[str], bool]
    commits: dict[str, Commit] = field(default_factory=dict)
    states: dict[str, dict[str, str]] = field(default_factory=dict)  # commit -> path -> blob
    parsed: dict[str, Parsed] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def tree(self, sha: str) -> dict[str, str]:
        """The goal files of a commit outside the logged range, from ``git ls-tree``."""
        if sha not in self.states:
            out = run_git(["ls-tree", "-r", "-z", "--full-tree", sha], self.root)  # ls-tree takes no globs
            state: dict[str, str] = {}
            for entry in out.split(b"\x00"):
                if not entry:
                    continue
                meta, _, name = entry.partition(b"\t")
                path = name.decode("utf-8", "surrogateescape")
                parts = meta.split()
                if len(parts) == 3 and parts[1] == b"blob" and path.endswith((".yaml", ".yml")) and self.tracked(path):
                    state[path] = parts[2].decode("ascii")
            self.states[sha] = state
        return self.states[sha]

    def apply(self, commit: Commit, changes: list[FileChange]) -> dict[str, str]:
        parent = commit.parents[0] if commit.parents else None
        state = dict(self.tree(parent)) if parent is not None else {}
        for change in changes:
            if change.old_path is not None and change.status == "R":
                state.pop(change.old_path, None)
            if change.status == "D":
                state.pop(change.path, None)
            elif self.tracked(change.path):
                state[change.path] = change.blob
        self.commits[commit.sha] = commit
        self.states[commit.sha] = state
        return state

    def load(self, blobs: set[str]) -> None:
        wanted = sorted(blob for blob in blobs if blob not in self.parsed)
        self.parsed.update(parse_many(read_blobs(self.root, wanted), self.max_bytes))

    def goals(self, blob: str | None) -> dict[str, tuple[int, dict[str, Any]]]:
        parsed = self.parsed.get(blob) if blob else None
        if parsed is None or parsed.goals is None:
            return {}
        return parsed.goals

    def goal_at(self, sha: str, goal_id: str) -> dict[str, Any] | None:
        """The goal as commit ``sha`` holds it (used to credit merged changes)."""
        state = self.states.get(sha)
        if state is None:
            return None
        for blob in state.values():
            found = self.goals(blob).get(goal_id)
            if found is not None:
                return found[1]
        return None

    def credit(self, commit: Commit, goal_id: str, read: Callable[[dict[str, Any]], Any], new: Any) -> Commit:
        """The commit that made a change that reached the first-parent line through ``commit``.

        For a merge, walk the merged branch back while it already held the new value; the
        oldest commit on that walk made the change. Anything else made its own changes.
        """
        if len(commit.parents) < 2:
            return commit
        made = commit
        sha: str | None = commit.parents[1]
        while sha is not None and sha in self.commits:
            data = self.goal_at(sha, goal_id)
            if data is None or not same(read(data), new):
                break
            made = self.commits[sha]
            parents = made.parents
            sha = parents[0] if parents else None
        return made
