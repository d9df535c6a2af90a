"""`goallint rules` and `goallint rule CODE`: the catalog, and one rule's documentation."""

from __future__ import annotations

import click

from . import EXIT_OK, UsageFailure, load_settings_for


def list_rules(*, output_format: str, config_path: str | None) -> int:
    """List every rule: code, name, SMART letter, default severity (config rules included)."""
    from ..catalog import BUILTIN, letter_label
    from ..ruledocs import rules_markdown, summary

    catalog = load_settings_for(config_path).catalog
    if output_format == "markdown":
        click.echo(rules_markdown(catalog), nl=False)
        return EXIT_OK
    width = max(len(rule.name) for rule in catalog.values())
    for code, rule in catalog.items():
        source = "" if catalog.source(code) == BUILTIN else f"  [{catalog.source(code)}]"
        click.echo(f"{code}  {rule.name:<{width}}  {letter_label(rule):<10}  {rule.severity.label:<7}  "
                   f"{summary(rule)}{source}")
    return EXIT_OK


def show_rule(*, code: str, config_path: str | None) -> int:
    """Print the documentation of one rule."""
    from ..ruledocs import documentation
    from ..schema import suggest

    catalog = load_settings_for(config_path).catalog
    normal = code.strip().upper()
    if normal.startswith("W"):  # the statement rules judge sentences, not goal files: not in the catalog
        from ..statement import STATEMENT_RULES, rule_for

        rule = rule_for(normal)
        if rule is None:
            raise UsageFailure(f"unknown rule code '{code}'{suggest(normal, [r.code for r in STATEMENT_RULES])}")
        click.echo(documentation(rule, "goallint"), nl=False)
        return EXIT_OK
    if normal not in catalog:
        raise UsageFailure(f"unknown rule code '{code}'{suggest(normal, list(catalog))}")
    click.echo(documentation(catalog[normal], catalog.source(normal)), nl=False)
    return EXIT_OK
