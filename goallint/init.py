"""``goallint init``: the files a team needs to start, as data; the CLI asks and writes.

A starter config, a first goal file that passes on the day it is written, a pre-commit
entry and a GitHub workflow, each pinned to this release's tag.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import __homepage__ as REPOSITORY
from . import __version__

GOALS_FILE = "goals/team.goals.yaml"

CONFIG = """\
# goallint's settings for this repository: https://github.com/goallint/goallint#configuration
# Goal files are named goals.yaml or *.goals.yaml; add globs here for other names.
include: []
exclude: []
# Turn rules off, or change their severity (error, warning, info, off):
ignore: []
severity: {{}}
# Known findings that do not fail a run (goallint check --update-baseline writes it):
# baseline: goallint-baseline.json
"""

GOALS = """\
# Your first goal file. Check it with: goallint check {path}
version: 1

objectives:
  - id: keep-users
    title: Keep the users we win
    owner: you@example.com
    why: Growth only counts when new users stay.
    deadline: {deadline}

goals:
  - id: weekly-users
    title: Raise weekly active users from 1000 to 1200
    owner: you@example.com
    team: product
    parent: keep-users
    why: Weekly active users show whether the product keeps its users.
    resources: [two developers, the analytics tool]
    metric:
      name: weekly active users
      unit: users/week
      baseline: 1000
      baseline_date: {start}
      target: 1200
      source: product analytics, weekly active users
    start: {start}
    deadline: {deadline}
"""

PRE_COMMIT = """\
# pre-commit checks the goal files a commit touches: pre-commit install
repos:
  - repo: {repository}
    rev: v{version}
    hooks:
      - id: goallint
"""

WORKFLOW = """\
name: goals
on: [push, pull_request]
permissions:
  contents: read
  actions: read            # for code scanning in private repositories
  security-events: write   # for the SARIF upload
jobs:
  goallint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v6
      - uses: goallint/goallint@v{version}
        with:
          paths: goals/
          sarif-file: goallint.sarif
"""


@dataclass(frozen=True)
class Starter:
    """One file ``init`` writes: where, and what."""

    path: str
    text: str
    what: str


def starter_files(today: dt.date) -> list[Starter]:
    """The files, in the order they are written; the goal's dates are worked out from ``today``."""
    goals = GOALS.format(path=GOALS_FILE, start=today.isoformat(),
                         deadline=(today + dt.timedelta(weeks=12)).isoformat())
    return [
        Starter(".goallint.yaml", CONFIG.format(), "config"),
        Starter(GOALS_FILE, goals, "first goal file"),
        Starter(".pre-commit-config.yaml", PRE_COMMIT.format(repository=REPOSITORY, version=__version__),
                "pre-commit entry"),
        Starter(".github/workflows/goallint.yml", WORKFLOW.format(version=__version__), "GitHub workflow"),
    ]


def target(folder: Path, starter: Starter) -> Path:
    return folder / starter.path
