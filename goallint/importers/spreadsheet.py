"""XLSX and ODS sheets (and the older XLS and XLSB) through python-calamine: the ``sheets`` extra.

python-calamine reads every one of these formats with one small compiled wheel and no
other dependency, and gives real spreadsheet dates as ``datetime.date`` values; it only
reads, which is all an import needs. It is imported only here, so the rest of goallint
works without the extra, and a missing extra is one line naming the install command.

A cell becomes text the way the CSV reader would see it: a date cell is its ISO day, a
whole number has no ``.0``. The header is the first row that is not empty, and row and
column numbers are the sheet's own (row 1 is the sheet's first row, column 1 is A), so a
finding names the cell a person sees.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from . import ImportFailure, Sheet

EXTENSIONS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the OLE compound file an encrypted OOXML workbook is wrapped in
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")  # the stream that holds an encrypted workbook's key data
_MANIFEST_LIMIT = 1 << 20
_PROTECTED = "the workbook is password-protected (encrypted); save a copy without a password and import that"
MISSING_EXTRA = "reading {kind} sheets needs the sheets extra: pip install 'goallint[sheets]'"


def column_letters(column: int) -> str:
    """1 -> A, 27 -> AA: the column as a spreadsheet names it."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return "" if value is None else str(value)


def _sniff(path: str, kind: str) -> None:
    """Refuse what the first bytes already tell: not a workbook, or an encrypted one.

    An encrypted XLSX is an OLE compound file holding an ``EncryptionInfo`` stream rather
    than a zip archive; said plainly, it spares the reader a format error.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFailure(f"{path}: cannot read the file ({exc.strerror})") from None
    if not raw.startswith(_CFB):
        if kind != "XLS" and not raw.startswith(b"PK\x03\x04"):
            raise ImportFailure(f"{path}: not a readable {kind} workbook: an {kind} file is a zip archive and this "
                                "one is not (is it another kind of file with this name?)")
        if kind == "ODS" and _ods_encrypted(raw):
            raise ImportFailure(f"{path}: {_PROTECTED}")
        return
    if _ENCRYPTION_INFO in raw:
        raise ImportFailure(f"{path}: {_PROTECTED}")
    if kind != "XLS":
        raise ImportFailure(f"{path}: the file is an old binary Excel workbook, not {kind}; "
                            "name it .xls or save it as .xlsx")


def _ods_encrypted(raw: bytes) -> bool:
    """An ODS saved with a password lists encryption data for its parts in the manifest."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            info = archive.getinfo("META-INF/manifest.xml")
            if info.file_size > _MANIFEST_LIMIT:
                return False
            return b"encryption-data" in archive.read(info)
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, EOFError):
        return False  # no manifest, or a damaged archive: the reader says what is wrong


def read_spreadsheet(path: str, sheet_name: str | None = None) -> Sheet:
    """The header and non-empty rows of one sheet (the first unless ``sheet_name`` is given)."""
    kind = Path(path).suffix.lstrip(".").upper()
    _sniff(path, kind)
    try:
        import python_calamine as calamine
    except ImportError:
        raise ImportFailure(f"{path}: {MISSING_EXTRA.format(kind=kind)}") from None
    try:
        book = calamine.CalamineWorkbook.from_path(path)
        names = list(book.sheet_names)
        if sheet_name is not None and sheet_name not in names:
            raise ImportFailure(f"{path}: no sheet named '{sheet_name}' (sheets: {', '.join(names)})")
        if not names:
            raise ImportFailure(f"{path}: the workbook has no sheet")
        name = sheet_name or names[0]
        cells = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except calamine.PasswordError:
        raise ImportFailure(f"{path}: {_PROTECTED}") from None
    except calamine.CalamineError as exc:
        raise ImportFailure(f"{path}: not a readable {kind} workbook ({exc})") from None
    rows = [(number, [_text(value) for value in row]) for number, row in enumerate(cells, start=1)]
    filled = [(number, row) for number, row in rows if any(cell.strip() for cell in row)]
    if not filled:
        raise ImportFailure(f"{path}: sheet '{name}' is empty")
    (_, header), *body = filled
    return Sheet([cell.strip() for cell in header], body, name)
