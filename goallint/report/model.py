"""The report model: every number, label and chart computed here, as plain dataclasses.

Templates only lay this out. Nothing here is HTML or Markdown, except the inline SVG
charts, which are built with every user string escaped.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from markupsafe import Markup

from ..catalog import builtin_catalog
from ..catalogue import Catalogue, Entry, Measurement
from ..diagnostics import CheckResult, Diagnostic, Severity
from ..formats import printable, utf8_safe
from ..metrics import STATUSES, Assessment, assess
from ..model import Item
from . import changes as history_views
from . import svg
from .changes import ChangeView, HistoryView
from .i18n import (
    LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    Language,
    estimate,
    finding_message,
    format_date,
    format_number,
    format_percent,
    format_written,
    rule_name,
)

if TYPE_CHECKING:
    from ..history.run import HistoryResult

# Most urgent first: the order of the default sort and of the attention list.
SEVERITY = ("overdue", "off track", "at risk", "stale", "no data", "not started", "on track", "done", "dropped")
ATTENTION = frozenset({"overdue", "off track", "at risk", "stale", "no data"})
_ALWAYS_SHOWN = frozenset(STATUSES) - {"stale"}  # the report asks for no stale status, so that bucket is empty

LETTERS = "SMART"
_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}\Z")
_SAFE_URL = re.compile(r"(?:https?://|mailto:)[^\s<>\"']+\Z", re.IGNORECASE)


def safe_url(text: str | None) -> str | None:
    """A link target only for http, https and mailto; anything else stays plain text."""
    return _safe_url(text) if text else None


@lru_cache(maxsize=4096)  # owners and sources repeat across goals
def _safe_url(text: str) -> str | None:
    text = text.strip()
    if _SAFE_URL.match(text):
        return text
    if _EMAIL.match(text):
        return f"mailto:{text}"
    return None


def status_key(status: str) -> str:
    """A status as a CSS class and filter value: ``on track`` -> ``on-track``."""
    return status.replace(" ", "-")


class FindingView(NamedTuple):  # a tuple: thousands are made, and a frozen dataclass is three times slower to make
    code: str
    name: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    letter: str


@dataclass(frozen=True)
class LetterBadge:
    letter: str
    name: str
    state: str  # green, amber or red
    mark: str  # the state as a shape, so that it never rests on colour alone
    text: str  # the state in words: for screen readers and tooltips


class Point(NamedTuple):
    """A dated value as shown: a check-in or a milestone (a tuple, for the same reason as FindingView)."""
    date: str
    value: str
    note: str


@dataclass(frozen=True)
class FindingGroup:
    """Findings that belong to no goal: an objective's, or a file's that could not be read as goals."""
    heading: str
    path: str
    findings: list[FindingView]


@dataclass(slots=True)  # ten thousand of them in a large report
class GoalView:
    id: str
    title: str
    owner: str
    owner_url: str | None
    team: str
    why: str
    path: str
    line: int
    status: str
    status_key: str
    status_label: str
    deadline: str
    deadline_iso: str
    start: str
    start_iso: str
    progress: float | None  # the true share, may be below 0 or above 1
    progress_percent: int | None  # clamped to 0..100 for display
    progress_text: str
    letters: list[LetterBadge]
    metric_name: str
    unit: str
    baseline: str
    target: str
    latest: str
    forecast: str
    source: str
    source_url: str | None
    chart: dict[str, Any] | None  # geometry for the page's script to draw; see svg.goal_chart
    findings: list[FindingView]
    rank: int  # position of the status in SEVERITY
    expected_now: str
    expected_now_percent: int | None  # where the plan says the bar should be today, 0..100
    expected_progress_text: str
    reason: str
    confidence: str
    contributors: list[str]
    resources: list[str]
    checkins: list[Point]
    milestones: list[Point]
    bar: Markup | None
    number: int = 0  # position in the report's order; anchors use it, since ids may repeat or hold spaces
    changes: list[ChangeView] = field(default_factory=list)  # from git, oldest first; empty without history
    moved: bool = False  # a goalpost (target, deadline, baseline) moved after the goal started
    baseline_note: str = ""  # where the baseline came from, when the catalogue gave it


@dataclass(frozen=True)
class MetricView:
    """One catalogued metric where it stands: the latest measurement and how it moved."""
    id: str
    name: str
    unit: str
    latest: str  # the last measurement's value; empty without history
    latest_date: str
    latest_iso: str
    change: str  # over the last period (last measurement against the one before), signed; empty without one
    change_since: str  # the day of the measurement before, as shown
    year_change: str  # against the same period a year earlier, signed; empty when the history lacks it
    year_since: str
    sparkline: Markup | None  # the history as a small chart with its text alternative; None below two points


@dataclass(eq=False)  # a node is itself; comparing trees field by field is slow and not meant
class Node:
    id: str
    title: str
    kind: str
    status_key: str
    status_label: str
    children: list[Node] = field(default_factory=list)
    rollup: str = ""  # an objective's mean progress of its goals


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Score:
    letter: str
    name: str
    share: float | None
    text: str


@dataclass
class Report:
    lang: str
    labels: dict[str, str]
    title: str
    period: str
    as_of: str
    as_of_iso: str
    files: int
    errors: int
    warnings: int
    infos: int
    statuses: list[Count]
    headline: str
    attention: list[GoalView]
    scorecard: list[Score]
    goals: list[GoalView]
    other_findings: list[FindingGroup]
    tree: list[Node]
    unaligned: list[Node]
    timeline: Markup | None
    gantt: list[tuple[str, str, str, str, str]]  # (section, title, start ISO, deadline ISO, status)
    today_iso: str
    by_rule: list[Count]
    by_owner: list[Count]
    owners: list[str]
    teams: list[str]
    history: HistoryView | None = None  # None: the report read no history
    moved: list[GoalView] = field(default_factory=list)  # goals whose goalposts moved, most urgent first
    moved_explained: int = 0  # of those, the goals that give a reason for every move
    metrics: list[MetricView] = field(default_factory=list)  # "where we stand": the catalogue, in file order


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _letters_by_code(result: CheckResult) -> dict[str, str]:
    """Each rule's SMART letter, looked up once per report rather than once per finding."""
    catalog = result.catalog or builtin_catalog()
    return {code: rule.letter or code[0] for code, rule in catalog.items()}


