"""Fixes: each one gives the expected text, the file still parses, its finding goes, no other comes.

Also the edit mechanism itself (offsets, conflicts, non-ASCII lines, CRLF), ``check --fix``
and ``--diff`` through the real CLI, and a property test that applies every safe fix to
generated flawed files and checks the result is YAML with the same comments.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
import yaml
from helpers import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goallint import loader
from goallint.catalog import builtin_catalog
from goallint.cli import main
from goallint.config import Settings
from goallint.dates import iso_from_common
from goallint.diagnostics import Span
from goallint.fixes import Edit, Fix, FixConflict, apply_edits, apply_fixes, scalar_text
from goallint.fixing import fix_files
from goallint.linter import check

HEAD = """\
version: 1
objectives:
  - id: grow-pipeline
    title: Grow the sales pipeline
    owner: Ola Nordmann
  - id: keep-customers
    title: Keep the customers we have
    owner: Ola Nordmann
goals:
  - id: leads  # the main one
    title: Reach 400 inbound leads per month
    owner: Kari Nordmann
    team: Marketing
    why: Leads are the start of every sale
    resources: [two writers]
    parent: grow-pipeline
    start: 2026-01-01
    deadline: 2026-12-31
    milestones:
      - {date: 2026-06-30, target: 250}
    checkins:
      - {date: 2026-10-01, value: 330}  # on the milestone plan (326 that day)
    metric:
      name: inbound leads per month
      baseline: 200
      unit: leads
      source: CRM report
