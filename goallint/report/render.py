"""Rendering the report model with Jinja2: HTML with autoescape, Markdown with escaping by default.

Templates ship as package data and are loaded by package name. Goal text only ever
reaches a template as data; it is never compiled as a template itself.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template, select_autoescape
from markupsafe import Markup, escape

from .. import __version__
from .i18n import STATUS_LABELS, format_date, number_marks
from .model import ATTENTION, GoalView, LetterBadge, Report

_LOADER = PackageLoader("goallint", "report/templates")


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return resources.files("goallint").joinpath("report", "templates", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=1)
def _html_template() -> Template:
    env = Environment(loader=_LOADER, autoescape=select_autoescape(["html.j2"]), undefined=StrictUndefined,
                      keep_trailing_newline=True)
    return env.get_template("report.html.j2")


# Runs in the head, before the table is parsed: long tables then start with one page of rows laid out.
BOOT_JS = 'document.documentElement.classList.add("paging");'


def render_html(report: Report) -> str:
    css, js = _asset("report.css"), _asset("report.js")
    template = _html_template()
    return template.render(r=report, css=Markup(css), js=Markup(js), boot=Markup(BOOT_JS),
                           style_hash=_csp_hash(css), script_hashes=[_csp_hash(BOOT_JS), _csp_hash(js)],
                           version=__version__, data=Markup(goal_data(report)), attention_rows=ATTENTION_ROWS,
                           tree_goals=TREE_GOALS, goal_rows=goal_rows(report.goals))


PAGE_ROWS = 100  # rows the goal table shows before "Show all"; report.js pages by the same number
TREE_GOALS = 100  # above this many goals the alignment tree shows objectives and their roll-up, not each goal
ATTENTION_ROWS = 100  # the HTML summary lists this many; the goal table below lists every goal, most urgent first


def goal_rows(goals: list[GoalView]) -> Markup:
    """The goal table's rows, every value escaped: one short line per goal, written here rather than by the
    template, which took a third of the HTML's time at 10,000 goals. Cells close implicitly, as HTML allows.
    Rows past the first page carry the class that hides them until the page's script has run."""
    letters: dict[tuple[int, ...], str] = {}
    shared: dict[str, str] = {}  # owners, teams, dates, statuses and percentages repeat: each escaped once

    def once(text: str) -> str:
        found = shared.get(text)
        if found is None:
            found = shared[text] = escape(text)
        return found

    out = []
    for index, g in enumerate(goals):
        key = tuple(id(b) for b in g.letters)  # badges are shared values: a few dozen distinct cells
        cell = letters.get(key)
        if cell is None:
            cell = letters[key] = " ".join(
                f"{escape(b.letter)}{escape(b.mark)}" if b.state == "green"
                else f"<b class={escape(b.state[0])}>{escape(b.letter)}{escape(b.mark)}</b>" for b in g.letters)
        progress = ""
        if g.bar:
            progress = f"{g.bar} {once(g.progress_text)}"
            if g.expected_progress_text:
                progress += f" ({once(g.expected_progress_text)})"
        out.append(f'\n<tr{" class=l" if index >= PAGE_ROWS else ""}><td><a href="#g{g.number}">{escape(g.id)}</a>'
                   f"<td>{escape(g.title)}<td>{once(g.owner)}<td>{once(g.team)}<td>{once(g.deadline)}"
                   f"<td><span class={once(g.status_key)}>{once(g.status_label)}</span><td>{progress}"
                   f"<td>{escape(g.latest)}<td>{escape(g.target)}<td>{escape(g.forecast)}<td>{cell}")
    return Markup("".join(out))


_CARD_FIELDS = (("why", "why"), ("metric", "metric_name"), ("expected_now", "expected_now"), ("reason", "reason"),
                ("confidence", "confidence"))
_WITH_UNIT = ("expected_now",)


class _Strings:
    """Strings that repeat across cards (dates, units, sources, owners) stored once, each with a reference:
    the mark and a base-36 number. A stored string that happens to start with the mark gets a second one,
    which the page strips. ``ref`` and ``value`` are closures over the table: called a few hundred
    thousand times for a large report, they skip the method lookups."""

    ref: Callable[[str], str]
    value: Callable[[str], str]  # a number or phrase that may repeat: stored once when long enough to gain

    def __init__(self) -> None:
        table: dict[str, str] = {}
        self.table = table

        def ref(text: str) -> str:
            found = table.get(text)
            if found is None:
                found = table[text] = _REF + _base36(len(table))
            return found

        def value(text: str) -> str:
            return ref(text) if len(text) > 3 else _REF + text if text.startswith(_REF) else text

        self.ref, self.value = ref, value

    @staticmethod
    def plain(text: str) -> str:
        return _REF + text if text.startswith(_REF) else text


_SHARED = frozenset({"why", "metric", "resources", "contributors", "start", "confidence", "baseline"})


