"""Declarative rules: team policies written in the config, for teams that do not write Python.

    rules:
      - code: X101
        name: marketing-budget-missing
        severity: warning
        message: Marketing goals must name a budget in resources
        when: {properties: {team: {const: marketing}}, required: [team]}
        require: {required: [resources], properties: {resources: {contains: {pattern: "(?i)budget|NOK"}}}}

``when`` and ``require`` are JSON Schemas applied to each goal (or, with
``applies_to: objectives``, each objective), with the file's defaults merged in. A goal
that matches ``when`` (every goal, without it) and breaks ``require`` gets one finding, at
the value that breaks it, or at the mapping that lacks a required key. Each definition
becomes an ordinary Rule class, registered like the built-ins and the plugins.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from .diagnostics import Problem, Severity
from .model import Item
from .plugin import CheckContext, Rule

DEFAULT_PREFIXES = ("X",)


class PolicyError(Exception):
    """A rule definition that cannot be used; the message names the rule's code."""


class DeclarativeRule(Rule):
    when: ClassVar[Any] = None  # jsonschema validators, set per definition
    require: ClassVar[Any] = None
    message: ClassVar[str] = ""

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        from jsonschema.exceptions import best_match

        if self.when is not None and not self.when.is_valid(item.data):
            return
        error = best_match(self.require.iter_errors(item.data))
        if error is None:
            return
        path = tuple(error.absolute_path)
        yield Problem(item.at(*path) if path else item.start_span, self.message)


def build_rule(definition: dict[str, Any], source: str, prefixes: tuple[str, ...]) -> type[Rule]:
    """A Rule class from one validated definition of the config's ``rules`` list."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    code = definition["code"]
    if code[0] not in prefixes:
        allowed = ", ".join(prefixes)
        raise PolicyError(f"rule {code}: custom codes must start with one of the reserved prefixes ({allowed}); "
                          "add the letter to custom_prefixes to reserve it")
    validators = {}
    for key in ("when", "require"):
        if key not in definition:
            continue
        try:
            Draft202012Validator.check_schema(definition[key])
        except SchemaError as exc:
            where = "/".join(str(p) for p in exc.absolute_path) or "(top)"
            raise PolicyError(f"rule {code}: '{key}' is not a valid JSON Schema at {where}: {exc.message}") from None
        validators[key] = Draft202012Validator(definition[key])
    kind = definition.get("applies_to", "goals")
    message = definition["message"]
    doc = (f"{definition.get('description', message)}\n\nWhat it checks:\n"
           f"{'Every goal' if kind == 'goals' else 'Every objective'}"
           f"{' that matches `when`' if 'when' in validators else ''} must satisfy `require` "
           f"(JSON Schemas in {source}).\n\nWhy it matters:\n{definition.get('why', message)}\n\n"
           f"Example:\n    when: {definition.get('when', 'every goal')}\n    require: {definition['require']}\n\n"
           f"Fix:\n{definition.get('fix', message)}\n")
    letter = definition.get("letter", code[0])  # a SMART letter counts in the scorecard; others do not
    attributes = {
        "__doc__": doc,
        "code": code,
        "name": definition["name"],
        "letter": letter if letter in "SMART" else None,
        "severity": Severity.parse(definition.get("severity", "warning")),
        "applies_to": frozenset({"goal" if kind == "goals" else "objective"}),
        "when": validators.get("when"),
        "require": validators["require"],
        "message": message,
    }
    return type(f"Declarative{code}", (DeclarativeRule,), attributes)


def definition_schema() -> dict[str, Any]:
    """The shape of one entry of the config's ``rules`` list."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["code", "name", "message", "require"],
        "properties": {
            "code": {"type": "string", "pattern": "^[A-Z][0-9]{3}$"},
            "name": {"type": "string", "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string", "minLength": 1},
            "description": {"type": "string"},
            "why": {"type": "string"},
            "fix": {"type": "string"},
            "letter": {"type": "string", "pattern": "^[A-Z]$"},
            "applies_to": {"enum": ["goals", "objectives"]},
            "when": {"type": ["object", "boolean"]},
            "require": {"type": ["object", "boolean"]},
        },
    }
