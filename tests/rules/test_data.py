"""Rules on the metric catalogue, on the data a marketing team keeps.

tests/catalogue/marketing.metrics.yaml holds two years of monthly figures (2024-10 to
2026-09): inbound leads with a Q4 peak every year, a lead conversion rate in percent,
and web visits by source (organic, paid, social, referral; referral without a written
cadence). Each rule fires on it, stays silent on a goal that fits the history, and stays
silent when the history is too short to judge.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, TODAY

from goallint.catalogue import next_period
from goallint.config import Settings
from goallint.diagnostics import CheckResult
from goallint.fixes import apply_edits
from goallint.linter import check

MARKETING = ROOT / "tests" / "catalogue" / "marketing.metrics.yaml"


def _check(tmp_path: Path, goals: str, select: str, metrics: str | None = None,
           options: dict[str, Any] | None = None) -> CheckResult:
    catalogue = tmp_path / "marketing.metrics.yaml"
    if metrics is None:
        shutil.copy(MARKETING, catalogue)
    else:
        catalogue.write_text(textwrap.dedent(metrics), encoding="utf-8")
    goal_file = tmp_path / "q.goals.yaml"
    goal_file.write_text(textwrap.dedent(goals), encoding="utf-8")
    settings = Settings(root=tmp_path)
    settings.select = select.split(",")
    if options:
        settings.set_options(options)
    return check([catalogue, goal_file], settings, TODAY, cwd=tmp_path)


@pytest.fixture
def lint_catalogue(tmp_path: Path) -> Any:
    """(code, line, column) of the goal file's findings, checked with the marketing catalogue."""

    def _lint(goals: str, select: str, **kwargs: Any) -> list[tuple[str, int, int]]:
        result = _check(tmp_path, goals, select, **kwargs)
        return [(d.code, d.line, d.column) for d in result.diagnostics if d.path == "q.goals.yaml"]

    return _lint


@pytest.fixture
def helps(tmp_path: Path) -> Any:
    def _helps(goals: str, select: str, **kwargs: Any) -> list[str | None]:
        return [d.help for d in _check(tmp_path, goals, select, **kwargs).diagnostics]

    return _helps


@pytest.fixture
def messages(tmp_path: Path) -> Any:
    def _messages(goals: str, select: str, **kwargs: Any) -> list[str]:
        return [d.message for d in _check(tmp_path, goals, select, **kwargs).diagnostics]

    return _messages


LEADS_ONLY_2026 = """\
version: 1
metrics:
  - id: inbound-leads
    unit: leads/month
    source: CRM report "Inbound leads by month"
    cadence: monthly
    history:
      - {period: 2026-07, value: 266}
      - {period: 2026-08, value: 284}
      - {period: 2026-09, value: 310}
"""


def test_e010_metric_ref_unknown(lint_catalogue, messages, helps):
    goals = """\
    version: 1
    goals:
      - id: q4-leads
        title: t
        start: 2026-10-01
        deadline: 2026-12-31
        metric: {ref: inbound-lead, target: 480}
      - id: known
        title: t
        start: 2026-10-01
        deadline: 2026-12-31
        metric: {ref: inbound-leads, target: 480}
    """
    assert lint_catalogue(goals, "E010,M003,M004,M006") == [("E010", 7, 19)]
    assert messages(goals, "E010") == [
        "metric 'inbound-lead' is not in the metric catalogue: the goal takes no unit, baseline or check-ins from it"]
    assert helps(goals, "E010") == ["write `ref: inbound-leads` (the nearest catalogued id)"]


def test_e010_without_any_catalogue_says_so(lint_catalogue, messages, helps):
    goals = """\
    version: 1
    goals:
      - id: g
        title: t
        metric: {ref: inbound-leads, target: 480}
    """
    empty = "version: 1\n"
    assert lint_catalogue(goals, "E010", metrics=empty) == [("E010", 5, 19)]
    assert messages(goals, "E010", metrics=empty) == [
        "metric 'inbound-leads' is not in the metric catalogue, and no file checked with this one has a `metrics:` "
        "list: the goal takes no unit, baseline or check-ins from it"]
    assert helps(goals, "E010", metrics=empty) == [
        "add a `metrics:` list with `- id: inbound-leads` (in a `*.metrics.yaml` file checked with this one), or "
        "write the metric inline without `ref`"]


