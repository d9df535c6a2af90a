"""Output formats: each module has ``render(result, options) -> str``, and nothing else.

Modules are imported only when their format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from ..linter import CheckResult

FORMATS = {
    "text": "goallint.formats.text",
    "json": "goallint.formats.json",
}


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    quiet: bool = False
    statistics: bool = False


def renderer(name: str) -> Callable[[CheckResult, RenderOptions], str]:
    module = importlib.import_module(FORMATS[name])
    return module.render  # type: ignore[no-any-return]
