"""M rules: each fires on input built for it, and stays quiet on a good goal."""

from __future__ import annotations


def test_m001_metric_missing(lint):
    text = """\
version: 1
goals:
  - id: a
    title: t
  - id: b
    title: t
    metric: {target: 1}
"""
    assert lint(text, select="M001") == [("M001", 3, 5)]


def test_m002_target_missing_or_not_numeric(lint):
    text = """\
version: 1
goals:
  - id: a
    title: t
    metric:
      name: leads
  - id: b
    title: t
    metric: {target: lots}
  - id: c
    title: t
    metric: {target: "400"}
  - id: d
    title: t
    metric: {target: true}
  - id: e
    title: t
    metric: {target: 400}
  - id: f
    title: t
    metric: {target: .nan}
"""
    result = lint(text, select="M002")
    assert result == [("M002", 6, 7), ("M002", 9, 22), ("M002", 12, 22), ("M002", 15, 22), ("M002", 21, 22)]


def test_m002_message_hints_at_quotes(lint_result):
    text = """\
version: 1
goals:
  - id: c
    title: t
    metric: {target: "400"}
"""
    [diagnostic] = lint_result(text, select="M002").diagnostics
    assert diagnostic.message == "target '400' is not a number: progress cannot be measured against it"
    assert diagnostic.help == "remove the quotes: `target: 400`"


def test_m003_m004_m006_reported_at_metric(lint):
    text = """\
version: 1
goals:
  - id: a
    title: t
    metric:
      target: 400
  - id: b
    title: t
    metric: {target: 400, baseline: 200, unit: leads, source: CRM}
"""
    assert lint(text, select="M003,M004,M006") == [("M003", 6, 7), ("M004", 6, 7), ("M006", 6, 7)]


def test_m005_direction_mismatch(lint):
    text = """\
version: 1
goals:
  - id: a
    title: t
    metric:
      baseline: 4.1
      target: 3.0
      direction: increase
  - id: b
    title: t
    metric: {baseline: 10, target: 20, direction: decrease}
  - id: c
    title: t
    metric: {baseline: 10, target: 20, direction: increase}
  - id: d
    title: t
    metric: {baseline: 10, target: 5}
"""
    assert lint(text, select="M005") == [("M005", 8, 18), ("M005", 11, 51)]


def test_m007_long_goal_needs_milestones(lint):
    text = """\
version: 1
goals:
  - id: long
    title: t
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 1, target: 2}
  - id: short
    title: t
    start: 2026-01-01
    deadline: 2026-03-31
  - id: with-milestones
    title: t
    start: 2026-01-01
    deadline: 2026-12-31
    milestones:
      - {date: 2026-06-30, target: 1.5}
  - id: maintain
    title: t
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 1, target: 1, direction: maintain}
  - id: draft
    title: t
    status: draft
    start: 2026-01-01
    deadline: 2026-12-31
"""
    assert lint(text, select="M007") == [("M007", 3, 5)]
    assert lint(text, select="M007", options={"milestone_after_days": 400}) == []


def test_m008_milestone_inconsistent(lint):
    text = """\
version: 1
goals:
  - id: a
    title: t
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 250, target: 400}
    milestones:
      - {date: 2026-06-30, target: 320}
      - {date: 2026-03-31, target: 330}
      - {date: 2027-03-31, target: 300}
      - {date: 2026-12-30, target: 500}
  - id: good
    title: t
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 250, target: 400}
    milestones:
      - {date: 2026-03-31, target: 290}
      - {date: 2026-06-30, target: 330}
"""
    assert lint(text, select="M008") == [
        ("M008", 10, 16),  # date goes backwards
        ("M008", 11, 16),  # after the deadline
        ("M008", 11, 36),  # target moves away from 400 (330 -> 300)
        ("M008", 12, 16),  # not after the previous milestone (2027-03-31)
        ("M008", 12, 36),  # target beyond 400
    ]


def test_m008_decreasing_goal(lint):
    text = """\
version: 1
goals:
  - id: churn
    title: t
    metric: {baseline: 5.0, target: 3.0}
    milestones:
      - {date: 2026-03-31, target: 4.5}
      - {date: 2026-06-30, target: 4.8}
"""
    assert lint(text, select="M008") == [("M008", 8, 36)]


