"""What the report says: attention first, honest numbers, what the team wrote, every finding, exit codes."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TODAY, run
from helpers import CHART_GOAL
from markdown_it import MarkdownIt

from goallint.cli import main
from goallint.report.i18n import LABELS, estimate, format_number, format_percent, format_written
from goallint.report.model import build
from goallint.report.render import COMMENT_LIMIT, escape_markdown, render_html, render_markdown

EXAMPLES = ["goals.example.yaml", "examples/flawed.goals.yaml"]


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GOALLINT_TODAY", raising=False)


def _report(tmp_path: Path, *args: str) -> tuple[int, str]:
    target = tmp_path / "out.md"
    code = main(["report", *args, "--output", str(target), "--today", TODAY.isoformat(), "--no-history"])
    return code, target.read_text(encoding="utf-8") if target.exists() else ""


# -- attention first ---------------------------------------------------------------------

def test_markdown_opens_with_every_status_bucket_and_the_goals_needing_attention(tmp_path):
    code, markdown = _report(tmp_path, *EXAMPLES)
    assert code == 1  # the flawed file has error findings, as check would say
    headings = re.findall(r"^## (.+)$", markdown, re.MULTILINE)
    assert headings[:4] == ["Needs attention", "Where we stand", "Goals", "SMART scorecard"]
    assert "4 of 14 goals on track or done; 9 need attention." in markdown
    counts = re.findall(r"^\| ([a-z ]+) \| (\d+) \|$", markdown, re.MULTILINE)
    assert counts == [("overdue", "1"), ("off track", "0"), ("at risk", "2"), ("no data", "6"),
                      ("not started", "1"), ("on track", "4"), ("done", "0"), ("dropped", "0")]
    assert ("| leads | Reach 2,000 inbound leads per month | kari.larsen@\u2060example.com | at risk | 262 | 715 "
            "| 1,662 | latest 262; forecast 1,662 of 2,000 by 31 Mar 2027 |") in markdown  # the milestone plan
    # each SMART letter carries a mark beside its coloured dot: state never by colour alone
    assert "| \U0001f7e2S\u2713 \U0001f534M\u2717 \U0001f7e2A\u2713 \U0001f7e1R! \U0001f7e1T! |" in markdown
    assert "| webinar | Run the autumn webinar series | ola.nordmann@\u2060example.com | overdue |  | 120 |  | " \
           "deadline 1 Sept 2026 passed with no check-in |" in markdown


def test_goals_are_sorted_by_severity_of_status(tmp_path):
    report = build(run_files(EXAMPLES), TODAY)
    assert [g.id for g in report.goals] == ["webinar", "leads", "support-csat", "q4-sales", "awareness", "signups",
                                            "q4-leads", "leads-h2", "demo-requests", "december-push",
                                            "organic-traffic", "inbound-leads", "close-rate", "time-on-site"]
    assert [g.id for g in report.attention] == ["webinar", "leads", "support-csat", "q4-sales", "awareness",
                                                "signups", "q4-leads", "leads-h2", "demo-requests"]


def run_files(paths: list[str]):
    from goallint.commands.check import check_files

    return check_files(tuple(paths), None, None, None, TODAY)[0]


def test_html_puts_attention_before_the_scorecard():
    html = render_html(build(run_files(EXAMPLES), TODAY))
    assert html.index('id="attention-heading"') < html.index('id="goals-heading"') < html.index('id="scorecard"')
    assert '<th scope="col" aria-sort="ascending"><button type="button" data-sort="status">' in html
    assert "<caption>Goals, most urgent first</caption>" in html
    assert '<li class="zero"><span class="badge off-track">off track</span> <strong>0</strong></li>' in html


def test_info_findings_do_not_fail_a_letter(tmp_path):
    text = """\
        version: 1
        goals:
          - id: g
            title: Reach 400 inbound leads per month
            owner: kari@example.com
            deadline: 2026-12-31
    """
    result = run(text, tmp_path)
    infos = [d.code for d in result.diagnostics if d.severity.label == "info"]
    assert infos, "the test needs an info finding"
    [goal] = build(result, TODAY).goals
    letters_with_info_only = {d.code[0] for d in result.diagnostics if d.severity.label == "info"} - {
        d.code[0] for d in result.diagnostics if d.severity.label != "info"}
    for badge in goal.letters:
        if badge.letter in letters_with_info_only:
            assert badge.state == "green" and badge.mark == "\u2713"


def test_objectives_roll_up_their_goals_progress():
    report = build(run_files(["goals.example.yaml"]), TODAY)
    [root] = report.tree
    assert root.id == "grow-pipeline" and root.rollup == "76% mean progress of 3 goals"  # a maintain goal has no share


# -- honest numbers ------------------------------------------------------------------------

def test_small_values_stay_visible_and_written_values_stay_as_written():
    assert format_number(0.004, "en") == "0.004" and format_number(0.00012, "en") == "0.00012"
    assert estimate(0.0012345) == 0.00123 and estimate(4.56789) == 4.57 and estimate(12345.6) == 12346
    assert format_written(4.0, "en") == "4.0" and format_written(4, "en") == "4"
    assert format_written(0.004, "nb") == "0,004" and format_written(18000, "nb") == "18\u00a0000"


def test_shares_are_never_rounded_onto_0_or_100_percent():
    assert format_percent(0.9997, "en") == "99.97%" and format_percent(0.999, "en") == "99.9%"
    assert format_percent(0.001, "en") == "0.1%" and format_percent(1.0, "en") == "100%"
    assert format_percent(0.0, "en") == "0%" and format_percent(0.756, "en") == "76%"


def test_forecast_is_never_rounded_onto_the_target(tmp_path):
    text = """\
        version: 1
        goals:
          - id: close
            title: t
            start: 2026-01-01
            deadline: 2026-12-31
            metric: {baseline: 0, target: 100}
            checkins: [{date: 2026-01-01, value: 0}, {date: 2026-07-02, value: 49.98}]
    """
    [goal] = build(run(text, tmp_path), TODAY).goals
    assert goal.forecast != "100" and goal.forecast.startswith("99.9"), goal.forecast


def test_chart_has_a_target_line_milestone_values_and_the_plan_from_start(tmp_path):
    [goal] = build(run(CHART_GOAL, tmp_path), TODAY).goals
    chart = goal.chart
    assert chart is not None
    # days counted from the report's today (15 Oct 2026): the plan from start (-287), not the baseline date
    assert chart["p"] == [-287, 100, -107, 130, 77, 200]
    assert chart["t"] == 200 and chart["m"] == [-107, 130]  # the target line; the milestone, drawn with its value
    assert chart["k"] == [-198, 110, -15, 150] and chart["e"] == 77 and chart["f"] == 185
    assert chart["r"] == [-287, 77, 100, 200]  # the days and values the scale spans
    # test_report_browser.test_a_chart_is_drawn_from_its_numbers draws it: round ticks, today, the forecast


# -- what the team wrote, and every finding ---------------------------------------------------

def _cards(html: str) -> list[dict[str, Any]]:
    """The cards as the page's script reads them, with the repeated strings put back."""
    data = json.loads(html.split('<script type="application/json" id="goal-data">', 1)[1].split("</script>", 1)[0])
    strings = data["strings"]

    def decode(value: Any) -> Any:
        if isinstance(value, str) and value.startswith("\u00a7"):
            return value[1:] if value.startswith("\u00a7\u00a7") else strings[int(value[1:], 36)]
        if isinstance(value, list):
            return [decode(v) for v in value]
        if isinstance(value, dict):
            return {k: decode(v) for k, v in value.items()}
        return value

    return [decode(goal) for goal in data["goals"]]