def _letter_of(code: str, letters: dict[str, str]) -> str:
    return letters.get(code) or code[0]


def build(result: CheckResult, today: dt.date, lang: str = "en", title: str | None = None,
          tolerance_percent: float = 10, locale: str | None = None, history: HistoryResult | None = None,
          since: str | None = None) -> Report:
    """The report's model. ``lang`` picks the labels; ``locale`` (a CLDR locale, default from ``lang``) the
    form of numbers and dates; ``history`` (read since ``since``) gives each goal its changes over time."""
    lang = Language(lang, locale)
    labels = LABELS[lang]
    statuses = STATUS_LABELS[lang]
    letters = _letters_by_code(result)
    by_goal: dict[tuple[str, str | None], list[Diagnostic]] = {}
    for d in result.diagnostics:
        by_goal.setdefault((d.path, d.goal), []).append(d)
    goals = [item for item in result.items if item.kind == "goal"]
    standings = {item: assess(item, today, tolerance_percent) for item in result.items}  # never 'stale' here
    views = [_goal_view(item, standings[item], by_goal.get((item.file.path, item.id), []), today, lang, letters)
             for item in goals]
    order = sorted(range(len(views)), key=lambda i: (views[i].rank, i))
    views = [views[i] for i in order]
    goals = [goals[i] for i in order]
    for number, view in enumerate(views, 1):
        view.number = number

    status_counts = Counter(view.status for view in views)
    scorecard = []
    for place, letter in enumerate(LETTERS):
        clean = sum(1 for view in views if view.letters[place].state == "green")
        share = clean / len(views) if views else None  # no goals: no share to claim
        scorecard.append(Score(letter, labels[letter], share, format_percent(share, lang) or "\u2013"))

    periods = sorted({str(item.file.data["period"]) for item in result.items if "period" in item.file.data})
    tree, unaligned = _alignment(result.items, standings, statuses, lang)
    dated = [(view, item) for view, item in zip(views, goals, strict=True)
             if item.start is not None and item.deadline is not None and item.start <= item.deadline]
    bars = [svg.Bar(view.id, item.start, item.deadline, view.status_key,
                    f"{view.title} ({view.start} \u2013 {view.deadline}, {view.status_label})")
            for view, item in dated if item.start is not None and item.deadline is not None]
    if len(bars) > TIMELINE_BARS:
        bars = _group_bars(bars, [_section(view, item, labels) for view, item in dated], lang)
    rule_counts = Counter((d.code, d.name) for d in result.diagnostics)
    owner_of = {(item.file.path, item.id): (item.owner or labels["none"]) for item in goals}
    moved = _attach_history(views, goals, history, lang) if history is not None else []
    headline = labels["headline"].format(on_track=status_counts["on track"] + status_counts["done"],
                                         total=len(views), attention=sum(1 for v in views if v.status in ATTENTION))
    if history is not None:
        headline += " " + labels["headline_moved"].format(moved=len(moved))
    owner_counts = Counter(owner_of.get((d.path, d.goal), labels["none"]) for d in result.diagnostics
                           if (d.path, d.goal) in owner_of)
    objectives = {(item.file.path, item.id): item for item in result.items if item.kind == "objective"}
    return Report(
        lang=lang,
        labels=labels,
        title=title or labels["report"] + (f" {', '.join(periods)}" if periods else ""),
        period=", ".join(periods),
        as_of=format_date(today, lang),
        as_of_iso=today.isoformat(),
        files=result.files,
        errors=result.count(Severity.ERROR),
        warnings=result.count(Severity.WARNING),
        infos=result.count(Severity.INFO),
        statuses=[Count(status_key(s), statuses[s], status_counts[s]) for s in _buckets(status_counts)],
        headline=headline,
        attention=[view for view in views if view.status in ATTENTION],
        scorecard=scorecard,
        goals=views,
        other_findings=_other_findings(result, set(owner_of), objectives, lang, letters),
        tree=tree,
        unaligned=unaligned,
        timeline=svg.timeline(bars, today, lang, labels["timeline"], status_key),
        gantt=[(_section(view, item, labels), view.title, item.start.isoformat(), item.deadline.isoformat(),
                view.status) for view, item in dated if item.start is not None and item.deadline is not None],
        today_iso=today.isoformat(),
        by_rule=[Count(code, rule_name(name, lang), count) for (code, name), count in sorted(rule_counts.items())],
        by_owner=[Count(owner, owner, count) for owner, count in sorted(owner_counts.items(),
                                                                         key=lambda kv: (-kv[1], kv[0]))],
        owners=sorted({view.owner for view in views if view.owner}),
        teams=sorted({view.team for view in views if view.team}),
        history=history_views.summary(history, since, lang) if history is not None else None,
        moved=moved,
        moved_explained=sum(1 for view in moved if all(c.reason for c in view.changes if c.moved)),
        metrics=standing_metrics(result.catalogue, today, lang),
    )


