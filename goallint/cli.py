"""The command line. Thin: parse options, build settings, call the library, return a code.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 a usage,
configuration, I/O or internal error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .catalog import CatalogError
from .formats import FORMATS
from .parallel import WorkerLost

if TYPE_CHECKING:
    from .config import Settings
    from .diagnostics import CheckResult

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageFailure(Exception):
    """Bad usage or configuration: exit 2 with this one line."""


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
    return outputs


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["auto", *FORMATS]), default="auto", show_default=True,
              help="Output format; auto is github under GitHub Actions, text elsewhere.")
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
def check(paths: tuple[str, ...], output_format: str, outputs: list[tuple[str, str]], select: list[str] | None,
          ignore: list[str] | None, fail_on: str, exit_zero: bool, today: dt.date, config_path: str | None,
          in_project: bool, jobs: int | None, statistics: bool, quiet: bool) -> int:
    """Check goal files (or folders of them) against the SMART rules."""
    from .diagnostics import Severity
    from .formats import RenderOptions, printable, renderer, tolerate_encoding

    workers = jobs if jobs is not None else (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                                             else os.cpu_count() or 1)
    result, files, missing, _settings = _run(paths, config_path, select, ignore, today, in_project, workers)
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    color = output_format == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    options = RenderOptions(color=color, quiet=quiet, statistics=statistics, fail_on=Severity.parse(fail_on))
    tolerate_encoding(sys.stdout)
    click.echo(renderer(output_format)(result, options), nl=False)
    failures = missing + result.errors
    if outputs:
        from .atomic import WriteError, write_atomic
    for name, target in outputs:
        try:
            write_atomic(target, renderer(name)(result, RenderOptions(fail_on=options.fail_on)))
        except WriteError as exc:
            failures.append(str(exc))
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        from .formats.github import step_summary

        try:
            with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as stream:
                stream.write(step_summary(result))
        except OSError as exc:
            failures.append(f"{os.environ['GITHUB_STEP_SUMMARY']}: cannot write the step summary ({exc.strerror})")
    for message in failures:
        click.echo(f"goallint: error: {printable(message)}", err=True)  # a file name never splits the line
    if not files and not missing:
        click.echo("goallint: warning: no goal files found", err=True)
    if failures:
        return EXIT_ERROR
    if not exit_zero and any(d.severity >= options.fail_on for d in result.diagnostics):
        return EXIT_FINDINGS
    return EXIT_OK


def _run(paths: tuple[str, ...], config_path: str | None, select: list[str] | None, ignore: list[str] | None,
         today: dt.date, in_project: bool = False,
         jobs: int = 1) -> tuple[CheckResult, list[Path], list[str], Settings]:
    """What check and report share: settings, file discovery, the check itself."""
    from .discovery import discover
    from .linter import check as run_check
    from .selection import CodeError, check_codes

    settings = _settings(config_path)
    known = list(settings.catalog)
    try:
        if select is not None:
            settings.select = check_codes(select, known, lambda _i: "--select")
        if ignore is not None:
            settings.ignore = settings.ignore + check_codes(ignore, known, lambda _i: "--ignore")
    except CodeError as exc:
        raise UsageFailure(str(exc)) from None
    files, missing = discover(list(paths), settings)
    context = discover([str(settings.root)], settings)[0] if in_project else None
    return run_check(files, settings, today, context=context, jobs=jobs), files, missing, settings


def _settings(config_path: str | None) -> Settings:
    """The settings of the config found (or named), with its deprecation warnings said once."""
    from .config import ConfigError, load_settings

    try:
        settings = load_settings(config_path)
    except ConfigError as exc:
        raise UsageFailure(str(exc)) from None
    for warning in settings.warnings:
        click.echo(f"goallint: warning: {settings.source}: {warning}", err=True)
    return settings


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["html", "md"]), default="html", show_default=True,
              help="HTML page or GitHub-flavoured Markdown.")
@click.option("--output", "-o", required=True, metavar="FILE", help="Where to write the report; - for stdout.")
@click.option("--lang", type=click.Choice(["en", "nb"]), default="en", show_default=True,
              help="Language of labels, dates and numbers.")
@click.option("--title", help="Title of the report (default: 'Goal report' and the period).")
@click.option("--today", envvar="GOALLINT_TODAY", callback=_today, metavar="YYYY-MM-DD",
              help="The as-of date (default: the real date; also GOALLINT_TODAY).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
@click.option("--select", multiple=True, callback=_codes, help="Only these codes or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, callback=_codes, help="Skip these codes or prefixes (comma-separated).")
def report(paths: tuple[str, ...], output_format: str, output: str, lang: str, title: str | None,
           today: dt.date, config_path: str | None, select: list[str] | None, ignore: list[str] | None) -> int:
    """Render a stakeholder report of the goals: a self-contained HTML page or Markdown."""
    from .atomic import WriteError, write_atomic
    from .report.model import build
    from .report.render import render_html, render_markdown

    result, _files, missing, settings = _run(paths, config_path, select, ignore, today)
    model = build(result, today, lang, title, float(settings.metrics.pace_tolerance_percent))
    text = render_html(model) if output_format == "html" else render_markdown(model)
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
    return EXIT_ERROR if failures else EXIT_OK


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
def rules_command(output_format: str, config_path: str | None) -> int:
    """List every rule: code, name, SMART letter, default severity (config rules included)."""
    from .catalog import BUILTIN, letter_label
    from .ruledocs import rules_markdown, summary

    catalog = _settings(config_path).catalog
    if output_format == "markdown":
        click.echo(rules_markdown(catalog), nl=False)
        return EXIT_OK
    width = max(len(rule.name) for rule in catalog.values())
    for code, rule in catalog.items():
        source = "" if catalog.source(code) == BUILTIN else f"  [{catalog.source(code)}]"
        click.echo(f"{code}  {rule.name:<{width}}  {letter_label(rule):<10}  {rule.severity.label:<7}  "
                   f"{summary(rule)}{source}")
    return EXIT_OK


@cli.command("rule")
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
def rule_command(code: str, config_path: str | None) -> int:
    """Print the documentation of one rule."""
    from .ruledocs import documentation
    from .schema import suggest

    catalog = _settings(config_path).catalog
    normal = code.strip().upper()
    if normal not in catalog:
        raise UsageFailure(f"unknown rule code '{code}'{suggest(normal, list(catalog))}")
    click.echo(documentation(catalog[normal], catalog.source(normal)), nl=False)
    return EXIT_OK


@cli.command("schema")
def schema_command() -> int:
    """Print the JSON Schema of goal files."""
    from .schema import schema_text

    click.echo(schema_text(), nl=False)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and turn every failure into an exit code and one line."""
    args = sys.argv[1:] if argv is None else argv
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
    except KeyboardInterrupt:
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
    nothing; the operating system reclaims the memory at once.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = code or EXIT_ERROR
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
