"""E rules: unusable files, schema violations, repeated keys and ids, bad directives."""

from __future__ import annotations


def test_e001_syntax_error_position(lint_result):
    text = """\
version: 1
goals:
  - id: a
    title: "unclosed
  - id: b
"""
    result = lint_result(text)
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("E001", 6, 1)]
    assert "quoted scalar" in result.diagnostics[0].message


def test_e001_bad_indentation(lint):
    text = """\
version: 1
goals:
  - id: a
   title: t
"""
    assert lint(text) == [("E001", 4, 4)]


def test_e002_unknown_key_suggests_nearest(lint_result):
    text = """\
version: 1
goals:
  - id: a
    title: t
    dedline: 2026-12-31
    metric: {target: 1, unti: x}
"""
    result = lint_result(text, select="E")
    assert [(d.code, d.line, d.column, d.goal) for d in result.diagnostics] == [
        ("E002", 5, 5, "a"), ("E002", 6, 25, "a"),
    ]
    assert result.diagnostics[0].message == "goals[0]: unknown key 'dedline' (did you mean 'deadline'?)"
    assert result.diagnostics[1].message == "goals[0].metric: unknown key 'unti' (did you mean 'unit'?)"


def test_e002_missing_required_at_mapping_start(lint_result):
    text = """\
goals:
  - id: a
  - title: no id
"""
    result = lint_result(text, select="E")
    assert [(d.code, d.line, d.column, d.message) for d in result.diagnostics] == [
        ("E002", 1, 1, "(file): missing required key 'version'"),
        ("E002", 2, 5, "goals[0]: missing required key 'title'"),
        ("E002", 3, 5, "goals[1]: missing required key 'id'"),
    ]


def test_e002_types_and_enums(lint_result):
    text = """\
version: 2
goals:
  - id: a
    title: t
    status: activ
    confidence: 1.5
    owner: 42
    resources: budget
"""
    result = lint_result(text, select="E")
    assert [(d.line, d.column, d.message) for d in result.diagnostics] == [
        (1, 10, "version: must be 1, got number 2"),
        (5, 13, "goals[0].status: string 'activ' is not one of: draft, active, done, dropped "
                "(did you mean 'active'?)"),
        (6, 17, "goals[0].confidence: must be at most 1, got 1.5"),
        (7, 12, "goals[0].owner: expected a string, got number 42"),
        (8, 16, "goals[0].resources: expected a list, got string 'budget'"),
    ]


def test_e002_empty_and_non_mapping_files(tmp_path):
    from conftest import run

    assert [(d.code, d.line, d.column) for d in run("", tmp_path).diagnostics] == [("E002", 1, 1)]
    assert [(d.code, d.message) for d in run("# nothing\n", tmp_path).diagnostics] == [
        ("E002", "the file is empty: a goal file starts with 'version: 1'")]
    assert [(d.code, d.message) for d in run("- a\n- b\n", tmp_path).diagnostics] == [
        ("E002", "(file): expected a mapping, got a list")]


def test_e003_duplicate_key_names_first_line(lint_result):
    text = """\
version: 1
goals:
  - id: a
    title: t
    metric:
      target: 400
      target: 250
"""
    result = lint_result(text, select="E")
    assert [(d.code, d.line, d.column, d.goal) for d in result.diagnostics] == [("E003", 7, 7, "a")]
    assert result.diagnostics[0].message == "duplicate key 'target' (first defined at line 6); the later value is used"


def test_e004_duplicate_id_across_files(tmp_path):
    from conftest import TODAY

    from goallint.config import Settings
    from goallint.linter import check

    (tmp_path / "a.goals.yaml").write_text("version: 1\nobjectives:\n  - {id: x, title: t}\n")
    (tmp_path / "b.goals.yaml").write_text("version: 1\ngoals:\n  - {id: y, title: t}\n  - {id: x, title: t}\n")
    result = check(sorted(tmp_path.glob("*.yaml")), Settings(root=tmp_path, select=["E"]), TODAY, cwd=tmp_path)
    assert [(d.path, d.code, d.line, d.column, d.message) for d in result.diagnostics] == [
        ("b.goals.yaml", "E004", 4, 10, "id 'x' is already used by the objective at a.goals.yaml:3"),
    ]


