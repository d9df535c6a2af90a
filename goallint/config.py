"""Configuration: where it is found, what it may say, and the settings it becomes.

``.goallint.yaml`` in the current folder or a parent, or ``[tool.goallint]`` in a
pyproject.toml there (the nearest folder with either wins; in one folder the YAML file
wins). The allowed keys and the options are a JSON Schema built from the rule catalog,
so an unknown key or option is an error that names it.

Options belong to one rule each (``options: {A001: {max_change_factor: 3}}``); the old
flat form (``options: {max_change_factor: 3}``) still works and says it is deprecated.
Values that several parts read (the report and a rule) live in ``metrics:``.

A config may ``extends`` a preset (``recommended``, the default, or ``strict``) or
another config file; declare its own ``rules`` (see ``policy.py``); and hold
``overrides`` that change selection, severity and options for files matching globs (the
later of two matching overrides wins).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import loader
from .catalog import Catalog, CatalogError, build_catalog
from .diagnostics import Severity
from .globs import matches
from .plugin import MetricSettings
from .project import project_root
from .schema import format_path, suggest
from .selection import CodeError, check_codes
from .validator import UnsupportedSchema, compile_schema

CONFIG_NAMES = (".goallint.yaml", ".goallint.yml")
SEVERITY_VALUES = ["error", "warning", "info", "off"]
MAX_EXTENDS = 32  # a chain of configs longer than this is a mistake, not a design
CODE = re.compile(r"[A-Z][0-9]{3}\Z")
Locate = Callable[..., str]


class ConfigError(Exception):
    """A configuration that cannot be used; the message is one line for the user."""


class Settings:
    """Everything a check run needs to know besides the files."""

    def __init__(self, root: Path | None = None, source: str | None = None, include: list[str] | None = None,
                 exclude: list[str] | None = None, select: list[str] | None = None, ignore: list[str] | None = None,
                 severity: dict[str, str] | None = None, options: dict[str, dict[str, Any]] | None = None,
                 metrics: MetricSettings | None = None, max_file_bytes: int = loader.DEFAULT_MAX_BYTES,
                 overrides: list[dict[str, Any]] | None = None, catalog: Catalog | None = None,
                 warnings: list[str] | None = None, baseline: Path | None = None) -> None:
        self.root = Path.cwd() if root is None else root
        self.source = source
        self.include = [] if include is None else include
        self.exclude = [] if exclude is None else exclude
        self.select = select
        self.ignore = [] if ignore is None else ignore
        self.severity = {} if severity is None else severity
        self.options = {} if options is None else options  # code -> the options set in config
        self.metrics = MetricSettings() if metrics is None else metrics
        self.max_file_bytes = max_file_bytes
        self.overrides = [] if overrides is None else overrides
        self.catalog = build_catalog() if catalog is None else catalog
        self.warnings = [] if warnings is None else warnings  # deprecations, shown once by the CLI
        self.baseline = baseline  # known findings (goallint.baseline), relative paths from the config's folder
        self._per_file: dict[tuple[int, ...], Settings] = {}
        self._rule_options: dict[str, Mapping[str, Any]] = {}

    def __repr__(self) -> str:
        return f"Settings(root={self.root!r}, source={self.source!r})"

    def rule_options(self, code: str) -> Mapping[str, Any]:
        """One rule's options: its defaults with what the config sets; read-only."""
        if code not in self._rule_options:
            rule = self.catalog[code]
            values = {name: spec.get("default") for name, spec in rule.options.items()}
            values.update(self.options.get(code, {}))
            self._rule_options[code] = MappingProxyType(values)
        return self._rule_options[code]

    def set_options(self, values: Mapping[str, Any], where: str = "options") -> None:
        """Apply an ``options`` block: per rule code, or the deprecated flat names."""
        for key, value in values.items():
            if CODE.match(key):
                self.options.setdefault(key, {}).update(value)
                continue
            if key in _METRIC_FIELDS:
                self.metrics = self.metrics.replaced(**{key: value})
                self.warnings.append(f"{where}.{key}: this value now lives in 'metrics: {{{key}: ...}}'; "
                                     "the flat form is deprecated")
                continue
            owners = [code for code, rule in self.catalog.items() if key in rule.options]
            for code in owners:
                self.options.setdefault(code, {})[key] = value
            if owners:
                self.warnings.append(f"{where}.{key}: flat option names are deprecated; write "
                                     f"'options: {{{owners[0]}: {{{key}: ...}}}}'")

    def for_file(self, relative: str) -> Settings:
        """These settings with every override whose ``files`` match applied, in order."""
        matching = tuple(i for i, o in enumerate(self.overrides) if matches(relative, o["files"]))
        if not matching:
            return self
        if matching not in self._per_file:
            merged = Settings(self.root, self.source, self.include, self.exclude, self.select, list(self.ignore),
                              dict(self.severity), {code: dict(values) for code, values in self.options.items()},
                              self.metrics, self.max_file_bytes, [], self.catalog, [], self.baseline)
            for index in matching:
                override = self.overrides[index]
                if "select" in override:
                    merged.select = override["select"]
                merged.ignore += override.get("ignore", [])
                merged.severity.update(override.get("severity", {}))
                merged.set_options(override.get("options", {}), f"overrides[{index}].options")
            merged.warnings = []  # said once, for the config as a whole
            self._per_file[matching] = merged
        return self._per_file[matching]


