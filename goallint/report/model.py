"""The report model: every number, label and chart computed here, as plain dataclasses.

Templates only lay this out. Nothing here is HTML or Markdown, except the inline SVG
charts, which are built with every user string escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from markupsafe import Markup

from ..catalog import builtin_catalog
from ..diagnostics import Diagnostic, Severity
from ..linter import CheckResult
from ..model import Item
from ..progress import STANDINGS, Standing, last_checkin, standing
from . import svg
from .i18n import LABELS, STATUS_LABELS, estimate, format_date, format_number, format_percent

LETTERS = "SMART"
_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}\Z")
_SAFE_URL = re.compile(r"(?:https?://|mailto:)[^\s<>\"']+\Z", re.IGNORECASE)


def safe_url(text: str | None) -> str | None:
    """A link target only for http, https and mailto; anything else stays plain text."""
    if not text:
        return None
    text = text.strip()
    if _SAFE_URL.match(text):
        return text
    if _EMAIL.match(text):
        return f"mailto:{text}"
    return None


def status_key(status: str) -> str:
    """A status as a CSS class and filter value: ``on track`` -> ``on-track``."""
    return status.replace(" ", "-")


@dataclass(frozen=True)
class FindingView:
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


@dataclass
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
    chart: Markup | None
    findings: list[FindingView]


@dataclass
class Node:
    id: str
    title: str
    kind: str
    status_key: str
    status_label: str
    children: list[Node] = field(default_factory=list)


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Score:
    letter: str
    name: str
    share: float
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
    scorecard: list[Score]
    goals: list[GoalView]
    tree: list[Node]
    unaligned: list[Node]
    timeline: Markup | None
    gantt: list[tuple[str, str, str, str]]  # (section, title, start ISO, deadline ISO)
    by_rule: list[Count]
    by_owner: list[Count]
    owners: list[str]
    teams: list[str]


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _letters(result: CheckResult) -> dict[str, str]:
    """Each code's SMART letter (its family's letter when it has none), looked up once."""
    catalog = result.catalog or builtin_catalog()
    return {code: rule.letter or code[0] for code, rule in catalog.items()}


def build(result: CheckResult, today: dt.date, lang: str = "en", title: str | None = None,
          tolerance_percent: float = 10) -> Report:
    labels = LABELS[lang]
    statuses = STATUS_LABELS[lang]
    by_goal: dict[tuple[str, str | None], list[Diagnostic]] = {}
    for d in result.diagnostics:
        by_goal.setdefault((d.path, d.goal), []).append(d)
    goals = [item for item in result.items if item.kind == "goal"]
    standings = {item: standing(item, today, tolerance_percent) for item in result.items}
    letters = _letters(result)
    views = [_goal_view(item, standings[item], by_goal.get((item.file.path, item.id), []), today, lang, letters)
             for item in goals]

    status_counts = Counter(view.status for view in views)
    scorecard = []
    for letter in LETTERS:
        clean = sum(1 for view in views if all(b.state == "green" for b in view.letters if b.letter == letter))
        share = clean / len(views) if views else 1.0
        scorecard.append(Score(letter, labels[letter], share, format_percent(share, lang)))

    periods = sorted({str(item.file.data["period"]) for item in result.items if "period" in item.file.data})
    tree, unaligned = _alignment(result.items, standings, statuses)
    bars = [svg.Bar(view.id, item.start, item.deadline, view.status_key,
                    f"{view.title} ({view.start} \u2013 {view.deadline})")
            for view, item in zip(views, goals, strict=True)
            if item.start is not None and item.deadline is not None and item.start <= item.deadline]
    rule_counts = Counter((d.code, d.name) for d in result.diagnostics)
    owner_of = {(item.file.path, item.id): (item.owner or labels["none"]) for item in goals}
    owner_counts = Counter(owner_of.get((d.path, d.goal), labels["none"]) for d in result.diagnostics
                           if (d.path, d.goal) in owner_of)
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
        statuses=[Count(status_key(s), statuses[s], status_counts[s]) for s in STANDINGS if status_counts[s]],
        scorecard=scorecard,
        goals=views,
        tree=tree,
        unaligned=unaligned,
        timeline=svg.timeline(bars, today, lang, labels["timeline"], status_key),
        gantt=[(view.team or labels["goals"], view.title, item.start.isoformat(), item.deadline.isoformat())
               for view, item in zip(views, goals, strict=True)
               if item.start is not None and item.deadline is not None and item.start <= item.deadline],
        by_rule=[Count(code, name, count) for (code, name), count in sorted(rule_counts.items())],
        by_owner=[Count(owner, owner, count) for owner, count in sorted(owner_counts.items(),
                                                                         key=lambda kv: (-kv[1], kv[0]))],
        owners=sorted({view.owner for view in views if view.owner}),
        teams=sorted({view.team for view in views if view.team}),
    )


def _goal_view(item: Item, where: Standing, found: list[Diagnostic], today: dt.date, lang: str,
               letters: dict[str, str]) -> GoalView:
    labels = LABELS[lang]
    metric = item.metric or {}
    findings = [FindingView(d.code, d.name, d.severity.label, d.message, d.path, d.line, d.column,
                            letters.get(d.code, d.code[0])) for d in found]
    badges = []
    for letter in LETTERS:
        mine = [d for d in found if letters.get(d.code, d.code[0]) == letter]
        state = "red" if any(d.severity == Severity.ERROR for d in mine) else "amber" if mine else "green"
        badges.append(LetterBadge(letter, labels[letter], state))
    share = where.progress
    percent = None if share is None else max(0, min(100, round(share * 100)))
    latest = last_checkin(item)
    unit = _text(metric.get("unit"))
    title = _text(item.data.get("title")) or (item.id or "")
    owner = item.owner or ""
    source = _text(metric.get("source"))
    return GoalView(
        id=item.id or "",
        title=title,
        owner=owner,
        owner_url=safe_url(owner),
        team=_text(item.data.get("team")),
        why=_text(item.data.get("why")),
        path=item.file.path,
        line=item.start_span.line,
        status=where.status,
        status_key=status_key(where.status),
        status_label=STATUS_LABELS[lang][where.status],
        deadline=format_date(item.deadline, lang),
        deadline_iso=item.deadline.isoformat() if item.deadline else "",
        start=format_date(item.start, lang),
        start_iso=item.start.isoformat() if item.start else "",
        progress=share,
        progress_percent=percent,
        progress_text=format_percent(share, lang),
        letters=badges,
        metric_name=_text(metric.get("name")),
        unit=unit,
        baseline=format_number(item.baseline, lang),
        target=format_number(item.target, lang),
        latest=format_number(latest.value, lang) if latest else "",
        forecast=format_number(estimate(where.forecast), lang),
        source=source,
        source_url=safe_url(source),
        chart=svg.goal_chart(item, today, lang, labels["chart_of"].format(goal=title)),
        findings=findings,
    )


def _alignment(items: list[Item], standings: dict[Item, Standing],
               statuses: dict[str, str]) -> tuple[list[Node], list[Node]]:
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
    for item in items:
        if item.id is None or nodes.get(item.id) is None:
            continue
        node = nodes[item.id]
        parent = nodes.get(item.parent or "")
        if parent is not None and parent is not node and not _is_ancestor(node, parent):
            if node not in parent.children:
                parent.children.append(node)
        elif item.kind == "objective":
            roots.append(node)
        else:
            unaligned.append(node)
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
