"""Each false alarm and silence seen on realistic goals, as a test named after it.

The goals are written the way teams write them: complete, with owners, reasons, sources,
milestones and check-ins. Today is 2026-10-15 unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt

from goallint.diagnostics import Severity
from goallint.metrics import assess

HEADER = """\
version: 1
period: 2026
objectives:
  - id: company-2026
    title: A profitable, safe and trusted company in 2026
    owner: ceo@example.com
defaults:
  parent: company-2026
  start: 2026-01-01
  deadline: 2026-12-31
goals:
"""


def goal(goal_id: str, title: str, metric: str, extra: str = "", team: str = "operations") -> str:
    """A complete goal; ``metric`` and ``extra`` are YAML lines indented for a goal's keys."""
    return (f"  - id: {goal_id}\n    title: {title}\n    owner: {goal_id}@example.com\n    team: {team}\n"
            f"    why: The yearly plan depends on it.\n    resources: [one analyst, the team's own time]\n"
            f"    metric:\n{metric}{extra}")


def serious(result):
    """(code, goal) of every warning and error, in output order."""
    return [(d.code, d.goal) for d in result.diagnostics if d.severity >= Severity.WARNING]


def standings(result, today=dt.date(2026, 10, 15)):
    return {item.id: assess(item, today).status for item in result.items if item.kind == "goal"}


# -- False alarms ---------------------------------------------------------------------------

def test_a001_no_alarm_on_a_count_cut_to_zero_or_a_large_ordinary_cut(lint_result):
    text = HEADER + goal("zero-lti", "Cut lost-time injuries from 4 to 0 in 2026", """\
      name: lost-time injuries, rolling 12 months
      unit: injuries
      baseline: 4
      baseline_date: 2025-12-31
      target: 0
      source: HSE incident register
""", """\
    milestones:
      - {date: 2026-06-30, target: 2}
    checkins:
      - {date: 2026-03-31, value: 3}
      - {date: 2026-06-30, value: 2}
      - {date: 2026-09-30, value: 1}
""") + goal("first-response", "Cut first-response time on support tickets from 24 hours to 4 hours", """\
      name: median first-response time, business hours
      unit: hours
      baseline: 24
      baseline_date: 2025-12-31
      target: 4
      source: Helpdesk SLA report
""", """\
    milestones:
      - {date: 2026-06-30, target: 12}
    checkins:
      - {date: 2026-03-31, value: 18}
      - {date: 2026-06-30, value: 12}
      - {date: 2026-09-30, value: 8}
""", team="support")
    result = lint_result(text)
    assert serious(result) == []
    # a cut well past the limit still is one
    assert [(d.code, d.line, d.column) for d in lint_result(text.replace("target: 4\n", "target: 1\n"),
                                                            select="A001").diagnostics] == [("A001", 42, 15)]


CHURN_AND_RETENTION = HEADER + "".join(
    goal(goal_id, title, f"""\
      name: {name}
      unit: "%"
      baseline: {baseline}
      baseline_date: 2025-12-31
      target: {target}
      source: Subscription system, monthly cohort report
""", team="customer-success")
    for goal_id, title, name, baseline, target in [
        ("churn", "Reduce monthly churn from 6 % to 1.5 %", "monthly churn", 6, 1.5),
        ("retention", "Raise monthly retention from 94 % to 98.5 %", "monthly retention", 94, 98.5),
        ("retention-small", "Raise monthly retention from 96 % to 97 %", "monthly retention", 96, 97),
        ("churn-small", "Reduce monthly churn from 4 % to 3 %", "monthly churn", 4, 3),
        ("uptime", "Raise API uptime from 99.5 % to 99.9 %", "API uptime", 99.5, 99.9),
        ("self-service", "Grow the share of tickets solved by self-service from 10 % to 35 %",
         "share of tickets solved without an agent", 10, 35),
    ])


def test_a001_a002_same_verdict_however_the_goal_is_worded(lint_result):
    result = lint_result(CHURN_AND_RETENTION, select="A001,A002")
    assert [(d.code, d.goal) for d in result.diagnostics] == []
    # past the limit, churn and retention are both unrealistic, and for the same reason
    harder = CHURN_AND_RETENTION.replace("target: 1.5", "target: 0.2").replace("target: 98.5", "target: 99.8")
    found = lint_result(harder, select="A001").diagnostics
    assert [(d.code, d.goal) for d in found] == [("A001", "churn"), ("A001", "retention")]
    assert [d.message for d in found] == [
        "target 0.2 closes 97% of the headroom from 6 to 0 (limit 95%): out of reach from the start",
        "target 99.8 closes 97% of the headroom from 94 to 100 (limit 95%): out of reach from the start"]
    assert [d.help for d in found] == [
        "set `target: 0.3` or above for this period, or split the cut from 6 to 0.2 into yearly steps",
        "set `target: 99.7` or below for this period, or split the way from 94 to 99.8 into yearly steps"]
    # and a target small for the scale but large for the baseline is no unambitious one
    small = CHURN_AND_RETENTION.replace("target: 35", "target: 10.3")
    found = lint_result(small, select="A002").diagnostics
    assert [(d.code, d.goal, d.message) for d in found] == [
        ("A002", "self-service", "target 10.3 moves only 3.0% of the room between 10 and 0, the nearer end of the "
                                 "scale (minimum 5%): it is reached by doing nothing")]


