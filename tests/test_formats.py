"""CI formats, checked by their real consumers: SARIF schema, a JUnit parser, GitHub's escaping."""

from __future__ import annotations

import json
import os

import pytest
from helpers import ROOT, golden
from junitparser import Failure, JUnitXml
from sarif_kit import validation_errors

from goallint import __version__
from goallint.cli import main
from goallint.diagnostics import Diagnostic, Severity
from goallint.formats.github import annotation, escape_data, escape_property

FLAWED = "examples/flawed.goals.yaml"
TODAY = ["--today", "2026-10-15"]


@pytest.fixture
def cli(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    for name in ("GOALLINT_TODAY", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        if "sarif" in args:
            assert validation_errors(json.loads(out)) == []
        return code, out, err

    return _run


@pytest.mark.parametrize(("name", "suffix"), [("sarif", "sarif"), ("github", "txt"), ("junit", "xml"),
                                              ("gitlab", "json")])
def test_golden_output_on_the_flawed_example(cli, name, suffix):
    code, out, _ = cli("check", FLAWED, *TODAY, "--format", name)
    assert code == 1
    assert str(ROOT) not in out and "2026-11" not in out  # repo-relative paths, no run timestamp
    golden(ROOT / f"tests/golden/flawed.{name}.{suffix}", out.replace(f'"version": "{__version__}"', '"version": "X"')
           .replace(f'"semanticVersion": "{__version__}"', '"semanticVersion": "X"'))


def test_sarif_is_valid_and_complete(cli):
    _, out, _ = cli("check", FLAWED, *TODAY, "--format", "sarif")
    log = json.loads(out)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert log["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "goallint"
    s002 = next(rule for rule in rules if rule["id"] == "S002")
    assert s002["defaultConfiguration"] == {"level": "warning"}
    assert "specific" in s002["properties"]["tags"]
    assert "## Why it matters" in s002["help"]["markdown"]
    first = run["results"][0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == "S002"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "examples/flawed.goals.yaml"},
        "region": {"startLine": 12, "startColumn": 12, "endLine": 12, "endColumn": 20},
    }
    levels = {result["level"] for result in run["results"]}
    assert levels == {"error", "warning", "note"}


def test_fingerprints_survive_moving_unrelated_lines(tmp_path, monkeypatch, capsys):
    original = (ROOT / FLAWED).read_text(encoding="utf-8")
    moved = original.replace("version: 1\n", "version: 1\n# a new comment\n\n# and another\n", 1)
    fingerprints = []
    for text in (original, moved):
        (tmp_path / "x.goals.yaml").write_text(text, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        assert main(["check", "x.goals.yaml", *TODAY, "--format", "sarif", "--output-format", "gitlab=gl.json"]) == 1
        log = json.loads((tmp_path / "gl.json").read_text())
        fingerprints.append([issue["fingerprint"] for issue in log])
    assert fingerprints[0] == fingerprints[1]
    assert len(set(fingerprints[0])) == len(fingerprints[0])  # unique, as GitLab requires


def test_junit_read_by_a_real_consumer(cli, tmp_path):
    clean = tmp_path / "clean.goals.yaml"
    clean.write_text((ROOT / "goals.example.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = cli("check", FLAWED, str(clean), *TODAY, "--format", "junit")
    assert code == 1
    report = tmp_path / "junit.xml"
    report.write_text(out, encoding="utf-8")
    suites = {suite.name: suite for suite in JUnitXml.fromfile(str(report))}
    flawed = suites["examples/flawed.goals.yaml"]
    assert (flawed.tests, flawed.failures) == (35, 7)  # 35 rules with findings, 7 of them errors
    failed = sorted(case.name for case in flawed if any(isinstance(r, Failure) for r in case.result))
    assert failed == ["E010 metric-ref-unknown", "E011 metric-id-duplicate", "M001 metric-missing",
                      "M002 target-not-numeric", "M005 direction-mismatch", "R002 parent-unknown", "T002 date-invalid"]
    [clean_suite] = [suite for name, suite in suites.items() if name.endswith("clean.goals.yaml")]
    assert (clean_suite.tests, clean_suite.failures) == (1, 0)
    [case] = list(clean_suite)
    assert case.is_passed
    r002 = next(case for case in flawed if case.name == "R002 parent-unknown")
    assert r002.result[0].text == ("examples/flawed.goals.yaml:26:13: R002 [error] parent 'brnad' is not defined "
                                   "(did you mean 'brand'?) (goal signups)")


def test_junit_fail_level_follows_fail_on(cli):
    _, out, _ = cli("check", FLAWED, *TODAY, "--format", "junit", "--fail-on", "warning")
    assert '<testsuite name="examples/flawed.goals.yaml" tests="35" failures="33"' in out


def test_gitlab_code_quality(cli):
    _, out, _ = cli("check", FLAWED, *TODAY, "--format", "gitlab")
    assert not out.encode().startswith(b"\xef\xbb\xbf")
    issues = json.loads(out)
    assert {issue["severity"] for issue in issues} == {"info", "minor", "major"}
    assert issues[0]["location"] == {"path": "examples/flawed.goals.yaml", "lines": {"begin": 12, "end": 12}}
    assert issues[0]["check_name"] == "S002 owner-placeholder"


def test_github_escaping():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    d = Diagnostic("odd dir/a,b:c.goals.yaml", 3, 5, 3, 9, "S002", "owner-placeholder", Severity.INFO,
                   "owner 'x,y: 50%'\nnext line", "g:1")
    assert annotation(d) == ("::notice file=odd dir/a%2Cb%3Ac.goals.yaml,line=3,col=5,endLine=3,endColumn=9,"
                             "title=S002 owner-placeholder::owner 'x,y: 50%25'\\nnext line (goal g:1)")


def test_auto_format_under_github_actions(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _, out, _ = cli("check", FLAWED, *TODAY, "--select", "R002")
    assert out.splitlines()[0].startswith("::error file=examples/flawed.goals.yaml,line=26,col=13,")
    text = summary.read_text()
    assert text.startswith("earlier step\n## goallint\n")
    assert ("| `examples/flawed.goals.yaml:26:13` | R002 parent-unknown | error | "
            "parent 'brnad' is not defined (did you mean 'brand'?) | signups |") in text
    monkeypatch.delenv("GITHUB_ACTIONS")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    _, out, _ = cli("check", FLAWED, *TODAY, "--select", "R002", "-q")
    assert out.startswith("examples/flawed.goals.yaml:26:13: R002 [error]")


def test_several_outputs_in_one_run(cli, tmp_path):
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    code, out, err = cli("check", FLAWED, *TODAY, "--select", "R002",
                         "--output-format", f"sarif={sarif}", "--output-format", f"junit={junit}")
    assert (code, err) == (1, "")
    assert out.splitlines()[-1] == "1 error, 0 warnings, 0 infos in 1 file, 9 goals checked"
    assert validation_errors(json.loads(sarif.read_text())) == []
    assert JUnitXml.fromfile(str(junit)).failures == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.sarif", "out.xml"]


def test_failed_output_leaves_old_file_and_exits_2(cli, tmp_path):
    target = tmp_path / "report.sarif"
    target.write_text("old report")
    os.chmod(tmp_path, 0o500)
    try:
        if os.access(tmp_path, os.W_OK):  # root ignores folder permissions; use a missing folder instead
            bad = tmp_path / "no-such-folder" / "report.sarif"
        else:
            bad = target
        code, _, err = cli("check", FLAWED, *TODAY, "--output-format", f"sarif={bad}")
    finally:
        os.chmod(tmp_path, 0o700)
    assert code == 2
    assert err.startswith(f"goallint: error: {bad}: cannot write (")
    assert target.read_text() == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.sarif"]


def test_bad_output_format_value(cli):
    code, _out, err = cli("check", FLAWED, "--output-format", "pdf=x.pdf")
    assert code == 2
    assert err.startswith("goallint check: error: Invalid value for '--output-format': 'pdf=x.pdf' is not FORMAT=PATH")


def test_in_project_resolves_context_but_reports_only_given_files(tmp_path, monkeypatch, capsys):
    (tmp_path / "company.goals.yaml").write_text(
        "version: 1\nobjectives:\n  - {id: o, title: t}\ngoals:\n  - {id: dup, title: t, parent: nowhere}\n")
    (tmp_path / "team.goals.yaml").write_text(
        "version: 1\ngoals:\n  - {id: a, title: t, parent: o}\n  - {id: dup, title: t, parent: o}\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "team.goals.yaml", "--select", "R002", *TODAY]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "team.goals.yaml:3:31: R002 [error] parent 'o' is not defined (goal a)",
        "team.goals.yaml:4:33: R002 [error] parent 'o' is not defined (goal dup)",
        "2 errors, 0 warnings, 0 infos in 1 file, 2 goals checked",
    ]
    assert main(["check", "team.goals.yaml", "--in-project", "--select", "R002,E004", *TODAY]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "team.goals.yaml:4:10: E004 [error] id 'dup' is already used by the goal at company.goals.yaml:5 (goal dup)",
        "1 error, 0 warnings, 0 infos in 1 file, 2 goals checked",
    ]
