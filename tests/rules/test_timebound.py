"""T rules: each fires on input built for it, and stays quiet on a good goal."""

from __future__ import annotations


def test_t001_deadline_missing_not_for_drafts(lint):
    text = """\
version: 1
goals:
  - id: a
    title: t
  - id: b
    title: t
    status: draft
  - id: c
    title: t
    deadline: 2026-12-31
"""
    assert lint(text, select="T001") == [("T001", 3, 5)]


def test_t002_date_invalid_everywhere(lint_result):
    text = """\
version: 1
period: 2026-Q5
goals:
  - id: a
    title: t
    start: soon
    deadline: 2026-02-30
    metric: {baseline_date: 2025-13-01}
    milestones:
      - {date: Q3, target: 1}
    checkins:
      - {date: 2026-04-31, value: 1}
  - id: b
    title: t
    status: draft
    deadline: 2026-06-31
  - id: good
    title: t
    start: 2026-Q1
    deadline: 2026-02-28
"""
    result = lint_result(text, select="T002")
    assert [(d.code, d.line, d.column, d.goal) for d in result.diagnostics] == [
        ("T002", 2, 9, None), ("T002", 6, 12, "a"), ("T002", 7, 15, "a"), ("T002", 8, 29, "a"),
        ("T002", 10, 16, "a"), ("T002", 12, 16, "a"), ("T002", 16, 15, "b"),
    ]
    assert result.diagnostics[2].message == "deadline: '2026-02-30' is not a real date (day is out of range for month)"
    assert result.diagnostics[1].message.startswith("start: 'soon' is not a date or period")


def test_t002_defaulted_date_reported_once(lint):
    text = """\
version: 1
defaults: {deadline: 2026-13-31}
goals:
  - {id: a, title: t}
  - {id: b, title: t}
"""
    assert lint(text, select="T002") == [("T002", 2, 22)]


def test_t003_start_after_deadline(lint):
    text = """\
version: 1
goals:
  - {id: a, title: t, start: 2026-09-01, deadline: 2026-06-30}
  - {id: b, title: t, start: 2026-06-30, deadline: 2026-06-30}
  - {id: c, title: t, start: 2026-Q3, deadline: 2026-Q2, status: draft}
"""
    assert lint(text, select="T003") == [("T003", 3, 30)]


def test_t004_deadline_passed_only_for_active(lint):
    text = """\
version: 1
goals:
  - {id: a, title: t, deadline: 2026-09-01}
  - {id: b, title: t, deadline: 2026-09-01, status: done}
  - {id: c, title: t, deadline: 2026-10-15}
  - {id: d, title: t, deadline: 2026-Q3, status: active}
"""
    assert lint(text, select="T004") == [("T004", 3, 33), ("T004", 6, 33)]


def test_t004_uses_today(lint):
    text = """\
version: 1
goals:
  - {id: a, title: t, deadline: 2026-09-01}
"""
    import datetime as dt

    assert lint(text, select="T004", today=dt.date(2026, 9, 1)) == []
    assert lint(text, select="T004", today=dt.date(2026, 9, 2)) == [("T004", 3, 33)]


def test_t005_horizon_too_long(lint):
    text = """\
version: 1
goals:
  - {id: a, title: t, start: 2026-01-01, deadline: 2028-12-31}
  - {id: b, title: t, deadline: 2028-01-01}
  - {id: c, title: t, start: 2026-01-01, deadline: 2026-12-31}
"""
    assert lint(text, select="T005") == [("T005", 3, 52), ("T005", 4, 33)]
    assert lint(text, select="T005", options={"max_horizon_days": 2000}) == []


def test_t006_start_missing(lint):
    text = """\
version: 1
goals:
  - {id: a, title: t}
  - {id: b, title: t, start: 2026-01-01}
"""
    assert lint(text, select="T006") == [("T006", 3, 6)]
