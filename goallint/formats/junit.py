"""JUnit XML: a test suite per file, a test case per rule per file, one passing case for a clean file.

Findings at or above the fail level are failures; the rest are listed in the case's
output, so a CI test report agrees with goallint's exit code.
"""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from ..diagnostics import CheckResult, Diagnostic
from . import RenderOptions, printable, shown


def _location(d: Diagnostic) -> str:
    goal = f" (goal {d.goal})" if d.goal is not None else ""
    return f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity.label}] {d.message}{goal}"


def render(result: CheckResult, options: RenderOptions) -> str:
    by_file: dict[str, dict[tuple[str, str], list[Diagnostic]]] = defaultdict(lambda: defaultdict(list))
    for path in result.paths:
        by_file[printable(path)]
    for d in map(shown, result.diagnostics):
        by_file[d.path][(d.code, d.name)].append(d)
    root = ET.Element("testsuites", name="goallint")
    total_tests = total_failures = 0
    for path in sorted(by_file):
        rules = by_file[path]
        suite = ET.SubElement(root, "testsuite", name=path)
        tests = failures = 0
        if not rules:
            ET.SubElement(suite, "testcase", name="goallint", classname=path)
            tests = 1
        for (code, name), found in sorted(rules.items()):
            tests += 1
            case = ET.SubElement(suite, "testcase", name=f"{code} {name}", classname=path)
            failing = [d for d in found if d.severity >= options.fail_on]
            if failing:
                failures += 1
                failure = ET.SubElement(case, "failure", type=code,
                                        message=f"{len(failing)} finding(s): {failing[0].message}")
                failure.text = "\n".join(_location(d) for d in failing)
            passing = [d for d in found if d.severity < options.fail_on]
            if passing:
                ET.SubElement(case, "system-out").text = "\n".join(_location(d) for d in passing)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
