"""`goallint check`: find the files, check them, apply fixes or a baseline, print each format."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageFailure, load_settings_for

if TYPE_CHECKING:
    from ..config import Settings
    from ..diagnostics import CheckResult


def run(*, paths: tuple[str, ...], output_format: str, outputs: list[tuple[str, str]], select: list[str] | None,
        ignore: list[str] | None, fail_on: str, exit_zero: bool, today: dt.date, config_path: str | None,
        in_project: bool, jobs: int | None, statistics: bool, quiet: bool, **more: Any) -> int:
    """Check goal files (or folders of them) against the SMART rules."""
    from ..diagnostics import Severity
    from ..formats import RenderOptions, printable, renderer, tolerate_encoding, writer

    run = CheckRun.from_options(paths, more)
    if more["show_files"] or more["show_settings"]:
        return show(run, config_path, select, ignore, files=more["show_files"])
    from ..parallel import cores, keep_until_exit

    workers = jobs if jobs is not None else cores()
    result, files, missing, settings = check_files(run.paths, config_path, select, ignore, today,
                                                   in_project=in_project, jobs=workers, run=run, lean=True)
    keep_until_exit(result)
    result, fix_errors, finished = fix_step(files, settings, today, result, fix=more["fix"], diff=more["diff"],
                                            quiet=quiet, in_project=in_project)
    if finished is not None:
        return finished
    if more["history_since"] is not None:
        add_history(result, settings, more["history_since"], today)
    result, notes = run.apply_baseline(result, settings)
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    to_stdout = [name for name, target in outputs if target == "-"]
    color = output_format == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR") and not to_stdout
    options = RenderOptions(color=color, quiet=quiet, statistics=statistics, fail_on=Severity.parse(fail_on))
    # FORMAT=- takes standard output; the --format output then goes to standard error.
    tolerate_encoding(sys.stdout)
    tolerate_encoding(sys.stderr)
    write = writer(output_format)
    if write is not None:  # a large run's output is written as it is made, never held whole
        write(result, options, _Echo(err=bool(to_stdout)))
    else:
        click.echo(renderer(output_format)(result, options), nl=False, err=bool(to_stdout))
    failures = missing + result.errors + fix_errors + write_outputs(result, outputs, options.fail_on)
    for note in notes:
        click.echo(f"goallint: {note}", err=True)
    failures += step_summary(result)
    for message in failures:
        click.echo(f"goallint: error: {printable(message)}", err=True)  # a file name never splits the line
    if not files and not missing and not run.stdin:
        click.echo("goallint: warning: no goal files found", err=True)
    if failures:
        return EXIT_ERROR
    if not exit_zero and any(d.severity >= options.fail_on for d in result.diagnostics):
        return EXIT_FINDINGS
    return EXIT_OK


class _Echo:
    """Text written piece by piece through ``click.echo``, which every other output uses: it
    writes UTF-8 where standard output says ASCII, where a plain write would escape."""

    def __init__(self, *, err: bool) -> None:
        self.err = err

    def write(self, text: str) -> int:
        click.echo(text, nl=False, err=self.err)
        return len(text)


def write_outputs(result: CheckResult, outputs: list[tuple[str, str]], fail_on: Any) -> list[str]:
    """--output-format FORMAT=PATH: each written atomically, or to stdout for '-'; the failures."""
    if not outputs:
        return []  # the common run: no tempfile machinery to import
    from ..atomic import WriteError, write_atomic
    from ..formats import RenderOptions, renderer

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


def step_summary(result: CheckResult) -> list[str]:
    """Under GitHub Actions, append the summary to the job's step summary; the failures."""
    if not os.environ.get("GITHUB_STEP_SUMMARY"):
        return []
    from ..formats.github import step_summary

    try:
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as stream:
            stream.write(step_summary(result))
    except OSError as exc:
        return [f"{os.environ['GITHUB_STEP_SUMMARY']}: cannot write the step summary ({exc.strerror})"]
    return []


