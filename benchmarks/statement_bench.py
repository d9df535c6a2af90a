"""Time `goallint statement`: 10,000 lines from stdin, and start-up for one statement.

    python benchmarks/statement_bench.py            # 3 runs of the 10k lines, 10 start-ups each
    python benchmarks/statement_bench.py --runs 1   # a first look

The lines are the labelled statements of tests/corpus/statements.yaml, repeated with their
numbers changed (a fixed seed) until there are 10,000: real sentences in both languages,
smart and vague. Start-up compares `goallint statement TEXT` with `goallint check` on a
file holding one goal, each in a fresh process, alternating between the two so that a
busy moment on the machine hits both alike. CPU time (user + system of the child process)
is printed beside wall time, since a shared machine stretches wall time. It also times `check` on 10,000 generated
goals with and without S003, to show what the title rule costs. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

GOALLINT = [sys.executable, "-m", "goallint"]
ONE_GOAL = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    owner: kari@example.com
    metric: {baseline: 250, target: 400}
"""


def statements(count: int) -> str:
    texts = [item["text"] for item in yaml.safe_load((ROOT / "tests/corpus/statements.yaml").read_text("utf-8"))]
    rng = random.Random(12)
    lines = []
    while len(lines) < count:
        text = texts[len(lines) % len(texts)]
        lines.append(re.sub(r"\d+", lambda m: str(rng.randrange(1, 10 ** len(m.group(0)))), text))
    return "\n".join(lines) + "\n"


def timed(args: list[str], stdin: str | None = None) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, input=stdin, capture_output=True, text=True, encoding="utf-8", check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def summary(name: str, runs: list[tuple[float, float]]) -> str:
    wall, cpu = [w for w, _c in runs], [c for _w, c in runs]
    return (f"| {name} | {statistics.median(wall):.3f} | {min(wall):.3f} | {max(wall):.3f} "
            f"| {statistics.median(cpu):.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--startups", type=int, default=10)
    options = parser.parse_args()
    lines = statements(10_000)
    today = ["--today", "2026-11-29"]
    rows = ["| what | median wall s | min wall s | max wall s | median CPU s |", "| --- | ---: | ---: | ---: | ---: |"]
    rows.append(summary("statement, 10,000 lines (text)",
                        [timed([*GOALLINT, "statement", "-", *today], lines) for _ in range(options.runs)]))
    rows.append(summary("statement, 10,000 lines (json)",
                        [timed([*GOALLINT, "statement", "-", "--format", "json", *today], lines)
                         for _ in range(options.runs)]))
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.goals.yaml"
        one.write_text(ONE_GOAL, encoding="utf-8")
        big = Path(tmp) / "spread"
        generate(10_000, big, files=10)  # one 6 MB file is over check's size limit
        starts: dict[str, list[tuple[float, float]]] = {"statement": [], "check": []}
        for _ in range(options.startups):
            starts["statement"].append(timed([*GOALLINT, "statement", "Øke antall leads med 20 % innen Q4", *today]))
            starts["check"].append(timed([*GOALLINT, "check", str(one), "-q", *today]))
        rows.append(summary("start-up: statement, one sentence", starts["statement"]))
        rows.append(summary("start-up: check, one goal", starts["check"]))
        checks: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
        for _ in range(options.runs):
            check = [*GOALLINT, "check", str(big), "-q", "-j", "1", *today]
            checks["with"].append(timed(check))
            checks["without"].append(timed([*check, "--ignore", "S003"]))
        rows.append(summary("check, 10,000 goals in 10 files", checks["with"]))
        rows.append(summary("check, 10,000 goals in 10 files, S003 ignored", checks["without"]))
    print("\n".join(rows))


if __name__ == "__main__":
    main()
