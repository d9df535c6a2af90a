"""Measurements from a sheet, appended to one metric's ``history:`` in a catalogue file, as text.

The sheet needs a column for when (``date``/``dato`` or ``period``/``periode``) and one
for the value (``value``/``verdi``/``antall``); ``--map COLUMN=date|period|value`` names
others. A when-cell may be a real spreadsheet date, an ISO or common written date
(``31.01.2026``) or a period (``2026-01``, ``2026-Q1``); a date is written as ``date:``,
a period as ``period:``, so the catalogue says what the sheet said.

Two measurements are the same when they fall on the same day, as the catalogue counts
days (a period is dated by its last day). A measurement already in the history with the
same value is skipped and counted; with another value it is a finding at the sheet's row
and column, and nothing is written. History stays oldest first: a measurement older than
the last one is inserted before the first later one.

The catalogue file is edited as text: new lines are inserted, nothing else changes, so
comments, quoting and order stay as they were, and importing the same sheet again leaves
the file byte for byte as it is.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..dates import DateError, iso_from_common, parse_date, parse_period
from ..diagnostics import Span
from ..loader import KeyPath, SourceMap, load_file_bytes
from ..statement_output import number_text
from . import ImportFailure, Sheet, SheetFinding, decode_text, read_number

METRIC_FIELDS = ("date", "period", "value")
METRIC_HEADERS: dict[str, str] = {
    "date": "date", "dato": "date", "day": "date", "dag": "date",
    "period": "period", "periode": "period", "month": "period", "måned": "period", "quarter": "period",
    "kvartal": "period",
    "value": "value", "verdi": "value", "antall": "value", "count": "value", "amount": "value", "beløp": "value",
}
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_PLAIN = re.compile(r"[A-Za-z0-9ÆØÅæøå][A-Za-z0-9ÆØÅæøå _./()-]*\Z")
_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n", ".inf", ".nan"})
_ODD_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


class Reading(NamedTuple):
    """One measurement as the sheet gives it."""

    row: int
    column: int  # of the when-cell
    key: str  # "date" or "period"
    when: str  # as it will be written
    day: dt.date  # the day the catalogue dates it by
    value: float


@dataclass
class Plan:
    """What an import would do to the catalogue file."""

    text: str  # the new text (the old one when nothing is added)
    added: int
    skipped: int
    created: bool  # the entry was new


def metric_columns(headers: list[str], overrides: dict[str, str], path: str) -> tuple[int, int]:
    """The when-column and the value-column, from the headers and ``--map``."""
    mapping: dict[str, list[int]] = {}
    folded = [h.casefold() for h in headers]
    for i, header in enumerate(folded):
        if header in METRIC_HEADERS:
            mapping.setdefault(METRIC_HEADERS[header], []).append(i)
    for column, target in overrides.items():
        if target not in METRIC_FIELDS:
            raise ImportFailure(f"--map {column}={target}: unknown field for --metrics "
                                f"(use one of {', '.join(METRIC_FIELDS)})")
        if column.casefold() not in folded:
            raise ImportFailure(f"--map {column}={target}: {path} has no column '{column}' "
                                f"(columns: {', '.join(headers)})")
        index = folded.index(column.casefold())
        for listed in mapping.values():
            if index in listed:
                listed.remove(index)
        mapping.setdefault(target, []).insert(0, index)
    when = mapping.get("date", []) + mapping.get("period", [])
    values = mapping.get("value", [])
    if not when or not values:
        missing = "date or period column (date, dato, period, periode)" if not when else \
            "value column (value, verdi, antall)"
        raise ImportFailure(f"{path}: no {missing} (columns: {', '.join(headers)}); "
                            "name one so, or use --map COLUMN=date|period|value")
    if len(when) > 1 or len(values) > 1:
        chosen = when if len(when) > 1 else values
        names = ", ".join(headers[i] for i in chosen)
        raise ImportFailure(f"{path}: more than one column could be meant ({names}); "
                            "pick one with --map COLUMN=date|period|value")
    return when[0], values[0]


def _when(text: str) -> tuple[str, str, dt.date] | None:
    """(key, text to write, day) for a when-cell; None when it is neither a date nor a period."""
    try:
        if _ISO.match(text):
            return "date", text, parse_date(text)
        iso = iso_from_common(text)
        if iso is not None:
            return "date", iso, parse_date(iso)
        if ".." in text:
            return None
        period = text.upper()
        return "period", period, parse_period(period).last
    except DateError:
        return None


def readings(sheet: Sheet, when_column: int, value_column: int) -> tuple[list[Reading], list[SheetFinding]]:
    """One reading per row; a finding for each row whose date or value cannot be read."""
    out: list[Reading] = []
    findings: list[SheetFinding] = []
    for row, cells in sheet.rows:
        when_text = cells[when_column].strip() if when_column < len(cells) else ""
        value_text = cells[value_column].strip() if value_column < len(cells) else ""
        when = _when(when_text) if when_text else None
        value = read_number(value_text) if value_text else None
        if when is None:
            what = f"'{when_text}' is not a date or period" if when_text else "the row has no date or period"
            findings.append(SheetFinding(row, when_column + 1, f"{what} (use YYYY-MM-DD, DD.MM.YYYY, "
                                                               "YYYY-MM or YYYY-Q1)"))
        if value is None:
            what = f"value '{value_text}' is not a number" if value_text else "the row has no value"
            findings.append(SheetFinding(row, value_column + 1, what))
        if when is not None and value is not None:
            out.append(Reading(row, when_column + 1, when[0], when[1], when[2], value))
    return out, findings


def _scalar(text: str) -> str:
    """Plain when it can only be read back as this string; double-quoted (JSON is YAML) otherwise."""
    plain = _PLAIN.match(text) and text.strip() == text and re.search("[A-Za-zÆØÅæøå]", text) \
        and text.casefold() not in _WORDS
    if plain and load_file_bytes(f"x: {text}\n".encode()).data == {"x": text}:  # 1e3 and 0x1F are numbers
        return text
    return json.dumps(text, ensure_ascii=False)


def _item(reading: Reading) -> str:
    return f"{{{reading.key}: {reading.when}, value: {number_text(reading.value)}}}"


class _Existing(NamedTuple):
    place: int  # index in the history list
    day: dt.date
    value: float


def _history(entry: dict[str, Any], path: str, metric_id: str) -> list[_Existing]:
    """The readable measurements of the entry, oldest first; refused when they are not in order."""
    listed = entry.get("history")
    found: list[_Existing] = []
    for place, raw in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(raw, dict):
            continue
        key = "date" if "date" in raw else "period" if "period" in raw else None
        value = raw.get("value")
        if key is None or isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        try:
            day = parse_period(raw[key]).last
        except DateError:
            continue
        if found and day <= found[-1].day:
            raise ImportFailure(f"{path}: the history of metric '{metric_id}' is not oldest first with one "
                                "measurement a day (goallint check says where); put it in order, then import")
        found.append(_Existing(place, day, float(value)))
    return found


def compare(new: list[Reading], existing: list[_Existing], path: str,
            source_map: SourceMap, entry_path: KeyPath) -> tuple[list[Reading], int, list[SheetFinding]]:
    """The readings to add (oldest first), how many were already there, and the conflicts."""
    seen: dict[dt.date, tuple[float, str]] = {
        m.day: (m.value, f"{path}:{source_map.value((*entry_path, 'history', m.place)).line}") for m in existing}
    fresh: dict[dt.date, Reading] = {}
    skipped = 0
    conflicts: list[SheetFinding] = []
    for reading in new:
        earlier = seen.get(reading.day)
        if earlier is None:
            seen[reading.day] = (reading.value, f"row {reading.row}")
            fresh[reading.day] = reading
        elif earlier[0] == reading.value:
            skipped += 1
        else:
            conflicts.append(SheetFinding(
                reading.row, reading.column,
                f"{reading.when} has the value {number_text(reading.value)} here but "
                f"{number_text(earlier[0])} at {earlier[1]} (the same day, {reading.day.isoformat()})"))
    return sorted(fresh.values(), key=lambda r: r.day), skipped, conflicts


class _Text:
    """The catalogue file's lines, with insertions collected and applied at the end."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines(keepends=True)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.inserts: list[tuple[int, int, list[str]]] = []  # (before line index, order, lines)

    def insert(self, before: int, lines: list[str]) -> None:
        self.inserts.append((before, len(self.inserts), lines))

    def char(self, line: int, column: int) -> str:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return text[column - 1:column]

    def result(self) -> str:
        lines = list(self.lines)
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += self.newline
        for before, _, new in sorted(self.inserts, key=lambda i: (-i[0], -i[1])):
            lines[before:before] = [line + self.newline for line in new]
        return "".join(lines)


