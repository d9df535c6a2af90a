"""R rules: each fires on input built for it, and stays quiet on a good goal."""

from __future__ import annotations


def test_r001_alignment_missing(lint):
    text = """\
version: 1
objectives:
  - id: o
    title: Grow
goals:
  - id: a
    title: t
  - id: b
    title: t
    parent: o
"""
    assert lint(text, select="R001") == [("R001", 6, 5)]


def test_r001_parent_from_defaults(lint):
    text = """\
version: 1
defaults: {parent: o}
objectives:
  - {id: o, title: Grow}
goals:
  - id: a
    title: t
"""
    assert lint(text, select="R001,R002") == []


def test_r002_parent_unknown_suggests(lint_result):
    text = """\
version: 1
objectives:
  - id: grow-pipeline
    title: Grow
    parent: strategy-2030
goals:
  - id: a
    title: t
    parent: grow-pipline
"""
    result = lint_result(text, select="R002")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("R002", 5, 13), ("R002", 9, 13)]
    assert result.diagnostics[1].message == "parent 'grow-pipline' is not defined (did you mean 'grow-pipeline'?)"
    assert [d.help for d in result.diagnostics] == [
        "correct `parent: strategy-2030`, or check the file that defines it together with this one",
        "write `parent: grow-pipeline`"]


