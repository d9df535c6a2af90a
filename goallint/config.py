"""Configuration: where it is found, what it may say, and the settings it becomes.

``.goallint.yaml`` in the current folder or a parent, or ``[tool.goallint]`` in a
pyproject.toml there (the nearest folder with either wins; in one folder the YAML file
wins). The allowed keys and the options are a JSON Schema built from the rule registry,
so an unknown key or option is an error that names it.

A config may ``extends`` a preset (``recommended``, the default, or ``strict``) or
another config file; declare its own ``rules`` (see ``policy.py``); and hold
``overrides`` that change selection, severity and options for files matching globs (the
later of two matching overrides wins).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import loader
from .diagnostics import Severity
from .globs import matches
from .policy import DEFAULT_PREFIXES, PolicyError, build_rule, definition_schema
from .project import project_root
from .registry import RegistryError, all_rules, option_defaults, option_schemas, register, unregister
from .schema import format_path, suggest
from .validator import UnsupportedSchema, compile_schema

CONFIG_NAMES = (".goallint.yaml", ".goallint.yml")
SEVERITY_VALUES = ["error", "warning", "info", "off"]


class ConfigError(Exception):
    """A configuration that cannot be used; the message is one line for the user."""


@dataclass
class Settings:
    """Everything a check run needs to know besides the files."""

    root: Path = field(default_factory=Path.cwd)
    source: str | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=option_defaults)
    max_file_bytes: int = loader.DEFAULT_MAX_BYTES
    overrides: list[dict[str, Any]] = field(default_factory=list)
    baseline: Path | None = None  # known findings (goallint.baseline), relative paths from the config's folder
    _per_file: dict[tuple[int, ...], Settings] = field(default_factory=dict, repr=False)

    def for_file(self, relative: str) -> Settings:
        """These settings with every override whose ``files`` match applied, in order."""
        matching = tuple(i for i, o in enumerate(self.overrides) if matches(relative, o["files"]))
        if not matching:
            return self
        if matching not in self._per_file:
            merged = Settings(root=self.root, source=self.source, include=self.include, exclude=self.exclude,
                              select=self.select, ignore=list(self.ignore), severity=dict(self.severity),
                              options=dict(self.options), max_file_bytes=self.max_file_bytes)
            for index in matching:
                override = self.overrides[index]
                if "select" in override:
                    merged.select = override["select"]
                merged.ignore += override.get("ignore", [])
                merged.severity.update(override.get("severity", {}))
                merged.options.update(override.get("options", {}))
            self._per_file[matching] = merged
        return self._per_file[matching]


PRESETS = ("recommended", "strict")


def preset_severity(name: str) -> dict[str, str]:
    """``strict``: every warning an error, and S006 and A002 on as warnings."""
    if name != "strict":
        return {}
    severity = {code: "error" for code, rule in all_rules().items()
                if rule.severity == Severity.WARNING and not rule.mandatory}
    severity.update({"S006": "warning", "A002": "warning"})
    return severity


def config_schema() -> dict[str, Any]:
    codes = {"type": "array", "items": {"type": "string"}}
    severity = {"type": "object", "additionalProperties": {"enum": SEVERITY_VALUES}}
    options = {"type": "object", "additionalProperties": False, "properties": option_schemas()}
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
            "max_file_bytes": {"type": "integer", "minimum": 1},
            "baseline": {"type": "string", "minLength": 1},
            "custom_prefixes": {"type": "array", "items": {"type": "string", "pattern": "^[B-DF-LN-QU-Z]$"}},
            "rules": {"type": "array", "items": definition_schema()},
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
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "goallint" not in text:  # most pyproject.toml files never mention goallint: skip parsing them
        return False
    import tomllib

    try:
        return "goallint" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return False


def load_settings(explicit: str | None = None, cwd: Path | None = None) -> Settings:
    cwd = cwd or Path.cwd()
    path = Path(explicit) if explicit else find_config(cwd)
    unregister("config")
    if path is None:
        return Settings(root=project_root(None, cwd))
    shown = os.path.relpath(path, cwd) if explicit is None else explicit
    data, locate = _read_chain(path, shown, cwd, [])
    return _settings(data, project_root(path), shown, locate)


def _read_chain(path: Path, shown: str, cwd: Path, seen: list[Path]) -> tuple[dict[str, Any], Any]:
    """One config file merged over what it ``extends``; every file is validated on its own."""
    resolved = path.resolve()
    if resolved in seen:
        raise ConfigError(f"{shown}: extends itself through {' -> '.join(str(p) for p in seen)}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read the config file ({exc.strerror or exc})") from None
    if path.suffix == ".toml":
        data, locate = _read_toml(raw, shown)
    else:
        data, locate = _read_yaml(raw, shown)
    _validate(data, locate, shown)
    parent_name = data.get("extends", "recommended")
    if parent_name in PRESETS:
        preset = preset_severity(parent_name)
        return {**data, "severity": {**preset, **data.get("severity", {})}}, locate
    parent_path = (path.parent / parent_name)
    if not parent_path.is_file():
        raise ConfigError(f"{locate(('extends',))}: '{parent_name}' is neither a preset "
                          f"({', '.join(PRESETS)}) nor a config file")
    parent, _ = _read_chain(parent_path, os.path.relpath(parent_path, cwd), cwd, [*seen, resolved])
    merged = {**parent, **data}
    for key in ("severity", "options"):
        merged[key] = {**parent.get(key, {}), **data.get(key, {})}
    for key in ("rules", "overrides", "custom_prefixes"):
        merged[key] = [*parent.get(key, []), *data.get(key, [])]
    return merged, locate


def _read_toml(raw: bytes, shown: str) -> tuple[Any, Any]:
    import tomllib

    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{shown}: not valid TOML ({exc})") from None
    data = document.get("tool", {}).get("goallint", {})
    return data, lambda path, at_key=False: f"{shown}: [tool.goallint] {format_path(path)}"


def _read_yaml(raw: bytes, shown: str) -> tuple[Any, Any]:
    document = loader.load_file_bytes(raw)
    if document.problems:
        problem = document.problems[0]
        raise ConfigError(f"{shown}:{problem.span.line}:{problem.span.column}: {problem.message}")
    data = {} if document.data is None else document.data

    def locate(path: loader.Path, at_key: bool = False) -> str:
        span = document.source_map.key(path) if at_key else document.source_map.value(path)
        return f"{shown}:{span.line}:{span.column}: {format_path(path)}"

    return data, locate


def _validate(data: Any, locate: Any, shown: str) -> None:
    if not isinstance(data, dict):
        raise ConfigError(f"{shown}: the configuration must be a mapping")
    structure = config_schema()
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
        what = "option" if path == ("options",) else "key"
        where = locate(path + (extra[0],), True)
        raise ConfigError(f"{where}: unknown config {what} '{extra[0]}'{suggest(extra[0], known)}")
    raise ConfigError(f"{locate(path)}: {error.message}")


def _settings(data: dict[str, Any], root: Path, shown: str, locate: Any) -> Settings:
    prefixes = (*DEFAULT_PREFIXES, *data.get("custom_prefixes", []))
    for index, definition in enumerate(data.get("rules", [])):
        try:
            register(build_rule(definition, f"config {shown}", prefixes))
        except PolicyError as exc:
            raise ConfigError(f"{locate(('rules', index))}: {exc}") from None
        except RegistryError as exc:
            raise ConfigError(f"{locate(('rules', index))}: {exc}") from None
    settings = Settings(root=root, source=shown)
    settings.include = list(data.get("include", []))
    settings.exclude = list(data.get("exclude", []))
    if "select" in data:
        settings.select = check_codes(data["select"], lambda i: locate(("select", i)))
    settings.ignore = check_codes(data.get("ignore", []), lambda i: locate(("ignore", i)))
    severity = data.get("severity", {})
    check_codes(list(severity), lambda i: locate(("severity", list(severity)[i]), True))
    settings.severity = dict(severity)
    settings.options.update(data.get("options", {}))
    settings.max_file_bytes = data.get("max_file_bytes", settings.max_file_bytes)
    settings.baseline = root / data["baseline"] if "baseline" in data else None
    for index, override in enumerate(data.get("overrides", [])):
        where = f"overrides[{index}]"
        if "select" in override:
            override["select"] = check_codes(override["select"], lambda i, w=where: f"{shown}: {w}.select")
        override["ignore"] = check_codes(override.get("ignore", []), lambda i, w=where: f"{shown}: {w}.ignore")
        check_codes(list(override.get("severity", {})), lambda i, w=where: f"{shown}: {w}.severity")
        settings.overrides.append(override)
    return settings


def check_codes(codes: list[str], where: Any) -> list[str]:
    """Each entry must be a rule code or a prefix of one (``M``, ``M00``, ``M003``)."""
    known = list(all_rules())
    for index, code in enumerate(codes):
        normal = code.strip().upper()
        if normal == "ALL" or any(k.startswith(normal) for k in known) and normal:
            continue
        raise ConfigError(f"{where(index)}: '{code}' is not a rule code or prefix{suggest(normal, known)}")
    return [code.strip().upper() for code in codes]


def severity_of(code: str, default: Severity, overrides: dict[str, str]) -> Severity | None:
    """The configured severity for a code: the longest matching prefix wins; None is off."""
    best, best_length = None, -1
    for prefix in overrides:
        normal = prefix.strip().upper()
        length = 0 if normal == "ALL" else len(normal)
        if (normal == "ALL" or code.startswith(normal)) and length > best_length:
            best, best_length = prefix, length
    if best is None:
        return default
    value = overrides[best]
    return None if value == "off" else Severity.parse(value)
