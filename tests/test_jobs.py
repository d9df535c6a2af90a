"""--jobs: files parsed in several processes give exactly the serial run's output."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path
from typing import Any

from helpers import ROOT, TODAY

from goallint.cli import main
from goallint.config import Settings
from goallint.linter import _cross_reads, _slim, check
from goallint.parallel import worth_parallel

GOAL = """\
  - id: {id}
    title: {title}
    owner: {owner}
    parent: {parent}
    status: {status}
    start: 2026-01-01
    deadline: {deadline}
    metric: {{baseline: 100, target: {target}, unit: leads}}
    checkins: [{{date: 2026-03-01, value: 101}}, {{date: 2026-06-01, value: 102}}]
"""


def _write_project(folder: Path, files: int = 12, goals: int = 90) -> list[Path]:
    rng = random.Random(7)
    paths = []
    for number in range(files):
        lines = ["version: 1", "period: 2026"]
        if number == 0:
            lines += ["objectives:", "  - {id: o1, title: Grow, owner: ceo@example.com, deadline: 2026-06-30}",
                      "  - {id: o2, title: Keep, owner: ceo@example.com, status: dropped}"]
        lines.append("goals:")
        text = "\n".join(lines) + "\n"
        for index in range(goals):
            text += GOAL.format(
                id=f"g{number}-{index}" if rng.random() > 0.05 else "dup",
                title=rng.choice(["Reach 400 leads", "Improve things ASAP", "Grow visits to 18,000"]),
                owner=rng.choice(["kari@example.com", "ola@example.com", "TBD"] + [f"o{i}@x.no" for i in range(40)]),
                parent=rng.choice(["o1", "o2", "o3", f"g{number}-{max(index - 1, 0)}"]),
                status=rng.choice(["active", "active", "done", "draft"]),
                deadline=rng.choice(["2026-12-31", "2026-02-30", "2026-Q2", "2027-06-30"]),
                target=rng.choice([400, 90, 1000, "lots"]),
            )
        if number == 3:
            text = text.replace("  - id: g3-0\n", "  - id: g3-0  # goallint: disable=S -- a reason\n")
        if number == 5:
            text += "  - id: broken\n    title: [unclosed\n"
        path = folder / f"team-{number:02d}.goals.yaml"
        path.write_text(text)
        paths.append(path)
    return paths


def test_jobs_output_is_identical_to_serial(tmp_path, monkeypatch, capsys):
    paths = _write_project(tmp_path)
    settings = Settings(root=tmp_path)
    assert worth_parallel([(p, p.name, True) for p in paths], 2)
    serial = check(paths, settings, TODAY, cwd=tmp_path, jobs=1)
    parallel = check(paths, settings, TODAY, cwd=tmp_path, jobs=2)
    assert len(serial.diagnostics) > 1000
    assert {d.code for d in serial.diagnostics} >= {"E001", "E004", "A004", "R002", "R003", "R005", "R006", "S002"}
    assert parallel.diagnostics == serial.diagnostics
    assert parallel.suppressed == serial.suppressed and serial.suppressed
    assert (parallel.files, parallel.goals, parallel.paths) == (serial.files, serial.goals, serial.paths)

    monkeypatch.chdir(tmp_path)
    outputs = []
    for jobs in ("1", "2"):
        assert main(["check", ".", "--format", "sarif", "--jobs", jobs, "--today", TODAY.isoformat()]) == 1
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]


def test_jobs_share_the_runs_did_you_mean_budget_as_one_process_does(tmp_path):
    # 2,400 goals naming unknown parents: the searches run out of their shared budget part way
    # through the first file, so a second process with a budget of its own would suggest more.
    paths = []
    for number in range(2):
        goals = "".join(f"  - {{id: goal-{number}-{index:04d}, title: Reach 400 leads, owner: kari@example.com, "
                        f"parent: goal-{number}-{index:04d}x, deadline: 2026-12-31}}\n" for index in range(1200))
        path = tmp_path / f"team-{number}.goals.yaml"
        path.write_text("version: 1\ngoals:\n" + goals)
        paths.append(path)
    settings = Settings(root=tmp_path, select=["R002"])
    assert worth_parallel([(p, p.name, True) for p in paths], 2)
    serial = check(paths, settings, TODAY, cwd=tmp_path, jobs=1)
    parallel = check(paths, settings, TODAY, cwd=tmp_path, jobs=2)
    hinted = [d for d in serial.diagnostics if "did you mean" in d.message]
    assert len(serial.diagnostics) == 2400 and 0 < len(hinted) < 1200
    assert parallel.diagnostics == serial.diagnostics


def test_jobs_with_project_context(tmp_path):
    paths = _write_project(tmp_path)
    settings = Settings(root=tmp_path)
    serial = check(paths[3:5], settings, TODAY, cwd=tmp_path, context=paths, jobs=1)
    parallel = check(paths[3:5], settings, TODAY, cwd=tmp_path, context=paths, jobs=2)
    assert parallel.diagnostics == serial.diagnostics
    assert {d.path for d in serial.diagnostics} == {"team-03.goals.yaml", "team-04.goals.yaml"}


def test_small_runs_stay_in_one_process(tmp_path):
    paths = _write_project(tmp_path, files=2, goals=3)
    assert not worth_parallel([(p, p.name, True) for p in paths], 2)
    assert not worth_parallel([(paths[0], "x", True)], 2)


def test_slim_files_keep_what_cross_rules_read():
    from goallint import loader

    text = textwrap.dedent("""\
        version: 1
        defaults: {owner: kari@example.com, why: x}
        goals:
          - title: first key
            id: a
            metric: {target: 1}
            deadline: 2026-12-31
    """)
    document = loader.parse(text)
    from goallint.model import GoalFile

    slim = _slim(GoalFile("x", document.data, document.source_map), _cross_reads(Settings()))
    assert slim.data == {"version": 1, "defaults": {"owner": "kari@example.com"},
                         "goals": [{"title": "first key", "id": "a", "deadline": "2026-12-31"}]}
    assert slim.source_map.value(("goals", 0, "deadline")) == document.source_map.value(("goals", 0, "deadline"))
    assert slim.source_map.key(("goals", 0, "title")) == document.source_map.key(("goals", 0, "title"))
    assert ROOT.exists()


def test_aliased_goals_survive_slimming(tmp_path):
    text = "version: 1\ngoals:\n  - &g {id: a, title: t, owner: kari@example.com, parent: nowhere}\n  - *g\n"
    paths = []
    for number in range(3):
        path = tmp_path / f"t{number}.goals.yaml"
        path.write_text(text.replace("id: a", f"id: a{number}") + "# " + "padding " * 12000 + "\n")
        paths.append(path)
    settings = Settings(root=tmp_path, select=["E004", "R002", "A004"])
    serial = check(paths, settings, TODAY, cwd=tmp_path, jobs=1)
    parallel = check(paths, settings, TODAY, cwd=tmp_path, jobs=2)
    assert [(d.code, d.line) for d in serial.diagnostics][:3] == [("R002", 3), ("E004", 4), ("R002", 4)]
    assert parallel.diagnostics == serial.diagnostics


# -- processes that die: the run fails loudly, and nothing is left behind ----------------------

def _big_project(folder: Path) -> list[str]:
    _write_project(folder, files=4, goals=2500)  # about 1 MB a file: each worker is busy for seconds
    (folder / ".goallint.yaml").write_text("max_file_bytes: 100000000\n")
    return sorted(p.name for p in folder.glob("*.goals.yaml"))


def _start(folder: Path, *args: str) -> Any:
    import os
    import subprocess
    import sys

    env = {**os.environ, "NO_COLOR": "1", "GOALLINT_TODAY": "2026-10-15"}
    return subprocess.Popen([sys.executable, "-m", "goallint", "check", "-q", *args], cwd=folder, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(part) for part in text.split()]


def _wait_for(condition: Any, seconds: float = 60.0) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_a_killed_worker_fails_the_run_at_once(tmp_path):
    import signal

    process = _start(tmp_path, "--jobs", "2", *_big_project(tmp_path))
    try:
        assert _wait_for(lambda: _children(process.pid)), "no worker started"
        worker = _children(process.pid)[0]
        __import__("os").kill(worker, signal.SIGKILL)
        _out, err = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 2
    assert err == "goallint: error: a worker process ended without its results (exit status -9)\n"


def test_workers_die_with_their_parent(tmp_path):
    import os
    import signal

    process = _start(tmp_path, "--jobs", "2", *_big_project(tmp_path))
    try:
        assert _wait_for(lambda: _children(process.pid)), "no worker started"
        workers = _children(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)
    finally:
        process.kill()

    def gone() -> bool:
        return not any(Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]
                       for pid in workers)

    assert _wait_for(gone, 10), "a worker outlived its parent"


def test_ctrl_c_is_exit_130_and_one_line(tmp_path):
    import os
    import signal

    names = _big_project(tmp_path)
    process = _start(tmp_path, "--jobs", "1", *names)
    try:
        # Interrupt once the check is under way (the files are being read and parsed).
        assert _wait_for(lambda: (Path(f"/proc/{process.pid}/status").read_text().count("VmRSS") and
                                  int(Path(f"/proc/{process.pid}/status").read_text().split("VmRSS:")[1].split()[0])
                                  > 60_000)), "the check did not get under way"
        os.kill(process.pid, signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130
    assert err == "goallint: interrupted; the findings printed so far are not complete\n"
