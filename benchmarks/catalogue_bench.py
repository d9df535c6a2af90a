"""How much a metric catalogue costs: 2,000 goals on 200 catalogued metrics, against the same goals inline.

The catalogue holds 200 monthly metrics with five years of history each (2021-10 to
2026-09: 12,000 measurements). Each of the 2,000 goals (20 files of 100) refers to one
of them with ``metric: {ref: ..., target: ...}`` and takes its name, unit, source,
cadence, baseline and check-ins from it. The inline project writes the same goals with
the same metric fields, baseline and check-ins in every goal, and has no catalogue.
Both are checked in one process, the way `goallint check --jobs 1` does, best of N runs.

    python benchmarks/catalogue_bench.py          # 5 runs each
    python benchmarks/catalogue_bench.py 3
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from goallint.config import Settings
from goallint.linter import check

METRICS = 200
MONTHS = 60
FILES = 20
GOALS_PER_FILE = 100
TODAY = dt.date(2026, 10, 15)


def months() -> list[tuple[int, int]]:
    out, year, month = [], 2021, 10
    for _ in range(MONTHS):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def last_day(year: int, month: int) -> dt.date:
    return (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))


def history(metric: int) -> list[tuple[dt.date, int]]:
    """A growing monthly series with a Q4 peak, different for each metric."""
    base = 200 + metric
    return [(last_day(y, m), base + 3 * i + (60 if m >= 10 else 0) + (metric * 7 + i * 13) % 17)
            for i, (y, m) in enumerate(months())]


def catalogue_text() -> str:
    lines = ["version: 1", "metrics:"]
    for metric in range(METRICS):
        lines += [f"  - id: metric-{metric}", f"    name: inbound leads in region {metric}",
                  "    unit: leads/month", f"    source: CRM report, region {metric}", "    cadence: monthly",
                  "    history:"]
        lines += [f"      - {{period: {day.year}-{day.month:02d}, value: {value}}}" for day, value in history(metric)]
    return "\n".join(lines) + "\n"


def goal_lines(number: int, inline: bool) -> list[str]:
    metric = number % METRICS
    series = history(metric)
    start, deadline = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    baseline = [value for day, value in series if day <= start][-1]
    target = baseline + 50
    lines = [f"  - id: g{number}", f"    title: Reach {target} inbound leads per month in region {metric}",
             "    owner: ann@example.com", "    team: marketing", "    why: Sales needs the pipeline.",
             "    resources: [campaign budget]", "    start: 2026-01-01", "    deadline: 2026-12-31",
             "    milestones:", "      - {date: 2026-06-30, target: " + str(baseline + 25) + "}"]
    if not inline:
        return [*lines, f"    metric: {{ref: metric-{metric}, target: {target}}}"]
    lines += ["    metric:", f"      name: inbound leads in region {metric}", "      unit: leads/month",
              f"      source: CRM report, region {metric}", "      cadence: monthly", f"      baseline: {baseline}",
              "      baseline_date: 2025-12-31", f"      target: {target}", "    checkins:"]
    return lines + [f"      - {{date: {day.isoformat()}, value: {value}}}" for day, value in series
                    if start < day <= deadline]


def write(folder: Path, inline: bool) -> list[Path]:
    folder.mkdir()
    paths = []
    if not inline:
        paths.append(folder / "leads.metrics.yaml")
        paths[0].write_text(catalogue_text(), encoding="utf-8")
    for number in range(FILES):
        lines = ["version: 1", "goals:"]
        for goal in range(GOALS_PER_FILE):
            lines += goal_lines(number * GOALS_PER_FILE + goal, inline)
        path = folder / f"team{number}.goals.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def best_of(paths: list[Path], root: Path, runs: int) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(runs):
        began = time.perf_counter()
        result = check(paths, Settings(root=root), TODAY, cwd=root, jobs=1)
        times.append(time.perf_counter() - began)
        found = len(result.diagnostics)
    return min(times), found


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        inline, referenced = write(root / "inline", True), write(root / "referenced", False)
        inline_time, inline_found = best_of(inline, root, runs)
        ref_time, ref_found = best_of(referenced, root, runs)
    print(f"inline:     {inline_time:.3f} s  ({inline_found} findings)")
    print(f"referenced: {ref_time:.3f} s  ({ref_found} findings; catalogue of {METRICS} metrics x {MONTHS} months)")
    print(f"ratio:      {ref_time / inline_time:.2f}x  (limit 1.5x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
