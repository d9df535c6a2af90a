"""``goallint new``: a goal from the SMART questions, as text appended to a goal file.

The questions are the method's own: what will be done, who is responsible, where in the
business, when it starts and ends, which resources, why (and which of the file's
objectives it serves, when the file has objectives); then what number shows it,
from which baseline, measured where and how often. The first answer is a goal sentence:
the shared sentence parser reads it, and what it finds (owner, deadline, metric, unit,
baseline, target) becomes the default of the later questions.

The goal is added to the file as text: the goal file's other goals, its comments and its
layout stay byte for byte as they were, and only the lines of the new goal are inserted
at the end of the ``goals:`` list. Nothing here prints, prompts or writes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from .questions import QUESTIONS
from .statement_output import goal_id, number_text


class AnswerError(ValueError):
    """An answer that cannot be used: the message names the question and the answer."""


KEYS = (*(q.key for q in QUESTIONS), "id")
_METRIC = {"metric": "name", "unit": "unit", "baseline": "baseline", "target": "target", "source": "source",
           "cadence": "cadence"}
_TODO = {
    "owner": "owner: who is the one person responsible?", "team": "team: where in the business does it live?",
    "why": "why: what do we gain?", "resources": "resources: which budget, people and tools?",
    "start": "start: when does the work start?", "deadline": "deadline: by when?",
    "metric": "name: what is measured?", "unit": "unit: in what unit?",
    "baseline": "baseline: where does it start?", "target": "target: what number marks success?",
    "source": "source: where is it measured?", "cadence": "cadence: how often is it measured?",
}


def prefill(title: str, today: dt.date) -> dict[str, str]:
    """Defaults for the later questions, from what the goal sentence says."""
    from .text import parse

    s = parse(title, today)
    out: dict[str, str] = {"start": today.isoformat()}
    if s.owner:
        out["owner"] = s.owner.text.strip()
    if s.deadline:
        out["deadline"] = s.deadline.date.isoformat()
    if s.metric:
        out["metric"] = s.metric.text
    if s.baseline:
        out["baseline"] = number_text(s.baseline.value)
    if s.target and not s.relative:
        out["target"] = number_text(s.target.value)
        unit = s.target.unit or s.target.noun
        if unit:
            out["unit"] = unit
    return out


def _date(key: str, text: str) -> str:
    from .dates import DateError, iso_from_common, parse_period

    written = iso_from_common(text) or text
    try:
        parse_period(written)
    except DateError as exc:
        raise AnswerError(f"{key}: '{text}' is not a date ({exc})") from None
    return written


def _number(key: str, text: str) -> float:
    from .importers import read_number

    value = read_number(text)
    if value is None:
        raise AnswerError(f"{key}: '{text}' is not a number goallint can compute with")
    return value


def _cadence(text: str) -> str | int:
    from .metrics import CADENCE_DAYS

    if text.isdigit() and int(text) > 0:
        return int(text)
    if text.casefold() not in CADENCE_DAYS:
        raise AnswerError(f"cadence: '{text}' is not one of {', '.join(CADENCE_DAYS)} or a number of days")
    return text.casefold()


def validate(key: str, answer: object) -> Any:
    """The answer as the goal file holds it; ``AnswerError`` when it cannot be used."""
    if key == "resources" and isinstance(answer, list):
        return [str(item).strip() for item in answer if str(item).strip()]
    if isinstance(answer, bool) or not isinstance(answer, str | int | float):
        raise AnswerError(f"{key}: expected text, not {type(answer).__name__}")
    text = str(answer).strip()
    if key in ("start", "deadline"):
        return _date(key, text)
    if key in ("baseline", "target"):
        return _number(key, text)
    if key == "cadence":
        return _cadence(text)
    if key == "resources":
        return [part.strip() for part in text.split(";") if part.strip()]
    return text


def validated(answers: Mapping[str, object]) -> dict[str, Any]:
    """Every given, non-empty answer checked; unknown keys are refused by name."""
    unknown = sorted(set(answers) - set(KEYS))
    if unknown:
        raise AnswerError(f"unknown answer '{unknown[0]}' (known: {', '.join(KEYS)})")
    out = {}
    for key, answer in answers.items():
        if answer is None or answer == "" or answer == []:
            continue
        out[key] = validate(key, answer)
    if "title" not in out:
        raise AnswerError("title: no answer to 'What will be done?'; a goal needs a title")
    if "start" in out and "deadline" in out and _first(out["start"]) > _last(out["deadline"]):
        raise AnswerError(f"deadline: {out['deadline']} is before the start {out['start']}")
    return out


def _first(value: str) -> dt.date:
    from .dates import parse_when

    return parse_when(value, end=False)


def _last(value: str) -> dt.date:
    from .dates import parse_when

    return parse_when(value, end=True)


def _scalar(value: Any) -> str:
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def goal_lines(answers: Mapping[str, Any], ident: str, indent: int) -> list[str]:
    """The goal as lines of a block list item whose dash stands at column ``indent``."""
    pad, key_pad = " " * indent, " " * (indent + 2)
    lines = [f"{pad}- id: {_scalar(ident)}", f"{key_pad}title: {_scalar(answers['title'])}"]
    if "parent" in answers:
        lines.append(f"{key_pad}parent: {_scalar(answers['parent'])}")
    for key in ("owner", "team", "why", "resources", "start", "deadline"):
        said = f"{key}: {_scalar(answers[key])}" if key in answers else f"# TODO {_TODO[key]}"
        lines.append(key_pad + said)
    if not any(key in answers for key in _METRIC):
        return [*lines, f"{key_pad}# TODO metric: what number shows it is reached, from what baseline, measured where?"]
    lines.append(f"{key_pad}metric:")
    for key, name in _METRIC.items():
        lines.append(f"{key_pad}  {name}: {_scalar(answers[key])}" if key in answers
                     else f"{key_pad}  # TODO {_TODO[key]}")
        if key == "baseline" and key in answers and "start" in answers:
            lines.append(f"{key_pad}  baseline_date: {_scalar(answers['start'])}")
    return lines


class Placement(NamedTuple):
    """Where the new goal's lines go: before line ``at`` (0-based), at this dash column."""

    at: int
    indent: int
    header: list[str]  # lines to write first (``goals:``), when the file has no goals list yet
    replace: bool = False  # the line at ``at`` is ``goals: []`` and is replaced by ``goals:``


