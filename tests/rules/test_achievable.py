"""A rules: each fires on input built for it, and stays quiet on a good goal."""

from __future__ import annotations


def test_a001_target_unrealistic(lint):
    text = """\
version: 1
goals:
  - id: up
    title: t
    metric: {baseline: 250, target: 2000}
  - id: down
    title: t
    metric: {baseline: 100, target: 5}
  - id: fine
    title: t
    metric: {baseline: 250, target: 700}
  - id: zero
    title: t
    metric: {baseline: 0, target: 50}
"""
    assert lint(text, select="A001") == [("A001", 5, 37), ("A001", 8, 37)]
    assert lint(text, select="A001", options={"max_change_factor": 10, "max_cut_percent": 99}) == []


def test_a002_target_unambitious(lint):
    text = """\
version: 1
goals:
  - id: tiny
    title: t
    metric: {baseline: 12000, target: 12100}
  - id: maintain
    title: t
    metric: {baseline: 95, target: 95, direction: maintain}
  - id: fine
    title: t
    metric: {baseline: 12000, target: 18000}
"""
    assert lint(text, select="A002") == [("A002", 5, 39)]


def test_a003_pace_off_track(lint_result):
    text = """\
version: 1
goals:
  - id: slow
    title: t
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 250, target: 400}
    checkins:
      - {date: 2026-03-31, value: 255}
      - {date: 2026-06-30, value: 262}
  - id: on-track
    title: t
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 250, target: 400}
    checkins:
      - {date: 2026-03-31, value: 290}
      - {date: 2026-06-30, value: 327}
  - id: one-checkin
    title: t
    deadline: 2026-12-31
    metric: {baseline: 250, target: 400}
    checkins:
      - {date: 2026-03-31, value: 251}
  - id: decreasing
    title: t
    deadline: 2026-12-31
    metric: {baseline: 5.0, target: 3.0}
    checkins:
      - {date: 2026-03-31, value: 5.0}
      - {date: 2026-06-30, value: 5.1}
"""
    result = lint_result(text, select="A003")
    assert [(d.code, d.line, d.column, d.goal) for d in result.diagnostics] == [
        ("A003", 10, 35, "slow"), ("A003", 31, 35, "decreasing"),
    ]
    assert "reaches 276.2 by 2026-12-31" in result.diagnostics[0].message


def test_a003_skips_done_goals(lint):
    text = """\
version: 1
goals:
  - id: slow
    title: t
    status: done
    deadline: 2026-12-31
    metric: {baseline: 250, target: 400}
    checkins:
      - {date: 2026-03-31, value: 255}
      - {date: 2026-06-30, value: 262}
"""
    assert lint(text, select="A003") == []


def test_a004_owner_overloaded_across_files(tmp_path):
    from conftest import TODAY

    from goallint.config import Settings
    from goallint.linter import check

    goals = "".join(f"  - id: g{i}\n    title: t\n    owner: Kari@example.com\n" for i in range(4))
    (tmp_path / "a.goals.yaml").write_text("version: 1\ngoals:\n" + goals)
    (tmp_path / "b.goals.yaml").write_text(
        "version: 1\ngoals:\n" + goals.replace("g", "h").replace("Kari", "kari")
        + "  - id: h9\n    title: t\n    owner: kari@example.com\n    status: done\n")
    settings = Settings(root=tmp_path, select=["A004"])
    result = check(sorted(tmp_path.glob("*.yaml")), settings, TODAY, cwd=tmp_path)
    assert [(d.path, d.code, d.line, d.column, d.goal) for d in result.diagnostics] == [
        ("b.goals.yaml", "A004", 8, 12, "h1"), ("b.goals.yaml", "A004", 11, 12, "h2"),
        ("b.goals.yaml", "A004", 14, 12, "h3"),
    ]
    assert result.diagnostics[0].message == "owner 'kari@example.com' holds 8 active goals (limit 5)"


def test_a005_confidence_out_of_band(lint):
    text = """\
version: 1
goals:
  - id: doubtful
    title: t
    confidence: 0.15
  - id: certain
    title: t
    confidence: 0.95
  - id: fine
    title: t
    confidence: 0.6
  - id: draft
    title: t
    status: draft
    confidence: 0.1
"""
    assert lint(text, select="A005") == [("A005", 5, 17), ("A005", 8, 17)]
    assert lint(text, select="A005", options={"min_confidence": 0.1, "max_confidence": 1}) == []


def test_a004_counts_only_goals_that_have_started(lint):
    goals = "".join(f"  - {{id: g{n}, title: t, owner: kari, start: {q}}}\n"
                    for n, q in enumerate(["2026-Q3"] * 2 + ["2026-Q4"] * 4 + ["2027-Q1"] * 2))
    text = "version: 1\ngoals:\n" + goals
    # six have started by 2026-10-15; the two for 2027 do not count and are not reported
    assert lint(text, select="A004") == [("A004", 8, 31)]
