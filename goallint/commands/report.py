"""`goallint report`: check the goals, build the report's model, render HTML or Markdown, write it whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageFailure
from .check import check_files

REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def report_target(output_format: str | None, output: str | None, *, summary: bool) -> tuple[str, str]:
    """The format and the file: each from the other when only one is given, else html to report.html."""
    if output_format is None and output not in (None, "-"):
        output_format = REPORT_FORMATS.get(Path(str(output)).suffix.lower())
        if output_format is None:
            raise UsageFailure(f"--output {output}: cannot tell the format from the extension; "
                               "use .html or .md, or give --format")
    output_format = output_format or ("md" if summary else "html")
    return output_format, output or f"report.{output_format}"


def run(*, paths: tuple[str, ...], output_format: str | None, output: str | None, summary: bool, lang: str,
           locale_name: str | None, title: str | None, today: dt.date, config_path: str | None,
           select: list[str] | None, ignore: list[str] | None) -> int:
    """Render a stakeholder report of the goals: a self-contained HTML page or Markdown.

    Exits as check does: 1 when there are error findings, 2 when a file cannot be read.
    """
    from ..atomic import WriteError, write_atomic
    from ..diagnostics import Severity
    from ..report.i18n import LocaleError, check_locale
    from ..report.model import build
    from ..report.render import render_html, render_markdown

    output_format, output = report_target(output_format, output, summary=summary)
    if summary and output_format != "md":
        raise UsageFailure("--summary applies to the Markdown report only")
    try:
        locale = check_locale(locale_name) if locale_name else None
    except LocaleError as exc:
        raise UsageFailure(f"--locale: {exc}") from None
    # One process: check's worker processes send back only what cross-goal rules read of each goal, and the
    # report needs every goal whole (metric, check-ins, milestones).
    result, _files, missing, settings = check_files(paths, config_path, select, ignore, today)
    from ..parallel import no_cyclic_gc

    with no_cyclic_gc():  # the model is trees too: the collector's passes only cost time
        model = build(result, today, lang, title, float(settings.metrics.pace_tolerance_percent), locale)
        text = render_html(model) if output_format == "html" else render_markdown(model, summary=summary)
    failures = missing + result.errors
    if output == "-":
        click.echo(text, nl=False)
    else:
        try:
            write_atomic(output, text)
        except WriteError as exc:
            failures.append(str(exc))
    for message in failures:
        click.echo(f"goallint: error: {message}", err=True)
    if failures:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(d.severity >= Severity.ERROR for d in result.diagnostics) else EXIT_OK
