"""`goallint new`: ask the SMART questions (or read the answers), append the goal, check it.

Interactive by default: each question is asked in turn, with what the first answer's
sentence already says as the default (Enter keeps it), and a bad answer is asked again.
With ``--answers FILE`` (YAML or JSON) or answers given as options it asks nothing. The
new file text is checked before anything is written: when the new goal has an error the
file is left as it was. Otherwise it is written atomically and the new goal's findings
are printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from .. import loader
from ..diagnostics import CheckResult
from ..newgoal import AnswerError, AppendError, append_goal, prefill, validate, validated
from ..questions import QUESTIONS


class NewFailure(Exception):
    """The goal cannot be added: one line, exit 2."""


def read_answers(path: str) -> dict[str, Any]:
    """A YAML or JSON mapping of answers; ``metric:`` may hold the metric's answers as a mapping."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise NewFailure(f"{path}: cannot read the answers ({exc.strerror})") from None
    document = loader.load_file_bytes(raw)
    if document.problems:
        problem = document.problems[0]
        raise NewFailure(f"{path}:{problem.span.line}:{problem.span.column}: {problem.message}")
    if not isinstance(document.data, dict):
        raise NewFailure(f"{path}: the answers are a mapping of question to answer (title: ..., owner: ...)")
    answers = dict(document.data)
    metric = answers.pop("metric", None)
    if isinstance(metric, dict):
        answers.update({"metric" if key == "name" else key: value for key, value in metric.items()})
    elif metric is not None:
        answers["metric"] = metric
    return answers


def objectives_to_offer(data: Any) -> list[str]:
    """The ids a new goal's parent can be chosen from: the file's objectives, unless its defaults set one."""
    if not isinstance(data, dict) or (isinstance(data.get("defaults"), dict) and "parent" in data["defaults"]):
        return []
    return [str(o["id"]) for o in data.get("objectives") or [] if isinstance(o, dict) and "id" in o]


def _existing(path: str) -> tuple[str, set[str], Any]:
    """The goal file's text, the ids it holds, and its data (None when the file is new)."""
    target = Path(path)
    if not target.exists():
        return "", set(), None
    try:
        raw = target.read_bytes()
        text = raw.decode("utf-8")
    except OSError as exc:
        raise NewFailure(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise NewFailure(f"{path}: the file is not UTF-8 text") from None
    if not text.strip():
        return text, set(), None
    document = loader.load_file_bytes(raw)
    if document.data is None and not document.problems:  # comments only: a goal file to start
        return text, set(), None
    if document.data is None or any(p.code in ("E001", "E006") for p in document.problems):
        problem = document.problems[0] if document.problems else None
        where = f" ({problem.span.line}:{problem.span.column}: {problem.message})" if problem else ""
        raise NewFailure(f"{path}: cannot add a goal to a file that is not valid YAML{where}")
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("goals", []), list | type(None)):
        raise NewFailure(f"{path}: not a goal file with a list of goals")
    listed = [entry for key in ("goals", "objectives") if isinstance(entries := data.get(key), list)
              for entry in entries]
    taken = {str(item.get("id")) for item in listed if isinstance(item, dict)}
    return text, taken, data


def _ask(given: Mapping[str, Any], today: dt.date, objectives: list[str]) -> dict[str, Any]:
    """The questions, one by one; the sentence's fields and the given answers are the defaults."""
    def checked(key: str) -> Any:
        def proc(text: str) -> str:
            if text.strip():
                try:
                    validate(key, text)
                except AnswerError as exc:
                    raise click.UsageError(str(exc)) from None
                if key == "parent" and text.strip() not in objectives:
                    raise click.UsageError(f"parent: '{text.strip()}' is not one of {', '.join(objectives)}")
            return text.strip()
        return proc

    title = ""
    while not title:
        title = click.prompt(QUESTIONS[0].prompt, default=given.get("title") or None, value_proc=checked("title"))
    defaults = {**prefill(title, today), **{k: v for k, v in given.items() if v not in (None, "")}}
    understood = ", ".join(f"{key} {defaults[key]}" for key in ("owner", "deadline", "metric", "unit", "baseline",
                                                                "target") if key in defaults)
    if understood:
        click.echo(f"From the sentence: {understood}. Press Enter to keep a value shown in brackets.")
    answers: dict[str, Any] = {"title": title}
    for question in QUESTIONS[1:]:
        if question.key == "parent" and not objectives:
            continue
        prompt = f"{question.prompt} ({', '.join(objectives)})" if question.key == "parent" else question.prompt
        default = defaults.get(question.key)
        shown = "; ".join(default) if isinstance(default, list) else default
        answers[question.key] = click.prompt(prompt, default=str(shown) if shown is not None else "",
                                             show_default=shown is not None, value_proc=checked(question.key))
    if "id" in given:
        answers["id"] = given["id"]
    return answers


def _checked_text(path: str, text: str, today: dt.date, ident: str) -> CheckResult:
    """What `check` finds on the new goal in the new text (nothing is written yet)."""
    from ..config import ConfigError, load_settings
    from ..linter import check

    try:
        settings = load_settings(None)
    except ConfigError as exc:
        raise NewFailure(str(exc)) from None
    result = check([Path(path)], settings, today, overlay={Path(path): text.encode("utf-8")})
    mine = [d for d in result.diagnostics if d.goal in (ident, None)]
    return CheckResult(diagnostics=mine, paths=result.paths, items=[i for i in result.items if i.id == ident],
                       catalog=result.catalog)


def _same_except_the_new_goal(old: Any, text: str, ident: str) -> None:
    """The appended text must read as the old data plus one goal, or nothing is written."""
    new = loader.load_file_bytes(text.encode("utf-8")).data
    old = dict(old or {"version": 1})
    goals = new.get("goals") if isinstance(new, dict) else None
    if not goals or not isinstance(goals[-1], dict) or goals[-1].get("id") != ident or \
            {**new, "goals": goals[:-1]} != {**old, "goals": list(old.get("goals") or [])}:
        raise AppendError("its layout is one that goallint cannot append a goal to as text")


def run_new(path: str, *, answers_file: str | None, given: Mapping[str, Any], today: dt.date,
            interactive: bool) -> bool:
    """Add the goal; True when it was written, False when its findings kept it out."""
    from ..atomic import WriteError, write_atomic
    from ..diagnostics import Severity
    from ..formats import RenderOptions, renderer

    text, taken, data = _existing(path)
    answers = {**(read_answers(answers_file) if answers_file else {}), **given}
    try:
        if interactive:
            answers = _ask(answers, today, objectives_to_offer(data))
        elif answers.get("title"):
            answers = {**prefill(str(answers["title"]), today), **answers}
        goal = validated(answers)
        new_text, ident = append_goal(text, goal, taken)
        _same_except_the_new_goal(data, new_text, ident)
    except (AnswerError, AppendError) as exc:
        source = path if isinstance(exc, AppendError) else answers_file
        raise NewFailure(f"{source}: {exc}" if source else str(exc)) from None
    report = _checked_text(path, new_text, today, ident)
    blocking = [d for d in report.diagnostics if d.severity >= Severity.ERROR]
    click.echo(renderer("text")(report, RenderOptions()), nl=False)
    if blocking:
        click.echo(f"goal '{ident}' was not added to {path}: fix the errors above and run goallint new again",
                   err=True)
        return False
    try:
        write_atomic(path, new_text)
    except WriteError as exc:
        raise NewFailure(str(exc)) from None
    click.echo(f"added goal '{ident}' to {path}")
    return True
