"""``path:line:col: CODE [severity] message (goal ID)``, one line a finding, then a summary.

No help lines and no documentation links: one finding is one line, for grep and editors.
"""

from __future__ import annotations

from ..diagnostics import CheckResult
from . import RenderOptions
from .text import line, statistics, summary


def render(result: CheckResult, options: RenderOptions) -> str:
    lines = [line(d, color=options.color) for d in result.diagnostics]
    if options.statistics:
        lines += statistics(result)
    if not options.quiet:
        lines.append(summary(result))
    return "".join(f"{text}\n" for text in lines)
