"""`goallint history`: the history rules over the git history of goal files."""

from __future__ import annotations

import datetime as dt

import click

from . import EXIT_FINDINGS, EXIT_OK, UsageFailure, load_settings_for


def run(*, paths: tuple[str, ...], since: str | None, output_format: str, fail_on: str, today: dt.date,
        config_path: str | None) -> int:
    """Run the history rules (H) over the git history of goal files: moved targets, slipped deadlines."""
    from ..diagnostics import Severity
    from ..history.render import render
    from ..history.run import GitError, history

    try:
        found = history(paths, load_settings_for(config_path), since, today)
    except GitError as exc:
        raise UsageFailure(str(exc)) from None
    click.echo(render(found, output_format), nl=False)
    for warning in found.warnings:
        click.echo(f"goallint: warning: {warning}", err=True)
    return EXIT_FINDINGS if any(d.severity >= Severity.parse(fail_on) for d in found.diagnostics) else EXIT_OK
