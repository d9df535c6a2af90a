"""The command line. Thin: parse options, build settings, call the library, return a code.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 a usage,
configuration, I/O or internal error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .catalog import CatalogError
from .formats import FORMATS
from .parallel import WorkerLost
from .report import LANGUAGES

if TYPE_CHECKING:
    from .config import Settings
    from .diagnostics import CheckResult

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageFailure(Exception):
    """Bad usage or configuration: exit 2 with this one line."""


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
def check(paths: tuple[str, ...], output_format: str, outputs: list[tuple[str, str]], select: list[str] | None,
          ignore: list[str] | None, fail_on: str, exit_zero: bool, today: dt.date, config_path: str | None,
          in_project: bool, jobs: int | None, statistics: bool, quiet: bool, **more: Any) -> int:
    """Check goal files (or folders of them) against the SMART rules."""
    from .diagnostics import Severity
    from .formats import RenderOptions, printable, renderer, tolerate_encoding

    run = _CheckRun.from_options(paths, more)
    if more["show_files"] or more["show_settings"]:
        return _show(run, config_path, select, ignore, more["show_files"])
    from .parallel import cores

    workers = jobs if jobs is not None else cores()
    result, files, missing, settings = _run(run.paths, config_path, select, ignore, today, in_project, workers, run)
    result, fix_errors, finished = _fix_step(more["fix"], more["diff"], quiet, files, settings, today, result,
                                             in_project)
    if finished is not None:
        return finished
    if more["history_since"] is not None:
        _add_history(result, settings, more["history_since"], today)
    result, notes = run.apply_baseline(result, settings)
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    to_stdout = [name for name, target in outputs if target == "-"]
    color = output_format == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR") and not to_stdout
    options = RenderOptions(color=color, quiet=quiet, statistics=statistics, fail_on=Severity.parse(fail_on))
    # FORMAT=- takes standard output; the --format output then goes to standard error.
    tolerate_encoding(sys.stdout)
    tolerate_encoding(sys.stderr)
    click.echo(renderer(output_format)(result, options), nl=False, err=bool(to_stdout))
    failures = missing + result.errors + fix_errors + _write_outputs(result, outputs, options.fail_on)
    for note in notes:
        click.echo(f"goallint: {note}", err=True)
    failures += _step_summary(result)
    for message in failures:
        click.echo(f"goallint: error: {printable(message)}", err=True)  # a file name never splits the line
    if not files and not missing and not run.stdin:
        click.echo("goallint: warning: no goal files found", err=True)
    if failures:
        return EXIT_ERROR
    if not exit_zero and any(d.severity >= options.fail_on for d in result.diagnostics):
        return EXIT_FINDINGS
    return EXIT_OK


def _write_outputs(result: CheckResult, outputs: list[tuple[str, str]], fail_on: Any) -> list[str]:
    """--output-format FORMAT=PATH: each written atomically, or to stdout for '-'; the failures."""
    from .atomic import WriteError, write_atomic
    from .formats import RenderOptions, renderer

    failures = []
    for name, target in outputs:
        try:
            text = renderer(name)(result, RenderOptions(fail_on=fail_on))
            if target == "-":
                click.echo(text, nl=False)
            else:
                write_atomic(target, text)
        except WriteError as exc:
            failures.append(str(exc))
    return failures


def _step_summary(result: CheckResult) -> list[str]:
    """Under GitHub Actions, append the summary to the job's step summary; the failures."""
    if not os.environ.get("GITHUB_STEP_SUMMARY"):
        return []
    from .formats.github import step_summary

    try:
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as stream:
            stream.write(step_summary(result))
    except OSError as exc:
        return [f"{os.environ['GITHUB_STEP_SUMMARY']}: cannot write the step summary ({exc.strerror})"]
    return []


def _fix_step(fix: bool, diff: bool, quiet: bool, files: list[Path], settings: Settings, today: dt.date,
              result: CheckResult, in_project: bool) -> tuple[CheckResult, list[str], int | None]:
    """``--fix``: apply the safe fixes and go on with what is left. ``--diff``: print them; the run ends."""
    if not (fix or diff):
        return result, [], None
    from .fixing import fix_and_report

    result, errors, patch, summary = fix_and_report(files, settings, today, result, in_project=in_project,
                                                    write=not diff)
    if diff:
        click.echo(patch, nl=False)
        return result, errors, EXIT_FINDINGS if patch else EXIT_OK
    if not quiet:
        click.echo(f"goallint: {summary}", err=True)
    return result, errors, None


