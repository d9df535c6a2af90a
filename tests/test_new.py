"""`goallint new`: the SMART questions answered from a file, from options and in a real terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml

from goallint.cli import main

EXISTING = """\
# Marketing's goals. Keep this comment.
version: 1

objectives:
  - id: grow-pipeline
    title: Build a predictable sales pipeline
    owner: ingrid@example.com   # the CMO
    why: Sales plans from the pipeline.
    deadline: 2026-12-31

goals:
  # The first goal, commented.
  - id: organic-traffic
    title: Grow organic search visits from 12,000 to 18,000 per month
    owner: ola@example.com
    team: marketing
    parent: grow-pipeline
    why: Organic search is our cheapest source of leads.
    resources: [1 content writer]
    start: 2026-01-01
    deadline: 2026-12-31
    metric:
      name: organic search visits per month
      unit: visits/month
      baseline: 12000
      baseline_date: 2025-12-31
      target: 18000
      source: Web analytics
      cadence: monthly
    milestones:
      - {date: 2026-06-30, target: 15000}
    # an indented comment that belongs to the goal

# A comment about what follows the goals.
period: 2026
"""

ANSWERS = {
    "title": "Øke antall leads fra 250 til 400 innen Q4 2026 (eier: Kari Ødegård)",
    "team": "marketing",
    "why": "Salg trenger 400 leads i måneden for å nå budsjettet.",
    "resources": ["NOK 250 000 til annonser", "en skribent"],
    "metric": {"source": "CRM-rapport «Leads per måned»", "cadence": "monthly"},
}

NEW_GOAL = [
    '  - id: "oke-antall-leads-fra-250-til"',
    '    title: "Øke antall leads fra 250 til 400 innen Q4 2026 (eier: Kari Ødegård)"',
    '    owner: "Kari Ødegård"',
    '    team: "marketing"',
    '    why: "Salg trenger 400 leads i måneden for å nå budsjettet."',
    '    resources: ["NOK 250 000 til annonser", "en skribent"]',
    '    start: "2026-10-01"',
    '    deadline: "2026-12-31"',
    "    metric:",
    '      name: "antall leads"',
    '      unit: "leads"',
    "      baseline: 250",
    '      baseline_date: "2026-10-01"',
    "      target: 400",
    '      source: "CRM-rapport «Leads per måned»"',
    '      cadence: "monthly"',
]


@pytest.fixture
def run(capsys: Any, monkeypatch: Any, tmp_path: Path) -> Any:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GOALLINT_TODAY", raising=False)

    def _run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--today", "2026-10-01"])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.mark.parametrize("name", ["answers.json", "answers.yaml"])
def test_answers_file_appends_the_goal_and_leaves_every_other_byte(run: Any, tmp_path: Path, name: str) -> None:
    goals = tmp_path / "team.goals.yaml"
    goals.write_text(EXISTING, encoding="utf-8")
    written = (json.dumps(ANSWERS, ensure_ascii=False) if name.endswith(".json")
               else yaml.safe_dump(ANSWERS, allow_unicode=True))
    (tmp_path / name).write_text(written, encoding="utf-8")
    code, out, err = run("new", "team.goals.yaml", "--answers", name)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "added goal 'oke-antall-leads-fra-250-til' to team.goals.yaml"
    lines = EXISTING.splitlines()
    at = lines.index("    # an indented comment that belongs to the goal") + 1
    assert goals.read_text(encoding="utf-8") == "\n".join([*lines[:at], *NEW_GOAL, *lines[at:]]) + "\n"
    assert run("check", "team.goals.yaml")[0] == 0
    code, out, _ = run("check", "team.goals.yaml", "--fail-on", "warning", "--format", "json")
    findings = [(d["code"], d["goal"]) for d in json.loads(out)["diagnostics"]]
    assert ("R001", "oke-antall-leads-fra-250-til") in findings  # the one thing the questions do not ask
    mine = [code for code, goal in findings if goal == "oke-antall-leads-fra-250-til"]
    assert not any(code.startswith(("E", "S", "T")) for code in mine)


def test_options_write_a_new_file_that_passes_check(run: Any, tmp_path: Path) -> None:
    code, _, err = run("new", "new.goals.yaml", "--title", "Reach 50 webinar sign-ups per month by 2026-12-31",
                         "--owner", "kari@example.com", "--team", "marketing", "--why", "Webinars book meetings.",
                         "--resources", "webinar tool; 2 hours a week", "--baseline", "20", "--source",
                         "Webinar tool, registrations", "--cadence", "weekly")
    assert (code, err) == (0, "")
    data = yaml.safe_load((tmp_path / "new.goals.yaml").read_text(encoding="utf-8"))
    assert data["version"] == 1
    goal = data["goals"][0]
    assert (goal["id"], goal["deadline"], goal["start"]) == ("reach-50-webinar-sign-ups-per", "2026-12-31",
                                                             "2026-10-01")
    assert goal["resources"] == ["webinar tool", "2 hours a week"]
    assert {k: goal["metric"][k] for k in ("baseline", "target", "cadence")} == {"baseline": 20, "target": 50,
                                                                                  "cadence": "weekly"}
    assert run("check", "new.goals.yaml")[0] == 0


def test_goals_list_empty_or_missing_and_crlf_files(run: Any, tmp_path: Path) -> None:
    (tmp_path / "empty.goals.yaml").write_text("version: 1\ngoals: []  # none yet\n", encoding="utf-8")
    (tmp_path / "none.goals.yaml").write_bytes(b"# header\r\nversion: 1\r\nperiod: 2026\r\n")
    for name in ("empty.goals.yaml", "none.goals.yaml"):
        assert run("new", name, "--title", "Sell 10 cars by 2026-12-31", "--no-input")[0] == 1  # errors: not written
        assert run("new", name, "--title", "Sell 10 cars by 2026-12-31", "--owner", "Ola", "--team", "sales",
                   "--why", "Revenue.", "--baseline", "4", "--source", "CRM", "--resources", "a car lot")[0] == 0
    assert (tmp_path / "empty.goals.yaml").read_text(encoding="utf-8").splitlines()[:3] == [
        "version: 1", "goals:  # none yet", '  - id: "sell-10-cars-by-2026-12"']
    raw = (tmp_path / "none.goals.yaml").read_bytes()
    assert raw.startswith(b'# header\r\nversion: 1\r\nperiod: 2026\r\ngoals:\r\n  - id: "sell-10-cars-by-2026-12"\r\n')
    assert raw.count(b"\n") == raw.count(b"\r\n")


def test_a_goal_with_errors_is_not_written(run: Any, tmp_path: Path) -> None:
    goals = tmp_path / "team.goals.yaml"
    goals.write_text(EXISTING, encoding="utf-8")
    code, out, err = run("new", "team.goals.yaml", "--title", "Be better at sales", "--no-input")
    assert code == 1
    assert [line.split(" [")[0] for line in out.splitlines() if "[error]" in line] == [
        "team.goals.yaml:33:5: M001", "team.goals.yaml:33:5: S001", "team.goals.yaml:33:5: T001"]
    assert out.splitlines()[-1].startswith("3 errors, ")
    assert err == ("goal 'be-better-at-sales' was not added to team.goals.yaml: fix the errors above and run "
                   "goallint new again\n")
    assert goals.read_text(encoding="utf-8") == EXISTING


@pytest.mark.parametrize(("answers", "says"), [
    ({"title": "Sell 10 cars", "deadline": "snart"}, "a.yaml: deadline: 'snart' is not a date"),
    ({"title": "Sell 10 cars", "target": "many"}, "a.yaml: target: 'many' is not a number"),
    ({"title": "Sell 10 cars", "cadence": "sometimes"}, "a.yaml: cadence: 'sometimes' is not one of daily, weekly"),
    ({"title": "Sell 10 cars", "colour": "red"}, "a.yaml: unknown answer 'colour' (known: title, owner"),
    ({"owner": "Ola"}, "a.yaml: title: no answer to 'What will be done?'; a goal needs a title"),
    ({"title": "Sell 10 cars", "start": "2026-12-01", "deadline": "2026-11-01"},
     "a.yaml: deadline: 2026-11-01 is before the start 2026-12-01"),
    ({"title": "Grow organic search", "id": "organic-traffic"},
     "a.yaml: id: a goal with id 'organic-traffic' is already in the file"),
])
def test_bad_answers_exit_2_with_one_line(run: Any, tmp_path: Path, answers: dict[str, str], says: str) -> None:
    (tmp_path / "team.goals.yaml").write_text(EXISTING, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    code, out, err = run("new", "team.goals.yaml", "--answers", "a.yaml")
    assert (code, out) == (2, "")
    assert err.startswith(f"goallint: error: {says}") and err.count("\n") == 1
    assert (tmp_path / "team.goals.yaml").read_text(encoding="utf-8") == EXISTING


def test_options_without_a_title_exit_2(run: Any) -> None:
    assert run("new", "x.goals.yaml", "--owner", "Ola") == (
        2, "", "goallint: error: title: no answer to 'What will be done?'; a goal needs a title\n")


@pytest.mark.parametrize(("text", "says"), [
    ("version: 1\ngoals: [{id: a, title: A}]\n", "its goals are written as a flow list"),
    ("version: 1\ngoals:\n  - id: a\n    title: [unclosed\n", "cannot add a goal to a file that is not valid YAML"),
    ("{version: 1, goals: []}\n", "its layout is one that goallint cannot append a goal to as text"),
])
def test_files_it_cannot_append_to_exit_2(run: Any, tmp_path: Path, text: str, says: str) -> None:
    (tmp_path / "x.goals.yaml").write_text(text, encoding="utf-8")
    code, _, err = run("new", "x.goals.yaml", "--title", "Sell 10 cars by 2026-12-31")
    assert code == 2 and says in err and err.count("\n") == 1
    assert (tmp_path / "x.goals.yaml").read_text(encoding="utf-8") == text


def test_questions_in_a_real_terminal_prefilled_from_the_first_answer(tmp_path: Path) -> None:
    (tmp_path / "team.goals.yaml").write_text(EXISTING, encoding="utf-8")
    env = {**os.environ, "GOALLINT_TODAY": "2026-10-01", "COLUMNS": "200", "TERM": "dumb"}
    child = pexpect.spawn(sys.executable, ["-m", "goallint", "new", "team.goals.yaml"], cwd=str(tmp_path),
                          env=env, encoding="utf-8", timeout=60, dimensions=(40, 200))
    child.expect_exact("What will be done?")
    child.sendline(ANSWERS["title"])
    child.expect_exact("From the sentence: owner Kari Ødegård, deadline 2026-12-31, metric antall leads, "
                       "unit leads, baseline 250, target 400.")
    child.expect_exact("Who is responsible? (one person) [Kari Ødegård]: ")
    child.sendline("")
    child.expect_exact("Where in the business does it happen? (team): ")
    child.sendline("marketing")
    child.expect_exact("When does the work start? (YYYY-MM-DD or a period such as 2026-Q3) [2026-10-01]: ")
    child.sendline("")
    child.expect_exact("[2026-12-31]: ")
    child.sendline("snart")
    child.expect_exact("Error: deadline: 'snart' is not a date")
    child.expect_exact("[2026-12-31]: ")
    child.sendline("31.12.2026")
    child.expect_exact("Which resources will be used?")
    child.sendline("NOK 250 000 til annonser; en skribent")
    child.expect_exact("Why: what does the business gain")
    child.sendline(ANSWERS["why"])
    child.expect_exact("Which objective does it serve? (grow-pipeline): ")
    child.sendline("grow-pipelin")
    child.expect_exact("Error: parent: 'grow-pipelin' is not one of grow-pipeline")
    child.sendline("grow-pipeline")
    for default in ("[antall leads]: ", "[leads]: ", "[250]: ", "[400]: "):
        child.expect_exact(default)
        child.sendline("")
    child.expect_exact("Where is it measured?")
    child.sendline("CRM-rapport «Leads per måned»")
    child.expect_exact("How often is it measured?")
    child.sendline("monthly")
    child.expect_exact("added goal 'oke-antall-leads-fra-250-til' to team.goals.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = (tmp_path / "team.goals.yaml").read_text(encoding="utf-8")
    lines = EXISTING.splitlines()
    at = lines.index("    # an indented comment that belongs to the goal") + 1
    added = [*NEW_GOAL[:2], '    parent: "grow-pipeline"', *NEW_GOAL[2:]]
    assert text == "\n".join([*lines[:at], *added, *lines[at:]]) + "\n"
    done = subprocess.run([sys.executable, "-m", "goallint", "check", "team.goals.yaml", "--fail-on", "warning"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert [line for line in done.stdout.splitlines() if "oke-antall-leads" in line] == []  # no finding at all
    assert done.stdout.splitlines()[-1].startswith("0 errors, ")


def test_a_file_of_comments_only_becomes_a_goal_file_under_them(run: Any, tmp_path: Path) -> None:
    (tmp_path / "c.goals.yaml").write_text("# Sales goals for 2026\n# owner: the sales lead\n", encoding="utf-8")
    assert run("new", "c.goals.yaml", "--title", "Sell 10 cars by 2026-12-31", "--owner", "Ola", "--team", "sales",
               "--why", "Revenue.", "--baseline", "4", "--source", "CRM", "--resources", "a car lot")[0] == 0
    assert (tmp_path / "c.goals.yaml").read_text(encoding="utf-8").splitlines()[:5] == [
        "# Sales goals for 2026", "# owner: the sales lead", "version: 1", "goals:",
        '  - id: "sell-10-cars-by-2026-12"']
