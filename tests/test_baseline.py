"""A baseline of known findings: only new findings fail, line moves do not matter, stale entries are told."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goallint.cli import main

CONFIG = "select: [S001, S002]\n"
TEAM = """\
version: 1
goals:
  - {id: alpha, title: Ship the thing}
  - {id: beta, title: Ship another thing, owner: everyone}
"""
SALES = "version: 1\ngoals:\n  - {id: gamma, title: Close deals}\n"


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in ("GOALLINT_TODAY", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / ".goallint.yaml").write_text(CONFIG)
    (tmp_path / "team.goals.yaml").write_text(TEAM)
    (tmp_path / "sales.goals.yaml").write_text(SALES)

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["check", *args, "-q", "--format", "concise", "--today", "2026-10-15"])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_round_trip(run, tmp_path: Path):
    code, out, err = run("--baseline", "known.json", "--update-baseline")
    assert (code, out) == (0, "")
    assert err == ("goallint: wrote 3 known findings to known.json\n"
                   "goallint: 3 known findings in the baseline known.json not shown\n")
    assert json.loads((tmp_path / "known.json").read_text()) == {"goallint_baseline": 1, "findings": [
        {"path": "sales.goals.yaml", "goal": "gamma", "code": "S001", "rank": 0},
        {"path": "team.goals.yaml", "goal": "alpha", "code": "S001", "rank": 0},
        {"path": "team.goals.yaml", "goal": "beta", "code": "S002", "rank": 0},
    ]}
    assert run("--baseline", "known.json")[0] == 0

    # One new bad goal: exit 1, and only that finding is shown.
    (tmp_path / "team.goals.yaml").write_text(TEAM + "  - {id: delta, title: One more}\n")
    code, out, err = run("--baseline", "known.json")
    assert code == 1
    assert out == "team.goals.yaml:5:6: S001 [error] goal has no owner, so nobody is answerable for it (goal delta)\n"

    # Lines moved, goals reordered, comments added: still known.
    moved = "# the team's goals\nversion: 1\n\ngoals:\n  - {id: beta, title: Ship another thing, owner: everyone}\n\n" \
            "  # first one\n  - {id: alpha, title: Ship the thing}\n"
    (tmp_path / "team.goals.yaml").write_text(moved)
    code, out, err = run("--baseline", "known.json")
    assert (code, out) == (0, "")

    # An old finding fixed: its entry is stale, and says so.
    (tmp_path / "sales.goals.yaml").write_text(SALES.replace("}", ", owner: kari@example.com}"))
    code, out, err = run("--baseline", "known.json")
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        "goallint: 2 known findings in the baseline known.json not shown",
        "goallint: stale baseline entry: sales.goals.yaml: S001 (goal gamma) no longer occurs "
        "(--update-baseline drops it)",
    ]
    run("--baseline", "known.json", "--update-baseline")
    assert [f["goal"] for f in json.loads((tmp_path / "known.json").read_text())["findings"]] == ["alpha", "beta"]


def test_e_codes_are_never_baselined_and_the_config_names_the_file(run, tmp_path: Path):
    (tmp_path / ".goallint.yaml").write_text(CONFIG + "baseline: known.json\n")
    (tmp_path / "broken.goals.yaml").write_text("version: 1\ngoals:\n  - {id: x, title: t, dedline: 2026-12-31}\n")
    code, out, _err = run("--update-baseline")
    assert code == 1  # the schema finding stays
    assert out == ("broken.goals.yaml:3:23: E002 [error] goals[0]: unknown key 'dedline' "
                   "(did you mean 'deadline'?) (goal x)\n")
    codes = [f["code"] for f in json.loads((tmp_path / "known.json").read_text())["findings"]]
    assert codes == ["S001", "S001", "S001", "S002"] and "E002" not in codes


def test_a_partial_run_keeps_and_ignores_the_other_files_entries(run, tmp_path: Path):
    run("--baseline", "known.json", "--update-baseline")
    (tmp_path / "sales.goals.yaml").write_text(SALES.replace("}", ", owner: kari@example.com}"))
    code, out, err = run("team.goals.yaml", "--baseline", "known.json")
    assert (code, out, err) == (0, "", "goallint: 2 known findings in the baseline known.json not shown\n")
    run("team.goals.yaml", "--baseline", "known.json", "--update-baseline")
    assert len(json.loads((tmp_path / "known.json").read_text())["findings"]) == 3


def test_bad_baselines_and_usage_are_exit_2_with_one_line(run, tmp_path: Path):
    assert run("--update-baseline")[::2] == (
        2, "goallint: error: --update-baseline needs --baseline FILE or 'baseline' in the config\n")
    (tmp_path / "known.json").write_text('{"findings": [{"path": "a"}]}')
    assert run("--baseline", "known.json")[::2] == (
        2, "goallint: error: known.json: not a goallint baseline (missing key 'goal')\n")
    (tmp_path / "known.json").write_text("not json")
    code, _, err = run("--baseline", "known.json")
    assert code == 2 and err.startswith("goallint: error: known.json: not a goallint baseline (Expecting value")
    (tmp_path / "known.json").write_text('{"findings": [{"path": "a", "goal": "", "code": "S001", "rank": "0"}]}')
    code, _, err = run("--baseline", "known.json")
    assert code == 2 and "has a field of the wrong type" in err
