"""Start-up of a one-goal `goallint check`, against the imports it cannot do without.

    python benchmarks/startup.py                      # 20 alternating rounds, this checkout
    python benchmarks/startup.py --runs 40 --tree before=/path/to/other/checkout

Each round runs every command once, in turn, so that a busy machine slows all of them
alike; the table gives the medians of the processor time (user + system) each took, and
their ratio to ``python -c "import yaml"``. ``--tree NAME=PATH`` adds the same check run
from another checkout's ``goallint`` package (through PYTHONPATH), to compare two versions
in one run. Bytecode is compiled first, as an installed package has it.

Run it with a Python that has goallint's dependencies but not goallint installed in
editable mode: an editable install's import hook loads pathlib at every interpreter
start, ``python -c pass`` included, which hides what goallint itself costs.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONE_GOAL = "version: 1\ngoals:\n  - {id: a, title: Reach 400 leads, owner: kari@example.com}\n"
CHECK = ["check", "--today", "2026-10-15", "--exit-zero", "--quiet", "one.goals.yaml"]
RUNNER = "import sys; from goallint.cli import entry; sys.argv[0] = 'goallint'; entry()"


def cpu_seconds(command: list[str], env: dict[str, str], cwd: Path) -> float:
    """The processor time one run of ``command`` took (its own and its children's)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20, help="alternating rounds (default 20)")
    parser.add_argument("--tree", action="append", default=[], metavar="NAME=PATH",
                        help="also run the check from the goallint package of the checkout at PATH")
    args = parser.parse_args()
    python = sys.executable
    commands: dict[str, tuple[list[str], str | None]] = {
        "python -c pass": ([python, "-c", "pass"], None),
        'python -c "import yaml"': ([python, "-c", "import yaml"], None),
        'python -c "import yaml, click"': ([python, "-c", "import yaml, click"], None),
        "goallint check (one goal)": ([python, "-c", RUNNER, *CHECK], str(HERE.parent)),
    }
    for tree in args.tree:
        name, _, path = tree.partition("=")
        commands[f"goallint check (one goal), {name}"] = ([python, "-c", RUNNER, *CHECK], str(Path(path).resolve()))
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    for _command, tree in commands.values():
        if tree is not None:
            subprocess.run([python, "-m", "compileall", "-q", str(Path(tree) / "goallint")], check=True)
    with tempfile.TemporaryDirectory() as folder:
        cwd = Path(folder)
        (cwd / "one.goals.yaml").write_text(ONE_GOAL, encoding="utf-8")
        times: dict[str, list[float]] = {label: [] for label in commands}
        for round_number in range(args.runs + 1):  # the first round only warms the file cache
            for label, (command, tree) in commands.items():
                seconds = cpu_seconds(command, {**env, "PYTHONPATH": tree} if tree else env, cwd)
                if round_number:
                    times[label].append(seconds)
    floor = statistics.median(times['python -c "import yaml"'])
    print("| command | median CPU ms | vs import yaml | runs |\n|---|---:|---:|---:|")
    for label, seconds in times.items():
        median = statistics.median(seconds)
        print(f"| {label} | {median * 1000:.1f} | {median / floor:.2f}x | {len(seconds)} |")


if __name__ == "__main__":
    main()