class AppendError(ValueError):
    """The goal file's layout does not let a goal be appended as text; the message says why."""


_TOP_KEY = re.compile(r"[^\s#-]|-[^\s]")
_GOALS_LINE = re.compile(r"goals[ \t]*:[ \t]*(?P<rest>[^#]*?)[ \t]*(?:#.*)?\Z")
_DASH = re.compile(r"(?P<indent> *)- ")


def placement(lines: list[str]) -> Placement:
    """Where, in a goal file's lines, a goal is appended to the ``goals:`` list."""
    start = next((i for i, line in enumerate(lines) if _GOALS_LINE.match(line)), None)
    if start is None:
        return Placement(len(lines), 2, ["goals:"])
    rest = _GOALS_LINE.match(lines[start])["rest"]  # type: ignore[index]
    if rest and rest.replace(" ", "") != "[]":
        raise AppendError("its goals are written as a flow list (goals: [...]); write them as a block list "
                          "(one '- id: ...' per goal) to append to it")
    end, indent = start + 1, None
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if _TOP_KEY.match(line) or line.startswith(("---", "...")):
            break
        stripped = line.strip()
        if stripped and (not stripped.startswith("#") or line[0] in " \t"):  # a column-0 comment starts what follows
            end = i + 1
        dash = _DASH.match(line)
        if indent is None and dash:
            indent = len(dash["indent"])
    return Placement(start if rest else end, 2 if indent is None else indent, [], replace=bool(rest))


def append_goal(text: str, answers: Mapping[str, Any], taken: set[str]) -> tuple[str, str]:
    """The file's text with the goal appended, and the goal's id."""
    ident = str(answers["id"]) if "id" in answers else goal_id(str(answers["title"]), set(taken))
    if ident in taken:
        raise AnswerError(f"id: a goal with id '{ident}' is already in the file")
    newline = "\r\n" if "\r\n" in text else "\n"
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        head = text if not text or text.endswith("\n") else text + newline  # its comments stay on top
        return head + newline.join(["version: 1", "goals:", *goal_lines(answers, ident, 2)]) + newline, ident
    lines = text.splitlines()
    where = placement(lines)
    added = goal_lines(answers, ident, where.indent)
    if where.replace:
        lines[where.at:where.at + 1] = [re.sub(r"[ \t]*\[[ \t]*\]", "", lines[where.at], count=1), *added]
    else:
        lines[where.at:where.at] = [*where.header, *added]
    return newline.join(lines) + newline, ident