# A measurement counts as "the same period a year earlier" when it is this close to a year before the latest.
YEAR_SLACK_DAYS = 15


def standing_metrics(catalogue: Catalogue | None, today: dt.date, lang: str) -> list[MetricView]:
    """Each catalogued metric's latest measurement up to ``today``, its change over the last period and
    against the same period a year earlier, and its history as a sparkline."""
    if catalogue is None:
        return []
    return [_metric_view(entry, today, lang) for entry in catalogue.entries.values()]


def _metric_view(entry: Entry, today: dt.date, lang: str) -> MetricView:
    labels = LABELS[lang]
    name = entry.text("name") or entry.id
    unit = entry.text("unit") or ""
    history = [m for m in entry.history if m.day <= today]  # a measurement dated later is none yet
    latest = history[-1] if history else None
    before = history[-2] if len(history) > 1 else None
    year = entry.near(_year_before(latest.day), YEAR_SLACK_DAYS) if latest is not None else None
    if year is not None and latest is not None and (year.day > today or year.day >= latest.day):
        year = None
    since = labels["since"]
    alt = _sparkline_text(name, history, lang) if len(history) > 1 else ""
    return MetricView(
        id=entry.id,
        name=name,
        unit=unit,
        latest=format_number(latest.value, lang) if latest else "",
        latest_date=format_date(latest.day, lang) if latest else "",
        latest_iso=latest.day.isoformat() if latest else "",
        change=_change(latest, before, lang),
        change_since=since.format(date=format_date(before.day, lang)) if before and latest else "",
        year_change=_change(latest, year, lang),
        year_since=since.format(date=format_date(year.day, lang)) if year and latest else "",
        sparkline=svg.sparkline([(m.day, m.value) for m in history], alt) if alt else None,
    )


