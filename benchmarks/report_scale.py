"""How the HTML report scales: size, load-to-interactive, filter and sort in headless Chromium, and the
time of `report` against `check` on the same file.

    python benchmarks/report_scale.py                 # 300 and 3,000 goals in the browser, 10,000 for the CLI
    python benchmarks/report_scale.py --goals 300 --cli-goals 1000 --runs 3
    python benchmarks/report_scale.py --goals --runs 7 # the CLI pairs only
    python benchmarks/report_scale.py --files 10      # the CLI's goals spread over 10 files

Targets (README): at 3,000 goals the page is at most 3 MB, interactive within 1.5 s, a filter or a sort
answers within 200 ms; at 10,000 goals `report` takes at most 1.5 times as long as `check`. The CLI's goals
are one file by default (a folder config lifts the 2 MiB file limit); `check` and `report` alternate, so that
a busy machine slows both alike, and each pair gives a ratio by the clock and one of processor time (the
processes' own user and system time, which other work on the machine disturbs less).
Needs Debian's chromium and Playwright (the test extra). Prints one Markdown table.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

TODAY = "2026-10-15"


def _cli(*args: str, cwd: Path | None = None) -> tuple[float, float]:
    """Seconds by the clock and of processor time (user and system) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "goallint", *args, "--today", TODAY], check=False, cwd=cwd,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def _browser(page_file: Path, runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("GOALLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    loads, filters, sorts = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                start = time.perf_counter()
                page.goto(page_file.as_uri(), wait_until="load")
                # interactive: the script has run (filters shown) and the page answers a task
                page.wait_for_function("!document.getElementById('filters').hidden")
                page.evaluate("new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")
                loads.append(time.perf_counter() - start)
                filters.append(page.evaluate("""() => new Promise(done => {
                    const form = document.getElementById('filters'), select = form.elements.status;
                    const t0 = performance.now();
                    select.value = 'on-track'; form.dispatchEvent(new Event('change'));
                    select.value = ''; form.dispatchEvent(new Event('change'));
                    requestAnimationFrame(() => setTimeout(() => done((performance.now() - t0) / 2), 0));
                })""") / 1000)
                sorts.append(page.evaluate("""() => new Promise(done => {
                    const t0 = performance.now();
                    document.querySelector('button[data-sort=title]').click();
                    requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
                })""") / 1000)
                page.close()
        finally:
            browser.close()
    return {"load": statistics.median(loads), "filter": statistics.median(filters), "sort": statistics.median(sorts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, nargs="*", default=[300, 3000])
    parser.add_argument("--cli-goals", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", type=int, default=1, help="spread the CLI's goals over this many files")
    args = parser.parse_args()
    rows = ["| goals | HTML size | load to interactive | filter | sort |", "|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for count in args.goals:
            [goals] = generate(count, work / f"g{count}.goals.yaml")
            page_file = work / f"r{count}.html"
            _cli("report", str(goals), "-o", str(page_file))
            timing = _browser(page_file, args.runs)
            rows.append(f"| {count:,} | {page_file.stat().st_size / 1e6:.2f} MB | {timing['load'] * 1000:.0f} ms "
                        f"| {timing['filter'] * 1000:.0f} ms | {timing['sort'] * 1000:.0f} ms |")
        big = work / "cli"
        if args.files > 1:
            generate(args.cli_goals, big, files=args.files)
        else:
            big.mkdir()
            generate(args.cli_goals, big / "goals.goals.yaml")
            (big / ".goallint.yaml").write_text("max_file_bytes: 1000000000\n", encoding="utf-8")
        # alternate the two so that a busy machine slows both alike; the ratio is the median of the pairs
        pairs = [(_cli("check", str(big), "-q", cwd=big), _cli("report", str(big), "-o", str(work / "cli.html"),
                                                                 cwd=big))
                 for _ in range(args.runs)]
    print("\n".join(rows))
    for index, what in enumerate(("by the clock", "of processor time")):
        check = statistics.median(c[index] for c, _ in pairs)
        report = statistics.median(r[index] for _, r in pairs)
        ratio = statistics.median(r[index] / c[index] for c, r in pairs)
        print(f"\n`check` {check:.2f} s, `report` {report:.2f} s {what} at {args.cli_goals:,} goals in "
              f"{args.files} file{'s' if args.files > 1 else ''}: {ratio:.2f}x (median of {len(pairs)} alternating "
              f"pairs; single pairs {min(r[index] / c[index] for c, r in pairs):.2f} to "
              f"{max(r[index] / c[index] for c, r in pairs):.2f})")


if __name__ == "__main__":
    main()
