"""The pipeline without the rules' own work: this checkout against an earlier revision.

    python benchmarks/pipeline.py 2ee8dd2              # 10k goals in one file, 5 rounds
    python benchmarks/pipeline.py 2ee8dd2 --goals 1000 --rounds 7

A check's time is the pipeline (start-up, reading, parsing with positions, the schema,
handing every goal to every rule, resolving severities and suppressions, the JSON
output) plus what each rule does. Rules come and go between revisions; the pipeline
should not get slower. Here every built-in rule's ``check`` and ``check_file`` are
replaced by ones that find nothing, in both revisions, and the two run side by side
(fresh processes, alternating) with the compose floors of ``versus.py``. The rules'
own cost is measured by ``rules.py``. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from run import TODAY, WORK  # noqa: E402
from versus import COMPOSE_NO_GC, install, timed  # noqa: E402

# Run inside each revision's environment: stub every rule, then run the CLI as users do.
STUBBED = """
import sys
from goallint import rules
try:
    from goallint.catalog import builtin_catalog
    classes = list(builtin_catalog().values())
except ImportError:  # before the catalog: the registry
    from goallint.registry import RULES
    classes = list(RULES.values())
def nothing(self, *args):
    return ()
for cls in classes:
    for klass in cls.__mro__:
        if "check" in vars(klass):
            klass.check = nothing
        if "check_file" in vars(klass):
            klass.check_file = nothing
from goallint.cli import main
sys.argv = ["goallint", *sys.argv[1:]]
main()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("revision", help="the earlier revision to compare with (a commit, tag or branch)")
    parser.add_argument("--goals", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    (WORK / ".goallint.yaml").write_text("max_file_bytes: 1000000000\n")  # benchmark files exceed the 2 MiB cap
    path = WORK / "data" / f"single-{args.goals}.goals.yaml"
    files = [path] if path.exists() else generate(args.goals, path)
    old, new = install(args.revision), install("HEAD")
    check = ["check", "--format", "json", "--today", TODAY, "--jobs", "1", *map(str, files)]
    commands = {
        f"pipeline {args.revision}": [str(old / "bin" / "python"), "-c", STUBBED, *check],
        "pipeline HEAD": [str(new / "bin" / "python"), "-c", STUBBED, *check],
        "compose, collector off": [str(new / "bin" / "python"), "-c", COMPOSE_NO_GC, *map(str, files)],
    }
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _round in range(args.rounds):
        for label, command in commands.items():
            times[label].append(timed(command))
    median = {label: statistics.median(values) for label, values in times.items()}
    print(f"{args.goals:,} goals in one file, every rule finding nothing, {args.rounds} rounds, medians\n")
    print("| command | median s | min s | max s | / compose, collector off |")
    print("|---|---:|---:|---:|---:|")
    for label, values in times.items():
        print(f"| {label} | {median[label]:.3f} | {min(values):.3f} | {max(values):.3f} "
              f"| {median[label] / median['compose, collector off']:.2f}x |")


if __name__ == "__main__":
    main()
