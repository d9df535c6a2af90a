"""A validator compiled from the goal-file JSON Schema, for the fast path.

jsonschema is thorough but walks every node through generic machinery; on 10,000 goals
that costs seconds. This module turns the schema into nested Python closures once per
process. It answers only "valid or not"; when something is invalid, ``schema.py`` asks
jsonschema for the errors of just that part, so every message still comes from the
reference implementation.

It understands exactly the keywords the goal-file schema uses, with their Draft 2020-12
meaning. Any other keyword makes ``compile_schema`` raise, so a schema change can never
be silently ignored; a test checks that both validators give the same verdict on
generated documents.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_IGNORED = {"$schema", "$id", "title", "description", "$defs", "default", "examples"}


class UnsupportedSchema(ValueError):
    """The schema uses a keyword this compiler does not implement."""


def _is_type(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if isinstance(value, bool):
        return False
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float))
    raise UnsupportedSchema(f"type {name!r}")


_PLAIN: dict[str, type | tuple[type, ...]] = {"object": dict, "array": list, "string": str, "boolean": bool,
                                             "null": type(None)}


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0, but true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def _type_check(node: dict[str, Any], _build: Any) -> Check:
    names = node["type"] if isinstance(node["type"], list) else [node["type"]]
    for name in names:
        _is_type(None, name)  # refuses unknown type names now, not at validation time
    plain = tuple(_PLAIN[name] for name in names if name in _PLAIN)
    numeric = [name for name in names if name in ("integer", "number")]
    if not numeric:
        return lambda value: isinstance(value, plain)
    if "number" in numeric:  # integers are numbers too
        return lambda value: isinstance(value, plain) or _is_number(value)
    return lambda value: isinstance(value, plain) or _is_type(value, "integer")


def _is_number(value: Any) -> bool:
    return type(value) is not bool and isinstance(value, (int, float))


def _const_check(node: dict[str, Any], _build: Any) -> Check:
    constant = node["const"]
    return lambda value: _equal(value, constant)


def _enum_check(node: dict[str, Any], _build: Any) -> Check:
    options = node["enum"]
    if all(isinstance(option, str) for option in options):  # the common case: a set lookup
        names = frozenset(options)
        return lambda value: isinstance(value, str) and value in names
    return lambda value: any(_equal(value, option) for option in options)


def _bound_check(keyword: str) -> Callable[[dict[str, Any], Any], Check]:
    compare = {"minimum": operator.ge, "maximum": operator.le, "exclusiveMinimum": operator.gt}[keyword]

    def make(node: dict[str, Any], _build: Any) -> Check:
        bound = node[keyword]
        return lambda value: not _is_number(value) or compare(value, bound)

    return make


def _pattern_check(node: dict[str, Any], _build: Any) -> Check:
    import re

    pattern = re.compile(node["pattern"])
    return lambda value: not isinstance(value, str) or pattern.search(value) is not None


def _min_items_check(node: dict[str, Any], _build: Any) -> Check:
    fewest = node["minItems"]
    return lambda value: not isinstance(value, list) or len(value) >= fewest


def _min_length_check(node: dict[str, Any], _build: Any) -> Check:
    shortest = node["minLength"]
    return lambda value: not isinstance(value, str) or len(value) >= shortest


def _required_check(node: dict[str, Any], _build: Any) -> Check:
    required = frozenset(node["required"])
    return lambda value: not isinstance(value, dict) or required <= value.keys()


def _object_check(node: dict[str, Any], build: Callable[[Any], Check]) -> Check:
    properties = {key: build(sub) for key, sub in node.get("properties", {}).items()}
    other = build(node.get("additionalProperties", True))

    def check_object(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        get = properties.get
        for key, item in value.items():  # a loop, not all(<generator>): this runs for every mapping
            if not get(key, other)(item):
                return False
        return True

    return check_object


def _items_check(node: dict[str, Any], build: Callable[[Any], Check]) -> Check:
    each = build(node["items"])

    def check_items(value: Any) -> bool:
        if not isinstance(value, list):
            return True
        for item in value:
            if not each(item):
                return False
        return True

    return check_items


# Each keyword (the first of a group that compiles together) and what compiles it, in order.
_COMPILERS: tuple[tuple[tuple[str, ...], Callable[[dict[str, Any], Any], Check]], ...] = (
    (("type",), _type_check),
    (("const",), _const_check),
    (("enum",), _enum_check),
    (("minimum",), _bound_check("minimum")),
    (("maximum",), _bound_check("maximum")),
    (("exclusiveMinimum",), _bound_check("exclusiveMinimum")),
    (("pattern",), _pattern_check),
    (("minItems",), _min_items_check),
    (("minLength",), _min_length_check),
    (("required",), _required_check),
    (("properties", "additionalProperties"), _object_check),
    (("items",), _items_check),
)


def compile_schema(schema: dict[str, Any]) -> Check:
    root = schema
    compiled: dict[str, Check] = {}

    def resolve(ref: str) -> Check:
        if not ref.startswith("#/$defs/"):
            raise UnsupportedSchema(f"$ref {ref!r}")
        name = ref[len("#/$defs/"):]
        if name not in compiled:

            def later(value: Any) -> bool:  # stands in while the definition compiles (recursion)
                return compiled[name](value)

            compiled[name] = later
            compiled[name] = build(root["$defs"][name])
        return compiled[name]

    def build(node: Any) -> Check:
        if node is True:
            return lambda _value: True
        if node is False:
            return lambda _value: False
        unknown = [keyword for keyword in node if keyword not in _KNOWN and keyword not in _IGNORED]
        if unknown:
            raise UnsupportedSchema(f"keyword {unknown[0]!r}")
        checks: list[Check] = []
        if "$ref" in node:
            target: str = node["$ref"]
            checks.append(resolve(target))  # while a definition compiles, a stand-in that looks it up
        checks += [make(node, build) for keywords, make in _COMPILERS if any(k in node for k in keywords)]
        return _every(checks)

    return build(schema)


def _every(checks: list[Check]) -> Check:
    """One check that passes when all of ``checks`` pass, without a generator per value."""
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)

    def check_all(value: Any) -> bool:
        for check in checks:
            if not check(value):
                return False
        return True

    return check_all


_KNOWN = {"$ref", "type", "const", "enum", "minimum", "maximum", "exclusiveMinimum", "minLength", "required",
          "properties", "additionalProperties", "items", "pattern", "minItems"}
