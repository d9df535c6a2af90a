"""Every finding of every severity as one JSON document, suppressed ones apart."""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import Any

from .. import __version__
from ..diagnostics import CheckResult, Diagnostic, Severity
from . import RenderOptions, TextSink, documentation_urls, exact, utf8_safe

# One encoder for what is not a plain finding: json.dumps with an argument builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False)
# The function that encoder writes every string with; ``line`` uses it directly.
_STRING = encode_basestring


def diagnostic(d: Diagnostic, url: str | None = None) -> dict[str, Any]:
    """One finding as JSON data; ``url`` is its rule's documentation, when it has one."""
    d = exact(d)
    out: dict[str, Any] = {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "code": d.code,
        "name": d.name,
        "url": utf8_safe(url) if url is not None else None,
        "severity": d.severity.label,
        "message": d.message,
        "help": d.help,
        "goal": d.goal,
    }
    if d.suppression is not None:
        out["suppression"] = {"line": d.suppression.line, "until": d.suppression.until,
                              "reason": utf8_safe(d.suppression.reason) if d.suppression.reason else None}
    return out


def line(d: Diagnostic, url: str | None = None) -> str:
    """``diagnostic(d, url)`` as JSON text, byte for byte, written without building the dict.

    A run at 10,000 goals writes some 15,000 findings; encoding each one's dict took three
    times as long as putting its strings through the encoder's own string writer.
    """
    if d.suppression is not None:
        return _ENCODER.encode(diagnostic(d, url))
    d = exact(d)
    rule = (d.code, d.name, url, d.severity)
    said = _RULE_FIELDS.get(rule)
    if said is None:  # the same for every finding of the rule
        said = _RULE_FIELDS[rule] = (
            f'"code": {_STRING(d.code)}, "name": {_STRING(d.name)}, '
            f'"url": {_STRING(utf8_safe(url)) if url is not None else "null"}, "severity": {_STRING(d.severity.label)}')
    return (f'{{"path": {_STRING(d.path)}, "line": {d.line}, "column": {d.column}, "end_line": {d.end_line}, '
            f'"end_column": {d.end_column}, {said}, "message": {_STRING(d.message)}, '
            f'"help": {_STRING(d.help) if d.help is not None else "null"}, '
            f'"goal": {_STRING(d.goal) if d.goal is not None else "null"}}}')


_RULE_FIELDS: dict[tuple[str, str, str | None, Severity], str] = {}  # a rule's fields as JSON, by what they say


def render(result: CheckResult, _options: RenderOptions) -> str:
    """One diagnostic a line: easy to grep and diff, and written by json's C encoder.

    (``json.dumps(indent=...)`` falls back to the pure-Python encoder, which took longer
    than the whole check on large runs.)
    """
    return "".join(_pieces(result))


def write(result: CheckResult, _options: RenderOptions, out: TextSink) -> None:
    """``render``'s text, written to ``out`` piece by piece: at 10,000 goals the whole text,
    its lines and their copies on the way out held some 28 MB at once."""
    for piece in _pieces(result):
        out.write(piece)


def _pieces(result: CheckResult) -> Iterator[str]:
    summary = {
        "files": result.files,
        "goals": result.goals,
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "infos": result.count(Severity.INFO),
        "suppressed": len(result.suppressed),
    }
    urls = documentation_urls(result, (d.code for d in (*result.diagnostics, *result.suppressed)))
    yield f'{{\n  "version": {json.dumps(__version__)},\n  "summary": {json.dumps(summary)},\n  "diagnostics": '
    yield from _listing(result.diagnostics, urls)
    yield ',\n  "suppressed": '
    yield from _listing(result.suppressed, urls)
    yield "\n}\n"


_CHUNK = 500  # findings a piece: a write each costs as much as the encoding of a line


def _listing(items: list[Diagnostic], urls: dict[str, str | None]) -> Iterator[str]:
    if not items:
        yield "[]"
        return
    for start in range(0, len(items), _CHUNK):
        lines = ",\n    ".join([line(d, urls[d.code]) for d in items[start:start + _CHUNK]])
        yield ("[\n    " if start == 0 else ",\n    ") + lines
    yield "\n  ]"
