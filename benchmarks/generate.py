"""Generate realistic goal files for benchmarks: N goals, a fixed seed, a share of flawed goals.

    python benchmarks/generate.py 10000 out/goals-10k.goals.yaml
    python benchmarks/generate.py 10000 out/spread --files 100

Each goal is about 490 bytes, shaped like goals.example.yaml; one in five is flawed
(a vague title, a placeholder owner, a missing baseline, an invalid date, an unknown
parent), so the rules have real work to do.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

TEAMS = ["marketing", "sales", "support", "product", "finance", "people"]
METRICS = [("organic visits per month", "visits/month", 12000), ("inbound leads per month", "leads/month", 250),
           ("close rate", "%", 18), ("net promoter score", "points", 31), ("churn", "%", 4.2),
           ("average handling time", "minutes", 9.5)]


def goal(rng: random.Random, index: int, objectives: int, owners: int) -> str:
    name, unit, base = rng.choice(METRICS)
    decrease = name in ("churn", "average handling time")
    target = round(base * (0.8 if decrease else rng.uniform(1.1, 1.6)), 1)
    owner = f"owner{rng.randrange(max(50, owners))}@example.com"
    title = f"Move {name} from {base} to {target} {unit}"
    start, deadline, parent = "2026-01-01", "2026-12-31", f"objective-{rng.randrange(objectives)}"
    baseline_line = f"      baseline: {base}\n"
    flaw = rng.random() < 0.2
    if flaw:
        kind = rng.randrange(5)
        if kind == 0:
            title = f"Improve {name} significantly"
        elif kind == 1:
            owner = "TBD"
        elif kind == 2:
            baseline_line = ""
        elif kind == 3:
            deadline = "2026-02-30"
        else:
            parent = "objective-missing"
    step = (target - base) / 4
    checkins = "".join(f"      - {{date: 2026-{month:02d}-28, value: {round(base + step * (i + 1) * 0.9, 1)}}}\n"
                       for i, month in enumerate((3, 6, 9)))
    return (
        f"  - id: goal-{index}\n"
        f"    title: {title}\n"
        f"    owner: {owner}\n"
        f"    team: {rng.choice(TEAMS)}\n"
        f"    why: The {name} drives next year's budget.\n"
        f"    resources: [dashboard, team time]\n"
        f"    parent: {parent}\n"
        f"    start: {start}\n"
        f"    deadline: {deadline}\n"
        f"    metric:\n"
        f"      name: {name}\n"
        f"      unit: \"{unit}\"\n"
        f"{baseline_line}"
        f"      target: {target}\n"
        f"      source: Monthly dashboard\n"
        f"    milestones:\n"
        f"      - {{date: 2026-06-30, target: {round(base + step * 2, 1)}}}\n"
        f"    checkins:\n"
        f"{checkins}"
    )


def document(rng: random.Random, first: int, count: int, objectives: int, with_objectives: bool) -> str:
    head = "version: 1\nperiod: 2026\n"
    if with_objectives:
        head += "objectives:\n" + "".join(
            f"  - {{id: objective-{i}, title: Objective {i}, owner: lead{i}@example.com, deadline: 2026-12-31}}\n"
            for i in range(objectives))
    owners = max(50, (first + count) // 4)
    return head + "goals:\n" + "".join(goal(rng, first + i, objectives, owners) for i in range(count))


def generate(goals: int, target: Path, files: int = 1, seed: int = 2026) -> list[Path]:
    rng = random.Random(seed)
    objectives = max(1, goals // 100)
    if files == 1:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document(rng, 0, goals, objectives, True), encoding="utf-8")
        return [target]
    target.mkdir(parents=True, exist_ok=True)
    per_file, out = goals // files, []
    for number in range(files):
        path = target / f"team-{number:03d}.goals.yaml"
        path.write_text(document(rng, number * per_file, per_file, objectives, number == 0), encoding="utf-8")
        out.append(path)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("goals", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    generate(args.goals, args.target, args.files, args.seed)


if __name__ == "__main__":
    main()
