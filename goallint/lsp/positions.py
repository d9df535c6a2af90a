"""goallint spans (1-based, columns in characters, end exclusive) and LSP positions.

LSP counts lines from 0 and columns in UTF-16 code units: a character outside the
Basic Multilingual Plane (most emoji) is two units. Lines are split where the loader
splits them, so a span and its range always name the same text.
"""

from __future__ import annotations

from ..diagnostics import Span
from ..fixes import line_starts

_ENDS = "\r\n\x85\u2028\u2029"


class Lines:
    """A text cut into lines (without their breaks), for converting positions."""

    def __init__(self, text: str) -> None:
        starts = line_starts(text)
        ends = [*starts[1:], len(text)]
        self.lines = [text[start:end].rstrip(_ENDS) for start, end in zip(starts, ends, strict=True)]

    def line(self, number: int) -> str:
        """The 0-based line ``number``; empty past the end."""
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def to_utf16(self, line: int, column: int) -> tuple[int, int]:
        """A 1-based line and character column as a 0-based line and UTF-16 column."""
        text = self.line(line - 1)
        prefix = text[: max(column - 1, 0)]
        return line - 1, _units(prefix) + max(column - 1 - len(text), 0)

    def from_utf16(self, line: int, character: int) -> tuple[int, int]:
        """A 0-based line and UTF-16 column as a 1-based line and character column."""
        text = self.line(line)
        units = 0
        for index, char in enumerate(text):
            if units >= character:
                return line + 1, index + 1
            units += 2 if ord(char) > 0xFFFF else 1
        return line + 1, len(text) + 1

    def range_of(self, span: Span) -> tuple[tuple[int, int], tuple[int, int]]:
        return self.to_utf16(span.line, span.column), self.to_utf16(span.end_line, span.end_column)


def _units(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
