"""docs/rules.md: every built-in rule's documentation on one page, generated from the rules.

The editor links each finding here (LSP ``codeDescription``): the anchor of a rule is
its heading, ``## M002 target-not-numeric`` -> ``#m002-target-not-numeric``.
``python -m goallint.rulesdoc > docs/rules.md`` refreshes the page; a test holds it.
"""

from __future__ import annotations

from .registry import DOC_HEADINGS, LETTERS, Rule, builtin_rules

DOCS_PAGE = "https://github.com/goallint/goallint/blob/main/docs/rules.md"
_BLOCK = "    "  # how far an example's lines are indented in a rule's docstring


def anchor(rule: type[Rule]) -> str:
    return f"{rule.code}-{rule.name}".lower()


def docs_url(rule: type[Rule]) -> str:
    """Where a rule's documentation is published: its section of docs/rules.md."""
    return f"{DOCS_PAGE}#{anchor(rule)}"


def rules_page() -> str:
    out = ["# goallint rules", "",
           "Generated from the rules' own documentation (`goallint rule CODE` prints the same).", ""]
    for rule in builtin_rules().values():
        out += _section(rule)
    return "\n".join(out)


def _section(rule: type[Rule]) -> list[str]:
    sections = rule.doc_sections()
    letter = LETTERS.get(rule.letter, rule.letter)
    fix = f" Automatic fix: {rule.fixable} (`goallint check --fix`, and a quick fix in the editor)." \
        if rule.fixable else ""
    out = [f"## {rule.code} {rule.name}", "", sections.get("summary", ""), "",
           f"SMART letter: {letter}. Default severity: {rule.severity.label}.{fix}", ""]
    for heading in DOC_HEADINGS:
        text = sections.get(heading, "")
        out += [f"### {heading}", "", *(_example(text) if heading == "Example" else [text]), ""]
    out += ["### Options", "", rule.options_doc(), ""]
    return out


def _example(text: str) -> list[str]:
    """The example's YAML in a fenced block; a remark after it (not indented) stays prose."""
    lines = text.splitlines()
    code = lines[:1]
    rest = lines[1:]
    while rest and (rest[0].startswith(_BLOCK) or not rest[0].strip()):
        code.append(rest.pop(0).removeprefix(_BLOCK))
    return ["```yaml", *code, "```", *(["", *rest] if rest else [])]


if __name__ == "__main__":  # pragma: no cover - the refresh command
    print(rules_page(), end="")
