"""The command line, end to end: exact output, exit codes, config, errors in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, golden

from goallint.catalog import builtin_catalog
from goallint.cli import main

FLAWED = "examples/flawed.goals.yaml"
EXAMPLE = "goals.example.yaml"
FLAWED_CODES = [
    "S002", "M001", "S004", "S005", "S006", "T006", "S003", "S002", "T002", "M007", "S006", "S003", "R002", "M009",
    "M003", "M004", "M006", "M002", "S007", "R004", "A001", "A003", "R001", "M009", "T004", "M005", "S007", "A005",
    "M012", "M011", "M013", "A003", "M010", "R007", "S007", "M009", "A006", "M015", "M014", "T007", "M012", "E010",
    "E011", "M016",
]


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run goallint in the repository root; give (exit code, stdout, stderr)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GOALLINT_TODAY", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_clean_example_passes(cli):
    code, out, err = cli("check", EXAMPLE, "--today", "2026-10-15")
    assert (code, out, err) == (0, "0 errors, 0 warnings, 0 infos in 1 file, 5 goals checked\n", "")


def test_clean_example_has_no_errors_on_any_day_of_its_period(cli):
    for today in ("2026-01-01", "2026-06-15", "2026-12-31"):
        code, out, _ = cli("check", EXAMPLE, "--today", today, "--format", "json")
        assert code == 0
        assert json.loads(out)["summary"]["errors"] == 0


def test_flawed_example_codes_and_exit(cli):
    code, out, err = cli("check", FLAWED, "--today", "2026-10-15", "--format", "json")
    assert code == 1 and err == ""
    report = json.loads(out)
    assert [d["code"] for d in report["diagnostics"]] == FLAWED_CODES
    assert {d["code"][0] for d in report["diagnostics"]} >= set("SMART")
    assert report["summary"] == {"files": 1, "goals": 9, "errors": 7, "warnings": 32, "infos": 5, "suppressed": 0}


def test_flawed_example_text_golden(cli):
    code, out, _ = cli("check", FLAWED, "--today", "2026-10-15")
    assert code == 1
    golden(ROOT / "tests/golden/flawed.txt", out)


def test_flawed_example_json_golden(cli):
    _, out, _ = cli("check", FLAWED, "--today", "2026-10-15", "--format", "json")
    golden(ROOT / "tests/golden/flawed.json", out.replace(json.loads(out)["version"], "VERSION", 1))


def test_today_from_environment(cli, monkeypatch):
    monkeypatch.setenv("GOALLINT_TODAY", "2026-12-01")
    _, out, _ = cli("check", FLAWED, "--select", "T004", "-q")
    assert out == ("examples/flawed.goals.yaml:61:15: T004 [warning] deadline 2026-09-01 passed 91 days ago, "
                   "but the goal is still active: the report counts it as open (goal webinar)\n"
                   "  help: set `status: done` or `status: dropped` after a final check-in, or agree a new "
                   "`deadline:`\n")


def test_select_ignore_prefixes_and_fail_on(cli):
    code, out, _ = cli("check", FLAWED, "--today", "2026-10-15", "--select", "M,S002", "--ignore", "M00", "-q",
                       "--format", "concise")
    assert [line.split()[1] for line in out.splitlines()] == ["S002", "S002", "M012", "M011", "M013", "M010", "M015",
                                                          "M014", "M012", "M016"]
    assert code == 0  # S002 is a warning; the default fail level is error
    code, _, _ = cli("check", FLAWED, "--today", "2026-10-15", "--select", "S002", "--fail-on", "warning")
    assert code == 1
    code, _, _ = cli("check", FLAWED, "--today", "2026-10-15", "--exit-zero")
    assert code == 0


def test_statistics(cli):
    _, out, _ = cli("check", FLAWED, "--today", "2026-10-15", "--select", "S", "--statistics")
    assert out.splitlines()[-7:] == [
        "    2  S002  owner-placeholder",
        "    2  S003  title-vague",
        "    1  S004  team-missing",
        "    1  S005  why-missing",
        "    2  S006  resources-missing",
        "    3  S007  contributors-missing",
        "0 errors, 6 warnings, 5 infos in 1 file, 9 goals checked",
    ]


def test_config_applies(tmp_path, monkeypatch, capsys):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "goals.yaml").write_text("version: 1\ngoals:\n  - {id: a, title: t}\n")
    (tmp_path / "team" / "q3.goals.yml").write_text("version: 1\ngoals:\n  - {id: b, title: t}\n")
    (tmp_path / "team" / "notes.yaml").write_text("not: a goal file\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "goals.yaml").write_text("version: 1\ngoals:\n  - {id: c, title: t}\n")
    (tmp_path / "okr").mkdir()
    (tmp_path / "okr" / "2026.yaml").write_text("version: 1\ngoals:\n  - {id: d, title: t}\n")
    (tmp_path / ".goallint.yaml").write_text(
        "include: ['okr/*.yaml']\nexclude: [drafts/]\nselect: [S001, T001]\nseverity: {T001: warning}\n")
    monkeypatch.chdir(tmp_path / "team")  # the config is found in a parent folder
    code = main(["check", "..", "--today", "2026-10-15", "-q", "--format", "concise"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines() == [
        "../okr/2026.yaml:3:6: S001 [error] goal has no owner, so nobody is answerable for it (goal d)",
        "../okr/2026.yaml:3:6: T001 [warning] goal has no deadline: nothing brings it into "
        "focus, and its pace cannot be judged (goal d)",
        "goals.yaml:3:6: S001 [error] goal has no owner, so nobody is answerable for it (goal a)",
        "goals.yaml:3:6: T001 [warning] goal has no deadline: nothing brings it into "
        "focus, and its pace cannot be judged (goal a)",
        "q3.goals.yml:3:6: S001 [error] goal has no owner, so nobody is answerable for it (goal b)",
        "q3.goals.yml:3:6: T001 [warning] goal has no deadline: nothing brings it into "
        "focus, and its pace cannot be judged (goal b)",
    ]


def test_pyproject_config_and_options(tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.goallint]\nselect = ['T005']\n\n"
        "[tool.goallint.options]\nmax_horizon_days = 30\n")
    (tmp_path / "goals.yaml").write_text(
        "version: 1\ngoals:\n  - {id: a, title: t, start: 2026-01-01, deadline: 2026-03-01}\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-q", "--format", "concise", "--today", "2026-01-01"]) == 0
    assert capsys.readouterr().out == (
        "goals.yaml:3:52: T005 [warning] deadline is 59 days after start (limit 30): "
        "it gives no reason to act this quarter (goal a)\n")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("selet: [S]\n",
         "goallint: error: .goallint.yaml:1:1: selet: unknown config key 'selet' (did you mean 'select'?)"),
        ("options:\n  stale_after_dayz: 3\n",
         "goallint: error: .goallint.yaml:2:3: options.stale_after_dayz: unknown config option 'stale_after_dayz' "
         "(did you mean 'stale_after_days'?)"),
        ("options: {stale_after_days: soon}\n",
         "goallint: error: .goallint.yaml:1:29: options.stale_after_days: 'soon' is not of type 'integer'"),
        ("select: [Q1]\n", "goallint: error: .goallint.yaml:1:10: select[0]: 'Q1' is not a rule code or prefix"),
        ("severity: {S001: loud}\n",
         "goallint: error: .goallint.yaml:1:18: severity.S001: "
         "'loud' is not one of ['error', 'warning', 'info', 'off']"),
        ("select: [S\n", "goallint: error: .goallint.yaml:2:1: while parsing a flow sequence "
                         "did not find expected ',' or ']'"),
    ],
)
def test_bad_config_is_exit_2_with_one_line(tmp_path, monkeypatch, capsys, config, message):
    (tmp_path / ".goallint.yaml").write_text(config)
    (tmp_path / "goals.yaml").write_text("version: 1\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", message + "\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--zzz"], "goallint check: error: No such option '--zzz'. (see 'goallint check --help')"),
        (["check", "--today", "tomorrow"], "goallint check: error: Invalid value for '--today': "
                                           "'tomorrow' is not an ISO date (YYYY-MM-DD) (see 'goallint check --help')"),
        (["check", "--select", "Z9"], "goallint: error: --select: 'Z9' is not a rule code or prefix"),
        (["check", "--config", "missing.yaml"], "goallint: error: missing.yaml: cannot read the config file "
                                                "(No such file or directory)"),
        (["rule", "S01"], "goallint: error: unknown rule code 'S01' (did you mean 'S001'?)"),
        (["frobnicate"], "goallint: error: No such command 'frobnicate'. (see 'goallint --help')"),
    ],
)
def test_bad_usage_is_exit_2_with_one_line(cli, args, message):
    code, out, err = cli(*args)
    assert (code, out, err) == (2, "", message + "\n")


def test_unreadable_files_exit_2_but_others_are_checked(cli, tmp_path):
    good = tmp_path / "goals.yaml"
    good.write_text("version: 1\ngoals:\n  - {id: a, title: t}\n")
    (tmp_path / "broken.goals.yaml").symlink_to(tmp_path / "nowhere")
    code, out, err = cli("check", str(good), str(tmp_path / "missing.yaml"), str(tmp_path / "broken.goals.yaml"),
                         "--select", "S001", "-q", "--format", "concise")
    assert code == 2
    assert out == f"{good.as_posix()}:3:6: S001 [error] goal has no owner, so nobody is answerable for it (goal a)\n"
    assert err.splitlines() == [
        f"goallint: error: {tmp_path.as_posix()}/missing.yaml: no such file or folder",
        f"goallint: error: {tmp_path.as_posix()}/broken.goals.yaml: cannot read (No such file or directory)",
    ]


def test_no_goal_files_warns(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no path given: the current folder, where there is nothing yet
    code, out, err = cli("check")
    assert (code, err) == (0, "goallint: warning: no goal files found\n")
    assert out == "0 errors, 0 warnings, 0 infos in 0 files, 0 goals checked\n"


def test_rules_lists_every_code(cli):
    code, out, _ = cli("rules")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == list(builtin_catalog())
    s001 = next(line for line in out.splitlines() if line.startswith("S001"))
    assert s001.split()[:4] == ["S001", "owner-missing", "Specific", "error"]


@pytest.mark.parametrize("code", list(builtin_catalog()))
def test_rule_prints_documentation_for_every_code(cli, code):
    exit_code, out, _ = cli("rule", code.lower())
    assert exit_code == 0
    assert out.startswith(f"{code} {builtin_catalog()[code].name}\n")
    for heading in ("## What it checks", "## Why it matters", "## Example", "## Fix", "## Options"):
        section = out.split(heading + "\n\n", 1)[1].split("\n## ", 1)[0]
        assert section.strip(), f"{code}: empty {heading}"


def test_schema_command_prints_the_shipped_schema(cli):
    code, out, _ = cli("schema")
    assert code == 0
    assert out == (ROOT / "schemas" / "goals.schema.json").read_text(encoding="utf-8")


def test_no_color_unless_terminal(cli):
    _, out, _ = cli("check", FLAWED, "--today", "2026-10-15")
    assert "\x1b[" not in out


def test_installed_command_runs_as_a_process():
    """The console script, in a fresh process, with colour forced off by NO_COLOR."""
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "goallint", "check", FLAWED, "--today", "2026-10-15",
                           "--select", "R002", "-q"], cwd=ROOT, capture_output=True, text=True, env=env, check=False)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout == ("examples/flawed.goals.yaml:26:13: R002 [error] parent 'brnad' is not defined "
                           "(did you mean 'brand'?) (goal signups)\n  help: write `parent: brand`\n")
    assert Path(ROOT / "schemas" / "goals.schema.json").resolve() == (ROOT / "goallint/schemas/goals.schema.json")
