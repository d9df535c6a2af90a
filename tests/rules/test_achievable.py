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
    assert result.diagnostics[0].message == ("owner 'kari@example.com' holds 8 active goals (limit 5): "
                                             "too many to chase them all")


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


# Help lines: the believable target, the pace still needed, worked out from the goal.

def _found(lint_result, text, code, **kwargs):
    return [(d.line, d.message, d.help) for d in lint_result(text, select=code, **kwargs).diagnostics]


def test_a001_help_names_the_believable_target_each_way(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 2000 inbound leads per month
    metric: {name: inbound leads per month, unit: leads/month, baseline: 250, target: 2000}
  - id: injuries
    title: Reduce lost-time injuries
    metric: {name: lost-time injuries per quarter, unit: injuries, baseline: 12, target: 0.2}
  - id: retention
    title: Raise customer retention
    metric: {name: customer retention, unit: "%", baseline: 94, target: 99.9}
  - id: signups
    title: Win newsletter signups
    metric: {name: newsletter signups, unit: signups, baseline: 0, target: 200000}
"""
    assert _found(lint_result, text, "A001") == [
        (5, "target 2000 is 8.0x the baseline 250 (limit 3x): out of reach from the start",
         "set `target: 750` or below for this period, or split the way from 250 to 2000 into yearly steps"),
        (8, "target 0.2 cuts 98% of the baseline 12 (limit 90%): out of reach from the start",
         "set `target: 1.2` or above for this period, or split the cut from 12 to 0.2 into yearly steps"),
        (11, "target 99.9 closes 98% of the headroom from 94 to 100 (limit 95%): out of reach from the start",
         "set `target: 99.7` or below for this period, or split the way from 94 to 99.9 into yearly steps"),
        (14, "target 200000 from a baseline of 0 is above 100000: out of reach from the start",
         "set `target: 100000` or below for this period, or split the way from 0 to 200000 into yearly steps"),
    ]


def test_a002_help_names_the_smallest_change_that_counts(lint_result):
    text = """\
version: 1
goals:
  - id: organic
    title: Grow organic traffic
    metric: {name: organic visits per month, unit: visits/month, baseline: 12000, target: 12100}
  - id: cost
    title: Reduce the cost per lead
    metric: {name: cost per lead, unit: NOK, baseline: 500, target: 495}
  - id: retention
    title: Raise customer retention
    metric: {name: customer retention, unit: "%", baseline: 96, target: 96.1}
"""
    assert _found(lint_result, text, "A002") == [
        (5, "target 12100 is only 0.8% above baseline 12000 (minimum 2%): it is reached by doing nothing",
         "move `target: 12100` to 12240 or above, or write `direction: maintain` if holding 12000 is the point"),
        (8, "target 495 is only 1.0% below baseline 500 (minimum 2%): it is reached by doing nothing",
         "move `target: 495` to 490 or below, or write `direction: maintain` if holding 500 is the point"),
        (11, "target 96.1 moves only 2.5% of the room between 96 and 100, the nearer end of the scale "
             "(minimum 5%): it is reached by doing nothing",
         "move `target: 96.1` to 96.2 or above, or write `direction: maintain` if holding 96 is the point"),
    ]


def test_a003_help_says_the_pace_now_needed_or_the_level_to_regain(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {name: inbound leads per month, baseline: 250, target: 400}
    checkins:
      - {date: 2026-03-31, value: 255}
      - {date: 2026-09-30, value: 270}
  - id: uptime
    title: Keep uptime at 99.9%
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {name: uptime, unit: "%", baseline: 99.9, target: 99.9, direction: maintain, tolerance: 0.05}
    checkins:
      - {date: 2026-09-30, value: 99.5}
  - id: nps
    title: Keep NPS at least 40
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {name: NPS, baseline: 42, target: 40, direction: at_least}
    checkins:
      - {date: 2026-09-30, value: 30}
"""
    found = _found(lint_result, text, "A003")
    assert [(line, text_help) for line, _message, text_help in found] == [
        (10, "reaching 400 by 2026-12-31 now takes 43 a month: change what the team does, "
             "or change `target: 400` and say why in `why`"),
        (17, "bring the number back to within 0.05 of 99.9 and record it in a check-in, "
             "or change `target: 99.9` and say why"),
        (24, "bring the number back to 40 or above and record it in a check-in, or change `target: 40` and say why"),
    ]


def test_a004_help_offers_a_draft_or_another_owner(lint_result):
    goals = "".join(f"  - {{id: g{n}, title: Goal {n}, owner: kari@example.com}}\n" for n in range(7))
    found = _found(lint_result, "version: 1\ngoals:\n" + goals, "A004")
    assert found == [
        (line, "owner 'kari@example.com' holds 7 active goals (limit 5): too many to chase them all",
         "hand this goal to another owner than kari@example.com, or set `status: draft` on 2 of their 7 goals "
         "until others are done") for line in (8, 9)]


def test_a005_help_names_the_target_and_the_confidence(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    confidence: 0.15
    metric: {baseline: 250, target: 400}
  - id: demos
    title: Book 60 demos a month
    confidence: 0.95
    metric: {baseline: 55, target: 60}
"""
    assert _found(lint_result, text, "A005") == [
        (5, "confidence 0.15 is below 0.3: the owner does not believe in the target",
         "agree with the owner on a target they believe in instead of `target: 400`, "
         "then replace `confidence: 0.15` with their new belief"),
        (9, "confidence 0.95 is above 0.9: the target is no stretch",
         "raise `target: 60` until it stretches the team, then replace `confidence: 0.95` with the owner's new belief"),
    ]