_METRIC_FIELDS = frozenset(MetricSettings._fields)
PRESETS = ("recommended", "strict")


def preset_severity(name: str, catalog: Catalog) -> dict[str, str]:
    """``strict``: every warning an error, and S006 and A002 on as warnings."""
    if name != "strict":
        return {}
    severity = {code: "error" for code, rule in catalog.items()
                if rule.severity == Severity.WARNING and not rule.mandatory}
    severity.update({"S006": "warning", "A002": "warning"})
    return severity


def options_schema(catalog: Catalog) -> dict[str, Any]:
    """Per rule code its options' schemas; the deprecated flat names beside them."""
    properties: dict[str, Any] = {}
    flat: dict[str, Any] = {}
    for code, rule in catalog.items():
        if rule.options:
            properties[code] = {"type": "object", "additionalProperties": False, "properties": dict(rule.options)}
            for name, spec in rule.options.items():
                flat.setdefault(name, spec)
    metric_schema = _metrics_schema()["properties"]
    for name, spec in metric_schema.items():
        flat.setdefault(name, spec)
    return {"type": "object", "additionalProperties": False, "properties": {**flat, **properties}}


def _metrics_schema() -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "properties": {
        "pace_tolerance_percent": {"type": "number", "minimum": 0, "default": 10,
                                   "description": "How far (in % of the baseline-to-target distance) a forecast "
                                                  "may fall short and still be on track; A003 and the report."},
    }}


def config_schema(catalog: Catalog) -> dict[str, Any]:
    codes = {"type": "array", "items": {"type": "string"}}
    severity = {"type": "object", "additionalProperties": {"enum": SEVERITY_VALUES}}
    options = options_schema(catalog)
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "extends": {"type": "string", "minLength": 1},
            "include": {"type": "array", "items": {"type": "string"}},
            "exclude": {"type": "array", "items": {"type": "string"}},
            "select": codes,
            "ignore": codes,
            "severity": severity,
            "options": options,
            "metrics": _metrics_schema(),
            "max_file_bytes": {"type": "integer", "minimum": 1},
            "baseline": {"type": "string", "minLength": 1},
            "custom_prefixes": {"type": "array", "items": {"type": "string", "pattern": "^[B-DF-GI-LN-QV-Z]$"}},
            "rules": {"type": "array", "items": _rule_definition_schema()},
            "overrides": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["files"],
                "properties": {"files": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                               "select": codes, "ignore": codes, "severity": severity, "options": options},
            }},
        },
    }


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject, os.path.relpath(pyproject, start)):
            return pyproject
    return None


def _has_tool_section(pyproject: Path, shown: str) -> bool:
    """Whether a pyproject.toml holds ``[tool.goallint]``; one that says goallint but cannot be read is an error."""
    try:
        raw = pyproject.read_bytes()
    except OSError:
        return False
    if b"goallint" not in raw:  # most pyproject.toml files never mention goallint: skip parsing them
        return False
    data, _locate = _read_toml(raw, shown)
    tool = data.get("tool")
    return isinstance(tool, dict) and "goallint" in tool


