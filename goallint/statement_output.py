"""What `goallint statement` prints: text, JSON or SARIF findings, or a v1 goal file.

Each function takes the linted statements (their number, text, parsed fields and W
findings) and returns text; nothing here prints or exits. The goal file is written as
plain text with every string in double quotes, so no statement can inject YAML.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import Any, NamedTuple

from . import __homepage__, __version__
from .diagnostics import Severity
from .statement import STATEMENT_RULES, Finding
from .text import Statement

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class Linted(NamedTuple):
    number: int  # 1-based: the argument's position, or the line of stdin
    source: str  # "<arg>" or "<stdin>"
    statement: Statement
    findings: list[Finding]


def render_text(linted: list[Linted]) -> str:
    lines = []
    for item in linted:
        for f in item.findings:
            lines.append(f"{item.source}:{item.number}:{f.start + 1}: {f.code} [{f.severity.label}] {f.message}")
            lines.append(f"  help: {f.suggestion}")
    count = sum(len(item.findings) for item in linted)
    statements = f"{len(linted)} statement{'' if len(linted) == 1 else 's'}"
    lines.append(f"{statements} checked, {count} finding{'' if count == 1 else 's'}")
    return "\n".join(lines) + "\n"


def _quantity(q: Any) -> dict[str, Any] | None:
    if q is None:
        return None
    return {"value": q.value, "unit": q.unit, "counts": q.noun, "start": q.start, "end": q.end}


def _spanned(s: Any) -> dict[str, Any] | None:
    return None if s is None else {"text": s.text, "start": s.start, "end": s.end}


def fields(s: Statement) -> dict[str, Any]:
    """The parsed fields as plain JSON data."""
    deadline = s.deadline
    return {
        "lang": s.lang,
        "target": _quantity(s.target),
        "baseline": _quantity(s.baseline),
        "relative": s.relative,
        "baseline_phrase": _spanned(s.baseline_phrase),
        "direction": s.direction,
        "deadline": None if deadline is None else {
            "date": deadline.date.isoformat(), "spec": deadline.spec, "text": deadline.text,
            "start": deadline.start, "end": deadline.end},
        "owner": _spanned(s.owner),
        "metric": _spanned(s.metric),
    }


def render_json(linted: list[Linted]) -> str:
    out = [{
        "source": item.source, "number": item.number, "text": item.statement.text,
        "fields": fields(item.statement),
        "findings": [{"code": f.code, "name": f.name, "severity": f.severity.label, "start": f.start,
                      "end": f.end, "message": f.message, "help": f.suggestion, "suggestion": f.suggestion}
                     for f in item.findings],
    } for item in linted]
    return json.dumps({"version": __version__, "statements": out}, ensure_ascii=False, indent=2) + "\n"


def _sarif_rules() -> list[dict[str, Any]]:
    from .ruledocs import doc_sections, documentation, summary

    return [{
        "id": rule.code, "name": rule.name,
        "shortDescription": {"text": summary(rule)},
        "fullDescription": {"text": doc_sections(rule).get("What it checks", summary(rule))},
        "help": {"text": documentation(rule, "goallint"), "markdown": documentation(rule, "goallint")},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    } for rule in STATEMENT_RULES]


def render_sarif(linted: list[Linted]) -> str:
    rules = _sarif_rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for item in linted:
        for f in item.findings:
            results.append({
                "ruleId": f.code, "ruleIndex": index[f.code], "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": "statements.txt"},
                    "region": {"startLine": item.number, "startColumn": f.start + 1,
                               "endLine": item.number, "endColumn": max(f.end, f.start) + 1,
                               "snippet": {"text": item.statement.text}}}}],
                "properties": {"help": f.suggestion},
            })
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "goallint", "version": __version__, "semanticVersion": __version__,
                                      "informationUri": __homepage__, "rules": rules}},
                  "results": results}],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# -- a v1 goal file from statements ---------------------------------------------------------

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


def goal_id(text: str, taken: set[str]) -> str:
    """A stable id from the words of the statement: lower-case ASCII words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.casefold())[:6]
    base = "-".join(words)[:48].strip("-") or "goal"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def number_text(value: float) -> str:
    """A number as a goal file writes it: ``400``, not ``400.0``; ``12.5`` as it is."""
    return str(int(value)) if value == int(value) else repr(value)


def _metric_lines(s: Statement) -> list[str]:
    lines = ["    metric:"]
    lines.append(f"      name: {_q(s.metric.text)}" if s.metric else "      # TODO name: what is measured?")
    target = s.target
    unit = target.unit if target and target.unit else (target.noun if target else None)
    lines.append(f"      unit: {_q(unit)}" if unit else "      # TODO unit: in what unit?")
    if s.baseline is not None:
        lines.append(f"      baseline: {number_text(s.baseline.value)}")
    else:
        said = f" (the sentence compares with: {s.baseline_phrase.text})" if s.baseline_phrase else ""
        lines.append(f"      # TODO baseline: where does it start?{said}")
    if target is None:
        lines.append("      # TODO target: what number marks success?")
    elif s.relative:
        lines.append(f"      # TODO target: the level after the change of {number_text(target.value)}"
                     f"{' ' + target.unit if target.unit else ''} the sentence states")
    else:
        lines.append(f"      target: {number_text(target.value)}")
    if s.direction in ("increase", "decrease", "maintain"):
        lines.append(f"      direction: {s.direction}")
    elif s.direction:
        lines.append(f"      # TODO direction: the sentence says {s.direction.replace('_', ' ')}")
    lines.append("      # TODO source: where is it measured, and how often?")
    return lines


def _goal_lines(s: Statement, today: dt.date, taken: set[str]) -> list[str]:
    lines = [f"  - id: {goal_id(s.text, taken)}", f"    title: {_q(s.text)}"]
    lines.append(f"    owner: {_q(s.owner.text.strip())}" if s.owner else
                 "    # TODO owner: who is the one person responsible?")
    lines += ["    # TODO team: where in the business does it live?", "    # TODO why: what do we gain?",
              "    # TODO resources: which budget, people and tools?"]
    if s.deadline is None or s.deadline.date >= today:
        lines.append(f"    start: {today.isoformat()}")
    else:
        lines.append("    # TODO start: when does the work start? (the deadline is already past)")
    if s.deadline is not None:
        lines.append(f"    deadline: {s.deadline.date.isoformat()}  # from {_q(s.deadline.text)}")
    else:
        lines.append("    # TODO deadline: by when?")
    return lines + _metric_lines(s)


def to_yaml(statements: list[Statement], today: dt.date) -> str:
    """A v1 goal file with one goal per statement, and a TODO for each thing not said."""
    lines = ["# Goals built by goallint from one-line statements.",
             "# Fill in each TODO, then run: goallint check FILE", "version: 1", "goals:"]
    taken: set[str] = set()
    for s in statements:
        lines += _goal_lines(s, today, taken)
    return "\n".join(lines) + "\n"
