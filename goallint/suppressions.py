"""Inline suppression comments in goal files.

    # goallint: disable=M003,S006             this line (or, on a goal's first line, the goal)
    # goallint: disable-file=T004             the whole file
    # goallint: disable=A001 until=2026-09-30 -- launch campaign planned

Codes may be prefixes (``M`` silences every M rule). A suppression with ``until`` lapses
after that day. The reason after `` -- `` is kept and shown with the suppressed finding.
Comments are found in the file's text; the loader is not involved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import DateError, parse_date
from .diagnostics import Problem, Span
from .selection import matches, names_a_rule

_DIRECTIVE = re.compile(r"(?:^|\s)#\s*goallint:\s*(?P<body>.*)$")
_BODY = re.compile(
    r"(?P<kind>disable-file|disable)\s*=\s*(?P<codes>[A-Za-z0-9_, ]+?)"
    r"(?:\s+until\s*=\s*(?P<until>\S+))?\s*(?:--\s*(?P<reason>.*))?\Z"
)


@dataclass(frozen=True)
class Directive:
    line: int
    whole_file: bool
    codes: tuple[str, ...]
    until: dt.date | None
    reason: str | None

    def covers(self, code: str) -> bool:
        return matches(code, self.codes)

    def active(self, today: dt.date) -> bool:
        return self.until is None or today <= self.until


def parse_directives(text: str, known_codes: list[str]) -> tuple[list[Directive], list[Problem]]:
    """Find the directives in a file's text; malformed ones become E005 problems."""
    directives: list[Directive] = []
    problems: list[Problem] = []
    if "goallint:" not in text:
        return directives, problems
    for number, line in enumerate(text.splitlines(), start=1):
        if "goallint:" not in line:
            continue
        found = _DIRECTIVE.search(line)
        if not found:
            continue
        column = found.start() + (1 if line[found.start()] != "#" else 0) + 1
        where = Span(number, column, number, len(line) + 1)
        body = _BODY.match(found.group("body").strip())
        if not body:
            problems.append(Problem(where, "cannot read this goallint directive; "
                                           "write '# goallint: disable=CODE[,CODE] [until=YYYY-MM-DD] [-- reason]'"))
            continue
        codes = tuple(c.strip().upper() for c in body.group("codes").split(",") if c.strip())
        unknown = [c for c in codes if not names_a_rule(c, known_codes)]
        if unknown or not codes:
            problems.append(Problem(where, f"directive names unknown rule code '{unknown[0] if unknown else ''}'"))
            continue
        until = None
        until_text = body.group("until")
        if until_text is not None:
            try:
                until = parse_date(until_text)
            except DateError as exc:
                problems.append(Problem(where, f"directive until: {exc}"))
                continue
        reason = (body.group("reason") or "").strip() or None
        directives.append(Directive(number, body.group("kind") == "disable-file", codes, until, reason))
    return directives, problems