def _fixed(tmp_path: Path, goals: str, select: str) -> tuple[str, list[str]]:
    """The goal file after the edits of its ``select`` findings, and the codes it gives then."""
    text = textwrap.dedent(goals)
    found = [d for d in _check(tmp_path, goals, select).diagnostics if d.path == "q.goals.yaml"]
    edits = [edit for d in found if d.fix is not None for edit in d.fix.edits]
    assert edits, found
    edited = apply_edits(text, edits)
    return edited, [d.code for d in _check(tmp_path, edited, select).diagnostics]


def test_e010_fix_refers_to_the_nearest_id(tmp_path):
    goals = """\
    version: 1
    goals:
      - id: conversion
        title: t
        metric: {ref: lead-convertion, target: 3}
    """
    edited, left = _fixed(tmp_path, goals, "E010")
    assert "metric: {ref: lead-conversion, target: 3}\n" in edited
    assert left == []


def test_e010_far_from_every_id_lists_the_catalogue(helps):
    goals = """\
    version: 1
    goals:
      - id: demos
        title: t
        metric: {ref: demo-requests, target: 40}
    """
    assert helps(goals, "E010") == [
        "add `- id: demo-requests` to the `metrics:` catalogue, or refer to one of its ids (inbound-leads, "
        "lead-conversion, visits-organic, …)"]


def test_e011_a_hook_on_the_first_definition_is_told_which_to_rename(tmp_path):
    shutil.copy(MARKETING, tmp_path / "marketing.metrics.yaml")
    (tmp_path / "web.metrics.yaml").write_text("version: 1\nmetrics:\n  - id: visits-paid\n    cadence: weekly\n",
                                               encoding="utf-8")
    everything = [tmp_path / "marketing.metrics.yaml", tmp_path / "web.metrics.yaml"]
    settings = Settings(root=tmp_path)
    settings.select = ["E011"]
    [hooked] = check(everything[:1], settings, TODAY, cwd=tmp_path, context=everything).diagnostics
    assert hooked.message == ("metric id 'visits-paid' is also defined at web.metrics.yaml:3: goals that refer to it "
                              "cannot tell the two apart")
    assert hooked.help == ("give the metric at web.metrics.yaml:3 an id of its own, such as `id: visits-paid-weekly`, "
                           "or merge the two histories")


def test_e011_same_unit_and_cadence_gets_a_numbered_id(tmp_path):
    metrics = """\
    version: 1
    metrics:
      - id: inbound-leads
        unit: leads/month
      - id: inbound-leads
        unit: leads/month
      - id: inbound-leads-2
    """
    result = _check(tmp_path, "version: 1\n", "E011", metrics=metrics)
    assert [d.help for d in result.diagnostics] == [
        "give this metric an id of its own, such as `id: inbound-leads-3`, or merge its history into the first one"]


def test_e011_metric_id_duplicate_across_files(tmp_path):
    (tmp_path / "web.metrics.yaml").write_text(textwrap.dedent("""\
        version: 1
        metrics:
          - id: visits-organic
            unit: visits/week
        """), encoding="utf-8")
    shutil.copy(MARKETING, tmp_path / "marketing.metrics.yaml")
    settings = Settings(root=tmp_path)
    settings.select = ["E011"]
    result = check([tmp_path / "marketing.metrics.yaml", tmp_path / "web.metrics.yaml"], settings, TODAY,
                   cwd=tmp_path)
    assert [(d.path, d.code, d.line, d.column) for d in result.diagnostics] == [
        ("web.metrics.yaml", "E011", 3, 9)]
    assert result.diagnostics[0].message == ("metric id 'visits-organic' is already defined at "
                                             "marketing.metrics.yaml:69: goals that refer to it take the first one, "
                                             "never this one")
    # the repeat is measured weekly, the first monthly: the new id says so
    assert result.diagnostics[0].help == ("give this metric an id of its own, such as `id: visits-organic-weekly`, "
                                          "or merge its history into the first one")


