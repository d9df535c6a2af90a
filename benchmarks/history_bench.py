"""How long `goallint history` takes on a repository of 50 goal files (2,000 goals).

Builds the repository with one `git fast-import` (so building it takes a second, not a
thousand `git commit` runs), then times `goallint history` as a user runs it.

    python benchmarks/history_bench.py            # 1,000 commits
    python benchmarks/history_bench.py 250 500 1000 2000   # how it grows with commits
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILES = 50
GOALS_PER_FILE = 40
DAY = 86_400
START = 1_767_600_000  # 2026-01-05


def goal_file(number: int, version: int) -> bytes:
    lines = ["version: 1", "goals:"]
    for goal in range(GOALS_PER_FILE):
        target = 400 - (version if goal == version % GOALS_PER_FILE else 0)
        lines += [f"  - id: g{number}-{goal}", f"    title: Reach {target} inbound leads in region {goal}",
                  "    owner: Ann", "    start: 2026-01-01", "    deadline: 2026-12-31", "    metric:",
                  "      baseline: 300", f"      target: {target}", "      unit: leads", "      source: CRM",
                  "    checkins:", "      - date: 2026-01-31", "        value: 310"]
    return ("\n".join(lines) + "\n").encode()


def stream(commits: int) -> bytes:
    out = bytearray()
    versions = [0] * FILES
    for index in range(commits):
        when = START + index * DAY // 4
        changed = range(FILES) if index == 0 else [index % FILES]
        message = f"commit {index}".encode()
        out += b"commit refs/heads/main\n"
        out += f"author Ann Lee <ann@example.org> {when} +0000\n".encode()
        out += f"committer Ann Lee <ann@example.org> {when} +0000\n".encode()
        out += b"data %d\n%s\n" % (len(message), message)
        for number in changed:
            versions[number] += index > 0
            body = goal_file(number, versions[number])
            out += f"M 100644 inline team{number}/goals.yaml\n".encode() + b"data %d\n" % len(body) + body + b"\n"
    return bytes(out)


def run(commits: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
        subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=stream(commits), check=True)
        subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "goallint", "history", "--today", "2026-12-01"], cwd=root,
                              capture_output=True, text=True, check=False)
        took = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime  # goallint, its forks and git
        if done.returncode not in (0, 1):
            raise SystemExit(done.stderr)
        print(f"{commits:>6} commits, {FILES} files, {FILES * GOALS_PER_FILE} goals: {took:.2f} s wall, "
              f"{cpu:.2f} s CPU; "
              f"{done.stdout.strip().splitlines()[-1]}")
        return took


if __name__ == "__main__":
    for count in [int(arg) for arg in sys.argv[1:]] or [1000]:
        run(count)
