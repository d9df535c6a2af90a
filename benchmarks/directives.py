"""Directive parsing time against input size: it must grow linearly.

    python benchmarks/directives.py

Each row parses a file of 50 hostile directives (padded with spaces so that a
backtracking parser would take time growing with the square of the padding) and prints
the padding, the file's size, the best of three times, and the time per MB. A linear
parser keeps the last column about constant as the size doubles.
"""

from __future__ import annotations

import time

from goallint.suppressions import parse_directives


def hostile(padding: int) -> str:
    pad = " " * padding
    lines = [f"# goallint: disable=M001{pad}x", f"# goallint: disable=M001 until{pad}x",
             f"#{pad}goallint: disable=M001,{pad}-", f"# goallint: disable=M001 until={pad}x{pad}y"]
    return "\n".join(lines[i % len(lines)] for i in range(50)) + "\n"


def best_of(text: str, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        parse_directives(text, ["M001"])
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    print(f"{'padding':>9} {'bytes':>10} {'seconds':>9} {'s/MB':>8}")
    for padding in (5_000, 10_000, 20_000, 40_000, 80_000, 160_000):
        text = hostile(padding)
        seconds = best_of(text)
        print(f"{padding:>9} {len(text):>10} {seconds:>9.4f} {seconds / (len(text) / 1e6):>8.4f}")


if __name__ == "__main__":
    main()