def test_m016_metric_history_invalid(tmp_path):
    metrics = """\
    version: 1
    metrics:
      - id: inbound-leads
        history:
          - {period: 2025-11, value: 262}
          - {period: 2025-13, value: 250}
          - {value: 240}
          - {period: 2025-12, value: 231}
          - {date: 2025-12-15, value: 229}
    """
    result = _check(tmp_path, "version: 1\n", "M016", metrics=metrics)
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [
        ("M016", 6, 18), ("M016", 7, 9), ("M016", 9, 9)]
    assert result.diagnostics[0].message.startswith("measurement of metric 'inbound-leads': period '2025-13' is not")
    assert result.diagnostics[2].message == (
        "history of metric 'inbound-leads' is not oldest first with one measurement a day: 2025-12-15 comes "
        "after a measurement on or after it: the goals on the metric may read the wrong value")
    assert [d.help for d in result.diagnostics] == [
        "write `period: 2025-12` (the month after 2025-11) or the real period",
        "add `period: 2025-12` (the month after 2025-11) or the day's `date`",
        "move this measurement before the one of 2025-12-31, so the history runs oldest first"]


@pytest.mark.parametrize(("before", "after"), [
    ("2025-11", ("2025-12", "the month after 2025-11")),
    ("2025-12", ("2026-01", "the month after 2025-12")),
    ("2025-Q4", ("2026-Q1", "the quarter after 2025-Q4")),
    ("2025-q2", ("2025-Q3", "the quarter after 2025-q2")),
    ("2025-H1", ("2025-H2", "the half-year after 2025-H1")),
    (2025, ("2026", "the year after 2025")),
    ("2025-12-31", None),  # a date: the next one depends on the cadence
    ("2025-13", None),
    (None, None),
])
def test_m016_the_period_after_the_one_before(before, after):
    assert next_period(before) == after


def test_m016_a_period_of_quarters_and_two_on_one_day(tmp_path):
    metrics = """\
    version: 1
    metrics:
      - id: visits-quarterly
        history:
          - {period: 2025-Q3, value: 36000}
          - {period: 2025-Q5, value: 41000}
          - {period: 2025-Q4, value: 40000}
          - {date: 2025-12-31, value: 40100}
    """
    result = _check(tmp_path, "version: 1\n", "M016", metrics=metrics)
    assert [(d.line, d.help) for d in result.diagnostics] == [
        (6, "write `period: 2025-Q4` (the quarter after 2025-Q3) or the real period"),
        (8, "keep one of the measurements of 2025-12-31 and remove the other (one a day)")]


def test_m014_metric_overrides_catalogue(lint_catalogue, messages, helps):
    goals = """\
    version: 1
    goals:
      - id: organic
        title: t
        metric: {ref: visits-organic, target: 14000, source: Search console clicks}
      - id: paid
        title: t
        metric:
          ref: visits-paid
          target: 4000
          unit: visits/week
      - id: same-words
        title: t
        metric: {ref: visits-social, target: 2600, unit: " Visits/Month "}
      - id: own-fields
        title: t
        metric: {ref: visits-referral, target: 1000}
    """
    assert lint_catalogue(goals, "M014") == [("M014", 5, 58), ("M014", 11, 13)]
    assert messages(goals, "M014")[1] == ("unit 'visits/week' differs from the catalogue's 'visits/month' for metric "
                                          "'visits-paid': this goal is measured differently from the other goals on it")
    assert helps(goals, "M014") == [
        "remove the goal's `source: Search console clicks` to take the catalogue's, or catalogue this measurement as "
        "a metric of its own",
        "remove the goal's `unit: visits/week` to take the catalogue's, or catalogue this measurement as a metric "
        "of its own"]


