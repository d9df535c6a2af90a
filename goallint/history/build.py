"""Walk the first-parent line of HEAD and build every goal's timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Span
from ..model import Item
from . import git
from .git import Commit, FileChange
from .timeline import PATHSPECS, Removal, Repository, Timeline, Version, is_goal_name, same


@dataclass
class CurrentFile:
    """A goal file of the work tree that the run reports on."""

    relative: str  # to the repository's top, with '/'
    shown: str  # as findings show it
    items: list[Item]
    goals_span: Span  # where the file's `goals:` key stands


@dataclass
class Built:
    timelines: list[Timeline] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    commits: int = 0


def _lineage(current: Sequence[str], log: list[tuple[Commit, list[FileChange]]]) -> tuple[set[str], dict[str, str]]:
    """The current files' former names, and each former name's newest name."""
    names = set(current)
    forward: dict[str, str] = {}
    for _commit, changes in reversed(log):
        for change in changes:
            if change.status == "R" and change.old_path is not None:
                forward.setdefault(change.old_path, forward.get(change.path, change.path))
                if change.path in names:
                    names.add(change.old_path)
    return names, forward


def _base(root: Path, since: str | None, warnings: list[str]) -> str | None:
    if since is None:
        return None
    if not git.has_commits(root):  # the first commit: nothing before it to compare with
        return None
    base = git.resolve(since, root)
    head = git.resolve("HEAD", root)
    if git.is_ancestor(base, head, root):
        return base
    # A branch behind its base, or a base that was force-pushed since: judge from the
    # commit both share, as `git diff REV...HEAD` does.
    common = git.merge_base(base, head, root)
    if common is None:
        warnings.append(f"'{since}' shares no history with HEAD (the history was rewritten, or the clone is too "
                        "shallow to reach it); judging all of HEAD's history")
    return common


def _shallow(root: Path, repo: Repository, warnings: list[str]) -> None:
    boundary = git.shallow_boundary(root)
    if not boundary:
        return
    dates = [repo.commits[sha] for sha in boundary if sha in repo.commits]
    oldest = min(dates, key=lambda c: c.date) if dates else None
    where = f"{oldest.short} ({oldest.date.date().isoformat()})" if oldest else f"{boundary[0][:7]}"
    warnings.append(f"this is a shallow clone: history reaches back only to {where}; changes made before it are "
                    f"not judged (fetch the full history with 'git fetch --unshallow')")


def build(root: Path, files: Sequence[CurrentFile], since: str | None, max_bytes: int, today: dt.date,
          folders: Sequence[str] = ()) -> Built:
    """Every goal's timeline: the goals of ``files``, and the goals removed from files in scope."""
    built = Built()
    base = _base(root, since, built.warnings)
    if not git.has_commits(root):
        built.warnings.append("the repository has no commits yet: there is no history to judge")
        log: list[tuple[Commit, list[FileChange]]] = []
    else:
        log = git.log(root, PATHSPECS, base)
    names, forward = _lineage([f.relative for f in files], log)
    repo = Repository(root, max_bytes, lambda path: path in names or is_goal_name(path))
    for commit, changes in log:
        repo.apply(commit, changes)
    _shallow(root, repo, built.warnings)
    mainline = _mainline(root, repo) if log else []
    built.commits = len(mainline)
    start_sha = mainline[0].parents[0] if mainline and mainline[0].parents else (base if not mainline else None)
    if start_sha is None and not mainline and git.has_commits(root):
        start_sha = git.resolve("HEAD", root)
    blobs = {blob for state in repo.states.values() for blob in state.values()}
    start_state = repo.tree(start_sha) if start_sha else {}
    repo.load(blobs | set(start_state.values()))
    walk = _Walk(repo, built.warnings)
    if start_sha is not None:
        walk.step(git.describe(root, start_sha), {}, start_state)
    previous = start_state
    for commit in mainline:
        state = repo.states[commit.sha]
        walk.step(commit, previous, state)
        previous = state
    walk.work_tree(files, git.author_now(root) if files else "", today)
    built.timelines = _attach(walk, files, forward, folders, repo)
    return built


def _mainline(root: Path, repo: Repository) -> list[Commit]:
    line = []
    sha: str | None = git.resolve("HEAD", root)
    while sha is not None and sha in repo.commits:
        commit = repo.commits[sha]
        line.append(commit)
        sha = commit.parents[0] if commit.parents else None
    line.reverse()
    return line


