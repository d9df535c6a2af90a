"""A rule's documentation, read from its docstring: for `goallint rule`, SARIF, the README and docs/rules.md.

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


DOCS_PAGE = "https://github.com/goallint/goallint/blob/main/docs/rules.md"
_BLOCK = "    "  # how far an example's lines are indented in a rule's docstring


def anchor(rule: type[Rule]) -> str:
    """A rule's heading on docs/rules.md as a link target: ``## M002 target-not-numeric`` -> ``m002-...``."""
    return f"{rule.code}-{rule.name}".lower()


def docs_url(rule: type[Rule]) -> str:
    """Where a built-in rule's documentation is published: its section of docs/rules.md."""
    return f"{DOCS_PAGE}#{anchor(rule)}"


def rules_page(catalog: Catalog) -> str:
    """docs/rules.md: every built-in rule on one page (``python -m goallint.ruledocs > docs/rules.md``)."""
    out = ["# goallint rules", "",
           "Generated from the rules' own documentation (`goallint rule CODE` prints the same).", ""]
    for rule in catalog.builtin().values():
        out += _page_section(rule)
    return "\n".join(out)


def _page_section(rule: type[Rule]) -> list[str]:
    sections = doc_sections(rule)
    fix = f" Automatic fix: {rule.fixable} (`goallint check --fix`, and a quick fix in the editor)." \
        if rule.fixable else ""
    out = [f"## {rule.code} {rule.name}", "", sections.get("summary", ""), "",
           f"SMART letter: {letter_label(rule)}. Default severity: {rule.severity.label}.{fix}", ""]
    for heading in DOC_HEADINGS:
        text = sections.get(heading, "")
        shown = _example(text) if heading == "Example" else _fix(text) if heading == "Fix" else [text]
        out += [f"### {heading}", "", *shown, ""]
    out += ["### Options", "", options_doc(rule), ""]
    return out


def _example(text: str) -> list[str]:
    """The example's YAML in a fenced block; a remark after it (not indented) stays prose."""
    import textwrap

    lines = text.splitlines()
    code: list[str] = []
    while lines and (lines[0].startswith(_BLOCK) or not lines[0].strip()):
        code.append(lines.pop(0))
    rest = lines
    while code and not code[-1].strip():
        code.pop()
    return ["```yaml", *textwrap.dedent("\n".join(code)).splitlines(), "```", *(["", *rest] if rest else [])]


def _fix(text: str) -> list[str]:
    """The advice as prose, then the corrected example's YAML in a fenced block like the Example's."""
    lines = text.splitlines()
    prose: list[str] = []
    while lines and not lines[0].startswith(_BLOCK):
        prose.append(lines.pop(0))
    if not lines:
        return [text]
    while prose and not prose[-1].strip():
        prose.pop()
    return [*prose, "", *_example("\n".join(lines))]


if __name__ == "__main__":  # pragma: no cover - the refresh command
    from .catalog import builtin_catalog

    print(rules_page(builtin_catalog()), end="")
