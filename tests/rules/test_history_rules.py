"""H rules: each fires on a real git history built for it, and stays quiet when it should."""

from __future__ import annotations

from gitrepo import GOAL, Repo


def _helps(repo, **kwargs):
    return [(d.code, d.help) for d in repo.history(**kwargs).diagnostics]


def _start(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("goals.yaml", GOAL)
    repo.commit("2026-01-05")
    return repo


def test_h001_target_lowered_after_start(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "target: 400", "target: 350")
    sha = repo.commit("2026-03-02", author="Bob Roe")
    assert repo.found() == [("goals.yaml", "H001", 10, 15, f"target lowered from 400 to 350 in {sha} by Bob Roe on "
                             "2026-03-02, after the goal started: the goal (increase) was made easier")]
    assert _helps(repo) == [("H001", "restore `target: 400`, or explain the change on the goal: `changes: "
                                     "[{date: 2026-03-02, field: target, from: 400, to: 350, reason: ...}]`")]


def test_h001_raised_target_and_tolerance_and_before_start_are_quiet(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("goals.yaml", GOAL.replace("start: 2026-01-01", "start: 2026-04-01"))
    repo.commit("2026-01-05")
    repo.edit("goals.yaml", "target: 400", "target: 390")
    repo.commit("2026-02-01")  # before the start: planning, not moving goalposts
    repo.edit("goals.yaml", "target: 390", "target: 420")
    repo.commit("2026-04-10")  # the hard way
    repo.edit("goals.yaml", "target: 420", "target: 410")
    sha = repo.commit("2026-04-20")  # 10 of the 120 from baseline to target: 8.3 %
    assert repo.found(target_tolerance_percent=10) == []
    assert [f[1:4] for f in repo.found(target_tolerance_percent=5)] == [("H001", 10, 15)]
    assert f"from 420 to 410 in {sha}" in repo.found()[0][4]


def test_h001_decrease_goal_raised(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("goals.yaml", GOAL.replace("baseline: 300", "baseline: 500").replace("target: 400", "target: 200"))
    repo.commit("2026-01-05")
    repo.edit("goals.yaml", "target: 200", "target: 300")
    sha = repo.commit("2026-02-10", author="Cy")
    assert repo.found() == [("goals.yaml", "H001", 10, 15, f"target raised from 200 to 300 in {sha} by Cy on "
                             "2026-02-10, after the goal started: the goal (decrease) was made easier")]


def test_h002_deadline_moves_counted(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "deadline: 2026-03-31", "deadline: 2026-04-30")
    first = repo.commit("2026-03-20", author="Bob Roe")
    repo.edit("goals.yaml", "deadline: 2026-04-30", "deadline: 2026-Q2")
    second = repo.commit("2026-04-25", author="Cy")
    assert repo.found() == [("goals.yaml", "H002", 7, 15, "deadline moved later 2 times after the goal started: "
                             f"2026-03-31 -> 2026-04-30 in {first} by Bob Roe on 2026-03-20; "
                             f"2026-04-30 -> 2026-Q2 in {second} by Cy on 2026-04-25")]
    assert _helps(repo) == [("H002", "restore `deadline: 2026-03-31` and close the goal as done or dropped, or "
                                     "explain each move on the goal, e.g. `changes: [{date: 2026-04-25, field: "
                                     "deadline, from: 2026-04-30, to: 2026-Q2, reason: ...}]`")]
    assert repo.found(deadline_moves_allowed=2) == []


def test_h003_baseline_and_its_date_rewritten(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "baseline: 300", "baseline: 250\n      baseline_date: 2025-12-31")
    sha = repo.commit("2026-02-15", author="Bob Roe")
    assert repo.found() == [
        ("goals.yaml", "H003", 9, 17, f"baseline changed from 300 to 250 in {sha} by Bob Roe on 2026-02-15, "
                                      "after the goal started, so the goal's progress is measured from another point"),
        ("goals.yaml", "H003", 10, 22, f"baseline_date changed from (none) to 2025-12-31 in {sha} by Bob Roe on "
                                       "2026-02-15, after the goal started, so the goal's progress is measured from "
                                       "another point"),
    ]
    assert _helps(repo)[0] == ("H003", "restore `baseline: 300`, or explain the correction on the goal: `changes: "
                                       "[{date: 2026-02-15, field: baseline, from: 300, to: 250, reason: ...}]`")


def test_h004_checkin_value_date_and_removal(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "value: 310", "value: 310\n      - date: 2026-02-28\n        value: 330")
    repo.commit("2026-03-01")
    repo.edit("goals.yaml", "value: 310", "value: 340")
    value = repo.commit("2026-03-10", author="Bob Roe")
    repo.edit("goals.yaml", "date: 2026-02-28", "date: 2026-02-27")
    moved = repo.commit("2026-03-12", author="Cy")
    assert repo.found() == [
        ("goals.yaml", "H004", 15, 16, f"check-in of 2026-01-31 changed from 310 to 340 in {value} by Bob Roe on "
                                       "2026-03-10"),
        ("goals.yaml", "H004", 16, 15, f"check-in date changed from 2026-02-28 to 2026-02-27 in {moved} by Cy on "
                                       "2026-03-12"),
    ]
    assert _helps(repo) == [
        ("H004", "restore `value: 310` and add a new check-in for the new measurement, or explain the correction on "
                 "the goal: `changes: [{date: 2026-03-10, field: checkins, from: 310, to: 340, reason: ...}]`"),
        ("H004", "restore `date: 2026-02-28`, or explain the correction on the goal: `changes: [{date: 2026-03-12, "
                 "field: checkins, from: 2026-02-28, to: 2026-02-27, reason: ...}]`"),
    ]
    repo.write("goals.yaml", GOAL.split("    checkins:")[0])
    gone = repo.commit("2026-03-15", author="Dee")
    assert [f[1:4] for f in repo.found()][-1] == ("H004", 3, 5)
    assert repo.found()[-1][4] == f"check-in of 2026-02-27 (value 330) was removed in {gone} by Dee on 2026-03-15"
    assert _helps(repo)[-1] == ("H004", "put back `{date: 2026-02-27, value: 330}`, or explain the removal on the "
                                        "goal: `changes: [{date: 2026-03-15, field: checkins, from: 330, "
                                        "reason: ...}]`")


def test_h004_correction_within_grace_is_quiet(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "value: 310", "value: 301")
    repo.commit("2026-01-05")
    assert repo.found() == []
    assert [f[1] for f in repo.found(checkin_grace_days=0)] == ["H004"]


def test_h005_goal_removed_while_active(tmp_path):
    repo = _start(tmp_path)
    repo.write("goals.yaml", "version: 1\ngoals:\n  - id: other\n    title: Something else\n")
    sha = repo.commit("2026-02-20", author="Bob Roe")
    assert repo.found() == [("goals.yaml", "H005", 2, 1, f"goal 'leads' was removed in {sha} by Bob Roe on "
                             "2026-02-20 while active (last in goals.yaml, target 400, deadline 2026-03-31), so "
                             "its outcome is lost")]
    assert _helps(repo) == [("H005", "put 'leads' back with `status: dropped` (or `done`) and say why in "
                                     "`description:`")]


def test_h005_closed_or_late_removals_are_quiet(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "owner: Ann", "owner: Ann\n    status: dropped")
    repo.commit("2026-02-01")
    repo.write("goals.yaml", "version: 1\ngoals: []\n")
    repo.commit("2026-02-20")
    assert repo.found() == []
    repo2 = _start(tmp_path / "two")
    repo2.write("goals.yaml", "version: 1\ngoals: []\n")
    repo2.commit("2026-04-20")  # after the deadline: the goal had ended
    assert repo2.found() == []


def test_h006_metric_source_and_unit_changed(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "source: CRM", "source: GA4")
    repo.edit("goals.yaml", "unit: leads", "unit: sessions")
    sha = repo.commit("2026-02-01", author="Bob Roe")
    assert repo.found() == [
        ("goals.yaml", "H006", 11, 13, f"metric unit changed from leads to sessions in {sha} by Bob Roe on "
                                       "2026-02-01, after the goal started: the goal is measured a different way"),
        ("goals.yaml", "H006", 12, 15, f"metric source changed from CRM to GA4 in {sha} by Bob Roe on 2026-02-01, "
                                       "after the goal started: the goal is measured a different way"),
    ]
    assert _helps(repo)[1] == ("H006", "restore `source: CRM` or start a new goal for the new measure, or explain "
                                       "the change on the goal: `changes: [{date: 2026-02-01, field: source, from: "
                                       "CRM, to: GA4, reason: ...}]`")


def test_history_output_shows_the_help(tmp_path):
    repo = _start(tmp_path)
    repo.edit("goals.yaml", "target: 400", "target: 350")
    sha = repo.commit("2026-03-02", author="Bob Roe")
    help_text = ("restore `target: 400`, or explain the change on the goal: `changes: [{date: 2026-03-02, field: "
                 "target, from: 400, to: 350, reason: ...}]`")
    code, out, _err, _ = repo.cli("history", "--today", "2026-03-05")
    assert code == 0  # history findings are warnings
    assert out.splitlines()[:2] == [
        f"goals.yaml:10:15: H001 [warning] target lowered from 400 to 350 in {sha} by Bob Roe on 2026-03-02, after "
        "the goal started: the goal (increase) was made easier (goal leads)",
        f"  help: {help_text}",
    ]
    _code, _out, _err, data = repo.cli("history", "--format", "json", "--today", "2026-03-05")
    [found] = data["diagnostics"]
    assert (found["help"], found["url"]) == (
        help_text, "https://github.com/goallint/goallint/blob/main/docs/rules.md#h001-target-moved-easy-way")
    _code, out, _err, _ = repo.cli("check", "--history-since", "HEAD~1", "--select", "H", "--today", "2026-03-05")
    assert f"  help: {help_text}" in out.splitlines()
