"""The metric catalogue: the team's own measurements, shared by every goal on a metric.

A catalogue entry is written under a top-level ``metrics:`` list, in a goal file or in a
``*.metrics.yaml`` file of its own::

    metrics:
      - id: inbound-leads
        name: inbound leads per month
        unit: leads/month
        source: CRM report "Inbound leads by month"
        cadence: monthly
        history:
          - {period: 2025-11, value: 262}
          - {date: 2025-12-31, value: 250}

A goal refers to it with ``metric: {ref: inbound-leads, target: 400}``. ``resolve``
fills in what the goal leaves out: name, unit, kind, bounds, source and cadence from the
entry; the baseline from the last measurement on or before the goal's start; the
check-ins from the measurements inside the goal's period. A goal's own field always wins.
Every rule then reads the goal's metric as if it had been written inline.

Measurements are dated by the day their value was true: a ``date``, or the last day of a
``period`` (the figure for 2025-Q4 is known at the end of the quarter).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from .dates import DateError, day_or_none, parse_when
from .diagnostics import Span
from .loader import Document, KeyPath, SourceMap, load_file_bytes
from .messages import msg

# The fields a goal takes from its catalogue entry when it does not write them itself.
SHARED_FIELDS = ("name", "unit", "kind", "min", "max", "source", "cadence")
METRICS_FILE_PATTERNS = ("*.metrics.yaml", "*.metrics.yml")
# Byte-order marks of UTF-16 and UTF-32: such a file cannot be searched for the key as bytes.
_WIDE_MARKS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


class Measurement(NamedTuple):
    place: int  # its index in the entry's ``history`` list
    day: dt.date  # the day the value was true
    value: float


class Trouble(NamedTuple):
    """Something in a catalogue that cannot be used, reported on the file that holds it."""

    code: str
    span: Span
    message: str
    # Reported only when this file is checked without that one (a pre-commit hook): the
    # first definition of an id its repeat in an unchecked file clashes with.
    unless_checked: str | None = None
    help: str | None = None  # the fix, in one line


class Entry:
    """One catalogued metric, as written, with its readable history oldest first."""

    __slots__ = ("_days", "_spans", "data", "file", "history", "id", "path", "source_map")

    def __init__(self, id: str, data: dict[str, Any], file: str, source_map: SourceMap,
                 path: KeyPath) -> None:
        self.id = id
        self.data = data
        self.file = file  # the file as shown in findings
        self.source_map = source_map
        self.path = path  # ("metrics", index)
        self.history: list[Measurement] = []
        self._days: list[int] = []
        self._spans: dict[tuple[int, int, float], list[float]] = {}

    def at(self, *keys: str | int) -> Span:
        return self.source_map.value(self.path + keys)

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None

    def last_on_or_before(self, day: dt.date) -> Measurement | None:
        place = bisect.bisect_right(self._days, day.toordinal())
        return self.history[place - 1] if place else None

    def between(self, after: dt.date, upto: dt.date | None) -> list[Measurement]:
        """The measurements dated after ``after`` and on or before ``upto`` (no end: all later ones)."""
        first = bisect.bisect_right(self._days, after.toordinal())
        last = len(self._days) if upto is None else bisect.bisect_right(self._days, upto.toordinal())
        return self.history[first:last]

    def near(self, day: dt.date, slack_days: float) -> Measurement | None:
        """The measurement on ``day``, or the last one before it no more than ``slack_days`` earlier."""
        found = self.last_on_or_before(day)
        return found if found is not None and (day - found.day).days <= slack_days else None

    def span_changes(self, before: dt.date, length: int, slack: float) -> list[float]:
        """The change over every span of ``length`` days in the history that ends on or before
        ``before``: from each measurement to the last one on or before the span's end, when
        that one is no more than ``slack`` days short of it. Kept per question: the goals on
        one metric usually share their dates."""
        key = (before.toordinal(), length, slack)
        found = self._spans.get(key)
        if found is None:
            found = self._spans[key] = self._span_changes(key[0], length, slack)
        return found

    def _span_changes(self, before: int, length: int, slack: float) -> list[float]:
        days, history, changes = self._days, self.history, []
        last = 0
        for place, first in enumerate(days):
            if before - first < length:
                break  # this span, and every later one, ends after ``before``
            end = first + length
            while last + 1 < len(days) and days[last + 1] <= end:
                last += 1
            if last > place and end - days[last] <= slack:
                changes.append(history[last].value - history[place].value)
        return changes

    @property
    def typical_gap(self) -> float | None:
        """The median number of days between measurements; None with fewer than three."""
        days = self._days
        if len(days) < 3:
            return None
        from statistics import median  # only now: it imports fractions and decimal, a start-up cost

        return float(median(b - a for a, b in itertools.pairwise(days)))


class Link:
    """How a goal's metric refers to the catalogue."""

    __slots__ = ("defaulted", "entry", "ref")

    def __init__(self, ref: Any, entry: Entry | None, defaulted: frozenset[str] = frozenset()) -> None:
        self.ref = ref  # as written
        self.entry = entry  # None: the id is not in the catalogue
        self.defaulted = defaulted  # metric fields (and "checkins") taken from the catalogue


