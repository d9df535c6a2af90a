"""goallint report: the model, both templates, and the HTML page as a person sees it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, TODAY, golden, run
from markdown_it import MarkdownIt

from goallint import __version__
from goallint.cli import main
from goallint.metrics import assess
from goallint.report.i18n import format_date, format_number, format_percent
from goallint.report.model import build, safe_url
from goallint.report.render import escape_markdown

EXAMPLES = ["goals.example.yaml", "examples/flawed.goals.yaml"]
HOSTILE = """\
version: 1
goals:
  - id: xss
    title: "<script>alert(1)</script> | pipe\\nnew line `tick` ```fence``` # not a heading @octocat"
    owner: "javascript:alert(1)"
    team: "\\"><img src=x onerror=alert(3)>"
    why: "[click](javascript:alert(4)) <b>bold</b> ![img](http://example.com/x.png)"
    start: 2026-01-01
    deadline: 2026-12-31
    metric:
      name: "</title><script>alert(5)</script>"
      baseline: 1
      target: 2
      source: "javascript:alert(2)"
    checkins:
      - {date: 2026-03-01, value: 1.2}
  - id: "| broken | table |"
    title: "- list item\\n\\n| a | b |\\n|---|---|"
    owner: "@here"
"""


def report_of(paths: list[str], tmp_path: Path, fmt: str, *extra: str, exit_code: int | None = None) -> str:
    """The report's text; the exit code is checked: 1 when the files have error findings, as check does."""
    target = tmp_path / f"report.{fmt}"
    code = main(["report", *paths, "--format", fmt, "--output", str(target), "--today", TODAY.isoformat(),
                 "--no-history", *extra])  # the goals' history in this repository is not the example's
    if exit_code is None:
        exit_code = 1 if any("flawed" in p for p in paths) else 0
    assert code == exit_code
    return target.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GOALLINT_TODAY", raising=False)


# -- the model ---------------------------------------------------------------------------

def _standing(text: str, tmp_path: Path, today: dt.date = TODAY) -> list[str]:
    result = run(text, tmp_path, select="S001")
    return [assess(item, today).status for item in result.items if item.kind == "goal"]


def test_each_status_is_reached(tmp_path):
    text = """\
version: 1
goals:
  - {id: done, title: t, status: done}
  - {id: dropped, title: t, status: dropped}
  - {id: later, title: t, start: 2026-11-01, deadline: 2026-12-31}
  - {id: nodata, title: t, start: 2026-01-01, deadline: 2026-12-31}
  - id: overdue
    title: t
    deadline: 2026-09-30
    metric: {baseline: 0, target: 10}
    checkins: [{date: 2026-09-01, value: 5}]
  - id: on-track
    title: t
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 0, target: 100}
    checkins: [{date: 2026-04-01, value: 25}, {date: 2026-07-01, value: 50}]
  - id: at-risk
    title: t
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 0, target: 100}
    checkins: [{date: 2026-04-01, value: 20}, {date: 2026-07-01, value: 40}]
  - id: off-track
    title: t
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 0, target: 100}
    checkins: [{date: 2026-04-01, value: 5}, {date: 2026-07-01, value: 10}]
  - id: reached
    title: t
    deadline: 2026-12-31
    metric: {baseline: 0, target: 100}
    checkins: [{date: 2026-04-01, value: 120}]
"""
    assert _standing(text, tmp_path) == ["done", "dropped", "not started", "no data", "overdue", "on track",
                                         "at risk", "off track", "on track"]


def test_progress_is_true_in_data_and_clamped_for_display(tmp_path):
    text = """\
version: 1
goals:
  - id: beyond
    title: t
    deadline: 2026-12-31
    metric: {baseline: 100, target: 50}
    checkins: [{date: 2026-04-01, value: 40}]
  - id: backwards
    title: t
    deadline: 2026-12-31
    metric: {baseline: 100, target: 200}
    checkins: [{date: 2026-04-01, value: 90}]
"""
    report = build(run(text, tmp_path), TODAY)
    assert {g.id: (g.progress, g.progress_percent, g.progress_text) for g in report.goals} == {
        "beyond": (1.2, 100, "120%"), "backwards": (-0.1, 0, "-10%"),
    }


