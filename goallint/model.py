"""What the rules see: goal files, goals and objectives as plain data, typed once.

Each ``Item`` (a goal or an objective) carries its data with the file's ``defaults``
merged in, the values every rule needs already parsed (dates, numbers, status), and
``at()``/``key_at()`` to ask where a key or value stands in the source. A ``Project`` is
every item of every file checked together, with the indexes the cross-goal rules use.
Nothing here knows YAML: positions come from the loader's ``SourceMap``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from operator import attrgetter
from typing import Any

from .catalogue import Catalogue, Link
from .catalogue import resolve as resolve_ref
from .dates import DateError, Period, day_or_none, parse_period, parse_when
from .diagnostics import Span
from .loader import KeyPath, SourceMap
from .metrics import Measure, once

STATUSES = ("draft", "active", "done", "dropped")
SUGGESTION_BUDGET = 400_000  # id comparisons all "did you mean" searches of one run may make together
CLOSED = ("done", "dropped")


def number(value: Any) -> float | None:
    """A YAML number as a float; strings, booleans, null and numbers out of ``in_range`` are not numbers."""
    kind = type(value)
    if kind is not float and kind is not int:  # the loader makes exact ints and floats; bool is neither
        return None
    return float(value) if in_range(value) else None


def in_range(value: float) -> bool:
    """Zero, or a size from 1e-100 to 1e100: sums, ratios and products of such values stay finite."""
    return value == 0 or 1e-100 <= abs(value) <= 1e100  # exact for ints of any size; False for NaN


def is_blank(value: Any) -> bool:
    """Whether a field counts as missing: absent (None), a blank string, or an empty list or mapping.

    The one definition every rule uses, so that "missing" means the same everywhere.
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def text(value: Any) -> str | None:
    """A non-blank string, stripped; anything else is None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


class GoalFile:
    """One goal file as read. A file is itself (compared and hashed by identity): the same
    path may be read twice in a run."""

    def __init__(self, path: str, data: dict[str, Any], source_map: SourceMap,
                 catalogue: Catalogue | None = None) -> None:
        self.path = path
        self.data = data
        self.source_map = source_map
        self.catalogue = catalogue  # the metrics of every file checked together (goallint.catalogue)

    @once
    def period(self) -> Period | None:
        try:
            return parse_period(self.data["period"]) if "period" in self.data else None
        except DateError:
            return None


_BY_DATE = attrgetter("date", "index")


class Checkin:
    """A check-in with a real date and a number."""

    __slots__ = ("date", "index", "value")

    def __init__(self, index: int, date: dt.date, value: float) -> None:
        self.index = index
        self.date = date
        self.value = value

    def __repr__(self) -> str:
        return f"Checkin({self.index}, {self.date!r}, {self.value!r})"


class Milestone:
    """A milestone, its date and target read (None when unreadable)."""

    __slots__ = ("date", "index", "target")

    def __init__(self, index: int, date: dt.date | None, target: float | None) -> None:
        self.index = index
        self.date = date
        self.target = target

    def __repr__(self) -> str:
        return f"Milestone({self.index}, {self.date!r}, {self.target!r})"


_WORKED_OUT = ("measure", "checkins", "milestones")


class Item:
    """A goal or an objective. An item is itself (compared by identity): comparing two by
    their fields would be slow and wrong."""

    def __init__(self, kind: str, file: GoalFile, path: KeyPath, raw: dict[str, Any], data: dict[str, Any],
                 as_of: dt.date | None = None, link: Link | None = None) -> None:
        self.kind = kind  # "goal" or "objective"
        self.file = file
        self.path = path  # e.g. ("goals", 3)
        self.raw = raw
        self.data = data
        # The day the check runs as of: the metric model counts only check-ins up to it (a
        # check-in dated later is no measurement). None counts every check-in.
        self.as_of = as_of
        # How the metric refers to the catalogue (``metric: {ref: ...}``); None for an inline metric.
        self.link = link
        # Read by nearly every rule, cross-goal ones many times per item: set once.
        value = raw.get("id")
        self.id: str | None = value if isinstance(value, str) else None
        self.owner = text(data.get("owner"))
        value = data.get("parent")
        self.parent: str | None = value if isinstance(value, str) and value.strip() else None

    def __repr__(self) -> str:
        return f"<Item {self.kind} {self.id!r} of {self.file.path}>"

    def forget(self) -> None:
        """Drop the metric model, check-ins and milestones worked out so far (the bulk of a
        goal's cached values, which cross-goal rules do not read); asked for again, they are
        worked out again."""
        for name in _WORKED_OUT:
            self.__dict__.pop(name, None)

    # -- positions -------------------------------------------------------------------
    def _source_path(self, keys: tuple[str | int, ...]) -> KeyPath:
        if self.link is not None and keys and self._from_catalogue(keys):
            keys = ("metric", "ref")  # a value the goal takes from the catalogue stands at its reference
        defaults = self.file.data.get("defaults")
        if self.kind == "goal" and keys and keys[0] not in self.raw and isinstance(defaults, dict) \
                and keys[0] in defaults:
            return ("defaults", *keys)
        return self.path + keys

    def _from_catalogue(self, keys: tuple[str | int, ...]) -> bool:
        defaulted = self.link.defaulted if self.link is not None else frozenset()
        if keys[0] == "checkins":
            return "checkins" in defaulted
        return keys[0] == "metric" and len(keys) > 1 and keys[1] in defaulted

    def at(self, *keys: str | int) -> Span:
        """Where the value at ``keys`` stands (the defaults' line for a defaulted key)."""
        return self.file.source_map.value(self._source_path(keys))

    def key_at(self, *keys: str | int) -> Span:
        return self.file.source_map.key(self._source_path(keys))

    @once
    def start_span(self) -> Span:
        """Where findings about missing keys go: the item's first key (its `- id:` line)."""
        smap = self.file.source_map
        if self.raw:
            first = smap.first_key_span(self.path)
            if first is not None:
                return first
        span = smap.value(self.path)
        return Span.point(span.line, span.column)

    # -- typed fields -------------------------------------------------------------------
    @once
    def status(self) -> str:
        value = self.data.get("status")
        return value if value in STATUSES else "active"

    def _date(self, key: str, *, end: bool) -> dt.date | None:
        return day_or_none(self.data.get(key), end=end)

    @once
    def start(self) -> dt.date | None:
        return self._date("start", end=False)

    @once
    def deadline(self) -> dt.date | None:
        return self._date("deadline", end=True)

    @once  # read a dozen times per goal
    def metric(self) -> dict[str, Any] | None:
        value = self.data.get("metric")
        return value if isinstance(value, dict) else None

    def metric_number(self, key: str) -> float | None:
        metric = self.metric
        return number(metric.get(key)) if metric is not None else None

    @once
    def baseline(self) -> float | None:
        return self.metric_number("baseline")

    @once
    def target(self) -> float | None:
        return self.metric_number("target")

    @once
    def direction(self) -> str | None:
        """increase, decrease or maintain: as written, else inferred from baseline and target."""
        metric = self.metric or {}
        if metric.get("direction") in ("increase", "decrease", "maintain"):
            return str(metric["direction"])
        if self.baseline is None or self.target is None:
            return None
        if self.target > self.baseline:
            return "increase"
        if self.target < self.baseline:
            return "decrease"
        return "maintain"

    @once
    def checkins(self) -> list[Checkin]:
        """Check-ins with a real date and a numeric value, oldest first."""
        out = []
        entries = self.data.get("checkins")
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, dict):
                continue
            value = number(entry.get("value"))
            if value is None:
                continue
            try:
                out.append(Checkin(index, parse_when(entry.get("date"), end=True), value))
            except DateError:
                continue
        out.sort(key=_BY_DATE)
        return out

    @once
    def milestones(self) -> list[Milestone]:
        out = []
        entries = self.data.get("milestones")
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, dict):
                continue
            try:
                day: dt.date | None = parse_when(entry.get("date"), end=True)
            except DateError:
                day = None
            out.append(Milestone(index, day, number(entry.get("target"))))
        return out

    # -- the plugin API's typed fields (plugin.ItemView) --------------------------------
    @property
    def file_path(self) -> str:
        return self.file.path

    def get(self, key: str) -> Any:
        return self.data.get(key)

    @property
    def title(self) -> str | None:
        return text(self.data.get("title"))

    @property
    def description(self) -> str | None:
        return text(self.data.get("description"))

    @property
    def team(self) -> str | None:
        return text(self.data.get("team"))

    @property
    def why(self) -> str | None:
        return text(self.data.get("why"))

    @property
    def unit(self) -> str | None:
        metric = self.metric
        return text(metric.get("unit")) if metric is not None else None

    @property
    def resources(self) -> list[Any]:
        value = self.data.get("resources")
        return list(value) if isinstance(value, list) else []

    @property
    def contributors(self) -> list[Any]:
        value = self.data.get("contributors")
        return list(value) if isinstance(value, list) else []
    @once
    def measure(self) -> Measure:
        """The metric model: kind, scale, direction, plan and measurements (goallint.metrics)."""
        return Measure(self)


