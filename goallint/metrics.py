"""The metric model: what a goal's number is, which way it should go, and where it stands.

Every judgement about a goal's number lives here, so that the rules (A001, A002, A003,
M009) and the report never disagree:

- **Kind and scale** (``Measure.kind``, ``Measure.scale``). ``metric.kind`` when written,
  else inferred: a ``%`` unit is a *percent* (0..100), NPS is a *score* (-100..100), a
  currency unit is an *amount*, anything else a *count*. ``metric.min``/``metric.max``
  set the bounds of any scale. A scale with both bounds is *bounded*: change on it is
  judged in points and in shares of the remaining headroom, never as a ratio.
- **Direction** (``Measure.direction``). ``metric.direction`` when written (increase,
  decrease, maintain, at_least, at_most), else read from the title where it is plain
  ("at least", "below", "reduce", ...; ``title_direction()``), else from baseline vs
  target. A written ``maintain`` whose title plainly says "at least"/"at most" becomes
  one-sided. ``Direction.inferred`` says where it came from, for the messages.
- **Movement** (``Measure.movement``): increase or decrease when the goal asks the number
  to move; None when it asks to hold a level (maintain, or a floor/ceiling the baseline
  already meets).
- **The plan** (``planned_value(day)``: the value expected by that day): straight
  lines through the baseline (at ``baseline_date``, else ``start``), each milestone,
  and the target at the deadline.
- **Status** (``assess()``), decided in this order: ``done``/``dropped`` by the goal's
  own status; ``not started`` before the start; ``on track`` once the latest
  measurement meets the target (a reached goal is never short); ``overdue`` past the
  deadline; ``stale`` when asked for and the last measurement (a check-in, else
  ``baseline_date``, else the start) is older than the goal's cadence; ``no data``;
  then the pace. A level to hold is judged by its band (``metric.tolerance`` in the
  metric's unit, else the pace tolerance in percent of the target). A goal with
  milestones is judged by how far its latest value lags their plan on that date; one
  without, by the shortfall at the deadline of a straight line fitted through its
  check-ins, or, with a single check-in, by its lag behind the straight plan from
  baseline to target (one value has no pace to extend). The lag, in shares of the
  baseline-to-target distance: at most the tolerance is ``on track``, at most 2.5 times
  it ``at risk``, more ``off track``. Check-ins dated after today are not measurements.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, overload

from .dates import day_or_none
from .messages import msg

if TYPE_CHECKING:
    from .model import Checkin, Item

KINDS = ("count", "amount", "percent", "score")
DIRECTIONS = ("increase", "decrease", "maintain", "at_least", "at_most")
STATUSES = ("done", "on track", "at risk", "off track", "not started", "overdue", "stale", "no data", "dropped")
RISK_FACTOR = 2.5
CADENCE_DAYS = {"daily": 1, "weekly": 7, "biweekly": 14, "monthly": 31, "quarterly": 92,
                "half-yearly": 183, "yearly": 366}
_CURRENCIES = frozenset({"nok", "kr", "mnok", "knok", "usd", "eur", "sek", "dkk", "gbp", "$", "€", "£",
                         "kroner", "dollars", "euro"})

# Plain phrases that say which way a title wants its number to go, in English and
# Norwegian Bokmål; the first group that matches wins, bounds before movements.
_TITLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("at_least", ("at least", "no less than", "or more", "or higher", "or above", "or better", "above",
                  "minimum", "minst", "ikke under", "eller mer", "eller høyere", "eller bedre")),
    ("at_most", ("at most", "no more than", "or less", "or lower", "or below", "below", "under", "maximum",
                 "høyst", "maks", "maksimalt", "ikke over", "eller mindre", "eller lavere")),
    ("decrease", ("reduce", "reduced", "reducing", "cut", "lower", "decrease", "shrink", "halve", "minimise",
                  "minimize", "redusere", "redusert", "reduser", "kutte", "kutt", "senke", "halvere", "minske")),
    ("increase", ("increase", "grow", "raise", "boost", "double", "triple", "øke", "øk", "heve", "doble",
                  "vokse")),
    ("maintain", ("maintain", "keep", "hold", "sustain", "opprettholde", "beholde", "holde")),
)
_QUARTERLY = re.compile(r"(?<!\w)(?:quarterly|every quarter|each quarter|kvartalsvis|hvert kvartal)(?!\w)",
                        re.IGNORECASE)


@functools.cache
def _title_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Compiled on first need: five case-blind alternations cost a start-up a few milliseconds."""
    return tuple(
        (direction, re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE))
        for direction, words in _TITLE_WORDS
    )


