"""Fixes: a finding's remedy as edits on the source text.

A fix never re-serialises YAML: it replaces spans of the original text, so comments,
quoting and layout elsewhere in the file survive. Each fix says how safe it is to
apply without a person looking (``Applicability``): ``check --fix`` applies only safe
fixes; the editor offers all of them.
"""

from __future__ import annotations

import enum
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
