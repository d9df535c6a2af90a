"""`goallint statement`: lint one-line goal statements, or turn them into a goal file."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

import click

from . import EXIT_FINDINGS, EXIT_OK, UsageFailure


def run(*, texts: tuple[str, ...], input_lang: str, lang: str, today: dt.date, output_format: str,
        fail_on: str, to_yaml: bool) -> int:
    """Lint one-line goal statements (TEXT...; - reads one statement per line from stdin)."""
    from ..diagnostics import Severity
    from ..statement import lint_statement
    from ..statement_output import Linted, render_json, render_sarif, render_text
    from ..statement_output import to_yaml as build_yaml

    sources = [(i + 1, "<arg>", t) for i, t in enumerate(texts) if t != "-"]
    if "-" in texts:
        lines = sys.stdin.read().splitlines()
        sources += [(i + 1, "<stdin>", line) for i, line in enumerate(lines) if line.strip()]
    if not sources:
        raise UsageFailure("no statement given: pass TEXT, or - with one statement per line on stdin")
    empty = next((n for n, src, t in sources if src == "<arg>" and not t.strip()), None)
    if empty is not None:
        raise UsageFailure(f"statement {empty} is empty")
    given = None if input_lang == "auto" else input_lang
    linted = [Linted(n, src, *lint_statement(t.strip(), today, given, lang)) for n, src, t in sources]
    if to_yaml:
        click.echo(build_yaml([item.statement for item in linted], today), nl=False)
        return EXIT_OK
    renderers: dict[str, Callable[[list[Linted]], str]] = {
        "text": render_text, "json": render_json, "sarif": render_sarif}
    click.echo(renderers[output_format](linted), nl=False)
    limit = Severity.parse(fail_on)
    return EXIT_FINDINGS if any(f.severity >= limit for item in linted for f in item.findings) else EXIT_OK