def test_m007_same_limit_whichever_quarter(lint_result):
    text = HEADER + "".join(goal(f"q{n}-pipeline", f"Book 40 sales meetings in Q{n}", """\
      name: sales meetings booked in the quarter
      unit: meetings
      baseline: 30
      baseline_date: 2025-12-31
      target: 40
      source: CRM activity report
""", f"    start: 2026-Q{n}\n    deadline: 2026-Q{n}\n", team="sales") for n in (1, 2, 3, 4))
    assert [(d.code, d.goal) for d in lint_result(text, select="M007").diagnostics] == []
    half_year = text.replace("    deadline: 2026-Q3\n", "    deadline: 2026-Q4\n")
    assert [(d.code, d.goal) for d in lint_result(half_year, select="M007").diagnostics] == [("M007", "q3-pipeline")]


def test_a003_follows_milestones_and_a_reached_target_is_never_short(lint_result):
    text = HEADER + goal("revenue", "Invoice NOK 48 million in 2026, most of it in Q4", """\
      name: invoiced revenue, year to date
      unit: MNOK
      baseline: 0
      baseline_date: 2025-12-31
      target: 48
      source: Accounting system, invoiced revenue report
""", """\
    milestones:
      - {date: 2026-03-31, target: 8}
      - {date: 2026-06-30, target: 18}
      - {date: 2026-09-30, target: 28}
    checkins:
      - {date: 2026-03-31, value: 8.1}
      - {date: 2026-06-30, value: 17.8}
      - {date: 2026-09-30, value: 28.2}
""", team="sales") + goal("subscribers", "Grow newsletter subscribers from 8,000 to 10,000", """\
      name: newsletter subscribers
      unit: subscribers
      baseline: 8000
      baseline_date: 2025-12-31
      target: 10000
      source: Newsletter tool, active subscribers
""", """\
    milestones:
      - {date: 2026-06-30, target: 9000}
    checkins:
      - {date: 2026-06-30, value: 10400}
      - {date: 2026-08-31, value: 10200}
      - {date: 2026-09-30, value: 10050}
""", team="marketing")
    result = lint_result(text)
    assert serious(result) == []
    assert standings(result) == {"revenue": "on track", "subscribers": "on track"}
    # behind the team's own plan is reported, and the report says the same
    behind = text.replace("value: 28.2", "value: 15")
    result = lint_result(behind)
    assert [(d.code, d.line, d.column, d.goal) for d in result.diagnostics if d.code == "A003"] == [
        ("A003", 32, 35, "revenue")]
    assert standings(result)["revenue"] == "off track"


def test_a003_at_least_is_not_a_decrease_and_maintain_above_a_floor_is_on_track(lint_result):
    text = HEADER + goal("csat", "Keep customer satisfaction at least 4.5 all year", """\
      name: average CSAT after closed tickets
      unit: points (1-5)
      min: 1
      max: 5
      baseline: 4.6
      baseline_date: 2025-12-31
      target: 4.5
      source: Helpdesk survey report
""", """\
    checkins:
      - {date: 2026-03-31, value: 4.6}
      - {date: 2026-06-30, value: 4.7}
      - {date: 2026-09-30, value: 4.8}
""", team="support") + goal("enps", "Keep employee NPS at or above 30", """\
      name: eNPS from the quarterly pulse survey
      unit: eNPS
      baseline: 34
      baseline_date: 2025-12-31
      target: 30
      direction: maintain
      source: HR pulse survey
""", """\
    checkins:
      - {date: 2026-06-30, value: 41}
      - {date: 2026-09-30, value: 44}
""", team="hr")
    result = lint_result(text)
    assert serious(result) == []
    assert standings(result) == {"csat": "on track", "enps": "on track"}
    # well below the floor it is at risk, and the message says where the direction came from
    below = lint_result(text.replace("value: 4.8", "value: 3.9"), select="A003").diagnostics
    assert [(d.code, d.line, d.column) for d in below] == [("A003", 30, 35)]
    assert below[0].message == ("at risk: 3.9 is 0.6 below the floor 4.5 to stay at or above (at_least) "
                                "(direction at_least inferred from the title's 'at least')")