def test_e005_invalid_directive(lint_result):
    text = """\
version: 1
goals:
  - id: a  # goallint: disable=Q123
    title: t  # goallint: disable=S003 until=2026-13-01
    why: x  # goallint: enable
"""
    result = lint_result(text, select="E")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [
        ("E005", 3, 12), ("E005", 4, 15), ("E005", 5, 13),
    ]
    assert result.diagnostics[0].message == "directive names unknown rule code 'Q123'"


def test_error_rules_cannot_be_ignored(lint):
    text = """\
version: 1
goals:
  - {id: a, title: t, bogus: 1}
"""
    assert lint(text, select="S001", ignore=["E", "E002"]) == [("S001", 3, 6), ("E002", 3, 23)]


def test_e006_valid_yaml_goal_files_refuse(lint_result):
    text = """\
version: 1
goals:
  - id: a
    title: !!python/object/apply:os.system ["echo hi"]
"""
    result = lint_result(text)
    assert [(d.code, d.line, d.column, d.severity.label) for d in result.diagnostics] == [("E006", 4, 12, "error")]
    assert result.diagnostics[0].message.startswith("unsupported tag !!python/object/apply:os.system")


def test_e006_cannot_be_ignored_or_suppressed(lint):
    text = """\
# goallint: disable-file=E006
version: 1
---
version: 1
"""
    assert lint(text, select="S001", ignore=["E006"], severity={"E006": "info"}) == [("E006", 3, 1)]


def test_e007_hidden_characters_at_the_text(lint_result):
    text = """\
version: 1
goals:
  - id: a
    title: "Reach 400 leads \\u202e0004 hcaeR"
    owner: "kari\\u200b@example.com"
    tags: ["family 👨\\u200d👩\\u200d👧 is fine"]
"""
    result = lint_result(text, select="E")
    assert [(d.code, d.line, d.column, d.severity.label) for d in result.diagnostics] == [
        ("E007", 4, 12, "warning"), ("E007", 5, 12, "warning"),
    ]
    assert result.diagnostics[0].message == ("text contains U+202E RIGHT-TO-LEFT OVERRIDE, which changes what a "
                                             "reader sees without being visible")


def test_e007_can_be_ignored_and_suppressed(lint):
    text = """\
version: 1
goals:
  - id: a
    title: "x\\u2066y"  # goallint: disable=E007
    why: "x\\u2066y"
"""
    assert lint(text, select="E") == [("E007", 5, 10)]
    assert lint(text, select="E", ignore=["E007"]) == []


def test_one_typo_gives_one_finding(lint_result):
    """`dedline` is E002 naming 'deadline'; T001 (no deadline) stays quiet on that goal only."""
    text = """\
        version: 1
        goals:
          - id: a
            title: Reach 400 leads
            dedline: 2026-12-31
            metric: {name: leads, baseline: 250, targt: 400}
          - id: b
            title: Reach 500 leads
    """
    found = lint_result(text, select="E002,T001,M002")
    assert [(d.code, d.line, d.column, d.message) for d in found.diagnostics] == [
        ("E002", 5, 5, "goals[0]: unknown key 'dedline' (did you mean 'deadline'?)"),
        ("E002", 6, 42, "goals[0].metric: unknown key 'targt' (did you mean 'target'?)"),
        ("T001", 7, 5, "goal has no deadline: nothing brings it into focus, and its pace cannot be judged"),
    ]


def test_e009_list_item_split_at_a_thousands_separator(lint):
    text = """\
        version: 1
        goals:
          - id: a
            title: Reach 400 leads
            resources: [NOK 250,000 paid social budget, "NOK 40,000 for articles", 2 writers]
    """
    assert lint(text, select="E009") == [("E009", 5, 25)]
