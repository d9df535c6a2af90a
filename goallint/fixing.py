"""``goallint check --fix`` and ``--diff``: apply the safe fixes, then check again.

Fixes are edits on the text (see fixes.py). Each round applies, file by file, every
safe fix that does not touch another one's text, then checks the new texts again (in
memory): a fix can only be trusted against the findings of the text it was made for,
and some fixes make room for others. Files are written at the end, each atomically.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import WriteError, write_atomic
from .config import Settings
from .fixes import Applicability, Fix, apply_fixes
from .linter import CheckResult, check, display_path

MAX_ROUNDS = 5  # fixes that enable further fixes settle in two or three rounds; this bounds a loop
_BOM = "\ufeff"


@dataclass
class FixOutcome:
    result: CheckResult  # the findings that remain, in the fixed texts
    fixed: int = 0  # fixes applied
    texts: dict[Path, tuple[str, str]] = field(default_factory=dict)  # changed file -> (before, after)
    errors: list[str] = field(default_factory=list)

    def diff(self, cwd: Path) -> str:
        """A unified diff of every changed file, as ``git apply`` and reviewers read it."""
        out: list[str] = []
        for path, (before, after) in self.texts.items():
            shown = display_path(path, cwd)
            out += difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        f"a/{shown}", f"b/{shown}")
            if out and not out[-1].endswith("\n"):
                out[-1] += "\n\\ No newline at end of file\n"
        return "".join(out)


def safe_fixes(result: CheckResult) -> dict[str, list[Fix]]:
    """The safe fixes of the findings that are shown (suppressed ones stay as they are), by file."""
    found: dict[str, list[Fix]] = defaultdict(list)
    for diagnostic in result.diagnostics:
        fix = diagnostic.fix
        if fix is not None and fix.applicability is Applicability.SAFE:
            found[diagnostic.path].append(fix)
    return found


def fix_files(files: list[Path], settings: Settings, today: dt.date, first: CheckResult, *,
              cwd: Path | None = None, context: list[Path] | None = None, write: bool = True) -> FixOutcome:
    """Apply the safe fixes of ``first`` (the check of ``files``) until none is left.

    With ``write`` false nothing is written: the outcome holds the texts and the diff.
    """
    here = cwd or Path.cwd()
    by_shown = {display_path(path, here): path for path in files}
    originals: dict[Path, str] = {}
    current: dict[Path, str] = {}
    outcome = FixOutcome(first)
    for _round in range(MAX_ROUNDS):
        applied = _apply_round(outcome.result, by_shown, originals, current)
        if not applied:
            break
        outcome.fixed += applied
        overlay = {path: text.encode("utf-8") for path, text in current.items()}
        outcome.result = check(files, settings, today, here, context=context, overlay=overlay)
    for path, text in current.items():
        if text == originals[path]:
            continue
        outcome.texts[path] = (originals[path], text)
        if write:
            try:
                write_atomic(path, text)
            except WriteError as exc:
                outcome.errors.append(str(exc))
    return outcome


def _apply_round(result: CheckResult, by_shown: dict[str, Path], originals: dict[Path, str],
                 current: dict[Path, str]) -> int:
    applied = 0
    for shown, fixes in safe_fixes(result).items():
        path = by_shown.get(shown)
        if path is None:
            continue
        if path not in current:
            text = _read_text(path)
            if text is None:
                continue  # not UTF-8 (or gone): left for a person
            originals[path] = current[path] = text
        bom = _BOM if current[path].startswith(_BOM) else ""
        new, count = apply_fixes(current[path][len(bom):], fixes)
        current[path] = bom + new
        applied += count
    return applied


def _read_text(path: Path) -> str | None:
    """The file's text when it is UTF-8 (a byte-order mark is kept as the first character)."""
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def fix_and_report(files: list[Path], settings: Settings, today: dt.date, first: CheckResult, *, in_project: bool,
                   write: bool) -> tuple[CheckResult, list[str], str, str]:
    """What ``check --fix`` / ``--diff`` need: the findings left, write errors, the diff and a summary line."""
    from .discovery import discover

    context = discover([str(settings.root)], settings)[0] if in_project else None
    outcome = fix_files(files, settings, today, first, context=context, write=write)
    changed = len(outcome.texts)
    summary = f"applied {outcome.fixed} fix{'es' if outcome.fixed != 1 else ''} " \
              f"in {changed} file{'s' if changed != 1 else ''}"
    return outcome.result, outcome.errors, outcome.diff(Path.cwd()), summary
