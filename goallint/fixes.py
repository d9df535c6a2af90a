"""Fixes: a finding's remedy as edits on the source text.

A fix never re-serialises YAML: it replaces spans of the original text, so comments,
quoting and layout elsewhere in the file survive. Each fix says how safe it is to
apply without a person looking (``Applicability``): ``check --fix`` applies only safe
fixes; the editor offers all of them.
"""

from __future__ import annotations

import enum
import itertools
import re
from typing import NamedTuple

from .diagnostics import Span


class Applicability(enum.Enum):
    SAFE = "safe"  # keeps the goal's meaning; applied by --fix
    UNSAFE = "unsafe"  # may change the meaning; offered in the editor only
    DISPLAY = "display"  # shown as a suggestion, never applied by a tool


class Edit(NamedTuple):
    """Replace the text of ``span`` (1-based, end column exclusive) with ``text``.

    An insertion is an edit whose span is a point.
    """

    span: Span
    text: str


class Fix(NamedTuple):
    title: str  # what the fix does, in a few words: "unquote the number"
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE


# Line breaks as the loader (libyaml) counts them, so that spans and offsets agree.
_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


class FixConflict(ValueError):
    """Edits that overlap, or a span outside the text."""


def line_starts(text: str) -> list[int]:
    """The character offset where each line begins; index 0 is line 1."""
    return [0, *(found.end() for found in _BREAKS.finditer(text))]


def offset_of(starts: list[int], text: str, line: int, column: int) -> int:
    """The character offset of a 1-based line and column; a column past the line's end clamps to it."""
    if not 1 <= line <= len(starts) or column < 1:
        raise FixConflict(f"position {line}:{column} is outside the text")
    start = starts[line - 1]
    end = len(text) if line == len(starts) else starts[line]
    while end > start and text[end - 1] in "\r\n\x85\u2028\u2029":
        end -= 1
    return min(start + column - 1, end)


def apply_edits(text: str, edits: tuple[Edit, ...] | list[Edit]) -> str:
    """The text with every edit made; overlapping edits raise ``FixConflict``.

    Offsets are all computed on the original text, then the edits are made from the
    end backwards, so no edit moves the place of another.
    """
    starts = line_starts(text)
    placed = sorted(_place(starts, text, edit) for edit in edits)
    for (_start, previous_end, _text), (start, _end, _new) in itertools.pairwise(placed):
        if start < previous_end:
            raise FixConflict("two edits change the same text")
    out = text
    for start, end, new in reversed(placed):
        out = out[:start] + new + out[end:]
    return out


def _place(starts: list[int], text: str, edit: Edit) -> tuple[int, int, str]:
    span = edit.span
    start = offset_of(starts, text, span.line, span.column)
    end = offset_of(starts, text, span.end_line, span.end_column)
    if end < start:
        raise FixConflict(f"edit ends before it starts at {span.line}:{span.column}")
    return start, end, edit.text


def apply_fixes(text: str, fixes: list[Fix]) -> tuple[str, int]:
    """Apply as many of ``fixes`` as do not touch each other's text, in order.

    Returns the new text and how many fixes were applied; a fix that overlaps one
    already taken is left for the next round (the caller re-checks and asks again).
    """
    starts = line_starts(text)
    taken: list[tuple[int, int]] = []
    chosen: list[Edit] = []
    applied = 0
    for fix in fixes:
        try:
            ranges = [_place(starts, text, edit)[:2] for edit in fix.edits]
        except FixConflict:
            continue
        if any(_touch(a, b) for a in ranges for b in taken):
            continue
        taken += ranges
        chosen += fix.edits
        applied += 1
    return (apply_edits(text, chosen) if chosen else text), applied


def _touch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two ranges overlap, or are the same insertion point."""
    return (a[0] < b[1] and b[0] < a[1]) or a == b


_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_./-]*\Z")
_KEYWORDS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


def scalar_text(value: str) -> str:
    """``value`` written as a YAML scalar that reads back as the same string.

    Plain when that is unambiguous, double-quoted otherwise (a JSON string is a valid
    YAML double-quoted scalar).
    """
    if _PLAIN.match(value) and value.casefold() not in _KEYWORDS:
        return value
    import json

    return json.dumps(value, ensure_ascii=False)


def only_candidate(word: str, known: list[str]) -> str | None:
    """The one known word close to ``word`` (a misspelling); None when none is, or several are.

    A fix may rename only when the choice is certain: with two close candidates the
    person has to pick.
    """
    import difflib

    found = difflib.get_close_matches(word, known, n=2, cutoff=0.6)
    return found[0] if len(found) == 1 else None