def _run(paths: tuple[str, ...], config_path: str | None, select: list[str] | None, ignore: list[str] | None,
         today: dt.date, in_project: bool = False,
         jobs: int = 1, run: _CheckRun | None = None) -> tuple[CheckResult, list[Path], list[str], Settings]:
    """What check and report share: settings, file discovery, the check itself."""
    from .discovery import discover
    from .linter import check as run_check

    run = run or _CheckRun(paths)
    settings = _settings(config_path, select, ignore, run.config_start())
    files, missing = discover(list(paths), settings, run.discovery) if paths or not run.stdin else ([], [])
    overlay = None
    if run.stdin is not None:
        files, overlay = [*files, run.stdin_path], {run.stdin_path: run.stdin}
    context = discover([str(settings.root)], settings, run.discovery)[0] if in_project else None
    result = run_check(files, settings, today, context=context, jobs=jobs, overlay=overlay)
    return result, files, missing, settings


def _settings(config_path: str | None, select: list[str] | None = None, ignore: list[str] | None = None,
              cwd: Path | None = None) -> Settings:
    """The settings of the config found (or named) with --select/--ignore; deprecations said once."""
    from .config import ConfigError, load_settings
    from .selection import CodeError, check_codes

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


class _CheckRun:
    """What check's options add to a run: standard input, discovery choices, the baseline."""

    def __init__(self, paths: tuple[str, ...], more: dict[str, Any] | None = None, stdin: bytes | None = None) -> None:
        from .discovery import DiscoveryOptions

        more = more or {}
        self.paths = tuple(p for p in paths if p != "-")
        self.stdin = stdin
        self.stdin_path = Path(more.get("stdin_filename") or "-")
        self.discovery = DiscoveryOptions(more.get("respect_gitignore", True), more.get("allow_outside_root", False))
        self.baseline: str | None = more.get("baseline_path")
        self.update_baseline: bool = more.get("update_baseline", False)

    @classmethod
    def from_options(cls, paths: tuple[str, ...], more: dict[str, Any]) -> _CheckRun:
        if "-" not in paths:
            if more["stdin_filename"]:
                raise UsageFailure("--stdin-filename is for '-' (standard input) as the path")
            return cls(paths, more)
        if len(paths) > 1:
            raise UsageFailure("'-' (standard input) cannot be combined with other paths")
        return cls(paths, more, sys.stdin.buffer.read())

    def config_start(self) -> Path | None:
        """With standard input, the config is found from the folder of --stdin-filename."""
        if self.stdin is None:
            return None
        return Path(os.path.abspath(self.stdin_path)).parent

    def apply_baseline(self, result: CheckResult, settings: Settings) -> tuple[CheckResult, list[str]]:
        """Take known findings out of the result (writing the baseline first when asked); notes for stderr."""
        target = Path(self.baseline) if self.baseline else settings.baseline
        if target is None:
            if self.update_baseline:
                raise UsageFailure("--update-baseline needs --baseline FILE or 'baseline' in the config")
            return result, []
        from . import baseline
        from .atomic import WriteError

        cwd = Path.cwd().resolve()
        folder = Path(os.path.abspath(target)).parent
        notes = []
        try:
            known = baseline.read(target)
            if self.update_baseline:
                count = baseline.write(target, result, known, cwd)
                notes.append(f"wrote {count} known finding{'s' * (count != 1)} to {target}")
                known = baseline.read(target)
        except (baseline.BaselineError, WriteError) as exc:
            raise UsageFailure(str(exc)) from None
        outcome = baseline.apply(result, known, folder, cwd)
        if outcome.known:
            notes.append(f"{outcome.known} known finding{'s' * (outcome.known != 1)} in the baseline {target} "
                         "not shown")
        notes += [f"stale baseline entry: {entry.describe()} no longer occurs (--update-baseline drops it)"
                  for entry in outcome.stale]
        return outcome.result, notes


def _show(run: _CheckRun, config_path: str | None, select: list[str] | None, ignore: list[str] | None,
          files: bool) -> int:
    """--show-files and --show-settings: why a file is (not) checked, and with what."""
    settings = _settings(config_path, select, ignore, run.config_start())
    if files:
        from .discovery import find_files, shown

        found = find_files(list(run.paths), settings, run.discovery)
        for path in found.files:
            click.echo(shown(path))
        for path, reason in found.skipped:
            click.echo(f"goallint: skipped {shown(path)} ({reason})", err=True)
        for message in found.errors:
            click.echo(f"goallint: error: {message}", err=True)
        return EXIT_ERROR if found.errors else EXIT_OK
    click.echo(_settings_json(run, settings))
    return EXIT_OK