def _after(span: Span) -> int:
    """The index of the line after the one a value ends on (a block scalar ends at the next line's start)."""
    return span.end_line - 1 if span.end_column == 1 and span.end_line > span.line else span.end_line


def _add_to_entry(text: _Text, source_map: SourceMap, entry_path: KeyPath, entry: dict[str, Any],
                  existing: list[_Existing], fresh: list[Reading], where: str) -> None:
    span = source_map.value(entry_path)
    if text.char(span.line, span.column) == "{":
        raise ImportFailure(f"{where} is written on one line ({{...}}); write it as a block to import into it")
    history = entry.get("history")
    if not history:  # missing, empty or []
        key = source_map.key_span((*entry_path, "history"))
        indent = " " * (span.column - 1)
        items = [f"{indent}  - {_item(r)}" for r in fresh]
        if key is None:
            text.insert(_after(span), [f"{indent}history:", *items])
            return
        value = source_map.value((*entry_path, "history"))
        if history is not None and value.line == key.line:  # "history: []": the brackets go
            line = text.lines[key.line - 1]
            text.lines[key.line - 1] = line[:value.column - 1].rstrip() + line[value.end_column - 1:]
        text.insert(key.line, items)
        return
    if not isinstance(history, list):
        raise ImportFailure(f"{where}: history is not a list")
    hspan = source_map.value((*entry_path, "history"))
    if text.char(hspan.line, hspan.column) == "[":
        raise ImportFailure(f"{where}: history is written as a [...] list; write it one '- ' item a line to "
                            "import into it")
    indent = " " * (hspan.column - 1)
    last_line = _after(source_map.value((*entry_path, "history", len(history) - 1)))
    later = 0
    for reading in fresh:
        while later < len(existing) and existing[later].day < reading.day:
            later += 1
        if later < len(existing):
            before = source_map.value((*entry_path, "history", existing[later].place)).line - 1
        else:
            before = last_line
        text.insert(before, [f"{indent}- {_item(reading)}"])


