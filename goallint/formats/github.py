"""GitHub Actions workflow commands: one annotation a finding, on the right file and line."""

from __future__ import annotations

from ..diagnostics import CheckResult, Diagnostic, Severity
from . import RenderOptions, printable, shown
from .text import summary

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """The message part, escaped as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): the message escapes plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    d = shown(d)
    properties = {
        "file": d.path,
        "line": str(d.line),
        "col": str(d.column),
        "endLine": str(d.end_line),
        "endColumn": str(d.end_column),
        "title": f"{d.code} {d.name}",
    }
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = d.message if d.goal is None else f"{d.message} (goal {d.goal})"
    return f"::{COMMANDS[d.severity]} {props}::{escape_data(message)}"


def render(result: CheckResult, options: RenderOptions) -> str:
    lines = [annotation(d) for d in result.diagnostics]
    if not options.quiet:
        lines.append(summary(result))
    return "".join(f"{line}\n" for line in lines)


def step_summary(result: CheckResult, limit: int = 50) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: the counts, then the first findings."""
    lines = ["## goallint", "", summary(result), ""]
    if result.diagnostics:
        lines += ["| Where | Code | Severity | Finding | Goal |", "|---|---|---|---|---|"]
        for d in map(shown, result.diagnostics[:limit]):
            cells = [f"`{d.path}:{d.line}:{d.column}`", f"{d.code} {d.name}", d.severity.label, d.message,
                     d.goal or ""]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        if len(result.diagnostics) > limit:
            lines += ["", f"... and {len(result.diagnostics) - limit} more."]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return printable(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")