def _year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1) if not (day.month == 2 and day.day == 29) else dt.date(day.year - 1, 2, 28)


def _change(latest: Measurement | None, earlier: Measurement | None, lang: str) -> str:
    """``+10 (+3 %)``: the difference, signed, and the relative change where the earlier value is not zero."""
    if latest is None or earlier is None:
        return ""
    delta = latest.value - earlier.value
    text = _signed(format_number(estimate(delta), lang), delta)
    share = delta / abs(earlier.value) if earlier.value else None
    if share is not None and abs(share) <= _LARGEST_SHARE:  # beyond it, a percentage adds nothing
        text += f" ({_signed(format_percent(share, lang), share)})"
    return text


_LARGEST_SHARE = 1e4  # a change of a million per cent


def _signed(text: str, value: float) -> str:
    return "+" + text if value > 0 else text


def _sparkline_text(name: str, history: list[Measurement], lang: str) -> str:
    values = [m.value for m in history]
    return LABELS[lang]["sparkline_of"].format(
        metric=name, count=len(history), first=format_date(history[0].day, lang),
        last=format_date(history[-1].day, lang), low=format_number(min(values), lang),
        high=format_number(max(values), lang), latest=format_number(values[-1], lang))


def _attach_history(views: list[GoalView], goals: list[Item], history: HistoryResult, lang: str) -> list[GoalView]:
    """Give each goal its changes over time; the goals whose goalposts moved, in the report's order."""
    found = history_views.by_goal(history)
    for view, item in zip(views, goals, strict=True):
        mine = found.get((item.file.path, item.id or ""))
        if mine:
            view.changes = history_views.views(mine, lang)
            view.moved = any(change.moved for change in view.changes)
    return [view for view in views if view.moved]


TIMELINE_BARS = 40  # above this many goals the timeline draws one bar per team


def _group_bars(bars: list[svg.Bar], sections: list[str], lang: str) -> list[svg.Bar]:
    """One bar per team: its first start to its last deadline, coloured by its most urgent goal."""
    labels = LABELS[lang]
    groups: dict[str, list[svg.Bar]] = {}
    for bar, section in zip(bars, sections, strict=True):
        groups.setdefault(section, []).append(bar)
    out = []
    for section, members in sorted(groups.items()):
        start, end = min(b.start for b in members), max(b.end for b in members)
        worst = min(members, key=lambda b: _rank(b.status.replace("-", " "))).status
        text = f"{section} ({len(members)} {labels['goals_count']}, {format_date(start, lang)} \u2013 " \
               f"{format_date(end, lang)})"
        out.append(svg.Bar(f"{section} ({len(members)})", start, end, worst, text))
    return out


def _rank(status: str) -> int:
    return SEVERITY.index(status) if status in SEVERITY else len(SEVERITY)


def _buckets(counts: Counter[str]) -> list[str]:
    """Every status bucket, zeros too, most urgent first; a status the progress module adds later shows up."""
    known = [s for s in SEVERITY if s in _ALWAYS_SHOWN or counts[s]]
    return known + sorted(s for s in counts if s not in known)


def _section(view: GoalView, item: Item, labels: dict[str, str]) -> str:
    """The timeline groups goals by team, else by the objective they serve."""
    return view.team or (item.parent or labels["goals"])


