"""A baseline of known findings, so a team can turn goallint on and fail only on new ones.

A finding's identity is its rule code, its file (relative to the baseline file's
folder), its goal id and its rank among the findings with the same code in the same
goal: the same idea as the SARIF fingerprint. Line, column and message are left out,
so a finding stays known when lines move, a message is reworded or ``--lang`` changes.
E-codes (a file that does not parse or fit the schema) can never be baselined.

The file is JSON, sorted, one entry per finding, written atomically. Entries that no
longer occur in the files checked are reported as stale, so the file shrinks over time.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import write_atomic

if TYPE_CHECKING:
    from .diagnostics import CheckResult, Diagnostic

FORMAT_VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read or is not a baseline; the message names it."""


@dataclass(frozen=True, order=True)
class Entry:
    path: str
    goal: str
    code: str
    rank: int

    def describe(self) -> str:
        goal = f" (goal {self.goal})" if self.goal else ""
        return f"{self.path}: {self.code}{goal}"


@dataclass
class Outcome:
    """The result with known findings taken out, how many were, and the stale entries."""

    result: CheckResult
    known: int = 0
    stale: list[Entry] = field(default_factory=list)


def can_baseline(code: str) -> bool:
    return not code.startswith("E")


def entries_of(result: CheckResult, folder: Path, cwd: Path) -> list[tuple[Entry | None, Diagnostic]]:
    """Each diagnostic with its identity (None for an E-code), in the result's order."""
    ranks: dict[tuple[str, str, str], int] = {}
    out: list[tuple[Entry | None, Diagnostic]] = []
    for d in result.diagnostics:
        if not can_baseline(d.code):
            out.append((None, d))
            continue
        key = (_relative(d.path, folder, cwd), d.goal or "", d.code)
        rank = ranks.get(key, 0)
        ranks[key] = rank + 1
        out.append((Entry(*key, rank), d))
    return out


def read(path: Path) -> set[Entry]:
    """The entries of a baseline file; a missing file is an empty baseline."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return set()
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw)
        return {_entry(item) for item in data["findings"]}
    except (ValueError, KeyError, TypeError) as exc:
        raise BaselineError(f"{path}: not a goallint baseline ({_reason(exc)})") from None


def apply(result: CheckResult, known: set[Entry], folder: Path, cwd: Path) -> Outcome:
    """Take the known findings out of ``result``; entries of the checked files not seen are stale."""
    kept: list[Diagnostic] = []
    seen: set[Entry] = set()
    for entry, diagnostic in entries_of(result, folder, cwd):
        if entry is not None and entry in known:
            seen.add(entry)
        else:
            kept.append(diagnostic)
    checked = {_relative(p, folder, cwd) for p in result.paths}
    stale = sorted(e for e in known - seen if e.path in checked)
    return Outcome(result.replaced(diagnostics=kept), len(seen), stale)


def write(path: Path, result: CheckResult, previous: set[Entry], cwd: Path) -> int:
    """Write the baseline: the findings of the files checked, plus old entries for files not checked."""
    folder = path.resolve().parent
    checked = {_relative(p, folder, cwd) for p in result.paths}
    current = {entry for entry, _ in entries_of(result, folder, cwd) if entry is not None}
    entries = sorted(current | {e for e in previous if e.path not in checked})
    document = {"goallint_baseline": FORMAT_VERSION,
                "findings": [{"path": e.path, "goal": e.goal, "code": e.code, "rank": e.rank} for e in entries]}
    write_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return len(entries)


def _entry(item: Any) -> Entry:
    if not isinstance(item, dict):
        raise TypeError("a finding is not an object")
    path, goal, code, rank = item["path"], item["goal"], item["code"], item["rank"]
    if not all(isinstance(v, str) for v in (path, goal, code)) or type(rank) is not int:
        raise TypeError(f"finding {item!r} has a field of the wrong type")
    return Entry(path, goal, code, rank)


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing key {exc}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _relative(shown: str, folder: Path, cwd: Path) -> str:
    """A path as shown in findings, made relative to the baseline's folder with forward slashes."""
    absolute = Path(os.path.abspath(cwd / shown))
    try:
        return absolute.relative_to(folder.resolve()).as_posix()
    except ValueError:
        try:
            return absolute.resolve().relative_to(folder.resolve()).as_posix()
        except (ValueError, RuntimeError, OSError):
            return absolute.as_posix()
