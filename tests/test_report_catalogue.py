"""The zero point in the report: where each catalogued metric stands, and its history before a goal started."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from helpers import ROOT, TODAY
from test_report_browser import browser  # noqa: F401 - the fixture that opens the page

from goallint.cli import main
from goallint.config import Settings
from goallint.diagnostics import CheckResult
from goallint.linter import check
from goallint.report import svg
from goallint.report.model import MetricView, Report, build
from goallint.report.render import goal_data, render_html, render_markdown

EXAMPLE = ROOT / "goals.example.yaml"
MARKETING = ROOT / "tests" / "catalogue" / "marketing.metrics.yaml"

# A marketing team's goals on its catalogue: leads for Q4 against the Q4 peak, conversion by reference.
MARKETING_GOALS = """\
    version: 1
    period: 2026-H2
    goals:
      - id: q4-leads
        title: Reach 420 inbound leads in December, above last December's 415
        owner: kari.larsen@example.com
        why: The autumn campaigns fill the first quarter's pipeline.
        start: 2026-07-01
        deadline: 2026-12-31
        metric: {ref: inbound-leads, target: 420}
      - id: conversion
        title: Raise lead conversion to 3 % by December
        owner: per.berg@example.com
        why: More customers from the same leads.
        start: 2026-07-01
        deadline: 2026-12-31
        metric: {ref: lead-conversion, target: 3, baseline: 2.2, baseline_date: 2026-06-30}