def test_cards_show_confidence_notes_resources_and_contributors(tmp_path):
    text = """\
        version: 1
        goals:
          - id: g
            title: Leads
            owner: kari@example.com
            confidence: 0.7
            contributors: [content team, Ola]
            resources: ["NOK 40,000 budget"]
            start: 2026-01-01
            deadline: 2026-12-31
            metric: {baseline: 100, target: 200}
            milestones: [{date: 2026-06-30, target: 150}]
            checkins: [{date: 2026-03-31, value: 4.0, note: "Campaign <b>paused</b> in March"}]
    """
    html = render_html(build(run(text, tmp_path), TODAY))
    [card] = _cards(html)
    rows = dict((key, value) for key, value in card["d"])
    assert rows["confidence"] == "70%" and rows["contributors"] == "content team, Ola"
    assert rows["resources"] == "NOK 40,000 budget"
    assert card["pt"] == [[0, "30 Jun 2026", "150"], [1, "31 Mar 2026", "4.0", "Campaign <b>paused</b> in March"]]
    assert "Campaign \\u003cb\\u003epaused" in html and "<b>paused" not in html


def test_objective_findings_are_listed(tmp_path):
    code, markdown = _report(tmp_path, "examples/flawed.goals.yaml")
    assert code == 1
    section = markdown.split("## Findings outside goals\n", 1)[1]
    assert "**Objective brand: Become the best-known agency in the region**" in section
    assert ("- S002 owner 'everyone' is a group, not a person: what everyone owns, nobody chases "
            "(examples/flawed.goals.yaml:12:12)") in section


