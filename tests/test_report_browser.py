"""The report in headless Chromium with the tools the readers' side uses: mermaid's own parser and renderer
for the Markdown timeline, axe-core for accessibility, and a phone-sized window.

The tools come from npm into .ci/node (the README's test command and .ci/run install them); nothing
is fetched from a CDN. Without them these tests fail, saying how to install them.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TODAY
from helpers import CHART_GOAL

from goallint.cli import main

NODE = ROOT / ".ci" / "node" / "node_modules"
MERMAID = NODE / "mermaid" / "dist" / "mermaid.min.js"
AXE = NODE / "axe-core" / "axe.min.js"
EXAMPLES = ["goals.example.yaml", "examples/flawed.goals.yaml"]

# Titles and teams that each broke, reconfigured or emptied the gantt before task names were made safe.
HOSTILE_TITLES = [
    "Click through rate on paid social above 3 %",
    "title Secret takeover", "section Hijacked", "excludes weekends", "dateFormat DD-MM-YYYY",
    "todayMarker off", "2026-01-01 starts with a date", "axisFormat %d", "click g1 call alert()",
    "Colons: in: the: title; and # hash &amp; %% comment", "accTitle: x", "accDescr { y }",
    "includes 2026-02-01", "weekday monday", "tickInterval 1week", "inclusiveEndDates", "topAxis",
    "```mermaid", "<br/><b>bold</b>", "after g1", "crit, done, milestone", "line\nbreak\ttab",
    "}} {{ ]] [[ (( ))", "-- --> ==> ;;", "\u202eevil \U0001f680 rocket", ":", "   ", "%%{init: {}}%%",
]
HOSTILE_TEAMS = ["section: x", "%% comment", "title", "", "a;b#c"]


def _hostile_titles() -> str:
    goals = []
    for index, title in enumerate(HOSTILE_TITLES):
        team = HOSTILE_TEAMS[index % len(HOSTILE_TEAMS)]
        quoted_title, quoted_team = json.dumps(title, ensure_ascii=False), json.dumps(team, ensure_ascii=False)
        goals.append(f"  - id: h{index}\n    title: {quoted_title}\n    team: {quoted_team}\n"
                     "    owner: a@example.com\n"
                     f"    start: 2026-0{1 + index % 9}-01\n    deadline: 2026-12-31\n"
                     "    metric: {baseline: 1, target: 2}\n"
                     f"    checkins: [{{date: 2026-10-01, value: {1 + (index % 5) / 4}}}]\n")
    return "version: 1\ngoals:\n" + "".join(goals)


def _tool(path: Path) -> Path:
    assert path.exists(), (f"{path.relative_to(ROOT)} is missing; the README's test command installs it "
                           "(npm install --prefix .ci/node axe-core@4 mermaid@11)")
    return path


def _generated(tmp_path: Path, goals: int) -> Path:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    target = tmp_path / f"g{goals}.goals.yaml"
    module.generate(goals, target)
    return target


def _report(paths: list[str], target: Path, *extra: str) -> Path:
    code = main(["report", *paths, "--output", str(target), "--today", TODAY.isoformat(), "--no-history", *extra])
    assert code in (0, 1), code  # 1: the inputs have error findings; 2 would mean a file was not read
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright
    from test_report import _chromium

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=_chromium(), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        try:
            yield launched
        finally:
            launched.close()


# -- mermaid ---------------------------------------------------------------------------------

_BLOCK = re.compile(r"```mermaid\n(.*?)\n```", re.DOTALL)


def _gantt_inputs(tmp_path: Path) -> list[tuple[list[str], tuple[str, ...]]]:
    """Every set of files the report tests render, plus the hostile titles."""
    from test_report import HOSTILE

    (tmp_path / "hostile.goals.yaml").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "titles.goals.yaml").write_text(_hostile_titles(), encoding="utf-8")
    return [(EXAMPLES, ()), (EXAMPLES, ("--lang", "nb")), ([str(tmp_path / "hostile.goals.yaml")], ()),
            ([str(tmp_path / "titles.goals.yaml")], ()), ([str(tmp_path / "titles.goals.yaml")], ("--lang", "nb")),
            ([str(_generated(tmp_path, 300))], ())]


@pytest.mark.slow
def test_mermaid_accepts_every_gantt(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    script = _tool(MERMAID)
    page = browser.new_page()
    page.set_content("<!DOCTYPE html><body></body>")
    page.add_script_tag(path=str(script))
    page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
    checked = 0
    for number, (paths, extra) in enumerate(_gantt_inputs(tmp_path)):
        markdown = _report(paths, tmp_path / f"r{number}.md", *extra).read_text(encoding="utf-8")
        [gantt] = _BLOCK.findall(markdown)
        tasks = sum(1 for line in gantt.splitlines() if re.match(r"    G\d+ ", line))
        outcome = page.evaluate("""async ([text, id]) => {
            try {
              await mermaid.parse(text);
              const {svg} = await mermaid.render(id, text);
              const box = document.createElement('div');
              box.innerHTML = svg;
              return {tasks: box.querySelectorAll('rect.task').length,
                      titles: Array.from(box.querySelectorAll('text.titleText')).map(t => t.textContent)};
            } catch (error) { return {error: String(error && error.message || error)}; }
        }""", [gantt, f"gantt{number}"])
        assert "error" not in outcome, (paths, extra, outcome)
        # every goal is a bar and today is a milestone: no title reconfigured the chart or vanished
        assert outcome["tasks"] == tasks + 1, (paths, extra, outcome, gantt)
        assert len(outcome["titles"]) == 1 and outcome["titles"][0] in ("Timeline", "Tidslinje")
        checked += 1
    assert checked == 6


def test_hostile_titles_become_safe_task_names(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    (tmp_path / "titles.goals.yaml").write_text(_hostile_titles(), encoding="utf-8")
    markdown = _report([str(tmp_path / "titles.goals.yaml")], tmp_path / "r.md").read_text(encoding="utf-8")
    [gantt] = _BLOCK.findall(markdown)
    lines = gantt.splitlines()
    tasks = [line for line in lines if re.match(r"    G\d+ ", line)]
    assert len(tasks) == len(HOSTILE_TITLES)
    for line in tasks:
        name, data = line.rsplit(" :", 1)
        assert ":" not in name and "#" not in name and ";" not in name and "%" not in name
        assert re.fullmatch(r"(?:(?:done|active|crit), )*g\d+, 2026-\d\d-01, 2026-12-31", data), line
    assert re.search(r"\n    G\d+ Click through rate on paid social above 3 pct \(off track\) :crit, g\d+, ", gantt)
    assert lines[:5] == ["gantt", "    title Timeline", "    dateFormat YYYY-MM-DD", "    axisFormat %Y-%m-%d",
                         "    todayMarker off"]
    assert lines[-2:] == ["    section Today", f"    Today {TODAY.isoformat()} :milestone, today, {TODAY}, 0d"]
    sections = [line for line in lines if line.startswith("    section ")]
    # one per team, a goal without a team under Goals, and today's
    assert len(sections) == len(set(sections)) == 6


# -- accessibility, phone and print ------------------------------------------------------------

def _axe(page: Any, script: Path) -> list[str]:
    page.add_script_tag(path=str(script))
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                                .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
    }""")
    return list(found)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["example", "flawed", "300 goals"])
