"""The rule registry: what a rule is, and the one place every rule is registered.

A rule is a small class. It declares its code, name, SMART letter, default severity and
options (each a JSON Schema with a default), and documents itself in its docstring under
fixed headings. Its ``check`` yields ``Problem`` values for one goal or objective;
``check_file`` does the same for a file's own keys. A rule never prints and never
decides severity: the linter applies the configuration.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from .diagnostics import Problem, Severity
from .model import GoalFile, Item, Project

LETTERS = {
    "E": "Error",
    "S": "Specific",
    "M": "Measurable",
    "A": "Achievable",
    "R": "Relevant",
    "T": "Time-bound",
}
DOC_HEADINGS = ("What it checks", "Why it matters", "Example", "Fix")
CODE_SHAPE = re.compile(r"[A-Z][0-9]{3}\Z")
NAME_SHAPE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")


@dataclass(frozen=True)
class CheckContext:
    """What a check may consult besides the item: every item, the date, option values."""

    project: Project
    today: dt.date
    options: Mapping[str, Any]


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    letter: ClassVar[str]
    severity: ClassVar[Severity]
    options: ClassVar[dict[str, dict[str, Any]]] = {}
    applies_to: ClassVar[frozenset[str]] = frozenset({"goal"})
    skip_statuses: ClassVar[frozenset[str]] = frozenset()
    source: ClassVar[str] = "goallint"
    # Mandatory rules (the file cannot be read as a goal file) always run at their own
    # severity: select, ignore, severity overrides and suppressions do not apply.
    mandatory: ClassVar[bool] = False
    # Rules that read other goals (ctx.project) run once over every goal, after the rules
    # that look at one goal at a time; a cross-goal rule reads only a goal's id, title,
    # owner, parent, status, start, deadline, team and contributors of the other goals.
    needs_project: ClassVar[bool] = False

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        return ()

    def check_file(self, goal_file: GoalFile, ctx: CheckContext) -> Iterable[Problem]:
        return ()

    # -- documentation ------------------------------------------------------------------
    @classmethod
    def summary(cls) -> str:
        return cls.doc_sections().get("summary", "")

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring split by its ``Heading:`` lines; the first paragraph is the summary."""
        from inspect import cleandoc  # documentation is read by `rules`, `rule` and SARIF, not by a check

        doc = cleandoc(cls.__doc__ or "")
        sections: dict[str, list[str]] = {"summary": []}
        current = "summary"
        for line in doc.splitlines():
            heading = line.rstrip(":")
            if line.endswith(":") and heading in DOC_HEADINGS:
                current = heading
                sections[current] = []
            else:
                sections[current].append(line)
        return {name: "\n".join(lines).strip() for name, lines in sections.items()}

    @classmethod
    def options_doc(cls) -> str:
        if not cls.options:
            return "None."
        lines = []
        for name, spec in cls.options.items():
            lines.append(f"- `{name}` (default: {_show(spec.get('default'))}): {spec.get('description', '')}")
        return "\n".join(lines)

    @classmethod
    def documentation(cls) -> str:
        """The full user documentation, as printed by ``goallint rule CODE``."""
        sections = cls.doc_sections()
        letter = LETTERS.get(cls.letter, cls.letter)
        out = [f"{cls.code} {cls.name}", "", f"{sections.get('summary', '')}", "",
               f"SMART letter: {letter}. Default severity: {cls.severity.label}. Source: {cls.source}.", ""]
        for heading in DOC_HEADINGS:
            out += [f"## {heading}", "", sections.get(heading, ""), ""]
        out += ["## Options", "", cls.options_doc()]
        return "\n".join(out).rstrip() + "\n"


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[]" if not value else ", ".join(str(v) for v in value)
    return str(value)


class RegistryError(Exception):
    """A rule that cannot be registered: bad shape or a clashing code."""


class PluginError(Exception):
    """A rule plugin that cannot be used; the message names its distribution."""


RULES: dict[str, type[Rule]] = {}
ENTRY_POINT_GROUP = "goallint.rules"
_plugins_loaded = False