def load_settings(explicit: str | None = None, cwd: Path | None = None) -> Settings:
    cwd = cwd or Path.cwd()
    path = Path(explicit) if explicit else find_config(cwd)
    if path is None:
        return Settings(root=project_root(None, cwd), catalog=_catalog(()))
    shown = os.path.relpath(path, cwd) if explicit is None else explicit
    base = _catalog(())  # built-ins and plugins: what the config is validated against, found once
    data, locate = _read_chain(path, shown, cwd, [], base)
    return _settings(data, project_root(path), shown, locate, base)


def _catalog(extra: Any) -> Catalog:
    try:
        return build_catalog(extra)
    except CatalogError as exc:
        raise ConfigError(str(exc)) from None


def _read_chain(path: Path, shown: str, cwd: Path, seen: list[Path],
                base: Catalog) -> tuple[dict[str, Any], Locate]:
    """One config file merged over what it ``extends``; every file is validated on its own."""
    resolved = path.resolve()
    if resolved in seen:
        raise ConfigError(f"{shown}: extends itself through {' -> '.join(str(p) for p in seen)}")
    if len(seen) >= MAX_EXTENDS:
        raise ConfigError(f"{shown}: 'extends' goes more than {MAX_EXTENDS} configs deep")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read the config file ({exc.strerror or exc})") from None
    if path.suffix == ".toml":
        document, locate = _read_toml(raw, shown)
        data = document.get("tool", {}).get("goallint", {}) if isinstance(document.get("tool"), dict) else {}
    else:
        data, locate = _read_yaml(raw, shown)
    _validate(data, locate, shown, base)
    parent_name = data.get("extends", "recommended")
    if parent_name in PRESETS:
        return {**data, "extends": parent_name}, locate
    parent_path = (path.parent / parent_name)
    if not parent_path.is_file():
        raise ConfigError(f"{locate(('extends',))}: '{parent_name}' is neither a preset "
                          f"({', '.join(PRESETS)}) nor a config file")
    parent, _ = _read_chain(parent_path, os.path.relpath(parent_path, cwd), cwd, [*seen, resolved], base)
    merged = {**parent, **data, "extends": parent.get("extends", "recommended")}
    for key in ("severity", "options", "metrics"):
        merged[key] = {**parent.get(key, {}), **data.get(key, {})}
    for key in ("rules", "overrides", "custom_prefixes"):
        merged[key] = [*parent.get(key, []), *data.get(key, [])]
    return merged, locate


def _read_toml(raw: bytes, shown: str) -> tuple[dict[str, Any], Locate]:
    import tomllib

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{shown}: not UTF-8 at byte {exc.start}; TOML files are UTF-8") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        lines = text.splitlines() or [""]
        line, column = (found.group(1), found.group(2)) if found else (len(lines), len(lines[-1]) + 1)
        reason = re.sub(r" \(at (line \d+, column \d+|end of document)\)", "", str(exc))
        raise ConfigError(f"{shown}:{line}:{column}: not valid TOML ({reason})") from None
    if not isinstance(document.get("tool", {}), dict):
        raise ConfigError(f"{shown}: 'tool' must be a table")
    tool = document.get("tool")
    if isinstance(tool, dict) and "goallint" in tool and not isinstance(tool["goallint"], dict):
        raise ConfigError(f"{shown}:{_toml_line(text, ())}:1: [tool.goallint] must be a table")

    def locate(path: tuple[Any, ...], *, at_key: bool = False) -> str:  # noqa: ARG001 - no key positions in TOML
        return f"{shown}:{_toml_line(text, path)}:1: [tool.goallint] {format_path(path)}"

    return document, locate


def _toml_line(text: str, path: tuple[Any, ...]) -> int:
    """The line of ``[tool.goallint]``'s key ``path[0]`` (or of the table), found in the text.

    tomllib gives no positions; a header or ``key =`` line is what a reader looks for too.
    """
    lines = text.splitlines()
    header = re.compile(r"\s*\[\s*tool\s*\.\s*goallint\s*(\.\s*(?P<sub>[\w-]+)\s*)?\]")
    table_line, inside = 1, False
    for number, line in enumerate(lines, start=1):
        found = header.match(line)
        if found:
            inside = True
            table_line = table_line if table_line > 1 else number
            if path and found.group("sub") == str(path[0]):
                return number
            continue
        if line.lstrip().startswith("["):
            inside = False
        elif inside and path and re.match(rf"\s*\"?{re.escape(str(path[0]))}\"?\s*=", line):
            return number
    return table_line


