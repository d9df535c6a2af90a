"""`goallint import --metrics ID SHEET --into CATALOGUE`: measurements into a metric's history.

The sheets are real files written by the csv module and openpyxl, read back through the
command line; the catalogue is compared byte for byte, so every comment and line the
import does not add is seen to stay as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from goallint.cli import main

CATALOGUE = """\
# Marketing's measurements, kept by hand until now.
version: 1
metrics:
  - id: inbound-leads   # the CRM's monthly report
    name: inbound leads per month
    unit: leads/month
    cadence: monthly
    history:
      - {period: 2025-10, value: 300}
      # November was a short month for the campaign
      - {period: 2025-11, value: 340}
      - date: 2025-12-31
        value: 380

  - id: web-visits
    name: "visits to the website"
    unit: visits/month
    history: []  # to be filled
"""


def _csv(path: Path, rows: list[list[Any]], delimiter: str = ";") -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream, delimiter=delimiter).writerows(rows)
    return path


def _xlsx(path: Path, rows: list[list[Any]], title: str = "Leads") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def run(capsys: Any, monkeypatch: Any, tmp_path: Path) -> Any:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GOALLINT_TODAY", raising=False)
    (tmp_path / "marketing.metrics.yaml").write_text(CATALOGUE, encoding="utf-8", newline="")

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["import", *args, "--today", "2026-06-01"])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def _added(before: str, after: str) -> list[str]:
    """The lines of ``after`` that are not in ``before``, checking every old line stayed, in order."""
    old, new = before.splitlines(), after.splitlines()
    added, place = [], 0
    for line in new:
        if place < len(old) and line == old[place]:
            place += 1
        else:
            added.append(line)
    assert place == len(old), "a line of the catalogue was changed or lost"
    return added


def test_norwegian_csv_appends_inserts_and_skips_a_duplicate(run: Any, tmp_path: Path) -> None:
    _csv(tmp_path / "leads.csv", [["Dato", "Antall"], ["31.01.2026", "276"], ["28.02.2026", "281"],
                                  ["30.09.2025", "280"], ["30.11.2025", "340"]])
    code, out, err = run("--metrics", "inbound-leads", "leads.csv", "--into", "marketing.metrics.yaml")
    assert (code, err) == (0, "")
    after = (tmp_path / "marketing.metrics.yaml").read_text(encoding="utf-8")
    assert _added(CATALOGUE, after) == ["      - {date: 2025-09-30, value: 280}",
                                        "      - {date: 2026-01-31, value: 276}",
                                        "      - {date: 2026-02-28, value: 281}"]
    lines = after.splitlines()
    assert lines.index("      - {date: 2025-09-30, value: 280}") == lines.index("    history:") + 1  # oldest first
    assert lines.index("      - {date: 2026-01-31, value: 276}") == lines.index("        value: 380") + 1
    assert "marketing.metrics.yaml: metric 'inbound-leads': 3 measurements added, 1 already there" in out
    assert "0 errors" in out


def test_reimport_leaves_identical_bytes(run: Any, tmp_path: Path) -> None:
    _csv(tmp_path / "leads.csv", [["date", "value"], ["2026-01-31", "276"], ["2026-02-28", "281,5"]], ",")
    assert run("--metrics", "inbound-leads", "leads.csv", "--into", "marketing.metrics.yaml")[0] == 0
    once = (tmp_path / "marketing.metrics.yaml").read_bytes()
    assert b"{date: 2026-02-28, value: 281.5}" in once
    code, out, _ = run("--metrics", "inbound-leads", "leads.csv", "--into", "marketing.metrics.yaml")
    assert code == 0
    assert (tmp_path / "marketing.metrics.yaml").read_bytes() == once
    assert "0 measurements added, 2 already there" in out


def test_conflicting_duplicate_is_a_finding_and_nothing_is_written(run: Any, tmp_path: Path) -> None:
    _csv(tmp_path / "leads.csv", [["Periode", "Verdi"], ["2026-01", "276"], ["2025-11", "345"]])
    code, out, _ = run("--metrics", "inbound-leads", "leads.csv", "--into", "marketing.metrics.yaml")
    assert code == 1
    assert ("leads.csv:3:1: import [error] 2025-11 has the value 345 here but 340 at marketing.metrics.yaml:11 "
            "(the same day, 2025-11-30)\nmarketing.metrics.yaml: nothing was written; fix the sheet and import "
            "again\n") in out
    assert (tmp_path / "marketing.metrics.yaml").read_text(encoding="utf-8") == CATALOGUE


def test_duplicate_rows_inside_the_sheet(run: Any, tmp_path: Path) -> None:
    _csv(tmp_path / "visits.csv", [["month", "count"], ["2026-01", "900"], ["2026-01", "900"], ["2026-02", "950"],
                                   ["2026-02", "990"]])
    code, out, _ = run("--metrics", "web-visits", "visits.csv", "--into", "marketing.metrics.yaml")
    assert code == 1
    assert "visits.csv:5:1: import [error] 2026-02 has the value 990 here but 950 at row 4" in out
    assert (tmp_path / "marketing.metrics.yaml").read_text(encoding="utf-8") == CATALOGUE


def test_bad_date_and_bad_value_are_findings_at_row_and_column(run: Any, tmp_path: Path) -> None:
    _csv(tmp_path / "leads.csv", [["Kommentar", "Dato", "Antall"], ["", "31.02.2026", "276"],
                                  ["", "2026-03-31", "mange"]])
    code, out, _ = run("--metrics", "inbound-leads", "leads.csv", "--into", "marketing.metrics.yaml")
    assert code == 1
    assert out.splitlines()[:2] == [
        "leads.csv:2:2: import [error] '31.02.2026' is not a date or period (use YYYY-MM-DD, DD.MM.YYYY, "
        "YYYY-MM or YYYY-Q1)",
        "leads.csv:3:3: import [error] value 'mange' is not a number"]
    assert (tmp_path / "marketing.metrics.yaml").read_text(encoding="utf-8") == CATALOGUE


def test_xlsx_with_real_dates_and_text_dates_fills_an_empty_history(run: Any, tmp_path: Path) -> None:
    _xlsx(tmp_path / "visits.xlsx", [["Dato", "Verdi"], [dt.datetime(2026, 1, 31), 12000],
                                     ["28.02.2026", 12500.5], [dt.date(2026, 3, 31), "13 100"]])
    code, out, err = run("--metrics", "web-visits", "visits.xlsx", "--into", "marketing.metrics.yaml")
    assert (code, err) == (0, "")
    after = (tmp_path / "marketing.metrics.yaml").read_text(encoding="utf-8")
    assert after == CATALOGUE.replace("    history: []  # to be filled\n", (
        "    history:  # to be filled\n"
        "      - {date: 2026-01-31, value: 12000}\n"
        "      - {date: 2026-02-28, value: 12500.5}\n"
        "      - {date: 2026-03-31, value: 13100}\n"))
    assert "3 measurements added, 0 already there" in out
    assert "0 errors" in out


def test_xlsx_bad_date_names_the_cell(run: Any, tmp_path: Path) -> None:
    _xlsx(tmp_path / "visits.xlsx", [["Date", "Value"], ["2026-13", 1], [dt.date(2026, 3, 31), 2]], "Besøk")
    code, out, _ = run("--metrics", "web-visits", "visits.xlsx", "--into", "marketing.metrics.yaml")
    assert code == 1
    assert out.startswith("visits.xlsx:2:1: import [error] '2026-13' is not a date or period "
                          "(use YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY-Q1) (cell Besøk!A2)\n")


def test_new_entry_needs_name_and_unit(run: Any, tmp_path: Path) -> None:
    _csv(tmp_path / "conv.csv", [["periode", "verdi"], ["2026-q1", "3,5 %"], ["2026-Q2", "3,9 %"]])
    code, _, err = run("--metrics", "lead-conversion", "conv.csv", "--into", "marketing.metrics.yaml",
                       "--name", "lead conversion")
    assert code == 2
    assert err == ("goallint: error: marketing.metrics.yaml has no metric 'lead-conversion'; "
                   "to create it give --unit\n")
    assert (tmp_path / "marketing.metrics.yaml").read_text(encoding="utf-8") == CATALOGUE
    code, out, _ = run("--metrics", "lead-conversion", "conv.csv", "--into", "marketing.metrics.yaml",
                       "--name", "lead conversion: 90 days", "--unit", "Yes")
    assert code == 0
    assert _added(CATALOGUE, (tmp_path / "marketing.metrics.yaml").read_text(encoding="utf-8")) == [
        "  - id: lead-conversion", '    name: "lead conversion: 90 days"', '    unit: "Yes"', "    history:",
        "      - {period: 2026-Q1, value: 3.5}", "      - {period: 2026-Q2, value: 3.9}"]
    assert "(new entry): 2 measurements added" in out


def test_new_catalogue_file_is_created_and_checks_clean(run: Any, tmp_path: Path) -> None:
    _csv(tmp_path / "leads.csv", [["Dato", "Antall"], ["2026-01-31", "10"]])
    code, out, _ = run("--metrics", "leads", "leads.csv", "--into", "new.metrics.yaml", "--name", "2026",
                       "--unit", "leads/month")
    assert code == 0
    assert (tmp_path / "new.metrics.yaml").read_text(encoding="utf-8") == (
        "version: 1\nmetrics:\n  - id: leads\n    name: \"2026\"\n    unit: leads/month\n    history:\n"
        "      - {date: 2026-01-31, value: 10}\n")
    assert "0 errors" in out


def test_map_and_crlf_catalogue(run: Any, tmp_path: Path) -> None:
    (tmp_path / "marketing.metrics.yaml").write_bytes(CATALOGUE.replace("\n", "\r\n").encode())
    _csv(tmp_path / "leads.csv", [["Måned slutt", "Leads inn"], ["2026-01-31", "276"]])
    code, _, _ = run("--metrics", "inbound-leads", "leads.csv", "--into", "marketing.metrics.yaml",
                     "--map", "Måned slutt=date", "--map", "Leads inn=value")
    assert code == 0
    raw = (tmp_path / "marketing.metrics.yaml").read_bytes()
    assert b"        value: 380\r\n      - {date: 2026-01-31, value: 276}\r\n\r\n  - id: web-visits" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")


@pytest.mark.parametrize(("args", "message"), [
    (("--metrics", "x", "leads.csv"), "import --metrics ID needs --into CATALOGUE (and takes no --output or --force)"),
    (("leads.csv",), "import needs --output FILE (or --metrics ID --into CATALOGUE for measurements)"),
    (("--metrics", "inbound-leads", "plan.md", "--into", "marketing.metrics.yaml"),
     "plan.md: measurements come from a sheet (known: csv, tsv, txt, xlsx, xlsm, xlsb, xls, ods)"),
])
def test_usage_errors_exit_2(run: Any, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    _csv(tmp_path / "leads.csv", [["Dato", "Antall"], ["2026-01-31", "276"]])
    (tmp_path / "plan.md").write_text("- a\n", encoding="utf-8")
    code, _, err = run(*args)
    assert (code, err) == (2, f"goallint: error: {message}\n")


def test_sheet_without_a_value_column_exits_2(run: Any, tmp_path: Path) -> None:
    _csv(tmp_path / "leads.csv", [["Dato", "Kommentar"], ["2026-01-31", "ok"]])
    code, _, err = run("--metrics", "inbound-leads", "leads.csv", "--into", "marketing.metrics.yaml")
    assert code == 2
    assert err == ("goallint: error: leads.csv: no value column (value, verdi, antall) (columns: Dato, Kommentar); "
                   "name one so, or use --map COLUMN=date|period|value\n")


def test_history_written_as_a_flow_list_is_refused(run: Any, tmp_path: Path) -> None:
    text = CATALOGUE.replace("history: []  # to be filled", "history: [{period: 2025-12, value: 800}]")
    (tmp_path / "marketing.metrics.yaml").write_text(text, encoding="utf-8")
    _csv(tmp_path / "visits.csv", [["Periode", "Antall"], ["2026-01", "900"]])
    code, _, err = run("--metrics", "web-visits", "visits.csv", "--into", "marketing.metrics.yaml")
    assert (code, err) == (2, "goallint: error: marketing.metrics.yaml: metric 'web-visits': history is written "
                              "as a [...] list; write it one '- ' item a line to import into it\n")
    assert (tmp_path / "marketing.metrics.yaml").read_text(encoding="utf-8") == text


def test_entry_ending_in_a_block_scalar_gets_its_history_after_it(run: Any, tmp_path: Path) -> None:
    text = ("version: 1\nmetrics:\n  - id: nps\n    name: NPS\n    unit: points\n    source: |\n"
            "      the quarterly survey\n  - id: other\n    name: other\n    unit: x\n")
    (tmp_path / "marketing.metrics.yaml").write_text(text, encoding="utf-8")
    _csv(tmp_path / "nps.csv", [["kvartal", "verdi"], ["2026-Q1", "41"]])
    code, out, _ = run("--metrics", "nps", "nps.csv", "--into", "marketing.metrics.yaml")
    assert code == 0
    assert (tmp_path / "marketing.metrics.yaml").read_text(encoding="utf-8") == text.replace(
        "survey\n", "survey\n    history:\n      - {period: 2026-Q1, value: 41}\n")
    assert "0 errors" in out


def test_a_unit_yaml_would_read_as_a_number_is_quoted(run: Any, tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("date,value\n2026-01-31,5\n", encoding="utf-8")
    code, _out, _err = run("m.csv", "--metrics", "kilo", "--name", "thousands", "--unit", "1e3",
                           "--into", "new.metrics.yaml")
    assert code == 0
    assert '    unit: "1e3"\n' in (tmp_path / "new.metrics.yaml").read_text(encoding="utf-8")


def test_a_number_beyond_what_goallint_computes_with_is_a_finding_not_inf(run: Any, tmp_path: Path) -> None:
    before = (tmp_path / "marketing.metrics.yaml").read_text(encoding="utf-8")
    (tmp_path / "big.csv").write_text(f"date,value\n2026-05-31,{'9' * 400}\n", encoding="utf-8")
    code, out, _err = run("big.csv", "--metrics", "inbound-leads", "--into", "marketing.metrics.yaml")
    assert code == 1
    assert out.startswith("big.csv:2:2: import [error]")
    assert (tmp_path / "marketing.metrics.yaml").read_text(encoding="utf-8") == before  # nothing written