"""


def _check(tmp_path: Path, paths: list[Path], today: dt.date = TODAY) -> CheckResult:
    return check(paths, Settings(root=tmp_path), today, cwd=tmp_path)


def _example(tmp_path: Path, today: dt.date = TODAY, lang: str = "en") -> Report:
    shutil.copy(EXAMPLE, tmp_path / "goals.example.yaml")
    return build(_check(tmp_path, [tmp_path / "goals.example.yaml"], today), today, lang)


def _marketing(tmp_path: Path, today: dt.date = TODAY) -> Report:
    shutil.copy(MARKETING, tmp_path / "marketing.metrics.yaml")
    (tmp_path / "h2.goals.yaml").write_text(textwrap.dedent(MARKETING_GOALS), encoding="utf-8")
    result = _check(tmp_path, [tmp_path / "marketing.metrics.yaml", tmp_path / "h2.goals.yaml"], today)
    return build(result, today)


def _numbers(view: MetricView) -> tuple[str, ...]:
    return (view.id, view.name, view.unit, view.latest, view.latest_date, view.latest_iso, view.change,
            view.change_since, view.year_change, view.year_since)


# -- where we stand ----------------------------------------------------------------------

def test_the_example_stands_on_its_two_catalogued_metrics(tmp_path):
    report = _example(tmp_path)
    assert [_numbers(m) for m in report.metrics] == [
        ("organic-visits", "organic search visits per month", "visits/month", "16,560", "30 Sept 2026",
         "2026-09-30", "+560 (+4%)", "since 31 Aug 2026", "+6,260 (+61%)", "since 30 Sept 2025"),
        ("inbound-leads", "inbound leads per month (form fills and demo requests)", "leads/month", "365",
         "30 Sept 2026", "2026-09-30", "+10 (+3%)", "since 31 Aug 2026", "+155 (+74%)", "since 30 Sept 2025"),
    ]


def test_the_marketing_catalogue_stands_where_its_last_month_left_it(tmp_path):
    report = _marketing(tmp_path)
    assert [_numbers(m)[0:1] + _numbers(m)[3:] for m in report.metrics] == [
        ("inbound-leads", "310", "30 Sept 2026", "2026-09-30", "+26 (+9%)", "since 31 Aug 2026", "+30 (+11%)",
         "since 30 Sept 2025"),
        ("lead-conversion", "2.4", "30 Sept 2026", "2026-09-30", "+0.2 (+9%)", "since 31 Aug 2026", "+0.1 (+4%)",
         "since 30 Sept 2025"),
        ("visits-organic", "13,200", "30 Sept 2026", "2026-09-30", "+1,100 (+9%)", "since 31 Aug 2026",
         "+1,300 (+11%)", "since 30 Sept 2025"),
        ("visits-paid", "3,800", "30 Sept 2026", "2026-09-30", "+700 (+23%)", "since 31 Aug 2026", "+300 (+9%)",
         "since 30 Sept 2025"),
        ("visits-social", "2,400", "30 Sept 2026", "2026-09-30", "+300 (+14%)", "since 31 Aug 2026",
         "+300 (+14%)", "since 30 Sept 2025"),
        ("visits-referral", "920", "30 Sept 2026", "2026-09-30", "+70 (+8%)", "since 31 Aug 2026", "+40 (+5%)",
         "since 30 Sept 2025"),
    ]


def test_a_measurement_after_the_report_date_is_not_there_yet(tmp_path):
    report = _marketing(tmp_path, dt.date(2026, 6, 15))
    leads = report.metrics[0]
    assert _numbers(leads)[3:] == ("300", "31 May 2026", "2026-05-31", "+4 (+1%)", "since 30 Apr 2026", "+30 (+11%)",
                                   "since 31 May 2025")
    assert "20 measurements from 31 Oct 2024 to 31 May 2026" in str(leads.sparkline)


def test_a_short_history_shows_what_it_has_and_no_more(tmp_path):
    (tmp_path / "short.goals.yaml").write_text(textwrap.dedent("""\
        version: 1
        metrics:
          - {id: none-yet, name: demo requests per month, unit: requests/month}
          - id: one
            name: newsletter open rate
            unit: "%"
            history: [{period: 2026-09, value: 41.5}]
          - id: two
            name: webinar sign-ups
            history: [{period: 2026-08, value: 120}, {period: 2026-09, value: 96}]
          - id: from-zero
            name: partner leads
            history: [{period: 2025-09, value: 0}, {period: 2026-08, value: 0}, {period: 2026-09, value: 4}]
        goals:
          - id: g
            title: Keep newsletter opens above 40 %
            owner: a@example.com
            why: Opens lead to demo requests.
            start: 2026-01-01
            deadline: 2026-12-31
            metric: {ref: one, target: 40, baseline: 41, baseline_date: 2025-12-31}
    """), encoding="utf-8")
    report = build(_check(tmp_path, [tmp_path / "short.goals.yaml"]), TODAY)
    assert [_numbers(m) for m in report.metrics] == [
        ("none-yet", "demo requests per month", "requests/month", "", "", "", "", "", "", ""),
        ("one", "newsletter open rate", "%", "41.5", "30 Sept 2026", "2026-09-30", "", "", "", ""),
        ("two", "webinar sign-ups", "", "96", "30 Sept 2026", "2026-09-30", "-24 (-20%)", "since 31 Aug 2026",
         "", ""),
        ("from-zero", "partner leads", "", "4", "30 Sept 2026", "2026-09-30", "+4", "since 31 Aug 2026", "+4",
         "since 30 Sept 2025"),
    ]
    assert [m.sparkline is None for m in report.metrics] == [True, True, False, False]
    markdown = render_markdown(report)
    assert "| demo requests per month | requests/month | no measurement yet |  |  |  |\n" in markdown


def test_a_run_without_a_catalogue_has_no_where_we_stand_section(tmp_path):
    (tmp_path / "inline.goals.yaml").write_text(textwrap.dedent("""\
        version: 1
        goals:
          - id: g
            title: Grow newsletter subscribers from 2,000 to 3,000
            owner: a@example.com
            why: Subscribers become leads.
            start: 2026-01-01
            deadline: 2026-12-31
            metric: {name: subscribers, unit: people, baseline: 2000, target: 3000, source: mail tool}
    """), encoding="utf-8")
    report = build(_check(tmp_path, [tmp_path / "inline.goals.yaml"]), TODAY)
    assert report.metrics == []
    assert 'id="stand-heading"' not in render_html(report)
    assert "## Where we stand" not in render_markdown(report)


# -- the sparkline -----------------------------------------------------------------------

def test_a_sparkline_is_an_image_named_by_its_numbers():
    points = [(dt.date(2026, 7, 31), 266.0), (dt.date(2026, 8, 31), 284.0), (dt.date(2026, 9, 30), 310.0)]
    drawn = svg.sparkline(points, "History of leads: 3 measurements")
    assert str(drawn) == (
        '<svg class="spark" viewBox="0 0 120 28" role="img" aria-label="History of leads: 3 measurements" '
        'xmlns="http://www.w3.org/2000/svg"><title>History of leads: 3 measurements</title>'
        '<polyline class="spark-line" points="3,25 60.9,16 117,3"/>'
        '<circle class="spark-end" cx="117" cy="3" r="2.5"/></svg>')
    flat = svg.sparkline([(dt.date(2026, 8, 31), 5.0), (dt.date(2026, 9, 30), 5.0)], "flat")
    assert 'points="3,14 117,14"' in str(flat)
    assert svg.sparkline(points[:1], "one") is None


def test_a_metric_name_is_text_in_the_sparkline_and_the_table(tmp_path):
    (tmp_path / "hostile.metrics.yaml").write_text(textwrap.dedent("""\
        version: 1
        metrics:
          - id: hostile
            name: '<img src=x onerror=alert(1)> & "leads"'
            unit: <b>
            history: [{period: 2026-08, value: 1}, {period: 2026-09, value: 2}]
    """), encoding="utf-8")
    (tmp_path / "g.goals.yaml").write_text(textwrap.dedent("""\
        version: 1
        goals:
          - id: g
            title: Two leads
            owner: a@example.com
            why: A start.
            start: 2026-01-01
            deadline: 2026-12-31
            metric: {ref: hostile, target: 3}
    """), encoding="utf-8")
    report = build(_check(tmp_path, [tmp_path / "hostile.metrics.yaml", tmp_path / "g.goals.yaml"]), TODAY)
    html = render_html(report)
    section = html[html.index('id="stand-heading"'):html.index('id="goals-heading"')]
    assert "<img" not in section and "<b>" not in section
    assert ('aria-label="History of &lt;img src=x onerror=alert(1)&gt; &amp; &#34;leads&#34;: 2 measurements from '
            '31 Aug 2026 to 30 Sept 2026, lowest 1, highest 2, latest 2."') in section
    assert '<th scope="row">&lt;img src=x onerror=alert(1)&gt; &amp; &#34;leads&#34; <span class="legend">' \
           '(&lt;b&gt;)</span></th>' in section


# -- the goal's chart and card -----------------------------------------------------------

def _cards(report: Report) -> dict[str, dict[str, object]]:
    data = json.loads(goal_data(report))
    strings = data["strings"]

    def decode(value: object) -> object:
        if isinstance(value, str) and value.startswith("\u00a7"):
            return value[1:] if value.startswith("\u00a7\u00a7") else strings[int(value[1:], 36)]
        if isinstance(value, list):
            return [decode(v) for v in value]
        if isinstance(value, dict):
            return {k: decode(v) for k, v in value.items()}
        return value

    return {goal.id: decode(card) for goal, card in zip(report.goals, data["goals"], strict=True)}


def test_a_referenced_goal_shows_the_metrics_year_before_its_start(tmp_path):
    report = _example(tmp_path)
    leads = _cards(report)["inbound-leads"]["c"]
    dates = json.loads(goal_data(report))["dates"]  # the days of the charts, counted from today (15 Oct 2026)
    assert leads["x"][1::2] == [150, 156, 163, 170, 178, 183, 180, 192, 210, 226, 240, 250]
    assert [dates[str(day)] for day in leads["x"][::2]] == [
        "31 Jan 2025", "28 Feb 2025", "31 Mar 2025", "30 Apr 2025", "31 May 2025", "30 Jun 2025", "31 Jul 2025",
        "31 Aug 2025", "30 Sept 2025", "31 Oct 2025", "30 Nov 2025", "31 Dec 2025"]
    assert [dates[str(day)] for day in leads["r"][:2]] == ["31 Jan 2025", "31 Dec 2026"]  # the axis starts with it
    assert leads["p"][:2] == [-287, 250]  # the plan starts at the start (1 Jan 2026), where the context ends
    # the browser draws it: test_the_browser_draws_the_context_line_and_names_it
    labels = json.loads(goal_data(report))["labels"]
    assert (labels["context_line"], labels["chart_context"]) == ("Before the start", "Before the start: {points}.")


def test_an_inline_goal_has_no_context_and_its_baseline_no_note(tmp_path):
    report = _example(tmp_path)
    cards = _cards(report)
    assert "x" not in cards["close-rate"]["c"]
    assert ["baseline", "18 %"] in cards["close-rate"]["d"]
    assert ["baseline", "250 leads/month (baseline from the catalogue, 31 Dec 2025)"] in cards["inbound-leads"]["d"]
    assert ["baseline", "12,000 visits/month (baseline from the catalogue, 31 Dec 2025)"] in \
        cards["organic-traffic"]["d"]


def test_a_baseline_the_goal_wrote_itself_is_not_credited_to_the_catalogue(tmp_path):
    report = _marketing(tmp_path)
    cards = _cards(report)
    assert ["baseline", "2.2 %"] in cards["conversion"]["d"]
    assert ["baseline", "291 leads/month (baseline from the catalogue, 30 Jun 2026)"] in cards["q4-leads"]["d"]
    # both reference the catalogue, so both charts show the year before 1 July 2026
    assert [len(cards[g]["c"]["x"]) for g in ("q4-leads", "conversion")] == [24, 24]  # day, value
    assert cards["conversion"]["c"]["x"][:2] == [-441, 2]  # 31 Jul 2025


def test_a_report_with_no_context_sends_no_context_labels(tmp_path):
    (tmp_path / "inline.goals.yaml").write_text(textwrap.dedent("""\
        version: 1
        goals:
          - id: g
            title: Grow newsletter subscribers from 2,000 to 3,000
            owner: a@example.com
            why: Subscribers become leads.
            start: 2026-01-01
            deadline: 2026-12-31
            metric: {name: subscribers, unit: people, baseline: 2000, target: 3000, source: mail tool}
    """), encoding="utf-8")
    labels = json.loads(goal_data(build(_check(tmp_path, [tmp_path / "inline.goals.yaml"]), TODAY)))["labels"]
    assert "context_line" not in labels and "chart_context" not in labels


# -- the rendered sections ---------------------------------------------------------------

def _out(tmp_path: Path, name: str, *args: str) -> str:
    target = tmp_path / name
    code = main(["report", str(EXAMPLE), "--output", str(target), "--today", TODAY.isoformat(), "--no-history",
                 *args])
    assert code == 0
    return target.read_text(encoding="utf-8")


def test_a_report_of_metrics_files_alone_shows_where_we_stand(tmp_path):
    target = tmp_path / "metrics.md"
    code = main(["report", str(MARKETING), "--output", str(target), "--today", TODAY.isoformat(), "--no-history"])
    markdown = target.read_text(encoding="utf-8")
    assert code == 0
    assert "## Where we stand" in markdown
    assert "| organic search visits per month | visits/month | 13,200 | 30 Sept 2026 |" in markdown


def test_markdown_has_where_we_stand_before_the_goals(tmp_path):
    markdown = _out(tmp_path, "out.md")
    assert re.findall(r"^## (.+)$", markdown, re.MULTILINE)[:3] == ["Needs attention", "Where we stand", "Goals"]
    start = markdown.index("## Where we stand")
    assert markdown[start:markdown.index("## Goals")] == (
        "## Where we stand\n\n"
        "| Metric | Unit | Latest | Date | Last period | A year earlier |\n"
        "|---|---|---:|---|---:|---:|\n"
        "| organic search visits per month | visits/month | 16,560 | 30 Sept 2026 | \\+560 (+4%) | \\+6,260 (+61%) |\n"
        "| inbound leads per month (form fills and demo requests) | leads/month | 365 | 30 Sept 2026 | \\+10 (+3%) "
        "| \\+155 (+74%) |\n\n")


def test_norwegian_where_we_stand(tmp_path):
    markdown = _out(tmp_path, "out.md", "--lang", "nb")
    start = markdown.index("## Der vi står")
    assert markdown[start:markdown.index("## Målene")] == (
        "## Der vi står\n\n"
        "| Måltall | Enhet | Siste | Dato | Siste periode | Et år tidligere |\n"
        "|---|---|---:|---|---:|---:|\n"
        "| organic search visits per month | visits/month | 16 560 | 30\\. sep. 2026 | \\+560 (+4 %) "
        "| \\+6 260 (+61 %) |\n"
        "| inbound leads per month (form fills and demo requests) | leads/month | 365 | 30\\. sep. 2026 "
        "| \\+10 (+3 %) | \\+155 (+74 %) |\n\n")
    report = _example(tmp_path, lang="nb")
    assert ["baseline", "250 leads/month (utgangspunkt fra katalogen, 31. des. 2025)"] in \
        _cards(report)["inbound-leads"]["d"]


def test_html_where_we_stand_is_a_table_with_a_sparkline_per_metric(tmp_path):
    html = _out(tmp_path, "out.html")
    section = html[html.index('<section aria-labelledby="stand-heading">'):html.index('id="goals-heading"')]
    assert html.index('id="stand-heading"') < html.index('id="goals-heading"')
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", section)
    assert len(rows) == 2
    assert rows[1].startswith(
        '<tr><th scope="row">inbound leads per month (form fills and demo requests) <span class="legend">'
        '(leads/month)</span></th><td class="num">365 <span class="legend"><time datetime="2026-09-30">30 Sept 2026'
        '</time></span></td><td class="num">+10 (+3%) <span class="legend">since 31 Aug 2026</span></td>'
        '<td class="num">+155 (+74%) <span class="legend">since 30 Sept 2025</span></td><td><svg class="spark" '
        'viewBox="0 0 120 28" role="img" aria-label="History of inbound leads per month (form fills and demo '
        'requests): 33 measurements from 31 Jan 2024 to 30 Sept 2026, lowest 118, highest 365, latest 365."')
    assert section.count('role="img"') == 2


@pytest.mark.slow
def test_the_browser_draws_the_context_line_and_names_it(browser, tmp_path):  # noqa: F811 - the fixture
    page_file = tmp_path / "out.html"
    _out(tmp_path, "out.html")
    page = browser.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(page_file.as_uri())
    figures = page.evaluate("""() => Array.from(document.querySelectorAll('.card')).map(c => ({
        title: c.querySelector('h3').firstChild.textContent.trim(),
        context: Array.from(c.querySelectorAll('svg.chart polyline.context')).map(p => p.getAttribute('points')),
        label: (c.querySelector('svg.chart') || {getAttribute: () => ''}).getAttribute('aria-label'),
        legend: (c.querySelector('figcaption') || {textContent: ''}).textContent}))""")
    by_title = {f["title"]: f for f in figures}
    leads = by_title["Reach 400 inbound leads per month"]
    assert leads["context"] == ["64,178 83,174 105,170 125,166 146,161 167,158 188,160 210,152 230,141 251,132 "
                                "272,123 293,117"]
    assert leads["label"].endswith(" Before the start: 31 Jan 2025: 150; 28 Feb 2025: 156; 31 Mar 2025: 163; "
                                   "30 Apr 2025: 170; 31 May 2025: 178; 30 Jun 2025: 183; 31 Jul 2025: 180; "
                                   "31 Aug 2025: 192; 30 Sept 2025: 210; 31 Oct 2025: 226; 30 Nov 2025: 240; "
                                   "31 Dec 2025: 250."), leads["label"]
    assert leads["legend"].endswith(" \u00b7 \u2500 Before the start")
    close = by_title["Raise the lead-to-customer close rate from 18 % to 24 %"]
    assert close["context"] == [] and "Before the start" not in close["label"] + close["legend"]
    assert problems == []


def test_a_leap_day_compares_with_the_last_day_of_february_a_year_earlier(tmp_path):
    (tmp_path / "leap.goals.yaml").write_text(textwrap.dedent("""\
        version: 1
        metrics:
          - id: daily
            name: sign-ups on the last day of February
            history:
              - {date: 2023-02-28, value: 10}
              - {date: 2024-02-28, value: 11}
              - {date: 2024-02-29, value: 12}
        goals:
          - id: g
            title: Reach 20 sign-ups on the last day of February 2025
            owner: a@example.com
            why: A start.
            start: 2024-03-01
            deadline: 2025-02-28
            metric: {ref: daily, target: 20}
    """), encoding="utf-8")
    report = build(_check(tmp_path, [tmp_path / "leap.goals.yaml"]), TODAY)
    assert _numbers(report.metrics[0])[3:] == ("12", "29 Feb 2024", "2024-02-29", "+1 (+9%)", "since 28 Feb 2024",
                                               "+2 (+20%)", "since 28 Feb 2023")


def test_a_change_beyond_a_million_per_cent_is_shown_as_the_difference_only(tmp_path):
    """Babel cannot round a percentage of 1e39; the difference alone says it (was an internal error)."""
    (tmp_path / "t.goals.yaml").write_text(textwrap.dedent("""\
        version: 1
        metrics:
          - id: tiny
            name: tiny things
            unit: things
            history:
              - {date: 2025-11-29, value: 1}
              - {date: 2026-11-29, value: 1e40}
        goals:
          - id: g
            title: Keep tiny things at 1e40
            owner: kari@example.com
            start: 2026-01-01
            deadline: 2026-12-31
            metric: {ref: tiny, target: 1e40}
        """), encoding="utf-8")
    today = dt.date(2026, 11, 29)
    view = build(_check(tmp_path, [tmp_path / "t.goals.yaml"], today), today).metrics[0]
    assert view.year_change.startswith("+") and "%" not in view.year_change
    assert main(["report", str(tmp_path / "t.goals.yaml"), "-o", str(tmp_path / "t.md"), "--today", "2026-11-29",
                 "--no-history"]) == 0