def test_m009_counts_the_baseline_date_and_follows_the_cadence(lint_result):
    text = HEADER + goal("engagement", "Raise the engagement score from 71 to 76 in the yearly survey", """\
      name: engagement index, quarterly pulse survey
      unit: points (0-100)
      min: 0
      max: 100
      baseline: 71
      baseline_date: 2025-12-15
      target: 76
      cadence: quarterly
      source: HR pulse survey
""", """\
    milestones:
      - {date: 2026-06-30, target: 73}
    checkins:
      - {date: 2026-03-31, value: 72}
      - {date: 2026-08-31, value: 74}
""", team="hr") + goal("hse-rounds", "Hold 40 safety rounds a month on the new site", """\
      name: safety rounds per month on the new site
      unit: rounds/month
      baseline: 28
      baseline_date: 2026-09-20
      target: 40
      source: HSE round log
""", "    start: 2026-09-01\n    deadline: 2026-11-30\n")
    result = lint_result(text)
    assert serious(result) == []
    # a monthly number unmeasured for 45 days is still stale
    monthly = text.replace("cadence: quarterly", "cadence: monthly")
    assert [(d.code, d.line, d.column) for d in lint_result(monthly, select="M009").diagnostics] == [
        ("M009", 32, 16)]


def test_a004_counts_only_goals_that_have_started(lint_result):
    text = HEADER + "".join(goal(f"{quarter.lower()}-{n}", f"Publish {n + 3} customer case studies in {quarter}", """\
      name: case studies published
      unit: case studies
      baseline: 2
      baseline_date: 2025-12-31
      target: 5
      source: Website, case study section
""", f"    owner: ingrid@example.com\n    start: 2026-{quarter}\n    deadline: 2026-{quarter}\n", team="marketing")
        for quarter in ("Q1", "Q2", "Q3", "Q4") for n in (1, 2))
    text = text.replace("    owner: ingrid@example.com\n", "").replace("owner: q", "owner: ingrid@example.com\n    # q")
    result = lint_result(text, select="A004", today=dt.date(2026, 2, 15))
    assert [(d.code, d.goal) for d in result.diagnostics] == []
    # by November all eight have started, and the ones beyond five are reported
    result = lint_result(text, select="A004", today=dt.date(2026, 11, 15))
    assert [(d.code, d.goal) for d in result.diagnostics] == [("A004", "q3-2"), ("A004", "q4-1"), ("A004", "q4-2")]


# -- Silences -------------------------------------------------------------------------------

def test_a001_judges_zero_and_negative_baselines(lint_result):
    text = HEADER + goal("app-users", "Reach 1,000,000 app users by the end of April", """\
      name: registered app users
      unit: users
      baseline: 0
      baseline_date: 2025-12-31
      target: 1000000
      source: App store console
""", "    deadline: 2026-04-30\n", team="product") + goal("nps", "Lift NPS from -20 to 70", """\
      name: customer NPS
      unit: NPS
      baseline: -20
      baseline_date: 2025-12-31
      target: 70
      source: Quarterly NPS survey
""", team="customer-success")
    found = lint_result(text, select="A001").diagnostics
    assert [(d.code, d.line, d.column, d.goal) for d in found] == [
        ("A001", 23, 15, "app-users"), ("A001", 37, 15, "nps")]
    assert found[1].message == ("target 70 moves 90 points from -20, 45% of the -100..100 scale (limit 40%): "
                                "out of reach from the start")
    assert found[1].help == ("set `target: 60` or below for this period, "
                             "or split the way from -20 to 70 into yearly steps")


def test_checkin_in_the_future_is_reported_and_not_counted(lint_result):
    text = HEADER + goal("demo-requests", "Reach 400 demo requests per month", """\
      name: demo requests per month
      unit: requests/month
      baseline: 250
      baseline_date: 2025-12-31
      target: 400
      source: CRM report "Demo requests by month"
""", """\
    milestones:
      - {date: 2026-06-30, target: 320}
    checkins:
      - {date: 2026-06-30, value: 318}
      - {date: 2026-07-31, value: 330}
      - {date: 2026-12-31, value: 402}
""", team="marketing")
    result = lint_result(text)
    assert [(d.code, d.line, d.column) for d in result.diagnostics if d.code in ("M009", "M010")] == [
        ("M009", 29, 16), ("M010", 30, 16)]
    item = next(i for i in result.items if i.id == "demo-requests")
    shown = assess(item, dt.date(2026, 10, 15))
    assert shown.progress is not None and round(shown.progress, 3) == round(80 / 150, 3)


def test_baseline_measured_years_before_the_start_is_reported(lint_result):
    text = HEADER + goal("energy", "Cut energy use per produced unit from 5.2 to 4.6 kWh", """\
      name: energy per produced unit
      unit: kWh/unit
      baseline: 5.2
      baseline_date: 2023-12-31
      target: 4.6
      source: Energy monitoring system, monthly report
""")
    found = lint_result(text, select="M011").diagnostics
    assert [(d.code, d.line, d.column) for d in found] == [("M011", 22, 22)]
    assert found[0].message == ("baseline measured 732 days before the start 2026-01-01 (limit 366 days): "
                                "the target may already be reached, or out of reach")


def test_metric_without_a_name_is_reported(lint_result):
    text = HEADER + goal("hires", "Hire 12 engineers in 2026", """\
      unit: hires
      baseline: 0
      target: 12
      source: HR system
""", team="hr")
    assert [(d.code, d.line, d.column) for d in lint_result(text, select="M012").diagnostics] == [("M012", 19, 7)]
