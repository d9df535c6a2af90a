"""``goallint history`` output: the findings, and the changes the goals explain."""

from __future__ import annotations

import json
from typing import Any

from ..catalog import builtin_catalog
from ..formats.json import diagnostic
from ..formats.text import help_line, line
from .run import GoalChange, HistoryResult, changes_by_goal


def _explained(result: HistoryResult) -> list[GoalChange]:
    return [c for changes in changes_by_goal(result).values() for c in changes if c.reason is not None]


def _value(value: Any) -> Any:
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def render(result: HistoryResult, output_format: str) -> str:
    explained = _explained(result)
    if output_format == "json":
        data = {
            "diagnostics": [diagnostic(d, builtin_catalog().documentation_url(d.code)) for d in result.diagnostics],
            "explained": [{"path": c.path, "line": c.line, "column": c.column, "goal": c.goal, "field": c.field,
                           "from": _value(c.old), "to": _value(c.new), "commit": c.commit, "author": c.author,
                           "date": c.date.isoformat(), "reason": c.reason} for c in explained],
            "commits": result.commits,
            "goals": len(result.timelines),
            "warnings": result.warnings,
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    out = []
    for d in result.diagnostics:
        out.append(line(d))
        helped = help_line(d)
        if helped is not None:
            out.append(helped)
    for c in explained:
        out.append(f"{c.path}:{c.line}:{c.column}: explained: {c.goal}: {c.field} {_value(c.old)} -> {_value(c.new)} "
                   f"in {c.commit} by {c.author} on {c.date.isoformat()}: {c.reason}")
    count = len(result.diagnostics)
    out.append(f"{count} finding{'s' if count != 1 else ''} in the history of {len(result.timelines)} goals "
               f"over {result.commits} commits")
    return "\n".join(out) + "\n"
