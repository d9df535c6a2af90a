"""`goallint schema`: print the goal-file schema, or write it into the repository for editors."""

from __future__ import annotations

from pathlib import Path

import click

from . import EXIT_OK, UsageFailure


def run(*, write_to: str | None) -> int:
    """Print the JSON Schema of goal files, or write it into the repository for editors."""
    from ..schema import modeline, schema_text

    if write_to is None:
        click.echo(schema_text(), nl=False)
        return EXIT_OK
    from ..atomic import WriteError, write_atomic

    try:
        Path(write_to).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(write_to, schema_text())
    except (OSError, WriteError) as exc:
        raise UsageFailure(str(exc) if isinstance(exc, WriteError) else f"{write_to}: cannot write ({exc})") from None
    click.echo(f"wrote {write_to}")
    click.echo("Put this first line in goal files in this folder (the path is relative to each goal file):")
    click.echo(modeline(Path(write_to), Path.cwd()))
    return EXIT_OK