def _settings_json(run: _CheckRun, settings: Settings) -> str:
    """The settings as JSON; for one file named (or --stdin-filename), with its overrides applied."""
    import json

    from .globs import relative_to

    named = [Path(p) for p in run.paths if not Path(p).is_dir()] or ([run.stdin_path] if run.stdin else [])
    file = named[0] if len(named) == 1 else None
    try:
        own = settings.for_file(relative_to(file, settings.root)) if file else settings
    except (RuntimeError, OSError):  # a symlink loop: no override can be told apart
        own = settings
    baseline = run.baseline or settings.baseline
    data = {"project_root": settings.root, "config": settings.source, "file": file, "include": own.include,
            "exclude": own.exclude, "select": own.select, "ignore": own.ignore, "severity": own.severity,
            "options": {code: dict(own.rule_options(code)) for code, rule in own.catalog.items() if rule.options},
            "metrics": own.metrics, "max_file_bytes": own.max_file_bytes, "baseline": baseline,
            "respect_gitignore": run.discovery.respect_gitignore,
            "allow_outside_root": run.discovery.allow_outside_root}
    from dataclasses import asdict

    data["metrics"] = asdict(own.metrics)
    return json.dumps(data, indent=2, sort_keys=True, default=str)


def _add_history(result: CheckResult, settings: Settings, since: str, today: dt.date) -> None:
    from .history.run import GitError, add_to_check

    try:
        warnings = add_to_check(result, settings, since, today)
    except GitError as exc:
        raise UsageFailure(str(exc)) from None
    for warning in warnings:
        click.echo(f"goallint: warning: {warning}", err=True)


@cli.command("history")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--since", metavar="REV", help="Judge only the commits after REV (e.g. origin/main).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--today", envvar="GOALLINT_TODAY", callback=_today, metavar="YYYY-MM-DD",
              help="The date of uncommitted changes (default: the real date; also GOALLINT_TODAY).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use.")
def history_command(paths: tuple[str, ...], since: str | None, output_format: str, fail_on: str, today: dt.date,
                    config_path: str | None) -> int:
    """Run the history rules (H) over the git history of goal files: moved targets, slipped deadlines."""
    from .diagnostics import Severity
    from .history.render import render
    from .history.run import GitError, history

    try:
        found = history(paths, _settings(config_path), since, today)
    except GitError as exc:
        raise UsageFailure(str(exc)) from None
    click.echo(render(found, output_format), nl=False)
    for warning in found.warnings:
        click.echo(f"goallint: warning: {warning}", err=True)
    return EXIT_FINDINGS if any(d.severity >= Severity.parse(fail_on) for d in found.diagnostics) else EXIT_OK


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
    from .parallel import no_cyclic_gc

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
    if normal.startswith("W"):  # the statement rules judge sentences, not goal files: not in the catalog
        from .statement import STATEMENT_RULES, rule_for

        rule = rule_for(normal)
        if rule is None:
            raise UsageFailure(f"unknown rule code '{code}'{suggest(normal, [r.code for r in STATEMENT_RULES])}")
        click.echo(documentation(rule, "goallint"), nl=False)
        return EXIT_OK
    if normal not in catalog:
        raise UsageFailure(f"unknown rule code '{code}'{suggest(normal, list(catalog))}")
    click.echo(documentation(catalog[normal], catalog.source(normal)), nl=False)
    return EXIT_OK


@cli.command("init")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("--yes", "-y", "overwrite", flag_value="yes", help="Overwrite existing files without asking.")
@click.option("--keep-existing", "overwrite", flag_value="no",
              help="Never overwrite: keep existing files without asking.")
@click.option("--today", envvar="GOALLINT_TODAY", callback=_today, metavar="YYYY-MM-DD",
              help="The date the first goal's dates start from (default: the real date).")
def init_command(folder: str, overwrite: str | None, today: dt.date) -> int:
    """Start here: a config, a first goal file, a pre-commit entry and a GitHub workflow."""
    from .atomic import WriteError, write_atomic
    from .init import starter_files, target

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


@cli.command("schema")
@click.option("--write", "write_to", metavar="PATH", help="Write the schema to PATH (e.g. schemas/goals.schema.json) "
              "and print the editor modeline that points at it.")
def schema_command(write_to: str | None) -> int:
    """Print the JSON Schema of goal files, or write it into the repository for editors."""
    from .schema import modeline, schema_text

    if write_to is None:
        click.echo(schema_text(), nl=False)
        return EXIT_OK
    from .atomic import WriteError, write_atomic

    try:
        Path(write_to).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(write_to, schema_text())
    except (OSError, WriteError) as exc:
        raise UsageFailure(str(exc) if isinstance(exc, WriteError) else f"{write_to}: cannot write ({exc})") from None
    click.echo(f"wrote {write_to}")
    click.echo("Put this first line in goal files in this folder (the path is relative to each goal file):")
    click.echo(modeline(Path(write_to), Path.cwd()))
    return EXIT_OK


