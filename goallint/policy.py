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

Goal files are untrusted, so a definition is held to what cannot hang or reach out:
``pattern`` and ``patternProperties`` run on the ``regex`` engine with a time limit per
match; ``$ref`` may only point inside the definition (``#/$defs/...``), and every one is
resolved, and checked for loops, when the config is loaded; ``format`` is checked for the
formats listed in ``FORMATS`` and refused for any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, ClassVar

from .diagnostics import Problem, Severity
from .messages import kind, msg
from .model import Item
from .plugin import CheckContext, Rule

DEFAULT_PREFIXES = ("X",)
PATTERN_SECONDS = 0.05  # per value: a pattern that needs longer is not one a goal file should be held to
PATTERN_BUDGET = 1.0  # per pattern and process: after this much time lost to time-outs, the pattern is not run
FORMATS = ("date", "email", "idn-email", "ipv4", "ipv6", "time", "uuid")
# Keywords whose value is a subschema, a list of them, or a map of names to them.
_ONE = ("not", "if", "then", "else", "items", "contains", "additionalProperties", "propertyNames",
        "unevaluatedItems", "unevaluatedProperties", "additionalItems")
_MANY = ("allOf", "anyOf", "oneOf", "prefixItems")
_MAP = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
# The keywords that apply a subschema to the same value (a loop through them never ends).
_SAME_VALUE = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas")


class PolicyError(Exception):
    """A rule definition that cannot be used; the message names the rule's code."""


class PatternTimeout(Exception):
    """A ``pattern`` ran past its time limit on a value of a goal file."""


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> Any:
    import regex

    return regex.compile(pattern)


_LOST: dict[str, float] = {}  # pattern -> seconds its time-outs cost so far in this process


def _search(pattern: str, value: str) -> bool:
    """Whether ``pattern`` matches; PatternTimeout when it runs too long, or already has too often.

    The budget keeps a file of thousands of crafted values from costing the time limit thousands of times.
    """
    if _LOST.get(pattern, 0.0) >= PATTERN_BUDGET:
        raise PatternTimeout(pattern)
    try:
        return _compiled(pattern).search(value, timeout=PATTERN_SECONDS) is not None
    except TimeoutError:
        _LOST[pattern] = _LOST.get(pattern, 0.0) + PATTERN_SECONDS
        raise PatternTimeout(pattern) from None


def _pattern(validator: Any, pattern: str, instance: Any, _schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not _search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(validator: Any, patterns: dict[str, Any], instance: Any, _schema: Any) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if _search(pattern, key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _refuse(uri: str) -> Any:
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(uri)


@lru_cache(maxsize=1)
def _validator_class() -> Any:
    """Draft 2020-12 with the patterns on the time-limited engine."""
    from jsonschema import Draft202012Validator, validators

    keywords = {"pattern": _pattern, "patternProperties": _pattern_properties}
    return validators.extend(Draft202012Validator, keywords)  # type: ignore[no-untyped-call]


def _subschemas(schema: Any) -> Iterator[dict[str, Any]]:
    """Every schema inside ``schema`` (itself included), never the values of const, enum or examples."""
    stack = [schema]
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        yield node
        for key, value in node.items():
            if key in _ONE:
                stack.append(value)
            elif key in _MANY and isinstance(value, list):
                stack += value
            elif key in _MAP and isinstance(value, dict):
                stack += value.values()


def _check_definition(schema: Any, code: str, key: str) -> None:
    """Refuse what could hang or reach out; resolve every $ref now, not once per goal."""
    import regex

    resolver = _registry(schema).resolver()
    for node in _subschemas(schema):
        for keyword in ("$id", "$dynamicRef", "$recursiveRef"):
            if keyword in node:
                raise PolicyError(f"rule {code}: '{key}' uses {keyword}, which goallint does not support")
        if "format" in node and node["format"] not in FORMATS:
            raise PolicyError(f"rule {code}: '{key}' uses format '{node['format']}', which goallint cannot "
                              f"check (it checks {', '.join(FORMATS)}); use a pattern instead")
        patterns = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        patterns += list(node.get("patternProperties", {})) if isinstance(node.get("patternProperties"), dict) else []
        for pattern in patterns:
            try:
                regex.compile(pattern)
            except regex.error as exc:
                raise PolicyError(f"rule {code}: '{key}' has a pattern that cannot be read: {pattern!r} ({exc})") \
                    from None
        if "$ref" in node:
            _target(resolver, node["$ref"], code, key)
    _check_loops(schema, resolver, code, key)


def _registry(schema: Any) -> Any:
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    registry: Any = Registry(retrieve=_refuse)  # type: ignore[call-arg]  # an attrs field the stubs miss
    return registry.with_resource("", DRAFT202012.create_resource(schema))


def _target(resolver: Any, ref: Any, code: str, key: str) -> Any:
    from referencing.exceptions import Unresolvable

    if not isinstance(ref, str) or not ref.startswith("#"):
        raise PolicyError(f"rule {code}: '{key}' has $ref {ref!r}: only references inside the rule "
                          "('#/$defs/NAME') are allowed, never files or addresses")
    try:
        return resolver.lookup(ref).contents
    except Unresolvable:
        raise PolicyError(f"rule {code}: '{key}' has $ref {ref!r}, which points at nothing") from None


def _check_loops(schema: Any, resolver: Any, code: str, key: str) -> None:
    """A chain of $ref (and allOf, not, if...) that comes back to itself on the same value."""
    done: set[int] = set()

    def visit(node: Any, trail: tuple[int, ...]) -> None:
        if not isinstance(node, dict) or id(node) in done:
            return
        if id(node) in trail:
            raise PolicyError(f"rule {code}: '{key}' has a $ref that leads back to itself")
        trail += (id(node),)
        nexts: list[Any] = [_target(resolver, node["$ref"], code, key)] if "$ref" in node else []
        for keyword in _SAME_VALUE:
            value = node.get(keyword)
            nexts += value if isinstance(value, list) else list(value.values()) if isinstance(value, dict) \
                and keyword == "dependentSchemas" else [value]
        for following in nexts:
            visit(following, trail)
        done.add(id(node))

    for node in _subschemas(schema):
        visit(node, ())


class DeclarativeRule(Rule):
    when: ClassVar[Any] = None  # jsonschema validators, set per definition
    require: ClassVar[Any] = None
    message: ClassVar[str] = ""

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        from jsonschema.exceptions import best_match

        try:
            if self.when is not None and not self.when.is_valid(item.data):
                return
            error = best_match(self.require.iter_errors(item.data))
        except PatternTimeout as exc:
            yield Problem(item.start_span, msg("{message} (not checked: the pattern {pattern} is too slow on a value "
                                               "of this {kind}; a pattern may take {each:g} s a value and {budget:g} s "
                                               "a run)", message=self.message, pattern=str(exc), kind=kind(item.kind),
                                               each=PATTERN_SECONDS, budget=PATTERN_BUDGET))
            return
        if error is None:
            return
        path = tuple(error.absolute_path)
        yield Problem(item.at(*path) if path else item.start_span, self.message)


def build_rule(definition: dict[str, Any], source: str, prefixes: tuple[str, ...]) -> type[Rule]:
    """A Rule class from one validated definition of the config's ``rules`` list."""
    from jsonschema import Draft202012Validator, FormatChecker
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
        _check_definition(definition[key], code, key)
        validators[key] = _validator_class()(definition[key], registry=_registry(definition[key]),
                                             format_checker=FormatChecker(FORMATS))
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
