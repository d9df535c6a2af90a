"""Which files a run checks, and why: walk errors, symlinks, .gitignore, stdin, the project root."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from goallint.cli import main
from goallint.project import project_root

OWNERLESS = "version: 1\ngoals:\n  - {id: ID, title: t}\n"
SETTINGS = ["--select", "S001", "--today", "2026-10-15", "--format", "concise"]


def goal(folder: Path, name: str, goal_id: str = "a") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(OWNERLESS.replace("ID", goal_id))
    return path


def git(repo: Path, *args: str) -> None:
    assert shutil.which("git"), "git is needed for the discovery tests"
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def goallint(cwd: Path, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    """The installed command in a subprocess, so standard input and output bytes are real."""
    env = {**os.environ, "NO_COLOR": "1"}
    for name in ("GOALLINT_TODAY", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-m", "goallint", *args], cwd=cwd, input=stdin or b"",
                          capture_output=True, env=env, check=False)
    return done.returncode, done.stdout.decode("utf-8", "backslashreplace"), done.stderr.decode()


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in ("GOALLINT_TODAY", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_a_path_too_long_is_an_error_and_the_rest_is_checked(run, tmp_path):
    goal(tmp_path, "a.goals.yaml")
    deep = Path("deep")
    os.mkdir(deep)
    here = os.getcwd()
    os.chdir(deep)
    for _ in range(45):  # 45 x 101 bytes is past PATH_MAX (4096) from the top
        os.mkdir("d" * 100)
        os.chdir("d" * 100)
    Path("x.goals.yaml").write_text(OWNERLESS)
    os.chdir(here)
    code, out, err = run("check", ".", "-q", *SETTINGS)
    assert code == 2
    assert out == "a.goals.yaml:3:6: S001 [error] goal has no owner, so nobody is answerable for it (goal a)\n"
    (line,) = err.splitlines()
    assert line.startswith("goallint: error: ./deep/" + "d" * 100 + "/")
    assert line.endswith(": cannot read the folder (File name too long)")


def test_an_unreadable_folder_is_an_error_and_the_rest_is_checked(tmp_path):
    """A real unreadable folder: as root (CI), goallint runs without the capabilities that bypass modes."""
    goal(tmp_path, "a.goals.yaml")
    goal(tmp_path, "locked/b.goals.yaml")
    command = [sys.executable, "-m", "goallint", "check", ".", "-q", *SETTINGS]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "as root this test needs util-linux's setpriv to drop the capabilities that ignore modes"
        command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--", *command]
    (tmp_path / "locked").chmod(0)
    try:
        done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
                              env={k: v for k, v in os.environ.items() if not k.startswith(("GOALLINT_", "GITHUB_"))})
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert done.stdout.startswith("a.goals.yaml:3:6: S001")
    assert done.stderr == "goallint: error: ./locked: cannot read the folder (Permission denied)\n"


def test_symlink_loops_are_errors_not_crashes(run, tmp_path):
    goal(tmp_path, "a.goals.yaml")
    (tmp_path / "one.goals.yaml").symlink_to("two.goals.yaml")
    (tmp_path / "two.goals.yaml").symlink_to("one.goals.yaml")
    (tmp_path / "folder").symlink_to(tmp_path)  # a folder that holds itself is not followed
    code, out, err = run("check", "-q", *SETTINGS)
    assert code == 2
    assert out == "a.goals.yaml:3:6: S001 [error] goal has no owner, so nobody is answerable for it (goal a)\n"
    assert err.splitlines() == ["goallint: error: one.goals.yaml: cannot read (a symlink loop)",
                                "goallint: error: two.goals.yaml: cannot read (a symlink loop)"]
    code, out, err = run("check", "one.goals.yaml", *SETTINGS)
    assert (code, err) == (2, "goallint: error: one.goals.yaml: cannot read (a symlink loop)\n")


def test_names_that_are_not_utf8_are_checked_and_shown_with_escapes(tmp_path):
    name = os.fsdecode(b"caf\xe9.goals.yaml")
    goal(tmp_path, name)
    code, out, err = goallint(tmp_path, "check", "--show-files")
    assert (code, out, err) == (0, "caf\\xe9.goals.yaml\n", "")
    code, out, err = goallint(tmp_path, "check", *SETTINGS)
    assert (code, err) == (1, "")
    assert out.endswith(".goals.yaml:3:6: S001 [error] goal has no owner, so nobody is answerable for it (goal a)\n"
                        "1 error, 0 warnings, 0 infos in 1 file, 1 goal checked\n")


def test_symlinks_out_of_the_project_are_refused_unless_allowed(run, tmp_path):
    project, outside = tmp_path / "project", tmp_path / "outside"
    goal(project, "a.goals.yaml")
    (project / ".goallint.yaml").write_text("select: [S001]\n")
    secret = goal(outside, "secret.goals.yaml", "secret")
    (project / "leak.goals.yaml").symlink_to(secret)
    (project / "linked").symlink_to(outside, target_is_directory=True)
    os.chdir(project)
    message = "refused: a symlink to a file outside the project root {} (--allow-outside-root to check it)"
    code, out, err = run("check", "-q", "--today", "2026-10-15")
    assert code == 2
    assert "secret" not in out
    assert err == f"goallint: error: leak.goals.yaml: {message.format(project.resolve())}\n"
    code, out, err = run("check", "linked/secret.goals.yaml", "leak.goals.yaml", "-q")
    assert code == 2 and out == ""
    assert err.splitlines() == [f"goallint: error: linked/secret.goals.yaml: {message.format(project.resolve())}",
                                f"goallint: error: leak.goals.yaml: {message.format(project.resolve())}"]
    code, out, err = run("check", "leak.goals.yaml", "--allow-outside-root", "-q", "--today", "2026-10-15",
                         "--format", "concise")
    assert (code, err) == (1, "")
    assert out == ("leak.goals.yaml:3:6: S001 [error] goal has no owner, so nobody is answerable for it "
                   "(goal secret)\n")


def test_files_git_ignores_are_skipped_unless_named(run, tmp_path):
    git(tmp_path, "init", "-q")
    goal(tmp_path, "a.goals.yaml")
    goal(tmp_path, "build/b.goals.yaml", "b")
    goal(tmp_path, "drafts/c.goals.yaml", "c")
    goal(tmp_path, "drafts/keep.goals.yaml", "keep")
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "drafts" / ".gitignore").write_text("*.goals.yaml\n!keep.goals.yaml\n")
    code, out, err = run("check", "--show-files")
    assert (code, out) == (0, "a.goals.yaml\ndrafts/keep.goals.yaml\n")
    assert err.splitlines() == ["goallint: skipped build (ignored by git)",
                                "goallint: skipped drafts/c.goals.yaml (ignored by git)"]
    code, out, _ = run("check", "-q", *SETTINGS)
    assert [line.split(":")[0] for line in out.splitlines()] == ["a.goals.yaml", "drafts/keep.goals.yaml"]
    code, out, _ = run("check", "build/b.goals.yaml", "-q", *SETTINGS)  # named: always checked
    assert out.startswith("build/b.goals.yaml:3:6: S001") and code == 1
    code, out, err = run("check", "--show-files", "--no-respect-gitignore")
    assert out == "a.goals.yaml\nbuild/b.goals.yaml\ndrafts/c.goals.yaml\ndrafts/keep.goals.yaml\n"
    assert err == ""
    assert run("check", "--show-files", "drafts")[1] == "drafts/keep.goals.yaml\n"  # git asked about drafts only
    git(tmp_path, "add", "-f", "drafts/c.goals.yaml")  # a tracked file is never ignored
    assert run("check", "--show-files")[1] == "a.goals.yaml\ndrafts/c.goals.yaml\ndrafts/keep.goals.yaml\n"


def test_gitignore_below_the_top_when_the_config_is_in_a_subfolder(run, tmp_path):
    git(tmp_path, "init", "-q")
    team = tmp_path / "team"
    goal(team, "a.goals.yaml")
    goal(team, "out/b.goals.yaml", "b")
    (team / ".goallint.yaml").write_text("select: [S001]\n")
    (tmp_path / ".gitignore").write_text("team/out/\n")
    os.chdir(team)
    code, out, err = run("check", "--show-files")
    assert (code, out, err) == (0, "a.goals.yaml\n", "goallint: skipped out (ignored by git)\n")


def test_a_workflow_called_goals_yml_is_not_a_goal_file(run, tmp_path):
    goal(tmp_path, "goals.yml")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "goals.yml").write_text("name: goals\non: [push]\n")
    assert run("check", "--show-files") == (0, "goals.yml\n", "")


def test_a_folder_without_goal_files_is_exit_2_with_a_hint(run, tmp_path):
    goal(tmp_path, "okr/q3.yaml")
    code, out, err = run("check", "okr", *SETTINGS)
    assert code == 2
    assert err == ("goallint: error: okr: no goal files found (goal files are named goals.yaml or *.goals.yaml "
                   "(or .yml), metric catalogues *.metrics.yaml; add an 'include' glob to the config for other "
                   "names)\n")
    (tmp_path / ".goallint.yaml").write_text("include: ['okr/*.yaml']\nselect: [S001]\n")
    code, out, err = run("check", "okr", "-q")
    assert (code, err) == (1, "")
    assert out.startswith("okr/q3.yaml:3:6: S001")


def test_show_settings_applies_the_overrides_of_the_file_named(run, tmp_path):
    (tmp_path / ".goallint.yaml").write_text(
        "ignore: [A]\noverrides:\n  - files: ['team/**']\n    severity: {S002: error}\n"
        "    options: {T005: {max_horizon_days: 100}}\n")
    goal(tmp_path, "team/x.goals.yaml")
    code, out, err = run("check", "--show-settings", "team/x.goals.yaml")
    shown = json.loads(out)
    assert (code, err) == (0, "")
    assert (shown["project_root"], shown["config"], shown["file"]) == (str(tmp_path.resolve()), ".goallint.yaml",
                                                                     "team/x.goals.yaml")
    assert (shown["ignore"], shown["severity"], shown["options"]["T005"]["max_horizon_days"]) == (
        ["A"], {"S002": "error"}, 100)
    shown = json.loads(run("check", "--show-settings")[1])
    assert (shown["file"], shown["severity"], shown["options"]["T005"]["max_horizon_days"]) == (None, {}, 366)
    assert shown["metrics"] == {"pace_tolerance_percent": 10.0}
    assert shown["respect_gitignore"] is True


def test_stdin_takes_config_overrides_and_name_from_stdin_filename(tmp_path):
    goal(tmp_path, "team/other.goals.yaml", "other")
    (tmp_path / "team" / ".goallint.yaml").write_text(
        "select: [S001]\noverrides:\n  - files: ['strict/**']\n    severity: {S001: warning}\n")
    text = OWNERLESS.replace("ID", "typed").encode()
    code, out, err = goallint(tmp_path, "check", "-", "--stdin-filename", "team/strict/new.goals.yaml",
                              "--today", "2026-10-15", "--format", "concise", stdin=text)
    assert (code, err) == (0, "")  # the override made it a warning
    assert out == ("team/strict/new.goals.yaml:3:6: S001 [warning] goal has no owner, so nobody is answerable for "
                   "it (goal typed)\n0 errors, 1 warning, 0 infos in 1 file, 1 goal checked\n")
    code, out, err = goallint(tmp_path, "check", "-", "--in-project", "--stdin-filename", "team/x.goals.yaml",
                              "--select", "E004", "--today", "2026-10-15",
                              stdin=OWNERLESS.replace("ID", "other").encode())
    assert code == 1 and out.startswith("team/x.goals.yaml:3:10: E004 [error] id 'other' is already used")
    code, out, err = goallint(tmp_path, "check", "-", "a.goals.yaml", stdin=text)
    assert (code, err) == (2, "goallint: error: '-' (standard input) cannot be combined with other paths\n")


def test_format_dash_writes_to_stdout_and_moves_the_text_to_stderr(run, tmp_path):
    goal(tmp_path, "a.goals.yaml")
    code, out, err = run("check", "a.goals.yaml", "--output-format", "sarif=-", "-q", *SETTINGS)
    assert code == 1
    assert [r["ruleId"] for r in json.loads(out)["runs"][0]["results"]] == ["S001"]
    assert err.startswith("a.goals.yaml:3:6: S001 [error]")
    assert not (tmp_path / "-").exists()
    code, _, err = run("check", "a.goals.yaml", "--output-format", "sarif=-", "--output-format", "json=-")
    assert code == 2 and "only one FORMAT=- can take standard output" in err


def test_project_root_is_config_folder_else_git_top_else_cwd(tmp_path):
    nested = tmp_path / "repo" / "team" / "q3"
    nested.mkdir(parents=True)
    assert project_root(None, nested) == nested.resolve()
    git(tmp_path / "repo", "init", "-q")
    assert project_root(None, nested) == (tmp_path / "repo").resolve()
    assert project_root(tmp_path / "repo" / "team" / ".goallint.yaml", nested) == (tmp_path / "repo/team").resolve()


def test_in_project_from_a_subfolder_reads_the_whole_repository(run, tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "company.goals.yaml").write_text("version: 1\nobjectives:\n  - {id: top, title: Top}\n")
    team = tmp_path / "team"
    team.mkdir()
    (team / "x.goals.yaml").write_text("version: 1\ngoals:\n  - {id: x, title: t, parent: top}\n")
    os.chdir(team)
    code, out, err = run("check", "x.goals.yaml", "--in-project", "--select", "R002", *SETTINGS[2:])
    assert (code, err) == (0, "")
    assert out == "0 errors, 0 warnings, 0 infos in 1 file, 1 goal checked\n"
