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


# -- help texts ------------------------------------------------------------------------------

def _helps(lint_result, text, select="E"):
    return [(d.code, d.line, d.help) for d in lint_result(text, select=select).diagnostics]


def test_e001_help_names_the_mend(lint_result):
    unclosed = 'version: 1\ngoals:\n  - id: a\n    title: "Reach 400 leads\n'
    assert _helps(lint_result, unclosed) == [("E001", 5, "close the quote, or write the value without quotes")]
    colon = "version: 1\ngoals:\n  - id: a\n    title: Leads: more of them\n"
    assert _helps(lint_result, colon) == [
        ("E001", 4, "quote the value if it holds ': ' (YAML reads a new key there), or line the key up with the keys "
                    "above it")]
    indent = "version: 1\ngoals:\n  - id: a\n   title: t\n"
    assert _helps(lint_result, indent) == [
        ("E001", 4, "line the key up with the keys above it, or start a new list item with '- '")]
    flow = "version: 1\ngoals:\n  - id: a\n    title: t\n    resources: [a, b\n"
    assert _helps(lint_result, flow) == [
        ("E001", 6, "close the bracket or brace, or quote the item that holds a comma, '[' or '{'")]
    alias = "version: 1\ngoals:\n  - id: a\n    title: *missing\n"
    assert _helps(lint_result, alias) == [
        ("E001", 4, "define &missing before this line, or write the value instead of *missing")]


def test_e002_help_for_keys_values_and_empty_files(lint_result, tmp_path):
    text = """\
goals:
  - id: a
    title: t
    dedline: 2026-12-31
    colour: blue
    status: activ
    confidence: high
  - title: no id
"""
    assert _helps(lint_result, text) == [
        ("E002", 1, "add `version: 1`"),
        ("E002", 4, "rename 'dedline' to 'deadline'"),
        ("E002", 5, "remove 'colour', or rename it to a key `goallint schema` lists"),
        ("E002", 6, "write 'active'"),
        ("E002", 7, "write a number here"),
        ("E002", 8, "add `id:`"),
    ]
    assert _helps(lint_result, "# nothing yet\n") == [("E002", 1, "write `version: 1` and a `goals:` list")]


def test_e003_help_names_both_values(lint_result):
    text = "version: 1\ngoals:\n  - id: a\n    title: t\n    metric: {name: leads, target: 400, target: 250}\n"
    assert _helps(lint_result, text) == [
        ("E003", 5, "keep one 'target': delete this one (250) or the one on line 5 (400)")]


def test_e004_help_offers_a_free_id(tmp_path):
    from helpers import TODAY

    from goallint.config import Settings
    from goallint.linter import check

    (tmp_path / "a.goals.yaml").write_text("version: 1\ngoals:\n  - {id: leads, title: t}\n"
                                           "  - {id: leads-2, title: t}\n")
    (tmp_path / "b.goals.yaml").write_text("version: 1\ngoals:\n  - {id: leads, title: t}\n"
                                           "  - {id: leads, title: t, team: Sales Ops}\n")
    result = check([tmp_path / "a.goals.yaml", tmp_path / "b.goals.yaml"], Settings(root=tmp_path, select=["E004"]),
                   TODAY, cwd=tmp_path)
    assert [(d.path, d.line, d.help) for d in result.diagnostics] == [
        ("b.goals.yaml", 3, "rename it, e.g. `id: leads-3`, and update the parents that meant this goal"),
        ("b.goals.yaml", 4, "rename it, e.g. `id: sales-ops-leads`, and update the parents that meant this goal"),
    ]


def test_e005_help_names_the_nearest_code_and_the_date_form(lint_result):
    text = """\
version: 1
goals:
  - id: a  # goallint: disable=S0002
    title: t  # goallint: disable=S001 until=31.12.2026
    owner: x  # goallint: disable=S00l
"""
    assert _helps(lint_result, text) == [
        ("E005", 3, "write 'S002' instead of 'S0002'"),
        ("E005", 4, "write the day as YYYY-MM-DD, e.g. `until=2026-12-31`"),
        ("E005", 5, "name a rule code or prefix that `goallint rules` lists"),
    ]


def test_e006_and_e007_help(lint_result):
    tagged = 'version: 1\ngoals:\n  - id: a\n    title: t\n    owner: !!python/object/apply:os.system ["ls"]\n'
    assert _helps(lint_result, tagged) == [
        ("E006", 5, "remove !!python/object/apply:os.system and write plain data")]
    two = "version: 1\ngoals: []\n---\nversion: 1\n"
    assert _helps(lint_result, two) == [("E006", 3, "move the second document to a file of its own")]
    hidden = 'version: 1\ngoals:\n  - id: a\n    title: t\n    owner: "kari\\u202e@example.com"\n'
    assert _helps(lint_result, hidden, "E007") == [
        ("E007", 5, "delete the U+202E character, so that the text reads 'kari@example.com'")]


def test_e009_help_and_its_fix_join_the_item(tmp_path):
    from helpers import TODAY

    from goallint.config import Settings
    from goallint.fixes import Applicability, apply_edits
    from goallint.linter import check

    text = ("version: 1\ngoals:\n  - id: a\n    title: Reach 400 leads\n"
            "    resources: [NOK 250,000 paid social budget, 2 writers]\n")
    path = tmp_path / "a.goals.yaml"
    path.write_text(text)
    [found] = check([path], Settings(root=tmp_path, select=["E009"]), TODAY, cwd=tmp_path).diagnostics
    assert found.help == 'quote the item, "NOK 250,000 paid social budget", or drop the separator: NOK 250000 ' \
                         "paid social budget"
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE
    path.write_text(apply_edits(text, found.fix.edits))
    assert path.read_text().endswith('    resources: ["NOK 250,000 paid social budget", 2 writers]\n')
    assert check([path], Settings(root=tmp_path, select=["E009"]), TODAY, cwd=tmp_path).diagnostics == []


def test_e007_fix_writes_the_text_again_without_the_hidden_character(tmp_path):
    from helpers import TODAY

    from goallint.config import Settings
    from goallint.fixes import Applicability, apply_edits
    from goallint.linter import check

    text = ('version: 1\ngoals:\n  - id: a  # the owner\n    title: t\n    owner: "kari\\u202e@example.com"\n'
            "    why: plain\u200bword here\n")
    path = tmp_path / "a.goals.yaml"
    path.write_text(text, encoding="utf-8")
    found = check([path], Settings(root=tmp_path, select=["E007"]), TODAY, cwd=tmp_path).diagnostics
    assert [(d.line, d.help) for d in found] == [
        (5, "delete the U+202E character, so that the text reads 'kari@example.com'"),
        (6, "delete the U+200B character, so that the text reads 'plainword here'")]
    assert all(d.fix is not None and d.fix.applicability is Applicability.UNSAFE for d in found)
    fixed = apply_edits(text, [edit for d in found if d.fix is not None for edit in d.fix.edits])
    assert fixed == ('version: 1\ngoals:\n  - id: a  # the owner\n    title: t\n    owner: "kari@example.com"\n'
                     '    why: "plainword here"\n')
    path.write_text(fixed, encoding="utf-8")
    assert check([path], Settings(root=tmp_path, select=["E007"]), TODAY, cwd=tmp_path).diagnostics == []
