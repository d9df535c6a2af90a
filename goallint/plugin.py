"""The plugin API, version 1: everything a rule author needs, and nothing else is promised.

A rule is a small class::

    from goallint.plugin import CheckContext, ItemView, Problem, Rule, Severity

    class WhyTooShort(Rule):
        \"\"\"The goal's why is too short to say what the business gains.

        What it checks: ...
        Why it matters: ...
        Example: ...
        Fix: ...
        \"\"\"

        code = "K001"
        name = "why-too-short"
        severity = Severity.WARNING
        options = {"min_why_words": {"type": "integer", "minimum": 1, "default": 6,
                                     "description": "Fewest words a goal's why may have."}}

        def check(self, item: ItemView, ctx: CheckContext) -> Iterable[Problem]:
            ...

and a plugin package declares its rules under the ``goallint.rules`` entry point group.
Every rule is validated when the catalog is built (see ``catalog.py``): a code of a
capital letter and three digits outside the prefixes goallint reserves, a kebab-case
name, a default ``Severity``, a SMART letter or none, the four documentation headings,
and an options schema with defaults. A rule that fails validation stops the run with
one line naming its distribution and code.

Stable in version 1: the names in ``__all__`` and the members the two view protocols
list. Anything else reachable from an item or a project is internal and may change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from .diagnostics import Problem, Severity, Span
from .fixes import Applicability, Edit, Fix

if TYPE_CHECKING:
    from .model import GoalFile, Project

API_VERSION = 1
# What a cross-goal rule reads of the other goals unless it says otherwise.
DEFAULT_READS = frozenset({"id", "title", "owner", "parent", "status", "start", "deadline"})


class CheckinView(Protocol):
    @property
    def date(self) -> dt.date: ...
    @property
    def value(self) -> float: ...


class MilestoneView(Protocol):
    @property
    def date(self) -> dt.date | None: ...
    @property
    def target(self) -> float | None: ...


class ItemView(Protocol):
    """A goal or an objective, read-only, with the file's ``defaults`` merged in."""

    @property
    def kind(self) -> str: ...  # "goal" or "objective"
    @property
    def id(self) -> str | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def description(self) -> str | None: ...
    @property
    def owner(self) -> str | None: ...
    @property
    def team(self) -> str | None: ...
    @property
    def why(self) -> str | None: ...
    @property
    def parent(self) -> str | None: ...
    @property
    def status(self) -> str: ...  # draft, active, done or dropped (active when unset)
    @property
    def start(self) -> dt.date | None: ...
    @property
    def deadline(self) -> dt.date | None: ...  # the last day of a period deadline
    @property
    def metric(self) -> Mapping[str, Any] | None: ...
    @property
    def baseline(self) -> float | None: ...
    @property
    def target(self) -> float | None: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def direction(self) -> str | None: ...
    @property
    def resources(self) -> Sequence[Any]: ...
    @property
    def contributors(self) -> Sequence[Any]: ...
    @property
    def checkins(self) -> Sequence[CheckinView]: ...  # with a real date and a number, oldest first
    @property
    def milestones(self) -> Sequence[MilestoneView]: ...
    @property
    def file_path(self) -> str: ...  # the goal file, as shown in findings

    def get(self, key: str) -> Any: ...  # any other field, as plain data (None when absent)
    def at(self, *keys: str | int) -> Span: ...  # where a value stands in the file
    def key_at(self, *keys: str | int) -> Span: ...  # where a key stands
    @property
    def start_span(self) -> Span: ...  # the item's first line: where "missing" findings go


class ProjectView(Protocol):
    """Every goal and objective checked together (all files of the run)."""

    @property
    def items(self) -> Sequence[ItemView]: ...
    def find(self, item_id: str) -> ItemView | None: ...  # the first item with this id
    def children(self, item_id: str) -> Sequence[ItemView]: ...  # items whose parent is this id


