"""The goal-file JSON Schema: loading it once, and turning its errors into findings.

The schema file (``schemas/goals.schema.json``, shipped inside the package) is the single
source of the file's structure. Every error is reported at the key or value it is about,
with its key path, and an unknown key suggests the nearest known one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .diagnostics import Span
from .fixes import Edit, Fix, only_candidate
from .loader import KeyPath, SourceMap
from .messages import msg
from .model import in_range
from .validator import compile_schema

SCHEMA_RESOURCE = "goals.schema.json"


def schema_text() -> str:
    """The schema as shipped inside the package (package data, next to this module)."""
    return (Path(__file__).parent / "schemas" / SCHEMA_RESOURCE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(schema_text())  # type: ignore[no-any-return]


@lru_cache(maxsize=4)
def _validator(definition: str | None = None) -> Any:
    """jsonschema's validator for the whole file, or for one of its ``$defs``."""
    from jsonschema import Draft202012Validator

    whole = schema()
    if definition is None:
        return Draft202012Validator(whole)
    return Draft202012Validator({"$defs": whole["$defs"], "$ref": f"#/$defs/{definition}"})


@lru_cache(maxsize=4)
def _fast(definition: str | None = None) -> Callable[[Any], bool]:
    whole = schema()
    if definition is None:
        return compile_schema(whole)
    return compile_schema({"$defs": whole["$defs"], "$ref": f"#/$defs/{definition}"})


def _errors(data: Any) -> Iterator[Any]:
    """jsonschema's errors, asked for only where the compiled check found a problem.

    A file is validated as a whole when it is small or oddly shaped; otherwise its shell
    (everything but the goal and objective lists) and then only the failing items.
    """
    if _fast()(data):
        return
    lists = {"goals": "goal", "objectives": "objective"}
    if not isinstance(data, dict) or not all(isinstance(data.get(key, []), list) for key in lists):
        yield from _validator().iter_errors(data)
        return
    shell = {key: ([] if key in lists else value) for key, value in data.items()}
    yield from _validator().iter_errors(shell)
    for key, definition in lists.items():
        for index, item in enumerate(data.get(key, [])):
            if not _fast(definition)(item):
                for error in _validator(definition).iter_errors(item):
                    error.path.extendleft([index, key])  # the deque now starts key, index
                    yield error


def format_path(path: KeyPath) -> str:
    """``('goals', 0, 'metric')`` -> ``goals[0].metric``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def closest(word: str, known: Iterator[str] | list[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return match[0] if match else None


def suggest(word: str, known: Iterator[str] | list[str]) -> str:
    near = closest(word, known)
    return msg(" (did you mean '{near}'?)", near=near) if near else ""


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return msg("a mapping")
    if isinstance(value, list):
        return msg("a list")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return msg("boolean {value}", value=str(value).lower())
    if isinstance(value, (int, float)):
        return msg("number {value}", value=value)
    text = value if len(value) <= 60 else value[:57] + "..."
    return msg("string '{value}'", value=text)


_TYPE_NAMES = {"string": msg("a string"), "integer": msg("an integer"), "number": msg("a number"),
               "boolean": msg("true or false"), "object": msg("a mapping"), "array": msg("a list"), "null": "null"}


def _type_names(wanted: list[Any]) -> str:
    """The schema's types in words, "a string or a list", each word translatable."""
    names = [_TYPE_NAMES.get(str(t), str(t)) for t in wanted]
    joined = names[0] if names else ""
    for name in names[1:]:
        joined = msg("{either} or {other}", either=joined, other=name)
    return joined


class SchemaError(NamedTuple):
    """One way the data breaks the schema: where, what, and for a misspelt key what was meant."""

    path: KeyPath
    span: Span
    message: str
    intended: str | None = None  # for an unknown key: the known key it is a misspelling of
    fix: Fix | None = None  # a rename, when exactly one known key is close and not already there
    help: str | None = None  # how to fix it, in one line