class _Walk:
    """The goals as the walk has reached them: each id's timeline and the file it lives in."""

    def __init__(self, repo: Repository, warnings: list[str]) -> None:
        self.repo = repo
        self.warnings = warnings
        self.timelines: dict[str, Timeline] = {}
        self.where: dict[str, str] = {}
        self.effective: dict[str, str] = {}  # path -> the newest blob of it that parsed

    def step(self, commit: Commit, before: dict[str, str], after: dict[str, str]) -> None:
        changed = [path for path in {*before, *after} if before.get(path) != after.get(path)]
        old: dict[str, tuple[str, int, dict[str, Any]]] = {}
        new: dict[str, tuple[str, int, dict[str, Any]]] = {}
        for path in sorted(changed):
            blob = after.get(path)
            parsed = self.repo.parsed.get(blob) if blob else None
            if parsed is not None and parsed.goals is None:
                self.warnings.append(f"{path} at {commit.short}: the YAML did not parse ({parsed.problem}); "
                                     "that version is skipped")
                continue
            for goal_id, (index, data) in self.repo.goals(self.effective.get(path)).items():
                old.setdefault(goal_id, (path, index, data))
            if blob is None:
                self.effective.pop(path, None)
            else:
                self.effective[path] = blob
            for goal_id, (index, data) in self.repo.goals(blob).items():
                new.setdefault(goal_id, (path, index, data))
        self._apply(commit, changed, old, new)

    def _apply(self, commit: Commit, changed: list[str], old: dict[str, tuple[str, int, dict[str, Any]]],
               new: dict[str, tuple[str, int, dict[str, Any]]]) -> None:
        appeared = []
        for goal_id, (path, _index, data) in new.items():
            timeline = self.timelines.get(goal_id)
            if timeline is None:
                appeared.append(goal_id)
                continue
            self.where[goal_id] = path
            if timeline.removal is not None or not same(timeline.versions[-1].data, data):
                timeline.removal = None
                timeline.versions.append(Version(commit, path, data))
        touched = set(changed)
        vanished = [i for i in old if i not in new and self.where.get(i) in touched and i in self.timelines]
        for goal_id in vanished:
            successor = _successor(old[goal_id], [(i, new[i]) for i in appeared])
            timeline = self.timelines[goal_id]
            if successor is None:
                if timeline.removal is None:
                    timeline.removal = Removal(commit, timeline.versions[-1])
                continue
            appeared.remove(successor)
            del self.timelines[goal_id]
            timeline.former_ids.append((goal_id, commit))
            timeline.goal_id = successor
            path, _index, data = new[successor]
            timeline.versions.append(Version(commit, path, data))
            self.timelines[successor] = timeline
            self.where[successor] = path
        for goal_id in appeared:
            path, _index, data = new[goal_id]
            self.timelines[goal_id] = Timeline(goal_id, [Version(commit, path, data)])
            self.where[goal_id] = path

    def work_tree(self, files: Sequence[CurrentFile], author: str, today: dt.date) -> None:
        """The files as they are now, uncommitted edits included: a last version, dated ``today``."""
        commit = Commit("", (), author, dt.datetime.combine(today, dt.time(12), dt.UTC))
        before = {f.relative: self.effective[f.relative] for f in files if f.relative in self.effective}
        old = {goal_id: (path, index, data) for path, blob in before.items()
               for goal_id, (index, data) in self.repo.goals(blob).items()}
        new: dict[str, tuple[str, int, dict[str, Any]]] = {}
        for current in files:
            for item in current.items:
                if item.kind == "goal" and item.id is not None:
                    new.setdefault(item.id, (current.relative, int(item.path[1]), item.data))
        self._apply(commit, list(before), old, new)


def _successor(gone: tuple[str, int, dict[str, Any]],
               appeared: list[tuple[str, tuple[str, int, dict[str, Any]]]]) -> str | None:
    """The new id that continues a vanished one: same file, and the same title, or the same
    place in the list with the same metric and deadline (a renamed id whose title was reworded)."""
    path, index, data = gone
    for goal_id, (new_path, _index, new_data) in appeared:
        if new_path == path and same(new_data.get("title"), data.get("title")):
            return goal_id
    for goal_id, (new_path, new_index, new_data) in appeared:
        if new_path == path and new_index == index and new_data.get("metric") == data.get("metric") \
                and same(new_data.get("deadline"), data.get("deadline")):
            return goal_id
    return None


def _attach(walk: _Walk, files: Sequence[CurrentFile], forward: dict[str, str], folders: Sequence[str],
            repo: Repository) -> list[Timeline]:
    """Give each timeline its current goal and where its findings go; drop those out of scope."""
    by_path = {f.relative: f for f in files}
    current = {item.id: (f, item) for f in files for item in f.items if item.kind == "goal" and item.id}
    out = []
    for goal_id, timeline in walk.timelines.items():
        timeline.credit = repo.credit
        if timeline.removal is None and goal_id in current:
            owner, item = current[goal_id]
            timeline.current, timeline.shown, timeline.anchor = item, owner.shown, item.start_span
            out.append(timeline)
        elif timeline.removal is not None and goal_id not in current:
            last = timeline.removal.last.path
            now = forward.get(last, last)
            if now in by_path:
                timeline.shown, timeline.anchor = by_path[now].shown, by_path[now].goals_span
                out.append(timeline)
            elif any(folder == "" or last.startswith(folder + "/") or last == folder for folder in folders):
                timeline.shown = last
                out.append(timeline)
    return out
