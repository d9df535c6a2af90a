"""GitLab Code Quality JSON: an array of issues with stable fingerprints."""

from __future__ import annotations

import json

from ..diagnostics import CheckResult, Severity
from . import RenderOptions, exact, fingerprints

SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def render(result: CheckResult, _options: RenderOptions) -> str:
    issues = []
    for d, fingerprint in zip(map(exact, result.diagnostics), fingerprints(result.diagnostics), strict=True):
        goal = f" (goal {d.goal})" if d.goal is not None else ""
        issues.append({
            "description": f"{d.code} {d.message}{goal}",
            "check_name": f"{d.code} {d.name}",
            "fingerprint": fingerprint,
            # A file that cannot be read at all (E001) hides every goal in it.
            "severity": "critical" if d.code == "E001" else SEVERITIES[d.severity],
            "location": {"path": d.path, "lines": {"begin": d.line, "end": d.end_line}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