def test_r002_suggestions_share_one_budget(lint_result):
    from goallint.model import SUGGESTION_BUDGET

    count = 2000  # every goal names its own unknown parent: a search over all ids for each
    lines = ["version: 1", "goals:"]
    lines += [f"  - {{id: goal-{n:04d}, title: t, parent: goax-{n:04d}}}" for n in range(count)]
    result = lint_result("\n".join(lines) + "\n", select="R002")
    hinted = [d.goal for d in result.diagnostics if d.help and d.help.startswith("write `parent: goal-")]
    assert len(result.diagnostics) == count
    assert hinted == [f"goal-{n:04d}" for n in range(SUGGESTION_BUDGET // count)]


def test_r002_parent_in_another_file(tmp_path):
    from conftest import TODAY

    from goallint.config import Settings
    from goallint.linter import check

    (tmp_path / "company.goals.yaml").write_text("version: 1\nobjectives:\n  - {id: o, title: Grow}\n")
    (tmp_path / "team.goals.yaml").write_text("version: 1\ngoals:\n  - {id: a, title: t, parent: o}\n")
    result = check(sorted(tmp_path.glob("*.yaml")), Settings(root=tmp_path, select=["R002"]), TODAY, cwd=tmp_path)
    assert result.diagnostics == []
    result = check([tmp_path / "team.goals.yaml"], Settings(root=tmp_path, select=["R002"]), TODAY, cwd=tmp_path)
    assert [(d.path, d.line, d.column) for d in result.diagnostics] == [("team.goals.yaml", 3, 31)]


def test_r003_cycle_reported_on_every_member(lint_result):
    text = """\
version: 1
goals:
  - {id: a, title: t, parent: b}
  - {id: b, title: t, parent: c}
  - {id: c, title: t, parent: a}
  - {id: d, title: t, parent: a}
  - {id: self, title: t, parent: self}
  - {id: e, title: t}
  - {id: f, title: t, parent: e}
"""
    result = lint_result(text, select="R003")
    assert [(d.code, d.line, d.column, d.goal) for d in result.diagnostics] == [
        ("R003", 3, 31, "a"), ("R003", 4, 31, "b"), ("R003", 5, 31, "c"), ("R003", 7, 34, "self"),
    ]
    assert result.diagnostics[0].message == "alignment loop: a -> b -> c -> a: none of these goals reaches the strategy"
    assert result.diagnostics[3].message == "alignment loop: self -> self: none of these goals reaches the strategy"


def test_r003_long_chains_and_loops_cost_one_visit_per_id(lint_result):
    count = 20_000  # a walk per goal along the chain would take billions of steps
    lines = ["version: 1", "goals:", "  - {id: g0, title: t}"]
    lines += [f"  - {{id: g{n}, title: t, parent: g{n - 1}}}" for n in range(1, count)]
    lines += [f"  - {{id: l{n}, title: t, parent: l{(n + 1) % 10}}}" for n in range(10)]
    lines += ["  - {id: l3, title: t, parent: g5}"]  # a repeated id: E004's finding, not a loop member
    result = lint_result("\n".join(lines) + "\n", select="R003")
    assert [(d.code, d.line, d.goal) for d in result.diagnostics] == [
        *(("R003", count + 3 + n, f"l{n}") for n in range(10)), ("E004", count + 13, "l3")]
    assert result.diagnostics[0].message.startswith(
        "alignment loop: l0 -> l1 -> l2 -> l3 -> l4 -> l5 -> ... 3 more -> l9 -> l0: ")
    assert result.diagnostics[7].message.startswith(
        "alignment loop: l7 -> l8 -> l9 -> l0 -> l1 -> l2 -> ... 3 more -> l6 -> l7: ")


def test_r004_outside_period(lint):
    text = """\
version: 1
period: 2026-H1
goals:
  - id: late
    title: t
    start: 2026-03-01
    deadline: 2026-09-30
  - id: early
    title: t
    start: 2025-12-01
    deadline: 2026-06-30
  - id: inside
    title: t
    start: 2026-Q1
    deadline: 2026-Q2
"""
    assert lint(text, select="R004") == [("R004", 7, 15), ("R004", 10, 12)]


def test_r004_range_period(lint):
    text = """\
version: 1
period: 2026-01-01..2026-03-31
goals:
  - {id: a, title: t, deadline: 2026-04-01}
"""
    assert lint(text, select="R004") == [("R004", 4, 33)]


def test_r005_parent_closed(lint):
    text = """\
version: 1
objectives:
  - {id: launch, title: Launch, status: dropped}
  - {id: live, title: Live}
goals:
  - {id: a, title: t, parent: launch}
  - {id: b, title: t, parent: launch, status: done}
  - {id: c, title: t, parent: live}
"""
    assert lint(text, select="R005") == [("R005", 6, 31)]


def test_r006_deadline_after_parent(lint):
    text = """\
version: 1
objectives:
  - {id: o, title: Grow, deadline: 2026-06-30}
goals:
  - {id: a, title: t, parent: o, deadline: 2026-12-31}
  - {id: b, title: t, parent: o, deadline: 2026-Q2}
  - {id: c, title: t, parent: a, deadline: 2027-01-15}
"""
    assert lint(text, select="R006") == [("R006", 5, 44), ("R006", 7, 44)]


# Help lines: the objective to serve, the period's edge, the parent's deadline.

def _found(lint_result, text, code, **kwargs):
    return [(d.line, d.message, d.help) for d in lint_result(text, select=code, **kwargs).diagnostics]


def test_r001_help_names_the_files_objectives(lint_result):
    one = """\
version: 1
objectives:
  - {id: grow-pipeline, title: Grow the sales pipeline}
goals:
  - id: leads
    title: Reach 400 inbound leads per month
"""
    assert _found(lint_result, one, "R001") == [
        (5, "goal has no parent: it cannot show which part of the strategy it serves",
         "add `parent: grow-pipeline`, the objective of this file, if this goal serves it")]
    two = one.replace("goals:", "  - {id: keep-customers, title: Keep our customers}\ngoals:")
    assert [found[2] for found in _found(lint_result, two, "R001")] == [
        "add `parent:` with the objective it serves: `grow-pipeline`, `keep-customers`"]
    none = "version: 1\ngoals:\n  - {id: leads, title: Reach 400 inbound leads per month}\n"
    assert [found[2] for found in _found(lint_result, none, "R001")] == [
        "add `parent:` with the id of the objective it serves"]


def test_r003_help_names_an_objective_outside_the_loop(lint_result):
    text = """\
version: 1
objectives:
  - {id: grow-pipeline, title: Grow the sales pipeline}
goals:
  - {id: leads, title: Reach 400 inbound leads per month, parent: demos}
  - {id: demos, title: Book 60 demos per month, parent: leads}
"""
    assert _found(lint_result, text, "R003") == [
        (line, f"alignment loop: {loop}: none of these goals reaches the strategy",
         "point one goal of the loop at the objective it serves, e.g. `parent: grow-pipeline`")
        for line, loop in ((5, "leads -> demos -> leads"), (6, "demos -> leads -> demos"))]


def test_r004_help_names_the_periods_edge(lint_result):
    text = """\
version: 1
period: 2026-H1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    start: 2025-12-01
    deadline: 2026-09-30
"""
    assert _found(lint_result, text, "R004") == [
        (6, "start 2025-12-01 is outside the file's period 2026-H1 (2026-01-01..2026-06-30): "
            "the period's report counts it wrongly",
         "set `start: 2026-01-01` to keep the goal in 2026-H1, or move it to the file of the period it belongs to"),
        (7, "deadline 2026-09-30 is outside the file's period 2026-H1 (2026-01-01..2026-06-30): "
            "the period's report counts it wrongly",
         "set `deadline: 2026-06-30` to keep the goal in 2026-H1, or move it to the file of the period it belongs to"),
    ]


def test_r005_help_offers_a_live_objective(lint_result):
    text = """\
version: 1
objectives:
  - {id: launch, title: Launch the web shop, status: dropped}
  - {id: old-pipeline, title: Grow the 2025 pipeline, status: done}
  - {id: grow-pipeline, title: Grow the sales pipeline}
goals:
  - {id: shop-traffic, title: Bring 5000 visitors to the shop, parent: launch}
"""
    assert _found(lint_result, text, "R005") == [
        (7, "parent 'launch' is dropped, but this goal is active: its work no longer serves the strategy",
         "set `status: dropped` on this goal too, or move it under a live objective, e.g. `parent: grow-pipeline`")]


def test_r006_help_names_the_parents_deadline(lint_result):
    text = """\
version: 1
objectives:
  - {id: pipeline, title: Grow the sales pipeline, deadline: 2026-06-30}
goals:
  - {id: leads, title: Reach 400 inbound leads per month, parent: pipeline, deadline: 2026-12-31}
"""
    assert _found(lint_result, text, "R006") == [
        (5, "deadline 2026-12-31 is after parent 'pipeline' ends (2026-06-30): what lands later cannot count "
            "towards it",
         "set `deadline: 2026-06-30` or earlier, or move the deadline of 'pipeline'")]
