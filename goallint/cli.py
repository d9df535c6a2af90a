"""The command line. Thin: parse options, build settings, call the library, return a code.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 a usage,
configuration, I/O or internal error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .registry import PluginError

if TYPE_CHECKING:
    from .config import Settings
    from .linter import CheckResult

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


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


FORMAT_NAMES = ["auto", "text", "json", "sarif", "github", "junit", "gitlab"]


def _outputs(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> list[tuple[str, str]]:
    outputs = []
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not path or name not in FORMAT_NAMES[1:]:
            raise click.BadParameter(f"'{value}' is not FORMAT=PATH with FORMAT one of {', '.join(FORMAT_NAMES[1:])}")
        outputs.append((name, path))
    return outputs


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(FORMAT_NAMES), default="auto", show_default=True,
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
    from .formats import RenderOptions, renderer

    workers = jobs if jobs is not None else (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                                             else os.cpu_count() or 1)
    result, files, missing, _settings = _run(paths, config_path, select, ignore, today, in_project, workers)
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    color = output_format == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    options = RenderOptions(color=color, quiet=quiet, statistics=statistics, fail_on=Severity.parse(fail_on))
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
        click.echo(f"goallint: error: {message}", err=True)
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
    from .config import ConfigError, check_codes, load_settings
    from .discovery import discover
    from .linter import check as run_check

    try:
        settings = load_settings(config_path)
        if select is not None:
            settings.select = check_codes(select, lambda i: "--select")
        if ignore is not None:
            settings.ignore = settings.ignore + check_codes(ignore, lambda i: "--ignore")
    except ConfigError as exc:
        raise UsageFailure(str(exc)) from None
    files, missing = discover(list(paths), settings)
    context = discover([str(settings.root)], settings)[0] if in_project else None
    return run_check(files, settings, today, context=context, jobs=jobs), files, missing, settings


REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def _report_target(output_format: str | None, output: str | None, summary: bool) -> tuple[str, str]:
    """The format and the file: each from the other when only one is given, else html to report.html."""
    if output_format is None and output not in (None, "-"):
        output_format = REPORT_FORMATS.get(Path(str(output)).suffix.lower())
        if output_format is None:
            raise UsageFailure(f"--output {output}: cannot tell the format from the extension; "
                               "use .html or .md, or give --format")
    output_format = output_format or ("md" if summary else "html")
    return output_format, output or f"report.{output_format}"


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["html", "md"]), default=None,
              help="HTML page or GitHub-flavoured Markdown (default: from the output's extension, else html).")
@click.option("--output", "-o", metavar="FILE",
              help="Where to write the report; - for stdout (default: report.html or report.md).")
@click.option("--summary", is_flag=True,
              help="Markdown only: a summary that fits a pull-request comment (at most 65,536 characters).")
@click.option("--lang", type=click.Choice(["en", "nb"]), default="en", show_default=True,
              help="Language of the labels.")
@click.option("--locale", "locale_name", metavar="LOCALE",
              help="CLDR locale of numbers and dates, e.g. sv_SE or de_DE (default: en_GB, or nb_NO with --lang nb).")
@click.option("--title", help="Title of the report (default: 'Goal report' and the period).")
@click.option("--today", envvar="GOALLINT_TODAY", callback=_today, metavar="YYYY-MM-DD",
              help="The as-of date (default: the real date; also GOALLINT_TODAY).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
@click.option("--select", multiple=True, callback=_codes, help="Only these codes or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, callback=_codes, help="Skip these codes or prefixes (comma-separated).")
def report(paths: tuple[str, ...], output_format: str | None, output: str | None, summary: bool, lang: str,
           locale_name: str | None, title: str | None, today: dt.date, config_path: str | None,
           select: list[str] | None, ignore: list[str] | None) -> int:
    """Render a stakeholder report of the goals: a self-contained HTML page or Markdown.

    Exits as check does: 1 when there are error findings, 2 when a file cannot be read.
    """
    from .atomic import WriteError, write_atomic
    from .diagnostics import Severity
    from .report.i18n import LocaleError, check_locale
    from .report.model import build
    from .report.render import render_html, render_markdown

    output_format, output = _report_target(output_format, output, summary)
    if summary and output_format != "md":
        raise UsageFailure("--summary applies to the Markdown report only")
    try:
        locale = check_locale(locale_name) if locale_name else None
    except LocaleError as exc:
        raise UsageFailure(f"--locale: {exc}") from None
    # One process: check's worker processes send back only what cross-goal rules read of each goal, and the
    # report needs every goal whole (metric, check-ins, milestones).
    result, _files, missing, settings = _run(paths, config_path, select, ignore, today)
    collecting = gc.isenabled()
    gc.disable()  # the model is trees freed by reference counting; cyclic collection passes only cost time
    try:
        model = build(result, today, lang, title, float(settings.options["pace_tolerance_percent"]), locale)
        text = render_html(model) if output_format == "html" else render_markdown(model, summary=summary)
    finally:
        if collecting:
            gc.enable()
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


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True)
def rules_command(output_format: str) -> int:
    """List every rule: code, name, SMART letter, default severity."""
    from .registry import LETTERS, all_rules, rules_markdown

    catalog = all_rules()
    if output_format == "markdown":
        click.echo(rules_markdown(), nl=False)
        return EXIT_OK
    width = max(len(rule.name) for rule in catalog.values())
    for code, rule in catalog.items():
        letter = LETTERS.get(rule.letter, rule.letter)
        source = "" if rule.source == "goallint" else f"  [{rule.source}]"
        click.echo(f"{code}  {rule.name:<{width}}  {letter:<10}  {rule.severity.label:<7}  {rule.summary()}{source}")
    return EXIT_OK


@cli.command("rule")
@click.argument("code")
def rule_command(code: str) -> int:
    """Print the documentation of one rule."""
    from .registry import all_rules
    from .schema import suggest

    catalog = all_rules()
    rule = catalog.get(code.strip().upper())
    if rule is None:
        raise UsageFailure(f"unknown rule code '{code}'{suggest(code.upper(), list(catalog))}")
    click.echo(rule.documentation(), nl=False)
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
    except PluginError as exc:
        click.echo(f"goallint: error: {exc}", err=True)
        return EXIT_ERROR
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort:
        click.echo("goallint: aborted", err=True)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
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
