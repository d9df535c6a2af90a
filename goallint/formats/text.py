"""``path:line:col: CODE [severity] message (goal ID)``, one line a finding, then a summary."""

from __future__ import annotations

from collections import Counter

from ..diagnostics import CheckResult, Diagnostic, Severity
from . import RenderOptions, shown

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, *, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def line(d: Diagnostic, *, color: bool = False) -> str:
    d = shown(d)
    where = _paint(f"{d.path}:{d.line}:{d.column}:", "1", color=color)
    code = _paint(d.code, _COLORS[d.severity], color=color)
    goal = f" (goal {d.goal})" if d.goal is not None else ""
    return f"{where} {code} [{d.severity.label}] {d.message}{goal}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(result: CheckResult) -> str:
    parts = [
        _plural(result.count(Severity.ERROR), "error"),
        _plural(result.count(Severity.WARNING), "warning"),
        _plural(result.count(Severity.INFO), "info"),
    ]
    text = f"{', '.join(parts)} in {_plural(result.files, 'file')}, {_plural(result.goals, 'goal')} checked"
    if result.suppressed:
        text += f" ({len(result.suppressed)} suppressed)"
    return text


def statistics(result: CheckResult) -> list[str]:
    counts = Counter((d.code, shown(d).name) for d in result.diagnostics)
    return [f"{count:5d}  {code}  {name}" for (code, name), count in sorted(counts.items())]


def render(result: CheckResult, options: RenderOptions) -> str:
    lines = [line(d, color=options.color) for d in result.diagnostics]
    if options.statistics:
        lines += statistics(result)
    if not options.quiet:
        lines.append(summary(result))
    return "".join(f"{text}\n" for text in lines)