class Project:
    """Every goal and objective of the files checked together, with indexes."""

    def __init__(self, today: dt.date, items: list[Item] | None = None,
                 reported_files: frozenset[GoalFile] | None = None) -> None:
        self.today = today
        self.items: list[Item] = [] if items is None else items
        # The files this run reports (pre-commit, --in-project); None: every file. A finding
        # that involves two files goes on the reported one even when the other holds the
        # "first" goal, so a hook run on a new file catches what it breaks.
        self.reported_files = reported_files
        self._suggestions: dict[str, tuple[str, ...]] = {}
        self._suggestion_budget = SUGGESTION_BUDGET

    @once
    def by_id(self) -> dict[str, list[Item]]:
        index: dict[str, list[Item]] = defaultdict(list)
        for item in self.items:
            if item.id is not None:
                index[item.id].append(item)
        return index

    @once
    def objective_ids(self) -> list[str]:
        """Every objective's id, in the order of the files: what a help line can offer as a parent."""
        return [item.id for item in self.items if item.kind == "objective" and item.id]

    @once
    def open_objective_ids(self) -> list[str]:
        """The ids of objectives neither done nor dropped."""
        return [item.id for item in self.items if item.kind == "objective" and item.id and item.status not in CLOSED]

    @once
    def loops(self) -> dict[str, tuple[list[str], int]]:
        """Each id on a loop of parents: the loop's ids in order, and where the id stands in it.

        Ids are followed through the first item that holds them. Every id is visited once
        in all, so a long chain of parents costs no more than a short one.
        """
        found: dict[str, tuple[list[str], int]] = {}
        walked: dict[str, str] = {}  # id -> the id the walk that reached it started from
        for start in self.by_id:
            path: list[str] = []
            current: str | None = start
            while current is not None and current not in walked:
                walked[current] = start
                path.append(current)
                parent = self.by_id[current][0].parent
                current = parent if parent in self.by_id else None
            if current is not None and walked[current] == start:  # this walk closed a loop
                loop = path[path.index(current):]
                for place, member in enumerate(loop):
                    found[member] = (loop, place)
        return found

    def is_reported(self, item: Item) -> bool:
        return self.reported_files is None or item.file in self.reported_files

    def find(self, item_id: str) -> Item | None:
        found = self.by_id.get(item_id)
        return found[0] if found else None

    def children(self, item_id: str) -> list[Item]:
        return self._children.get(item_id, [])

    @once
    def _children(self) -> dict[str, list[Item]]:
        index: dict[str, list[Item]] = defaultdict(list)
        for item in self.items:
            if item.parent is not None:
                index[item.parent].append(item)
        return index

    def suggest_id(self, word: str) -> str | None:
        """The known id nearest to ``word`` (a misspelt parent), or None; one search per word.

        Each search compares the word with every id of a similar length, so the searches
        of one run share a budget of comparisons: a file naming thousands of unknown
        parents gets suggestions for the first ones and still checks in seconds.
        """
        found = self._close_ids(word)
        return found[0] if found else None

    def only_close_id(self, word: str) -> str | None:
        """The one known id close to ``word``; None when none is or several are (a fix must be certain)."""
        found = self._close_ids(word)
        return found[0] if len(found) == 1 else None

    def _close_ids(self, word: str) -> tuple[str, ...]:
        """Up to two known ids close to ``word``, best first, from the shared search budget."""
        cache = self._suggestions
        if word not in cache:
            # Ids far longer or shorter cannot be near matches; skipping them keeps this fast.
            slack = max(2, len(word) // 3)
            lengths = [self._ids_by_length.get(size, []) for size in range(len(word) - slack, len(word) + slack + 1)]
            count = sum(len(ids) for ids in lengths)
            if count > self._suggestion_budget:
                cache[word] = ()
            else:
                import difflib

                self._suggestion_budget -= count
                candidates = [i for ids in lengths for i in ids]
                cache[word] = tuple(difflib.get_close_matches(word, candidates, n=2, cutoff=0.6))
        return cache[word]

    @once
    def _ids_by_length(self) -> dict[int, list[str]]:
        index: dict[int, list[str]] = defaultdict(list)
        for item_id in self.by_id:
            index[len(item_id)].append(item_id)
        return index

    @once
    def active_goals_by_owner(self) -> dict[str, list[Item]]:
        index: dict[str, list[Item]] = defaultdict(list)
        for item in self.items:
            if item.kind == "goal" and item.status == "active" and item.owner:
                index[item.owner.casefold()].append(item)
        return index

    @once
    def teams(self) -> frozenset[str]:
        """Every team a goal of the project names (``text.owners.normal``: without case)."""
        from .text.owners import normal

        return frozenset(normal(team) for item in self.items if (team := text(item.data.get("team"))) is not None)

    @once
    def teams_by_parent(self) -> dict[str, set[str]]:
        """The teams (compared without case) whose goals serve each parent id."""
        index: dict[str, set[str]] = defaultdict(set)
        for item in self.items:
            team = text(item.data.get("team")) if item.kind == "goal" else None
            if item.parent is not None and team is not None:
                index[item.parent].add(team.casefold())
        return index

    @once
    def started_goals_by_owner(self) -> dict[str, list[Item]]:
        """Like ``active_goals_by_owner``, without the goals whose start is after today."""
        index: dict[str, list[Item]] = defaultdict(list)
        for owner, held in self.active_goals_by_owner.items():
            started = [item for item in held if item.start is None or item.start <= self.today]
            if started:
                index[owner] = started
        return index

    @once
    def started_owner_rank(self) -> dict[Item, int]:
        """Each started active goal's place (0-based) among its owner's (items hash by identity)."""
        return {item: rank for held in self.started_goals_by_owner.values() for rank, item in enumerate(held)}


def resolve(data: dict[str, Any], catalogue: Catalogue) -> tuple[dict[str, Any], Link] | None:
    """A goal's data with its ``metric.ref`` filled in from the catalogue (None without one)."""
    metric = data.get("metric")
    if not isinstance(metric, dict) or "ref" not in metric:
        return None  # the usual, inline case: nothing to import
    return resolve_ref(data, catalogue)


def build_items(goal_file: GoalFile, as_of: dt.date | None = None) -> list[Item]:
    """The file's objectives and goals, each with the file's defaults merged in."""
    data = goal_file.data
    defaults = data.get("defaults")
    defaults = defaults if isinstance(defaults, dict) else {}
    items = []
    catalogue = goal_file.catalogue
    for kind, key in (("objective", "objectives"), ("goal", "goals")):
        entries = data.get(key)
        if not isinstance(entries, list):
            continue
        for index, raw in enumerate(entries):
            if not isinstance(raw, dict):
                continue
            merged = {**defaults, **raw} if kind == "goal" and defaults else raw
            linked = resolve(merged, catalogue) if catalogue is not None and kind == "goal" else None
            if linked is None:
                items.append(Item(kind, goal_file, (key, index), raw, merged, as_of))
            else:
                items.append(Item(kind, goal_file, (key, index), raw, linked[0], as_of, linked[1]))
    return items