def _other_findings(result: CheckResult, goal_keys: set[tuple[str, str | None]],
                    objectives: dict[tuple[str, str | None], Item], lang: str,
                    letters: dict[str, str]) -> list[FindingGroup]:
    """Findings on objectives and on files (an unreadable file's E001 among them), grouped."""
    labels = LABELS[lang]
    groups: dict[tuple[str, str | None], list[FindingView]] = {}
    for d in result.diagnostics:
        if (d.path, d.goal) not in goal_keys:
            groups.setdefault((d.path, d.goal), []).append(_finding(d, letters, lang))
    out = []
    for (path, goal), found in groups.items():
        objective = objectives.get((path, goal))
        if objective is not None:
            heading = f"{labels['objective']} {goal}: {_text(objective.data.get('title')) or goal}"
        elif goal is not None:
            heading = f"{goal}"
        else:
            heading = labels["file"].format(path=_safe(path))
        out.append(FindingGroup(heading, _safe(path), found))
    return out


def _safe(text: str) -> str:
    """A file name or message as the report shows it: undecodable bytes and control characters as escapes."""
    return printable(utf8_safe(text))


@lru_cache(maxsize=1024)
def _safe_path(path: str) -> str:
    """``_safe`` for a file name, which thousands of goals and findings share."""
    return _safe(path)


def _finding(d: Diagnostic, letters: dict[str, str], lang: str) -> FindingView:
    """A finding as the report shows it: its message and severity in the report's language."""
    return FindingView(d.code, d.name, SEVERITY_LABELS[lang][d.severity.label], _safe(finding_message(d.message, lang)),
                       _safe_path(d.path), d.line, d.column, _letter_of(d.code, letters))


_MARKS = {"green": "\u2713", "amber": "!", "red": "\u2717"}


def _badges(found: list[Diagnostic], letters: dict[str, str], lang: str) -> list[LetterBadge]:
    """One badge per letter: red for an error, amber for a warning; info findings do not fail a letter."""
    worst: dict[str, str] = {}
    for d in found:
        if d.severity is Severity.ERROR or d.severity is Severity.WARNING:
            letter = letters.get(d.code) or d.code[0]
            if worst.get(letter) != "red":
                worst[letter] = "red" if d.severity is Severity.ERROR else "amber"
    badges = _badge_table(lang)
    return [badges[letter, worst.get(letter, "green")] for letter in LETTERS]


@lru_cache(maxsize=8)
def _badge_table(lang: str) -> dict[tuple[str, str], LetterBadge]:
    """Every letter in every state, made once: thousands of goals share fifteen badges."""
    labels = LABELS[lang]
    return {(letter, state): LetterBadge(letter, labels[letter], state, mark,
                                         f"{letter} {labels[letter]}: {labels['state_' + state]}")
            for letter in LETTERS for state, mark in _MARKS.items()}


def _list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(v).strip() for v in value if isinstance(v, (str, int, float)) and str(v).strip()]
    return []


def _points(item: Item, kind: str, lang: str) -> list[Point]:
    """Check-ins or milestones with a readable date, each value as the file wrote it, oldest first."""
    entries = item.data.get(kind)
    if not isinstance(entries, list):
        return []
    parsed = item.checkins if kind == "checkins" else [m for m in item.milestones if m.date is not None]
    key = "value" if kind == "checkins" else "target"
    from_catalogue = item.link is not None and kind in item.link.defaulted  # see _written
    out = []
    for point in parsed:
        entry = entries[point.index] if point.index < len(entries) else None
        day = point.date
        if isinstance(entry, dict) and day is not None:
            value, note = entry.get(key), entry.get("note")
            out.append(Point(format_date(day, lang),
                             format_number(value, lang) if from_catalogue and isinstance(value, float)
                             else format_written(value, lang), note.strip() if isinstance(note, str) else ""))
    return out


def _plan_at(plan: list[tuple[dt.date, float]], day: dt.date) -> float | None:
    """The value the plan expects on ``day``: straight lines from the baseline at the start through the
    milestones to the target at the deadline."""
    if len(plan) < 2:
        return None
    if day <= plan[0][0]:
        return plan[0][1]
    for (d0, v0), (d1, v1) in itertools.pairwise(plan):
        if day <= d1:
            span = (d1 - d0).days
            return v1 if span <= 0 else v0 + (v1 - v0) * (day - d0).days / span
    return plan[-1][1]


