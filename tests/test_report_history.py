"""The goals' history in the report: real git repositories, built with the git CLI, with set dates and authors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from gitrepo import GOAL, Repo

from goallint.cli import main

TODAY = "2026-03-15"
HOSTILE_REASON = 'launch <img src=x onerror=alert(1)> | @team'


def _moved(tmp_path: Path) -> tuple[Repo, str, str, str]:
    """A goal planned in December, started in January, its target lowered by Bob and its deadline moved
    (with a hostile reason) by Cara; the metric's unit was renamed before the start."""
    repo = Repo(tmp_path / "repo")
    repo.write("goals.yaml", GOAL)
    repo.commit("2025-12-01")
    repo.edit("goals.yaml", "unit: leads", "unit: leads per month")
    planned = repo.commit("2025-12-15", author="Dan Fry")
    repo.edit("goals.yaml", "target: 400", "target: 350")
    lowered = repo.commit("2026-03-02", author="Bob Roe")
    repo.edit("goals.yaml", "deadline: 2026-03-31", "deadline: 2026-04-30")
    repo.edit("goals.yaml", "    checkins:", "    changes:\n      - {field: deadline, to: 2026-04-30, reason: "
              f"{json.dumps(HOSTILE_REASON)}}}\n    checkins:")
    moved = repo.commit("2026-03-10", author="Cara Diaz")
    return repo, planned, lowered, moved


def _report(repo: Repo, fmt: str, *extra: str) -> tuple[int, str, str]:
    code, out, err, _ = repo.cli("report", "goals.yaml", "--format", fmt, "-o", "-", "--today", TODAY, *extra)
    return code, out, err


def _section(markdown: str, heading: str = "### Goalposts moved", end: str = "## Goals") -> list[str]:
    """The Markdown report's "Goalposts moved" part, line by line."""
    start = markdown.index(heading)
    return markdown[start:markdown.index(end, start)].strip().splitlines()


def _goal_data(html: str) -> dict[str, Any]:
    block = re.search(r'<script type="application/json" id="goal-data">(.*?)</script>', html, re.DOTALL)
    assert block is not None
    data: dict[str, Any] = json.loads(block.group(1))
    return data


def _decoded(value: Any, strings: list[str]) -> Any:
    """The data block's reference to a repeated string, read as the page's script reads it."""
    if isinstance(value, str) and value.startswith("\u00a7"):
        return value[1:] if value[1:2] == "\u00a7" else strings[int(value[1:], 36)]
    return value


# -- Markdown ----------------------------------------------------------------------------------------

def test_markdown_counts_and_lists_the_goals_whose_goalposts_moved(tmp_path):
    repo, _planned, lowered, moved = _moved(tmp_path)
    code, out, err = _report(repo, "md")
    assert (code, err) == (0, "")
    assert "1 of 1 goals on track or done; 0 need attention. Goalposts moved after the start: 1.\n" in out
    assert _section(out) == [
        "### Goalposts moved",
        "",
        "Goals whose target, deadline or baseline changed after they started: 1 (0 with a reason given).",
        "",
        f"- **leads** · Reach 400 inbound leads per month: Target 400 → 350 (2 Mar 2026, Bob Roe, {lowered}; "
        "after the start, no reason given); Deadline 31 Mar 2026 → 30 Apr 2026 (10 Mar 2026, Cara Diaz, "
        f"{moved}; reason: launch &lt;img src=x onerror=alert(1)&gt; \\| @\u2060team)",
        "",
        "_Changes read from git: 4 commits._",
    ]


