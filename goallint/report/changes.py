"""Each goal's changes over time, as the report shows them beside its chart.

What git knows about a goal (``goallint.history``) becomes plain values here: each change
of target, deadline, baseline, source or unit with its date, author, commit and reason,
every value already formatted for the report's language. A *moved goalpost* is a change of
target, deadline or baseline (or its date) made after the goal started; the attention
summary counts the goals that have one. Nothing here is HTML or Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .i18n import LABELS, format_date, format_written

if TYPE_CHECKING:
    from ..config import Settings
    from ..diagnostics import CheckResult
    from ..history.run import GoalChange, HistoryResult

GOALPOSTS = frozenset({"target", "deadline", "baseline", "baseline_date"})
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


@dataclass(frozen=True)
class ChangeView:
    """One change of a goal: ``field`` is a label key (``field_target``), every other text as shown."""

    field: str
    old: str
    new: str
    date: str
    date_iso: str
    author: str
    commit: str  # short hash, or the label for a change not yet committed
    reason: str  # why, from the goal's own ``changes:`` list; empty when none is given
    moved: bool  # a goalpost moved after the goal started
    note: str  # in words: the reason, or whether it came before or after the start


@dataclass(frozen=True)
class HistoryView:
    """What the report says about the history it read."""

    commits: int
    since: str | None
    warnings: list[str]
    note: str  # where the history comes from, in one line


def read(result: CheckResult, settings: Settings, since: str | None, today: dt.date, *,
         required: bool, cwd: Path | None = None) -> HistoryResult | None:
    """The history of the goals a check read, or None when there is none to read.

    With ``required`` (the user named a revision) no git, no repository or a revision that does not
    resolve raise ``GitError``; otherwise they mean a report without history, as does a repository
    with no commits yet.
    """
    from ..history import git
    from ..history.run import GitError, of_check

    cwd = cwd or Path.cwd()
    # the repository that holds the goal files (the first one's folder), wherever the command runs
    folder = (cwd / result.items[0].file.path).parent if result.items else cwd
    try:
        root = git.repository_root(folder if folder.is_dir() else cwd)
    except GitError:
        if required:
            raise
        return None
    if not required and not git.has_commits(root):
        return None
    return of_check(result, settings, since, today, cwd, root)


def _value(field: str, value: Any, lang: str) -> str:
    """A value as the file wrote it; a day in the locale's form; nothing as a dash."""
    if value is None or value == "":
        return "\u2013"
    if field in ("deadline", "baseline_date") and isinstance(value, str) and _ISO_DAY.match(value.strip()):
        try:
            return format_date(dt.date.fromisoformat(value.strip()), lang)
        except ValueError:
            pass
    if isinstance(value, (dict, list)):
        return str(value)
    return format_written(value, lang) or str(value)


def views(changes: list[GoalChange], lang: str) -> list[ChangeView]:
    """The changes of one goal, oldest first, as the report shows them."""
    labels = LABELS[lang]
    out = []
    for change in changes:
        moved = change.after_start and change.field in GOALPOSTS
        reason = (change.reason or "").strip()
        if reason:
            note = labels["change_reason"].format(reason=reason)
        else:
            note = labels["change_after_start" if change.after_start else "change_before_start"]
        commit = change.commit if change.commit != "work tree" else labels["uncommitted"]
        out.append(ChangeView("field_" + change.field, _value(change.field, change.old, lang),
                              _value(change.field, change.new, lang), format_date(change.date, lang),
                              change.date.isoformat(), change.author, commit, reason, moved, note))
    return out


def by_goal(history: HistoryResult) -> dict[tuple[str, str], list[GoalChange]]:
    """Each goal's changes by (file as shown, goal id)."""
    from ..history.run import changes_by_goal

    out: dict[tuple[str, str], list[GoalChange]] = {}
    for goal_id, changes in changes_by_goal(history).items():
        for change in changes:
            out.setdefault((change.path, goal_id), []).append(change)
    return out


def summary(history: HistoryResult, since: str | None, lang: str) -> HistoryView:
    labels = LABELS[lang]
    key = "history_since" if since else "history_all"
    return HistoryView(history.commits, since, list(history.warnings),
                       labels[key].format(commits=history.commits, since=since or ""))
