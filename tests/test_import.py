"""`goallint import`: goals from CSV sheets written by the csv module, into a v1 goal file."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import yaml

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
    assert "it looks like Windows-1252 (Latin-1)" in err and err.count("\n") == 1
    (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04")
    assert run("book.xlsx", "-o", "x.goals.yaml")[2] == ("goallint: error: book.xlsx: only CSV sheets can be "
                                                          "imported yet; save the sheet as CSV UTF-8\n")
    assert run("missing.csv", "-o", "x.goals.yaml")[0] == 2
    assert run("latin.csv", "-o", "x.goals.yaml", "--map", "Tittel=colour")[0] == 2
    assert not (tmp_path / "x.goals.yaml").exists()