def test_axe_finds_no_serious_violation(browser, tmp_path, monkeypatch, which):
    monkeypatch.chdir(ROOT)
    script = _tool(AXE)
    paths = {"example": ["goals.example.yaml"], "flawed": ["examples/flawed.goals.yaml"],
             "300 goals": [str(_generated(tmp_path, 300))]}[which]
    page_file = _report(paths, tmp_path / "report.html")
    context = browser.new_context(bypass_csp=True)  # lets the test inject axe; the page's own CSP is untouched
    try:
        page = context.new_page()
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            page.goto(page_file.as_uri())
            assert _axe(page, script) == [], scheme
    finally:
        context.close()


@pytest.mark.slow
def test_phone_width_has_no_horizontal_scroll(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    page_file = _report(EXAMPLES, tmp_path / "report.html")
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page.goto(page_file.as_uri())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    title_cell = page.locator("#goal-table td:nth-child(2)").first.bounding_box()
    assert title_cell is not None and title_cell["width"] >= 150  # titles do not wrap a word per line
    assert page.locator(".cards .card").first.bounding_box()["width"] <= 390 - 2 * 12
    if os.environ.get("GOALLINT_UPDATE_GOLDEN") == "1":
        page.screenshot(path=str(ROOT / "docs" / "report-phone.png"), full_page=False)


@pytest.mark.slow
def test_print_keeps_state_without_colour(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    page_file = _report(EXAMPLES, tmp_path / "report.html")
    page = browser.new_page()
    page.goto(page_file.as_uri())
    page.emulate_media(media="print")
    marks = page.evaluate("""() => Array.from(document.querySelectorAll('#goal-table td:nth-child(6) span'))
        .map(b => getComputedStyle(b, '::before').content)""")
    assert marks and all(mark not in ("none", "normal", "") for mark in marks)
    assert page.evaluate("getComputedStyle(document.body).printColorAdjust") == "exact"
    letters = page.locator("#goal-table td:nth-child(11)").first.inner_text()
    assert letters == "S\u2713 M\u2717 A\u2713 R! T!"  # the overdue webinar goal comes first
    assert page.locator("#goal-table tbody tr").first.locator("b").all_inner_texts() == ["M\u2717", "R!", "T!"]


@pytest.mark.slow
def test_cards_and_charts_are_drawn_when_needed(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    page_file = _report([str(_generated(tmp_path, 300))], tmp_path / "report.html")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.goto(page_file.as_uri())
    assert page.locator("article.card").count() == 300
    assert page.locator("article.card:not(.pending)").count() == 24  # the first ones; the rest wait
    assert page.locator("#g250.pending").count() == 1
    page.goto(page_file.as_uri() + "#g250")  # a link to a card draws it
    page.wait_for_function("!document.getElementById('g250').classList.contains('pending')")
    card = page.locator("#g250")
    assert card.locator("h3").inner_text() == page.locator("#goal-table tbody tr").nth(249).locator("td").nth(1) \
        .inner_text() + " " + card.locator("h3 .badge").inner_text()
    chart = card.locator("svg.chart")
    assert chart.count() == 1 and chart.locator("line.target").count() == 1
    label = chart.get_attribute("aria-label") or ""
    assert re.fullmatch(r"Check-ins of .+: \d+ Mar 2026: [\d.,]+; .+\. Plan: 1 Jan 2026: [\d.,]+; .+\.", label), label
    page.mouse.wheel(0, 200_000)
    page.wait_for_timeout(300)
    assert page.locator("article.card:not(.pending)").count() > 25
    assert problems == []


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "marks"), [("en", ["1,000", "2,000", "1", "1.5"]),
                                             ("nb", ["1\u00a0000", "2\u00a0000", "1", "1,5"])])
def test_a_chart_is_drawn_from_its_numbers(browser, tmp_path, lang, marks):
    """The page scales the chart: round ticks in the locale's marks, the plan from the start, a target line
    with its value, the milestone's value as text, today, the forecast, and a text alternative with the numbers."""
    source = tmp_path / "leads.goals.yaml"
    # the same goal in thousands (group separators) and in ones, stepping by a half (decimal marks)
    again = CHART_GOAL.split("goals:\n", 1)[1]
    source.write_text(CHART_GOAL + "".join(
        again.replace("id: g", f"id: {name}").replace("baseline: 100,", f"baseline: {low},")
        .replace("target: 200}", f"target: {high}}}").replace("target: 130}", f"target: {middle}}}")
        .replace("value: 110}", f"value: {low}}}").replace("value: 150}", f"value: {middle}}}")
        for name, low, middle, high in (("thousands", 1000, 2000, 3000), ("ones", 1, 1.5, 2),
                                        ("halves", 100, 100.5, 101))), encoding="utf-8")
    page_file = _report([str(source)], tmp_path / "report.html", "--lang", lang)
    page = browser.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(page_file.as_uri())
    drawn = page.evaluate("""() => Array.from(document.querySelectorAll('.card')).map(c => {
        const svg = c.querySelector('svg.chart'), at = (s, a) => svg.querySelector(s).getAttribute(a);
        return {id: c.querySelector('p.legend').textContent.split(' ')[0], label: svg.getAttribute('aria-label'),
                ticks: Array.from(svg.querySelectorAll('text.tick')).map(t => t.textContent),
                target: [at('line.target', 'y1'), svg.querySelector('text.label').textContent],
                plan: at('polyline.expected', 'points'), actual: at('polyline.actual', 'points'),
                milestone: [at('polygon.milestone', 'points'), svg.querySelectorAll('text.label')[1].textContent],
                today: at('line.today', 'x1'), forecast: ['x1', 'y1', 'x2', 'y2'].map(a => at('line.forecast', a))};
    })""")
    by_id = {d["id"]: d for d in drawn}
    small = by_id["g"]
    days = ("1 Jan 2026", "30 Jun 2026", "31 Dec 2026") if lang == "en" else \
        ("1. jan. 2026", "30. juni 2026", "31. des. 2026")
    target = "Target" if lang == "en" else "M\u00e5lverdi"
    assert small["ticks"] == ["100", "150", "200", days[0], days[2]]  # round values, not the data's extremes
    assert small["target"] == ["26", f"{target} 200"]
    assert small["plan"] == "64,178 301,132 544,26"  # from start (the left edge), through the milestone
    assert small["milestone"] == ["301,127 306,132 301,137 296,132", "130"]
    assert (small["actual"], small["today"]) == ("181,163 423,102", "442")
    assert small["forecast"] == ["423", "102", "544", "49"]
    assert small["label"].endswith(f"{days[0]}: 100; {days[1]}: 130; {days[2]}: 200.")
    assert by_id["thousands"]["ticks"][:2] == marks[:2] and by_id["thousands"]["milestone"][1] == marks[1]
    assert by_id["ones"]["ticks"][:2] == marks[2:] and by_id["ones"]["milestone"][1] == marks[3]
    # 100.5 is a tie at three significant digits: rounded to even, as the report's round() does
    assert by_id["halves"]["ticks"][:3] == ["100", "100", "101"]
    assert problems == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "nb"])