def test_an_unparsable_file_appears_with_its_findings_and_exit_1(tmp_path):
    bad = tmp_path / "bad.goals.yaml"
    bad.write_text("version: 1\ngoals:\n  - id: [\n", encoding="utf-8")
    code, markdown = _report(tmp_path, str(bad))
    assert code == 1
    shown = escape_markdown(str(bad))
    assert f"**File {shown}**" in markdown and "- E001 " in markdown and f"({shown}:4:1)" in markdown
    assert "No findings." not in markdown and "100%" not in markdown  # no claim of a clean, perfect file
    assert main(["check", str(bad), "--today", TODAY.isoformat()]) == 1


def test_report_exits_as_check_does(tmp_path):
    assert _report(tmp_path, "goals.example.yaml")[0] == 0
    assert main(["check", "goals.example.yaml", "--today", TODAY.isoformat()]) == 0
    assert _report(tmp_path, "goals.example.yaml", "no-such.goals.yaml")[0] == 2


def test_format_follows_the_output_and_the_output_has_a_default(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.goals.yaml").write_text((ROOT / "goals.example.yaml").read_text(encoding="utf-8"))
    args = ["g.goals.yaml", "--today", TODAY.isoformat()]
    assert main(["report", *args, "-o", "out.md"]) == 0
    assert (tmp_path / "out.md").read_text(encoding="utf-8").startswith("# Goal report 2026\n")
    assert main(["report", *args, "-o", "out.HTML"]) == 0
    assert (tmp_path / "out.HTML").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["report", *args]) == 0 and (tmp_path / "report.html").exists()
    assert main(["report", *args, "--format", "md"]) == 0 and (tmp_path / "report.md").exists()
    capsys.readouterr()
    assert main(["report", *args, "-o", "out.txt"]) == 2
    err = capsys.readouterr().err
    assert err == ("goallint: error: --output out.txt: cannot tell the format from the extension; use .html or .md, "
                   "or give --format\n")


# -- Markdown summary ----------------------------------------------------------------------------

def _generated(tmp_path: Path, goals: int) -> Path:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    target = tmp_path / f"g{goals}.goals.yaml"
    module.generate(goals, target)
    return target


def test_markdown_summary_fits_a_comment_whatever_the_goal_count(tmp_path):
    path = _generated(tmp_path, 3000)
    report = build(run_files([str(path)]), TODAY)
    full = render_markdown(report)
    assert len(full) > 10 * COMMENT_LIMIT
    summary = render_markdown(report, summary=True)
    assert COMMENT_LIMIT // 2 < len(summary) <= COMMENT_LIMIT
    shown = re.search(r"_Summary: (\d+) of 3000 goals listed, most urgent first; the findings list and the "
                      r"timeline are left out\. The full report has everything\._", summary)
    assert shown is not None and 0 < int(shown.group(1)) < 3000
    assert "```mermaid" not in summary and "## Findings" not in summary
    tables = MarkdownIt("commonmark").enable("table").parse(summary)
    assert sum(1 for t in tables if t.type == "table_open") == 4


def test_html_at_3000_goals_stays_within_3_mb(tmp_path):
    path = _generated(tmp_path, 3000)
    html = render_html(build(run_files([str(path)]), TODAY))
    size = len(html.encode("utf-8"))
    assert size <= 3_000_000, size  # 17.6 MB when every card and chart was markup
    # every goal is still a plain table row; those past the first page are hidden only while the script runs
    assert html.count("<tr><td><a href=\"#g") == 100 and html.count("<tr class=l><td><a href=\"#g") == 2900


