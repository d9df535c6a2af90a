"""Every finding of every severity as one JSON document, suppressed ones apart."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..diagnostics import Diagnostic, Severity
from ..linter import CheckResult
from . import RenderOptions


def diagnostic(d: Diagnostic) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.label,
        "message": d.message,
        "goal": d.goal,
    }
    if d.suppression is not None:
        out["suppression"] = {"line": d.suppression.line, "until": d.suppression.until,
                              "reason": d.suppression.reason}
    return out


def render(result: CheckResult, options: RenderOptions) -> str:
    document = {
        "version": __version__,
        "summary": {
            "files": result.files,
            "goals": result.goals,
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "infos": result.count(Severity.INFO),
            "suppressed": len(result.suppressed),
        },
        "diagnostics": [diagnostic(d) for d in result.diagnostics],
        "suppressed": [diagnostic(d) for d in result.suppressed],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