def _new_entry(text: _Text, source_map: SourceMap, data: Any, metric_id: str, name: str, unit: str,
               fresh: list[Reading]) -> None:
    lines = [f"- id: {_scalar(metric_id)}", f"  name: {_scalar(name)}", f"  unit: {_scalar(unit)}", "  history:",
             *(f"    - {_item(r)}" for r in fresh)]
    listed = data.get("metrics") if isinstance(data, dict) else None
    if isinstance(listed, list) and listed:
        span = source_map.value(("metrics",))
        if text.char(span.line, span.column) == "[":
            raise ImportFailure("the metrics list is written as a [...] list; write it one '- ' entry a line "
                                "to import into it")
        indent = " " * (span.column - 1)
        last = _after(source_map.value(("metrics", len(listed) - 1)))
        text.insert(last, [indent + line for line in lines])
        return
    if isinstance(data, dict) and "metrics" in data:
        raise ImportFailure("the top-level metrics: is empty or not a list; remove it or write one entry, "
                            "then import")
    head = [] if data is not None else ["version: 1"]
    text.insert(len(text.lines), [*head, "metrics:", *("  " + line for line in lines)])


def plan(path: str, metric_id: str, new: list[Reading], name: str | None,
         unit: str | None) -> tuple[Plan | None, list[SheetFinding]]:
    """The catalogue file's new text; None with the findings when the sheet conflicts with it."""
    target = Path(path)
    raw = target.read_bytes() if target.exists() else b""
    old = decode_text(raw, path, "UTF-8") if raw else ""
    if _ODD_BREAKS.search(old):
        raise ImportFailure(f"{path}: the file has line breaks other than LF and CR LF; save it with plain "
                            "line breaks first")
    document = load_file_bytes(raw)
    if raw and document.data is None:
        first = document.problems[0] if document.problems else None
        where = f":{first.span.line}:{first.span.column}: {first.message}" if first else ""
        raise ImportFailure(f"{path}{where}: the file cannot be read as YAML; fix it (goallint check), then import")
    data, source_map = document.data, document.source_map
    if raw and data is not None and not isinstance(data, dict):
        raise ImportFailure(f"{path}: the file is not a YAML mapping; a catalogue has a top-level metrics: list")
    listed = data.get("metrics") if isinstance(data, dict) else None
    place = next((i for i, e in enumerate(listed) if isinstance(e, dict) and e.get("id") == metric_id), None) \
        if isinstance(listed, list) else None
    entry_path: KeyPath = ("metrics", place if place is not None else 0)
    entry = listed[place] if listed is not None and place is not None else None
    existing = _history(entry, path, metric_id) if entry is not None else []
    fresh, skipped, conflicts = compare(new, existing, path, source_map, entry_path)
    if conflicts:
        return None, conflicts
    text = _Text(old)
    if entry is None:
        if not name or not unit:
            missing = [f"--{flag}" for flag, given in (("name", name), ("unit", unit)) if not given]
            raise ImportFailure(f"{path} has no metric '{metric_id}'; to create it give {' and '.join(missing)}")
        _new_entry(text, source_map, data, metric_id, name, unit, fresh)
    elif fresh:
        _add_to_entry(text, source_map, entry_path, entry, existing, fresh, f"{path}: metric '{metric_id}'")
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    new_text = bom + text.result() if fresh or entry is None else old
    return Plan(new_text, len(fresh), skipped, entry is None), []