def test_the_page_writes_a_charts_numbers_as_the_report_does(browser, tmp_path, lang):
    """Ties, small values, long decimals and large numbers in the text alternative, written by the page's
    script, are what format_number writes: half to even on the written digits, the locale's marks."""
    from goallint.report.i18n import format_date, format_number

    values = [0.125, 2.675, 1.005, 0.0035, 12345.675, 0.000125, 1e-7, 987654321.5, 33.3333, 7.0, 1.15, 2.5]
    milestones = ", ".join(f"{{date: 2026-{month:02d}-15, target: {value!r}}}" for month, value in
                           enumerate(values[1:-1], 1))
    source = tmp_path / "numbers.goals.yaml"
    source.write_text(textwrap.dedent(f"""\
        version: 1
        goals:
          - id: n
            title: Numbers
            start: 2026-01-01
            deadline: 2026-12-31
            metric: {{baseline: {values[0]!r}, target: {values[-1]!r}}}
            milestones: [{milestones}]
    """), encoding="utf-8")
    page_file = _report([str(source)], tmp_path / "report.html", "--lang", lang)
    page = browser.new_page()
    page.goto(page_file.as_uri())
    label = page.locator(".card svg.chart").get_attribute("aria-label") or ""
    days = [dt.date(2026, 1, 1)] + [dt.date(2026, month, 15) for month in range(1, 11)] + [dt.date(2026, 12, 31)]
    plan = "; ".join(f"{format_date(day, lang)}: {format_number(value, lang)}" for day, value in zip(days, values,
                                                                                                 strict=True))
    assert "2.68" in plan or "2,68" in plan  # 2.675 is a tie on its written digits, rounded to even
    assert label.endswith(f" {plan}."), (label, plan)