def test_m015_baseline_disagrees_with_history(lint_catalogue, messages, helps):
    goals = """\
    version: 1
    goals:
      - id: conversion
        title: t
        start: 2026-01-01
        deadline: 2026-12-31
        metric: {ref: lead-conversion, target: 3, baseline: 2.5, baseline_date: 2025-12-31}
      - id: close-enough
        title: t
        start: 2026-01-01
        deadline: 2026-12-31
        metric: {ref: inbound-leads, target: 480, baseline: 410}
      - id: from-catalogue
        title: t
        start: 2026-01-01
        deadline: 2026-12-31
        metric: {ref: inbound-leads, target: 480}
      - id: before-history
        title: t
        start: 2024-01-01
        deadline: 2024-12-31
        metric: {ref: inbound-leads, target: 480, baseline: 100}
    """
    assert lint_catalogue(goals, "M015") == [("M015", 7, 57)]
    assert messages(goals, "M015") == [
        "baseline 2.5 differs from the catalogue's 2.9 for 2025-12-31 (metric 'lead-conversion') by 13.8% "
        "(tolerance 5%): the target is measured from a zero point the data does not show"]
    assert helps(goals, "M015") == ["write `baseline: 2.9` (the catalogue's value on 2025-12-31) or fix the history"]
    assert lint_catalogue(goals, "M015", options={"M015": {"tolerance_percent": 15}}) == []


def test_m015_fix_writes_the_measured_baseline(tmp_path):
    goals = """\
    version: 1
    goals:
      - id: leads
        title: t
        start: 2026-01-01
        deadline: 2026-12-31
        metric: {ref: inbound-leads, target: 480, baseline: 350}
    """
    edited, left = _fixed(tmp_path, goals, "M015")
    assert "metric: {ref: inbound-leads, target: 480, baseline: 415}\n" in edited  # December 2025
    assert left == []


YEAR_GOALS = """\
version: 1
goals:
  - id: leads-next-year
    title: t
    start: 2026-10-01
    deadline: 2027-09-30
    metric: {ref: inbound-leads, target: 400}
  - id: leads-like-before
    title: t
    start: 2026-10-01
    deadline: 2027-09-30
    metric: {ref: inbound-leads, target: 345}
  - id: conversion-next-year
    title: t
    start: 2026-10-01
    deadline: 2027-09-30
    metric: {ref: lead-conversion, target: 2.5}
"""


def test_a006_pace_beyond_history(lint_catalogue, messages, helps):
    assert lint_catalogue(YEAR_GOALS, "A006") == [("A006", 7, 42)]
    assert messages(YEAR_GOALS, "A006") == [
        "target 400 needs +7.51 per month for 12 months; over spans as long in the history of 'inbound-leads' "
        "the best was +2.92 per month and the typical +2.42 (limit 1.5x the best): a pace the team has never had"]
    # 310 (September 2026) + 1.5 x 2.92 a month x 12 months = 362.5, rounded towards the baseline
    assert helps(YEAR_GOALS, "A006") == [
        "set `target: 362` or below (1.5x the history's best pace over 12 months) or give the goal more time"]
    assert lint_catalogue(YEAR_GOALS, "A006", options={"A006": {"max_pace_factor": 3}}) == []


def test_a006_is_silent_with_too_little_history(lint_catalogue):
    assert lint_catalogue(YEAR_GOALS, "A006", metrics=LEADS_ONLY_2026) == []


def test_a006_a_decrease_the_history_never_made(lint_catalogue, messages, helps):
    goals = """\
    version: 1
    goals:
      - id: fewer-paid
        title: t
        start: 2026-10-01
        deadline: 2027-09-30
        metric: {ref: visits-paid, target: 3000, direction: decrease}
    """
    assert lint_catalogue(goals, "A006") == [("A006", 7, 40)]
    assert messages(goals, "A006")[0].startswith("target 3000 needs -66.7 per month for 12 months;")
    assert helps(goals, "A006") == [
        "keep `target: 3800` (the history never fell over spans this long) or say in `why` what changes and "
        "suppress the finding with that reason"]


Q4_GOALS = """\
version: 1
goals:
  - id: q4-leads
    title: Grow inbound leads to 400 a month in Q4
    start: 2026-10-01
    deadline: 2026-12-31
    metric: {ref: inbound-leads, target: 400}
  - id: q4-leads-above-last-year
    title: t
    start: 2026-10-01
    deadline: 2026-12-31
    metric: {ref: inbound-leads, target: 430}
  - id: q4-fewer-paid-visits
    title: t
    start: 2026-10-01
    deadline: 2026-12-31
    metric: {ref: visits-paid, target: 3600, direction: decrease}
  - id: year-leads
    title: t
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {ref: inbound-leads, target: 420}
"""