def plan_points(item: Item) -> list[tuple[dt.date, float]]:
    """The planned path the rules judge pace by (``Measure.plan``): the baseline at the start
    (else on its ``baseline_date``), each dated milestone, the target at the deadline."""
    if item.baseline is None or item.target is None or item.deadline is None or item.measure.plan_start is None:
        return []
    return [(dt.date.fromordinal(day), value) for day, value in item.measure.plan]


def _share(item: Item, value: float | None) -> float | None:
    if value is None or item.baseline is None or item.target is None or item.target == item.baseline:
        return None
    return (value - item.baseline) / (item.target - item.baseline)


def _reason(item: Item, where: Assessment, lang: str, shown: dict[str, str]) -> str:
    """One line that says why the goal stands where it does; ``shown`` has the goal's forecast, deadline and
    start as the report writes them."""
    labels = LABELS[lang]
    latest = item.measure.latest
    values = {"latest": format_number(latest.value, lang) if latest else "", "target": format_number(item.target, lang),
              **shown}
    if where.status == "no data":
        key = "reason_no_checkin" if item.baseline is not None and item.target is not None else "reason_no_metric"
    elif where.status == "overdue":
        key = "reason_overdue" if latest else "reason_overdue_empty"
    elif where.status == "not started":
        key = "reason_not_started"
    elif where.status in ("done", "dropped"):
        key = "reason_" + where.status
    elif where.forecast is not None and where.status in ("on track", "at risk", "off track"):
        key = "reason_forecast"
    else:
        key = "reason_latest" if latest else "reason_none"
    return labels[key].format(**values)


def _forecast_text(value: float | None, target: float | None, lang: str) -> str:
    """A computed value with no false precision, but never rounded onto the target when it misses it."""
    if value is None:
        return ""
    shown = estimate(value)
    digits = 2
    while target is not None and shown == target and value != target and digits < 8:
        digits += 1
        shown = round(value, digits)
    return format_number(shown, lang, None if digits == 2 else digits)


def _goal_view(item: Item, where: Assessment, found: list[Diagnostic], today: dt.date, lang: str,
               letters: dict[str, str]) -> GoalView:
    metric = item.metric or {}
    share = where.progress
    percent = None if share is None else max(0, min(100, round(share * 100)))
    latest = item.measure.latest
    title = _text(item.data.get("title")) or (item.id or "")
    owner = item.owner or ""
    source = _text(metric.get("source"))
    plan = plan_points(item)
    expected = _plan_at(plan, today) if item.start is not None and today >= item.start else None
    expected_share = _share(item, expected)
    expected_percent = None if expected_share is None else max(0, min(100, round(expected_share * 100)))
    confidence = item.data.get("confidence")
    rank = _rank(where.status)
    shown = {"forecast": _forecast_text(where.forecast, item.target, lang),  # each written once: the reason
             "deadline": format_date(item.deadline, lang), "start": format_date(item.start, lang)}  # names them too
    return GoalView(
        id=item.id or "",
        title=title,
        owner=owner,
        owner_url=safe_url(owner),
        team=_text(item.data.get("team")),
        why=_text(item.data.get("why")),
        path=_safe_path(item.file.path),
        line=item.start_span.line,
        status=where.status,
        status_key=status_key(where.status),
        status_label=STATUS_LABELS[lang].get(where.status, where.status),
        deadline=shown["deadline"],
        deadline_iso=item.deadline.isoformat() if item.deadline else "",
        start=shown["start"],
        start_iso=item.start.isoformat() if item.start else "",
        progress=share,
        progress_percent=percent,
        progress_text=format_percent(share, lang),
        letters=_badges(found, letters, lang),
        metric_name=_text(metric.get("name")),
        unit=unit_of(metric),
        # The number as the file wrote it, when it is one goallint uses; a finding quotes anything else.
        baseline=_written(item, "baseline", metric.get("baseline"), lang) if item.baseline is not None else "",
        target=format_written(metric.get("target"), lang) if item.target is not None else "",
        latest=_latest_written(item, lang) if latest else "",
        forecast=shown["forecast"],
        source=source,
        source_url=safe_url(source),
        chart=svg.goal_chart(item, today, plan, where.forecast),
        findings=[_finding(d, letters, lang) for d in found],
        rank=rank,
        expected_now=_forecast_text(expected, None, lang),
        expected_now_percent=expected_percent,
        expected_progress_text=format_percent(expected_share, lang),
        reason=_reason(item, where, lang, shown),
        confidence=(format_percent(float(confidence), lang)
                    if isinstance(confidence, (int, float)) and not isinstance(confidence, bool) else
                    _text(confidence)),
        contributors=_list(item.data.get("contributors")),
        resources=_list(item.data.get("resources")),
        checkins=_points(item, "checkins", lang),
        milestones=_points(item, "milestones", lang),
        bar=svg.progress_bar(percent, expected_percent),
        baseline_note=_baseline_note(item, lang),
    )


