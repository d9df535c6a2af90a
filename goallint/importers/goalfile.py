"""Drafts from a sheet to the text of a v1 goal file, filled in by the sentence parser.

Every string is written double-quoted (JSON strings are YAML), so no cell can inject
YAML; what neither the sheet nor the title says becomes a ``# TODO`` comment. The output
depends only on the sheet and ``today``, so importing the same sheet twice gives the same
bytes and ids.
"""

from __future__ import annotations

import datetime as dt
import json

from ..statement_output import goal_id, number_text
from ..text import Statement, parse
from . import Draft

_TODO = {
    "owner": "owner: who is the one person responsible?",
    "team": "team: where in the business does it live?",
    "why": "why: what do we gain?",
    "deadline": "deadline: by when?",
}
_METRIC_TODO = {
    "metric.name": "name: what is measured?",
    "metric.unit": "unit: in what unit?",
    "metric.baseline": "baseline: where does it start?",
    "metric.target": "target: what number marks success?",
    "metric.source": "source: where is it measured, and how often?",
}


def _scalar(value: str | float) -> str:
    if isinstance(value, float):
        return number_text(value)
    return json.dumps(value, ensure_ascii=False)


def _from_sentence(values: dict[str, str | float], s: Statement) -> None:
    """Fill what the row left empty from what its title says."""
    said: dict[str, str | float | None] = {
        "owner": s.owner.text.strip() if s.owner else None,
        "deadline": s.deadline.date.isoformat() if s.deadline else None,
        "metric.name": s.metric.text if s.metric else None,
        "metric.baseline": s.baseline.value if s.baseline else None,
        "metric.target": s.target.value if s.target and not s.relative else None,
        "metric.unit": (s.target.unit or s.target.noun) if s.target and not s.relative else None,
    }
    for key, value in said.items():
        if value is not None and key not in values:
            values[key] = value


def _ident(draft: Draft, taken: set[str], ids: dict[int, str]) -> str:
    title = str(draft.values["title"])
    ident = str(draft.values["id"]) if "id" in draft.values else goal_id(title, taken)
    taken.add(ident)
    ids[id(draft)] = ident
    return ident


def _objective_lines(draft: Draft, ident: str, parent: str | None) -> list[str]:
    lines = [f"  - id: {_scalar(ident)}  # {draft.place} {draft.row}", f"    title: {_scalar(draft.values['title'])}"]
    if parent is not None:
        lines.append(f"    parent: {_scalar(parent)}")
    for key in ("owner", "why", "status"):
        if key in draft.values:
            lines.append(f"    {key}: {_scalar(draft.values[key])}")
        elif key in _TODO:
            lines.append(f"    # TODO {_TODO[key]}")
    return lines


def _lines(draft: Draft, today: dt.date, ident: str, parent: str | None) -> list[str]:
    values = dict(draft.values)
    title = str(values["title"])
    _from_sentence(values, parse(title, today))
    lines = [f"  - id: {_scalar(ident)}  # {draft.place} {draft.row}", f"    title: {_scalar(title)}"]
    if parent is not None:
        lines.append(f"    parent: {_scalar(parent)}")
    for key in ("owner", "team", "why", "description", "status", "start", "deadline"):
        if key in values:
            lines.append(f"    {key}: {_scalar(values[key])}")
        elif key in _TODO:
            lines.append(f"    # TODO {_TODO[key]}")
    lines.append("    metric:")
    for key, todo in _METRIC_TODO.items():
        lines.append(f"      {key.split('.')[1]}: {_scalar(values[key])}" if key in values else f"      # TODO {todo}")
    return lines


def render(drafts: list[Draft], today: dt.date, source: str) -> str:
    """The goal file: objectives first (ids in source order), then the goals."""
    lines = [f"# Goals imported by goallint from {source}.",
             "# Fill in each TODO, then run: goallint check FILE", "version: 1"]
    taken = {str(d.values["id"]) for d in drafts if "id" in d.values}
    ids: dict[int, str] = {}
    objectives = [d for d in drafts if d.objective]
    if objectives:
        lines.append("objectives:")
        for draft in objectives:
            parent = ids[id(draft.parent)] if draft.parent is not None else None
            lines += _objective_lines(draft, _ident(draft, taken, ids), parent)
    lines.append("goals:" if len(objectives) < len(drafts) else "goals: []")
    for draft in drafts:
        if not draft.objective:
            parent = ids[id(draft.parent)] if draft.parent is not None else None
            lines += _lines(draft, today, _ident(draft, taken, ids), parent)
    return "\n".join(lines) + "\n"
