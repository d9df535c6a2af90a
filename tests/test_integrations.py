"""goallint where teams run it: pre-commit for real, and the GitHub Action's definition."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT

GOOD = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    owner: kari@example.com
    parent: pipeline
"""
BAD = """\
version: 1
goals:
  - id: signups
    title: Get 500 newsletter sign-ups
    owner: ola@example.com
    parent: pipline
"""
OBJECTIVES = "version: 1\nobjectives:\n  - {id: pipeline, title: Build the pipeline, owner: ingrid@example.com}\n"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.slow
def test_pre_commit_try_repo(tmp_path):
    """`pre-commit try-repo` installs goallint from this checkout and runs the hook."""
    assert shutil.which("git"), "git is needed for the pre-commit test"
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "company.goals.yaml").write_text(OBJECTIVES)
    (repo / "good.goals.yaml").write_text(GOOD)
    (repo / "bad.goals.yaml").write_text(BAD)
    (repo / ".goallint.yaml").write_text("select: [R002, S001]\n")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("GOALLINT_TODAY", None)

    def hook(*files: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "goallint", "--verbose",
                   "--files", *files]
        return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)

    failed = hook("bad.goals.yaml")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert ("bad.goals.yaml:6:13: R002 [error] parent 'pipline' is not defined "
            "(did you mean 'pipeline'?) (goal signups)") in failed.stdout
    passed = hook("good.goals.yaml")  # its parent lives in another file, which the hook still reads
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "0 errors, 0 warnings, 0 infos in 1 file, 1 goal checked" in passed.stdout
    assert re.search(r"^goallint\.+Passed$", passed.stdout, re.MULTILINE)
    assert re.search(r"^goallint\.+Failed$", failed.stdout, re.MULTILINE)


def test_hook_definition():
    hook, report = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert (report["id"], report["stages"], report["pass_filenames"]) == ("goallint-report", ["manual"], False)
    assert report["entry"] == "goallint report --format html --output goals-report.html"
    assert hook["id"] == "goallint"
    assert hook["entry"] == "goallint check --in-project"
    assert hook["require_serial"] is True and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert [name for name in ("goals.yaml", "team/q3.goals.yml", "x/goals.yaml", "notes.yaml", "mygoals.yaml")
            if pattern.search(name)] == ["goals.yaml", "team/q3.goals.yml", "x/goals.yaml"]


def test_action_declares_and_uses_every_input():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = yaml.safe_dump(action["runs"]["steps"])
    declared = set(action["inputs"])
    assert declared == {"paths", "format", "fail-on", "sarif-file", "python-version"}
    used = set(re.findall(r"inputs\.([a-z-]+)", steps))
    assert used == declared
    for step in action["runs"]["steps"]:  # no ${{ }} inside shell code: inputs reach scripts as env only
        assert "${{" not in step.get("run", "")
