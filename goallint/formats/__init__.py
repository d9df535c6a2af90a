"""Output formats: each module has ``render(result, options) -> str``; one whose output grows
with the findings may also have ``write(result, options, stream)``, which writes the same text
piece by piece.

Modules are imported only when their format is asked for.

Messages, goal ids and paths come from untrusted goal files and file names. Formats read
by people or line by line (text, github, junit) show control characters, line and
paragraph separators, bidirectional controls and XML's forbidden characters as escapes
(``printable``), so a value can never start a forged finding line. The JSON formats keep
the text exact (JSON escapes control characters itself) and only turn the escaped bytes of
a file name that is not valid UTF-8 into ``\\xNN`` (``utf8_safe``), so every output is
valid UTF-8.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol

from ..diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from ..diagnostics import CheckResult

FORMATS = {
    "text": "goallint.formats.text",
    "concise": "goallint.formats.concise",
    "json": "goallint.formats.json",
    "sarif": "goallint.formats.sarif",
    "github": "goallint.formats.github",
    "junit": "goallint.formats.junit",
    "gitlab": "goallint.formats.gitlab",
}


# Every character these match is one str.isprintable() refuses: a printable text (the usual
# one) is returned as it is, and the patterns are compiled only for a text that needs them.
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
_SURROGATE = "[\ud800-\udfff]"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    point = ord(char)
    if 0xDC80 <= point <= 0xDCFF:  # a byte of a file name that is not valid UTF-8
        return f"\\x{point - 0xDC00:02x}"
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def printable(text: str) -> str:
    """The text with every character that could break a line, a terminal or XML shown as an escape."""
    return text if text.isprintable() else re.sub(_UNSAFE, _escape, text)


def utf8_safe(text: str) -> str:
    """The text, encodable as UTF-8: the escaped bytes of an undecodable file name become ``\\xNN``."""
    return text if text.isascii() else re.sub(_SURROGATE, _escape, text)


def shown(d: Diagnostic) -> Diagnostic:
    """The finding with its path, message, goal id and rule name passed through ``printable``."""
    goal = printable(d.goal) if d.goal is not None else None
    help_text = printable(d.help) if d.help is not None else None
    return d._replace(path=printable(d.path), message=printable(d.message), goal=goal, name=printable(d.name),
                      help=help_text)


def exact(d: Diagnostic) -> Diagnostic:
    """The finding with its texts passed through ``utf8_safe``, for the JSON formats."""
    if d.path.isascii() and d.message.isascii() and (d.help is None or d.help.isascii()) \
            and (d.goal is None or d.goal.isascii()):
        return d  # the usual case: nothing to escape, no copy
    goal = utf8_safe(d.goal) if d.goal is not None else None
    help_text = utf8_safe(d.help) if d.help is not None else None
    return d._replace(path=utf8_safe(d.path), message=utf8_safe(d.message), goal=goal, help=help_text)


def tolerate_encoding(stream: object) -> None:
    """Let a text stream write what its encoding cannot hold as escapes (an emoji on a Latin-1 terminal)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")


class RenderOptions:
    """How a format renders: colour, the summary line, per-rule counts, the fail level."""

    __slots__ = ("color", "fail_on", "quiet", "statistics")

    def __init__(self, *, color: bool = False, quiet: bool = False, statistics: bool = False,
                 fail_on: Severity = Severity.ERROR) -> None:
        self.color = color
        self.quiet = quiet
        self.statistics = statistics
        self.fail_on = fail_on


def fingerprints(diagnostics: list[Diagnostic]) -> list[str]:
    """A stable id per finding: rule, file, goal and the finding's rank among its twins.

    Line numbers and message text are left out, so moving unrelated lines (or a message
    that counts days) does not make a finding look new.
    """
    import hashlib  # only the formats that print fingerprints pay for it

    seen: dict[tuple[str, str, str], int] = {}
    out = []
    for d in diagnostics:
        key = (d.code, utf8_safe(d.path), utf8_safe(d.goal) if d.goal is not None else "")
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        out.append(hashlib.sha256("\0".join((*key, str(rank))).encode()).hexdigest()[:32])
    return out


def documentation_urls(result: CheckResult, codes: Iterable[str]) -> dict[str, str | None]:
    """The documentation URL of each of ``codes`` (None for a rule that has none), by code."""
    from ..catalog import builtin_catalog

    catalog = result.catalog or builtin_catalog()
    return {code: catalog.documentation_url(code) for code in sorted(set(codes))}


def renderer(name: str) -> Callable[[CheckResult, RenderOptions], str]:
    module = importlib.import_module(FORMATS[name])
    return module.render  # type: ignore[no-any-return]


class TextSink(Protocol):
    """Where a format's ``write`` puts its text: a text stream, or anything with its ``write``."""

    def write(self, text: str, /) -> object: ...


def writer(name: str) -> Callable[[CheckResult, RenderOptions, TextSink], None] | None:
    """The format's ``write(result, options, stream)``, when it can write its text piece by piece."""
    module = importlib.import_module(FORMATS[name])
    return getattr(module, "write", None)
