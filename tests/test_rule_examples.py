"""Every rule's documented Example is checked, and so is its Fix: the docs cannot drift from the rules.

A rule's "Example:" section is an indented YAML block, and its "Fix:" section prose then
an indented YAML block: the corrected example. Each is checked on its own as one goal file
(today 2026-06-15, only the rule's code selected). The Example must give at least one
finding of the rule whose help names something the Fix changes; the Fix must give none;
and where the finding carries edits, making them must make the finding go away too.

A block is either goal list items (``- id: ...``), wrapped into a goal file of period 2026,
or a whole document starting with ``version:``.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from helpers import run

from goallint.catalog import builtin_catalog
from goallint.diagnostics import Diagnostic
from goallint.fixes import apply_edits
from goallint.ruledocs import doc_sections

# Rules whose Example cannot be one goal file checked on one day; each has its own help test.
NOT_ONE_FILE = {
    "E008": "needs a plugin rule that fails (tests/test_plugins.py)",
    "H001": "needs the goal file's git history (tests/rules/test_history_rules.py)",
    "H002": "needs the goal file's git history (tests/rules/test_history_rules.py)",
    "H003": "needs the goal file's git history (tests/rules/test_history_rules.py)",
    "H004": "needs the goal file's git history (tests/rules/test_history_rules.py)",
    "H005": "needs the goal file's git history (tests/rules/test_history_rules.py)",
    "H006": "needs the goal file's git history (tests/rules/test_history_rules.py)",
}

TODAY = dt.date(2026, 6, 15)
_BLOCK = "    "
_HEADER = "version: 1\nperiod: 2026\ngoals:\n"
_TOKEN = re.compile(r"[\w@%/.:+-]+")


def _block(section: str) -> str:
    """The first indented block of a doc section, dedented; prose before and after it is left out."""
    lines = section.splitlines()
    while lines and not lines[0].startswith(_BLOCK):
        lines.pop(0)
    code: list[str] = []
    while lines and (lines[0].startswith(_BLOCK) or not lines[0].strip()):
        code.append(lines.pop(0))
    return textwrap.dedent("\n".join(code)).strip("\n") + "\n" if code else ""


def _document(block: str) -> str:
    if block.startswith("version:"):
        return block
    return _HEADER + textwrap.indent(block, "  ")


def _tokens(text: str) -> Counter[str]:
    """Keys and values, as words: ``{date: 2026-03-31, target: 290}`` -> date, 2026-03-31, target, 290."""
    found = Counter(token.strip(".:-'\"`") for token in _TOKEN.findall(text))
    del found[""]
    return found


def _changed(example: str, fixed: str) -> set[str]:
    """The words the Fix adds, removes, or uses a different number of times than the Example."""
    before, after = _tokens(example), _tokens(fixed)
    return {token for token in before | after if before[token] != after[token]}


def _findings(text: str, code: str, tmp_path: Path) -> tuple[list[Diagnostic], str]:
    """The rule's findings on ``text``; the document must be a valid goal file besides."""
    result = run(text, tmp_path, select=code, today=TODAY)
    broken = [f"{d.code} {d.message}" for d in result.diagnostics if d.code != code and d.code.startswith("E")]
    assert not broken, f"{code}: the documented goal file is not valid: {broken}\n{text}"
    return [d for d in result.diagnostics if d.code == code], text


def _cases() -> list[object]:
    out: list[object] = []
    for code in builtin_catalog().builtin():
        if code in NOT_ONE_FILE:
            continue
        out.append(pytest.param(code, id=code))
    return out


def _example_and_fix(code: str) -> tuple[str, str]:
    sections = doc_sections(builtin_catalog().builtin()[code])
    example, fix = _block(sections.get("Example", "")), _block(sections.get("Fix", ""))
    assert example, f"{code}: the Example section has no indented YAML block"
    assert fix, f"{code}: the Fix section has no indented YAML block (the corrected example)"
    return _document(example), _document(fix)


@pytest.mark.parametrize("code", _cases())
def test_example_fires_and_fix_clears(code: str, tmp_path: Path) -> None:
    example, fixed = _example_and_fix(code)
    found, _ = _findings(example, code, tmp_path)
    assert found, f"{code}: its Example gives no {code} finding:\n{example}"
    changed = _changed(example, fixed)
    for diagnostic in found:
        assert diagnostic.help, f"{code}: no help on {diagnostic.message!r}"
        named = set(_tokens(diagnostic.help)) & changed
        assert named, f"{code}: help {diagnostic.help!r} names nothing the Fix changes ({sorted(changed)})"
    left, _ = _findings(fixed, code, tmp_path)
    assert not left, f"{code}: its Fix still gives {[d.message for d in left]}:\n{fixed}"
    edits = [edit for d in found if d.fix is not None for edit in d.fix.edits]
    if edits:  # the finding's own edits must clear it too
        edited = apply_edits(example, edits)
        after, _ = _findings(edited, code, tmp_path)
        assert not after, f"{code}: its edits leave {[d.message for d in after]}:\n{edited}"


@pytest.mark.parametrize("code", _cases())
def test_every_rule_helps_on_its_example(code: str, tmp_path: Path) -> None:
    example, _fixed = _example_and_fix(code)
    found, _ = _findings(example, code, tmp_path)
    assert found and all(d.help and d.help.strip() for d in found)
    for diagnostic in found:  # the house style of a help line: lowercase first word, no trailing period
        assert diagnostic.help is not None and not diagnostic.help.endswith(".")
        assert not diagnostic.help[0].isupper(), diagnostic.help


def test_not_one_file_list_is_short_and_names_real_rules() -> None:
    catalog = builtin_catalog().builtin()
    assert set(NOT_ONE_FILE) <= set(catalog)
    assert len(NOT_ONE_FILE) <= 7  # E008 and the six history rules; every other rule runs as one file


def test_docs_page_fences_the_fix_like_the_example() -> None:
    from goallint.ruledocs import rules_page

    page = rules_page(builtin_catalog())
    section = page.split("## T003 start-after-deadline\n", 1)[1].split("\n## ", 1)[0]
    assert section.split("### Fix\n", 1)[1].split("### Options", 1)[0] == (
        "\nCorrect the date that is wrong:\n\n```yaml\n- id: leads\n  title: Reach 400 inbound leads per month\n"
        "  start: 2026-03-01\n  deadline: 2026-06-30\n```\n\n")
    # every M, A, T and R rule's Fix shows its corrected example as YAML
    for code, rule in builtin_catalog().builtin().items():
        if code[0] in "MATR":
            fix = page.split(f"## {code} {rule.name}\n", 1)[1].split("### Fix\n", 1)[1].split("### Options", 1)[0]
            assert "```yaml\n" in fix, code
