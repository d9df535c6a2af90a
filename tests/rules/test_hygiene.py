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


def test_u001_fix_removes_the_directive_and_keeps_the_line(tmp_path):
    from helpers import TODAY

    from goallint.config import Settings
    from goallint.fixes import apply_edits
    from goallint.linter import check

    text = ("version: 1\ngoals:\n  - id: a  # goallint: disable=T001\n    title: Reach 400 leads\n"
            "    deadline: 2026-12-31\n# goallint: disable-file=A001\n")
    path = tmp_path / "x.goals.yaml"
    path.write_text(text)
    found = check([path], Settings(root=tmp_path, select=["U001", "T001", "A001"]), TODAY, cwd=tmp_path)
    assert [(d.line, d.message, d.help) for d in found.diagnostics if d.code == "U001"] == [
        (3, "'# goallint: disable=T001' suppresses nothing here, and would hide a new finding unseen",
         "remove '# goallint: disable=T001'"),
        (6, "'# goallint: disable-file=A001' suppresses nothing in this file, and would hide a new finding unseen",
         "remove '# goallint: disable-file=A001'"),
    ]
    fixes = [d.fix for d in found.diagnostics if d.code == "U001"]
    assert len(fixes) == 2 and all(fix is not None for fix in fixes)
    fixed = text
    for fix in sorted(fixes, key=lambda f: f.edits[0].span, reverse=True):
        fixed = apply_edits(fixed, fix.edits)
    assert fixed == "version: 1\ngoals:\n  - id: a\n    title: Reach 400 leads\n    deadline: 2026-12-31\n\n"
    path.write_text(fixed)
    assert [d.code for d in check([path], Settings(root=tmp_path, select=["U001", "T001", "A001"]), TODAY,
                                  cwd=tmp_path).diagnostics] == []