# The first word of every phrase: a title sharing none of them states no direction.
_FIRST_WORDS = frozenset(w.split()[0] for _, words in _TITLE_WORDS for w in words)
_WORD = re.compile(r"\w+")


def title_direction(title: str) -> tuple[str, str] | None:
    """The direction a title states plainly, and the words that say it; None when it does not."""
    if _FIRST_WORDS.isdisjoint(_WORD.findall(title.casefold())):  # most titles: no search at all
        return None
    for direction, pattern in _title_patterns():
        found = pattern.search(title)
        if found:
            return direction, found.group(0)
    return None


T = TypeVar("T")


class once(Generic[T]):
    """A property computed on first use and then kept on the instance.

    functools.cached_property takes a lock on every first use (Python 3.11), which cost
    more than the values themselves: a Measure computes about a dozen per goal. Measured
    on 10,000 generated goals, the lock-free version saves about 1.5 us per value.
    """

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> once[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | once[T]:
        if instance is None:
            return self
        value = self.compute(instance)
        instance.__dict__[self.name] = value
        return value


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


class Scale(NamedTuple):
    kind: str
    low: float | None
    high: float | None

    @property
    def bounded(self) -> bool:
        return self.low is not None and self.high is not None


class Direction(NamedTuple):
    value: str  # one of DIRECTIONS
    inferred: str | None  # None when written; "title" or "numbers" when inferred
    words: str = ""  # the title's words, when inferred from the title

    @property
    def note(self) -> str:
        """What a message adds so the reader knows the direction was read from the title."""
        if self.inferred != "title":
            return ""
        return msg(" (direction {direction} inferred from the title's '{words}')", direction=self.value,
                   words=self.words)


@functools.lru_cache(maxsize=4096)  # units and metric names recur across a project's goals
def _kind_of(unit_text: str, name_text: str) -> str:
    """The kind a metric's unit and name imply when ``kind`` is not written."""
    unit = unit_text.strip().casefold()
    name = name_text.casefold()
    if "%" in unit or unit in ("percent", "prosent", "pp", "percentage points", "prosentpoeng"):
        return "percent"
    said = f"{unit} {name}"
    if "nps" in said and re.search(r"(?<!\w)nps(?!\w)", said):
        return "score"
    if unit in _CURRENCIES or any(word in _CURRENCIES for word in re.split(r"[\s/]+", unit)):
        return "amount"
    return "count"


class Measure:
    """A goal's metric, typed and judged once; built lazily by ``Item.measure``."""

    def __init__(self, item: Item) -> None:
        self.item = item
        self.metric: dict[str, Any] = item.metric or {}
        self.assessed: dict[tuple[dt.date, float, int | None], Assessment] = {}  # assess(), by its arguments

    @once
    def kind(self) -> str:
        written = self.metric.get("kind")
        if written in KINDS:
            return str(written)
        return _kind_of(str(self.metric.get("unit") or ""), str(self.metric.get("name") or ""))

    @once
    def scale(self) -> Scale:
        low, high = _number(self.metric.get("min")), _number(self.metric.get("max"))
        kind = self.kind
        if kind == "percent":
            low, high = (0.0 if low is None else low), (100.0 if high is None else high)
        elif kind == "score":
            low, high = (-100.0 if low is None else low), (100.0 if high is None else high)
        elif kind == "count" and low is None:
            low = 0.0
        if low is not None and high is not None:
            for value in (self.item.baseline, self.item.target):
                if value is not None and not low <= value <= high:
                    return Scale(kind, None, None)  # a "%" growth rate above 100 is no bounded share
        return Scale(kind, low, high)

    @once
    def direction(self) -> Direction | None:
        written = self.metric.get("direction")
        if written in DIRECTIONS and written != "maintain":
            return Direction(str(written), None)
        title = self.item.data.get("title")
        said = title_direction(title) if isinstance(title, str) else None
        if said is not None and said[0] in ("at_least", "at_most"):
            return Direction(said[0], "title", said[1])
        if written == "maintain":
            return Direction("maintain", None)
        numbers = self._numbers_direction()
        if said is not None and (numbers is None or numbers == "maintain"):
            return Direction(said[0], "title", said[1])  # the title decides what the numbers cannot
        return Direction(numbers, "numbers") if numbers is not None else None

    def _numbers_direction(self) -> str | None:
        base, target = self.item.baseline, self.item.target
        if base is None or target is None:
            return None
        return "increase" if target > base else "decrease" if target < base else "maintain"

    @once
    def movement(self) -> str | None:
        """increase or decrease when the number must move to reach the target, else None."""
        base, target = self.item.baseline, self.item.target
        if base is None or target is None or base == target:
            return None
        direction = self.direction
        if direction is None:
            return None
        if direction.value in ("increase", "decrease"):
            return direction.value
        if direction.value == "at_least" and base < target:
            return "increase"
        if direction.value == "at_most" and base > target:
            return "decrease"
        return None

    @once
    def tolerance(self) -> float | None:
        value = _number(self.metric.get("tolerance"))
        return abs(value) if value is not None else None

    @once
    def written_cadence_days(self) -> int | None:
        """``metric.cadence`` in days, when it is written and understood."""
        value = self.metric.get("cadence")
        if isinstance(value, str):
            return CADENCE_DAYS.get(value.strip().casefold())
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        return None

    @once
    def cadence_days(self) -> int | None:
        """``metric.cadence`` in days; else quarterly when the metric's name or source says
        so (a quarterly survey), since that only ever lengthens the default."""
        if self.written_cadence_days is not None:
            return self.written_cadence_days
        said = f"{self.metric.get('name') or ''} {self.metric.get('source') or ''}"
        return CADENCE_DAYS["quarterly"] if _QUARTERLY.search(said) else None

    @once
    def baseline_date(self) -> dt.date | None:
        return day_or_none(self.metric.get("baseline_date"), end=True)

    @once
    def origin(self) -> dt.date | None:
        """When the baseline was true: ``baseline_date``, else the start."""
        return self.baseline_date or self.item.start

    @once
    def measurements(self) -> list[Checkin]:
        """Check-ins dated on or before today (a future date is no measurement), oldest first."""
        today, checkins = self.item.as_of, self.item.checkins
        if today is None or not checkins or checkins[-1].date <= today:
            return checkins  # the usual case: nothing dated ahead
        return [c for c in checkins if c.date <= today]

    @once
    def latest(self) -> Checkin | None:
        return self.measurements[-1] if self.measurements else None

    @once
    def last_measured(self) -> dt.date | None:
        """The last day the number was measured: the latest check-in, or ``baseline_date``
        when that is later (the baseline is the first measurement); None without either."""
        as_of, latest, baseline = self.item.as_of, self.latest, self.baseline_date
        measured = latest.date if latest is not None else None  # the measurements end by as_of already
        if baseline is not None and (as_of is None or baseline <= as_of) and (measured is None or baseline > measured):
            return baseline
        return measured

    @once
    def plan_start(self) -> dt.date | None:
        """Where the team's plan begins: the goal's start, else ``baseline_date``. The plan
        runs from the start even when the baseline was measured a little earlier, so the
        report's expected path and A003's pace are one line."""
        return self.item.start or self.baseline_date

    @once
    def plan(self) -> list[tuple[int, float]]:
        """(ordinal day, value) through baseline, milestones and target, by date."""
        item = self.item
        points: list[tuple[int, float]] = []
        if self.plan_start is not None and item.baseline is not None:
            points.append((self.plan_start.toordinal(), item.baseline))
        points += [(m.date.toordinal(), m.target) for m in item.milestones
                   if m.date is not None and m.target is not None]
        if item.deadline is not None and item.target is not None:
            points.append((item.deadline.toordinal(), item.target))
        points.sort(key=lambda p: p[0])
        return points

    @once
    def planned_at_latest(self) -> float | None:
        """Where the plan put the number on the latest measurement's date."""
        return self.planned_value(self.latest.date) if self.latest is not None else None

    def planned_value(self, day: dt.date) -> float | None:
        """Where the plan puts the number on ``day``: piecewise straight, flat outside it."""
        points = self.plan
        if not points:
            return None
        x = day.toordinal()
        if x <= points[0][0]:
            return points[0][1]
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            if x <= x1:
                return y1 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        return points[-1][1]

    @once
    def fitted(self) -> float | None:
        """The least-squares line through the measurements, at the deadline."""
        return linear_forecast(self.item, self.item.deadline) if self.item.deadline is not None else None

    @once
    def forecast(self) -> float | None:
        return _forecast(self.item)

    @once
    def change(self) -> Change | None:
        return _change(self.item)

    def reached(self, value: float) -> bool:
        """Whether ``value`` meets the target the way the goal asks."""
        direction, target = self.direction, self.item.target
        if direction is None or target is None:
            return False
        if self.movement == "increase" or direction.value == "at_least":
            return value >= target
        if self.movement == "decrease" or direction.value == "at_most":
            return value <= target
        return abs(value - target) <= (self.tolerance or 0.0)


class Change(NamedTuple):
    """The move a goal asks for, as A001 and A002 judge it."""

    baseline: float
    target: float
    movement: str  # increase or decrease
    bounded: bool
    low: float  # the scale's bounds (0 and 0 when unbounded)
    high: float
    note: str  # what a message adds when the direction was read from the title

    @property
    def points(self) -> float:
        return abs(self.target - self.baseline)

    @property
    def span(self) -> float:
        return self.high - self.low

    @property
    def end(self) -> float:
        """The end of the scale the target moves towards."""
        return self.high if self.movement == "increase" else self.low

    @property
    def nearer_end(self) -> float:
        """The end of the scale nearer to the baseline."""
        return self.low if self.baseline - self.low <= self.high - self.baseline else self.high

    @property
    def room(self) -> float:
        """The move as a share of the room between the baseline and the nearer end of the
        scale: near the top a share of the headroom, near the bottom a relative change."""
        room = abs(self.baseline - self.nearer_end)
        return float("inf") if room == 0 else self.points / room

    @property
    def headroom(self) -> float:
        """The share of the room between baseline and the scale's end that the target closes."""
        room = abs(self.end - self.baseline)
        return 1.0 if room == 0 else self.points / room


def change(item: Item) -> Change | None:
    """The change from baseline to target, when the goal asks the number to move."""
    return item.measure.change


def _change(item: Item) -> Change | None:
    m = item.measure
    base, target = item.baseline, item.target
    if base is None or target is None:
        return None
    movement, direction = m.movement, m.direction
    if movement is None or direction is None:
        return None
    scale = m.scale
    if scale.bounded and scale.low is not None and scale.high is not None:
        return Change(base, target, movement, bounded=True, low=scale.low, high=scale.high, note=direction.note)
    return Change(base, target, movement, bounded=False, low=0.0, high=0.0, note=direction.note)


class Assessment(NamedTuple):
    """Where a goal stands on a day: its status and the numbers behind it."""

    status: str  # one of STATUSES
    progress: float | None  # (latest - baseline) / (target - baseline), not clamped
    elapsed: float | None  # share of start..deadline passed, not clamped
    forecast: float | None  # the value expected at the deadline at the current pace
    lag: float | None  # how far the latest value falls short, in shares of the distance (or unit for a band)
    basis: str = ""  # "plan", "forecast", "time", "band" or "": what the lag was measured against
    planned: float | None = None  # where the plan put the number on the latest check-in's date


def progress(item: Item) -> float | None:
    latest, base, target = item.measure.latest, item.baseline, item.target
    if latest is None or base is None or target is None or target == base:
        return None
    return (latest.value - base) / (target - base)


def elapsed(item: Item, today: dt.date) -> float | None:
    if item.start is None or item.deadline is None or item.deadline <= item.start:
        return None
    return (today - item.start).days / (item.deadline - item.start).days


def linear_forecast(item: Item, day: dt.date) -> float | None:
    """The value a least-squares line through the measurements reaches on ``day``."""
    points = item.measure.measurements
    if len(points) < 2 or points[0].date == points[-1].date:
        return None  # sorted by date: equal ends mean one day only
    origin = points[0].date.toordinal()  # x from the first day keeps the sums small
    n = sx = sy = sxx = sxy = 0.0
    for point in points:
        x = point.date.toordinal() - origin
        n += 1
        sx += x
        sy += point.value
        sxx += x * x
        sxy += x * point.value
    slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    return (sy - slope * sx) / n + slope * (day.toordinal() - origin)


def forecast(item: Item) -> float | None:
    """The value expected at the deadline: the rest of the plan added to the latest value
    when there are milestones, else a straight line through the measurements (or from the
    baseline through the one measurement)."""
    return item.measure.forecast


def _forecast(item: Item) -> float | None:
    m = item.measure
    if item.deadline is None:
        return None
    latest = m.latest
    if item.milestones and latest is not None and item.target is not None:
        planned = m.planned_at_latest
        if planned is not None and m.origin is not None:
            return latest.value + (item.target - planned)
    if m.fitted is not None:
        return m.fitted
    since = m.origin
    if latest is None or item.baseline is None or since is None or latest.date <= since:
        return None
    slope = (latest.value - item.baseline) / (latest.date - since).days
    return latest.value + slope * (item.deadline - latest.date).days


def stale_limit(item: Item, default_days: int) -> int:
    """Days a goal may go unmeasured: its cadence, else ``default_days``."""
    return item.measure.cadence_days or default_days


def days_unmeasured(item: Item, today: dt.date) -> tuple[int, dt.date] | None:
    """Days since the goal was last measured, and that day: the latest of its last
    measurement and its start (a goal is not late before it has begun)."""
    days = [d for d in (item.measure.last_measured, item.start) if d is not None]
    if not days:
        return None
    since = max(days)
    return (today - since).days, since


def _grade(lag: float, tolerance: float) -> str:
    if lag <= tolerance:
        return "on track"
    return "at risk" if lag <= RISK_FACTOR * tolerance else "off track"


def assess(item: Item, today: dt.date, tolerance_percent: float = 10,
           stale_after_days: int | None = None) -> Assessment:
    """Where the goal stands on ``today``; the order of the rules is in the module docstring.

    ``stale_after_days`` (the default when a goal has no cadence) turns the ``stale``
    status on; without it a goal is never called stale. A goal's verdict for the same
    day and limits is worked out once: A003 and the report both ask.
    """
    key = (today, tolerance_percent, stale_after_days)
    known = item.measure.assessed.get(key)
    if known is None:
        known = item.measure.assessed[key] = _assess(item, today, tolerance_percent, stale_after_days)
    return known


def _assess(item: Item, today: dt.date, tolerance_percent: float, stale_after_days: int | None) -> Assessment:
    m = item.measure
    share, time_share = progress(item), elapsed(item, today)
    ahead = forecast(item)

    def result(status: str, lag: float | None = None, basis: str = "", planned: float | None = None) -> Assessment:
        return Assessment(status, share, time_share, ahead, lag, basis, planned)

    if item.status in ("done", "dropped"):
        return result(item.status)
    if item.start is not None and today < item.start:
        return result("not started")
    latest, base, target = m.latest, item.baseline, item.target
    if latest is not None and m.reached(latest.value):
        return result("on track", 0.0)
    if item.deadline is not None and today > item.deadline:
        return result("overdue")
    if stale_after_days is not None and (gap := days_unmeasured(item, today)) is not None \
            and gap[0] > stale_limit(item, stale_after_days):
        return result("stale")
    if latest is None or target is None or m.direction is None:
        return result("no data")
    tolerance = tolerance_percent / 100
    if m.movement is None and (base is not None or m.direction.value not in ("increase", "decrease")):
        return _band(item, latest.value, target, tolerance, result)
    if base is None or m.movement is None:
        return result("no data")  # a move needs its starting point
    return _pace(item, latest.value, base, target, tolerance, (share, time_share), result)


def _pace(item: Item, latest: float, base: float, target: float, tolerance: float,
          shares: tuple[float | None, float | None], result: Callable[..., Assessment]) -> Assessment:
    """A move's status: behind the team's plan, short at the forecast, or behind the calendar."""
    m = item.measure
    share, time_share = shares
    sign = 1 if m.movement == "increase" else -1
    distance = abs(target - base)
    planned = m.planned_at_latest if m.origin is not None and item.deadline is not None else None
    fitted = m.fitted
    if planned is not None and (item.milestones or fitted is None):
        lag = sign * (planned - latest) / distance
        return result(_grade(lag, tolerance), lag, "plan", planned)
    if fitted is not None:
        lag = sign * (target - fitted) / distance
        return result(_grade(lag, tolerance), lag, "forecast")
    if time_share is not None and share is not None:
        lag = min(time_share, 1.0) - share
        return result(_grade(lag, tolerance), lag, "time")
    return result("no data")


def _band(item: Item, value: float, target: float, tolerance: float,
          result: Callable[[str, float | None, str], Assessment]) -> Assessment:
    """A level to hold: on the right side of a floor or ceiling, or within the band."""
    m = item.measure
    band = m.tolerance if m.tolerance is not None else tolerance * (abs(target) or 1.0)
    direction = m.direction.value if m.direction is not None else "maintain"
    if direction in ("at_least", "increase"):
        miss = max(0.0, target - value)
    elif direction in ("at_most", "decrease"):
        miss = max(0.0, value - target)
    else:
        miss = abs(value - target)
    if band == 0:
        return result("on track" if miss == 0 else "off track", miss, "band")
    return result(_grade(miss / band, 1.0), miss, "band")
