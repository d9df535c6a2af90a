"""History across real git repositories: renames, merges, ids, splits, bad YAML, rewrites, shallow clones."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from gitrepo import GOAL, Repo

from goallint.history.run import changes_by_goal


def _start(tmp_path, name="goals.yaml"):
    repo = Repo(tmp_path / "repo")
    repo.write(name, GOAL)
    repo.commit("2026-01-05")
    return repo


def test_renamed_file_is_followed(tmp_path):
    repo = _start(tmp_path)
    repo.git("mv", "goals.yaml", "sales.goals.yaml")
    repo.commit("2026-01-20")
    repo.edit("sales.goals.yaml", "target: 400", "target: 350")
    sha = repo.commit("2026-03-02", author="Bob Roe")
    assert [(f[0], f[1], f[2], f[3]) for f in repo.found()] == [("sales.goals.yaml", "H001", 10, 15)]
    assert f"from 400 to 350 in {sha} by Bob Roe" in repo.found()[0][4]


def test_rename_and_edit_in_one_commit(tmp_path):
    repo = _start(tmp_path)
    (repo.path / "team").mkdir()
    repo.git("mv", "goals.yaml", "team/q1.goals.yaml")
    repo.edit("team/q1.goals.yaml", "deadline: 2026-03-31", "deadline: 2026-05-31")
    sha = repo.commit("2026-02-02", author="Bob Roe")
    assert repo.found("team") == [("team/q1.goals.yaml", "H002", 7, 15, "deadline moved later once after the goal "
                                   f"started: 2026-03-31 -> 2026-05-31 in {sha} by Bob Roe on 2026-02-02")]


def test_change_made_on_a_merged_branch_is_credited_to_its_commit(tmp_path):
    repo = _start(tmp_path)
    repo.git("checkout", "-q", "-b", "feature")
    repo.edit("goals.yaml", "target: 400", "target: 330")
    branch = repo.commit("2026-02-10", author="Bob Roe")
    repo.git("checkout", "-q", "main")
    repo.write("notes.goals.yaml", "version: 1\ngoals: []\n")
    repo.commit("2026-02-11", author="Ann Lee")
    repo.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature", author="Ann Lee", date="2026-02-12")
    merge = repo.short()
    found = repo.found()
    assert [(f[1], f[2], f[3]) for f in found] == [("H001", 10, 15)]
    assert found[0][4].startswith(f"target lowered from 400 to 330 in {branch} by Bob Roe on 2026-02-10")
    assert merge != branch
    # judged from main before the merge: the pull request's change is found all the same
    assert [f[1] for f in repo.found(since="HEAD^1")] == ["H001"]


def test_goal_whose_id_changes_is_followed(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "id: leads", "id: inbound-leads")
    repo.commit("2026-01-20")
    repo.edit("goals.yaml", "target: 400", "target: 360")
    sha = repo.commit("2026-02-20", author="Bob Roe")
    result = repo.history()
    assert [(d.code, d.line, d.column, d.goal) for d in result.diagnostics] == [("H001", 10, 15, "inbound-leads")]
    assert f"in {sha}" in result.diagnostics[0].message
    assert [t.former_ids[0][0] for t in result.timelines] == ["leads"]


def test_file_split_in_two_keeps_each_goal(tmp_path):
    repo = Repo(tmp_path / "repo")
    second = GOAL.split("goals:\n", 1)[1].replace("id: leads", "id: churn").replace("Reach 400", "Keep 400")
    repo.write("goals.yaml", GOAL + second)
    repo.commit("2026-01-05")
    repo.write("goals.yaml", GOAL)
    repo.write("churn.goals.yaml", "version: 1\ngoals:\n" + second)
    repo.commit("2026-01-25", message="split")
    assert repo.found() == []  # nothing was removed: the goal moved
    repo.edit("churn.goals.yaml", "target: 400", "target: 380")
    sha = repo.commit("2026-02-25", author="Bob Roe")
    assert [(f[0], f[1], f[2], f[3]) for f in repo.found()] == [("churn.goals.yaml", "H001", 10, 15)]
    assert f"in {sha}" in repo.found()[0][4]


def test_unparsable_version_is_skipped_and_said(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "target: 400", "target: [400")
    broken = repo.commit("2026-02-01")
    repo.edit("goals.yaml", "target: [400", "target: 370")
    fixed = repo.commit("2026-02-02", author="Bob Roe")
    result = repo.history()
    assert result.warnings == [f"goals.yaml at {broken}: the YAML did not parse (line 11: while parsing a flow "
                               "sequence did not find expected ',' or ']'); that version is skipped"]
    assert [(d.code, d.line) for d in result.diagnostics] == [("H001", 10)]
    assert f"from 400 to 370 in {fixed}" in result.diagnostics[0].message


def test_force_pushed_history(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "target: 400", "target: 350")
    repo.commit("2026-03-02", author="Bob Roe")
    old = repo.git("rev-parse", "HEAD")
    # the branch is rewritten from scratch: the lowered target now looks original
    repo.git("checkout", "-q", "--orphan", "rewritten")
    repo.commit("2026-01-05", message="rewritten")
    assert repo.found() == []  # the rewritten history shows no change: judged as it now is
    result = repo.history(since=old)
    assert result.warnings == [f"'{old}' shares no history with HEAD (the history was rewritten, or the clone is "
                               "too shallow to reach it); judging all of HEAD's history"]
    assert result.diagnostics == []
    # main is force-pushed back one commit and moves on: the old tip is no ancestor,
    # and the changes since the commit both share are judged
    repo.git("checkout", "-q", "main")
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.edit("goals.yaml", "deadline: 2026-03-31", "deadline: 2026-04-30")
    sha = repo.commit("2026-03-05", author="Cy")
    result = repo.history(since=old)
    assert result.warnings == []
    assert [(d.code, d.line) for d in result.diagnostics] == [("H002", 7)]
    assert f"in {sha} by Cy" in result.diagnostics[0].message
    assert [(d.code, d.line) for d in repo.history().diagnostics] == [("H002", 7)]  # the old lowering is gone


def test_goal_removed_with_its_file(tmp_path):
    repo = _start(tmp_path)
    repo.write("keep.goals.yaml", "version: 1\ngoals: []\n")
    repo.commit("2026-01-06")
    repo.git("rm", "-q", "goals.yaml")
    sha = repo.commit("2026-02-01", author="Bob Roe")
    assert [f[:4] for f in repo.found()] == [("goals.yaml", "H005", 1, 1)]
    assert repo.found()[0][4].startswith(f"goal 'leads' was removed in {sha} by Bob Roe on 2026-02-01 while active")
    assert repo.found("keep.goals.yaml") == []  # out of scope: only the file named is judged


def test_unparsable_work_tree_file_is_not_a_removal(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "target: 400", "target: [400")
    assert repo.found() == []


def test_shallow_clone_warns_how_far_history_reaches(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "target: 400", "target: 350")
    repo.commit("2026-03-02", author="Bob Roe")
    repo.edit("goals.yaml", "owner: Ann", "owner: Ann Lee")
    last = repo.commit("2026-03-05")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True)
    shallow = Repo.__new__(Repo)
    shallow.path = clone
    result = shallow.history()
    assert result.warnings == [f"this is a shallow clone: history reaches back only to {last} (2026-03-05); changes "
                               "made before it are not judged (fetch the full history with 'git fetch --unshallow')"]
    assert result.diagnostics == []  # the lowered target is older than the clone: not judged, not guessed
    assert [d.code for d in repo.history().diagnostics] == ["H001"]


def test_explained_change_is_accepted_and_shown(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "target: 400", "target: 350")
    repo.edit("goals.yaml", "    checkins:", "    changes:\n      - {date: 2026-03-02, field: metric.target, "
                                             "from: 400, to: 350, reason: budget cut}\n    checkins:")
    sha = repo.commit("2026-03-02", author="Bob Roe")
    assert repo.found() == []
    code, out, err, _ = repo.cli("history", "--today", "2026-06-01")
    assert (code, err) == (0, "")
    assert out == (f"goals.yaml:10:15: explained: leads: target 400 -> 350 in {sha} by Bob Roe on 2026-03-02: "
                   "budget cut\n0 findings in the history of 1 goals over 2 commits\n")
    assert repo.cli("check", "goals.yaml", "--select", "E", "--today", "2026-03-05")[0] == 0  # the schema takes it


def test_uncommitted_change_is_judged_as_the_work_tree(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "target: 400", "target: 380")
    found = repo.found(today=dt.date(2026, 2, 1))
    assert found == [("goals.yaml", "H001", 10, 15, "target lowered from 400 to 380 in work tree by Ann Lee on "
                      "2026-02-01, after the goal started: the goal (increase) was made easier")]


def test_history_command_exit_codes_and_json(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "value: 310", "value: 390")
    sha = repo.commit("2026-03-02", author="Bob Roe")
    code, _out, err, data = repo.cli("history", "--format", "json")
    assert (code, err) == (1, "")  # H004 is an error
    assert [(d["code"], d["line"], d["column"], d["goal"]) for d in data["diagnostics"]] == [("H004", 15, 16, "leads")]
    assert (data["commits"], data["goals"], data["warnings"]) == (2, 1, [])
    assert sha in data["diagnostics"][0]["message"]
    code, out, _err, _ = repo.cli("check", "--history-since", "HEAD~1", "--select", "H", "--today", "2026-03-05")
    assert code == 1
    assert out.startswith(f"goals.yaml:15:16: H004 [error] check-in of 2026-01-31 changed from 310 to 390 in {sha}")
    assert repo.cli("check", "--history-since", "HEAD", "--select", "H", "--today", "2026-03-05")[0] == 0


def test_bad_refs_and_no_repository_exit_2(tmp_path):
    repo = _start(tmp_path)
    for args, message in [
        (("history", "--since", "no-such-ref"), "goallint: error: 'no-such-ref' does not name a commit in this "
                                                "repository\n"),
        (("history", "--since=--upload-pack=touch pwned"), "goallint: error: '--upload-pack=touch pwned' is not a "
                                                            "revision (a revision may not start with '-')\n"),
        (("check", "--history-since", "HEAD~9"), "goallint: error: 'HEAD~9' does not name a commit in this "
                                                 "repository\n"),
    ]:
        code, _out, err, _ = repo.cli(*args)
        assert (code, err) == (2, message)
    assert not (repo.path / "pwned").exists()
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "goals.yaml").write_text(GOAL, encoding="utf-8")
    outside = Repo.__new__(Repo)
    outside.path = plain
    env = os.environ.get("GIT_CEILING_DIRECTORIES")
    os.environ["GIT_CEILING_DIRECTORIES"] = str(tmp_path)
    try:
        code, _out, err, _ = outside.cli("history")
    finally:
        if env is None:
            del os.environ["GIT_CEILING_DIRECTORIES"]
        else:
            os.environ["GIT_CEILING_DIRECTORIES"] = env
    assert (code, err) == (2, f"goallint: error: {plain}: not inside a git repository; history needs one\n")


def test_no_git_on_path_is_one_line(tmp_path, monkeypatch):
    repo = _start(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, _out, err, _ = repo.cli("history")
    assert (code, err) == (2, "goallint: error: git is not installed (or not on PATH); history needs it\n")


def test_file_names_never_reach_a_shell(tmp_path):
    repo = Repo(tmp_path / "repo")
    name = "-n $(touch pwned); `touch pwned2` 'q' \"d\" ünï.goals.yaml"
    repo.write(name, GOAL)
    repo.commit("2026-01-05")
    repo.edit(name, "target: 400", "target: 300")
    repo.commit("2026-02-05")
    assert [(f[0], f[1]) for f in repo.found()] == [(name, "H001")]
    assert {p.name for p in repo.path.iterdir()} == {".git", name}


def test_changes_by_goal_for_the_report(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "target: 400", "target: 350")
    repo.edit("goals.yaml", "deadline: 2026-03-31", "deadline: 2026-04-30")
    repo.edit("goals.yaml", "    checkins:", "    changes:\n      - {field: deadline, to: 2026-04-30, "
                                             "reason: launch moved}\n    checkins:")
    sha = repo.commit("2026-03-02", author="Bob Roe")
    changes = changes_by_goal(repo.history())
    assert [(c.goal, c.field, c.old, c.new, c.commit, c.author, c.date, c.after_start, c.reason, c.line)
            for c in changes["leads"]] == [
        ("leads", "deadline", "2026-03-31", "2026-04-30", sha, "Bob Roe", dt.date(2026, 3, 2), True, "launch moved", 7),
        ("leads", "target", 400, 350, sha, "Bob Roe", dt.date(2026, 3, 2), True, None, 10),
    ]


def test_pre_commit_history_args_judge_the_staged_change(tmp_path):
    """The README's second pre-commit hook: the goallint hook's entry with the history arguments."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "        args: [--history-since, HEAD, --select, H, --fail-on, warning]\n" in readme
    command = ["check", "--in-project", "--history-since", "HEAD", "--select", "H", "--fail-on", "warning"]
    first = Repo(tmp_path / "new")
    first.write("goals.yaml", GOAL)
    first.git("add", "goals.yaml")
    assert first.cli(*command, "goals.yaml", "--today", "2026-01-05")[:3] == (
        0, "0 errors, 0 warnings, 0 infos in 1 file, 1 goal checked\n",
        "goallint: warning: the repository has no commits yet: there is no history to judge\n")
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "deadline: 2026-03-31", "deadline: 2026-05-31")
    repo.git("add", "goals.yaml")
    code, out, err, _ = repo.cli(*command, "goals.yaml", "--today", "2026-02-01")
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == ("goals.yaml:7:15: H002 [warning] deadline moved later once after the goal "
                                   "started: 2026-03-31 -> 2026-05-31 in work tree by Ann Lee on 2026-02-01 "
                                   "(goal leads)")


def test_parsing_in_processes_gives_the_same_timelines(tmp_path, monkeypatch):
    from goallint.history import timeline

    repo = _start(tmp_path)
    for number, target in enumerate((390, 380, 370), start=1):
        repo.edit("goals.yaml", f"target: {target + 10}", f"target: {target}")
        repo.commit(f"2026-02-0{number}")
    serial = repo.found()
    monkeypatch.setattr(timeline, "PARALLEL_FROM", 1)
    from goallint import parallel

    monkeypatch.setattr(parallel, "cores", lambda: 3)  # three shares even on a smaller machine
    assert repo.found() == serial
    assert [f[4][:30] for f in serial] == ["target lowered from 380 to 370", "target lowered from 390 to 380",
                                          "target lowered from 400 to 390"]  # sorted by message on one line
