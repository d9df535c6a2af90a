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
    assert main(["check", "team.goals.yaml", "--select", "R002", *TODAY, "--format", "concise"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "team.goals.yaml:3:31: R002 [error] parent 'o' is not defined (goal a)",
        "team.goals.yaml:4:33: R002 [error] parent 'o' is not defined (goal dup)",
        "2 errors, 0 warnings, 0 infos in 1 file, 2 goals checked",
    ]
    assert main(["check", "team.goals.yaml", "--in-project", "--select", "R002,E004", *TODAY, "--format",
                 "concise"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "team.goals.yaml:4:10: E004 [error] id 'dup' is already used by the goal at company.goals.yaml:5 (goal dup)",
        "1 error, 0 warnings, 0 infos in 1 file, 2 goals checked",
    ]


HELPED = """\
version: 1
goals:
  - id: a
    title: Reach 400 inbound leads per month
    owner: TBD
  - id: b
    title: Reach 400 inbound leads per month
    owner: everyone in sales
    dedline: 2026-12-31
"""
S002 = "https://github.com/goallint/goallint/blob/main/docs/rules.md#s002-owner-placeholder"
E002 = "https://github.com/goallint/goallint/blob/main/docs/rules.md#e002-schema-violation"


@pytest.fixture
def helped(tmp_path, monkeypatch, capsys):
    (tmp_path / "h.goals.yaml").write_text(HELPED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("GOALLINT_TODAY", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)

    def _run(*args: str) -> tuple[int, str]:
        select = [] if "--select" in args else ["--select", "S002"]  # E002 always runs
        code = main(["check", "h.goals.yaml", *select, *TODAY, *args])
        return code, capsys.readouterr().out

    return _run


def test_text_shows_the_help_under_each_finding_and_each_rules_docs_once(helped):
    code, out = helped()
    assert code == 1
    assert out == (
        "h.goals.yaml:5:12: S002 [warning] owner 'TBD' is a placeholder: nobody is answerable for the goal yet "
        "(goal a)\n"
        "  help: replace 'TBD' with the one person responsible, e.g. `owner: kari.nordmann@example.com`\n"
        "h.goals.yaml:8:12: S002 [warning] owner 'everyone in sales' is a team, not a person: a team cannot be "
        "asked how the goal is going (goal b)\n"
        "  help: replace 'everyone in sales' with one person of sales, e.g. `owner: kari.nordmann@example.com`, "
        "and add `team: sales`\n"
        "h.goals.yaml:9:5: E002 [error] goals[1]: unknown key 'dedline' (did you mean 'deadline'?) (goal b)\n"
        "  help: rename 'dedline' to 'deadline'\n"
        f"E002 schema-violation: {E002}\n"
        f"S002 owner-placeholder: {S002}\n"
        "1 error, 2 warnings, 0 infos in 1 file, 2 goals checked\n"
    )


def test_quiet_text_keeps_the_help_and_drops_links_and_summary(helped):
    _, out = helped("-q")
    assert out.splitlines()[:4] == [
        "h.goals.yaml:5:12: S002 [warning] owner 'TBD' is a placeholder: nobody is answerable for the goal yet "
        "(goal a)",
        "  help: replace 'TBD' with the one person responsible, e.g. `owner: kari.nordmann@example.com`",
        "h.goals.yaml:8:12: S002 [warning] owner 'everyone in sales' is a team, not a person: a team cannot be "
        "asked how the goal is going (goal b)",
        "  help: replace 'everyone in sales' with one person of sales, e.g. `owner: kari.nordmann@example.com`, "
        "and add `team: sales`",
    ]


def test_statistics_come_after_the_links_and_before_the_summary(helped):
    _, out = helped("--statistics")
    assert out.splitlines()[-5:] == [
        f"E002 schema-violation: {E002}",
        f"S002 owner-placeholder: {S002}",
        "    1  E002  schema-violation",
        "    2  S002  owner-placeholder",
        "1 error, 2 warnings, 0 infos in 1 file, 2 goals checked",
    ]


def test_concise_is_one_line_a_finding_without_help_or_links(helped):
    code, out = helped("--format", "concise")
    assert code == 1
    assert out == (
        "h.goals.yaml:5:12: S002 [warning] owner 'TBD' is a placeholder: nobody is answerable for the goal yet "
        "(goal a)\n"
        "h.goals.yaml:8:12: S002 [warning] owner 'everyone in sales' is a team, not a person: a team cannot be "
        "asked how the goal is going (goal b)\n"
        "h.goals.yaml:9:5: E002 [error] goals[1]: unknown key 'dedline' (did you mean 'deadline'?) (goal b)\n"
        "1 error, 2 warnings, 0 infos in 1 file, 2 goals checked\n"
    )
    _, quiet = helped("--format", "concise", "-q", "--statistics")
    assert quiet.splitlines()[-2:] == ["    1  E002  schema-violation", "    2  S002  owner-placeholder"]


def test_text_help_is_coloured_on_request_and_escaped(tmp_path):
    from goallint.diagnostics import CheckResult
    from goallint.formats import RenderOptions
    from goallint.formats.text import render

    d = Diagnostic("a.goals.yaml", 3, 5, 3, 9, "S002", "owner-placeholder", Severity.WARNING, "m", "g",
                   help="replace 'x\nh.goals.yaml:1:1: E001 [error] forged' with a person")
    out = render(CheckResult(diagnostics=[d], paths=["a.goals.yaml"]), RenderOptions(quiet=True))
    assert out.splitlines()[1] == "  help: replace 'x\\nh.goals.yaml:1:1: E001 [error] forged' with a person"
    coloured = render(CheckResult(diagnostics=[d], paths=["a.goals.yaml"]), RenderOptions(quiet=True, color=True))
    assert coloured.splitlines()[1].startswith("  \x1b[1;36mhelp:\x1b[0m replace")


def test_json_carries_help_and_url_per_finding(helped):
    _, out = helped("--format", "json")
    found = json.loads(out)["diagnostics"]
    assert found[0] == {
        "path": "h.goals.yaml", "line": 5, "column": 12, "end_line": 5, "end_column": 15, "code": "S002",
        "name": "owner-placeholder", "url": S002, "severity": "warning",
        "message": "owner 'TBD' is a placeholder: nobody is answerable for the goal yet",
        "help": "replace 'TBD' with the one person responsible, e.g. `owner: kari.nordmann@example.com`",
        "goal": "a",
    }
    assert [(d["code"], d["url"], d["help"]) for d in found[2:]] == [
        ("E002", E002, "rename 'dedline' to 'deadline'")]


def test_json_help_is_null_when_a_rule_gives_none():
    from goallint.diagnostics import CheckResult
    from goallint.formats import RenderOptions
    from goallint.formats.json import render

    d = Diagnostic("a.goals.yaml", 3, 5, 3, 9, "S002", "owner-placeholder", Severity.WARNING, "m", "g")
    [found] = json.loads(render(CheckResult(diagnostics=[d]), RenderOptions()))["diagnostics"]
    assert (found["help"], found["url"]) == (None, S002)


@pytest.mark.parametrize("count", [0, 1, 499, 500, 501, 1234])
def test_json_written_in_pieces_is_the_rendered_text(count: int) -> None:
    import io

    from goallint.diagnostics import CheckResult, Suppression
    from goallint.formats import RenderOptions, writer
    from goallint.formats.json import render

    found = [Diagnostic("a.goals.yaml", n + 1, 5, n + 1, 9, "S002", "owner-placeholder", Severity.WARNING,
                        f"finding {n}", f"g{n}", help=None if n % 3 else f"help {n}") for n in range(count)]
    hidden = [found[0]._replace(suppression=Suppression(1, None, "known"))] if found else []
    result = CheckResult(diagnostics=found, suppressed=hidden)
    out = io.StringIO()
    write = writer("json")
    assert write is not None
    write(result, RenderOptions(), out)
    assert out.getvalue() == render(result, RenderOptions())
    data = json.loads(out.getvalue())
    assert [d["message"] for d in data["diagnostics"]] == [f"finding {n}" for n in range(count)]
    assert len(data["suppressed"]) == len(hidden)


@pytest.mark.parametrize("text", ["plain", 'quote " and \\ backslash', "tab\tnew\nline\x01\x7f",
                                  "\u00e6\u00f8\u00e5 \u2013 \u201ccurly\u201d", "emoji \U0001f600",
                                  "undecodable \udcff byte", "</script>&<!--"])
def test_json_line_is_the_dict_encoded_byte_for_byte(text: str) -> None:
    from goallint.diagnostics import Suppression
    from goallint.formats.json import diagnostic, line

    for help_text, goal, url in ((text, text, "https://x/" + text), (None, None, None)):
        d = Diagnostic(text, 3, 5, 4, 9, "S002", "owner-placeholder", Severity.WARNING, text, goal, help=help_text)
        assert line(d, url) == json.dumps(diagnostic(d, url), ensure_ascii=False)
        hushed = d._replace(suppression=Suppression(3, "2026-12-31", text))
        assert line(hushed, url) == json.dumps(diagnostic(hushed, url), ensure_ascii=False)


def test_sarif_carries_help_fixes_and_help_uri(helped):
    _, out = helped("--format", "sarif")
    log = json.loads(out)
    assert validation_errors(log) == []
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert rules["S002"]["helpUri"] == S002 and rules["E002"]["helpUri"] == E002
    placeholder, _team, unknown = run["results"]
    assert placeholder["properties"] == {
        "help": "replace 'TBD' with the one person responsible, e.g. `owner: kari.nordmann@example.com`"}
    assert "fixes" not in placeholder
    assert unknown["properties"] == {"help": "rename 'dedline' to 'deadline'"}
    assert unknown["fixes"] == [{
        "description": {"text": "rename 'dedline' to 'deadline'"},
        "artifactChanges": [{
            "artifactLocation": {"uri": "h.goals.yaml"},
            "replacements": [{"deletedRegion": {"startLine": 9, "startColumn": 5, "endLine": 9, "endColumn": 12},
                              "insertedContent": {"text": "deadline"}}],
        }],
    }]


def test_sarif_fix_applied_as_written_removes_the_finding(helped, tmp_path):
    from goallint.diagnostics import Span
    from goallint.fixes import Edit, apply_edits

    _, out = helped("--format", "sarif", "--select", "E002")
    [result] = json.loads(out)["runs"][0]["results"]
    edits = [Edit(Span(r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"],
                       r["deletedRegion"]["endLine"], r["deletedRegion"]["endColumn"]), r["insertedContent"]["text"])
             for change in result["fixes"][0]["artifactChanges"] for r in change["replacements"]]
    (tmp_path / "h.goals.yaml").write_text(apply_edits(HELPED, edits), encoding="utf-8")
    code, out = helped("--select", "E002")
    assert (code, out) == (0, "0 errors, 0 warnings, 0 infos in 1 file, 2 goals checked\n")


def test_the_readmes_text_output_example_is_real(tmp_path, monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("  $ goallint check goals/ --today 2026-10-15 --select S002,S004\n", 1)[1]
    shown = [line[2:] for line in block.split("  ```", 1)[0].splitlines()]
    (tmp_path / "goals").mkdir()
    (tmp_path / "goals" / "marketing.goals.yaml").write_text(
        "version: 1\ngoals:\n  - id: leads\n    title: Reach 400 inbound leads per month\n"
        "    owner: Marketing team\n    team: marketing\n    dedline: 2026-12-31\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "goals/", "--today", "2026-10-15", "--select", "S002,S004", "--format", "text"]) == 1
    assert capsys.readouterr().out.splitlines() == shown


def test_vim_reads_the_readmes_concise_setup_into_its_quickfix_list(tmp_path):
    """The README's Vim lines, run by a real Vim (Neovim): every finding lands on its line and column."""
    import shutil
    import subprocess
    import sys

    nvim = shutil.which("nvim")
    assert nvim is not None, "the editor test needs Debian's neovim (apt-get install neovim); .ci/run installs it"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    settings = readme.split("```vim\n", 1)[1].split("```", 1)[0].splitlines()
    assert settings[0].startswith("set makeprg=goallint\\ check\\ --format\\ concise")
    (tmp_path / "h.goals.yaml").write_text(HELPED, encoding="utf-8")
    env = {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}",
           "GOALLINT_TODAY": "2026-10-15"}
    env.pop("GITHUB_ACTIONS", None)
    listing = "call writefile(map(getqflist(), {_, e -> bufname(e.bufnr) . ':' . e.lnum . ':' . e.col . ':' . " \
              "e.valid . ':' . e.text}), 'qf.txt')"
    command = [nvim, "-u", "NONE", "-i", "NONE", "--headless", "h.goals.yaml"]
    for line in [*settings, "silent make", listing, "qa!"]:
        command += ["-c", line]
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    found = (tmp_path / "qf.txt").read_text(encoding="utf-8").splitlines()
    assert [entry.split(" [")[0] for entry in found] == [  # file:line:column:valid:code, nothing unparsed
        *(f"h.goals.yaml:3:5:1:{code}" for code in ("M001", "R001", "S004", "S005", "S006", "T001", "T006")),
        "h.goals.yaml:5:12:1:S002",
        *(f"h.goals.yaml:6:5:1:{code}" for code in ("M001", "R001", "S004", "S005", "S006", "T006")),
        "h.goals.yaml:8:12:1:S002", "h.goals.yaml:9:5:1:E002"]
    assert found[7].endswith(":S002 [warning] owner 'TBD' is a placeholder: nobody is answerable for the goal yet "
                             "(goal a)")


def test_links_name_only_rules_that_have_a_page():
    from goallint.catalog import BUILTIN, Catalog
    from goallint.diagnostics import CheckResult
    from goallint.formats import RenderOptions
    from goallint.formats.text import render
    from goallint.plugin import Rule
    from goallint.rules.specific import OwnerPlaceholder

    class Linked(Rule):
        """A plugin rule with its own page."""

        code, name, severity, documentation_url = "K001", "linked", Severity.INFO, "https://example.com/k001"

    class Unlinked(Rule):
        """A plugin rule without a page."""

        code, name, severity = "K002", "unlinked", Severity.INFO

    catalog = Catalog([(OwnerPlaceholder, BUILTIN), (Linked, "team-rules"), (Unlinked, "team-rules")])
    found = [Diagnostic("a.goals.yaml", 3, 5, 3, 9, code, name, Severity.INFO, "m", None)
             for code, name in (("K002", "unlinked"), ("K001", "linked"), ("S002", "owner-placeholder"))]
    out = render(CheckResult(diagnostics=found, paths=["a.goals.yaml"], catalog=catalog), RenderOptions())
    assert out.splitlines()[3:] == ["K001 linked: https://example.com/k001", f"S002 owner-placeholder: {S002}",
                                    "0 errors, 0 warnings, 3 infos in 1 file, 0 goals checked"]
