"""The command line's interface: every command and option, declared with click.

Each command hands its options to its module in ``goallint.commands``, which does the
work and returns the exit code; nothing here reads a goal file.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 a usage,
configuration, I/O or internal error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from . import __version__, parallel
from .catalog import CatalogError
from .commands import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, UsageFailure
from .formats import FORMATS
from .parallel import WorkerLost
from .report import LANGUAGES

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_INTERRUPTED", "EXIT_OK", "UsageFailure", "cli", "entry", "main"]


class Interrupted(BaseException):
    """Ctrl-C: raised instead of KeyboardInterrupt, which click would turn into a bare abort."""


def _interrupt(_signum: int, _frame: object) -> None:
    raise Interrupted


def _today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    from .dates import DateError, parse_date

    try:
        return parse_date(value)
    except DateError as exc:
        raise click.BadParameter(str(exc)) from None


def _codes(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> list[str] | None:
    if not values:
        return None
    return [code for value in values for code in value.split(",") if code.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="goallint")
def cli() -> None:
    """Lint goals-as-code (OKRs, SMART goals in YAML) against the SMART criteria."""


def _outputs(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> list[tuple[str, str]]:
    outputs = []
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not path or name not in FORMATS:
            raise click.BadParameter(f"'{value}' is not FORMAT=PATH with FORMAT one of {', '.join(FORMATS)}")
        outputs.append((name, path))
    if sum(1 for _, path in outputs if path == "-") > 1:
        raise click.BadParameter("only one FORMAT=- can take standard output")
    return outputs


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["auto", *FORMATS]), default="auto", show_default=True,
              help="Output format; auto is github under GitHub Actions, text elsewhere. text shows each "
                   "finding's help and rule links; concise is one line a finding.")
@click.option("--output-format", "outputs", multiple=True, callback=_outputs, metavar="FORMAT=PATH",
              help="Also write FORMAT to the file PATH (repeatable), e.g. sarif=goallint.sarif.")
@click.option("--select", multiple=True, callback=_codes, help="Only these codes or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, callback=_codes, help="Skip these codes or prefixes (comma-separated).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--today", envvar="GOALLINT_TODAY", callback=_today, metavar="YYYY-MM-DD",
              help="The date the date rules use (default: the real date; also GOALLINT_TODAY).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
@click.option("--in-project", is_flag=True,
              help="Load every goal file of the project for ids, parents and owners, "
                   "but report only the PATHs given (for pre-commit).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Parse and check files in N processes when that pays (default: the number of cores).")
@click.option("--statistics", is_flag=True, help="Also print the number of findings per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary line.")
@click.option("--history-since", metavar="REV", help="Also run the history rules (H) on the commits since REV.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=True, show_default=True,
              help="Skip goal files git ignores when searching folders (files named are always checked).")
@click.option("--allow-outside-root", is_flag=True,
              help="Check goal files that are symlinks to files outside the project root.")
@click.option("--stdin-filename", metavar="PATH",
              help="With '-' as the path: the name of the text read from standard input "
                   "(config, overrides and the path shown come from it).")
@click.option("--show-files", is_flag=True, help="List the files that would be checked (and those skipped), then exit.")
@click.option("--show-settings", is_flag=True, help="Print the settings in effect as JSON, then exit.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Known findings (JSON): fail only on findings not in it; stale entries are reported.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files, then report what remains.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff instead; write nothing.")
@click.option("--update-baseline", is_flag=True, help="Write the current findings to the baseline file first.")
def check(**options: Any) -> int:
    """Check goal files (or folders of them) against the SMART rules."""
    from .commands.check import run

    return run(**options)


@cli.command("history")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--since", metavar="REV", help="Judge only the commits after REV (e.g. origin/main).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--today", envvar="GOALLINT_TODAY", callback=_today, metavar="YYYY-MM-DD",
              help="The date of uncommitted changes (default: the real date; also GOALLINT_TODAY).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
def history_command(**options: Any) -> int:
    """Run the history rules (H) over the git history of goal files: moved targets, slipped deadlines."""
    from .commands.history import run

    return run(**options)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["html", "md"]), default=None,
              help="HTML page or GitHub-flavoured Markdown (default: from the output's extension, else html).")
@click.option("--output", "-o", metavar="FILE",
              help="Where to write the report; - for stdout (default: report.html or report.md).")
@click.option("--summary", is_flag=True,
              help="Markdown only: a summary that fits a pull-request comment (at most 65,536 characters).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of the labels.")
@click.option("--locale", "locale_name", metavar="LOCALE",
              help="CLDR locale of numbers and dates, e.g. sv_SE or de_DE (default: en_GB, or nb_NO with --lang nb).")
@click.option("--title", help="Title of the report (default: 'Goal report' and the period).")
@click.option("--today", envvar="GOALLINT_TODAY", callback=_today, metavar="YYYY-MM-DD",
              help="The as-of date (default: the real date; also GOALLINT_TODAY).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
@click.option("--select", multiple=True, callback=_codes, help="Only these codes or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, callback=_codes, help="Skip these codes or prefixes (comma-separated).")
@click.option("--history/--no-history", "with_history", default=True, show_default=True,
              help="Show each goal's changes over time, read from git when run inside a git work tree.")
@click.option("--history-since", metavar="REV", help="Show only the changes after REV (a tag, a branch, a commit).")
def report(**options: Any) -> int:
    """Render a stakeholder report of the goals: a self-contained HTML page or Markdown.

    Exits as check does: 1 when there are error findings, 2 when a file cannot be read.
    """
    from .commands.report import run

    return run(**options)


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
def rules_command(**options: Any) -> int:
    """List every rule: code, name, SMART letter, default severity (config rules included)."""
    from .commands.rules import list_rules

    return list_rules(**options)


@cli.command("rule")
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
def rule_command(**options: Any) -> int:
    """Print the documentation of one rule."""
    from .commands.rules import show_rule

    return show_rule(**options)


@cli.command("init")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("--yes", "-y", "overwrite", flag_value="yes", help="Overwrite existing files without asking.")
@click.option("--keep-existing", "overwrite", flag_value="no",
              help="Never overwrite: keep existing files without asking.")
@click.option("--today", envvar="GOALLINT_TODAY", callback=_today, metavar="YYYY-MM-DD",
              help="The date the first goal's dates start from (default: the real date).")
def init_command(**options: Any) -> int:
    """Start here: a config, a first goal file, a pre-commit entry and a GitHub workflow."""
    from .commands.init import run

    return run(**options)


@cli.command("schema")
@click.option("--write", "write_to", metavar="PATH", help="Write the schema to PATH (e.g. schemas/goals.schema.json) "
              "and print the editor modeline that points at it.")
def schema_command(**options: Any) -> int:
    """Print the JSON Schema of goal files, or write it into the repository for editors."""
    from .commands.schema import run

    return run(**options)


@cli.command("lsp")
@click.option("--stdio", is_flag=True, help="Speak over stdin and stdout (the default; for editors that pass it).")
def lsp_command(stdio: bool) -> int:  # noqa: ARG001 - stdio is the only transport; the flag is accepted
    """Run the language server over stdio (needs the lsp extra: pip install 'goallint[lsp]')."""
    from .lsp import MissingExtra, serve

    gc.enable()  # a long session makes and drops cycles (pygls's futures, asyncio's tasks): collect them
    parallel.kept_until_exit = None  # and each check's objects must be freed, not kept for an exit hours away
    try:
        serve()
    except MissingExtra as exc:
        raise UsageFailure(str(exc)) from None
    return EXIT_OK
@cli.command("statement")
@click.argument("texts", nargs=-1, required=True, metavar="TEXT...")
@click.option("--input-lang", type=click.Choice(["auto", "en", "nb"]), default="auto", show_default=True,
              help="Language of the statements (auto: detect each one).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of goallint's messages.")
@click.option("--today", envvar="GOALLINT_TODAY", callback=_today, metavar="YYYY-MM-DD",
              help="The date deadlines are resolved against (default: the real date; also GOALLINT_TODAY).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "sarif"]), default="text",
              show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--to-yaml", is_flag=True, help="Print a v1 goal file built from the statements instead.")
def statement_command(**options: Any) -> int:
    """Lint one-line goal statements (TEXT...; - reads one statement per line from stdin)."""
    from .commands.statement import run

    return run(**options)


def _maps(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for value in values:
        column, sep, target = value.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise click.BadParameter(f"'{value}' is not COLUMN=FIELD")
        out[column.strip()] = target.strip()
    return out


@cli.command("import")
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--output", "-o", metavar="FILE", help="The goal file to write (atomically).")
@click.option("--force", is_flag=True, help="Overwrite FILE when it exists.")
@click.option("--map", "maps", multiple=True, callback=_maps, metavar="COLUMN=FIELD",
              help="Read COLUMN as FIELD (title, owner, deadline, metric.target...; with --metrics: "
                   "date, period, value); repeatable.")
@click.option("--sheet", "sheet_name", metavar="NAME", help="The workbook's sheet to read (default: the first).")
@click.option("--metrics", "metric_id", metavar="ID",
              help="Instead of goals: append the sheet's measurements to metric ID's history (needs --into).")
@click.option("--into", metavar="CATALOGUE", help="With --metrics: the catalogue file to add to (edited in place).")
@click.option("--name", "metric_name", metavar="TEXT", help="With --metrics: the new metric's name, when ID is new.")
@click.option("--unit", "metric_unit", metavar="TEXT", help="With --metrics: the new metric's unit, when ID is new.")
@click.option("--today", envvar="GOALLINT_TODAY", callback=_today, metavar="YYYY-MM-DD",
              help="The date titles' deadlines are resolved against, and check uses.")
def import_command(source: str, output: str | None, force: bool, maps: dict[str, str], sheet_name: str | None,
                   metric_id: str | None, into: str | None, metric_name: str | None, metric_unit: str | None,
                   today: dt.date) -> int:
    """Import goals from a CSV, XLSX or ODS sheet or a Markdown list into a v1 goal file, then check it.

    With --metrics ID --into CATALOGUE, import a sheet of measurements (date or period, value)
    into the history of metric ID instead.
    """
    from .commands.importing import run_import, run_import_metrics
    from .importers import ImportFailure

    try:
        if metric_id is not None or into is not None:
            if metric_id is None or into is None or output is not None or force:
                raise ImportFailure("import --metrics ID needs --into CATALOGUE (and takes no --output or --force)")
            failed = run_import_metrics(source, metric_id, into, maps=maps, sheet_name=sheet_name,
                                        name=metric_name, unit=metric_unit, today=today)
        elif output is None or metric_name is not None or metric_unit is not None:
            raise ImportFailure("import needs --output FILE (or --metrics ID --into CATALOGUE for measurements)")
        else:
            failed = run_import(source, output, force=force, maps=maps, today=today, sheet_name=sheet_name)
    except ImportFailure as exc:
        raise UsageFailure(str(exc)) from None
    return EXIT_FINDINGS if failed else EXIT_OK


def _answer_options(command: Callable[..., Any]) -> Callable[..., Any]:
    from .questions import QUESTIONS

    command = click.option("--id", "answer_id", metavar="TEXT", help="The goal's id (default: from the title).",
                           )(command)
    for question in reversed(QUESTIONS):
        command = click.option(f"--{question.key}", f"answer_{question.key}", metavar="TEXT",
                               help=question.prompt)(command)
    return command


@cli.command("new")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--answers", "answers_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Read the answers from a YAML or JSON mapping (title, owner, team, ...) instead of asking.")
@click.option("--no-input", is_flag=True, help="Ask nothing: use the answers given and what the title says.")
@_answer_options
@click.option("--today", envvar="GOALLINT_TODAY", callback=_today, metavar="YYYY-MM-DD",
              help="The day the start defaults to and deadlines are resolved against.")
def new_command(path: str, answers_file: str | None, no_input: bool, today: dt.date, **answers: str | None) -> int:
    """Add a goal to PATH by answering the SMART questions (a new file is created).

    Each question can be answered by its option instead; given any answer (or --answers),
    nothing is asked.
    """
    from .commands.new import NewFailure, run_new

    given = {key.removeprefix("answer_"): value for key, value in answers.items() if value is not None}
    try:
        written = run_new(path, answers_file=answers_file, given=given, today=today,
                          interactive=not (answers_file or given or no_input))
    except NewFailure as exc:
        raise UsageFailure(str(exc)) from None
    return EXIT_OK if written else EXIT_FINDINGS


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and turn every failure into an exit code and one line."""
    args = sys.argv[1:] if argv is None else argv
    import signal

    previous = signal.signal(signal.SIGINT, _interrupt)
    try:
        return _main(args)
    finally:
        signal.signal(signal.SIGINT, previous)


