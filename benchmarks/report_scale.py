"""How the HTML report scales: size, load-to-interactive, filter and sort in headless Chromium, and the
time of `report` against `check` on the same file.

    python benchmarks/report_scale.py                 # 300 and 3,000 goals in the browser, 10,000 for the CLI
    python benchmarks/report_scale.py --goals 300 --cli-goals 1000 --runs 3

Targets (README): at 3,000 goals the page is at most 3 MB, interactive within 1.5 s, a filter or a sort
answers within 200 ms; at 10,000 goals `report` takes at most 1.5 times as long as `check`.
Needs Debian's chromium and Playwright (the test extra). Prints one Markdown table.
"""

from __future__ import annotations

import argparse
import os
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


def _cli(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "goallint", *args, "--today", TODAY], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


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
        # goal files over 2 MB are refused, so the large run is spread over files of 1,000 goals
        generate(args.cli_goals, work / "cli", files=max(2, args.cli_goals // 1000))
        big = work / "cli"
        # alternate the two so that a busy machine slows both alike; the ratio is the median of the pairs
        pairs = [(_cli("check", str(big), "-q"), _cli("report", str(big), "-o", str(work / "cli.html")))
                 for _ in range(args.runs)]
    check = statistics.median(c for c, _ in pairs)
    report = statistics.median(r for _, r in pairs)
    ratio = statistics.median(r / c for c, r in pairs)
    print("\n".join(rows))
    print(f"\n`check` {check:.2f} s, `report` {report:.2f} s at {args.cli_goals:,} goals: {ratio:.2f}x "
          f"(median of {len(pairs)} alternating pairs)")


if __name__ == "__main__":
    main()
