"""Rule plugins installed for real, declarative rules in config, presets and overrides."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

GOALS = """\
version: 1
goals:
  - id: short
    title: Reach 400 leads per month
    owner: kari@example.com
    why: More leads.
  - id: long
    title: Reach 400 leads per month
    owner: kari@example.com
    why: Sales needs 400 leads a month to meet the budget.
  - id: fragile
    title: Reach 400 leads per month
    owner: crash
    why: Short.
"""


def _pip_target(target: Path, *packages: Path) -> None:
    """Install packages into a folder with pip, as a user would, without touching this environment."""
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
               "--disable-pip-version-check", "--target", str(target), *map(str, packages)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def plugins(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    _pip_target(target, ROOT / "examples" / "plugin", ROOT / "tests" / "plugins" / "raising")
    return target


def goallint(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    env.pop("GOALLINT_TODAY", None)
    return subprocess.run([sys.executable, "-m", "goallint", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False)


@pytest.mark.slow
def test_installed_plugin_is_listed_documented_and_fires(plugins, tmp_path):
    (tmp_path / "goals.yaml").write_text(GOALS)
    listing = goallint(plugins, "rules", cwd=tmp_path)
    assert listing.returncode == 0
    line = next(line for line in listing.stdout.splitlines() if line.startswith("K001"))
    assert re.fullmatch(r"K001 +why-too-short +Specific +warning +The goal's why is too short to say what the "
                        r"business gains\. +\[goallint-example-plugin\]", line)
    doc = goallint(plugins, "rule", "K001", cwd=tmp_path)
    assert "Source: goallint-example-plugin." in doc.stdout and "`min_why_words` (default: 6)" in doc.stdout

    found = goallint(plugins, "check", "--select", "K001,S001", "-q", cwd=tmp_path)
    assert (found.returncode, found.stderr) == (0, "")  # warnings only
    assert found.stdout.splitlines() == [
        "goals.yaml:6:10: K001 [warning] why has 2 words; say what the business gains in at least 6 (goal short)",
        "goals.yaml:14:10: K001 [warning] why has 1 words; say what the business gains in at least 6 "
        "(goal fragile)",
    ]

    silenced = goallint(plugins, "check", "--ignore", "K001", "--select", "K,S001", "-q", cwd=tmp_path)
    assert "K001" not in silenced.stdout and silenced.returncode == 0

    (tmp_path / ".goallint.yaml").write_text("select: [K001]\nseverity: {K001: error}\noptions: {min_why_words: 2}\n")
    configured = goallint(plugins, "check", "-q", cwd=tmp_path)
    assert configured.returncode == 1
    assert configured.stdout == "goals.yaml:14:10: K001 [error] why has 1 words; say what the business gains in " \
                                "at least 2 (goal fragile)\n"


@pytest.mark.slow
def test_a_raising_rule_is_an_e008_error_that_cannot_be_hidden(plugins, tmp_path):
    (tmp_path / "goals.yaml").write_text(GOALS)
    done = goallint(plugins, "check", "--select", "Q001,K001", "-q", cwd=tmp_path)
    assert "Traceback" not in done.stderr and done.stderr == ""
    assert done.returncode == 1  # a broken plugin never lets a CI gate pass
    assert done.stdout.splitlines() == [
        "goals.yaml:6:10: K001 [warning] why has 2 words; say what the business gains in at least 6 (goal short)",
        "goals.yaml:11:5: E008 [error] rule Q001 failed on this goal: ZeroDivisionError: division by zero "
        "(goal fragile)",
        "  help: report this to the author of Q001 (`goallint rules` shows where it comes from), or ignore Q001 "
        "until it is fixed",
        "goals.yaml:14:10: K001 [warning] why has 1 words; say what the business gains in at least 6 "
        "(goal fragile)",
    ]
    hidden = goallint(plugins, "check", "--select", "Q001", "--ignore", "E", "-q", cwd=tmp_path)
    assert hidden.returncode == 1 and "E008 [error]" in hidden.stdout
    (tmp_path / "goals.yaml").write_text(GOALS.replace("  - id: fragile", "  - id: fragile  # goallint: disable=E008"))
    suppressed = goallint(plugins, "check", "--select", "Q001", "-q", cwd=tmp_path)
    assert suppressed.returncode == 1 and "E008 [error]" in suppressed.stdout


BAD_PLUGIN = '''
from goallint.plugin import Rule, Severity


class Bad(Rule):
    """A rule with one thing wrong.

    What it checks:
    Nothing.

    Why it matters:
    It shows validation.

    Example:
        owner: x

    Fix:
    None.
    """

    code = "K900"
    name = "bad-rule"
    severity = Severity.WARNING
'''


def _bad_plugin(tmp_path: Path, dist: str, source: str) -> Path:
    package = tmp_path / dist
    module = dist.replace("-", "_")
    (package / module).mkdir(parents=True)
    (package / module / "__init__.py").write_text(source)
    (package / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n'
        f'[project]\nname = "{dist}"\nversion = "0.1.0"\n'
        f'[project.entry-points."goallint.rules"]\nbad = "{module}:Bad"\n'
        f'[tool.setuptools]\npackages = ["{module}"]\n')
    site = tmp_path / f"site-{dist}"
    _pip_target(site, package)
    return site


@pytest.mark.slow
@pytest.mark.parametrize(("dist", "change", "message"), [
    ("no-severity", ("    severity = Severity.WARNING\n", ""),
     "plugin no-severity: rule K900 needs a default severity (severity = Severity.WARNING, ERROR or INFO)"),
    ("reserved-prefix", ('code = "K900"', 'code = "M900"'),
     "plugin reserved-prefix: rule M900 uses the prefix M, which goallint reserves (reserved: A, E, H, M, R, S, T, "
     "U, W)"),
    ("clashing-code", ('code = "K900"', 'code = "K001"'),
     "plugin goallint-example-plugin: rule K001 clashes with K001 from clashing-code"),  # both named
    ("no-docs", ("    Fix:\n    None.\n", ""),
     "plugin no-docs: rule K900 lacks documentation under 'Fix' in its docstring"),
])
def test_a_plugin_that_fails_validation_is_exit_2_naming_it(plugins, tmp_path, dist, change, message):
    site = _bad_plugin(tmp_path, dist, BAD_PLUGIN.replace(*change))
    (tmp_path / "goals.yaml").write_text(GOALS)
    env_path = f"{site}{os.pathsep}{plugins}"
    done = goallint(Path(env_path), "check", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"goallint: error: {message}\n"


@pytest.mark.slow
def test_a_plugin_that_fails_to_import_is_exit_2_naming_it(tmp_path):
    site = tmp_path / "site"
    _pip_target(site, ROOT / "tests" / "plugins" / "broken")
    (tmp_path / "goals.yaml").write_text(GOALS)
    done = goallint(site, "check", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("goallint: error: plugin goallint-broken-plugin: entry point 'broken' failed to load "
                           "(ModuleNotFoundError: No module named 'goallint_module_that_does_not_exist')\n")


def test_writing_rules_doc_shows_the_tested_examples(tmp_path, capsys, monkeypatch):
    from test_config import _check

    doc = (ROOT / "docs" / "writing-rules.md").read_text(encoding="utf-8")
    plugin = ROOT / "examples" / "plugin"
    assert (plugin / "goallint_example_plugin" / "__init__.py").read_text() in doc
    assert (plugin / "pyproject.toml").read_text() in doc
    declarative = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    code, lines, err = _check(tmp_path, declarative, capsys, "--select", "X101")
    assert (code, err) == (0, "")
    assert [line.split(": ", 1)[0] for line in lines] == ["goals.yaml:6:5", "goals.yaml:12:16"]