@pytest.mark.slow
def test_long_tables_show_a_page_at_a_time(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    page_file = _report([str(_generated(tmp_path, 300))], tmp_path / "report.html")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(page_file.as_uri())
    rows = page.locator("#goal-table tbody tr")
    visible = "() => Array.from(document.querySelectorAll('#goal-table tbody tr')).filter(r => !r.hidden).length"
    assert rows.count() == 300 and page.evaluate(visible) == 100
    assert page.locator("#more").inner_text() == "Showing 100 of 300 goals. Show all"
    classes = page.evaluate("() => Array.from(document.querySelectorAll('#goal-table tbody tr')).map(r => r.className)")
    assert classes == [""] * 100 + ["l"] * 200  # what hides them until the script has run
    page.click("button[data-sort=title]")
    titles = page.evaluate("() => Array.from(document.querySelectorAll('#goal-table tbody tr'))"
                           ".filter(r => !r.hidden).map(r => r.cells[1].textContent)")
    assert len(titles) == 100 and titles == sorted(titles, key=str.casefold)
    assert page.locator("th[aria-sort=ascending] button").inner_text() == "Title"
    page.click("#more button")
    assert page.evaluate(visible) == 300 and not page.locator("#more").is_visible()
    page.select_option("select[name=status]", "on-track")
    on_track = page.evaluate(visible)
    assert 0 < on_track <= 100
    assert page.locator("#goal-table tbody tr:not([hidden]) td:nth-child(6)").all_inner_texts() == \
        ["on track"] * on_track


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.slow
def test_print_is_compact(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    example = _report(EXAMPLES, tmp_path / "example.html")
    many = _report([str(_generated(tmp_path, 300))], tmp_path / "many.html")
    page = browser.new_page()
    page.goto(example.as_uri())
    assert _pdf_pages(page.pdf(format="A4")) <= 4  # summary, attention and table, then ten compact cards
    page.goto(many.as_uri())
    pages = _pdf_pages(page.pdf(format="A4"))
    drawn = page.evaluate("document.querySelectorAll('article.card:not(.pending):not([hidden])').length")
    assert drawn == 300  # printing shows every goal and draws every card
    assert pages <= 300 // 10 + 10, pages  # at most a page per ten cards, and the tables


@pytest.mark.slow
def test_chart_legends_name_what_is_drawn(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    page_file = _report(EXAMPLES, tmp_path / "report.html")
    page = browser.new_page()
    page.goto(page_file.as_uri())
    figures = page.evaluate("""() => Array.from(document.querySelectorAll('.card figure')).map(f => ({
        legend: f.querySelector('figcaption').textContent,
        forecast: Array.from(f.querySelectorAll('line.forecast')).map(l => l.getAttribute('class')),
        milestones: f.querySelectorAll('polygon.milestone').length,
        status: f.closest('.card').querySelector('h3 .badge').className.split(' ')[1]}))""")
    assert len(figures) == 11
    for figure in figures:
        assert ("\u2504 Forecast" in figure["legend"]) == bool(figure["forecast"]), figure
        assert ("\u25c7 Milestones" in figure["legend"]) == (figure["milestones"] > 0), figure
        assert figure["forecast"] in ([], [f"forecast {figure['status']}"])  # coloured by the goal's status
        assert "\u2501 Target" in figure["legend"]
    assert any(f["forecast"] == ["forecast on-track"] for f in figures)
    assert any(f["forecast"] == ["forecast at-risk"] for f in figures)  # the leads goal, behind its milestones


@pytest.mark.slow
def test_history_part_is_accessible_in_both_themes_and_fits_a_phone(browser, tmp_path):
    from test_report_history import HOSTILE_REASON, TODAY, _moved

    repo, planned, lowered, moved = _moved(tmp_path)
    page_file = tmp_path / "history.html"
    assert repo.cli("report", "goals.yaml", "-o", str(page_file), "--today", TODAY)[:3] == (0, "", "")
    script = _tool(AXE)
    context = browser.new_context(bypass_csp=True)  # lets the test inject axe; the page's own CSP is untouched
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            page.goto(page_file.as_uri())
            assert page.locator("table.moved tbody tr").count() == 2
            assert _axe(page, script) == [], scheme
        # beside the chart, the card lists every change; a moved goalpost carries a shape, not colour alone
        card = page.locator("#g1")
        assert card.locator("figure + h4").inner_text() == "Changes over time"
        assert card.locator("ul.changes li").all_inner_texts() == [
            f"15 Dec 2025 · Unit: leads → leads per month · Dan Fry · {planned} · before the start (planning)",
            f"\u25b2 2 Mar 2026 · Target: 400 → 350 · Bob Roe · {lowered} · after the start, no reason given",
            f"\u25b2 10 Mar 2026 · Deadline: 31 Mar 2026 → 30 Apr 2026 · Cara Diaz · {moved} · "
            f"reason: {HOSTILE_REASON}",
        ]
        assert card.locator("ul.changes img").count() == 0 and problems == []
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(page_file.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width
        assert page.locator("#g1 ul.changes").bounding_box()["width"] <= 390 - 2 * 12
        assert _axe(page, script) == []
    finally:
        context.close()
