"""The realistic corpus: goals teams wrote, from public guides, checked as a whole.

Every goal in tests/corpus/realistic carries an ``# intent: clean`` or ``# intent: flawed``
comment. A clean goal must get no warning and no error; a flawed one exactly the codes
listed for it in expected.yaml (infos are not part of the verdict).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import ROOT, UPDATE_GOLDEN

from goallint import loader
from goallint.config import Settings
from goallint.diagnostics import Severity
from goallint.linter import check

CORPUS = ROOT / "tests" / "corpus" / "realistic"
EXPECTED = CORPUS / "expected.yaml"
INTENT = re.compile(r"^\s*# intent: (clean|flawed)\b")
GOAL_ID = re.compile(r"^\s*- id: (\S+)\s*$")


def intents() -> dict[str, str]:
    """Goal id -> "clean" or "flawed", from the comment above each goal."""
    found: dict[str, str] = {}
    for path in sorted(CORPUS.glob("*.goals.yaml")):
        pending = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := INTENT.match(line):
                pending = match.group(1)
            elif (match := GOAL_ID.match(line)) and pending is not None:
                assert match.group(1) not in found, f"goal id {match.group(1)} is used twice"
                found[match.group(1)] = pending
                pending = None
    return found


@pytest.fixture(scope="module")
def findings() -> dict[str, list[str]]:
    """Goal id -> the sorted codes of its warnings and errors."""
    paths = sorted(CORPUS.glob("*.goals.yaml"))
    result = check(paths, Settings(root=ROOT), dt.date(2026, 10, 15), cwd=ROOT)
    codes: dict[str, set[str]] = defaultdict(set)
    for diagnostic in result.diagnostics:
        if diagnostic.severity >= Severity.WARNING and diagnostic.goal is not None:
            codes[diagnostic.goal].add(diagnostic.code)
    goals = [item.id for item in result.items if item.kind == "goal" and item.id is not None]
    return {goal_id: sorted(codes[goal_id]) for goal_id in goals}


def _expected() -> dict[str, list[str]]:
    data = loader.parse(EXPECTED.read_text(encoding="utf-8")).data
    assert isinstance(data, dict)
    return {str(key): list(value) for key, value in data.items()}


def _refresh(findings: dict[str, list[str]], labels: dict[str, str]) -> None:
    head = [line for line in EXPECTED.read_text(encoding="utf-8").splitlines() if line.startswith("# ")][:5]
    lines = [*head, ""]
    for path in sorted(CORPUS.glob("*.goals.yaml")):
        ids = [m.group(1) for line in path.read_text(encoding="utf-8").splitlines() if (m := GOAL_ID.match(line))]
        flawed = [goal_id for goal_id in ids if labels.get(goal_id) == "flawed"]
        if flawed:
            lines.append(f"# {Path(path).name}")
            lines += [f"{goal_id}: [{', '.join(findings[goal_id])}]" for goal_id in flawed]
    EXPECTED.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_corpus_is_large_and_labelled(findings):
    labels = intents()
    assert set(findings) <= set(labels), "every goal needs an '# intent:' comment"
    assert len(findings) >= 60
    assert sum(1 for goal_id in findings if labels[goal_id] == "clean") >= 30
    assert sum(1 for goal_id in findings if labels[goal_id] == "flawed") >= 20


def test_clean_goals_get_no_warning_or_error(findings):
    labels = intents()
    noisy = {goal_id: codes for goal_id, codes in findings.items() if labels[goal_id] == "clean" and codes}
    assert noisy == {}


def test_flawed_goals_get_exactly_the_expected_codes(findings):
    labels = intents()
    if UPDATE_GOLDEN:
        _refresh(findings, labels)
    expected = _expected()
    assert set(expected) == {goal_id for goal_id in findings if labels[goal_id] == "flawed"}
    assert {goal_id: findings[goal_id] for goal_id in expected} == expected
    assert all(expected.values()), "a flawed goal must get at least one finding"