def _baseline_note(item: Item, lang: str) -> str:
    """``baseline from the catalogue, 31 Dec 2025`` when the goal took its baseline from the catalogue."""
    if item.link is None or "baseline" not in item.link.defaulted or item.baseline is None:
        return ""
    metric = item.metric or {}
    day = metric.get("baseline_date")
    try:
        shown = format_date(dt.date.fromisoformat(day), lang) if isinstance(day, str) else ""
    except ValueError:
        shown = ""
    return LABELS[lang]["baseline_from_catalogue"].format(date=shown) if shown else ""


def _written(item: Item, key: str, value: object, lang: str) -> str:
    """A value as the file wrote it; one the catalogue gave (read as a float there) as the number it is."""
    if item.link is not None and key in item.link.defaulted and isinstance(value, float):
        return format_number(value, lang)
    return format_written(value, lang)


def unit_of(metric: dict[str, object]) -> str:
    return _text(metric.get("unit"))


def _latest_written(item: Item, lang: str) -> str:
    """The latest check-in's value as the file wrote it."""
    latest = item.measure.latest
    entries = item.data.get("checkins")
    if latest is None or not isinstance(entries, list) or latest.index >= len(entries):
        return ""
    entry = entries[latest.index]
    return _written(item, "checkins", entry.get("value") if isinstance(entry, dict) else latest.value, lang)


def _alignment(items: list[Item], standings: dict[Item, Assessment],
               statuses: dict[str, str], lang: str) -> tuple[list[Node], list[Node]]:
    """The objective -> goal tree; goals whose parent is missing or unknown are listed apart."""
    nodes = {}
    for item in items:
        if item.id is not None and item.id not in nodes:
            where = standings[item]
            status = where.status if item.kind == "goal" else item.status
            label = statuses.get(status, status)
            title = _text(item.data.get("title")) or item.id
            nodes[item.id] = Node(item.id, title, item.kind, status_key(status), label)
    roots, unaligned = [], []
    shares: dict[str, list[float]] = {}
    placed: set[tuple[int, int]] = set()  # (parent, child) by identity: a set, not a scan of the children
    for item in items:
        if item.id is None or nodes.get(item.id) is None:
            continue
        node = nodes[item.id]
        parent = nodes.get(item.parent or "")
        if parent is not None and parent is not node and not _is_ancestor(node, parent):
            if (id(parent), id(node)) not in placed:
                placed.add((id(parent), id(node)))
                parent.children.append(node)
        elif item.kind == "objective":
            roots.append(node)
        else:
            unaligned.append(node)
        share = standings[item].progress
        if item.kind == "goal" and share is not None and item.parent:
            shares.setdefault(item.parent, []).append(max(0.0, min(1.0, share)))
    for key, values in shares.items():
        parent = nodes.get(key)
        if parent is not None and parent.kind == "objective":
            parent.rollup = LABELS[lang]["rollup"].format(progress=format_percent(sum(values) / len(values), lang),
                                                          count=len(values))
    return roots, unaligned


def _is_ancestor(candidate: Node, node: Node) -> bool:
    """True when ``candidate`` already holds ``node`` below it (a loop in the parents)."""
    stack = list(candidate.children)
    while stack:
        current = stack.pop()
        if current is node:
            return True
        stack.extend(current.children)
    return False
