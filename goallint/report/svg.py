"""Inline SVG charts, drawn in Python so the report needs no script and no network.

Every piece of user text is escaped; everything else is numbers this module formats.
Colours come from CSS classes, so the charts follow the page's light, dark and print
styles.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model import Item
from ..progress import baseline_day, forecast
from .i18n import estimate, format_date, format_number

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 14, 30


def _f(value: float) -> str:
    """Coordinates with one decimal: short, and identical on every machine."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class _Scale:
    x0: int
    x1: int
    y0: float
    y1: float

    def x(self, day: dt.date) -> float:
        span = max(self.x1 - self.x0, 1)
        return LEFT + (day.toordinal() - self.x0) / span * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        span = (self.y1 - self.y0) or 1.0
        return HEIGHT - BOTTOM - (value - self.y0) / span * (HEIGHT - TOP - BOTTOM)


def progress_bar(percent: int | None, expected: int | None, text: str) -> Markup | None:
    """A small bar of progress with a mark where the plan says it should be by now."""
    if percent is None:
        return None
    parts = [f'<svg class="pbar" viewBox="0 0 100 12" width="100" height="12" role="img" '
             f'aria-label="{escape(text)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(text)}</title>',
             '<rect class="track" x="0" y="2" width="100" height="8" rx="2"/>',
             f'<rect class="fill" x="0" y="2" width="{percent}" height="8" rx="2"/>']
    if expected is not None:
        parts.append(f'<rect class="due" x="{max(0, min(expected, 99))}" y="0" width="2" height="12"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _ticks(low: float, high: float) -> list[float]:
    """Round values spread over the axis, about five of them."""
    span = high - low
    if span <= 0:
        return [low]
    raw = span / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 1)]


def goal_chart(item: Item, today: dt.date, lang: str, title: str, plan: list[tuple[dt.date, float]],
               labels: dict[str, str], status: str = "") -> Markup | None:
    """Check-ins over time against the planned path, the target line, the milestones and the forecast."""
    base, target, deadline = item.baseline, item.target, item.deadline
    origin = plan[0][0] if plan else baseline_day(item) or (item.checkins[0].date if item.checkins else None)
    if base is None or target is None or deadline is None or origin is None or origin >= deadline:
        return None
    expected_at_deadline = forecast(item)
    days = [origin, deadline] + [c.date for c in item.checkins] + [m.date for m in item.milestones if m.date]
    values = [base, target] + [c.value for c in item.checkins] + [m.target for m in item.milestones
                                                                  if m.target is not None]
    if expected_at_deadline is not None:
        values.append(expected_at_deadline)
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
    scale = _Scale(min(days).toordinal(), max(days).toordinal(), low - pad, high + pad)
    x, y = scale.x, scale.y
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}"/>',
    ]
    for value in _ticks(scale.y0, scale.y1):
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{_f(y(value))}" x2="{WIDTH - RIGHT}" y2="{_f(y(value))}"/>'
                     f'<text class="tick" x="{LEFT - 6}" y="{_f(y(value) + 4)}" text-anchor="end">'
                     f"{escape(format_number(estimate(value), lang))}</text>")
    left_day, right_day = dt.date.fromordinal(scale.x0), dt.date.fromordinal(scale.x1)
    parts.append(f'<text class="tick" x="{LEFT}" y="{HEIGHT - 10}">{escape(format_date(left_day, lang))}</text>')
    parts.append(f'<text class="tick" x="{WIDTH - RIGHT}" y="{HEIGHT - 10}" text-anchor="end">'
                 f"{escape(format_date(right_day, lang))}</text>")
    parts.append(f'<line class="target" x1="{LEFT}" y1="{_f(y(target))}" x2="{WIDTH - RIGHT}" y2="{_f(y(target))}"/>'
                 f'<text class="label" x="{WIDTH - RIGHT - 2}" y="{_f(y(target) - 4)}" text-anchor="end">'
                 f"{escape(labels['target_line'])} {escape(format_number(target, lang))}</text>")
    if scale.x0 <= today.toordinal() <= scale.x1:
        parts.append(f'<line class="today" x1="{_f(x(today))}" y1="{TOP}" x2="{_f(x(today))}" '
                     f'y2="{HEIGHT - BOTTOM}"/>')
    path = plan or [(origin, base), (deadline, target)]
    parts.append('<polyline class="expected" points="'
                 + " ".join(f"{_f(x(d))},{_f(y(v))}" for d, v in path) + '"/>')
    for milestone in item.milestones:
        if milestone.date is None or milestone.target is None:
            continue
        cx, cy = x(milestone.date), y(milestone.target)
        points = f"{_f(cx)},{_f(cy - 5)} {_f(cx + 5)},{_f(cy)} {_f(cx)},{_f(cy + 5)} {_f(cx - 5)},{_f(cy)}"
        label = f"{format_date(milestone.date, lang)}: {format_number(milestone.target, lang)}"
        parts.append(f'<polygon class="milestone" points="{points}"><title>{escape(label)}</title></polygon>'
                     f'<text class="label" x="{_f(cx)}" y="{_f(cy + 17)}" text-anchor="middle">'
                     f"{escape(format_number(milestone.target, lang))}</text>")
    if item.checkins:
        last = item.checkins[-1]
        if expected_at_deadline is not None:
            parts.append(f'<line class="forecast {status}" x1="{_f(x(last.date))}" y1="{_f(y(last.value))}" '
                         f'x2="{_f(x(deadline))}" y2="{_f(y(expected_at_deadline))}"/>')
        line = " ".join(f"{_f(x(c.date))},{_f(y(c.value))}" for c in item.checkins)
        parts.append(f'<polyline class="actual" points="{line}"/>')
        for checkin in item.checkins:
            label = f"{format_date(checkin.date, lang)}: {format_number(checkin.value, lang)}"
            parts.append(f'<circle class="point" cx="{_f(x(checkin.date))}" cy="{_f(y(checkin.value))}" r="3.5">'
                         f"<title>{escape(label)}</title></circle>")
    parts.append("</svg>")
    return Markup("".join(parts))


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