class Catalogue:
    """Every catalogued metric of the files checked together; ids are unique across them."""

    __slots__ = ("entries", "troubles")

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.troubles: dict[str, list[Trouble]] = {}  # shown path -> what cannot be used

    def get(self, metric_id: str) -> Entry | None:
        return self.entries.get(metric_id)

    def suggest(self, word: str) -> str | None:
        import difflib

        found = difflib.get_close_matches(word, list(self.entries), n=1, cutoff=0.6)
        return found[0] if found else None

    def add_file(self, shown: str, data: Any, source_map: SourceMap) -> None:
        listed = data.get("metrics") if isinstance(data, dict) else None
        if not isinstance(listed, list):
            return
        for index, raw in enumerate(listed):
            metric_id = raw.get("id") if isinstance(raw, dict) else None
            if not isinstance(metric_id, str) or not metric_id.strip():
                continue  # the schema reports it
            entry = Entry(metric_id, raw, shown, source_map, ("metrics", index))
            first = self.entries.get(metric_id)
            if first is not None:
                where = f"{first.file}:{first.at('id').line}"
                other = self._free_id(metric_id, raw, first.data, listed)
                self._trouble(shown, Trouble(
                    "E011", entry.at("id"), msg("metric id '{metric}' is already defined at {where}: goals "
                                                "that refer to it take the first one, never this one",
                                                metric=metric_id, where=where),
                    help=f"give this metric an id of its own, such as `id: {other}`, or merge its history "
                         "into the first one"))
                if first.file != shown:
                    there = f"{shown}:{entry.at('id').line}"
                    self._trouble(first.file, Trouble(
                        "E011", first.at("id"), msg("metric id '{metric}' is also defined at {where}: goals "
                                                    "that refer to it cannot tell the two apart", metric=metric_id,
                                                    where=there), unless_checked=shown,
                        help=f"give the metric at {there} an id of its own, such as `id: {other}`, or merge "
                             "the two histories"))
                continue
            self._read_history(entry)
            self.entries[metric_id] = entry

    def _free_id(self, metric_id: str, repeat: dict[str, Any], first: dict[str, Any], listed: list[Any]) -> str:
        """An id for a repeated metric that no metric has yet: named by how it differs from the first
        (``-weekly``), else numbered."""
        taken = set(self.entries) | {raw["id"] for raw in listed
                                     if isinstance(raw, dict) and isinstance(raw.get("id"), str)}
        words = [_cadence_word(repeat, first, key) for key in ("cadence", "unit")]
        tried = [f"{metric_id}-{word}" for word in words if word]
        tried += [f"{metric_id}-{number}" for number in range(2, len(taken) + 3)]
        return next(candidate for candidate in tried if candidate not in taken)

    def _trouble(self, shown: str, trouble: Trouble) -> None:
        self.troubles.setdefault(shown, []).append(trouble)

    def _read_history(self, entry: Entry) -> None:
        listed = entry.data.get("history")
        found: list[Measurement] = []
        before: Any = None  # the date or period of the last readable measurement
        for index, raw in enumerate(listed if isinstance(listed, list) else []):
            if not isinstance(raw, dict):
                continue
            value = raw.get("value")
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue  # the schema reports it
            day = self._day(entry, index, raw, before)
            if day is not None:
                found.append(Measurement(index, day, float(value)))
                before = raw.get("date", raw.get("period"))
        first_wrong = next((later for earlier, later in itertools.pairwise(found) if later.day <= earlier.day), None)
        if first_wrong is not None:
            self._trouble(entry.file, Trouble("M016", entry.at("history", first_wrong.place),
                                              msg("history of metric '{metric}' is not oldest first with one "
                                                  "measurement a day: {day} comes after a measurement on or after "
                                                  "it: the goals on the metric may read the wrong value",
                                                  metric=entry.id, day=first_wrong.day.isoformat()),
                                              help=_order_help(first_wrong, found)))
            found.sort(key=lambda m: (m.day, m.place))
            found = [m for place, m in enumerate(found) if place + 1 == len(found) or found[place + 1].day != m.day]
        entry.history = found
        entry._days = [m.day.toordinal() for m in found]

    def _day(self, entry: Entry, index: int, raw: dict[str, Any], before: Any) -> dt.date | None:
        key = "date" if "date" in raw else "period" if "period" in raw else None
        following = next_period(before)
        if key is None:
            self._trouble(entry.file, Trouble(
                "M016", entry.at("history", index), msg("measurement of metric '{metric}' has neither a date nor "
                                                        "a period: it cannot be placed in time and is left out",
                                                        metric=entry.id),
                help=f"add `period: {following[0]}` ({following[1]}) or the day's `date`" if following else
                "add the measurement's `date: YYYY-MM-DD` or its `period` (2025-Q4, 2025-12)"))
            return None
        try:
            return parse_when(raw[key], end=True)
        except DateError as exc:
            self._trouble(entry.file, Trouble(
                "M016", entry.at("history", index, key), msg("measurement of metric '{metric}': {key} '{value}' is "
                                                             "not a date or period ({problem}): the measurement is "
                                                             "left out", metric=entry.id, key=key, value=raw[key],
                                                             problem=exc.message),
                help=f"write `period: {following[0]}` ({following[1]}) or the real {key}" if following else
                f"write the {key} as a date (2025-12-31) or a period (2025, 2025-H2, 2025-Q4, 2025-12)"))
            return None