def test_m009_checkin_stale(lint):
    text = """\
version: 1
goals:
  - id: stale
    title: t
    start: 2026-01-01
    checkins:
      - {date: 2026-08-01, value: 1}
      - {date: 2026-09-01, value: 2}
  - id: never
    title: t
    start: 2026-08-01
  - id: fresh
    title: t
    start: 2026-01-01
    checkins:
      - {date: 2026-10-01, value: 3}
  - id: not-started
    title: t
    start: 2026-11-01
  - id: done
    title: t
    status: done
    start: 2026-01-01
"""
    assert lint(text, select="M009") == [("M009", 8, 16), ("M009", 11, 12)]
    assert lint(text, select="M009", options={"stale_after_days": 90}) == []


def test_m010_checkin_in_future(lint):
    text = """\
version: 1
goals:
  - id: g
    title: t
    checkins:
      - {date: 2026-09-30, value: 3}
      - {date: 2027-03-31, value: 4}
      - {date: 2026-Q4, value: 5}
"""
    assert lint(text, select="M010") == [("M010", 7, 16), ("M010", 8, 16)]


def test_m011_baseline_outdated(lint):
    text = """\
version: 1
goals:
  - id: old
    title: t
    start: 2026-01-01
    metric: {baseline: 3, baseline_date: 2023-12-31, target: 4}
  - id: last-years-quarter
    title: t
    start: 2026-10-01
    metric: {baseline: 3, baseline_date: 2025-12-31, target: 4}
"""
    assert lint(text, select="M011") == [("M011", 6, 42)]
    assert lint(text, select="M011", options={"max_baseline_age_days": 90}) == [("M011", 6, 42), ("M011", 10, 42)]


def test_m012_metric_name_missing(lint):
    text = """\
version: 1
goals:
  - id: nameless
    title: t
    metric: {unit: leads, baseline: 3, target: 4}
  - id: named
    title: t
    metric: {name: leads, baseline: 3, target: 4}
"""
    assert lint(text, select="M012") == [("M012", 5, 13)]


def test_m013_checkin_not_numeric(lint_result):
    text = """\
version: 1
goals:
  - id: g
    title: t
    checkins:
      - {date: 2026-03-31, value: on track}
      - {date: 2026-06-30, value: "318"}
      - {date: 2026-07-31, value: }
      - {date: 2026-08-31, value: 320}
"""
    result = lint_result(text, select="M013,E")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [
        ("M013", 6, 35), ("M013", 7, 35), ("M013", 8, 35)]
    assert [(d.message, d.help) for d in result.diagnostics] == [
        ("check-in value 'on track' is not a number: no progress or pace can be computed from it",
         "replace `value: on track` with the number measured on 2026-03-31, and put 'on track' in `note:`"),
        ("check-in value '318' is not a number: no progress or pace can be computed from it",
         "remove the quotes: `value: 318`"),
        ("check-in has no value: it counts neither as progress nor as a measurement",
         "write the number measured on 2026-07-31 as `value:`"),
    ]
    [unquote] = [d.fix for d in result.diagnostics if d.fix is not None]
    from goallint.fixes import apply_edits

    fixed = apply_edits(text, unquote.edits)
    assert "{date: 2026-06-30, value: 318}" in fixed
    assert [d.line for d in lint_result(fixed, select="M013").diagnostics] == [6, 8]


# Help lines: each is worked out from the goal, and says how to fix the finding.

def _helps(lint_result, text, code, **kwargs):
    return [(d.line, d.help) for d in lint_result(text, select=code, **kwargs).diagnostics]


def test_m001_help_names_the_metric_keys(lint_result):
    text = """\
version: 1
goals:
  - id: brand
    title: Be the best-known agency in Bergen
"""
    assert _helps(lint_result, text, "M001") == [
        (3, "add `metric:` with the `name`, `unit`, `baseline`, `target` and `source` of the number that shows it")]


