"""`goallint import`: a CSV, XLSX, ODS or Markdown file -> one v1 goal file, then `check` on it.

The reader is chosen by the file's extension. Problems with the source itself are printed
as findings at its row and column (a workbook's finding also names the cell, ``Mål!C4``)
and make the exit code 1; a source that cannot be used at all is an ``ImportFailure``,
which the command line turns into one line and exit 2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..importers import Draft, ImportFailure, Sheet, SheetFinding, drafts, map_columns, read_csv

CSV_EXTENSIONS = (".csv", ".tsv", ".txt")
MARKDOWN_EXTENSIONS = (".md", ".markdown")


def _read(source: str, maps: dict[str, str], sheet_name: str | None) -> tuple[list[Draft], list[SheetFinding],
                                                                                Sheet | None]:
    from ..importers.spreadsheet import EXTENSIONS

    suffix = Path(source).suffix.casefold()
    if suffix in MARKDOWN_EXTENSIONS:
        from ..importers.markdown import read_markdown

        if maps:
            raise ImportFailure("--map is for sheets; a Markdown list has no columns")
        goals, findings = read_markdown(source)
        return goals, findings, None
    if suffix in CSV_EXTENSIONS:
        table = read_csv(source)
    elif suffix in EXTENSIONS:
        from ..importers.spreadsheet import read_spreadsheet

        table = read_spreadsheet(source, sheet_name)
    else:
        known = ", ".join(e.lstrip(".") for e in (*CSV_EXTENSIONS, *EXTENSIONS, *MARKDOWN_EXTENSIONS))
        raise ImportFailure(f"{source}: cannot tell what kind of file this is from its name (known: {known})")
    mapping = map_columns(table.headers, maps, source)
    if not table.rows:  # as an empty Markdown file: nothing to import is a usage error, not an empty goal file
        raise ImportFailure(f"{source}: no rows under the header row: nothing to import")
    for index, header in enumerate(table.headers):
        if index not in mapping and header.strip():
            click.echo(f"goallint: note: {source}: column '{header}' is not imported (no goal field has that name; "
                       f"use --map '{header}=FIELD')", err=True)
    goals, findings = drafts(table, mapping)
    return goals, findings, table


def finding_line(source: str, finding: SheetFinding, sheet: Sheet | None) -> str:
    """``okr.xlsx:4:3: import [error] MESSAGE (cell Mål!C4)``: row and column first, for tools."""
    from ..importers.spreadsheet import column_letters

    cell = ""
    if sheet is not None and sheet.name is not None:
        name = sheet.name if sheet.name.replace("_", "").isalnum() else "'" + sheet.name.replace("'", "''") + "'"
        cell = f" (cell {name}!{column_letters(finding.column)}{finding.row})"
    return f"{source}:{finding.row}:{finding.column}: import [error] {finding.message}{cell}"


def run_import(source: str, output: str, *, force: bool, maps: dict[str, str], today: dt.date,
               sheet_name: str | None) -> bool:
    """Write the goal file and check it; True when there were findings at error level."""
    from ..atomic import WriteError, write_atomic
    from ..importers.goalfile import render

    if sheet_name is not None and Path(source).suffix.casefold() in (*CSV_EXTENSIONS, *MARKDOWN_EXTENSIONS):
        raise ImportFailure(f"--sheet is for workbooks (XLSX, ODS); {source} has one table")
    if Path(output).exists() and not force:
        raise ImportFailure(f"{output} exists; use --force to overwrite it")
    goals, findings, sheet = _read(source, maps, sheet_name)
    for finding in findings:
        click.echo(finding_line(source, finding, sheet))
    try:
        write_atomic(output, render(goals, today, Path(source).name))
    except WriteError as exc:
        raise ImportFailure(str(exc)) from None
    return check_and_print(output, today) or bool(findings)


def check_and_print(path: str, today: dt.date) -> bool:
    """Run `check` on one written file with the project's config; True when it found errors."""
    from ..config import ConfigError, load_settings
    from ..diagnostics import Severity
    from ..formats import RenderOptions, renderer
    from ..linter import check

    try:
        settings = load_settings(None)
    except ConfigError as exc:
        raise ImportFailure(str(exc)) from None
    result = check([Path(path)], settings, today)
    click.echo(renderer("text")(result, RenderOptions()), nl=False)
    return bool(result.errors) or any(d.severity >= Severity.ERROR for d in result.diagnostics)


def _read_table(source: str, sheet_name: str | None) -> Sheet:
    from ..importers.spreadsheet import EXTENSIONS, read_spreadsheet

    suffix = Path(source).suffix.casefold()
    if suffix in CSV_EXTENSIONS:
        if sheet_name is not None:
            raise ImportFailure(f"--sheet is for workbooks (XLSX, ODS); {source} has one table")
        return read_csv(source)
    if suffix in EXTENSIONS:
        return read_spreadsheet(source, sheet_name)
    known = ", ".join(e.lstrip(".") for e in (*CSV_EXTENSIONS, *EXTENSIONS))
    raise ImportFailure(f"{source}: measurements come from a sheet (known: {known})")


def run_import_metrics(source: str, metric_id: str, into: str, *, maps: dict[str, str], sheet_name: str | None,
                       name: str | None, unit: str | None, today: dt.date) -> bool:
    """Append a sheet's measurements to metric ``metric_id`` in ``into``, then check that file.

    True when there were findings at error level: in the sheet (then nothing is written)
    or in the check of the written file.
    """
    from ..atomic import WriteError, write_atomic
    from ..importers.metrics import metric_columns, plan, readings

    if not metric_id.strip():
        raise ImportFailure("--metrics needs a metric id")
    table = _read_table(source, sheet_name)
    found, findings = readings(table, *metric_columns(table.headers, maps, source))
    if not found and not findings:
        raise ImportFailure(f"{source}: the sheet has no measurements")
    outcome, conflicts = plan(into, metric_id, found, name, unit) if not findings else (None, [])
    for finding in sorted(findings + conflicts, key=lambda f: (f.row, f.column)):
        click.echo(finding_line(source, finding, table))
    if outcome is None:
        click.echo(f"{into}: nothing was written; fix the sheet and import again")
        return True
    if outcome.added or outcome.created:
        try:
            write_atomic(into, outcome.text)
        except WriteError as exc:
            raise ImportFailure(str(exc)) from None
    created = " (new entry)" if outcome.created else ""
    click.echo(f"{into}: metric '{metric_id}'{created}: {outcome.added} measurement"
               f"{'' if outcome.added == 1 else 's'} added, {outcome.skipped} already there")
    return check_and_print(into, today)