@cli.command("lsp")
@click.option("--stdio", is_flag=True, help="Speak over stdin and stdout (the default; for editors that pass it).")
def lsp_command(stdio: bool) -> int:  # noqa: ARG001 - stdio is the only transport; the flag is accepted
    """Run the language server over stdio (needs the lsp extra: pip install 'goallint[lsp]')."""
    from .lsp import MissingExtra, serve

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
def statement_command(texts: tuple[str, ...], input_lang: str, lang: str, today: dt.date, output_format: str,
                      fail_on: str, to_yaml: bool) -> int:
    """Lint one-line goal statements (TEXT...; - reads one statement per line from stdin)."""
    from .diagnostics import Severity
    from .statement import lint_statement
    from .statement_output import Linted, render_json, render_sarif, render_text
    from .statement_output import to_yaml as build_yaml

    sources = [(i + 1, "<arg>", t) for i, t in enumerate(texts) if t != "-"]
    if "-" in texts:
        lines = sys.stdin.read().splitlines()
        sources += [(i + 1, "<stdin>", line) for i, line in enumerate(lines) if line.strip()]
    if not sources:
        raise UsageFailure("no statement given: pass TEXT, or - with one statement per line on stdin")
    empty = next((n for n, src, t in sources if src == "<arg>" and not t.strip()), None)
    if empty is not None:
        raise UsageFailure(f"statement {empty} is empty")
    given = None if input_lang == "auto" else input_lang
    linted = [Linted(n, src, *lint_statement(t.strip(), today, given, lang)) for n, src, t in sources]
    if to_yaml:
        click.echo(build_yaml([item.statement for item in linted], today), nl=False)
        return EXIT_OK
    renderers: dict[str, Callable[[list[Linted]], str]] = {
        "text": render_text, "json": render_json, "sarif": render_sarif}
    click.echo(renderers[output_format](linted), nl=False)
    limit = Severity.parse(fail_on)
    return EXIT_FINDINGS if any(f.severity >= limit for item in linted for f in item.findings) else EXIT_OK


def _maps(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for value in values:
        column, sep, target = value.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise click.BadParameter(f"'{value}' is not COLUMN=FIELD")
        out[column.strip()] = target.strip()
    return out


@cli.command("import")
@click.argument("sheet", type=click.Path(dir_okay=False))
@click.option("--output", "-o", required=True, metavar="FILE", help="The goal file to write (atomically).")
@click.option("--force", is_flag=True, help="Overwrite FILE when it exists.")
@click.option("--map", "maps", multiple=True, callback=_maps, metavar="COLUMN=FIELD",
              help="Read COLUMN as FIELD (title, owner, deadline, metric.target...); repeatable.")
@click.option("--today", envvar="GOALLINT_TODAY", callback=_today, metavar="YYYY-MM-DD",
              help="The date titles' deadlines are resolved against, and check uses.")
def import_command(sheet: str, output: str, force: bool, maps: dict[str, str], today: dt.date) -> int:
    """Import goals from a CSV sheet into a v1 goal file, then check it."""
    from .atomic import WriteError, write_atomic
    from .importers import ImportFailure, drafts, map_columns, read_csv
    from .importers.goalfile import render

    if not sheet.casefold().endswith((".csv", ".txt")):
        raise UsageFailure(f"{sheet}: only CSV sheets can be imported yet; save the sheet as CSV UTF-8")
    if Path(output).exists() and not force:
        raise UsageFailure(f"{output} exists; use --force to overwrite it")
    try:
        table = read_csv(sheet)
        goals, findings = drafts(table, map_columns(table.headers, maps, sheet))
    except ImportFailure as exc:
        raise UsageFailure(str(exc)) from None
    for f in findings:
        click.echo(f"{sheet}:{f.row}:{f.column}: import [error] {f.message}")
    try:
        write_atomic(output, render(goals, today, Path(sheet).name))
    except WriteError as exc:
        raise UsageFailure(str(exc)) from None
    from .formats import RenderOptions, renderer

    result, _files, _missing, _settings = _run((output,), None, None, None, today)
    click.echo(renderer("text")(result, RenderOptions()), nl=False)
    failed = findings or any(d.severity.label == "error" for d in result.diagnostics)
    return EXIT_FINDINGS if failed else EXIT_OK


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
    nothing; the operating system reclaims the memory at once.
    """
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
