"""`goallint import`: goals from CSV, XLSX, ODS and Markdown files, into a v1 goal file.

The sheets are written by real libraries (the csv module, openpyxl, odfpy) and read back
through the command line, so every test sees the bytes a spreadsheet program would save.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msoffcrypto.format.ooxml
import openpyxl
import pytest
import yaml
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from goallint.cli import main

ROWS = [
    ["Tittel", "Eier", "Frist", "Team", "Målverdi", "Utgangspunkt"],
    ["Øke antall leads fra 250 til 400 innen Q4 2026", "Kari Ødegård", "31.12.2026", "marked", "", ""],
    ["", "", "", "", "", ""],
    ["Redusere svartid til 4 timer", "Åse Nærø", "2026-02-30", "kundeservice", "4", "24"],
    ["", "Ola", "2026-12-31", "salg", "", ""],
    ["Halvere sykefraværet", "Per", "2026-10-31", "hr", "3,5", "7"],
]


def _sheet(path: Path, rows: list[list[str]], delimiter: str = ";", encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as stream:
        csv.writer(stream, delimiter=delimiter).writerows(rows)
    return path


@pytest.fixture
def run(capsys: Any, monkeypatch: Any, tmp_path: Path) -> Any:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GOALLINT_TODAY", raising=False)

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["import", *args, "--today", "2026-06-01"])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_norwegian_sheet_with_empty_row_bad_date_and_a_row_without_title(run: Any, tmp_path: Path) -> None:
    _sheet(tmp_path / "mål.csv", ROWS)
    code, out, err = run("mål.csv", "-o", "mål.goals.yaml")
    assert (code, err) == (1, "")
    assert out.splitlines()[:2] == [
        "mål.csv:4:3: import [error] deadline '2026-02-30' is not a date (use YYYY-MM-DD or DD.MM.YYYY)",
        "mål.csv:5:1: import [error] row has no title; it was left out",
    ]
    assert not any(": E0" in line for line in out.splitlines())
    goals = yaml.safe_load((tmp_path / "mål.goals.yaml").read_text(encoding="utf-8"))["goals"]
    assert [g["id"] for g in goals] == ["oke-antall-leads-fra-250-til", "redusere-svartid-til-4-timer",
                                        "halvere-sykefravaeret"]
    first, second, third = goals
    assert (first["owner"], first["team"], first["deadline"]) == ("Kari Ødegård", "marked", "2026-12-31")
    assert (first["metric"]["baseline"], first["metric"]["target"]) == (250, 400)  # from the title
    assert second["owner"] == "Åse Nærø" and "deadline" not in second
    assert (second["metric"]["baseline"], second["metric"]["target"], second["metric"]["unit"]) == (24, 4, "h")
    assert (third["metric"]["baseline"], third["metric"]["target"]) == (7, 3.5)


def test_reimport_gives_the_same_bytes_and_needs_force(run: Any, tmp_path: Path) -> None:
    _sheet(tmp_path / "goals.csv", ROWS, delimiter=",")
    run("goals.csv", "-o", "out.goals.yaml")
    first = (tmp_path / "out.goals.yaml").read_bytes()
    assert run("goals.csv", "-o", "out.goals.yaml") == (2, "", "goallint: error: out.goals.yaml exists; "
                                                               "use --force to overwrite it\n")
    assert run("goals.csv", "-o", "out.goals.yaml", "--force")[0] == 1
    assert (tmp_path / "out.goals.yaml").read_bytes() == first


def test_map_names_other_columns(run: Any, tmp_path: Path) -> None:
    _sheet(tmp_path / "okr.csv", [["Key result", "Who"], ["Reach 400 inbound leads per month by Q4 2026", "Kari"]])
    code, _, err = run("okr.csv", "-o", "a.goals.yaml")
    assert (code, err) == (2, "goallint: error: okr.csv: no title column (columns: Key result, Who); "
                              "name one title, tittel or mål, or use --map COLUMN=title\n")
    assert run("okr.csv", "-o", "a.goals.yaml", "--map", "key result=title", "--map", "Who=owner")[0] == 0
    goal = yaml.safe_load((tmp_path / "a.goals.yaml").read_text(encoding="utf-8"))["goals"][0]
    assert (goal["owner"], goal["deadline"], goal["metric"]["target"]) == ("Kari", "2026-12-31", 400)


def test_bad_input_exits_2_with_one_clear_line(run: Any, tmp_path: Path) -> None:
    _sheet(tmp_path / "latin.csv", [["Tittel", "Eier"], ["Øke salget med 5 % innen Q4", "Åse"]], encoding="cp1252")
    code, out, err = run("latin.csv", "-o", "x.goals.yaml")
    assert (code, out) == (2, "")
    assert err == ("goallint: error: latin.csv: the file is not UTF-8 (byte 14); it looks like Windows-1252 "
                   "(Latin-1): save it as UTF-8 (CSV UTF-8)\n")
    _sheet(tmp_path / "unicode.csv", [["Tittel", "Eier"], ["Øke salget med 5 % innen Q4", "Åse"]], encoding="utf-16")
    assert run("unicode.csv", "-o", "x.goals.yaml")[2] == (
        "goallint: error: unicode.csv: the file is UTF-16 text; save it as UTF-8 (CSV UTF-8)\n")
    (tmp_path / "latin.md").write_bytes("- Øke salget med 5 % innen Q4\n".encode("cp1252"))
    assert run("latin.md", "-o", "x.goals.yaml")[2] == (
        "goallint: error: latin.md: the file is not UTF-8 (byte 3); it looks like Windows-1252 (Latin-1): "
        "save it as UTF-8\n")
    (tmp_path / "book.numbers").write_bytes(b"PK\x03\x04")
    assert run("book.numbers", "-o", "x.goals.yaml")[2] == (
        "goallint: error: book.numbers: cannot tell what kind of file this is from its name "
        "(known: csv, tsv, txt, xlsx, xlsm, xlsb, xls, ods, md, markdown)\n")
    assert run("missing.csv", "-o", "x.goals.yaml")[0] == 2
    assert run("latin.csv", "-o", "x.goals.yaml", "--map", "Tittel=colour")[0] == 2
    assert not (tmp_path / "x.goals.yaml").exists()


# -- workbooks: XLSX written by openpyxl, ODS by odfpy -----------------------------------------

Cell = str | float | dt.date | None
WORKBOOK: list[list[Cell]] = [
    ["Tittel", "Eier", "Frist", "Team", "Målverdi", "Utgangspunkt"],
    ["Øke antall leads fra 250 til 400 innen Q4 2026", "Kari Ødegård", dt.date(2026, 12, 31), "marked", None, None],
    [None, None, None, None, None, None],
    ["Redusere svartid til 4 timer", "Åse Nærø", "2026-02-30", "kundeservice", 4, 24],
    ["Halvere sykefraværet", "Per Ærlig", "31.10.2026", "hr", 3.5, 7],
    [None, "Ola", dt.datetime(2026, 12, 31, 9, 30), "salg", None, None],
    ["Få 500 nye kunder før 2026-09-30", "Bjørn", dt.date(2026, 9, 30), "salg", 500, 310],
]


def write_xlsx(path: Path, rows: list[list[Cell]], sheet: str = "Mål 2026") -> Path:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = sheet
    for row in rows:
        first.append(row)
    book.create_sheet("Notater")
    book.save(path)
    return path


def _ods_cell(value: Cell) -> TableCell:
    if value is None:
        return TableCell()
    if isinstance(value, dt.date):  # a real date cell: the value is the day, the text is how it is shown
        cell = TableCell(valuetype="date", datevalue=value.isoformat())
        cell.addElement(P(text=value.strftime("%d.%m.%Y")))
    elif isinstance(value, int | float):
        cell = TableCell(valuetype="float", value=value)
        cell.addElement(P(text=str(value).replace(".", ",")))
    else:
        cell = TableCell(valuetype="string")
        cell.addElement(P(text=value))
    return cell


def write_ods(path: Path, rows: list[list[Cell]], sheet: str = "Mål 2026") -> Path:
    document = OpenDocumentSpreadsheet()
    for name, content in ((sheet, rows), ("Notater", [])):
        table = Table(name=name)
        for row in content:
            line = TableRow()
            for value in row:
                line.addElement(_ods_cell(value))
            table.addElement(line)
        document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


WRITERS: dict[str, Callable[[Path, list[list[Cell]]], Path]] = {"xlsx": write_xlsx, "ods": write_ods}


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_workbook_with_norwegian_headers_real_and_text_dates_an_empty_row_and_a_bad_date(
        run: Any, tmp_path: Path, kind: str) -> None:
    WRITERS[kind](tmp_path / f"mål.{kind}", WORKBOOK)
    code, out, err = run(f"mål.{kind}", "-o", "mål.goals.yaml")
    assert (code, err) == (1, "")
    assert out.splitlines()[:2] == [
        f"mål.{kind}:4:3: import [error] deadline '2026-02-30' is not a date (use YYYY-MM-DD or DD.MM.YYYY) "
        "(cell 'Mål 2026'!C4)",
        f"mål.{kind}:6:1: import [error] row has no title; it was left out (cell 'Mål 2026'!A6)",
    ]
    assert not any(": E0" in line for line in out.splitlines())
    text = (tmp_path / "mål.goals.yaml").read_text(encoding="utf-8")
    goals = yaml.safe_load(text)["goals"]
    assert [g["id"] for g in goals] == ["oke-antall-leads-fra-250-til", "redusere-svartid-til-4-timer",
                                        "halvere-sykefravaeret", "fa-500-nye-kunder-for-2026"]
    first, second, third, fourth = goals
    assert (first["owner"], first["team"], first["deadline"]) == ("Kari Ødegård", "marked", "2026-12-31")
    assert (first["metric"]["baseline"], first["metric"]["target"]) == (250, 400)
    assert (second["owner"], "deadline" in second) == ("Åse Nærø", False)
    assert (second["metric"]["baseline"], second["metric"]["target"]) == (24, 4)
    assert (third["owner"], third["deadline"], third["metric"]["target"]) == ("Per Ærlig", "2026-10-31", 3.5)
    assert (fourth["deadline"], fourth["metric"]["baseline"], fourth["metric"]["target"]) == ("2026-09-30", 310, 500)
    assert [line for line in text.splitlines() if "# row" in line] == [
        '  - id: "oke-antall-leads-fra-250-til"  # row 2', '  - id: "redusere-svartid-til-4-timer"  # row 4',
        '  - id: "halvere-sykefravaeret"  # row 5', '  - id: "fa-500-nye-kunder-for-2026"  # row 7']


def test_xlsx_and_ods_of_one_sheet_give_the_same_goal_file_and_reimport_the_same_bytes(
        run: Any, tmp_path: Path) -> None:
    outputs = {}
    for kind, writer in WRITERS.items():
        writer(tmp_path / f"okr.{kind}", WORKBOOK)
        run(f"okr.{kind}", "-o", f"{kind}.goals.yaml")
        first = (tmp_path / f"{kind}.goals.yaml").read_bytes()
        assert run(f"okr.{kind}", "-o", f"{kind}.goals.yaml", "--force")[0] == 1
        assert (tmp_path / f"{kind}.goals.yaml").read_bytes() == first
        outputs[kind] = first.split(b"\n", 1)
    assert outputs["xlsx"][0] == b"# Goals imported by goallint from okr.xlsx."
    assert outputs["xlsx"][1] == outputs["ods"][1]


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_sheet_picks_another_sheet_of_the_workbook(run: Any, tmp_path: Path, kind: str) -> None:
    WRITERS[kind](tmp_path / f"b.{kind}", WORKBOOK)
    code, _, err = run(f"b.{kind}", "-o", "n.goals.yaml", "--sheet", "Notater")
    assert (code, err) == (2, f"goallint: error: b.{kind}: sheet 'Notater' is empty\n")
    code, _, err = run(f"b.{kind}", "-o", "n.goals.yaml", "--sheet", "Ark1")
    assert (code, err) == (2, f"goallint: error: b.{kind}: no sheet named 'Ark1' (sheets: Mål 2026, Notater)\n")
    assert run(f"b.{kind}", "-o", "n.goals.yaml", "--sheet", "Mål 2026")[0] == 1
    assert len(yaml.safe_load((tmp_path / "n.goals.yaml").read_text(encoding="utf-8"))["goals"]) == 4


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_workbook_without_a_title_column_exits_2(run: Any, tmp_path: Path, kind: str) -> None:
    WRITERS[kind](tmp_path / f"okr.{kind}", [["Key result", "Who"], ["Reach 400 leads by Q4 2026", "Kari"]])
    code, out, err = run(f"okr.{kind}", "-o", "x.goals.yaml")
    assert (code, out) == (2, "")
    assert err == (f"goallint: error: okr.{kind}: no title column (columns: Key result, Who); "
                   "name one title, tittel or mål, or use --map COLUMN=title\n")
    assert not (tmp_path / "x.goals.yaml").exists()


def test_password_protected_workbook_is_named_as_such(run: Any, tmp_path: Path) -> None:
    plain = write_xlsx(tmp_path / "plain.xlsx", WORKBOOK)
    encrypted = io.BytesIO()
    with plain.open("rb") as stream:
        msoffcrypto.format.ooxml.OOXMLFile(stream).encrypt("hemmelig", encrypted)
    (tmp_path / "låst.xlsx").write_bytes(encrypted.getvalue())
    code, out, err = run("låst.xlsx", "-o", "x.goals.yaml")
    assert (code, out) == (2, "")
    assert err == ("goallint: error: låst.xlsx: the workbook is password-protected (encrypted); "
                   "save a copy without a password and import that\n")
    assert not (tmp_path / "x.goals.yaml").exists()


def test_password_protected_ods_is_named_as_such(run: Any, tmp_path: Path) -> None:
    # No Python library writes encrypted ODS; this one is odfpy's real file with its parts marked
    # encrypted in the manifest, as an office suite writes them (the parts' bytes are not decrypted).
    plain = write_ods(tmp_path / "plain.ods", WORKBOOK)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(tmp_path / "låst.ods", "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "META-INF/manifest.xml":
                data = re.sub(rb'(manifest:full-path="content.xml"[^>]*)/>', rb'\1><manifest:encryption-data '
                              rb'manifest:checksum-type="SHA1/1K"/></manifest:file-entry>', data)
                assert b"encryption-data" in data
            elif item.filename == "content.xml":
                data = bytes(b ^ 0x5A for b in data)
            target.writestr(item, data)
    code, out, err = run("låst.ods", "-o", "x.goals.yaml")
    assert (code, out) == (2, "")
    assert err == ("goallint: error: låst.ods: the workbook is password-protected (encrypted); "
                   "save a copy without a password and import that\n")


@pytest.mark.parametrize(("name", "content", "says"), [
    ("text.xlsx", b"Tittel;Eier\nSelge mer;Ola\n", "text.xlsx: not a readable XLSX workbook: an XLSX file is a "
     "zip archive and this one is not (is it another kind of file with this name?)"),
    ("cut.ods", b"PK\x03\x04\x14\x00", "cut.ods: not a readable ODS workbook (invalid Zip archive: "),
    ("gone.xlsx", None, "gone.xlsx: cannot read the file (No such file or directory)"),
])
def test_unreadable_workbook_exits_2_with_one_line(run: Any, tmp_path: Path, name: str, content: bytes | None,
                                                   says: str) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    code, out, err = run(name, "-o", "x.goals.yaml")
    assert (code, out) == (2, "")
    assert err.startswith(f"goallint: error: {says}") and err.count("\n") == 1


def test_a_workbook_without_the_sheets_extra_names_the_install_command(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "mål.xlsx", WORKBOOK)
    # python_calamine is made unimportable in a fresh interpreter, as in an install without the extra
    program = ("import sys; sys.modules['python_calamine'] = None; from goallint.cli import main; "
               "sys.exit(main(['import', 'mål.xlsx', '-o', 'x.goals.yaml']))")
    done = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("goallint: error: mål.xlsx: reading XLSX sheets needs the sheets extra: "
                           "pip install 'goallint[sheets]'\n")


# -- Markdown lists ----------------------------------------------------------------------------

MARKDOWN = """# Mål for 2026