def _main(args: list[str]) -> int:
    try:
        code: Any = cli.main(args=args, prog_name="goallint", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:  # pragma: no cover - click >= 8.2
        click.echo(exc.ctx.get_help() if exc.ctx else "", err=False)
        return EXIT_OK
    except click.UsageError as exc:
        where = f"goallint {exc.ctx.info_name}" if exc.ctx and exc.ctx.info_name != "goallint" else "goallint"
        click.echo(f"{where}: error: {exc.format_message()} (see '{where} --help')", err=True)
        return EXIT_ERROR
    except UsageFailure as exc:
        click.echo(f"goallint: error: {exc}", err=True)
        return EXIT_ERROR
    except (CatalogError, WorkerLost) as exc:
        click.echo(f"goallint: error: {exc}", err=True)
        return EXIT_ERROR
    except (Interrupted, KeyboardInterrupt):
        click.echo("goallint: interrupted; the findings printed so far are not complete", err=True)
        return EXIT_INTERRUPTED
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort:
        click.echo("goallint: aborted", err=True)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:
        click.echo(f"goallint: internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
        return EXIT_ERROR
    return int(code or 0)


def entry() -> None:
    """The console script: run, flush, and leave without tearing down what the run built.

    Freeing a large run's objects one by one at exit costs noticeable time and changes
    nothing; the operating system reclaims the memory at once. So the check keeps what it
    built (``parallel.keep_until_exit``) rather than free it on the way out.

    The cyclic garbage collector stays off for the whole run (the language server, which
    runs for hours, turns it back on). A run's data are trees freed by their reference
    counts; with the collector on, its first pass after a large check walked every object
    the check had made, and the report paid a sixteenth of its time for that alone.
    """
    gc.disable()
    parallel.kept_until_exit = []
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = code or EXIT_ERROR
    except ValueError:  # already closed: the language server's streams end with the session
        pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
