"""U rules: suppression hygiene."""

from __future__ import annotations


def test_u001_unused_directive(lint):
    text = """\
version: 1
goals:
  - id: a
    title: t
    owner: TBD  # goallint: disable=S002
  - id: b
    title: t
    owner: kari@example.com  # goallint: disable=S002
"""
    assert lint(text, select="S002,U001") == [("U001", 8, 30)]


def test_u001_counts_a_goal_wide_directive_used_on_any_line(lint):
    text = """\
version: 1
goals:
  - id: a  # goallint: disable=S002
    title: t
    owner: TBD
"""
    assert lint(text, select="S002,U001") == []
