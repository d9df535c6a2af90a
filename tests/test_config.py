"""Configuration: declarative rules, presets, extends, overrides, per-rule options, bad configs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from goallint.cli import main

# -- declarative rules -------------------------------------------------------------------

POLICY = """\
rules:
  - code: X101
    name: marketing-budget-missing
    severity: warning
    message: Marketing goals must name a budget in resources
    when: {properties: {team: {const: marketing}}, required: [team]}
    require: {required: [resources], properties: {resources: {contains: {pattern: "(?i)budget|NOK|EUR|USD"}}}}
  - code: X102
    name: objective-sponsor-missing
    applies_to: objectives
    message: Company objectives need a board sponsor in tags
    require: {required: [tags], properties: {tags: {contains: {pattern: "^sponsor:"}}}}
"""
POLICY_GOALS = """\
version: 1
objectives:
  - {id: o, title: Grow}
  - {id: p, title: Grow, tags: ["sponsor:kari"]}
goals:
  - id: no-resources
    title: t
    team: marketing
  - id: no-budget
    title: t
    team: marketing
    resources: [one writer]
  - id: budget
    title: t
    team: marketing
    resources: [NOK 50,000 ad budget]
  - id: sales
    title: t
    team: sales
"""


def _check(tmp_path: Path, config: str, capsys, *args: str) -> tuple[int, list[str], str]:
    (tmp_path / ".goallint.yaml").write_text(config)
    (tmp_path / "goals.yaml").write_text(POLICY_GOALS)
    os.chdir(tmp_path)
    code = main(["check", "-q", "--format", "concise", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_declarative_rules_fire_at_the_right_place(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, lines, err = _check(tmp_path, POLICY, capsys, "--select", "X")
    assert (code, err) == (0, "")
    assert lines == [
        "goals.yaml:3:6: X102 [warning] Company objectives need a board sponsor in tags (goal o)",
        "goals.yaml:6:5: X101 [warning] Marketing goals must name a budget in resources (goal no-resources)",
        "goals.yaml:12:16: X101 [warning] Marketing goals must name a budget in resources (goal no-budget)",
    ]
    code, lines, _ = _check(tmp_path, POLICY, capsys, "--select", "X", "--ignore", "X101")
    assert [line.split()[1] for line in lines] == ["X102"]
    main(["rule", "X101"])
    assert "Source: config .goallint.yaml." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (POLICY.replace("X101", "S101", 1), "goallint: error: .goallint.yaml:2:5: rules[0]: rule S101: custom codes "
         "must start with one of the reserved prefixes (X); add the letter to custom_prefixes to reserve it"),
        (POLICY.replace("{const: marketing}", "{type: colour}"),
         "goallint: error: .goallint.yaml:2:5: rules[0]: rule X101: 'when' is not a valid JSON Schema at "
         "properties/team/type: 'colour' is not valid under any of the given schemas"),
        ("rules:\n  - {code: X1, name: x, message: m, require: {}}\n",
         "goallint: error: .goallint.yaml:2:12: rules[0].code: 'X1' does not match '^[A-Z][0-9]{3}$'"),
        ("rules:\n  - {code: X101, name: x, require: {}}\n",
         "goallint: error: .goallint.yaml:2:5: rules[0]: 'message' is a required property"),
        ("custom_prefixes: [S]\n", "goallint: error: .goallint.yaml:1:19: custom_prefixes[0]: 'S' does not match "
                                   "'^[B-DF-GI-LN-QV-Z]$'"),
    ],
)
def test_bad_rule_definitions_are_exit_2(tmp_path, capsys, monkeypatch, config, message):
    monkeypatch.chdir(tmp_path)
    code, lines, err = _check(tmp_path, config, capsys)
    assert (code, lines, err) == (2, [], message + "\n")


def test_custom_prefixes_reserve_more_letters(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = "custom_prefixes: [K]\n" + POLICY.replace("X102", "K102")
    _code, lines, _ = _check(tmp_path, config, capsys, "--select", "K102")
    assert lines == ["goals.yaml:3:6: K102 [warning] Company objectives need a board sponsor in tags (goal o)"]


# -- presets and overrides ---------------------------------------------------------------

def test_strict_preset(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, lines, _ = _check(tmp_path, "extends: strict\nselect: [S004, S006, R001]\n", capsys)
    assert code == 1
    assert lines[:3] == [
        "goals.yaml:6:5: R001 [error] goal has no parent: it cannot show which part of the strategy it serves "
        "(goal no-resources)",
        "goals.yaml:6:5: S006 [warning] goal lists no resources (budget, people, tools) (goal no-resources)",
        "goals.yaml:9:5: R001 [error] goal has no parent: it cannot show which part of the strategy it serves "
        "(goal no-budget)",
    ]
    code, lines, _ = _check(tmp_path, "extends: strict\nselect: [R001]\nseverity: {R001: info}\n", capsys)
    assert code == 0 and lines[0].split()[1:3] == ["R001", "[info]"]


def test_extends_another_file(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "company.yaml").write_text("extends: strict\nselect: [R001, S006]\noptions: {stale_after_days: 9}\n"
                                           + POLICY)
    code, lines, _ = _check(tmp_path, "extends: company.yaml\nignore: [S006]\n", capsys)
    assert code == 1  # strict, from the parent, makes R001 an error; the child's ignore drops S006
    assert {tuple(line.split()[1:3]) for line in lines} == {("R001", "[error]")} and len(lines) == 4
    (tmp_path / "loop.yaml").write_text("extends: .goallint.yaml\n")
    code, lines, err = _check(tmp_path, "extends: loop.yaml\n", capsys)
    assert code == 2 and "extends itself" in err
    code, lines, err = _check(tmp_path, "extends: nowhere.yaml\n", capsys)
    assert err == ("goallint: error: .goallint.yaml:1:10: extends: 'nowhere.yaml' is neither a preset "
                   "(recommended, strict) nor a config file\n")


def test_overrides_later_wins(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "goals" / "drafts").mkdir(parents=True)
    for folder in ("goals", "goals/drafts"):
        goal_id = folder.replace("/", "-")
        (tmp_path / folder / "x.goals.yaml").write_text(f"version: 1\ngoals:\n  - {{id: {goal_id}, title: t}}\n")
    (tmp_path / ".goallint.yaml").write_text(
        "select: [S001, T001]\n"
        "overrides:\n"
        "  - files: ['goals/**']\n"
        "    severity: {S001: warning}\n"
        "  - files: ['goals/drafts/']\n"
        "    severity: {S001: info}\n"
        "    ignore: [T001]\n")
    code = main(["check", "goals", "-q", "--format", "concise"])
    assert code == 1
    assert capsys.readouterr().out.splitlines() == [
        "goals/drafts/x.goals.yaml:3:6: S001 [info] goal has no owner, so nobody is answerable for it "
        "(goal goals-drafts)",
        "goals/x.goals.yaml:3:6: S001 [warning] goal has no owner, so nobody is answerable for it (goal goals)",
        "goals/x.goals.yaml:3:6: T001 [error] goal has no deadline: nothing brings it into focus, and its pace "
        "cannot be judged (goal goals)",
    ]


# -- configs that cannot be read are exit 2 with one line, never ignored or a traceback -------

def _run(tmp_path: Path, capsys, monkeypatch) -> tuple[int, str]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "goals.yaml").write_text("version: 1\ngoals: []\n")
    code = main(["check", "-q"])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("text", "message"), [
    ('[tool.goallint]\nselet = ["S"]\n',
     "pyproject.toml:2:1: [tool.goallint] selet: unknown config key 'selet' (did you mean 'select'?)"),
    ('[project]\nname = "x"\n\n[tool.goallint]\nselect = "S"\n',
     "pyproject.toml:5:1: [tool.goallint] select: 'S' is not of type 'array'"),
    ('[tool.goallint]\nselect = ["S"\n', "pyproject.toml:2:14: not valid TOML (Unclosed array)"),
    ('tool = "goallint"\n', "pyproject.toml: 'tool' must be a table"),
    ('[tool]\ngoallint = 3\n', "pyproject.toml:1:1: [tool.goallint] must be a table"),
])
def test_pyproject_errors_are_one_line_with_a_position(tmp_path, capsys, monkeypatch, text, message):
    (tmp_path / "pyproject.toml").write_text(text)
    code, err = _run(tmp_path, capsys, monkeypatch)
    assert code == 2 and err.startswith(f"goallint: error: {message}") and err.count("\n") == 1


def test_a_pyproject_in_latin_1_is_an_error_not_ignored(tmp_path, capsys, monkeypatch):
    (tmp_path / "pyproject.toml").write_bytes('[tool.goallint]\n# Kjøring\nselect = ["S"]\n'.encode("latin-1"))
    code, err = _run(tmp_path, capsys, monkeypatch)
    assert (code, err) == (2, "goallint: error: pyproject.toml: not UTF-8 at byte 20; TOML files are UTF-8\n")


def test_a_deep_extends_chain_is_one_line(tmp_path, capsys, monkeypatch):
    for number in range(1500):
        (tmp_path / f"c{number}.yaml").write_text(f"extends: c{number + 1}.yaml\n")
    (tmp_path / "c1500.yaml").write_text("select: [S]\n")
    (tmp_path / ".goallint.yaml").write_text("extends: c0.yaml\n")
    code, err = _run(tmp_path, capsys, monkeypatch)
    assert code == 2 and err.endswith("'extends' goes more than 32 configs deep\n") and err.count("\n") == 1


def test_flat_options_warn_once_on_stderr_and_metrics_reach_a003(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "goals.yaml").write_text(
        "version: 1\ngoals:\n  - id: a\n    title: Reach 400 leads\n    start: 2026-01-01\n"
        "    deadline: 2026-12-31\n    metric: {name: leads, baseline: 100, target: 400}\n"
        "    checkins: [{date: 2026-10-01, value: 305}]\n")
    (tmp_path / ".goallint.yaml").write_text("select: [A003]\noptions: {stale_after_days: 9}\n")
    assert main(["check", "-q"]) == 0
    out, err = capsys.readouterr()
    assert err == ("goallint: warning: .goallint.yaml: options.stale_after_days: flat option names are deprecated; "
                   "write 'options: {M009: {stale_after_days: ...}}'\n")
    # 305 on 1 Oct is 6.7 % of the way behind the straight plan (325): on track at 10 %, at risk at 5 %
    assert out == ""
    (tmp_path / ".goallint.yaml").write_text("select: [A003]\nmetrics: {pace_tolerance_percent: 5}\n")
    assert main(["check", "-q"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("goals.yaml:8:42: A003 [warning] at risk: 305 is behind a straight plan")
