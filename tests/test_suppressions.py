"""Inline suppressions: a line, a goal, a file; lapsing with until; reasons kept."""

from __future__ import annotations

import datetime as dt

TEXT = """\
version: 1
goals:
  - id: a  # goallint: disable=S004 -- team is set by the platform
    title: t
    owner: TBD  # goallint: disable=S002
  - id: b
    title: t
    owner: TBD
  - id: c  # goallint: disable=S until=2026-09-30
    title: t
"""


def test_line_goal_and_lapsed_suppressions(lint_result):
    result = lint_result(TEXT, select="S002,S004")
    assert [(d.code, d.line, d.goal) for d in result.diagnostics] == [
        ("S004", 6, "b"), ("S002", 8, "b"), ("S004", 9, "c"),
    ]
    assert [(d.code, d.line, d.suppression.line, d.suppression.reason) for d in result.suppressed] == [
        ("S004", 3, 3, "team is set by the platform"), ("S002", 5, 5, None),
    ]


def test_until_is_inclusive(lint_result):
    result = lint_result(TEXT, select="S004", today=dt.date(2026, 9, 30))
    assert [(d.code, d.goal) for d in result.diagnostics] == [("S004", "b")]
    assert [(d.goal, d.suppression.until) for d in result.suppressed] == [("a", None), ("c", "2026-09-30")]


def test_disable_file_anywhere(lint):
    text = """\
version: 1
goals:
  - {id: a, title: t}
  - {id: b, title: t}
# goallint: disable-file=T006,S
"""
    assert lint(text, select="S001,T006,M001") == [("M001", 3, 6), ("M001", 4, 6)]


def test_directive_on_a_line_inside_the_goal_covers_only_that_line(lint):
    text = """\
version: 1
goals:
  - id: a
    title: t  # goallint: disable=S001
"""
    assert lint(text, select="S001") == [("S001", 3, 5)]


def test_error_rules_are_not_suppressed(lint):
    text = """\
version: 1  # goallint: disable-file=E
goals:
  - {id: a, title: t, bogus: 1}
"""
    assert lint(text, select="S001") == [("S001", 3, 6), ("E002", 3, 23)]


def test_directive_needs_a_comment_marker_after_whitespace(lint):
    text = """\
version: 1
goals:
  - {id: a, title: "Rank #1 goallint: disable=S001"}
"""
    assert lint(text, select="S001") == [("S001", 3, 6)]
