"""Which rules run, at which severity, and which findings a directive silences.

Codes in ``select``, ``ignore``, ``severity`` and suppression directives may be prefixes
(``M`` is every M rule, ``M00`` is M001-M009) or ``ALL``. Matching a code against such a
list is written once, here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .diagnostics import Severity

if TYPE_CHECKING:
    import datetime as dt

    from .plugin import Rule
    from .suppressions import Directive


class CodeError(Exception):
    """A code that names no rule; the message is one line for the user."""


def normal(code: str) -> str:
    return code.strip().upper()


def covers(prefix: str, code: str) -> bool:
    """Whether one entry of a code list (a code, a prefix or ALL) names ``code``."""
    return prefix == "ALL" or code.startswith(prefix)


def matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(covers(prefix, code) for prefix in prefixes)


def names_a_rule(prefix: str, known: Iterable[str]) -> bool:
    return prefix == "ALL" or (bool(prefix) and any(covers(prefix, code) for code in known))


def check_codes(codes: list[str], known: list[str], where: Callable[[int], str]) -> list[str]:
    """Each entry must be a rule code or a prefix of one (``M``, ``M00``, ``M003``)."""
    from .schema import suggest

    for index, code in enumerate(codes):
        if not names_a_rule(normal(code), known):
            raise CodeError(f"{where(index)}: '{code}' is not a rule code or prefix{suggest(normal(code), known)}")
    return [normal(code) for code in codes]


def severity_of(code: str, default: Severity, overrides: dict[str, str]) -> Severity | None:
    """The configured severity for a code: the longest matching prefix wins; None is off."""
    best, best_length = None, -1
    for prefix in overrides:
        entry = normal(prefix)
        length = 0 if entry == "ALL" else len(entry)
        if covers(entry, code) and length > best_length:
            best, best_length = prefix, length
    if best is None:
        return default
    value = overrides[best]
    return None if value == "off" else Severity.parse(value)


def enabled(rule: type[Rule], select: list[str] | None, ignore: list[str], severity: dict[str, str]) -> Severity | None:
    """The severity ``rule`` runs at under this selection, or None when it does not run."""
    if rule.mandatory:
        return rule.severity
    if select is not None and not matches(rule.code, select):
        return None
    if matches(rule.code, ignore):
        return None
    return severity_of(rule.code, rule.severity, severity)


def suppression_for(directives: Iterable[Directive], code: str, line: int, goal_line: int | None,
                    today: dt.date) -> tuple[Directive | None, Directive | None]:
    """The directive that silences a finding of ``code`` on ``line``, and one that would have but lapsed.

    A directive applies to its own line, to the whole goal when it stands on the goal's
    first line (``goal_line``), or to the whole file (``disable-file``).
    """
    lapsed = None
    for directive in directives:
        if not directive.covers(code):
            continue
        if directive.whole_file or directive.line == line or directive.line == goal_line:
            if directive.active(today):
                return directive, None
            lapsed = lapsed or directive
    return None, lapsed


def unused(directives: Iterable[Directive], used: set[int], ran: Iterable[str], today: dt.date) -> list[Directive]:
    """Active directives that silenced nothing though a rule they name ran (U001)."""
    codes = [code for code in ran if not code.startswith("U")]
    return [d for d in directives if d.line not in used and d.active(today) and any(d.covers(c) for c in codes)]
