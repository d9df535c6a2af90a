"""A rule's documentation, read from its docstring: for `goallint rule`, SARIF and the README.

A docstring is a one-line summary, then sections under the headings ``What it checks:``,
``Why it matters:``, ``Example:`` and ``Fix:``. Options are documented from their schemas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .catalog import DOC_HEADINGS, FAMILIES, letter_label

if TYPE_CHECKING:
    from .catalog import Catalog
    from .plugin import Rule


def doc_sections(rule: type[Rule]) -> dict[str, str]:
    """The docstring split by its ``Heading:`` lines; the first paragraph is the summary."""
    from inspect import cleandoc  # documentation is read by `rules`, `rule` and SARIF, not by a check

    doc = cleandoc(rule.__doc__ or "")
    sections: dict[str, list[str]] = {"summary": []}
    current = "summary"
    for line in doc.splitlines():
        heading = line.rstrip(":")
        if line.endswith(":") and heading in DOC_HEADINGS:
            current = heading
            sections[current] = []
        else:
            sections[current].append(line)
    return {name: _trim(lines) for name, lines in sections.items()}


def _trim(lines: list[str]) -> str:
    """The section's lines without blank lines around them; indentation is kept (examples are code)."""
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return "\n".join(line.rstrip() for line in lines)


def summary(rule: type[Rule]) -> str:
    return doc_sections(rule).get("summary", "")


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[]" if not value else ", ".join(str(v) for v in value)
    return str(value)


def options_doc(rule: type[Rule]) -> str:
    if not rule.options:
        return "None."
    return "\n".join(f"- `{name}` (default: {_show(spec.get('default'))}): {spec.get('description', '')}"
                     for name, spec in rule.options.items())


def documentation(rule: type[Rule], source: str) -> str:
    """The full user documentation, as printed by ``goallint rule CODE``."""
    sections = doc_sections(rule)
    out = [f"{rule.code} {rule.name}", "", f"{sections.get('summary', '')}", "",
           f"SMART letter: {letter_label(rule)}. Default severity: {rule.severity.label}. Source: {source}.", ""]
    for heading in DOC_HEADINGS:
        out += [f"## {heading}", "", sections.get(heading, ""), ""]
    out += ["## Options", "", options_doc(rule)]
    return "\n".join(out).rstrip() + "\n"


def rules_markdown(catalog: Catalog) -> str:
    """The rule table of the README, generated so that it cannot drift from the code."""
    lines = ["| Code | Name | SMART | Default | What it flags |", "|---|---|---|---|---|"]
    for code, rule in catalog.builtin().items():
        text = summary(rule).replace("|", "\\|")
        lines.append(f"| {code} | {rule.name} | {letter_label(rule)} | {rule.severity.label} | {text} |")
    return "\n".join(lines) + "\n"


def options_markdown(catalog: Catalog) -> str:
    lines = ["| Rule | Option | Default | Meaning |", "|---|---|---|---|"]
    for code, rule in catalog.builtin().items():
        for name, spec in rule.options.items():
            lines.append(f"| {code} | `{name}` | {_show(spec.get('default'))} | {spec.get('description', '')} |")
    return "\n".join(lines) + "\n"


def families_markdown() -> str:
    lines = ["| Prefix | Family |", "|---|---|"]
    lines += [f"| {prefix} | {meaning} |" for prefix, meaning in FAMILIES.items()]
    lines.append("| X and any other free letter | plugins and config rules |")
    return "\n".join(lines) + "\n"
