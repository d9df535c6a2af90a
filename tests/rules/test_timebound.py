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


# Help lines: the date meant, worked out from the file's period, the month, the horizon.

def _found(lint_result, text, code, **kwargs):
    return [(d.line, d.message, d.help) for d in lint_result(text, select=code, **kwargs).diagnostics]


def test_t001_t006_help_uses_the_files_period(lint_result):
    text = """\
version: 1
period: 2026-H2
goals:
  - id: leads
    title: Reach 400 inbound leads per month
"""
    assert _found(lint_result, text, "T001,T006") == [
        (4, "goal has no deadline: nothing brings it into focus, and its pace cannot be judged",
         "add `deadline: 2026-12-31` (the last day of the period 2026-H2)"),
        (4, "goal has no start date: elapsed time and pace cannot be computed",
         "add `start: 2026-07-01` (the first day of the period 2026-H2)"),
    ]
    without = text.replace("period: 2026-H2\n", "")
    assert [found[2] for found in _found(lint_result, without, "T001,T006")] == [
        "add `deadline:` with a date or a period token, e.g. `deadline: 2026-Q4`",
        "add `start:` with a date or a period token, e.g. `start: 2026-Q1`",
    ]


def test_t002_help_names_the_date_meant(lint_result):
    text = """\
version: 1
period: 2026-Q5
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    start: 31.01.2026
    deadline: 2026-02-30
    checkins:
      - {date: soon, value: 260}
"""
    assert [(line, text_help) for line, _message, text_help in _found(lint_result, text, "T002")] == [
        (2, "write a full period token: `2026`, `2026-H1`, `2026-Q3`, `2026-05` or `2026-01-01..2026-03-31`"),
        (6, "write `start: 2026-01-31`"),
        (7, "write a day that exists: `deadline: 2026-02-28` is the month's last"),
        (9, "write `date:` as an ISO date (`2026-06-30`) or a full period token (`2026-Q3`)"),
    ]


def test_t003_help_names_both_dates(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    start: 2026-09-01
    deadline: 2026-06-30
"""
    assert _found(lint_result, text, "T003") == [
        (5, "start 2026-09-01 is after the deadline 2026-06-30: no plan fits in the time frame",
         "correct `start: 2026-09-01` or `deadline: 2026-06-30`, whichever has the typo")]


def test_t004_help_says_done_when_the_target_was_reached(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    deadline: 2026-06-30
    metric: {baseline: 250, target: 400}
    checkins:
      - {date: 2026-06-30, value: 405}
  - id: churn
    title: Reduce monthly churn to 4%
    deadline: 2026-09-30
    metric: {unit: "%", baseline: 6, target: 4}
    checkins:
      - {date: 2026-09-30, value: 4.6}
"""
    assert _found(lint_result, text, "T004") == [
        (5, "deadline 2026-06-30 passed 107 days ago, but the goal is still active: the report counts it as open",
         "set `status: done`: the check-in of 2026-06-30 reached the target"),
        (11, "deadline 2026-09-30 passed 15 days ago, but the goal is still active: the report counts it as open",
         "set `status: done` or `status: dropped` after a final check-in, or agree a new `deadline:`"),
    ]


def test_t005_help_offers_a_deadline_at_a_quarters_end(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    start: 2026-04-01
    deadline: 2028-12-31
  - id: partners
    title: Sign 40 partners
    deadline: 2029-06-30
"""
    assert _found(lint_result, text, "T005") == [
        (6, "deadline is 1005 days after start (limit 366): it gives no reason to act this quarter",
         "set `deadline: 2027-03-31` or earlier, and make the longer ambition the parent objective"),
        (9, "deadline is 989 days after today (limit 366): it gives no reason to act this quarter",
         "set `deadline: 2027-09-30` or earlier, and make the longer ambition the parent objective"),
    ]


def test_t004_fix_marks_a_reached_goal_done(lint_result):
    from goallint.fixes import apply_edits

    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    status: active
    deadline: 2026-06-30
    metric: {baseline: 250, target: 400}
    checkins:
      - {date: 2026-06-30, value: 405}
"""
    [found] = lint_result(text, select="T004").diagnostics
    assert found.fix is not None and found.fix.applicability.value == "unsafe"
    fixed = apply_edits(text, found.fix.edits)
    assert "    status: done\n" in fixed
    assert lint_result(fixed, select="T004").diagnostics == []
