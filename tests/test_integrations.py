"""goallint where teams run it: pre-commit for real, and the GitHub Action's definition."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT

from goallint import __version__

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


@pytest.mark.slow
def test_pre_commit_blocks_a_commit_that_reuses_an_existing_id(tmp_path):
    """A real commit through a real pre-commit hook: the new file that reuses an old id is refused."""
    assert shutil.which("git"), "git is needed for the pre-commit test"
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "kari@example.com")
    _git(repo, "config", "user.name", "Kari")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: goallint\n")
    (repo / ".goallint.yaml").write_text("select: [E004]\n")
    (repo / "old.goals.yaml").write_text(GOOD.replace("parent: pipeline\n", ""))  # id 'leads', line 3
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "old goals")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("GOALLINT_TODAY", None)
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env,
                               capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # "a-new" sorts before "old": the new file holds the first copy of the id in project order.
    (repo / "a-new.goals.yaml").write_text(BAD.replace("id: signups", "id: leads").replace("pipline", "x"))
    _git(repo, "add", "a-new.goals.yaml")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    commit = subprocess.run(["git", "commit", "-m", "new goals"], cwd=repo, env=env, capture_output=True,
                            text=True, check=False)
    assert commit.returncode == 1, commit.stdout + commit.stderr
    assert ("a-new.goals.yaml:3:9: E004 [error] id 'leads' is also used by the goal at old.goals.yaml:3 "
            "(goal leads)") in commit.stdout + commit.stderr
    log = subprocess.run(["git", "log", "--oneline"], cwd=repo, capture_output=True, text=True, check=True)
    assert len(log.stdout.splitlines()) == 1  # the commit did not land


def test_in_project_reports_a_cross_file_finding_on_the_file_checked(tmp_path, capsys, monkeypatch):
    from goallint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".goallint.yaml").write_text("select: [E004, A004]\noptions: {A004: {max_active_goals_per_owner: 2}}\n")
    owned = "  - {{id: {id}, title: t, owner: kari@example.com}}\n"
    (tmp_path / "old.goals.yaml").write_text("version: 1\ngoals:\n" + owned.format(id="o1") + owned.format(id="o2"))
    (tmp_path / "a-new.goals.yaml").write_text("version: 1\ngoals:\n" + owned.format(id="o1"))
    assert main(["check", "-q", "--format", "concise", "--in-project", "a-new.goals.yaml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "a-new.goals.yaml:3:10: E004 [error] id 'o1' is also used by the goal at old.goals.yaml:3 (goal o1)",
        "a-new.goals.yaml:3:31: A004 [warning] owner 'kari@example.com' holds 3 active goals (limit 2), with "
        "others in old.goals.yaml: too many to chase them all (goal o1)",
    ]
    # the whole project: each finding once, on the later copy, as before
    assert main(["check", "-q", "--format", "concise"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "old.goals.yaml:3:10: E004 [error] id 'o1' is already used by the goal at a-new.goals.yaml:3 (goal o1)",
        "old.goals.yaml:4:31: A004 [warning] owner 'kari@example.com' holds 3 active goals (limit 2): "
        "too many to chase them all (goal o2)",
    ]


def test_hook_definition():
    hook, report = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert (report["id"], report["stages"], report["pass_filenames"]) == ("goallint-report", ["manual"], False)
    assert report["entry"] == "goallint report --format html --output goals-report.html"
    assert hook["id"] == "goallint"
    assert hook["entry"] == "goallint check --in-project --format concise"
    assert hook["require_serial"] is True and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert [name for name in ("goals.yaml", "team/q3.goals.yml", "x/goals.yaml", "notes.yaml", "mygoals.yaml")
            if pattern.search(name)] == ["goals.yaml", "team/q3.goals.yml", "x/goals.yaml"]
    assert re.search(hook["exclude"], ".github/workflows/goals.yml") and not re.search(hook["exclude"], "goals.yaml")


CURRENT_MAJOR = {"actions/checkout": "v6", "actions/setup-python": "v6", "github/codeql-action/upload-sarif": "v4"}


def test_action_declares_and_uses_every_input():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = yaml.safe_dump(action["runs"]["steps"])
    declared = set(action["inputs"])
    assert declared == {"paths", "format", "fail-on", "config", "args", "sarif-file", "version", "python-version"}
    used = set(re.findall(r"inputs\.([a-z-]+)", steps))
    assert used == declared
    assert set(action["outputs"]) == {"errors", "warnings", "sarif-file"}
    for name, output in action["outputs"].items():
        assert output["value"] == f"${{{{ steps.check.outputs.{name} }}}}"
    for step in action["runs"]["steps"]:  # no ${{ }} inside shell code: inputs reach scripts as env only
        assert "${{" not in step.get("run", "")


def _uses(text: str) -> list[str]:
    return re.findall(r"uses:\s*([^\s#]+)", text)


def test_every_action_used_is_on_its_current_major_version():
    readme = (ROOT / "README.md").read_text()
    from goallint.init import starter_files

    workflow = next(s.text for s in starter_files(dt.date(2026, 10, 15)) if s.path.endswith(".yml"))
    found = _uses((ROOT / "action.yml").read_text()) + _uses(readme) + _uses(workflow)
    third_party = [u for u in found if not u.startswith("goallint/")]
    assert {u.split("@")[0] for u in third_party} == set(CURRENT_MAJOR)
    assert [u for u in third_party if u.split("@")[1] != CURRENT_MAJOR[u.split("@")[0]]] == []
    assert {u for u in found if u.startswith("goallint/")} == {f"goallint/goallint@v{__version__}"}


def test_examples_pin_the_release_tag_not_a_branch():
    readme = (ROOT / "README.md").read_text()
    assert "rev: main" not in readme and "@main" not in readme
    assert f"rev: v{__version__}" in readme
    assert f'pip install "git+https://github.com/goallint/goallint@v{__version__}"' in readme
    assert f"## {__version__}" in (ROOT / "CHANGELOG.md").read_text()


def test_version_is_printed(capsys):
    from goallint.cli import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"goallint, version {__version__}\n" == "goallint, version 0.2.0\n"


def _step_env(step: dict, inputs: dict[str, str], python_path: str) -> dict[str, str]:
    """The step's env with the expressions GitHub would fill in."""
    values = {f"inputs.{k}": v for k, v in inputs.items()}
    values |= {"github.action_path": str(ROOT), "steps.python.outputs.python-path": python_path}
    return {name: re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", lambda m: values[m.group(1)], str(value))
            for name, value in step.get("env", {}).items()}


