"""The pipeline: texts instead of files, what workers send back, and the order of findings."""

from __future__ import annotations

from pathlib import Path

from helpers import TODAY

from goallint.catalog import build_catalog
from goallint.config import Settings
from goallint.linter import _cross_reads, check
from goallint.plugin import DEFAULT_READS, Rule, Severity

GOAL = "version: 1\ngoals:\n  - id: a\n    title: Reach 400 leads\n"


def test_an_overlay_is_checked_instead_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.goals.yaml"
    path.write_text(GOAL)
    settings = Settings(root=tmp_path, select=["S001", "E001"])
    on_disk = check([path], settings, TODAY, cwd=tmp_path)
    unsaved = check([path], settings, TODAY, cwd=tmp_path,
                    overlay={path: (GOAL + "    owner: kari@example.com\n").encode()})
    broken = check([path], settings, TODAY, cwd=tmp_path, overlay={path: b"version: 1\ngoals: [\n"})
    assert [d.code for d in on_disk.diagnostics] == ["S001"]
    assert unsaved.diagnostics == [] and path.read_text() == GOAL  # the file itself is untouched
    assert [(d.code, d.line) for d in broken.diagnostics] == [("E001", 3)]


def test_what_workers_send_back_is_what_cross_goal_rules_declare() -> None:
    reads = _cross_reads(Settings())
    assert reads is not None and DEFAULT_READS <= reads and {"team", "contributors"} <= reads  # S007's needs

    class ReadsAnything(Rule):
        """Reads any field of other goals.

        What it checks:
        Nothing.

        Why it matters:
        It shows the pool.

        Example:
            owner: x

        Fix:
        None.
        """

        code = "K777"
        name = "reads-anything"
        severity = Severity.INFO
        needs_project = True
        reads = None

    wide = Settings(catalog=build_catalog([(ReadsAnything, "config test")], plugins=False))
    assert _cross_reads(wide) is None  # such a run stays in one process, every goal whole


def test_findings_come_out_by_file_then_position(tmp_path: Path) -> None:
    for name in ("b.goals.yaml", "a.goals.yaml"):
        (tmp_path / name).write_text("version: 1\ngoals:\n  - {id: x, title: t}\n  - {id: y, title: u}\n")
    paths = sorted(tmp_path.glob("*.goals.yaml"), reverse=True)
    found = check(paths, Settings(root=tmp_path, select=["S001"]), TODAY, cwd=tmp_path).diagnostics
    # E004 is mandatory: it runs whatever is selected, on the copies in the later file in the order given
    assert [(d.path, d.line, d.column, d.code) for d in found] == [
        ("a.goals.yaml", 3, 6, "S001"), ("a.goals.yaml", 3, 10, "E004"),
        ("a.goals.yaml", 4, 6, "S001"), ("a.goals.yaml", 4, 10, "E004"),
        ("b.goals.yaml", 3, 6, "S001"), ("b.goals.yaml", 4, 6, "S001"),
    ]


def test_a_lean_check_finds_the_same_and_keeps_no_metric_models() -> None:
    root = Path(__file__).resolve().parent.parent
    files = [root / "goals.example.yaml", root / "examples" / "flawed.goals.yaml",
             *sorted((root / "tests" / "corpus" / "realistic").glob("*.goals.yaml"))]
    settings = Settings(root=root)
    full = check(files, settings, TODAY, cwd=root)
    lean = check(files, settings, TODAY, cwd=root, lean=True)
    assert lean.diagnostics == full.diagnostics and len(full.diagnostics) > 50
    goals = [item for item in full.items if item.kind == "goal"]
    assert sum("measure" in vars(item) for item in goals) > 20  # the rules built a metric model for these
    assert not any(name in vars(item) for item in lean.items for name in ("measure", "checkins", "milestones"))
    assert [item.measure.direction for item in lean.items] == [item.measure.direction for item in full.items]


def test_a_console_run_keeps_what_the_check_built_and_other_callers_keep_nothing(monkeypatch) -> None:
    from goallint import parallel

    root = Path(__file__).resolve().parent.parent
    monkeypatch.setattr(parallel, "kept_until_exit", None)
    check([root / "goals.example.yaml"], Settings(root=root), TODAY, cwd=root)
    assert parallel.kept_until_exit is None
    monkeypatch.setattr(parallel, "kept_until_exit", [])
    result = check([root / "goals.example.yaml"], Settings(root=root), TODAY, cwd=root)
    states = parallel.kept_until_exit[0]
    assert [item for state in states for item in state.items] == result.items and len(result.items) > 3