"""


def _findings(text: str, folder: Path) -> Counter[tuple[str, int]]:
    path = folder / "team.goals.yaml"
    path.write_text(text, encoding="utf-8")
    result = check([path], Settings(root=folder), TODAY, cwd=folder)
    return Counter((d.code, d.line) for d in result.diagnostics)


def _fix_one(text: str, code: str, folder: Path) -> tuple[str, Counter[tuple[str, int]], Counter[tuple[str, int]]]:
    """Apply the fix of the single ``code`` finding; return the new text, findings before and after."""
    path = folder / "team.goals.yaml"
    path.write_text(text, encoding="utf-8")
    result = check([path], Settings(root=folder), TODAY, cwd=folder)
    fixes = [d.fix for d in result.diagnostics if d.code == code and d.fix is not None]
    assert len(fixes) == 1, [(d.code, d.fix) for d in result.diagnostics]
    assert builtin_catalog()[code].fixable == fixes[0].applicability.value  # the rule declares the fix it offers
    fixed = apply_edits(text, fixes[0].edits)
    before = Counter((d.code, d.line) for d in result.diagnostics)
    return fixed, before, _findings(fixed, folder)


@pytest.mark.parametrize(("code", "tail", "expected_tail"), [
    ("M002", '      target: "400"\n', "      target: 400\n"),
    ("M002", "      target: '412.5'\n", "      target: 412.5\n"),
])
def test_m002_unquotes_the_number(tmp_path, code, tail, expected_tail):
    fixed, before, after = _fix_one(HEAD + tail, code, tmp_path)
    assert fixed == HEAD + expected_tail
    assert (code, 28) in before
    assert after == before - Counter({(code, 28): 1})


def test_m002_leaves_numbers_that_would_change_alone(tmp_path):
    for target in ('"1,000"', '"007"', '"1e3"'):
        path = tmp_path / "team.goals.yaml"
        path.write_text(HEAD + f"      target: {target}\n", encoding="utf-8")
        result = check([path], Settings(root=tmp_path), TODAY, cwd=tmp_path)
        assert [d.fix for d in result.diagnostics if d.code == "M002"] == [None], target


def test_e002_renames_a_misspelt_key(tmp_path):
    text = HEAD.replace("    deadline: 2026-12-31\n", "    dedline: 2026-12-31\n") + "      target: 400\n"
    fixed, before, after = _fix_one(text, "E002", tmp_path)
    assert fixed == HEAD + "      target: 400\n"
    assert before == Counter({("E002", 18): 1})  # one typo, one finding: T001 stays quiet
    assert after == Counter()


def test_e002_no_fix_when_the_right_key_is_already_there(tmp_path):
    text = HEAD + "      target: 400\n    dedline: 2026-12-31\n"
    path = tmp_path / "team.goals.yaml"
    path.write_text(text, encoding="utf-8")
    result = check([path], Settings(root=tmp_path), TODAY, cwd=tmp_path)
    assert [(d.code, d.fix) for d in result.diagnostics] == [("E002", None)]


def test_r002_uses_the_one_close_parent(tmp_path):
    text = HEAD.replace("parent: grow-pipeline", "parent: grow-pipline") + "      target: 400\n"
    fixed, before, after = _fix_one(text, "R002", tmp_path)
    assert fixed == HEAD + "      target: 400\n"
    assert before == Counter({("R002", 16): 1})
    assert after == Counter()


def test_r002_no_fix_between_two_close_ids(tmp_path):
    text = HEAD.replace("  - id: keep-customers", "  - id: grow-pipeline-b") \
        .replace("parent: grow-pipeline", "parent: grow-pipeline-") + "      target: 400\n"
    path = tmp_path / "team.goals.yaml"
    path.write_text(text, encoding="utf-8")
    result = check([path], Settings(root=tmp_path), TODAY, cwd=tmp_path)
    assert [(d.code, d.fix) for d in result.diagnostics if d.code == "R002"] == [("R002", None)]


@pytest.mark.parametrize(("written", "iso"), [
    ("31.12.2026", "2026-12-31"), ("2026/12/31", "2026-12-31"), ("'31 December 2026'", "2026-12-31"),
    ('"Dec 31, 2026"', "2026-12-31"), ("12/31/2026", "2026-12-31"), ("31/12/2026", "2026-12-31"),
    ("2026-12-1", "2026-12-01"),
])
def test_t002_rewrites_a_common_date_as_iso(tmp_path, written, iso):
    text = HEAD.replace("deadline: 2026-12-31", f"deadline: {written}") + "      target: 400\n"
    fixed, before, after = _fix_one(text, "T002", tmp_path)
    assert fixed == HEAD.replace("deadline: 2026-12-31", f"deadline: {iso}") + "      target: 400\n"
    assert before == Counter({("T002", 18): 1})
    assert after == Counter()


@pytest.mark.parametrize("written", ["01/02/2026", "31.02.2026", "soon", "Q3"])
def test_t002_no_fix_for_ambiguous_or_unreal_dates(written):
    assert iso_from_common(written) is None


def test_edits_are_placed_by_character_and_applied_together():
    text = "a: \"1\"\nb: ø😀 \"2\"\r\nc: 3\n"
    edits = [Edit(Span(1, 4, 1, 7), "1"), Edit(Span(2, 7, 2, 10), "2"), Edit(Span.point(3, 5), "0")]
    assert apply_edits(text, edits) == "a: 1\nb: ø😀 2\r\nc: 30\n"


def test_overlapping_edits_are_refused_and_fixes_wait_their_turn():
    text = "key: value\n"
    with pytest.raises(FixConflict):
        apply_edits(text, [Edit(Span(1, 1, 1, 4), "a"), Edit(Span(1, 3, 1, 6), "b")])
    first = Fix("one", (Edit(Span(1, 1, 1, 4), "name"),))
    second = Fix("two", (Edit(Span(1, 2, 1, 5), "x"),))
    assert apply_fixes(text, [first, second]) == ("name: value\n", 1)
    with pytest.raises(FixConflict):
        apply_edits(text, [Edit(Span(3, 1, 3, 2), "x")])


def test_scalar_text_reads_back_as_the_same_string():
    for value in ["grow", "grow-pipeline", "yes", "null", "a: b", "#x", "10", "ø å", 'say "hi"']:
        written = scalar_text(value)
        assert yaml.safe_load(f"k: {written}") == {"k": value}, written
    assert scalar_text("grow-pipeline") == "grow-pipeline"


def _write(folder: Path, text: str) -> Path:
    path = folder / "team.goals.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_check_fix_rewrites_the_file_and_reports_what_remains(tmp_path, monkeypatch, capsys):
    flawed = HEAD.replace("deadline: 2026-12-31", "dedline: 31.12.2026") + '      target: "400"\n'
    path = _write(tmp_path, flawed.replace("\n", "\r\n"))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--fix", "--today", TODAY.isoformat(), "team.goals.yaml"]) == 0
    assert path.read_bytes().decode() == (HEAD + "      target: 400\n").replace("\n", "\r\n")
    out, err = capsys.readouterr()
    assert out == "0 errors, 0 warnings, 0 infos in 1 file, 1 goal checked\n"
    assert err == "goallint: applied 3 fixes in 1 file\n"
    assert main(["check", "--fix", "--today", TODAY.isoformat(), "team.goals.yaml"]) == 0
    assert capsys.readouterr().err == "goallint: applied 0 fixes in 0 files\n"


def test_check_diff_shows_the_fixes_and_writes_nothing(tmp_path, monkeypatch, capsys):
    flawed = HEAD + '      target: "400"\n'
    path = _write(tmp_path, flawed)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--diff", "--today", TODAY.isoformat(), "team.goals.yaml"]) == 1
    assert path.read_text(encoding="utf-8") == flawed
    assert capsys.readouterr().out == (
        "--- a/team.goals.yaml\n+++ b/team.goals.yaml\n@@ -25,4 +25,4 @@\n"
        "       baseline: 200\n       unit: leads\n       source: CRM report\n"
        '-      target: "400"\n+      target: 400\n')
    assert main(["check", "--diff", "--today", TODAY.isoformat(), "--select", "S", "team.goals.yaml"]) == 0
    assert capsys.readouterr().out == ""


def test_suppressed_findings_are_not_fixed(tmp_path):
    text = HEAD + '      target: "400"  # goallint: disable=M002 -- the export writes strings\n'
    path = _write(tmp_path, text)
    first = check([path], Settings(root=tmp_path), TODAY, cwd=tmp_path)
    outcome = fix_files([path], Settings(root=tmp_path), TODAY, first, cwd=tmp_path)
    assert outcome.fixed == 0
    assert path.read_text(encoding="utf-8") == text


# -- the property: every safe fix keeps the file YAML, keeps its comments, and settles ----------
flaws = st.lists(st.sampled_from([
    ('      target: "400"', "      target: 400"),
    ("    dedline: 2026-12-31", "    deadline: 2026-12-31"),
    ("    deadline: 31.12.2026", "    deadline: 2026-12-31"),
    ("    parent: grow-pipline", "    parent: grow-pipeline"),
    ("    start: 2026/1/5", "    start: 2026-01-05"),
    ("    ownr: Kari", "    owner: Kari"),
]), min_size=1, max_size=4, unique_by=lambda flaw: flaw[1].split(":")[0])
comments = st.lists(st.text(alphabet="abcæøå😀 -:", max_size=12), min_size=3, max_size=3)


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(flaws=flaws, notes=comments, crlf=st.booleans())
def test_property_safe_fixes_keep_yaml_and_comments(flaws, notes, crlf):
    lines = ["version: 1  # " + notes[0], "objectives:", "  - id: grow-pipeline", "    title: Grow it",
             "goals:", "  # " + notes[1], "  - id: leads", "    title: Reach 400 leads"]
    lines += [flawed + f"  # {notes[2]}" if index == 0 else flawed for index, (flawed, _good) in enumerate(flaws)]
    if not any("target" in flawed for flawed, _good in flaws):
        lines += ["    metric:", "      target: 400"]
    text = "\n".join(_nest_targets(lines)) + "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), text)
        first = check([path], Settings(root=Path(folder)), TODAY, cwd=Path(folder))
        outcome = fix_files([path], Settings(root=Path(folder)), TODAY, first, cwd=Path(folder))
        fixed = path.read_bytes().decode("utf-8")
        document = loader.load_file_bytes(fixed.encode("utf-8"))
        assert document.problems == []
        assert yaml.safe_load(fixed) is not None
        assert _comments(fixed) == _comments(text)
        assert ("\r\n" in fixed) == crlf
        for flawed, good in flaws:
            assert good.strip() in fixed, (flawed, fixed)
        left = {d.code for d in outcome.result.diagnostics if d.fix is not None}
        assert left == set()
        # Fixed dates and targets let the date and pace rules look at the goal, so new
        # S/M/A/R/T findings may appear; a broken file or an unknown key may not.
        assert [d.code for d in outcome.result.diagnostics if d.code.startswith("E")] == []


def _nest_targets(lines: list[str]) -> list[str]:
    """A flawed ``target`` line belongs under ``metric:``; keep the file's shape."""
    out: list[str] = []
    for line in lines:
        if line.startswith("      target:") and not any(previous == "    metric:" for previous in out):
            out.append("    metric:")
        out.append(line)
    return out


def _comments(text: str) -> list[str]:
    return re.findall(r"#[^\r\n]*", text)