def test_m002_help_splits_number_and_unit(lint_result):
    text = """\
version: 1
goals:
  - id: conversion
    title: Raise trial-to-paid conversion
    metric: {name: trial-to-paid conversion, baseline: 14, target: "20%"}
  - id: leads
    title: Reach more inbound leads
    metric: {name: inbound leads per month, unit: leads/month, baseline: 250, target: lots}
  - id: quoted
    title: Reach 400 inbound leads per month
    metric: {name: inbound leads per month, unit: leads/month, target: "400"}
  - id: revenue
    title: Grow revenue from new customers
    metric: {name: new customer revenue, unit: NOK, target: "NOK 2,500,000"}
  - id: visits
    title: Grow organic traffic
    metric: {name: organic visits, unit: visits/month, target: 50k}
  - id: launched
    title: Launch the partner portal
    metric: {name: partner portal live, target: true}
  - id: nps
    title: Lift NPS
    metric: {name: NPS, baseline: 31}
"""
    assert _helps(lint_result, text, "M002") == [
        (5, "write `target: 20` and `unit: '%'`"),
        (8, "replace `target: lots` with the number that means done (the baseline is 250 leads/month)"),
        (11, "remove the quotes: `target: 400`"),
        (14, "write `target: 2500000`"),
        (17, "write `target: 50000`"),
        (20, "replace `target: true` with the number that means done: a yes/no shows no progress on the way"),
        (23, "add `target:` with the number that means done (the baseline is 31)"),
    ]