def test_every_goal_is_reported_whole_across_many_files(tmp_path):
    """Large enough for check to use worker processes, which send back goals cut down to what
    cross-goal rules read; the report must still see every goal's metric and check-ins."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(1200, tmp_path / "spread", files=4)
    code, markdown = _report(tmp_path, str(tmp_path / "spread"), "--format", "md")
    assert code == 1
    statuses = re.findall(r"^\| goal-\d+ \|[^|]*\|[^|]*\|[^|]*\| ([a-z ]+) \|", markdown, re.MULTILINE)
    assert len(statuses) == 1200
    # only goals generated without a baseline or with a bad date: about 100; cut-down goals would be all 1,200
    assert statuses.count("no data") < 200


def test_summary_needs_markdown(tmp_path, capsys):
    assert main(["report", "goals.example.yaml", "--summary", "-o", str(tmp_path / "r.html")]) == 2
    assert capsys.readouterr().err == "goallint: error: --summary applies to the Markdown report only\n"


# -- Norwegian -------------------------------------------------------------------------------

def test_norwegian_terms():
    nb = LABELS["nb"]
    assert nb["target"] == "Målverdi" and nb["A"] == "Oppnåelig"
    assert nb["goals"] != nb["target"] and nb["goals"] == "Målene" and nb["goals_count"] == "mål"


CATALOG = ROOT / "goallint/report/locale/nb/LC_MESSAGES/goallint.po"


def test_every_message_has_a_norwegian_translation():
    from babel.messages.pofile import read_po

    from goallint.catalog import builtin_catalog
    from goallint.report.i18n import ENGLISH, SEVERITIES_ENGLISH, STATUSES_ENGLISH

    with CATALOG.open("rb") as stream:
        catalog = read_po(stream)
    wanted = ([(key, text) for key, text in ENGLISH.items()] + [("status", s) for s in STATUSES_ENGLISH.values()]
              + [("severity", s) for s in SEVERITIES_ENGLISH.values()]
              + [("rule", rule.name) for rule in builtin_catalog().values()])
    missing = [(context, text) for context, text in wanted
               if not (catalog.get(text, context=context) and catalog.get(text, context=context).string
                       and not catalog.get(text, context=context).fuzzy)]
    assert missing == []
    stale = [m.id for m in catalog if m.id and (m.context, m.id) not in set(wanted)]
    assert stale == []  # no translation left for a message that is gone


@pytest.mark.parametrize("domain", ["goallint", "findings"])
def test_the_compiled_catalog_matches_its_source(domain):
    import gettext
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from goallint.report.i18n import finding_translations, translations

    with (CATALOG.parent / f"{domain}.po").open("rb") as stream:
        catalog = read_po(stream)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    shipped = translations("nb") if domain == "goallint" else finding_translations("nb")
    checked = 0
    for message in catalog:
        if message.id:
            checked += 1
            assert shipped.pgettext(message.context, message.id) == fresh.pgettext(message.context, message.id), \
                f'stale {domain}.mo: run pybabel compile -d goallint/report/locale -D "goallint findings"'
    assert checked > 100


def test_rule_names_are_translated_in_the_report(tmp_path):
    html_file = tmp_path / "r.html"
    main(["report", "examples/flawed.goals.yaml", "--lang", "nb", "-o", str(html_file), "--today", TODAY.isoformat()])
    html = html_file.read_text(encoding="utf-8")
    assert "<td><code>S002</code> eier er en plassholder</td>" in html
    assert "<td><code>S003</code> vag tittel</td>" in html


# -- locales ---------------------------------------------------------------------------------

def test_numbers_and_dates_follow_any_cldr_locale(tmp_path):
    code, swedish = _report(tmp_path, "goals.example.yaml", "--locale", "sv-SE")
    assert code == 0
    assert "Period: 2026 · As of: 15 okt. 2026 · 5 goals" in swedish  # English labels, Swedish forms
    assert "| organic-traffic | Grow organic search visits from 12,000 to 18,000 per month |" in swedish
    assert "| 18 000 | 18 060 |" in swedish  # Markdown cells fold the no-break space
    code, german = _report(tmp_path, "goals.example.yaml", "--locale", "de_DE")
    rendered = MarkdownIt("commonmark").enable("table").render(german)
    assert "As of: 15.10.2026" in rendered
    assert re.search(r"<td[^>]*>18\.000</td>\s*<td[^>]*>18\.060</td>", rendered)
    code, norwegian = _report(tmp_path, "goals.example.yaml", "--lang", "nb")
    assert "Per: 15\\. okt. 2026" in norwegian and "| 18 000 | 18 060 |" in norwegian


def test_an_unknown_locale_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["report", "goals.example.yaml", "--locale", "xx_QQ", "-o", str(tmp_path / "r.md")]) == 2
    assert capsys.readouterr().err == ("goallint: error: --locale: unknown locale 'xx_QQ'; use a CLDR locale such "
                                       "as en_GB, nb_NO, sv_SE or de_DE\n")
    assert not (tmp_path / "r.md").exists()


def test_the_fast_number_path_writes_what_babel_writes():
    import random

    from goallint.report.i18n import _babel_number, _number, _symbols

    assert _symbols("en_IN") is None  # grouped 12,34,567: left to Babel
    rng = random.Random(7)
    values = [rng.uniform(-1e6, 1e6) for _ in range(300)] + [rng.uniform(-1, 1) for _ in range(300)] + [
        82.545, -0.4, 0.0, 1e-7, 123456789.125]
    for locale in ("en_GB", "nb_NO", "de_DE", "sv_SE", "fr_FR", "de_CH", "en_IN", "ar_EG"):
        for value in values:
            for decimals in (0, 1, 2, 4):
                assert _number(value, decimals, locale) == _babel_number(value, decimals, locale), (locale, value)


def test_the_charts_number_marks_are_the_ones_babel_writes():
    """The page's script writes a chart's round values with these (test_a_chart_is_drawn_from_its_numbers)."""
    from goallint.report.i18n import Language, number_marks

    assert number_marks("en") == [".", ",", 3, 3] and number_marks("nb") == [",", "\u00a0", 3, 3]
    assert number_marks(Language("en", "fr_FR")) == [",", "\u202f", 3, 3]
    assert number_marks(Language("en", "en_IN")) == [".", ",", 3, 2]  # 12,34,567.5, as Babel writes it
