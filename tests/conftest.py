"""Fixtures; the helpers they use live in helpers.py (re-exported here for older imports)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import ROOT, TODAY, UPDATE_GOLDEN, golden, problems, run

__all__ = ["ROOT", "TODAY", "UPDATE_GOLDEN", "golden", "problems", "run"]


@pytest.fixture
def lint(tmp_path: Path) -> Any:
    def _lint(text: str, **kwargs: Any) -> list[tuple[str, int, int]]:
        return problems(text, tmp_path, **kwargs)

    return _lint


@pytest.fixture
def lint_result(tmp_path: Path) -> Any:
    """Like ``lint``, but gives the whole CheckResult (messages, goal ids, suppressions)."""

    def _run(text: str, **kwargs: Any) -> Any:
        return run(text, tmp_path, **kwargs)

    return _run
