"""`goallint init`: the starter files, each written whole; existing ones kept unless the user says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from . import EXIT_OK, UsageFailure


def run(*, folder: str, overwrite: str | None, today: dt.date) -> int:
    """Start here: a config, a first goal file, a pre-commit entry and a GitHub workflow."""
    from ..atomic import WriteError, write_atomic
    from ..init import starter_files, target

    for starter in starter_files(today):
        path = target(Path(folder), starter)
        if path.exists() and (overwrite == "no" or (overwrite is None
                              and not click.confirm(f"{path} exists. Overwrite it?", default=False))):
            click.echo(f"kept {path}")
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, starter.text)
        except (OSError, WriteError) as exc:
            raise UsageFailure(str(exc) if isinstance(exc, WriteError) else f"{path}: cannot write ({exc})") from None
        click.echo(f"wrote {path} ({starter.what})")
    return EXIT_OK
