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
from collections.abc import Iterator

from .dates import DateError, parse_date
from .diagnostics import Problem, Span
from .messages import msg
from .selection import matches, names_a_rule

# The grammar is read by hand in one pass over the line, never by a backtracking regular
# expression: goal files are untrusted, and the expressions this replaced took time that
# grew with the square of a directive's length when it was padded with spaces.
_GRAMMAR = "'# goallint: disable=CODE[,CODE] [until=YYYY-MM-DD] [-- reason]'"
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_, ")


class _Body:
    """A directive's parts as written: its kind, its codes, its until date and its reason."""

    __slots__ = ("codes", "kind", "reason", "until")

    def __init__(self, kind: str, codes: str, until: str | None, reason: str | None) -> None:
        self.kind = kind
        self.codes = codes
        self.until = until
        self.reason = reason


def _comments(line: str) -> Iterator[tuple[int, int]]:
    """Each ``#`` at the line's start or after a blank, with where the text after it (and blanks) starts."""
    marker = line.find("#")
    while marker != -1:
        if marker == 0 or line[marker - 1].isspace():
            yield marker, len(line) - len(line[marker + 1:].lstrip())
        marker = line.find("#", marker + 1)


def _find(line: str) -> tuple[int, str] | None:
    """Where ``# goallint:`` starts (at the line's start or after a blank) and the text after it."""
    for marker, after in _comments(line):
        if line.startswith("goallint:", after):
            return marker, line[after + len("goallint:"):]
    return None


def _lookalike(line: str) -> int | None:
    """Where a comment starts with the word ``goallint`` and reads like a directive without its ``:``.

    ``# goallint disable=M007`` and ``#goallint=M007`` do; ``# goallint check goals/`` (prose
    about the command) does not: the rest must be empty, or name ``disable`` or hold ``=``.
    """
    for marker, after in _comments(line):
        end = after + len("goallint")
        if not line.startswith("goallint", after) or (end < len(line) and (line[end].isalnum() or line[end] in "_-")):
            continue
        rest = line[end:].strip()
        if not rest or "disable" in rest.lower() or "=" in rest:
            return marker
    return None


def _reason(text: str) -> tuple[bool, str | None]:
    """What may end a directive: nothing, or `` -- reason``."""
    text = text.lstrip()
    if not text:
        return True, None
    if text.startswith("--"):
        return True, text[2:].strip() or None
    return False, None


def _until(codes: str, rest: str) -> tuple[str, str] | None:
    """Split ``until`` off: the codes and the text after its ``=``, or None without one."""
    head, tail = codes.rstrip(" "), rest.lstrip()
    if head.endswith("until") and len(head) >= 7 and head[-6] == " " and tail.startswith("="):
        return head[:-5], tail[1:].lstrip()
    after = tail[5:].lstrip()
    if rest[:1].isspace() and tail.startswith("until") and after.startswith("="):
        return codes, after[1:].lstrip()
    return None


def _parse_body(body: str) -> _Body | None:
    """``disable[-file]=CODES [until=DATE] [-- reason]``, or None when the body is not that."""
    kind = "disable-file" if body.startswith("disable-file") else "disable" if body.startswith("disable") else ""
    rest = body[len(kind):].lstrip()
    if not kind or not rest.startswith("="):
        return None
    rest = rest[1:].lstrip()
    run = 0
    while run < len(rest) and rest[run] in _CODE_CHARS:
        run += 1
    codes, rest = rest[:run], rest[run:]
    if not codes:
        return None
    split = _until(codes, rest)
    if split is None:
        ok, reason = _reason(rest)
        return _Body(kind, codes, None, reason) if ok else None
    codes, rest = split
    size = next((i for i, char in enumerate(rest) if char.isspace()), len(rest))
    token = rest[:size]
    ok, reason = _reason(rest[size:])
    if not ok:  # a date glued to its reason: ``until=2026-09-30--reason``
        cut = token.rfind("--")
        if cut < 1:
            return None
        token, reason = token[:cut], (token[cut + 2:] + rest[size:]).strip() or None
    return _Body(kind, codes, token, reason) if token else None


