"""Configuration: where it is found, what it may say, and the settings it becomes.

``.goallint.yaml`` in the current folder or a parent, or ``[tool.goallint]`` in a
pyproject.toml there (the nearest folder with either wins; in one folder the YAML file
wins). The allowed keys and the options are a JSON Schema built from the rule registry,
so an unknown key or option is an error that names it.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import loader
from .diagnostics import Severity
from .registry import all_rules, option_defaults, option_schemas
from .schema import format_path, suggest

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


def config_schema() -> dict[str, Any]:
    codes = {"type": "array", "items": {"type": "string"}}
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "include": {"type": "array", "items": {"type": "string"}},
            "exclude": {"type": "array", "items": {"type": "string"}},
            "select": codes,
            "ignore": codes,
            "severity": {"type": "object", "additionalProperties": {"enum": SEVERITY_VALUES}},
            "options": {"type": "object", "additionalProperties": False, "properties": option_schemas()},
            "max_file_bytes": {"type": "integer", "minimum": 1},
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
        return "goallint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def load_settings(explicit: str | None = None, cwd: Path | None = None) -> Settings:
    cwd = cwd or Path.cwd()
    path = Path(explicit) if explicit else find_config(cwd)
    if path is None:
        return Settings(root=cwd)
    shown = os.path.relpath(path, cwd) if explicit is None else explicit
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read the config file ({exc.strerror or exc})") from None
    if path.suffix == ".toml":
        data, locate = _read_toml(raw, shown)
    else:
        data, locate = _read_yaml(raw, shown)
    _validate(data, locate, shown)
    return _settings(data, path.parent.resolve(), shown, locate)


def _read_toml(raw: bytes, shown: str) -> tuple[Any, Any]:
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
    from jsonschema import Draft202012Validator

    if not isinstance(data, dict):
        raise ConfigError(f"{shown}: the configuration must be a mapping")
    validator = Draft202012Validator(config_schema())
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