def test_a_goal_whose_every_move_is_explained_is_counted_as_explained(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("goals.yaml", GOAL)
    repo.commit("2026-01-05")
    repo.edit("goals.yaml", "target: 400", "target: 380")
    repo.edit("goals.yaml", "    checkins:", "    changes:\n      - {field: target, from: 400, to: 380, "
              "reason: budget cut}\n    checkins:")
    sha = repo.commit("2026-02-10", author="Bob Roe")
    code, out, _err = _report(repo, "md")
    assert code == 0
    assert _section(out)[2:5] == [
        "Goals whose target, deadline or baseline changed after they started: 1 (1 with a reason given).", "",
        f"- **leads** · Reach 400 inbound leads per month: Target 400 → 380 (10 Feb 2026, Bob Roe, {sha}; "
        "reason: budget cut)"]


def test_changes_before_the_start_are_planning_and_no_goalpost_moved(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("goals.yaml", GOAL)
    repo.commit("2025-11-20")
    repo.edit("goals.yaml", "target: 400", "target: 450")
    sha = repo.commit("2025-12-01", author="Bob Roe")
    code, out, _err = _report(repo, "md")
    assert code == 0 and "Goalposts moved after the start: 0." in out
    assert _section(out) == ["### Goalposts moved", "",
                             "No goal had its target, deadline or baseline changed after it started.", "",
                             "_Changes read from git: 2 commits._"]
    code, html, _err = _report(repo, "html")
    data = _goal_data(html)
    [card] = data["goals"]
    assert [[_decoded(v, data["strings"]) for v in change] for change in card["h"]] == [
        ["1 Dec 2025", "field_target", "400", "450", "Bob Roe", sha, "before the start (planning)", 0]]
    assert 'id="moved-heading"' in html and '<table class="moved">' not in html


def test_uncommitted_edits_are_dated_today_and_said_to_be_uncommitted(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("goals.yaml", GOAL)
    repo.commit("2026-01-05")
    repo.edit("goals.yaml", "deadline: 2026-03-31", "deadline: 2026-06-30")
    code, out, _err = _report(repo, "md")
    assert code == 0
    assert _section(out)[4] == ("- **leads** · Reach 400 inbound leads per month: Deadline 31 Mar 2026 → 30 Jun 2026 "
                                "(15 Mar 2026, Ann Lee, not committed; after the start, no reason given)")


def test_history_since_shows_only_the_changes_after_it(tmp_path):
    repo, _planned, _lowered, moved = _moved(tmp_path)
    code, out, err = _report(repo, "md", "--history-since", "HEAD~1")
    assert (code, err) == (0, "")
    section = _section(out)
    assert section[4] == (f"- **leads** · Reach 400 inbound leads per month: Deadline 31 Mar 2026 → 30 Apr 2026 "
                          f"(10 Mar 2026, Cara Diaz, {moved}; reason: launch &lt;img src=x onerror=alert(1)&gt; "
                          "\\| @\u2060team)")
    assert section[-1] == "_Changes read from git: 1 commits since HEAD\\~1._"


def test_norwegian_history(tmp_path):
    repo, _planned, lowered, _moved_sha = _moved(tmp_path)
    code, out, _err = _report(repo, "md", "--lang", "nb")
    assert code == 0
    section = _section(out, "### Flyttede målstolper", "## Målene")
    assert section[4].startswith(f"- **leads** · Reach 400 inbound leads per month: Målverdi 400 → 350 "
                                 f"(2\\. mars 2026, Bob Roe, {lowered}; etter oppstart, uten begrunnelse); Frist ")


def test_summary_lists_no_more_moved_goals_than_it_shows(tmp_path):
    count = 600
    title = "A long goal title that takes room " * 3
    goals = "".join(f"  - id: g{n:03}\n    title: {title}{n}\n    owner: Ann\n    start: 2026-01-01\n"
                    f"    deadline: 2026-06-30\n    metric: {{baseline: 0, target: {1000 + n}}}\n"
                    for n in range(count))
    repo = Repo(tmp_path / "repo")
    repo.write("goals.yaml", "version: 1\ngoals:\n" + goals)
    repo.commit("2026-01-05")
    repo.write("goals.yaml", "version: 1\ngoals:\n" + goals.replace("target: 1", "target: 2"))
    repo.commit("2026-02-01", author="Bob Roe")
    code, out, _err = _report(repo, "md")
    assert code == 0 and sum(1 for line in _section(out) if line.startswith("- **g")) == count
    code, out, _err = repo.cli("report", "goals.yaml", "--summary", "-o", "-", "--today", TODAY)[:3]
    shown = re.search(r"_Summary: (\d+) of 600 goals listed", out)
    assert code == 0 and len(out) <= 65_536 and shown is not None and 0 < int(shown.group(1)) < count
    assert sum(1 for line in _section(out, end="_Summary") if line.startswith("- **g")) == int(shown.group(1))
    assert "Goals whose target, deadline or baseline changed after they started: 600 (0 with a reason given)." in out


# -- HTML --------------------------------------------------------------------------------------------

def test_html_lists_moved_goalposts_and_gives_each_card_its_changes(tmp_path):
    repo, planned, lowered, moved = _moved(tmp_path)
    code, html, err = _report(repo, "html")
    assert (code, err) == (0, "")
    assert "<p class=\"headline\">1 of 1 goals on track or done; 0 need attention. Goalposts moved after the " \
           "start: 1.</p>" in html
    rows = re.search(r'<table class="moved">.*?<tbody>(.*?)</tbody>', html, re.DOTALL)
    assert rows is not None
    assert rows.group(1).strip().splitlines() == [
        '<tr><th scope="row"><a href="#g1">Reach 400 inbound leads per month</a></th><td>Target: 400 → 350</td>'
        '<td class="date"><time datetime="2026-03-02">2 Mar 2026</time></td>'
        f'<td>Bob Roe · <code>{lowered}</code></td><td>after the start, no reason given</td></tr>',
        '<tr><th scope="row"><a href="#g1">Reach 400 inbound leads per month</a></th>'
        '<td>Deadline: 31 Mar 2026 → 30 Apr 2026</td><td class="date"><time datetime="2026-03-10">10 Mar 2026</time>'
        f'</td><td>Cara Diaz · <code>{moved}</code></td>'
        '<td>launch &lt;img src=x onerror=alert(1)&gt; | @team</td></tr>',
    ]
    assert '<p class="legend">Changes read from git: 4 commits.</p>' in html
    data = _goal_data(html)
    [card] = data["goals"]
    assert [[_decoded(v, data["strings"]) for v in change] for change in card["h"]] == [
        ["15 Dec 2025", "field_unit", "leads", "leads per month", "Dan Fry", planned, "before the start (planning)", 0],
        ["2 Mar 2026", "field_target", "400", "350", "Bob Roe", lowered, "after the start, no reason given", 1],
        ["10 Mar 2026", "field_deadline", "31 Mar 2026", "30 Apr 2026", "Cara Diaz", moved,
         f"reason: {HOSTILE_REASON}", 1],
    ]
    assert data["labels"]["field_unit"] == "Unit" and data["labels"]["changes"] == "Changes over time"
    assert "<img" not in html.split('id="goal-data">')[1].split("</script>")[0]  # escaped inside the data block


def test_without_history_the_report_says_nothing_of_it(tmp_path):
    repo, *_ = _moved(tmp_path)
    code, html, err = _report(repo, "html", "--no-history")
    assert (code, err) == (0, "")
    assert "moved" not in html.split("<style>")[0] + html.split("</style>")[1].split("<script>")[0]
    assert "Goalposts" not in html and '"h":' not in html and "field_target" not in html


# -- no git, no repository, bad revisions --------------------------------------------------------------

def _plain_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "goals.yaml").write_text(GOAL, encoding="utf-8")
    return folder


def _in(folder: Path, *args: str) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-m", "goallint", "report", "goals.yaml", "--format", "md", "-o", "-",
                           "--today", TODAY, *args], cwd=folder, capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout, done.stderr


def test_outside_a_repository_the_report_is_plain_and_quiet(tmp_path):
    code, out, err = _in(_plain_folder(tmp_path))
    assert (code, err) == (0, "")
    assert "Goalposts" not in out and out.count("\n## ") == 5


def test_history_since_outside_a_repository_is_one_line_and_exit_2(tmp_path):
    code, out, err = _in(_plain_folder(tmp_path), "--history-since", "HEAD")
    assert (code, out) == (2, "")
    assert err == f"goallint: error: {tmp_path / 'plain'}: not inside a git repository; history needs one\n"


def test_without_git_on_path_the_report_is_plain(tmp_path):
    repo, *_ = _moved(tmp_path)
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}  # python, and no git
    done = subprocess.run([sys.executable, "-m", "goallint", "report", "goals.yaml", "--format", "md", "-o", "-",
                           "--today", TODAY], cwd=repo.path, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0 and "Goalposts" not in done.stdout
    assert done.stderr == ""
    done = subprocess.run([sys.executable, "-m", "goallint", "report", "goals.yaml", "--format", "md", "-o", "-",
                           "--history-since", "HEAD"], cwd=repo.path, capture_output=True, text=True, timeout=60,
                          env=env)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "goallint: error: git is not installed (or not on PATH); history needs it\n"


def test_revisions_that_do_not_resolve_or_look_like_options_are_exit_2(tmp_path):
    repo, *_ = _moved(tmp_path)
    code, out, err = _report(repo, "md", "--history-since", "no-such-tag")
    assert (code, out, err) == (2, "", "goallint: error: 'no-such-tag' does not name a commit in this repository\n")
    code, out, err = _report(repo, "md", "--history-since=--upload-pack=touch x")
    assert (code, out) == (2, "")
    assert err == "goallint: error: '--upload-pack=touch x' is not a revision (a revision may not start with '-')\n"
    assert not (repo.path / "x").exists()
    assert main(["report", "--no-history", "--history-since", "HEAD"]) == 2


def test_a_repository_with_no_commits_gives_a_plain_report(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("goals.yaml", GOAL)
    code, out, err = _report(repo, "md")
    assert (code, err) == (0, "") and "Goalposts" not in out


def test_a_shallow_clone_warns_and_the_report_says_how_far_history_reaches(tmp_path):
    repo, _planned, _lowered, moved = _moved(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.path.as_uri(), str(clone)], check=True,
                   capture_output=True)
    shallow = Repo.__new__(Repo)
    shallow.path = clone
    code, out, err = _report(shallow, "md")
    warning = (f"this is a shallow clone: history reaches back only to {moved} (2026-03-10); changes made before it "
               "are not judged (fetch the full history with 'git fetch --unshallow')")
    assert code == 0 and err == f"goallint: warning: {warning}\n"
    section = _section(out)
    assert section[2] == "No goal had its target, deadline or baseline changed after it started."
    assert section[-1].startswith("_Changes read from git: 1 commits. this is a shallow clone: history reaches "
                                  f"back only to {moved} (2026-03-10)")
