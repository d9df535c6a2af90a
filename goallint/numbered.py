"""``str.format`` that writes every number in a language's own marks (``1 747,5``).

Apart from ``messages.py`` because the ``string`` module it builds on costs every run about
half a millisecond of start-up, and only translated messages need it.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Any


class Numbers(string.Formatter):
    """``str.format`` with every int and float argument passed through ``number`` once formatted."""

    def __init__(self, number: Callable[[str], str]) -> None:
        super().__init__()
        self.number = number

    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        return self.number(text) if type(value) is int or type(value) is float else text
