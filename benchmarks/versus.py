"""Side by side: this checkout against an earlier revision, and both against the parse floors.

    python benchmarks/versus.py 2ee8dd2              # 10k goals in one file, 5 rounds
    python benchmarks/versus.py 2ee8dd2 --goals 1000 --rounds 7

Each revision is installed (not editable, bytecode compiled) into its own environment
under benchmarks/.work/; every command runs in a fresh process, alternating in each
round, so that a busy moment on the machine hits all of them alike. The floors are
``yaml.compose`` with libyaml, once as users call it and once with the cyclic garbage
collector off (goallint turns it off during a check, so that is the fair floor).
Prints a Markdown table of medians and the ratios that matter: check time over each
floor, per revision. Compare ratios, not seconds. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from run import FLOOR as COMPOSE  # noqa: E402  (the same floors as the full benchmark)
from run import FLOOR_NO_GC as COMPOSE_NO_GC  # noqa: E402
from run import TODAY, WORK  # noqa: E402


def install(revision: str) -> Path:
    """A virtual environment with goallint at ``revision`` (HEAD: this checkout as it is)."""
    name = "head" if revision == "HEAD" else revision
    venv = WORK / f"versus-{name}"
    source = ROOT
    if revision != "HEAD":
        source = WORK / f"src-{name}"
        if not source.exists():
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(source), revision], check=True,
                           stdout=subprocess.DEVNULL)
    if not venv.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--force-reinstall", "--no-deps", str(source)], check=True)
    subprocess.run([*pip, str(source)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "compileall", "-q", str(venv / "lib")], check=False,
                   stdout=subprocess.DEVNULL)
    return venv


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=WORK, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:3])}... exited {done.returncode}")
    return time.perf_counter() - started


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
    python = str(new / "bin" / "python")
    commands = {
        f"goallint {args.revision}": [str(old / "bin" / "goallint"), "check", "--format", "json", "--today", TODAY,
                                      "--jobs", "1", *map(str, files)],
        "goallint HEAD": [str(new / "bin" / "goallint"), "check", "--format", "json", "--today", TODAY,
                          "--jobs", "1", *map(str, files)],
        "compose, collector off": [python, "-c", COMPOSE_NO_GC, *map(str, files)],
        "compose": [python, "-c", COMPOSE, *map(str, files)],
    }
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _round in range(args.rounds):
        for label, command in commands.items():
            times[label].append(timed(command))
    median = {label: statistics.median(values) for label, values in times.items()}
    print(f"{args.goals:,} goals in one file, {args.rounds} rounds, medians\n")
    print("| command | median s | min s | max s | / compose, collector off | / compose |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, values in times.items():
        print(f"| {label} | {median[label]:.3f} | {min(values):.3f} | {max(values):.3f} "
              f"| {median[label] / median['compose, collector off']:.2f}x | {median[label] / median['compose']:.2f}x |")


if __name__ == "__main__":
    main()