def test_m002_message_says_why(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach more inbound leads
    metric: {name: inbound leads per month, target: lots}
"""
    [found] = lint_result(text, select="M002").diagnostics
    assert found.message == "target 'lots' is not a number: progress cannot be measured against it"


def test_m003_help_dates_the_baseline_the_day_before_the_start(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    start: 2026-04-01
    metric: {name: inbound leads per month, target: 400}
  - id: later
    title: Reach 40 partner deals
    start: 2027-01-01
    metric: {target: 40}
"""
    assert _helps(lint_result, text, "M003") == [
        (6, "add `baseline:` with the value of 'inbound leads per month' when the goal starts, "
            "and `baseline_date: 2026-03-31`"),
        (10, "add `baseline:` with the value of the number when the goal starts, and `baseline_date: 2026-10-15`"),
    ]


def test_m004_help_reads_the_unit_from_the_name(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    metric: {name: inbound leads per month, baseline: 250, target: 400}
  - id: conversion
    title: Raise trial-to-paid conversion
    metric: {name: trial-to-paid conversion rate, baseline: 14, target: 20}
  - id: nps
    title: Lift NPS
    metric: {name: NPS, baseline: 31, target: 45}
"""
    assert _helps(lint_result, text, "M004") == [
        (5, "add `unit: leads/month`, read from the metric's name"),
        (8, "add `unit: '%'`, read from the metric's name"),
        (11, "add `unit:` saying what 45 counts, e.g. `unit: leads/month`"),
    ]


def test_m005_help_and_fix_follow_the_numbers(lint_result, tmp_path):
    from goallint.fixes import apply_edits

    text = """\
version: 1
goals:
  - id: resolution
    title: Cut the median resolution time
    metric: {name: median resolution time, unit: hours, baseline: 4.1, target: 3, direction: increase}
  - id: retention
    title: Keep retention up
    metric: {name: retention, unit: "%", baseline: 62, target: 75, direction: decrease}
  - id: uptime
    title: Hold uptime
    metric: {name: uptime, unit: "%", baseline: 99.9, target: 99.9, direction: increase}
"""
    found = lint_result(text, select="M005").diagnostics
    assert [(d.line, d.message, d.help) for d in found] == [
        (5, "direction is increase but target 3 is not above baseline 4.1: progress would be computed backwards",
         "write `direction: decrease`, or correct `baseline: 4.1` or `target: 3`"),
        (8, "direction is decrease but target 75 is not below baseline 62: progress would be computed backwards",
         "write `direction: increase`, or correct `baseline: 62` or `target: 75`"),
        (11, "direction is increase but target 99.9 is not above baseline 99.9: progress would be computed backwards",
         "write `direction: maintain`, or correct `baseline: 99.9` or `target: 99.9`"),
    ]
    assert all(d.fix is not None and d.fix.applicability.value == "unsafe" for d in found)
    fixed = apply_edits(text, [edit for d in found if d.fix for edit in d.fix.edits])
    assert "direction: decrease}" in fixed and "direction: increase}" in fixed and "direction: maintain}" in fixed
    assert lint_result(fixed, select="M005").diagnostics == []


def test_m006_help_names_the_metric(lint_result):
    text = """\
version: 1
goals:
  - id: organic
    title: Grow organic traffic to 18000 visits a month
    metric: {name: organic visits per month, unit: visits/month, baseline: 12000, target: 18000}
"""
    assert _helps(lint_result, text, "M006") == [
        (5, "add `source:` naming the dashboard, report or query 'organic visits per month' is read from")]


def test_m007_help_works_out_quarterly_milestones(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {name: inbound leads per month, baseline: 250, target: 400}
  - id: churn
    title: Reduce monthly churn
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {name: monthly churn, unit: "%", baseline: 6, target: 4.5}
  - id: partners
    title: Sign 40 partners
    start: 2026-01-01
    deadline: 2027-12-31
    metric: {name: signed partners, baseline: 0, target: 40}
"""
    found = lint_result(text, select="M007").diagnostics
    assert [(d.line, d.help) for d in found] == [
        (3, "add milestones at the quarters' ends: 2026-03-31 → 287, 2026-06-30 → 324, 2026-09-30 → 362"),
        (8, "add milestones at the quarters' ends: 2026-03-31 → 5.6, 2026-06-30 → 5.3, 2026-09-30 → 4.9"),
        (13, "add milestones at the quarters' ends: 2026-03-31 → 5, 2026-06-30 → 10, 2026-09-30 → 15, "
             "2026-12-31 → 20, …"),
    ]
    assert found[0].message == ("goal spans 365 days without milestones (limit 92): "
                                "a lag would show only at the deadline")


def test_m008_help_names_the_day_or_value_to_use(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 250, target: 400}
    milestones:
      - {date: 2025-12-31, target: 260}
      - {date: 2026-06-30, target: 420}
      - {date: 2026-03-30, target: 300}
      - {date: 2026-09-30, target: 290}
      - {date: 2027-03-31, target: 390}
"""
    assert _helps(lint_result, text, "M008") == [
        (9, "move `date: 2025-12-31` to 2026-01-01 or later, or correct `start`"),
        (10, "set `target: 420` to a value between 250 and 400"),
        (11, "correct `date: 2026-03-30` to a day after 2026-06-30, or put the milestones in date order"),
        (12, "set `target: 290` to a value between 300 and 400"),
        (13, "move `date: 2027-03-31` to 2026-12-31 or earlier, or correct `deadline`"),
    ]


def test_m009_help_dates_the_checkin_today(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    start: 2026-01-01
    metric: {name: inbound leads per month, baseline: 250, target: 400}
    checkins:
      - {date: 2026-08-01, value: 301}
  - id: nps
    title: Lift NPS to 45
    start: 2026-01-01
    metric: {name: NPS, baseline: 31, target: 45, cadence: monthly}
"""
    found = lint_result(text, select="M009").diagnostics
    assert [(d.line, d.message, d.help) for d in found] == [
        (8, "last check-in was 75 days ago (2026-08-01); limit 30 days: a lag goes unnoticed",
         "add a check-in `{date: 2026-10-15, value: …}` with today's value of 'inbound leads per month', "
         "or set `metric.cadence` to how often it can be measured"),
        (11, "no check-in since the start 287 days ago (2026-01-01); cadence monthly, 31 days: a lag goes unnoticed",
         "add a check-in `{date: 2026-10-15, value: …}` with today's value of 'NPS', "
         "or set `metric.cadence` to how often it can be measured"),
    ]


def test_m010_help_and_fix_correct_a_year_typo(lint_result):
    from goallint.fixes import apply_edits

    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    start: 2026-01-01
    checkins:
      - {date: 2026-08-31, value: 301}
      - {date: 2027-09-30, value: 318}
      - {date: 2026-12-31, value: 340}
"""
    found = lint_result(text, select="M010").diagnostics
    assert [(d.line, d.message, d.help) for d in found] == [
        (8, "check-in dated 2027-09-30 is after today (2026-10-15): it counts only when that day comes",
         "correct the year: `date: 2026-09-30`, or move a forecast to `milestones`"),
        (9, "check-in dated 2026-12-31 is after today (2026-10-15): it counts only when that day comes",
         "correct `date: 2026-12-31` to the day it was measured, or move a forecast to `milestones`"),
    ]
    assert found[1].fix is None
    fixed = apply_edits(text, found[0].fix.edits)
    assert "{date: 2026-09-30, value: 318}" in fixed
    assert [d.line for d in lint_result(fixed, select="M010").diagnostics] == [9]


def test_m011_help_dates_the_new_baseline(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    start: 2026-04-01
    metric: {name: inbound leads per month, baseline: 250, baseline_date: 2024-06-30, target: 400}
"""
    found = lint_result(text, select="M011").diagnostics
    assert [(d.message, d.help) for d in found] == [
        ("baseline measured 640 days before the start 2026-04-01 (limit 366 days): "
         "the target may already be reached, or out of reach",
         "measure 'inbound leads per month' again and update `baseline` and `baseline_date: 2026-03-31`")]


def test_m012_help_reads_the_name_from_the_unit(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    metric: {unit: leads/month, baseline: 250, target: 400}
  - id: bare
    title: Reach 400
    metric: {baseline: 250, target: 400}
"""
    assert _helps(lint_result, text, "M012") == [
        (5, "add `name:` saying what is counted, e.g. `name: leads per month`"),
        (8, "add `name:` saying what is counted"),
    ]


def test_m002_fix_writes_a_percent_as_number_and_unit(lint_result):
    from goallint.fixes import apply_edits

    text = """\
version: 1
goals:
  - id: conversion
    title: Raise trial-to-paid conversion
    metric: {name: trial-to-paid conversion, baseline: 14, target: "20%"}
  - id: retention
    title: Raise customer retention
    metric:
      name: customer retention
      baseline: 94
      target: "96.5%"
  - id: margin
    title: Raise the gross margin
    metric: {name: gross margin, unit: points, target: "40%"}
"""
    found = lint_result(text, select="M002").diagnostics
    assert [(d.line, d.help) for d in found] == [
        (5, "write `target: 20` and `unit: '%'`"), (11, "write `target: 96.5` and `unit: '%'`"),
        (14, "write `target: 40`")]
    assert found[2].fix is None  # a unit is written already: which one is meant is the person's call
    fixed = apply_edits(text, [edit for d in found[:2] for edit in d.fix.edits])
    assert "    metric: {unit: '%', name: trial-to-paid conversion, baseline: 14, target: 20}\n" in fixed
    assert "    metric:\n      unit: '%'\n      name: customer retention\n      baseline: 94\n      target: 96.5\n" \
        in fixed
    result = lint_result(fixed, select="M002,M004")
    assert [(d.code, d.line) for d in result.diagnostics] == [("M002", 15)]  # one line added above
    assert [item.unit for item in result.items] == ["%", "%", "points"]


def test_m004_m007_m012_help_on_goals_with_less_to_go_on(lint_result):
    text = """\
version: 1
goals:
  - id: signups
    title: Newsletter sign-ups for the autumn campaign
    start: 2026-07-01
    deadline: 2026-12-31
    metric: {name: newsletter sign-ups per month, target: 900}
  - id: csat
    title: Raise customer satisfaction
    metric: {unit: points (1-5), baseline: 4.1, target: 4.4}
"""
    assert _helps(lint_result, text, "M004,M007,M012") == [
        (3, "add milestones with a target at the quarters' ends: 2026-09-30"),
        (7, "add `unit: sign-ups/month`, read from the metric's name"),
        (10, "add `name:` saying what is counted"),
    ]


def test_m007_a_goal_to_grow_without_a_baseline_still_needs_milestones(lint):
    text = """\
version: 1
goals:
  - id: signups
    title: Grow newsletter sign-ups
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {name: newsletter sign-ups per month, target: 900}
  - id: uptime
    title: Keep uptime at least 99.9%
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {name: uptime, unit: "%", baseline: 99.95, target: 99.9}
"""
    assert lint(text, select="M007") == [("M007", 3, 5)]


def test_m004_offers_the_unit_read_from_the_name_as_an_edit(lint_result):
    from goallint.fixes import apply_edits

    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    metric:
      name: inbound leads per month
      baseline: 250
      target: 400
  - id: conversion
    title: Raise trial-to-paid conversion
    metric: {name: trial-to-paid conversion rate, baseline: 14, target: 20}
  - id: nps
    title: Lift NPS
    metric: {name: NPS, baseline: 31, target: 45}
"""
    found = lint_result(text, select="M004").diagnostics
    assert [d.fix.applicability.value if d.fix else None for d in found] == ["unsafe", "unsafe", None]
    fixed = apply_edits(text, [edit for d in found if d.fix for edit in d.fix.edits])
    assert "    metric:\n      unit: leads/month\n      name: inbound leads per month\n" in fixed
    assert "    metric: {unit: '%', name: trial-to-paid conversion rate, baseline: 14, target: 20}\n" in fixed
    assert [d.goal for d in lint_result(fixed, select="M004").diagnostics] == ["nps"]