def _read_yaml(raw: bytes, shown: str) -> tuple[Any, Locate]:
    document = loader.load_file_bytes(raw)
    if document.problems:
        problem = document.problems[0]
        raise ConfigError(f"{shown}:{problem.span.line}:{problem.span.column}: {problem.message}")
    data = {} if document.data is None else document.data

    def locate(path: loader.KeyPath, *, at_key: bool = False) -> str:
        span = document.source_map.key(path) if at_key else document.source_map.value(path)
        return f"{shown}:{span.line}:{span.column}: {format_path(path)}"

    return data, locate


def _validate(data: Any, locate: Locate, shown: str, base: Catalog) -> None:
    if not isinstance(data, dict):
        raise ConfigError(f"{shown}: the configuration must be a mapping")
    structure = config_schema(base)
    try:  # the compiled check answers for a valid config without importing jsonschema
        if compile_schema(structure)(data):
            return
    except UnsupportedSchema:
        pass  # a plugin's option schema uses a keyword the compiler does not know
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(structure)
    error = next(iter(sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))), None)
    if error is None:
        return
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extra = [key for key in error.instance if key not in known]
        what = "option" if path and path[-1] == "options" else "key"
        where = locate((*path, extra[0]), at_key=True)
        raise ConfigError(f"{where}: unknown config {what} '{extra[0]}'{suggest(extra[0], known)}")
    raise ConfigError(f"{locate(path)}: {error.message}")


def _rule_definition_schema() -> dict[str, Any]:
    from .policy import definition_schema  # a config's own rules: only a config file needs them

    return definition_schema()


def _declared_rules(data: dict[str, Any], shown: str, locate: Locate) -> list[tuple[Any, str]]:
    from .policy import DEFAULT_PREFIXES, PolicyError, build_rule

    prefixes = (*DEFAULT_PREFIXES, *data.get("custom_prefixes", []))
    source = f"config {shown}"
    declared = []
    for index, definition in enumerate(data.get("rules", [])):
        try:
            declared.append((build_rule(definition, source, prefixes), source))
        except PolicyError as exc:
            raise ConfigError(f"{locate(('rules', index))}: {exc}") from None
    return declared


def _fixed(label: str) -> Callable[[int], str]:
    """A location that is the same for every entry of a list."""
    return lambda _index: label


def _settings(data: dict[str, Any], root: Path, shown: str, locate: Locate, base: Catalog) -> Settings:
    declared = _declared_rules(data, shown, locate)
    try:
        catalog = base.with_rules(declared)
    except CatalogError as exc:
        declared_codes = [rule.code for rule, _source in declared]
        clash = next((i for i, code in enumerate(declared_codes) if code in str(exc)), None)
        where = locate(("rules", clash)) if clash is not None else shown
        raise ConfigError(f"{where}: {str(exc).split(': ', 1)[-1]}") from None
    known = list(catalog)

    def valid(values: list[str], where: Callable[[int], str]) -> list[str]:
        try:
            return check_codes(values, known, where)
        except CodeError as exc:
            raise ConfigError(str(exc)) from None

    settings = Settings(root=root, source=shown, catalog=catalog)
    settings.include = list(data.get("include", []))
    settings.exclude = list(data.get("exclude", []))
    if "select" in data:
        settings.select = valid(data["select"], lambda i: locate(("select", i)))
    settings.ignore = valid(data.get("ignore", []), lambda i: locate(("ignore", i)))
    severity = data.get("severity", {})
    valid(list(severity), lambda i: locate(("severity", list(severity)[i]), at_key=True))
    settings.severity = {**preset_severity(data.get("extends", "recommended"), catalog), **severity}
    settings.set_options(data.get("options", {}))
    settings.metrics = settings.metrics.replaced(**data.get("metrics", {}))
    settings.max_file_bytes = data.get("max_file_bytes", settings.max_file_bytes)
    settings.baseline = root / data["baseline"] if "baseline" in data else None
    for index, override in enumerate(data.get("overrides", [])):
        where = f"overrides[{index}]"
        if "select" in override:
            override["select"] = valid(override["select"], _fixed(f"{shown}: {where}.select"))
        override["ignore"] = valid(override.get("ignore", []), _fixed(f"{shown}: {where}.ignore"))
        valid(list(override.get("severity", {})), _fixed(f"{shown}: {where}.severity"))
        settings.overrides.append(override)
    return settings
