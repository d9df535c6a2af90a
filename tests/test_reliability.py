"""Reliability: nothing a goal file or the file system does hangs the run, forges output or loses it.

Hangs are tested in a subprocess with a timeout; the test fails when the time runs out.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from goallint.suppressions import parse_directives

KNOWN = ["M001", "M003", "S002", "S004", "T006", "A001"]

# The directive grammar as it was first written (backtracking regular expressions). The
# hand-written parser must read every line the same way; only its speed differs.
_OLD_DIRECTIVE = re.compile(r"(?:^|\s)#\s*goallint:\s*(?P<body>.*)$")
_OLD_BODY = re.compile(
    r"(?P<kind>disable-file|disable)\s*=\s*(?P<codes>[A-Za-z0-9_, ]+?)"
    r"(?:\s+until\s*=\s*(?P<until>\S+))?\s*(?:--\s*(?P<reason>.*))?\Z"
)


def _old_reading(line: str) -> object:
    found = _OLD_DIRECTIVE.search(line)
    if not found:
        return None
    column = found.start() + (1 if line[found.start()] != "#" else 0) + 1
    body = _OLD_BODY.match(found.group("body").strip())
    if not body:
        return (column, "unreadable")
    codes = tuple(c.strip().upper() for c in body.group("codes").split(",") if c.strip())
    return (column, body.group("kind"), codes, body.group("until"), (body.group("reason") or "").strip() or None)


def _new_reading(line: str) -> object:
    from goallint import suppressions

    found = suppressions._find(line)
    if found is None:
        return None
    body = suppressions._parse_body(found[1].strip())
    if body is None:
        return (found[0] + 1, "unreadable")
    codes = tuple(c.strip().upper() for c in body.codes.split(",") if c.strip())
    return (found[0] + 1, body.kind, codes, body.until, body.reason)


_PIECES = st.sampled_from([
    "#", " ", "\t", "\u00a0", "goallint:", "goallint", "disable", "disable-file", "=", "M001", "S", ",", "until",
    "2026-09-30", "--", "reason", "x", "-", "ALL", "  ",
])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_directive_parser_reads_lines_as_the_grammar_says(line: str) -> None:
    assert _new_reading(line) == _old_reading(line)


def test_directive_examples_read_the_same() -> None:
    for line in [
        "  - id: a  # goallint: disable=S004 -- team is set by the platform",
        "# goallint: disable=A001 until=2026-09-30 -- launch",
        "# goallint: disable=A001\tuntil = 2026-09-30",
        "# goallint: disable=A001 until=2026-09-30--glued",
        "x# goallint: disable=A001",
        "# goallint: disable= until=2026-09-30",
        "# goallint: disable=M001 until",
        "#   goallint:   disable-file = T006 , S  ",
    ]:
        assert _new_reading(line) == _old_reading(line), line


def test_directives_padded_with_spaces_do_not_hang(tmp_path: Path) -> None:
    """50 directives padded with 40,000 spaces each took over 20 s with the regular expressions."""
    pad = " " * 40_000
    lines = [f"# goallint: disable=M001{pad}x", f"# goallint: disable=M001 until{pad}x",
             f"#{pad}goallint: disable=M001,{pad}-", f"# goallint: disable=M001 until={pad}x{pad}y"]
    text = "\n".join(lines[i % len(lines)] for i in range(50)) + "\n"
    script = ("import sys; from goallint.suppressions import parse_directives; "
              "d, p = parse_directives(sys.stdin.read(), ['M001']); print(len(d), len(p))")
    done = subprocess.run([sys.executable, "-c", script], input=text, capture_output=True, text=True,
                          timeout=10, check=True)
    assert done.stdout.split() == ["0", "50"]


def test_directive_on_a_line_still_parses() -> None:
    directives, problems = parse_directives("a: 1  # goallint: disable=M001 until=2026-09-30 -- why\n", KNOWN)
    assert problems == []
    assert [(d.line, d.codes, d.until_text, d.reason) for d in directives] == [(1, ("M001",), "2026-09-30", "why")]