def _card_rows(goal: GoalView) -> list[list[str]]:
    """The card's label-value pairs, in order; what the table row shows is left to the row."""
    unit = f" {goal.unit}" if goal.unit else ""
    rows: list[list[str]] = []
    for label, name in _CARD_FIELDS:
        shown = str(getattr(goal, name))
        if name == "reason" and goal.status not in ATTENTION:
            continue  # the card's own numbers say it; the reason matters where the goal needs attention
        if shown:
            rows.append([label, shown + (unit if name in _WITH_UNIT else "")])
        if name == "metric_name" and goal.baseline:
            note = f" ({goal.baseline_note})" if goal.baseline_note else ""
            rows.append(["baseline", f"{goal.baseline}{unit}{note}"])
    for label, values, joiner in (("contributors", goal.contributors, ", "), ("resources", goal.resources, "; ")):
        if values:
            rows.append([label, joiner.join(values)])
    if goal.start:
        rows.append(["start", goal.start])
    return rows


def _card(goal: GoalView, files: dict[str, int], strings: _Strings, days: set[int]) -> dict[str, Any]:
    """One card's content as data: every value a plain string the page sets as text, never as markup.

    Labels are keys into the data block's ``labels``; what the table row shows (id, title, owner, status,
    latest, target, forecast) is read from the row. The days a chart names are added to ``days``.
    """
    ref, plain, value = strings.ref, strings.plain, strings.value
    rows = _card_rows(goal)
    for row in rows:
        row[1] = ref(row[1]) if row[0] in _SHARED else plain(row[1]) if row[0] == "reason" else value(row[1])
    card: dict[str, Any] = {
        "at": goal.line, "d": rows,
        "pt": [[kind, ref(p.date), value(p.value), plain(p.note)] if p.note else [kind, ref(p.date), value(p.value)]
               for kind, points in ((0, goal.milestones), (1, goal.checkins)) for p in points],
        "f": [[f.code, f.severity, ref(f.message), f.line] for f in goal.findings],
    }
    for key, text in (("ou", goal.owner_url), ("su", goal.source_url), ("src", goal.source), ("u", goal.unit)):
        if text:
            card[key] = ref(text)
    if goal.changes:  # the goal's changes over time, from git: [date, field, from, to, author, commit, note, moved]
        card["h"] = [[ref(c.date), c.field, value(c.old), value(c.new), ref(c.author), plain(c.commit), ref(c.note),
                      int(c.moved)] for c in goal.changes]
    path = files.setdefault(goal.path, len(files))
    if path:
        card["p"] = path  # the file, when not the first
    if goal.chart:  # numbers only; the days the axis and the text alternative name go to the dates table
        chart = goal.chart
        days.update(chart["r"][:2], chart["p"][::2])
        if "x" in chart:
            days.update(chart["x"][::2])
        card["c"] = chart
    return card


_SCRIPT_LABELS = ("owner", "why", "metric", "latest", "expected_now", "forecast", "reason", "confidence",
                  "baseline", "target", "start", "deadline",
                  "contributors", "resources", "source", "findings", "no_findings", "line", "milestones", "checkins",
                  "date", "value", "note", "expected", "target_line", "forecast_line", "today", "notes", "chart_of",
                  "none", "showing", "show_all")
_HISTORY_LABELS = ("changes", "field_target", "field_deadline", "field_baseline", "field_baseline_date", "field_source",
                   "field_unit")  # only in a report that read the goals' history
_CONTEXT_LABELS = ("context_line", "chart_context")  # only when a chart shows a catalogued metric's history


def _keys(goal: GoalView) -> list[Any]:
    day = dt.date.fromisoformat(goal.deadline_iso).toordinal() if goal.deadline_iso else 0
    percent = goal.progress_percent if goal.progress_percent is not None else -1
    return [day, goal.rank, percent, "".join(b.letter for b in goal.letters if b.state != "green")]


def goal_data(report: Report) -> str:
    """The cards and charts as one JSON block the page's script draws lazily; safe inside a script element."""
    labels = report.labels
    files: dict[str, int] = {}
    strings = _Strings()
    days: set[int] = set()
    goals = [_card(goal, files, strings, days) for goal in report.goals]
    today = dt.date.fromisoformat(report.today_iso).toordinal()
    payload: dict[str, Any] = {
        "labels": {key: labels[key] for key in _SCRIPT_LABELS + (_HISTORY_LABELS if report.history else ())
                   + (_CONTEXT_LABELS if any(g.chart and "x" in g.chart for g in report.goals) else ())},
        "files": list(files),
        # per goal: deadline as a day number (0 for none), severity rank, progress percent (-1 for none),
        # letters with findings
        "keys": [_keys(g) for g in report.goals],
        # the charts' days (counted from the report's today) as the report writes dates
        "dates": {day: format_date(dt.date.fromordinal(today + day), report.lang) for day in sorted(days)},
        # how the script writes the charts' round values (see i18n.number_marks)
        "num": number_marks(report.lang),
    }
    payload["strings"] = list(strings.table)
    payload["goals"] = goals
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), check_circular=False)  # plain data
    # No "</script>", "<!--" or stray markup can close or confuse the element: escape the three characters.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_REF = "\u00a7"  # a string that starts with this refers to the table of repeated strings


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = digits[number % 36]
    while number >= 36:
        number //= 36
        out = digits[number % 36] + out
    return out


