"""The rule catalog: every rule one run may use, built once and passed down as a value.

``build_catalog`` puts together the built-in rules (listed in ``rules/__init__.py``), the
rules installed plugins declare under the ``goallint.rules`` entry point, and the
declarative rules of the config. Nothing here is global: two catalogs built with
different configs in one process do not see each other's rules.

Every rule is validated as it enters: a plugin or config rule with a bad shape is a
``CatalogError`` whose one line names where the rule came from and its code.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .diagnostics import Severity
from .plugin import Rule

BUILTIN = "goallint"
ENTRY_POINT_GROUP = "goallint.rules"
SMART_LETTERS = "SMART"
# The one allocation of code prefixes (the README's table is generated from it).
FAMILIES = {
    "E": "file and engine: parse, schema, structure, a rule that failed",
    "S": "Specific", "M": "Measurable", "A": "Achievable", "R": "Relevant", "T": "Time-bound",
    "H": "history from git",
    "W": "one-line goal statements",
    "U": "suppression hygiene",
}
FAMILY_LABELS = {"E": "Error", "S": "Specific", "M": "Measurable", "A": "Achievable", "R": "Relevant",
                 "T": "Time-bound", "H": "History", "W": "Statement", "U": "Suppression"}
RESERVED_PREFIXES = frozenset(FAMILIES)  # plugins and config rules take any other letter
DOC_HEADINGS = ("What it checks", "Why it matters", "Example", "Fix")
CODE_SHAPE = re.compile(r"[A-Z][0-9]{3}\Z")
NAME_SHAPE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")
_ORDER = "EHUWSMART"  # listing order: engine and hygiene first, then the SMART letters


class CatalogError(Exception):
    """A rule that cannot enter the catalog; the message is one line naming source and code."""


def letter_label(rule: type[Rule]) -> str:
    """The SMART letter's name, or the code family's name for rules outside SMART."""
    letter = rule.letter or rule.code[0]
    return FAMILY_LABELS.get(letter, letter)


class Catalog(Mapping[str, type[Rule]]):
    """Rules by code, in listing order, each with the distribution (or config) it came from."""

    def __init__(self, entries: Iterable[tuple[type[Rule], str]]) -> None:
        found: dict[str, tuple[type[Rule], str]] = {}
        for rule, source in entries:
            if rule.code in found:
                other = found[rule.code][1]
                raise CatalogError(f"{_origin(source)}: rule {rule.code} clashes with {rule.code} from {other}")
            found[rule.code] = (rule, source)

        def key(code: str) -> tuple[int, str]:
            return (_ORDER.index(code[0]) if code[0] in _ORDER else len(_ORDER), code)

        self._entries = {code: found[code] for code in sorted(found, key=key)}

    def __getitem__(self, code: str) -> type[Rule]:
        return self._entries[code][0]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def with_rules(self, extra: Iterable[tuple[type[Rule], str]]) -> Catalog:
        """This catalog and ``extra`` (a config's rules, validated here), as a new catalog."""
        added = list(extra)
        for rule, source in added:
            validate_rule(rule, source)
        return Catalog([*self._entries.values(), *added])

    def source(self, code: str) -> str:
        return self._entries[code][1]

    def builtin(self) -> dict[str, type[Rule]]:
        return {code: rule for code, (rule, source) in self._entries.items() if source == BUILTIN}

    def only_builtin_and_config(self) -> bool:
        return all(source == BUILTIN or source.startswith("config") for _rule, source in self._entries.values())

    def option_defaults(self) -> dict[str, dict[str, Any]]:
        return {code: {name: spec.get("default") for name, spec in rule.options.items()}
                for code, rule in self.items() if rule.options}

    def documentation_url(self, code: str) -> str | None:
        """The rule's own documentation URL, or its section of docs/rules.md for a built-in."""
        rule = self.get(code)
        if rule is None:
            return None
        if rule.documentation_url:
            return rule.documentation_url
        if self.source(code) != BUILTIN:
            return None  # plugin and config rules are not on goallint's page
        from .ruledocs import docs_url

        return docs_url(rule)


def _origin(source: str) -> str:
    return source if source.startswith("config") else f"plugin {source}"


def builtin_catalog() -> Catalog:
    from .rules import BUILTIN_RULES

    return Catalog((rule, BUILTIN) for rule in BUILTIN_RULES)


def build_catalog(extra: Iterable[tuple[type[Rule], str]] = (), *, plugins: bool = True) -> Catalog:
    """Built-ins, then installed plugins, then ``extra`` (a config's declarative rules)."""
    from .rules import BUILTIN_RULES

    entries: list[tuple[type[Rule], str]] = [(rule, BUILTIN) for rule in BUILTIN_RULES]
    if plugins:
        entries += plugin_rules()
    return Catalog(entries).with_rules(extra)


def validate_rule(rule: Any, source: str) -> None:
    """A rule from outside goallint must have the shape the built-ins have."""
    where = _origin(source)
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise CatalogError(f"{where}: {rule!r} is not a goallint Rule (goallint.plugin.Rule)")
    code = getattr(rule, "code", None)
    if not isinstance(code, str) or not CODE_SHAPE.match(code):
        raise CatalogError(f"{where}: rule {rule.__name__} has code {code!r}; a code is a capital letter "
                           "and three digits")
    if code[0] in RESERVED_PREFIXES:
        raise CatalogError(f"{where}: rule {code} uses the prefix {code[0]}, which goallint reserves "
                           f"(reserved: {', '.join(sorted(RESERVED_PREFIXES))})")
    for problem in _shape_problems(rule):
        raise CatalogError(f"{where}: rule {code} {problem}")


def _shape_problems(rule: type[Rule]) -> Iterator[str]:
    if not isinstance(getattr(rule, "name", None), str) or not NAME_SHAPE.match(rule.name):
        yield "needs a kebab-case name (e.g. name = \"why-too-short\")"
    if not isinstance(getattr(rule, "severity", None), Severity):
        yield "needs a default severity (severity = Severity.WARNING, ERROR or INFO)"
    if rule.letter is not None and rule.letter not in SMART_LETTERS:
        yield f"has letter {rule.letter!r}; a SMART letter is one of S, M, A, R, T (or None)"
    if not rule.applies_to or not rule.applies_to <= {"goal", "objective"}:
        yield "applies_to must name goal, objective or both"
    from .ruledocs import doc_sections

    missing = [heading for heading in DOC_HEADINGS if not doc_sections(rule).get(heading)]
    if missing:
        yield f"lacks documentation under {', '.join(repr(h) for h in missing)} in its docstring"
    for name, spec in rule.options.items():
        if not isinstance(spec, dict) or "default" not in spec:
            yield f"option {name!r} needs a JSON Schema with a 'default'"


def _any_plugin_declared() -> bool:
    """Whether any installed distribution declares a goallint rule, without importlib.metadata.

    importlib.metadata costs more start-up time than the rest of a small check; reading
    the entry_points.txt files directly answers the common case (no plugin) for less.
    """
    marker = f"[{ENTRY_POINT_GROUP}]"
    for folder in sys.path:
        try:
            entries = os.scandir(folder or ".")
        except OSError:
            continue
        with entries:
            for entry in entries:
                if entry.name.endswith((".dist-info", ".egg-info")) and _declares(entry.path, marker):
                    return True
    return False


def _declares(folder: str, marker: str) -> bool:
    try:
        with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as stream:
            return marker in stream.read()
    except OSError:
        return False


def plugin_rules() -> list[tuple[type[Rule], str]]:
    """The validated rules installed packages declare, each with its distribution's name.

    An entry point names a Rule subclass, a list of them, or a module with a ``RULES``
    list. Failures are reported by distribution name and rule code, never as a traceback.
    """
    if not _any_plugin_declared():
        return []
    from importlib.metadata import entry_points

    found: list[tuple[type[Rule], str]] = []
    for point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda p: (p.dist.name if p.dist else "", p.name)):
        dist = point.dist.name if point.dist is not None else point.value.split(":")[0]
        try:
            loaded = point.load()
        except Exception as exc:
            raise CatalogError(f"plugin {dist}: entry point '{point.name}' failed to load "
                               f"({type(exc).__name__}: {exc})") from None
        rules = [loaded] if isinstance(loaded, type) else list(getattr(loaded, "RULES", loaded))
        for rule in rules:
            validate_rule(rule, dist)
            found.append((rule, dist))
    return found
