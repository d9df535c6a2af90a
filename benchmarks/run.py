"""Time goallint against the parse floors and the tools users would otherwise run.

    python benchmarks/run.py              # writes benchmarks/RESULTS.md (about 45 minutes)
    python benchmarks/run.py --quick      # fewer sizes and repetitions, for a first look

It builds its own environments under benchmarks/.work/ (git ignores it): goallint
installed from this checkout (not editable, bytecode compiled, as users have it), the
peers check-jsonschema and yamllint in a virtual environment of their own, and, where
npm is installed, Spectral with a five-rule ruleset (benchmarks/spectral-ruleset.yaml). It generates
goal files with benchmarks/generate.py, then runs every command in a fresh process,
alternating between commands on each repetition so that a busy moment on the machine
hits them all alike. It reports the median, min and max wall time, the peak memory
(max RSS) of each, and the ratios between them: compare ratios, not seconds, across
machines. The floors are libyaml's bare event stream, compose with the cyclic garbage
collector off (the headline floor: goallint turns the collector off too) and compose as
users call it. The last section lists the speed targets and whether this run met them.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
TODAY = "2026-10-15"
FLOOR = "import sys, yaml\nfor name in sys.argv[1:]:\n    with open(name, 'rb') as f:\n" \
        "        yaml.compose(f, Loader=yaml.CSafeLoader)\n"
# The honest floor: goallint turns the cyclic garbage collector off during a check (its
# data are trees), so the floor it is held to does the same. Compose with the collector
# on, as users call it, spends most of its time in the collector at 10k goals and up.
FLOOR_NO_GC = "import gc\ngc.disable()\n" + FLOOR
# The bare event stream: what libyaml does before any Python object is built.
EVENTS = "import sys, yaml\nfor name in sys.argv[1:]:\n    with open(name, 'rb') as f:\n" \
         "        for _event in yaml.parse(f, Loader=yaml.CSafeLoader):\n            pass\n"
HEADLINE_FLOOR = "compose, collector off (floor)"

sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402


@dataclass
class Measure:
    label: str
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    failures: list[int] = field(default_factory=list)  # exit statuses of runs that crashed or gave up

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) and exit status of one fresh process; its output is discarded.

    The peak comes from GNU time, whose child starts small: a process forked straight
    from this (large) script would report this script's size as its own peak.
    """
    report = WORK / "maxrss.txt"
    started = time.perf_counter()
    status = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(report), *command], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env, cwd=WORK, check=False).returncode
    elapsed = time.perf_counter() - started
    try:
        peak = int(report.read_text().split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        peak = float("nan")
    return elapsed, peak, status


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GOALLINT_", "PYTHON"))}
    env["NO_COLOR"] = "1"
    return env


def setup() -> tuple[Path, Path]:
    WORK.mkdir(exist_ok=True)
    tool, peers = WORK / "goallint-venv", WORK / "peers-venv"
    if not tool.exists():
        subprocess.run([sys.executable, "-m", "venv", str(tool)], check=True)
    subprocess.run([tool / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check", "--force-reinstall",
                    "--no-deps", str(ROOT)], check=True)
    subprocess.run([tool / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check", str(ROOT)], check=True)
    subprocess.run([tool / "bin" / "python", "-m", "compileall", "-q", str(tool / "lib")], check=False,
                   stdout=subprocess.DEVNULL)
    if not peers.exists():
        subprocess.run([sys.executable, "-m", "venv", str(peers)], check=True)
        subprocess.run([peers / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check",
                        "check-jsonschema", "yamllint"], check=True)
        subprocess.run([peers / "bin" / "python", "-m", "compileall", "-q", str(peers / "lib")], check=False,
                       stdout=subprocess.DEVNULL)
    (WORK / ".goallint.yaml").write_text("max_file_bytes: 1000000000\n")  # benchmark files exceed the 2 MiB cap
    node = WORK / "spectral"
    if shutil.which("npm") and not (node / "node_modules" / ".bin" / "spectral").exists():
        node.mkdir(exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "@stoplight/spectral-cli"],
                       cwd=node, check=False)
    return tool, peers


def spectral() -> Path | None:
    path = WORK / "spectral" / "node_modules" / ".bin" / "spectral"
    return path if path.exists() else None


def data(goals: int, spread: bool) -> list[Path]:
    if spread:
        folder = WORK / "data" / f"spread-{goals}"
        files = sorted(folder.glob("*.goals.yaml")) if folder.exists() else []
        return files or generate(goals, folder, files=100)
    path = WORK / "data" / f"single-{goals}.goals.yaml"
    return [path] if path.exists() else generate(goals, path)


def compare(commands: dict[str, list[str]], repetitions: dict[str, int], env: dict[str, str]) -> dict[str, Measure]:
    results = {label: Measure(label) for label in commands}
    for round_number in range(max(repetitions.values())):
        for label, command in commands.items():
            if round_number < repetitions[label]:
                seconds, peak, status = run_once(command, env)
                if status in (0, 1):  # 1: the tool found problems, as it should in these files
                    results[label].seconds.append(seconds)
                    results[label].peak_mb.append(peak)
                else:
                    results[label].failures.append(status)
    return results


def table(results: dict[str, Measure], reference: str, floor: str) -> list[str]:
    lines = ["| command | median s | min s | max s | peak MB | runs | vs goallint json | vs compose floor |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for label, measure in results.items():
        if not measure.seconds:
            statuses = ", ".join(str(status) for status in measure.failures)
            lines.append(f"| {label} | failed (exit status {statuses}) | | | | 0 | | |")
            continue
        failed = f" (+{len(measure.failures)} failed)" if measure.failures else ""
        lines.append(
            f"| {label} | {measure.median:.3f} | {min(measure.seconds):.3f} | {max(measure.seconds):.3f} | "
            f"{max(measure.peak_mb):.0f} | {len(measure.seconds)}{failed} | "
            f"{measure.median / results[reference].median:.2f}x | {measure.median / results[floor].median:.2f}x |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark goallint; writes benchmarks/RESULTS.md.")
    parser.add_argument("--quick", action="store_true", help="1k and 10k goals only, fewer repetitions")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    tool, peers = setup()
    env = environment()
    python = str(tool / "bin" / "python")
    goallint = [str(tool / "bin" / "goallint"), "check", "--today", TODAY, "--exit-zero", "-q"]
    sizes = [1000, 10_000] if args.quick else [1000, 10_000, 100_000]
    report = [
        "# goallint benchmark results", "",
        f"Measured {dt.date.today().isoformat()} with `python benchmarks/run.py{' --quick' if args.quick else ''}` "
        f"on {platform.machine()}, {os.cpu_count()} cores, {_cpu()}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}. Wall time of a fresh process per run (GNU time adds about a "
        "millisecond to each); peak memory is the main process's max RSS (with `--jobs 2`, each worker has its "
        "own). Ratios compare medians from the same run.", "",
    ]
    summary: dict[str, float] = {}
    for spread in (False, True):
        for goals in sizes:
            files = [str(path) for path in data(goals, spread)]
            where = f"{goals:,} goals in {'100 files' if spread else 'one file'}"
            print(f"-- {where}", flush=True)
            peer_runs = 3 if goals <= 1000 else 1  # the peers take minutes a run from 10k goals up
            own_runs = 5 if goals <= 10_000 else 3
            if args.quick:
                own_runs, peer_runs = min(own_runs, 3), min(peer_runs, 1)
            commands = {
                "goallint check (json)": [*goallint, "--format", "json", *files],
                "goallint check (text)": [*goallint, "--format", "text", *files],
                HEADLINE_FLOOR: [python, "-c", FLOOR_NO_GC, *files],
                "compose, as users call it": [python, "-c", FLOOR, *files],
                "libyaml events only": [python, "-c", EVENTS, *files],
            }
            runs = {label: own_runs for label in commands}
            if spread:
                commands["goallint check --jobs 1"] = [*goallint, "--format", "json", "--jobs", "1", *files]
                commands["goallint check --jobs 2"] = [*goallint, "--format", "json", "--jobs", "2", *files]
                runs.update({"goallint check --jobs 1": own_runs, "goallint check --jobs 2": own_runs})
            if peer_runs:
                commands["check-jsonschema (schema only)"] = [
                    str(peers / "bin" / "check-jsonschema"), "--schemafile",
                    str(ROOT / "schemas" / "goals.schema.json"), *files]
                commands["yamllint (style only)"] = [str(peers / "bin" / "yamllint"), "-d", "default", *files]
                runs.update({"check-jsonschema (schema only)": peer_runs, "yamllint (style only)": peer_runs})
                if spectral() is not None:
                    label = "Spectral (5-rule ruleset)"
                    commands[label] = [str(spectral()), "lint", "--quiet", "--ruleset",
                                       str(HERE / "spectral-ruleset.yaml"), *files]
                    runs[label] = 3 if goals <= 10_000 else 1
            results = compare(commands, runs, env)
            report += [f"## {where}", "", *table(results, "goallint check (json)", HEADLINE_FLOOR), ""]
            own = results["goallint check (json)"].median
            summary[f"{goals}-{spread}"] = own
            summary[f"{goals}-{spread}-ratio"] = own / results[HEADLINE_FLOOR].median
            summary[f"{goals}-{spread}-memory"] = max(results["goallint check (json)"].peak_mb) / \
                (sum(Path(name).stat().st_size for name in files) / 2**20)
            if spread:
                speedup = results["goallint check --jobs 1"].median / results["goallint check --jobs 2"].median
                report += [f"`--jobs 2` is {speedup:.2f}x as fast as `--jobs 1` here.", ""]
                summary[f"{goals}-jobs"] = speedup
    one = WORK / "data" / "one.goals.yaml"
    one.write_text("version: 1\ngoals:\n  - {id: a, title: Reach 400 leads, owner: kari@example.com}\n")
    startup = compare({"goallint check (one goal)": [*goallint, str(one)],
                       'python -c "import yaml"': [python, "-c", "import yaml"],
                       "python -c pass": [python, "-c", "pass"]}, dict.fromkeys(
        ["goallint check (one goal)", 'python -c "import yaml"', "python -c pass"], 20), env)
    ratio = startup["goallint check (one goal)"].median / startup['python -c "import yaml"'].median
    report += ["## Start-up", "", "| command | median s | min s | max s | peak MB | runs |",
               "|---|---:|---:|---:|---:|---:|"]
    for label, measure in startup.items():
        report.append(f"| {label} | {measure.median:.3f} | {min(measure.seconds):.3f} | {max(measure.seconds):.3f} "
                      f"| {max(measure.peak_mb):.0f} | {len(measure.seconds)} |")
    report += ["", f"goallint on a one-goal file takes {ratio:.2f}x `python -c \"import yaml\"`.", ""]
    if "100000-False" in summary:
        scaling = summary["100000-False"] / summary["10000-False"]
        report += ["## Scaling", "", f"100,000 goals take {scaling:.2f}x the time of 10,000 (one file, json).", ""]
    report += targets(summary, ratio)
    report += first_touch(python, env)
    args.output.write_text("\n".join(report) + "\n" + _by_hand(args.output), encoding="utf-8")
    print(f"wrote {args.output}")


HAND_MARK = "<!-- measured by hand: run.py keeps what follows -->"


def _by_hand(results: Path) -> str:
    """The sections of the results file measured with other scripts, kept when this one rewrites the file."""
    try:
        text = results.read_text(encoding="utf-8")
    except OSError:
        return ""
    at = text.find(HAND_MARK)
    return "\n" + text[at:] if at >= 0 else ""


def targets(summary: dict[str, float], startup: float) -> list[str]:
    """The speed targets, each with this run's figure and whether it holds."""
    rows = [("`check --format json` at 10k goals in one file, vs compose with the collector off", "<= 2.0x",
             summary.get("10000-False-ratio"), lambda v: v <= 2.0),
            ("start-up on a one-goal file, vs `python -c \"import yaml\"`", "<= 1.8x", startup, lambda v: v <= 1.8),
            ("`--jobs 2` vs `--jobs 1`, 10k goals in 100 files", ">= 1.6x", summary.get("10000-jobs"),
             lambda v: v >= 1.6),
            ("peak memory / file size, 10k goals in one file", "<= 15x", summary.get("10000-False-memory"),
             lambda v: v <= 15),
            ("peak memory / file size, 100k goals in one file", "<= 15x", summary.get("100000-False-memory"),
             lambda v: v <= 15)]
    lines = ["## Targets", "", "| target | wanted | this run | met |", "|---|---:|---:|:---:|"]
    for label, wanted, value, holds in rows:
        if value is None:
            lines.append(f"| {label} | {wanted} | not measured | |")
        else:
            lines.append(f"| {label} | {wanted} | {value:.2f}x | {'yes' if holds(value) else 'no'} |")
    return [*lines, ""]


TOUCH = """import mmap, sys, time
size = 1 << 30
for attempt in range(2):
    started = time.perf_counter()
    memory = mmap.mmap(-1, size)
    for offset in range(0, size, 4096):
        memory[offset] = 1
    print(time.perf_counter() - started)
    memory.close()
"""


def first_touch(python: str, env: dict[str, str]) -> list[str]:
    """What new memory costs on this machine: large runs pay it for every page they keep.

    On a virtual machine whose host backs guest memory lazily, the first touch of a page
    can cost far more than the kernel's zeroing of it; freed pages may go back to the host.
    """
    times = subprocess.run([python, "-c", TOUCH], capture_output=True, text=True, env=env, check=True).stdout.split()
    first, again = (float(value) for value in times)
    return ["## Memory first touch", "",
            f"Touching each page of 1 GiB of new memory took {first:.2f} s; unmapping it and touching a new 1 GiB "
            f"again in the same process took {again:.2f} s. Every run pays this for the memory it keeps, so on a "
            "machine where the first figure is large, runs that keep more memory cost more per goal.", ""]


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
