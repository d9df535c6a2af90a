"""What the tests share: lint inline YAML and compare (code, line, column); golden files."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path
from typing import Any

from goallint.config import Settings
from goallint.diagnostics import CheckResult
from goallint.linter import check

TODAY = dt.date(2026, 10, 15)
ROOT = Path(__file__).resolve().parent.parent
UPDATE_GOLDEN = os.environ.get("GOALLINT_UPDATE_GOLDEN") == "1"

# One goal whose chart has everything: a baseline measured before the start, a milestone,
# check-ins. The report's numbers for it and the page's drawing of them are tested on it.
CHART_GOAL = """\
version: 1
goals:
  - id: g
    title: Leads
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 100, baseline_date: 2025-06-30, target: 200}
    milestones: [{date: 2026-06-30, target: 130}]
    checkins: [{date: 2026-03-31, value: 110}, {date: 2026-09-30, value: 150}]
"""


def run(text: str, tmp_path: Path, *, select: str | None = None, today: dt.date = TODAY,
        name: str = "test.goals.yaml", **settings: Any) -> CheckResult:
    """Check ``text`` as one goal file. ``options`` may name rule codes or, for brevity, bare option names."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    config = Settings(root=tmp_path)
    if select is not None:
        config.select = select.split(",")
    for key, value in settings.items():
        if key == "options":
            config.set_options(value)
        else:
            setattr(config, key, value)
    return check([path], config, today, cwd=tmp_path)


def problems(text: str, tmp_path: Path, **kwargs: Any) -> list[tuple[str, int, int]]:
    """(code, line, column) of every diagnostic, in output order."""
    return [(d.code, d.line, d.column) for d in run(text, tmp_path, **kwargs).diagnostics]


def golden(path: Path, actual: str) -> None:
    """Compare with a golden file; GOALLINT_UPDATE_GOLDEN=1 rewrites it instead."""
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == actual, f"{path.name} differs; refresh with GOALLINT_UPDATE_GOLDEN=1"