_CADENCE_OF_UNIT = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly"}


def _cadence_word(repeat: dict[str, Any], first: dict[str, Any], key: str) -> str | None:
    """How often the repeated metric is measured, when its ``key`` says so and differs from the first's."""
    value, other = repeat.get(key), first.get(key)
    if not isinstance(value, str) or (isinstance(other, str) and other.strip().casefold() == value.strip().casefold()):
        return None
    word = value.strip().casefold()
    if key == "unit":
        return _CADENCE_OF_UNIT.get(word.rsplit("/", 1)[-1].strip()) if "/" in word else None
    return word if word in _CADENCE_OF_UNIT.values() else None


def next_period(before: Any) -> tuple[str, str] | None:
    """The period after a written one (``2025-11`` -> ``2025-12``, "the month after 2025-11"); None for a date."""
    text = str(before).strip() if isinstance(before, (str, int)) and not isinstance(before, bool) else ""
    year, _, part = text.partition("-")
    if not year.isdigit() or len(year) != 4:
        return None
    y = int(year)
    if not part:
        return str(y + 1), f"the year after {text}"
    for letter, count, word in (("Q", 4, "quarter"), ("H", 2, "half-year")):
        if len(part) == 2 and part[0].upper() == letter and part[1].isdigit() and 1 <= int(part[1]) <= count:
            n = int(part[1]) % count + 1
            return f"{y + (n == 1)}-{letter}{n}", f"the {word} after {text}"
    if len(part) == 2 and part.isdigit() and 1 <= int(part) <= 12:
        month = int(part) % 12 + 1
        return f"{y + (month == 1)}-{month:02d}", f"the month after {text}"
    return None


