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
    assert diagnostic.message == "target '400' is not a number (remove the quotes)"


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
    assert [d.message for d in result.diagnostics] == [
        "check-in value 'on track' is not a number", "check-in value '318' is not a number (remove the quotes)",
        "check-in has no value: write the measured number"]
