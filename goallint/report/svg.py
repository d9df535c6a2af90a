"""Inline SVG charts, drawn in Python so the report needs no script and no network; and the numbers of each
goal's chart, which the page's script draws.

Every piece of user text is escaped; everything else is numbers this module formats.
Colours come from CSS classes, so the charts follow the page's light, dark and print
styles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..model import Item
from .i18n import format_date

RIGHT, TOP, BOTTOM = 16, 14, 30  # the timeline's margins


def _f(value: float) -> str:
    """Coordinates with one decimal: short, and identical on every machine."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def progress_bar(percent: int | None, expected: int | None) -> Markup | None:
    """A small bar of progress with a mark where the plan says it should be by now.

    One empty element the style sheet draws from its classes (``p62``: filled to 62 %, ``d79``: the mark at
    79 %), which keeps each of thousands of rows short. Decoration only: the cell states the numbers beside it.
    """
    if percent is None:
        return None
    due = "" if expected is None else f" d{max(0, min(expected, 100))}"
    return Markup(f'<i class="pbar p{percent}{due}"></i>')


SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 120, 28, 3


def sparkline(points: Sequence[tuple[dt.date, float]], text: str) -> Markup | None:
    """A metric's history as a small line, oldest left, with a dot on the latest measurement.

    An image with ``text`` as its name, so a screen reader hears the numbers the line shows.
    """
    if len(points) < 2:
        return None
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    values = [v for _, v in points]
    low, high = min(values), max(values)
    x_span, y_span = max(last - first, 1), (high - low) or 1.0

    def xy(day: dt.date, value: float) -> tuple[str, str]:
        x = SPARK_PAD + (day.toordinal() - first) / x_span * (SPARK_WIDTH - 2 * SPARK_PAD)
        middle = SPARK_HEIGHT / 2 if high == low else None
        y = middle if middle is not None else \
            SPARK_HEIGHT - SPARK_PAD - (value - low) / y_span * (SPARK_HEIGHT - 2 * SPARK_PAD)
        return _f(x), _f(y)

    line = " ".join(",".join(xy(day, value)) for day, value in points)
    end_x, end_y = xy(*points[-1])
    return Markup(f'<svg class="spark" viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" role="img" '
                  f'aria-label="{escape(text)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(text)}</title>'
                  f'<polyline class="spark-line" points="{line}"/>'
                  f'<circle class="spark-end" cx="{end_x}" cy="{end_y}" r="2.5"/></svg>')


# How far back a goal's chart shows its catalogued metric's history before the start: the same period a
# year earlier is the context that matters (a season), and a longer stretch would squeeze the goal's own.
CONTEXT_DAYS = 366


def context_points(item: Item, origin: dt.date) -> list[tuple[dt.date, float]]:
    """The catalogued metric's measurements in the year up to the goal's start (none after ``as_of``)."""
    entry = item.link.entry if item.link is not None else None
    if entry is None:
        return []
    found = entry.between(origin - dt.timedelta(days=CONTEXT_DAYS), origin)
    return [(m.day, m.value) for m in found if item.as_of is None or m.day <= item.as_of]