def validate(data: Any, smap: SourceMap) -> Iterator[SchemaError]:
    """Yield a SchemaError for every way ``data`` breaks the schema."""
    yield from out_of_range(data, smap)
    errors = sorted(_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        path: KeyPath = tuple(error.absolute_path)
        kind = error.validator
        if kind == "additionalProperties":
            yield from _unknown_keys(error, path, smap)
        elif kind == "required":
            missing = [key for key in error.validator_value if key not in error.instance]
            for key in missing:
                yield SchemaError(path, _start(smap, path), msg("{path}: missing required key '{key}'",
                                                                path=format_path(path), key=key),
                                  help=f"add `{key}: 1`" if key == "version" and not path else f"add `{key}:`")
        else:
            yield SchemaError(path, smap.value(path), msg("{path}: {problem}", path=format_path(path),
                                                          problem=_value_message(error)),
                              help=_value_help(error))


def _unknown_keys(error: Any, path: KeyPath, smap: SourceMap) -> Iterator[SchemaError]:
    where = format_path(path)
    known = sorted(error.schema.get("properties", {}))
    for key in error.instance:
        if key == "<<":
            yield SchemaError((*path, key), smap.key((*path, key)),
                              msg("{path}: merge keys (<<) are not supported in goal files; share values with "
                                  "'defaults:'", path=where),
                              help="move the shared values under `defaults:` and remove `<<`")
        elif key not in known:
            near = closest(key, known)
            hint = msg(" (did you mean '{near}'?)", near=near) if near else ""
            span = smap.key((*path, key))
            helped = f"rename '{key}' to '{near}'" if near else \
                f"remove '{key}', or rename it to a key `goallint schema` lists"
            yield SchemaError((*path, key), span, msg("{path}: unknown key '{key}'{hint}", path=where, key=key,
                                                      hint=hint),
                              near if near is not None and near not in error.instance else None,
                              _rename_fix(key, known, error.instance, span), helped)


def _rename_fix(key: str, known: list[str], mapping: Any, span: Span) -> Fix | None:
    """An unknown key with exactly one close known key: rename it, unless that key is already there."""
    candidate = only_candidate(key, known)
    if candidate is None or not isinstance(mapping, dict) or candidate in mapping or span.line != span.end_line:
        return None
    return Fix(f"rename '{key}' to '{candidate}'", (Edit(span, candidate),))


def _value_message(error: Any) -> str:
    """What is wrong with a value, in the file's terms."""
    kind = error.validator
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return msg("expected {wanted}, got {found}", wanted=_type_names(wanted), found=_describe(error.instance))
    if kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        hint = suggest(error.instance, [str(v) for v in error.validator_value]) \
            if isinstance(error.instance, str) else ""
        return msg("{found} is not one of: {options}{hint}", found=_describe(error.instance), options=options,
                   hint=hint)
    if kind == "const":
        return msg("must be {wanted}, got {found}", wanted=repr(error.validator_value),
                   found=_describe(error.instance))
    if kind in ("minimum", "maximum"):
        if kind == "minimum":
            return msg("must be at least {bound}, got {found}", bound=error.validator_value, found=error.instance)
        return msg("must be at most {bound}, got {found}", bound=error.validator_value, found=error.instance)
    if kind == "minLength":
        return msg("must not be empty")
    # TRANSLATORS: the JSON Schema validator's own English description of the problem, quoted as it is.
    return msg("{validator}", validator=str(error.message))


def _value_help(error: Any) -> str | None:
    """How to mend a value, in one line."""
    kind = error.validator
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"write {' or '.join(_TYPE_NAMES.get(str(t), str(t)) for t in wanted)} here"
    if kind == "enum":
        options = [str(v) for v in error.validator_value]
        near = closest(error.instance, options) if isinstance(error.instance, str) else None
        return f"write '{near}'" if near else f"write one of: {', '.join(options)}"
    if kind == "const":
        return f"write {error.validator_value!r}"
    if kind in ("minimum", "maximum"):
        return f"write a value {'at least' if kind == 'minimum' else 'at most'} {error.validator_value}"
    if kind == "minLength":
        return "fill in the value, or remove the key"
    return None


_NUMBERS = (("metric", "baseline"), ("metric", "target"))
_LISTED = (("checkins", "value"), ("milestones", "target"))


def out_of_range(data: Any, smap: SourceMap) -> Iterator[SchemaError]:
    """Numbers that goallint cannot compute with: one finding each, and the model leaves them out."""
    for path in _beyond_range(data):
        value = _at(data, path)
        shown = msg("a {digits}-digit number", digits=len(str(abs(value)))) if isinstance(value, int) \
            else f"{value:g}"
        yield SchemaError(path, smap.value(path), msg("{path}: {number} is beyond the numbers goallint computes "
                                                      "with (zero, or sizes from 1e-100 to 1e100); it is not used",
                                                      path=format_path(path), number=shown),
                          help="write the number in a unit that keeps it between 1e-100 and 1e100")


def _beyond(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and not in_range(value)


def _beyond_range(data: Any) -> Iterator[KeyPath]:
    """The paths of the number fields whose value is out of range; a path is built only for those."""
    if not isinstance(data, dict):
        return
    holders: list[tuple[KeyPath, Any]] = [(("defaults",), data.get("defaults"))]
    for key in ("goals", "objectives"):
        entries = data.get(key)
        holders += [((key, i), entry) for i, entry in enumerate(entries)] if isinstance(entries, list) else []
    for where, holder in holders:
        if not isinstance(holder, dict):
            continue
        for outer, inner in _NUMBERS:
            inside = holder.get(outer)
            if isinstance(inside, dict) and _beyond(inside.get(inner)):
                yield (*where, outer, inner)
        for outer, inner in _LISTED:
            entries = holder.get(outer)
            for index, entry in enumerate(entries if isinstance(entries, list) else []):
                if isinstance(entry, dict) and _beyond(entry.get(inner)):
                    yield (*where, outer, index, inner)


def _at(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _start(smap: SourceMap, path: KeyPath) -> Span:
    """A mapping's first line: where a missing key is reported."""
    span = smap.value(path)
    return Span.point(span.line, span.column)


def modeline(schema_path: Path, goal_folder: Path) -> str:
    """The yaml-language-server comment that gives a goal file in ``goal_folder`` completion from the schema."""
    import os

    relative = Path(os.path.relpath(os.path.abspath(schema_path), os.path.abspath(goal_folder))).as_posix()
    return f"# yaml-language-server: $schema={relative if relative.startswith('.') else './' + relative}"
