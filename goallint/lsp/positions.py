"""goallint spans (1-based, columns in characters, end exclusive) and LSP positions.

LSP counts lines from 0 and columns in UTF-16 code units: a character outside the
Basic Multilingual Plane (most emoji) is two units. Lines are split where the loader
splits them, so a span and its range always name the same text.

Converting is on the path of every published finding, so it does only what it must:
in a text that is all ASCII a character is one unit and a column converts by itself;
otherwise the text is cut into lines once, on the first question, and only the lines
asked about are measured.
"""

from __future__ import annotations

from functools import lru_cache

from ..diagnostics import Span
from ..fixes import line_starts

_ENDS = "\r\n\x85\u2028\u2029"


class Lines:
    """A text cut into lines (without their breaks), for converting positions."""

    __slots__ = ("_starts", "ascii", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.ascii = text.isascii()  # one unit per character: no line needs measuring
        self._starts: list[int] | None = None

    def line(self, number: int) -> str:
        """The 0-based line ``number``; empty past the end."""
        starts = self._starts
        if starts is None:
            starts = self._starts = line_starts(self.text)
        if not 0 <= number < len(starts):
            return ""
        end = starts[number + 1] if number + 1 < len(starts) else len(self.text)
        return self.text[starts[number]:end].rstrip(_ENDS)

    def to_utf16(self, line: int, column: int) -> tuple[int, int]:
        """A 1-based line and character column as a 0-based line and UTF-16 column."""
        if self.ascii:
            return line - 1, max(column - 1, 0)
        text = self.line(line - 1)
        prefix = text[: max(column - 1, 0)]
        return line - 1, _units(prefix) + max(column - 1 - len(text), 0)

    def from_utf16(self, line: int, character: int) -> tuple[int, int]:
        """A 0-based line and UTF-16 column as a 1-based line and character column."""
        text = self.line(line)
        if self.ascii:
            return line + 1, min(max(character, 0), len(text)) + 1
        units = 0
        for index, char in enumerate(text):
            if units >= character:
                return line + 1, index + 1
            units += 2 if ord(char) > 0xFFFF else 1
        return line + 1, len(text) + 1

    def range_of(self, span: Span) -> tuple[tuple[int, int], tuple[int, int]]:
        return self.to_utf16(span.line, span.column), self.to_utf16(span.end_line, span.end_column)


@lru_cache(maxsize=16)
def lines_of(text: str) -> Lines:
    """The ``Lines`` of a text, shared while the text is the same (a string keeps its hash)."""
    return Lines(text)


def _units(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