def goal_chart(item: Item, today: dt.date, plan: list[tuple[dt.date, float]],
               expected_at_deadline: float | None) -> dict[str, Any] | None:
    """What a goal's chart shows, as numbers: check-ins against the planned path, the milestones, the target
    and the forecast. Days are counted from ``today`` (0).

    The page's script scales and draws it when the card comes into view (see report.js: the scale, the round
    ticks and their labels are worked out there, for the few cards a reader opens, rather than here for every
    goal: at 10,000 goals that geometry was a sixth of the report's own time); the script writes each number
    as the report does (i18n.format_number, with the locale's marks from i18n.number_marks). The numbers are
    also in the card's table, and the script writes them into the chart's text alternative.

    ``r`` holds the ranges the scale is made from: the first and last day and the lowest and highest value
    shown; ``p`` the planned path as day, value pairs; ``k`` the check-ins; ``m`` the milestones with a target;
    ``t`` the target; ``e`` the deadline; ``f`` the forecast at the deadline; ``x`` the metric's own history
    before the start.
    """
    base, target, deadline = item.baseline, item.target, item.deadline
    origin = plan[0][0] if plan else item.measure.origin or (item.checkins[0].date if item.checkins else None)
    if base is None or target is None or deadline is None or origin is None or origin >= deadline:
        return None
    zero = today.toordinal()
    checkins = item.checkins
    before = context_points(item, origin)
    aimed = [m for m in item.milestones if m.date is not None and m.target is not None]
    days = [origin.toordinal(), deadline.toordinal()] + [c.date.toordinal() for c in checkins] \
        + [m.date.toordinal() for m in item.milestones if m.date is not None] + [d.toordinal() for d, _ in before]
    values = [base, target] + [c.value for c in checkins] + [m.target for m in item.milestones
                                                              if m.target is not None] + [v for _, v in before]
    if expected_at_deadline is not None:
        values.append(expected_at_deadline)
    # the plan in day numbers, as the rules read it (``plan`` is the same in dates)
    path = item.measure.plan if plan else [(origin.toordinal(), base), (deadline.toordinal(), target)]
    spec: dict[str, Any] = {
        "r": [min(days) - zero, max(days) - zero, min(values), max(values)],
        "p": [c for d, v in path for c in (d - zero, v)],
        "k": [c for k in checkins for c in (k.date.toordinal() - zero, k.value)],
        "t": target,
        "e": deadline.toordinal() - zero,
    }
    if aimed:
        spec["m"] = [c for m in aimed if m.date is not None and m.target is not None
                     for c in (m.date.toordinal() - zero, m.target)]
    if before:  # the metric's own history before the start, drawn muted
        spec["x"] = [c for d, v in before for c in (d.toordinal() - zero, v)]
    if checkins and expected_at_deadline is not None:
        spec["f"] = expected_at_deadline
    return spec


@dataclass(frozen=True)
class Bar:
    label: str
    start: dt.date
    end: dt.date
    status: str  # a CSS-safe status key
    tooltip: str


def timeline(bars: Sequence[Bar], today: dt.date, lang: str, title: str,
             css: Callable[[str], str]) -> Markup | None:
    """Start-to-deadline bars, one per goal, with a line at today."""
    if not bars:
        return None
    row, label_width, width = 22, 150, 760
    height = TOP + row * len(bars) + BOTTOM
    first = min(min(b.start for b in bars), today).toordinal()
    last = max(max(b.end for b in bars), today).toordinal()
    span = max(last - first, 1)

    def x(day: dt.date) -> float:
        return label_width + (day.toordinal() - first) / span * (width - label_width - RIGHT)

    parts = [f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for index, bar in enumerate(bars):
        top = TOP + index * row
        name = bar.label if len(bar.label) <= 22 else bar.label[:21] + "\u2026"
        parts.append(f'<text class="tick" x="{label_width - 8}" y="{top + 15}" text-anchor="end">'
                     f"{escape(name)}</text>")
        left, right = x(bar.start), x(bar.end)
        parts.append(f'<rect class="bar {css(bar.status)}" x="{_f(left)}" y="{top + 4}" '
                     f'width="{_f(max(right - left, 2))}" height="{row - 8}" rx="3">'
                     f"<title>{escape(bar.tooltip)}</title></rect>")
    axis_y = TOP + row * len(bars) + 4
    parts.append(f'<line class="axis" x1="{label_width}" y1="{axis_y}" x2="{width - RIGHT}" y2="{axis_y}"/>')
    parts.append(f'<text class="tick" x="{label_width}" y="{axis_y + 16}">'
                 f"{escape(format_date(dt.date.fromordinal(first), lang))}</text>")
    parts.append(f'<text class="tick" x="{width - RIGHT}" y="{axis_y + 16}" text-anchor="end">'
                 f"{escape(format_date(dt.date.fromordinal(last), lang))}</text>")
    parts.append(f'<line class="today" x1="{_f(x(today))}" y1="{TOP}" x2="{_f(x(today))}" y2="{axis_y}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
