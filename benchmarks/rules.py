"""The cost of each goal rule on 10,000 generated goals, in microseconds per goal.

    python benchmarks/rules.py            # every rule that looks at one goal at a time
    python benchmarks/rules.py A001,M009  # only these

The file is parsed once; then, for each of a few rounds, the goals' cached values are
dropped and every rule checks every goal in turn, so a rule that is first to need a
value (the check-ins, the metric model) pays for computing it. The best round counts.
Compare two trees by running the script with each on PYTHONPATH.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from goallint.catalog import builtin_catalog
from goallint.config import Settings
from goallint.linter import check
from goallint.model import Project
from goallint.plugin import CheckContext

TODAY = dt.date(2026, 10, 15)
GOALS = 10_000
ROUNDS = 5
CACHED = ("measure", "checkins", "milestones", "baseline", "target", "direction", "start", "deadline", "status")


def main() -> None:
    rules = builtin_catalog()
    codes = sys.argv[1].split(",") if len(sys.argv) > 1 else \
        [code for code, rule in rules.items() if not rule.needs_project and not rule.mandatory]
    with tempfile.TemporaryDirectory() as folder:
        [path] = generate(GOALS, Path(folder) / "bench.goals.yaml")
        settings = Settings(root=Path(folder))
        settings.max_file_bytes = 10**9
        result = check([path], settings, TODAY, cwd=Path(folder))
    goals = [item for item in result.items if item.kind == "goal"]
    project = Project(TODAY, items=goals)
    best = dict.fromkeys(codes, float("inf"))
    for _ in range(ROUNDS):
        for item in goals:
            for key in CACHED:
                item.__dict__.pop(key, None)
        for code in codes:
            rule = rules[code]()
            ctx = CheckContext(project, TODAY, {name: spec["default"] for name, spec in rule.options.items()})
            started = time.perf_counter()
            for item in goals:
                for _problem in rule.check(item, ctx):
                    pass
            best[code] = min(best[code], time.perf_counter() - started)
    for code in codes:
        print(f"{code}  {best[code] / len(goals) * 1e6:6.2f} us/goal")
    print(f"all   {sum(best.values()) / len(goals) * 1e6:6.2f} us/goal")


if __name__ == "__main__":
    main()
