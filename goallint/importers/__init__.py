"""Goals from tables: CSV (standard library), XLSX and ODS sheets, Markdown lists -> one v1 goal file.

Columns are matched by their header, in English or Norwegian (title/tittel/mål,
owner/eier/ansvarlig, deadline/frist, team, target/målverdi, baseline/utgangspunkt...), or
by ``--map column=field``. A title that is a whole goal sentence goes through the shared
sentence parser, which fills the fields the sheet leaves empty. Problems with the sheet
itself (a row with no title, a date that is not a date) are findings at the sheet's row
and column; a sheet that cannot be read at all is an ``ImportFailure`` (exit 2).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

FIELDS = ("id", "title", "owner", "team", "why", "start", "deadline", "description",
          "metric.name", "metric.unit", "metric.baseline", "metric.target", "metric.source")
HEADERS: dict[str, str] = {
    "id": "id", "title": "title", "goal": "title", "objective": "title", "tittel": "title", "mål": "title",
    "målsetting": "title", "owner": "owner", "responsible": "owner", "eier": "owner", "ansvarlig": "owner",
    "team": "team", "department": "team", "avdeling": "team", "why": "why", "hvorfor": "why",
    "start": "start", "start date": "start", "startdato": "start", "deadline": "deadline", "due": "deadline",
    "due date": "deadline", "frist": "deadline", "sluttdato": "deadline", "description": "description",
    "beskrivelse": "description", "metric": "metric.name", "kpi": "metric.name", "måltall": "metric.name",
    "unit": "metric.unit", "enhet": "metric.unit", "baseline": "metric.baseline", "utgangspunkt": "metric.baseline",
    "nullpunkt": "metric.baseline", "startverdi": "metric.baseline", "target": "metric.target",
    "målverdi": "metric.target", "source": "metric.source", "kilde": "metric.source",
}
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?\Z")


class ImportFailure(Exception):
    """The sheet cannot be read or used at all: one line, exit 2."""


class SheetFinding(NamedTuple):
    row: int  # 1-based, the header is row 1
    column: int  # 1-based
    message: str


class Sheet(NamedTuple):
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number, cells), empty rows left out
    name: str | None = None  # the sheet's name in a workbook; None for CSV


@dataclass
class Draft:
    """One goal (or objective) as read from a row or a list item: field -> value."""

    row: int
    values: dict[str, str | float] = field(default_factory=dict)
    place: str = "row"  # what ``row`` counts: a sheet's row, or a Markdown file's line
    objective: bool = False
    parent: Draft | None = None  # the objective this goal serves, when the source nests it


def decode_text(raw: bytes, path: str, save_as: str = "UTF-8 (CSV UTF-8)") -> str:
    """UTF-8 text (a byte-order mark is dropped); anything else is refused, naming what it looks like."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailure(f"{path}: the file is UTF-16 text; save it as {save_as}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        looks = "Windows-1252 (Latin-1)" if _is_cp1252(raw) else "not any text encoding goallint knows"
        raise ImportFailure(f"{path}: the file is not UTF-8 (byte {exc.start + 1}); it looks like {looks}: "
                            f"save it as {save_as}") from None


def _is_cp1252(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def read_csv(path: str) -> Sheet:
    """The sheet's header and non-empty rows; the delimiter (, ; or tab) is detected."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFailure(f"{path}: cannot read the file ({exc.strerror})") from None
    text = decode_text(raw, path)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    if not rows:
        raise ImportFailure(f"{path}: the sheet is empty")
    body = [(n, cells) for n, cells in enumerate(rows[1:], start=2) if any(c.strip() for c in cells)]
    return Sheet([h.strip() for h in rows[0]], body)


def map_columns(headers: list[str], overrides: dict[str, str], path: str) -> dict[int, str]:
    """Column index -> goal field, from the headers and ``--map``; a title column is required."""
    mapping: dict[int, str] = {}
    folded = [h.casefold() for h in headers]
    for i, header in enumerate(folded):
        if header in HEADERS:
            mapping[i] = HEADERS[header]
        elif header in FIELDS:  # the field's own name, as --map and the docs write it: metric.target
            mapping[i] = header
    for column, target in overrides.items():
        if target not in FIELDS:
            raise ImportFailure(f"--map {column}={target}: unknown field (use one of {', '.join(FIELDS)})")
        if column.casefold() not in folded:
            raise ImportFailure(f"--map {column}={target}: {path} has no column '{column}' "
                                f"(columns: {', '.join(headers)})")
        mapping[folded.index(column.casefold())] = target
    if "title" not in mapping.values():
        raise ImportFailure(f"{path}: no title column (columns: {', '.join(headers)}); "
                            "name one title, tittel or mål, or use --map COLUMN=title")
    return mapping


def _date(text: str) -> dt.date | None:
    """An ISO date or period, or a date written another common way (``31.12.2026``: ``dates.iso_from_common``)."""
    from ..dates import DateError, iso_from_common, parse_when

    try:
        return parse_when(iso_from_common(text) or text, end=True)
    except DateError:
        return None


def read_number(text: str) -> float | None:
    """A number as a sheet or an answer writes it (``1 250``, ``12,5``, ``40 %``); None when it is
    not one, or is beyond the numbers goallint computes with (``model.in_range``)."""
    from ..model import in_range

    compact = text.replace(" ", "").replace("\u00a0", "").removesuffix("%")
    if not _NUMBER.match(compact):
        return None
    value = float(compact.replace(",", "."))
    return value if in_range(value) else None


def _cell(target: str, text: str, row: int, column: int) -> tuple[str | float | None, SheetFinding | None]:
    if target in ("start", "deadline"):
        day = _date(text)
        if day is None:
            return None, SheetFinding(row, column, f"{target} '{text}' is not a date (use YYYY-MM-DD or DD.MM.YYYY)")
        return day.isoformat(), None
    if target in ("metric.baseline", "metric.target"):
        value = read_number(text)
        if value is None:
            return None, SheetFinding(row, column, f"{target.split('.')[1]} '{text}' is not a number")
        return value, None
    return text, None


def drafts(sheet: Sheet, mapping: dict[int, str]) -> tuple[list[Draft], list[SheetFinding]]:
    """One draft per row that has a title; a finding for each row without one and each bad cell."""
    title_column = next(i for i, target in mapping.items() if target == "title")
    out: list[Draft] = []
    findings: list[SheetFinding] = []
    for number, cells in sheet.rows:
        if title_column >= len(cells) or not cells[title_column].strip():
            findings.append(SheetFinding(number, title_column + 1, "row has no title; it was left out"))
            continue
        draft = Draft(number)
        for i, target in mapping.items():
            text = cells[i].strip() if i < len(cells) else ""
            if not text:
                continue
            value, finding = _cell(target, text, number, i + 1)
            if finding is not None:
                findings.append(finding)
            elif value is not None:
                draft.values[target] = value
        out.append(draft)
    return out, findings