def _order_help(wrong: Measurement, found: list[Measurement]) -> str:
    """Where the measurement out of order belongs, or which one to drop when two share a day."""
    if any(m.day == wrong.day and m.place != wrong.place for m in found):
        return f"keep one of the measurements of {wrong.day.isoformat()} and remove the other (one a day)"
    later = min((m for m in found if m.place < wrong.place and m.day > wrong.day), key=lambda m: m.place)
    return f"move this measurement before the one of {later.day.isoformat()}, so the history runs oldest first"


def resolve(data: dict[str, Any], catalogue: Catalogue) -> tuple[dict[str, Any], Link] | None:
    """A goal's data with its referenced metric filled in from the catalogue; None without a ``ref``."""
    metric = data.get("metric")
    if not isinstance(metric, dict) or "ref" not in metric:
        return None
    ref = metric["ref"]
    entry = catalogue.get(ref) if isinstance(ref, str) else None
    if entry is None:
        return data, Link(ref, None)
    filled = {key: entry.data[key] for key in SHARED_FIELDS if key in entry.data}
    start = day_or_none(data.get("start"), end=False)
    if "baseline" not in metric and start is not None:
        zero = entry.last_on_or_before(start)
        if zero is not None:
            filled["baseline"] = zero.value
            filled["baseline_date"] = zero.day.isoformat()
    defaulted = {key for key in filled if key not in metric}
    filled.update(metric)
    out = {**data, "metric": filled}
    if "checkins" not in data and start is not None:
        inside = entry.between(start, day_or_none(data.get("deadline"), end=True))
        if inside:
            out["checkins"] = [{"date": m.day.isoformat(), "value": m.value} for m in inside]
            defaulted.add("checkins")
    return out, Link(ref, entry, frozenset(defaulted))


class Prepared:
    """What the check pipeline reads before it checks any file: the catalogue, and the
    documents parsed to build it (each is parsed once; the check takes them from here)."""

    __slots__ = ("bytes_of", "catalogue", "catalogue_sources", "documents", "raws")

    def __init__(self) -> None:
        self.catalogue = Catalogue()
        self.documents: dict[str, Document] = {}
        self.raws: dict[str, bytes] = {}  # files read but not parsed yet
        self.bytes_of: dict[str, bytes] = {}  # every file read, as read (with keep_bytes)
        self.catalogue_sources: tuple[tuple[str, bytes], ...] = ()  # the files parsed for the catalogue, as read

    def take(self, key: str) -> tuple[bytes | None, Document | None]:
        """The bytes already read of a file, or its parsed document; each is handed out once."""
        return self.raws.pop(key, None), self.documents.pop(key, None)


def is_metrics_file(path: Path) -> bool:
    from fnmatch import fnmatchcase

    return any(fnmatchcase(path.name, pattern) for pattern in METRICS_FILE_PATTERNS)


def prepare(files: Iterable[tuple[Path, str, str]], read: Callable[[Path, str], bytes | None],
            max_bytes: int, texts: Mapping[str, bytes] | None = None, *, keep_bytes: bool = False) -> Prepared:
    """The catalogue of ``files`` (path, shown path, key).

    Metrics files, and files whose bytes mention ``metrics`` at all, are parsed now and
    their documents kept for the check, so parsing early costs nothing; the others are
    only read (and their bytes kept), never parsed twice.
    """
    prepared = Prepared()
    for path, shown, key in files:
        raw = texts.get(key) if texts else None
        if raw is None:
            raw = read(path, key)
        if raw is None:
            continue  # unreadable: the check reports it
        if keep_bytes:  # for a caller that compares them with the last run's (the editor's reuse)
            prepared.bytes_of[key] = raw
        if not (is_metrics_file(path) or b"metrics" in raw or raw.startswith(_WIDE_MARKS)):
            prepared.raws[key] = raw
            continue
        document = load_file_bytes(raw, max_bytes)
        prepared.documents[key] = document
        prepared.catalogue_sources += ((key, raw),)
        if isinstance(document.data, dict):
            prepared.catalogue.add_file(shown, document.data, document.source_map)
    return prepared


# What a goal whose reference is unknown lacks because of it: one finding (E010), not one per field.
FIELDS_OF_UNKNOWN = frozenset({"metric.unit", "metric.source", "metric.baseline", "metric.name"})