def fix_step(files: list[Path], settings: Settings, today: dt.date, result: CheckResult, *, fix: bool, diff: bool,
             quiet: bool, in_project: bool) -> tuple[CheckResult, list[str], int | None]:
    """``--fix``: apply the safe fixes and go on with what is left. ``--diff``: print them; the run ends."""
    if not (fix or diff):
        return result, [], None
    from ..fixing import fix_and_report

    result, errors, patch, summary = fix_and_report(files, settings, today, result, in_project=in_project,
                                                    write=not diff)
    if diff:
        click.echo(patch, nl=False)
        return result, errors, EXIT_FINDINGS if patch else EXIT_OK
    if not quiet:
        click.echo(f"goallint: {summary}", err=True)
    return result, errors, None


def check_files(paths: tuple[str, ...], config_path: str | None, select: list[str] | None, ignore: list[str] | None,
                today: dt.date, *, in_project: bool = False, jobs: int = 1,
                run: CheckRun | None = None, lean: bool = False) -> tuple[CheckResult, list[Path], list[str], Settings]:
    """What check and report share: settings, file discovery, the check itself (``lean``: see ``linter.check``)."""
    from ..discovery import discover
    from ..linter import check as run_check

    run = run or CheckRun(paths)
    settings = load_settings_for(config_path, select, ignore, run.config_start())
    files, missing = discover(list(paths), settings, run.discovery) if paths or not run.stdin else ([], [])
    overlay = None
    if run.stdin is not None:
        files, overlay = [*files, run.stdin_path], {run.stdin_path: run.stdin}
    context = discover([str(settings.root)], settings, run.discovery)[0] if in_project else None
    result = run_check(files, settings, today, context=context, jobs=jobs, overlay=overlay, lean=lean)
    return result, files, missing, settings


class CheckRun:
    """What check's options add to a run: standard input, discovery choices, the baseline."""

    def __init__(self, paths: tuple[str, ...], more: dict[str, Any] | None = None, stdin: bytes | None = None) -> None:
        from ..discovery import DiscoveryOptions

        more = more or {}
        self.paths = tuple(p for p in paths if p != "-")
        self.stdin = stdin
        self.stdin_path = Path(more.get("stdin_filename") or "-")
        self.discovery = DiscoveryOptions(respect_gitignore=more.get("respect_gitignore", True),
                                          allow_outside_root=more.get("allow_outside_root", False))
        self.baseline: str | None = more.get("baseline_path")
        self.update_baseline: bool = more.get("update_baseline", False)

    @classmethod
    def from_options(cls, paths: tuple[str, ...], more: dict[str, Any]) -> CheckRun:
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
        from .. import baseline
        from ..atomic import WriteError

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


def show(run: CheckRun, config_path: str | None, select: list[str] | None, ignore: list[str] | None, *,
         files: bool) -> int:
    """--show-files and --show-settings: why a file is (not) checked, and with what."""
    settings = load_settings_for(config_path, select, ignore, run.config_start())
    if files:
        from ..discovery import find_files, shown

        found = find_files(list(run.paths), settings, run.discovery)
        for path in found.files:
            click.echo(shown(path))
        for path, reason in found.skipped:
            click.echo(f"goallint: skipped {shown(path)} ({reason})", err=True)
        for message in found.errors:
            click.echo(f"goallint: error: {message}", err=True)
        return EXIT_ERROR if found.errors else EXIT_OK
    click.echo(settings_json(run, settings))
    return EXIT_OK


def settings_json(run: CheckRun, settings: Settings) -> str:
    """The settings as JSON; for one file named (or --stdin-filename), with its overrides applied."""
    import json

    from ..globs import relative_to

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
    data["metrics"] = own.metrics.as_dict()
    return json.dumps(data, indent=2, sort_keys=True, default=str)


def add_history(result: CheckResult, settings: Settings, since: str, today: dt.date) -> None:
    from ..history.run import GitError, add_to_check

    try:
        warnings = add_to_check(result, settings, since, today)
    except GitError as exc:
        raise UsageFailure(str(exc)) from None
    for warning in warnings:
        click.echo(f"goallint: warning: {warning}", err=True)
