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
            return lambda value: True
        if node is False:
            return lambda value: False
        checks: list[Check] = []
        for keyword in node:
            if keyword not in _KNOWN and keyword not in _IGNORED:
                raise UnsupportedSchema(f"keyword {keyword!r}")
        if "$ref" in node:
            target: str = node["$ref"]

            def check_ref(value: Any) -> bool:
                return resolve(target)(value)

            checks.append(check_ref)
        if "type" in node:
            names = node["type"] if isinstance(node["type"], list) else [node["type"]]
            for name in names:
                _is_type(None, name)  # refuses unknown type names now, not at validation time
            plain = tuple(_PLAIN[name] for name in names if name in _PLAIN)
            numeric = [name for name in names if name in ("integer", "number")]
            if not numeric:
                checks.append(lambda value: isinstance(value, plain))
            else:
                checks.append(lambda value: isinstance(value, plain) or any(_is_type(value, n) for n in numeric))
        if "const" in node:
            constant = node["const"]
            checks.append(lambda value: _equal(value, constant))
        if "enum" in node:
            options = node["enum"]
            checks.append(lambda value: any(_equal(value, option) for option in options))
        if "minimum" in node:
            low = node["minimum"]
            checks.append(lambda value: not _is_type(value, "number") or value >= low)
        if "maximum" in node:
            high = node["maximum"]
            checks.append(lambda value: not _is_type(value, "number") or value <= high)
        if "exclusiveMinimum" in node:
            bound = node["exclusiveMinimum"]
            checks.append(lambda value: not _is_type(value, "number") or value > bound)
        if "pattern" in node:
            import re

            pattern = re.compile(node["pattern"])
            checks.append(lambda value: not isinstance(value, str) or pattern.search(value) is not None)
        if "minItems" in node:
            fewest = node["minItems"]
            checks.append(lambda value: not isinstance(value, list) or len(value) >= fewest)
        if "minLength" in node:
            shortest = node["minLength"]
            checks.append(lambda value: not isinstance(value, str) or len(value) >= shortest)
        if "required" in node:
            required = list(node["required"])
            checks.append(lambda value: not isinstance(value, dict) or all(key in value for key in required))
        if "properties" in node or "additionalProperties" in node:
            properties = {key: build(sub) for key, sub in node.get("properties", {}).items()}
            extra = node.get("additionalProperties", True)
            other = build(extra)

            def check_object(value: Any) -> bool:
                if not isinstance(value, dict):
                    return True
                for key, item in value.items():
                    check = properties.get(key, other)
                    if not check(item):
                        return False
                return True

            checks.append(check_object)
        if "items" in node:
            each = build(node["items"])
            checks.append(lambda value: not isinstance(value, list) or all(each(item) for item in value))
        if len(checks) == 1:
            return checks[0]
        return lambda value: all(check(value) for check in checks)

    return build(schema)


_KNOWN = {"$ref", "type", "const", "enum", "minimum", "maximum", "exclusiveMinimum", "minLength", "required",
          "properties", "additionalProperties", "items", "pattern", "minItems"}