def register(rule: type[Rule]) -> type[Rule]:
    """Add a rule to the catalog; codes and names must be well-formed and unique."""
    code = getattr(rule, "code", None)
    if not isinstance(code, str) or not CODE_SHAPE.match(code):
        raise RegistryError(f"rule {rule.__name__}: code {code!r} must be a capital letter and three digits")
    if not NAME_SHAPE.match(getattr(rule, "name", "") or ""):
        raise RegistryError(f"rule {code}: name must be kebab-case")
    if code in RULES:
        other = RULES[code]
        raise RegistryError(f"rule {code} from {rule.source} clashes with {code} from {other.source}")
    for name in rule.options:
        for other in RULES.values():
            clash = other.options.get(name)
            if clash is not None and clash.get("default") != rule.options[name].get("default"):
                raise RegistryError(f"rule {code}: option {name!r} is already declared by {other.code}")
    RULES[code] = rule
    return rule


def unregister(source_prefix: str) -> None:
    """Drop the rules of one source (a config's declarative rules, before it is read again)."""
    for code in [code for code, rule in RULES.items() if rule.source.startswith(source_prefix)]:
        del RULES[code]


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
                if not entry.name.endswith((".dist-info", ".egg-info")):
                    continue
                try:
                    with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8") as stream:
                        if marker in stream.read():
                            return True
                except OSError:
                    continue
    return False


def load_plugins() -> None:
    """Register the rules that installed packages declare under the ``goallint.rules`` entry point.

    An entry point names a Rule subclass, a list of them, or a module with a ``RULES``
    list. Failures are reported by distribution name and rule code, never as a traceback.
    """
    if not _any_plugin_declared():
        return
    from importlib.metadata import entry_points

    for point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda p: (p.dist.name if p.dist else "", p.name)):
        dist = point.dist.name if point.dist is not None else point.value.split(":")[0]
        try:
            loaded = point.load()
        except Exception as exc:  # noqa: BLE001 - any failure of third-party code is reported, not raised
            raise PluginError(f"plugin {dist}: entry point '{point.name}' failed to load "
                              f"({type(exc).__name__}: {exc})") from None
        found = [loaded] if isinstance(loaded, type) else list(getattr(loaded, "RULES", loaded))
        for rule in found:
            if not (isinstance(rule, type) and issubclass(rule, Rule)):
                raise PluginError(f"plugin {dist}: entry point '{point.name}' gives {rule!r}, not a goallint Rule")
            rule.source = dist
            code = getattr(rule, "code", "?")
            if isinstance(code, str) and code.startswith("E"):
                raise PluginError(f"plugin {dist}: rule {code} uses the prefix E, which goallint reserves")
            try:
                register(rule)
            except RegistryError as exc:
                raise PluginError(f"plugin {dist}: {exc}") from None


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule, by code: built-ins, then plugins, loaded on first use."""
    global _plugins_loaded
    from . import rules  # noqa: F401  (importing the package registers the built-ins)

    if not _plugins_loaded:
        _plugins_loaded = True
        load_plugins()
    order = "ESMART"  # the SMART letters in their own order; plugin prefixes after them

    def key(code: str) -> tuple[int, str]:
        return (order.index(code[0]) if code[0] in order else len(order), code)

    return {code: RULES[code] for code in sorted(RULES, key=key)}


def builtin_rules() -> dict[str, type[Rule]]:
    return {code: rule for code, rule in all_rules().items() if rule.source == "goallint"}


def option_defaults() -> dict[str, Any]:
    return {name: spec.get("default") for rule in all_rules().values() for name, spec in rule.options.items()}


def option_schemas() -> dict[str, dict[str, Any]]:
    return {name: spec for rule in all_rules().values() for name, spec in rule.options.items()}


def rules_markdown() -> str:
    """The rule table of the README, generated so that it cannot drift from the code."""
    lines = ["| Code | Name | SMART | Default | What it flags |", "|---|---|---|---|---|"]
    for code, rule in builtin_rules().items():
        summary = rule.summary().replace("|", "\\|")
        lines.append(f"| {code} | {rule.name} | {LETTERS.get(rule.letter, rule.letter)} "
                     f"| {rule.severity.label} | {summary} |")
    return "\n".join(lines) + "\n"


def options_markdown() -> str:
    lines = ["| Option | Default | Rule | Meaning |", "|---|---|---|---|"]
    for code, rule in builtin_rules().items():
        for name, spec in rule.options.items():
            lines.append(f"| `{name}` | {_show(spec.get('default'))} | {code} | {spec.get('description', '')} |")
    return "\n".join(lines) + "\n"
