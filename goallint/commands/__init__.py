"""The work behind each command: cli.py declares a command's options and hands over to a module here.

Shared by the commands: the exit codes, the one-line usage failure and how settings are
loaded with ``--select``/``--ignore``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..config import Settings

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageFailure(Exception):
    """Bad usage or configuration: exit 2 with this one line."""


def load_settings_for(config_path: str | None, select: list[str] | None = None, ignore: list[str] | None = None,
                      cwd: Path | None = None) -> Settings:
    """The settings of the config found (or named) with --select/--ignore; deprecations said once."""
    from ..config import ConfigError, load_settings
    from ..selection import CodeError, check_codes

    try:
        settings = load_settings(config_path, cwd)
    except ConfigError as exc:
        raise UsageFailure(str(exc)) from None
    for warning in settings.warnings:
        click.echo(f"goallint: warning: {settings.source}: {warning}", err=True)
    known = list(settings.catalog)
    try:
        if select is not None:
            settings.select = check_codes(select, known, lambda _i: "--select")
        if ignore is not None:
            settings.ignore = settings.ignore + check_codes(ignore, known, lambda _i: "--ignore")
    except CodeError as exc:
        raise UsageFailure(str(exc)) from None
    return settings
