"""Documentation that is generated or promised: it must match the code."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from helpers import ROOT, UPDATE_GOLDEN

from goallint.catalog import DOC_HEADINGS, builtin_catalog
from goallint.ruledocs import doc_sections, families_markdown, options_markdown, rules_markdown

README = ROOT / "README.md"


def _section(text: str, name: str) -> str:
    start, end = f"<!-- {name}:start -->\n", f"<!-- {name}:end -->"
    return text.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize(("name", "generate"), [
    ("rules", lambda: rules_markdown(builtin_catalog())),
    ("options", lambda: options_markdown(builtin_catalog())),
    ("families", families_markdown),
])
def test_readme_tables_match_the_catalog(name, generate):
    text = README.read_text(encoding="utf-8")
    if UPDATE_GOLDEN:
        text = text.replace(_section(text, name), generate())
        README.write_text(text, encoding="utf-8")
    assert _section(text, name) == generate(), "refresh with GOALLINT_UPDATE_GOLDEN=1 pytest"


@pytest.mark.parametrize("code", list(builtin_catalog()))
def test_every_rule_documents_every_heading(code):
    rule = builtin_catalog()[code]
    sections = doc_sections(rule)
    assert sections["summary"] and "\n" not in sections["summary"]
    for heading in DOC_HEADINGS:
        assert sections.get(heading), f"{code} has no '{heading}' section"
    for name, spec in rule.options.items():
        assert "default" in spec and spec.get("description"), f"{code} option {name}"


def test_every_rule_is_shown_firing_in_its_tests():
    """Each code appears in an expected ("CODE", line, column ...) of the rule tests."""
    text = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "tests" / "rules").glob("test_*.py"))
    asserted = set(re.findall(r'"([A-Z]\d{3})", \d+, \d+', text))
    assert set(builtin_catalog()) - asserted - {"E008"} == set()  # E008: tests/test_plugins.py


def test_readme_demo_lines_are_real_output():
    demo = README.read_text(encoding="utf-8").split("```console\n", 1)[1].split("```", 1)[0]
    golden = (ROOT / "tests" / "golden" / "flawed.txt").read_text(encoding="utf-8").splitlines()
    for line in demo.splitlines()[1:]:
        if line != "...":
            assert line in golden


def test_readme_set_up_commands_are_the_ones_ci_runs():
    text = README.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install . && goallint check goals.example.yaml" in text
    assert "pip install -e '.[test]' && npm install --prefix .ci/node" in text and "mermaid@11 && pytest" in text
    assert "pip install -e '.[test]'" in ci and re.search(r"^\s*pytest\b", ci, re.MULTILINE)


def test_code_quality_tools_pass():
    """ruff and mypy --strict over the package; they are test dependencies, never skipped."""
    for command in (["ruff", "check", "goallint", "tests"], ["mypy"]):
        done = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr


def test_rule_examples_keep_their_indentation():
    """The first line of an example keeps its indent, so the YAML pastes as it was written."""
    from goallint.ruledocs import documentation

    text = documentation(builtin_catalog()["T001"], "goallint")
    assert "## Example\n\n    - id: leads\n      title: Reach 400 inbound leads per month\n" in text


def test_every_modeline_points_at_a_schema_that_exists():
    """yaml-language-server modelines in the examples and the README resolve to the real schema."""
    files = [ROOT / "goals.example.yaml", *sorted((ROOT / "examples").glob("*.yaml"))]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file() and json.loads(target.read_text())["$id"].endswith("/schemas/goals.schema.json")


def test_schema_write_creates_the_file_the_printed_modeline_names(tmp_path, monkeypatch, capsys):
    from goallint.cli import main
    from goallint.schema import schema_text

    monkeypatch.chdir(tmp_path)
    assert main(["schema", "--write", "schemas/goals.schema.json"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "wrote schemas/goals.schema.json"
    assert out[-1] == "# yaml-language-server: $schema=./schemas/goals.schema.json"
    assert (tmp_path / "schemas" / "goals.schema.json").read_text() == schema_text()
    readme = README.read_text(encoding="utf-8")
    assert "goallint schema --write schemas/goals.schema.json" in readme and out[-1] in readme