## Marked

- Øke antall leads fra 250 til 400 innen Q4 2026 (eier: Kari)
- [x] Publisere 24 **fagartikler** innen 31.12.2026
* [ ] Få 40 % av leadsene fra [organisk søk](https://example.com) innen utgangen av året
-

## Grow the pipeline from inbound marketing

1. Reach 400 inbound leads per month by Q4 2026
2) Raise the close rate from 18 % to 24 % by end of year

```
- Not a goal: an example inside a code block
```

## Kundeservice

- Happier customers
  - Raise NPS from 30 to 45 by Q4 2026
    - Cut first response time to 4 hours by 2026-09-30
"""


def test_markdown_list_items_headings_and_nesting(run: Any, tmp_path: Path) -> None:
    (tmp_path / "okr.md").write_text(MARKDOWN, encoding="utf-8")
    code, out, err = run("okr.md", "-o", "okr.goals.yaml")
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == "okr.md:8:2: import [error] list item has no text; it was left out"
    assert not any(": E0" in line or "R002" in line for line in out.splitlines())
    data = yaml.safe_load((tmp_path / "okr.goals.yaml").read_text(encoding="utf-8"))
    assert data["objectives"] == [
        {"id": "grow-the-pipeline-from-inbound-marketing", "title": "Grow the pipeline from inbound marketing"},
        {"id": "happier-customers", "title": "Happier customers"}]
    rows = [(g["id"], g.get("team"), g.get("parent"), g.get("status"), g.get("deadline"),
             g["metric"].get("baseline"), g["metric"].get("target")) for g in data["goals"]]
    assert rows == [
        ("oke-antall-leads-fra-250-til", "Marked", None, None, "2026-12-31", 250, 400),
        ("publisere-24-fagartikler-innen-31-12", "Marked", None, "done", "2026-12-31", None, 24),
        ("fa-40-av-leadsene-fra-organisk", "Marked", None, None, "2026-12-31", None, 40),
        ("reach-400-inbound-leads-per-month", None, "grow-the-pipeline-from-inbound-marketing", None,
         "2026-12-31", None, 400),
        ("raise-the-close-rate-from-18", None, "grow-the-pipeline-from-inbound-marketing", None,
         "2026-12-31", 18, 24),
        ("raise-nps-from-30-to-45", "Kundeservice", "happier-customers", None, "2026-12-31", 30, 45),
        ("cut-first-response-time-to-4", "Kundeservice", "happier-customers", None, "2026-09-30", None, 4),
    ]
    titles = [g["title"] for g in data["goals"]]
    assert titles[1:3] == ["Publisere 24 fagartikler innen 31.12.2026",
                           "Få 40 % av leadsene fra organisk søk innen utgangen av året"]
    assert data["goals"][0]["owner"] == "Kari"
    first = (tmp_path / "okr.goals.yaml").read_bytes()
    assert run("okr.md", "-o", "okr.goals.yaml", "--force")[0] == 1
    assert (tmp_path / "okr.goals.yaml").read_bytes() == first


def test_markdown_without_list_items_or_with_a_map_exits_2(run: Any, tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Mål\n\nVi skal vokse.\n", encoding="utf-8")
    assert run("notes.md", "-o", "x.goals.yaml") == (
        2, "", "goallint: error: notes.md: no list items: write each goal as a line starting with '- '\n")
    (tmp_path / "list.md").write_text("- Selge 10 biler innen Q4 2026\n", encoding="utf-8")
    assert run("list.md", "-o", "x.goals.yaml", "--map", "a=title")[2] == (
        "goallint: error: --map is for sheets; a Markdown list has no columns\n")
    assert not (tmp_path / "x.goals.yaml").exists()


def test_a_column_named_as_a_field_is_read_and_an_unknown_one_is_named(run: Any, tmp_path: Path) -> None:
    """`metric.target` as a header is the target (not the title's 50); a column nothing reads is said, not lost."""
    (tmp_path / "t.csv").write_text("title,owner,deadline,metric.target,Notes\n"
                                    "Raise NPS from 10 to 50,al,2026-12-31,60,call Kari\n", encoding="utf-8")
    _code, _out, err = run("t.csv", "-o", "t.goals.yaml")
    assert "      target: 60\n" in (tmp_path / "t.goals.yaml").read_text(encoding="utf-8")
    assert "goallint: note: t.csv: column 'Notes' is not imported (no goal field has that name; " \
           "use --map 'Notes=FIELD')\n" in err


def test_a_sheet_with_only_its_header_is_exit_2_like_an_empty_markdown_file(run: Any, tmp_path: Path) -> None:
    (tmp_path / "h.csv").write_text("title,owner\n", encoding="utf-8")
    code, _out, err = run("h.csv", "-o", "h.goals.yaml")
    assert (code, err) == (2, "goallint: error: h.csv: no rows under the header row: nothing to import\n")
    assert not (tmp_path / "h.goals.yaml").exists()
