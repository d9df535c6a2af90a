"""Each finding as ``path:line:col: CODE [severity] message (goal ID)``, its help indented under it.

After the findings: the documentation URL of each rule that fired, once, the counts per
rule (``--statistics``) and the summary line. ``--quiet`` prints the findings and their
help only. ``concise`` is the same without help and URLs, one line a finding.
"""

from __future__ import annotations

from collections import Counter

from ..diagnostics import CheckResult, Diagnostic, Severity
from . import RenderOptions, documentation_urls, printable, shown

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


def help_line(d: Diagnostic, *, color: bool = False) -> str | None:
    """The finding's help, indented under it as ``  help: ...``; None when it has none."""
    if not d.help:
        return None
    return f"  {_paint('help:', '1;36', color=color)} {printable(d.help)}"


def documentation(result: CheckResult) -> list[str]:
    """``CODE name: URL`` once for each rule that fired, by code; rules without a page are left out."""
    names = {d.code: shown(d).name for d in result.diagnostics}
    urls = documentation_urls(result, names)
    return [f"{code} {names[code]}: {printable(url)}" for code, url in urls.items() if url is not None]


def render(result: CheckResult, options: RenderOptions) -> str:
    lines = []
    for d in result.diagnostics:
        lines.append(line(d, color=options.color))
        helped = help_line(d, color=options.color)
        if helped is not None:
            lines.append(helped)
    if not options.quiet:
        lines += documentation(result)
    if options.statistics:
        lines += statistics(result)
    if not options.quiet:
        lines.append(summary(result))
    return "".join(f"{text}\n" for text in lines)
