"""Helpers shared by the tests: lint inline YAML and compare (code, line, column)."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest

from goallint.config import Settings
from goallint.linter import CheckResult, check

TODAY = dt.date(2026, 10, 15)
ROOT = Path(__file__).resolve().parent.parent
UPDATE_GOLDEN = os.environ.get("GOALLINT_UPDATE_GOLDEN") == "1"


def run(text: str, tmp_path: Path, *, select: str | None = None, today: dt.date = TODAY,
        name: str = "test.goals.yaml", **settings: Any) -> CheckResult:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    config = Settings(root=tmp_path)
    if select is not None:
        config.select = select.split(",")
    for key, value in settings.items():
        if key == "options":
            config.options.update(value)
        else:
            setattr(config, key, value)
    return check([path], config, today, cwd=tmp_path)


def problems(text: str, tmp_path: Path, **kwargs: Any) -> list[tuple[str, int, int]]:
    """(code, line, column) of every diagnostic, in output order."""
    return [(d.code, d.line, d.column) for d in run(text, tmp_path, **kwargs).diagnostics]


@pytest.fixture
def lint(tmp_path: Path) -> Any:
    def _lint(text: str, **kwargs: Any) -> list[tuple[str, int, int]]:
        return problems(text, tmp_path, **kwargs)

    return _lint


def golden(path: Path, actual: str) -> None:
    """Compare with a golden file; GOALLINT_UPDATE_GOLDEN=1 rewrites it instead."""
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == actual, f"{path.name} differs; refresh with GOALLINT_UPDATE_GOLDEN=1"


@pytest.fixture
def lint_result(tmp_path: Path) -> Any:
    """Like ``lint``, but gives the whole CheckResult (messages, goal ids, suppressions)."""

    def _run(text: str, **kwargs: Any) -> CheckResult:
        return run(text, tmp_path, **kwargs)

    return _run


@pytest.fixture(autouse=True)
def _forget_config_rules() -> Any:
    """Declarative rules a test's config registered do not leak into the next test."""
    yield
    from goallint.registry import unregister

    unregister("config")
