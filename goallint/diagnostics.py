"""The values that flow through goallint: source spans, rule problems and diagnostics.

A rule yields ``Problem`` values (where and what). The linter turns each into a
``Diagnostic`` by adding the file, the code, the configured severity and the goal id.
Formatters only ever see ``Diagnostic`` values.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .catalog import Catalog
    from .catalogue import Catalogue
    from .fixes import Fix
    from .model import Item


class Severity(enum.IntEnum):
    """Ordered so that ``severity >= fail_on`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


class Span(NamedTuple):
    """A 1-based region of a source file; the end column is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> Span:
        return cls(line, column, line, column)


class Problem(NamedTuple):
    """What a rule reports: a place and a message. Severity is not the rule's to decide.

    ``help`` is one short sentence on how to fix this finding, worked out from the goal;
    ``fix`` is the same as edits on the source text, when the change can be made by a
    tool (``goallint check --fix``, the editor's quick fixes). Both are optional.
    """

    span: Span
    message: str
    help: str | None = None
    fix: Fix | None = None


class Suppression(NamedTuple):
    """The inline directive that silenced a diagnostic."""

    line: int
    until: str | None
    reason: str | None


class Diagnostic(NamedTuple):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    goal: str | None
    suppression: Suppression | None = None
    fix: Fix | None = None  # the rule's remedy as edits, when it has one
    help: str | None = None  # one short sentence on how to fix it, worked out from the goal


class CheckResult:
    """What one check run found: the value every format and the report read."""

    __slots__ = ("catalog", "catalogue", "diagnostics", "errors", "items", "paths", "suppressed")

    def __init__(self, diagnostics: list[Diagnostic] | None = None, suppressed: list[Diagnostic] | None = None,
                 paths: list[str] | None = None, items: list[Item] | None = None, errors: list[str] | None = None,
                 catalog: Catalog | None = None, catalogue: Catalogue | None = None) -> None:
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.suppressed = [] if suppressed is None else suppressed
        self.paths = [] if paths is None else paths  # every file checked, as shown
        self.items = [] if items is None else items  # goals and objectives of those files, in file order
        self.errors = [] if errors is None else errors  # files that could not be read
        self.catalog = catalog  # the rules this run knew: names, letters and docs for the formats
        self.catalogue = catalogue  # the metrics of every file checked (goallint.catalogue), if any

    def replaced(self, **changes: Any) -> CheckResult:
        """A copy with some fields changed (the lists are shared, not copied)."""
        return CheckResult(**{**{name: getattr(self, name) for name in self.__slots__}, **changes})

    @property
    def files(self) -> int:
        return len(self.paths)

    @property
    def goals(self) -> int:
        return sum(1 for item in self.items if item.kind == "goal")

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)
