"""`goallint report`: check the goals, build the report's model, render HTML or Markdown, write it whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageFailure
from .check import check_files

if TYPE_CHECKING:
    from ..config import Settings
    from ..diagnostics import CheckResult
    from ..history.run import HistoryResult

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
        select: list[str] | None, ignore: list[str] | None, with_history: bool, history_since: str | None) -> int:
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
    if history_since is not None and not with_history:
        raise UsageFailure("--history-since cannot be combined with --no-history")
    try:
        locale = check_locale(locale_name) if locale_name else None
    except LocaleError as exc:
        raise UsageFailure(f"--locale: {exc}") from None
    # One process: check's worker processes send back only what cross-goal rules read of each goal, and the
    # report needs every goal whole (metric, check-ins, milestones). Sending every goal whole was tried: on
    # the shared two-core machine it cost more CPU (5.8-7.2 s against 5.0-5.4 s at 10,000 goals) than it saved.
    result, _files, missing, settings = check_files(paths, config_path, select, ignore, today)
    history = _history(result, settings, history_since, today) if with_history else None
    from ..parallel import keep_until_exit, no_cyclic_gc

    with no_cyclic_gc():  # the model is trees too: the collector's passes only cost time
        model = build(result, today, lang, title, float(settings.metrics.pace_tolerance_percent), locale, history,
                      history_since)
        text = render_html(model) if output_format == "html" else render_markdown(model, summary=summary)
    keep_until_exit(result, model)
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


def _history(result: CheckResult, settings: Settings, since: str | None, today: dt.date) -> HistoryResult | None:
    """The goals' history for the report: asked for with --history-since (no git is exit 2), else read
    when there is a repository and left out quietly when there is none."""
    from ..history.run import GitError
    from ..report.changes import read

    try:
        found = read(result, settings, since, today, required=since is not None)
    except GitError as exc:
        if since is not None:
            raise UsageFailure(str(exc)) from None
        click.echo(f"goallint: warning: the goals' history is left out of the report: {exc}", err=True)
        return None
    for warning in found.warnings if found is not None else []:
        click.echo(f"goallint: warning: {warning}", err=True)
    return found
