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

from goallint.config import Settings
from goallint.diagnostics import CheckResult
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


def test_e010_metric_ref_unknown(lint_catalogue, messages):
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
        "metric 'inbound-lead' is not in the metric catalogue (did you mean 'inbound-leads'?)"]


def test_e010_without_any_catalogue_says_so(lint_catalogue, messages):
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
        "metric 'inbound-leads' is not in the metric catalogue (no metric catalogue defines it)"]


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
                                             "marketing.metrics.yaml:69")


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
        "after a measurement on or after it")


def test_m014_metric_overrides_catalogue(lint_catalogue, messages):
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


def test_m015_baseline_disagrees_with_history(lint_catalogue, messages):
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
        "(tolerance 5%)"]
    assert lint_catalogue(goals, "M015", options={"M015": {"tolerance_percent": 15}}) == []


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


def test_a006_pace_beyond_history(lint_catalogue, messages):
    assert lint_catalogue(YEAR_GOALS, "A006") == [("A006", 7, 42)]
    assert messages(YEAR_GOALS, "A006") == [
        "target 400 needs +7.51 per month for 12 months; over spans as long in the history of 'inbound-leads' "
        "the best was +2.92 per month and the typical +2.42 (limit 1.5x the best)"]
    assert lint_catalogue(YEAR_GOALS, "A006", options={"A006": {"max_pace_factor": 3}}) == []


def test_a006_is_silent_with_too_little_history(lint_catalogue):
    assert lint_catalogue(YEAR_GOALS, "A006", metrics=LEADS_ONLY_2026) == []


def test_a006_a_decrease_the_history_never_made(lint_catalogue, messages):
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


def test_r007_target_below_last_season(lint_catalogue, messages):
    assert lint_catalogue(Q4_GOALS, "R007") == [("R007", 7, 42)]
    assert messages(Q4_GOALS, "R007") == [
        "target 400 for 2026-12-31 is an increase to less than the 415 measured a year earlier (2025-12-31, "
        "metric 'inbound-leads')"]


def test_r007_is_silent_with_too_little_history(lint_catalogue):
    assert lint_catalogue(Q4_GOALS, "R007", metrics=LEADS_ONLY_2026) == []


def test_r007_a_decrease_above_last_season(lint_catalogue):
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


def test_t007_timeframe_below_cadence(lint_catalogue, messages):
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
