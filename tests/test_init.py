"""`goallint init`: starter files that work, and nothing overwritten without a yes."""

from __future__ import annotations

import datetime as dt
import os

import pytest
import yaml
from click.testing import CliRunner

from goallint import __version__
from goallint.cli import cli, main
from goallint.init import starter_files

WRITTEN = [".goallint.yaml", "goals/team.goals.yaml", ".pre-commit-config.yaml", ".github/workflows/goallint.yml"]


def invoke(tmp_path, *args: str, answers: str | None = None):
    runner = CliRunner()
    return runner.invoke(cli, ["init", str(tmp_path), "--today", "2026-10-15", *args], input=answers)


def test_init_writes_four_files_that_work(tmp_path, monkeypatch, capsys):
    result = invoke(tmp_path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"wrote {tmp_path}/.goallint.yaml (config)",
        f"wrote {tmp_path}/goals/team.goals.yaml (first goal file)",
        f"wrote {tmp_path}/.pre-commit-config.yaml (pre-commit entry)",
        f"wrote {tmp_path}/.github/workflows/goallint.yml (GitHub workflow)",
    ]
    pre_commit = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    assert pre_commit["repos"][0]["rev"] == f"v{__version__}" == "v0.2.0"
    workflow = yaml.safe_load((tmp_path / ".github/workflows/goallint.yml").read_text())
    assert workflow["permissions"] == {"contents": "read", "actions": "read", "security-events": "write"}
    assert [s["uses"] for s in workflow["jobs"]["goallint"]["steps"]] == ["actions/checkout@v6",
                                                                         "goallint/goallint@v0.2.0"]
    monkeypatch.chdir(tmp_path)  # the config and the goal file pass every rule, infos included
    assert main(["check", "--fail-on", "info", "--today", "2026-10-15"]) == 0
    assert capsys.readouterr().out == "0 errors, 0 warnings, 0 infos in 1 file, 1 goal checked\n"


@pytest.mark.parametrize("day", ["2026-01-01", "2026-12-31", "2028-02-29"])
def test_the_first_goal_passes_on_any_day(tmp_path, monkeypatch, capsys, day):
    today = dt.date.fromisoformat(day)
    for starter in starter_files(today):
        (tmp_path / starter.path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / starter.path).write_text(starter.text)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--fail-on", "info", "--today", day]) == 0, capsys.readouterr().out


def test_init_asks_before_overwriting(tmp_path):
    (tmp_path / ".goallint.yaml").write_text("select: [S]\n")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    result = invoke(tmp_path, answers="n\ny\n")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{tmp_path}/.goallint.yaml exists. Overwrite it? [y/N]: n",
        f"kept {tmp_path}/.goallint.yaml",
        f"wrote {tmp_path}/goals/team.goals.yaml (first goal file)",
        f"{tmp_path}/.pre-commit-config.yaml exists. Overwrite it? [y/N]: y",
        f"wrote {tmp_path}/.pre-commit-config.yaml (pre-commit entry)",
        f"wrote {tmp_path}/.github/workflows/goallint.yml (GitHub workflow)",
    ]
    assert (tmp_path / ".goallint.yaml").read_text() == "select: [S]\n"
    assert "rev: v0.2.0" in (tmp_path / ".pre-commit-config.yaml").read_text()


def test_init_flags_answer_every_question(tmp_path):
    for name in WRITTEN:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("mine\n")
    kept = invoke(tmp_path, "--keep-existing")
    assert kept.exit_code == 0 and kept.output == "".join(f"kept {tmp_path}/{name}\n" for name in WRITTEN)
    assert all((tmp_path / name).read_text() == "mine\n" for name in WRITTEN)
    replaced = invoke(tmp_path, "--yes")
    assert replaced.exit_code == 0 and "Overwrite" not in replaced.output
    assert all((tmp_path / name).read_text() != "mine\n" for name in WRITTEN)


def test_init_without_an_answer_writes_nothing_more(tmp_path, capsys, monkeypatch):
    (tmp_path / ".goallint.yaml").write_text("select: [S]\n")
    with open(os.devnull) as empty:  # standard input at its end: no answer
        monkeypatch.setattr("sys.stdin", empty)
        assert main(["init", str(tmp_path)]) == 2
    assert capsys.readouterr().err == "goallint: aborted\n"
    assert (tmp_path / ".goallint.yaml").read_text() == "select: [S]\n"
    assert not (tmp_path / "goals").exists()
