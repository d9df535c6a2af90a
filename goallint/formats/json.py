"""Every finding of every severity as one JSON document, suppressed ones apart."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..diagnostics import CheckResult, Diagnostic, Severity
from . import RenderOptions, documentation_urls, exact, utf8_safe

# One encoder for every finding: json.dumps with an argument builds a new one per call (a tenth of the
# JSON output's time at 10,000 goals).
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def diagnostic(d: Diagnostic, url: str | None = None) -> dict[str, Any]:
    """One finding as JSON data; ``url`` is its rule's documentation, when it has one."""
    d = exact(d)
    out: dict[str, Any] = {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "code": d.code,
        "name": d.name,
        "url": utf8_safe(url) if url is not None else None,
        "severity": d.severity.label,
        "message": d.message,
        "help": d.help,
        "goal": d.goal,
    }
    if d.suppression is not None:
        out["suppression"] = {"line": d.suppression.line, "until": d.suppression.until,
                              "reason": utf8_safe(d.suppression.reason) if d.suppression.reason else None}
    return out


def render(result: CheckResult, _options: RenderOptions) -> str:
    """One diagnostic a line: easy to grep and diff, and written by json's C encoder.

    (``json.dumps(indent=...)`` falls back to the pure-Python encoder, which took longer
    than the whole check on large runs.)
    """
    summary = {
        "files": result.files,
        "goals": result.goals,
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "infos": result.count(Severity.INFO),
        "suppressed": len(result.suppressed),
    }

    urls = documentation_urls(result, (d.code for d in (*result.diagnostics, *result.suppressed)))

    def listing(items: list[Diagnostic]) -> str:
        if not items:
            return "[]"
        return "[\n    " + ",\n    ".join(_ENCODER.encode(diagnostic(d, urls[d.code])) for d in items) + "\n  ]"

    return (
        "{\n"
        f'  "version": {json.dumps(__version__)},\n'
        f'  "summary": {json.dumps(summary)},\n'
        f'  "diagnostics": {listing(result.diagnostics)},\n'
        f'  "suppressed": {listing(result.suppressed)}\n'
        "}\n"
    )