class Directive:
    """One ``# goallint: disable`` comment, read."""

    __slots__ = ("codes", "column", "cut_from", "end_column", "line", "reason", "until", "whole_file")

    def __init__(self, line: int, codes: tuple[str, ...], until: dt.date | None, reason: str | None, *,
                 whole_file: bool, column: int = 1, end_column: int = 1, cut_from: int = 1) -> None:
        self.line = line
        self.whole_file = whole_file
        self.codes = codes
        self.until = until
        self.reason = reason
        self.column = column  # where the comment starts, and where the line ends: what U001 points at
        self.end_column = end_column
        self.cut_from = cut_from  # where removing the comment starts: the blanks before it (1: the line holds only it)

    def __repr__(self) -> str:
        return f"Directive(line={self.line}, codes={self.codes!r}, until={self.until!r})"

    @property
    def text(self) -> str:
        """The directive as written, in its normal form."""
        return f"# goallint: {'disable-file' if self.whole_file else 'disable'}={','.join(self.codes)}"

    def covers(self, code: str) -> bool:
        return matches(code, self.codes)

    def active(self, today: dt.date) -> bool:
        return self.until is None or today <= self.until


def _code_help(code: str, known_codes: list[str]) -> str:
    """Name the known code closest to a misspelt one, or where the codes are listed."""
    import difflib

    scored = sorted(((difflib.SequenceMatcher(None, code, known).ratio(), known) for known in known_codes),
                    reverse=True) if code else []
    best = scored[0] if scored else (0.0, "")
    if best[0] >= 0.6 and (len(scored) < 2 or scored[1][0] < best[0]):  # one code is nearest, not several
        return f"write '{best[1]}' instead of '{code}'"
    return "name a rule code or prefix that `goallint rules` lists"


def parse_directives(text: str, known_codes: list[str]) -> tuple[list[Directive], list[Problem]]:
    """Find the directives in a file's text; malformed ones become E005 problems."""
    directives: list[Directive] = []
    problems: list[Problem] = []
    if "goallint" not in text:
        return directives, problems
    for number, line in enumerate(text.splitlines(), start=1):
        if "goallint" not in line:
            continue
        found = _find(line)
        if found is None:
            lookalike = _lookalike(line)
            if lookalike is not None:
                problems.append(Problem(Span(number, lookalike + 1, number, len(line) + 1),
                                        msg("this comment starts like a goallint directive but has no ':' after "
                                            "'goallint', so it suppresses nothing"),
                                        help=f"write {_GRAMMAR}"))
            continue
        column = found[0] + 1
        where = Span(number, column, number, len(line) + 1)
        body = _parse_body(found[1].strip())
        if body is None:
            problems.append(Problem(where, msg("cannot read this goallint directive, so it suppresses nothing"),
                                    help=f"write {_GRAMMAR}"))
            continue
        codes = tuple(c.strip().upper() for c in body.codes.split(",") if c.strip())
        unknown = [c for c in codes if not names_a_rule(c, known_codes)]
        if unknown or not codes:
            named = unknown[0] if unknown else ""
            problems.append(Problem(where, msg("directive names unknown rule code '{code}'", code=named),
                                    help=_code_help(named, known_codes)))
            continue
        until = None
        until_text = body.until
        if until_text is not None:
            try:
                until = parse_date(until_text)
            except DateError as exc:
                problems.append(Problem(where, msg("directive until: {problem}", problem=exc.message),
                                        help="write the day as YYYY-MM-DD, e.g. `until=2026-12-31`"))
                continue
        directives.append(Directive(number, codes, until, body.reason, whole_file=body.kind == "disable-file",
                                    column=column, end_column=len(line) + 1,
                                    cut_from=len(line[:column - 1].rstrip()) + 1))
    return directives, problems