def test_a003_and_the_report_share_the_forecast(tmp_path):
    text = """\
version: 1
goals:
  - id: slow
    title: t
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 250, target: 400}
    checkins: [{date: 2026-03-31, value: 255}, {date: 2026-06-30, value: 262}]
"""
    result = run(text, tmp_path, select="A003")
    [goal] = build(result, TODAY).goals
    assert goal.status == "off track" and goal.forecast == "276"
    assert "reaches 276.2 by 2026-12-31" in result.diagnostics[0].message


def test_languages():
    assert format_date(dt.date(2026, 3, 5), "en") == "5 Mar 2026"
    assert format_date(dt.date(2026, 3, 5), "nb") == "5. mars 2026"
    assert format_number(18105.62, "en") == "18,105.62"
    assert format_number(-18105.5, "nb") == "-18\u00a0105,5"  # CLDR: nb uses the hyphen-minus
    assert format_percent(0.756, "nb") == "76\u00a0%"


def test_safe_urls():
    assert safe_url("kari@example.com") == "mailto:kari@example.com"
    assert safe_url("https://example.com/dash?a=1") == "https://example.com/dash?a=1"
    assert [safe_url(u) for u in ("javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "ftp://x", "x")] == \
        [None] * 5


# -- HTML ---------------------------------------------------------------------------------

def test_html_is_self_contained_and_deterministic(tmp_path):
    first = report_of(EXAMPLES, tmp_path, "html")
    assert report_of(EXAMPLES, tmp_path, "html") == first
    assert first.startswith("<!DOCTYPE html>") and first.count('<svg class="timeline"') == 1
    assert first.count('<i class="pbar p') == 5  # the five goals with a share of progress
    assert first.count('<script type="application/json" id="goal-data">') == 1  # cards and charts, drawn lazily
    for needle in ("http-equiv=\"Content-Security-Policy\"", "default-src 'none'", "prefers-color-scheme: dark",
                   "@media print"):
        assert needle in first
    for remote in ("src=\"http", "href=\"http", "url(", "@import", "<link"):
        assert remote not in first


def test_html_golden(tmp_path):
    html = report_of(EXAMPLES, tmp_path, "html").replace(f"goallint {__version__}", "goallint VERSION")
    golden(ROOT / "tests/golden/report.html", html)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_html_escapes_hostile_goals(tmp_path):
    (tmp_path / "x.goals.yaml").write_text(HOSTILE, encoding="utf-8")
    html = report_of([str(tmp_path / "x.goals.yaml")], tmp_path, "html", exit_code=1)
    parser = _Tags()
    parser.feed(html)
    names = [tag for tag, _ in parser.tags]
    assert names.count("script") == 3 and "img" not in names  # two hashed scripts and the JSON data block
    assert [dict(attrs).get("type") for tag, attrs in parser.tags if tag == "script"] == [
        None, "application/json", None]
    attributes = [(name, value or "") for _, attrs in parser.tags for name, value in attrs]
    assert [name for name, _ in attributes if name.startswith("on")] == []
    links = [value for name, value in attributes if name in ("href", "src")]
    assert links and all(link.startswith(("#", "mailto:", "https:", "http:")) for link in links)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    data = html.split('<script type="application/json" id="goal-data">', 1)[1].split("</script>", 1)[0]
    assert "\\u003c/title\\u003e\\u003cscript\\u003ealert(5)\\u003c/script\\u003e" in data
    assert "<" not in data and ">" not in data and "&" not in data


def test_write_errors_leave_the_old_report(tmp_path):
    target = tmp_path / "missing-folder" / "report.html"
    code = main(["report", "goals.example.yaml", "--output", str(target), "--today", "2026-10-15"])
    assert code == 2 and not target.exists()
    old = tmp_path / "report.html"
    old.write_text("old")
    assert main(["report", "no-such.yaml", "--output", str(old)]) == 2  # the missing input is reported...
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # ...and no temporary file is left


# -- Markdown ----------------------------------------------------------------------------

def _tables(markdown: str) -> list[list[int]]:
    """Column counts of every row of every GFM table, as a Markdown parser sees them."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables, row = [], 0
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = 0
        elif token.type in ("th_open", "td_open"):
            row += 1
        elif token.type == "tr_close":
            tables[-1].append(row)
    return tables


def test_markdown_tables_survive_hostile_text(tmp_path):
    (tmp_path / "x.goals.yaml").write_text(HOSTILE, encoding="utf-8")
    markdown = report_of([str(tmp_path / "x.goals.yaml")], tmp_path, "md", exit_code=1)
    tables = _tables(markdown)
    assert len(tables) == 4
    for rows in tables:
        assert len(set(rows)) == 1, rows  # every row has the header's column count
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<h1>" in html
    assert html.count("<h1>") == 1 and "<ul>" in html  # the findings list, not one made by a title
    assert "@octocat" not in markdown and "@here" not in markdown  # mentions neutralised


def test_markdown_escape_function():
    assert escape_markdown("a|b\nc `d` <e> #f @g") == "a\\|b c \\`d\\` &lt;e&gt; \\#f @\u2060g"
    assert escape_markdown("- item") == "\\- item" and escape_markdown("1. item") == "1\\. item"
    assert escape_markdown(None) == "" and escape_markdown("") == ""


def test_markdown_golden_and_gantt(tmp_path):
    markdown = report_of(EXAMPLES, tmp_path, "md")
    golden(ROOT / "tests/golden/report.md", markdown)
    assert "```mermaid\ngantt\n" in markdown
    assert ("    G8 Grow organic search visits from 12,000 to 18,000 per month (on track) :active, g8, 2026-01-01, "
            "2026-12-31\n") in markdown
    assert "    section Today\n    Today 2026-10-15 :milestone, today, 2026-10-15, 0d\n" in markdown


def test_norwegian(tmp_path):
    markdown = report_of(EXAMPLES, tmp_path, "md", "--lang", "nb")
    golden(ROOT / "tests/golden/report.nb.md", markdown)
    assert markdown.startswith("# Målrapport 2026, 2026-H2\n")
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "| i rute | 4 |" in markdown and "<td>31. des. 2026</td>" in rendered and "Per: 15. okt. 2026" in rendered
    html = report_of(EXAMPLES, tmp_path, "html", "--lang", "nb")
    assert '<html lang="nb">' in html and "Forankring" in html and "12\u00a0000" in html


def test_markdown_fits_a_pull_request_comment(tmp_path):
    goal = textwrap.dedent("""\
      - id: goal-{n}
        title: Reach {n}00 qualified inbound leads per month from the website
        owner: owner{n}@example.com
        team: marketing
        start: 2026-01-01
        deadline: 2026-12-31
        metric: {{name: leads, unit: leads, baseline: 100, target: {n}00, source: CRM}}
        checkins: [{{date: 2026-06-30, value: 150}}]
    """)
    text = "version: 1\ngoals:\n" + "".join(textwrap.indent(goal.format(n=n), "  ") for n in range(2, 22))
    (tmp_path / "many.goals.yaml").write_text(text, encoding="utf-8")
    markdown = report_of([str(tmp_path / "many.goals.yaml")], tmp_path, "md")
    size = len(markdown.encode("utf-8"))
    assert size < 40_000, size  # about 34 KB; GitHub allows 65,536 characters in a comment


# -- in a real browser ---------------------------------------------------------------------

def _chromium() -> str:
    path = os.environ.get("GOALLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "the browser tests need Debian's chromium (apt-get install chromium); .ci/run installs it"
    return path


def visible_ids(rows: Any) -> list[str | None]:
    return [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count()) if rows.nth(i).is_visible()]


@pytest.mark.slow
def test_html_in_a_real_browser(tmp_path):
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "report.html"
    assert main(["report", *EXAMPLES, "--output", str(page_file), "--today", "2026-10-15", "--no-history"]) == 1
    (tmp_path / "x.goals.yaml").write_text(HOSTILE, encoding="utf-8")
    hostile_file = tmp_path / "hostile.html"
    assert main(["report", str(tmp_path / "x.goals.yaml"), "--output", str(hostile_file)]) == 1
    url = page_file.as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            problems, requests, dialogs = [], [], []
            page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(url)
            assert problems == [] and requests == [url]  # nothing but the file itself, no CSP complaint

            rows = page.locator("#goal-table tbody tr")
            assert rows.count() == 14 and rows.first.is_visible()
            assert page.locator("svg.chart").count() == 11 and page.locator("svg.chart").first.is_visible()
            assert page.locator("svg.timeline").is_visible()
            assert page.locator("#filters").is_visible()  # shown by the script

            page.select_option("select[name=status]", "on-track")
            assert visible_ids(rows) == ["organic-traffic", "inbound-leads", "close-rate", "time-on-site"]
            assert not page.locator("#card-2").is_visible()  # the off-track goal's card is hidden too
            page.select_option("select[name=status]", "")
            page.select_option("select[name=letter]", "M")
            assert visible_ids(rows) == ["webinar", "support-csat", "awareness", "signups", "leads-h2", "demo-requests"]
            page.select_option("select[name=letter]", "")

            page.click("button[data-sort=id]")
            ids = [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]
            assert ids == sorted(ids)
            page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
            assert (tmp_path / "report.png").stat().st_size > 10_000
            if os.environ.get("GOALLINT_UPDATE_GOLDEN") == "1":  # the README's picture, from the top of the page
                shot = browser.new_page(viewport={"width": 1200, "height": 1500})
                shot.goto(url)
                shot.screenshot(path=str(ROOT / "docs" / "report.png"), full_page=False)

            background = "getComputedStyle(document.body).backgroundColor"
            assert page.evaluate(background) == "rgb(255, 255, 255)"
            page.emulate_media(color_scheme="dark")
            assert page.evaluate(background) == "rgb(18, 22, 31)"
            page.emulate_media(media="print")
            assert not page.locator("#filters").is_visible()
            page.emulate_media(media="screen", color_scheme="light")

            page.goto(hostile_file.as_uri())
            page.wait_for_timeout(200)
            assert dialogs == [] and problems == []
            assert "<script>alert(1)</script>" in page.locator("#goal-table tbody tr", has_text="xss").inner_text()
        finally:
            browser.close()


def test_the_reports_expected_path_is_the_plan_a003_judges_pace_by(tmp_path):
    """One plan: from the start (not the earlier baseline_date) through the milestones to the target."""
    from goallint.report.model import plan_points

    result = run("""\
        version: 1
        goals:
          - id: sales
            title: Reach 1,000 orders a quarter
            owner: kari@example.com
            start: 2026-01-01
            deadline: 2026-12-31
            metric: {name: orders, unit: orders, baseline: 400, baseline_date: 2025-10-01, target: 1000}
            milestones:
              - {date: 2026-06-30, target: 500}
            checkins:
              - {date: 2026-03-31, value: 450}
        """, tmp_path, select="A003")
    item = next(i for i in result.items if i.id == "sales")
    assert plan_points(item) == [(dt.date(2026, 1, 1), 400), (dt.date(2026, 6, 30), 500), (dt.date(2026, 12, 31), 1000)]
    # A003's plan on the check-in's day: 89 of the 180 days from the start to the milestone
    # (from the baseline_date it would be 181 of 272: 466.5)
    assert item.measure.planned_at_latest == pytest.approx(400 + 100 * 89 / 180)
    assert assess(item, dt.date(2026, 4, 1)).status == "on track"
    assert [d.code for d in result.diagnostics] == []  # and A003 agrees