@pytest.mark.slow
def test_action_shell_steps_run(tmp_path):
    """Each shell step of the action, run as the runner runs it, with inputs in env."""
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    work, temp = tmp_path / "work", tmp_path / "runner-temp"
    work.mkdir()
    temp.mkdir()
    (work / "goals").mkdir()
    (work / "goals" / "a.goals.yaml").write_text("version: 1\ngoals:\n  - {id: a, title: t, owner: everyone}\n")
    (work / "lint.yaml").write_text("select: [S001, S002]\n")
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    inputs |= {"paths": "goals", "format": "concise", "fail-on": "warning", "config": "lint.yaml",
               "args": "--today 2026-10-15", "sarif-file": "out.sarif"}
    outputs = tmp_path / "github-output"
    base = {**os.environ, "RUNNER_TEMP": str(temp), "GITHUB_OUTPUT": str(outputs), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GOALLINT_TODAY"):
        base.pop(name, None)
    shell_steps = [step for step in action["runs"]["steps"] if "run" in step]
    assert [step["name"] for step in shell_steps] == ["Install goallint", "Check goals"]

    def run(step: dict, **changed: str) -> subprocess.CompletedProcess[str]:
        env = {**base, **_step_env(step, inputs | changed, python_path=sys.executable)}
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=work,
                              env=env, capture_output=True, text=True, check=False)

    installed = run(shell_steps[0])
    assert installed.returncode == 0, installed.stderr
    checked = run(shell_steps[1])
    assert checked.returncode == 1, checked.stderr
    assert checked.stdout.splitlines() == [
        "goals/a.goals.yaml:3:30: S002 [warning] owner 'everyone' is a group, not a person: what everyone owns, "
        "nobody chases (goal a)",
        "0 errors, 1 warning, 0 infos in 1 file, 1 goal checked"]
    assert outputs.read_text() == "errors=0\nwarnings=1\nsarif-file=out.sarif\n"
    assert json.loads((work / "out.sarif").read_text())["runs"][0]["results"][0]["ruleId"] == "S002"

    outputs.write_text("")  # a config that cannot be read: exit 2, no SARIF, so no upload
    failed = run(shell_steps[1], config="missing.yaml")
    assert failed.returncode == 2
    assert not (work / "out.sarif").exists()
    assert outputs.read_text() == ""
    upload = action["runs"]["steps"][-1]
    assert upload["if"] == "always() && steps.check.outputs.sarif-file != ''"


def test_the_suite_needs_nothing_beside_the_clone():
    """No test reads outside the repository; the YAML test suite corpus is vendored with its licence."""
    outside = [p.name for p in (ROOT / "tests").glob("*.py")
               if p.name != "test_integrations.py"
               and re.search(r"ROOT\.parent|\.\./shared|\"shared\"|parent\.parent\.parent", p.read_text())]
    assert outside == []
    corpus = ROOT / "tests" / "yaml-test-suite"
    assert (corpus / "LICENSE").read_text().startswith("MIT License")
    assert len(list(corpus.glob("cases/*/in.yaml"))) == 402 and len(list(corpus.glob("cases/*/error"))) == 94


def test_ci_runs_the_readme_commands_in_a_fresh_clone():
    setup = (ROOT / "README.md").read_text().split("## Set-up", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"```sh\n(.*?)```", setup, re.S)[:2] == [
        "pip install . && goallint check goals.example.yaml --today 2026-10-15\n",
        "pip install -e '.[test]' && npm install --prefix .ci/node --no-audit --no-fund axe-core@4 mermaid@11 "
        "&& pytest\n"]
    script = (ROOT / ".ci" / "run").read_text()
    assert 'git clone --quiet "$PWD" "$clone_parent/goallint"' in script
    assert 'readme_commands README.md' in script and 'bash -euo pipefail -c "${commands[$index]}"' in script