class _Frozen:
    """A small read-only value: set in ``__init__``, equal when its fields are, hashable.

    Plain classes rather than dataclasses: creating a dataclass costs a start-up about half
    a millisecond each, and every check creates these.
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()  # in the constructor's order

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field '{name}' of {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field '{name}' of {type(self).__name__}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Frozen) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __reduce__(self) -> tuple[type[_Frozen], tuple[Any, ...]]:
        return type(self), self._values()  # pickled and copied through the constructor

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self._values(), strict=True))
        return f"{type(self).__name__}({fields})"


class MetricSettings(_Frozen):
    """Settings that several parts share: the rules and the report read the same values."""

    __slots__ = ("pace_tolerance_percent",)
    _fields = __slots__
    pace_tolerance_percent: float

    def __init__(self, pace_tolerance_percent: float = 10.0) -> None:
        object.__setattr__(self, "pace_tolerance_percent", pace_tolerance_percent)

    def replaced(self, **changes: Any) -> MetricSettings:
        """A copy with some fields changed."""
        return MetricSettings(**{**self.as_dict(), **changes})

    def as_dict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self._values(), strict=True))


class CheckContext(_Frozen):
    """What a check may consult besides the item: every item, the date, its own options."""

    __slots__ = ("metrics", "options", "project", "today")
    _fields = ("project", "today", "options", "metrics")
    project: Project  # read it through the members ProjectView lists; the rest is internal
    today: dt.date
    options: Mapping[str, Any]  # this rule's options only, validated against its schema
    metrics: MetricSettings

    def __init__(self, project: Project, today: dt.date, options: Mapping[str, Any],
                 metrics: MetricSettings | None = None) -> None:
        object.__setattr__(self, "project", project)
        object.__setattr__(self, "today", today)
        object.__setattr__(self, "options", options)
        object.__setattr__(self, "metrics", MetricSettings() if metrics is None else metrics)


class Rule:
    """The base of every rule: declare, document in the docstring, and yield Problems."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]  # the default; configuration may change it
    # The SMART letter the rule counts towards; by default the code's first letter when
    # that is one of S, M, A, R, T, else none (such rules stay out of the scorecard).
    letter: ClassVar[str | None] = None
    options: ClassVar[Mapping[str, dict[str, Any]]] = {}  # name -> JSON Schema with a default
    applies_to: ClassVar[frozenset[str]] = frozenset({"goal"})
    skip_statuses: ClassVar[frozenset[str]] = frozenset()
    documentation_url: ClassVar[str | None] = None  # where the rule's documentation lives
    # The field whose absence this rule reports ("deadline", "metric.baseline"). When the
    # goal has a misspelling of it, the schema finding names the intended key and this
    # rule stays quiet on that goal: one typo, one finding.
    missing_key: ClassVar[str | None] = None
    # Whether findings of this rule can carry a fix (edits on the text), and how safe it is
    # to apply unseen: "safe" fixes are applied by ``check --fix``; see fixes.py.
    fixable: ClassVar[str | None] = None
    # Rules that read other goals (ctx.project) run once over every goal, after the rules
    # that look at one goal at a time; ``reads`` lists the fields of the other goals they
    # read (None: any field, which keeps a run in one process).
    needs_project: ClassVar[bool] = False
    reads: ClassVar[frozenset[str] | None] = DEFAULT_READS
    # Mandatory rules (the file cannot be read as a goal file) always run at their own
    # severity: select, ignore, severity overrides and suppressions do not apply.
    mandatory: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "letter" not in cls.__dict__ and isinstance(cls.__dict__.get("code"), str):
            cls.letter = cls.code[0] if cls.code[:1] in "SMART" and cls.code else None

    # ``item`` is an ItemView (the built-ins take the richer internal Item): typed Any here
    # so that a subclass may annotate either.
    def check(self, item: Any, ctx: CheckContext) -> Iterable[Problem]:
        """Problems of one goal (or objective, per ``applies_to``)."""
        return ()

    def check_file(self, goal_file: GoalFile, ctx: CheckContext) -> Iterable[Problem]:
        """Problems of a file's own keys (``version``, ``period``, ``defaults``)."""
        return ()


__all__ = [
    "API_VERSION", "Applicability", "CheckContext", "CheckinView", "Edit", "Fix", "ItemView", "MetricSettings",
    "MilestoneView", "Problem", "ProjectView", "Rule", "Severity", "Span",
]