def test_r007_target_below_last_season(lint_catalogue, messages, helps):
    assert lint_catalogue(Q4_GOALS, "R007") == [("R007", 7, 42)]
    assert messages(Q4_GOALS, "R007") == [
        "target 400 for 2026-12-31 is an increase to less than the 415 measured a year earlier (2025-12-31, "
        "metric 'inbound-leads'): the goal plans a worse season than the team already had"]
    assert helps(Q4_GOALS, "R007") == [
        "set `target: 415` or above (the value of 2025-12-31, a year before the deadline), or choose the time frame "
        "where the change really is"]


def test_r007_is_silent_with_too_little_history(lint_catalogue):
    assert lint_catalogue(Q4_GOALS, "R007", metrics=LEADS_ONLY_2026) == []


def test_r007_a_decrease_above_last_season(lint_catalogue, helps):
    goals = """\
    version: 1
    goals:
      - id: q4-fewer-paid-visits
        title: t
        start: 2026-10-01
        deadline: 2026-12-31
        metric: {ref: visits-paid, target: 5700, baseline: 6000, direction: decrease}
    """
    assert lint_catalogue(goals, "R007") == [("R007", 7, 40)]
    assert helps(goals, "R007") == [
        "set `target: 5600` or below (the value of 2025-12-31, a year before the deadline), or choose the time "
        "frame where the change really is"]


def test_t007_timeframe_below_cadence(lint_catalogue, messages, helps):
    goals = """\
    version: 1
    goals:
      - id: november
        title: t
        start: 2026-11-01
        deadline: 2026-11-30
        metric: {ref: inbound-leads, target: 400}
      - id: two-months
        title: t
        start: 2027-02-01
        deadline: 2027-03-31
        metric: {ref: inbound-leads, target: 400}
      - id: referral-by-its-history
        title: t
        start: 2026-11-01
        deadline: 2026-11-30
        metric: {ref: visits-referral, target: 1000}
      - id: inline-weekly
        title: t
        start: 2026-11-01
        deadline: 2026-11-10
        metric: {name: demo requests, target: 40, cadence: weekly}
    """
    assert lint_catalogue(goals, "T007") == [("T007", 6, 15), ("T007", 16, 15), ("T007", 21, 15)]
    assert messages(goals, "T007") == [
        "the time frame 2026-11-01..2026-11-30 is 30 days, shorter than two months: a metric measured every "
        "month is measured at most once in it",
        "the time frame 2026-11-01..2026-11-30 is 30 days, shorter than two periods of 31 days: a metric measured "
        "every 31 days is measured at most once in it",
        "the time frame 2026-11-01..2026-11-10 is 10 days, shorter than two weeks: a metric measured every week "
        "is measured at most once in it"]
    assert helps(goals, "T007") == [
        # two months from 1 November, at a month's end
        "move the deadline to 2026-12-31 or later (two months), or measure it more often and say so in "
        "`metric.cadence`",
        # two of the history's usual 31-day gaps
        "move the deadline to 2027-01-01 or later (two periods of 31 days), or measure it more often and say so "
        "in `metric.cadence`",
        "move the deadline to 2026-11-14 or later (two weeks), or measure it more often and say so in "
        "`metric.cadence`"]


def test_t007_is_silent_without_a_cadence_or_enough_history(lint_catalogue):
    metrics = """\
    version: 1
    metrics:
      - id: webinar-signups
        history:
          - {date: 2026-09-15, value: 40}
          - {date: 2026-10-01, value: 55}
    """
    goals = """\
    version: 1
    goals:
      - id: signups
        title: t
        start: 2026-11-01
        deadline: 2026-11-30
        metric: {ref: webinar-signups, target: 80}
    """
    assert lint_catalogue(goals, "T007", metrics=metrics) == []