class Raw(str):
    """Markdown the report wrote itself; every other value is escaped on output."""


_MD_PUNCTUATION = re.compile(r"([\\`*_\[\]|~#!$])")


def escape_markdown(value: Any) -> str:
    """One line of inert Markdown text: no tables broken, no HTML, no links, no @mentions."""
    if isinstance(value, Raw):
        return value
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_PUNCTUATION.sub(r"\\\1", text)
    if text and text[0] in "-+=":
        text = "\\" + text  # would start a list item or an underline at the start of a line
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)  # "1." would start a numbered list
    return text.replace("@", "@\u2060")  # a word joiner after @ stops mentions


def _bar(percent: int | None) -> Raw:
    if percent is None:
        return Raw("\u2013")
    filled = round(percent / 10)
    return Raw("\u25b0" * filled + "\u25b1" * (10 - filled))


_DOTS = {"green": "\U0001f7e2", "amber": "\U0001f7e1", "red": "\U0001f534"}


def _letters(badges: list[LetterBadge]) -> Raw:
    """Each letter with its colour dot and its state as a shape: the colour is never the only cue."""
    return Raw(" ".join(f"{_DOTS[b.state]}{b.letter}{b.mark}" for b in badges))


# Mermaid reads ":" as the start of a task's data, "#" and ";" as entities and statement ends, "%%" as a
# comment, and a line that starts with a keyword or a date as something other than a task. Only
# letters, digits, spaces and a few harmless marks are kept, and every task name starts with a fixed prefix.
_MERMAID_UNSAFE = re.compile(r"[^\w .,/()+'-]", re.UNICODE)
_MERMAID_TAGS = {"done": "done, ", "on track": "active, ", "at risk": "active, crit, ", "off track": "crit, ",
                 "overdue": "crit, "}


def _mermaid_text(text: str, limit: int = 60) -> str:
    clean = " ".join(_MERMAID_UNSAFE.sub(" ", text.replace("%", " pct ")).split())
    return (clean[: limit - 1] + "\u2026" if len(clean) > limit else clean) or "-"


def _gantt(rows: list[tuple[str, str, str, str, str]], title: str, today: str, today_label: str,
           statuses: dict[str, str]) -> Raw:
    """A mermaid gantt: one task per goal, grouped by team, tagged by status, today drawn from ``--today``."""
    lines = ["```mermaid", "gantt", f"    title {_mermaid_text(title)}", "    dateFormat YYYY-MM-DD",
             "    axisFormat %Y-%m-%d", "    todayMarker off"]
    groups: dict[str, list[tuple[str, str, str, str, str]]] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(row)
    number = 0
    for group in sorted(groups):
        lines.append(f"    section {_mermaid_text(group, 40)}")
        for _group, name, start, end, status in groups[group]:
            number += 1
            label = _mermaid_text(f"{name} ({statuses.get(status, status)})", 70)
            lines.append(f"    G{number} {label} :{_MERMAID_TAGS.get(status, '')}g{number}, {start}, {end}")
    lines.append(f"    section {_mermaid_text(today_label)}")
    lines.append(f"    {_mermaid_text(today_label)} {today} :milestone, today, {today}, 0d")
    lines.append("```")
    return Raw("\n".join(lines))


@lru_cache(maxsize=1)
def _markdown_template() -> Template:
    env = Environment(loader=_LOADER, autoescape=False, undefined=StrictUndefined, finalize=escape_markdown,
                      keep_trailing_newline=True)
    env.filters.update(bar=_bar, letters=_letters, gantt=_gantt)
    return env.get_template("report.md.j2")


COMMENT_LIMIT = 65_536  # characters GitHub takes in one pull-request comment


def render_markdown(report: Report, *, summary: bool = False) -> str:
    """The full report, or with ``summary`` one that fits a pull-request comment and says what it left out."""
    if not summary:
        return _markdown(report, None)
    shown = len(report.goals)
    while True:
        text = _markdown(report, shown)
        if len(text) <= COMMENT_LIMIT or shown == 0:
            return text
        shown = min(shown - 1, shown * COMMENT_LIMIT // len(text))


def _markdown(report: Report, shown: int | None) -> str:
    text = _markdown_template().render(r=report, shown=shown, statuses=STATUS_LABELS[report.lang])
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
