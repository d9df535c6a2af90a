"""Output formats: each module has ``render(result, options) -> str``, and nothing else.

Modules are imported only when their format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from ..linter import CheckResult

FORMATS = {
    "text": "goallint.formats.text",
    "json": "goallint.formats.json",
    "sarif": "goallint.formats.sarif",
    "github": "goallint.formats.github",
    "junit": "goallint.formats.junit",
    "gitlab": "goallint.formats.gitlab",
}


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    fail_on: Severity = Severity.ERROR


def fingerprints(diagnostics: list[Diagnostic]) -> list[str]:
    """A stable id per finding: rule, file, goal and the finding's rank among its twins.

    Line numbers and message text are left out, so moving unrelated lines (or a message
    that counts days) does not make a finding look new.
    """
    import hashlib  # only the formats that print fingerprints pay for it

    seen: dict[tuple[str, str, str], int] = {}
    out = []
    for d in diagnostics:
        key = (d.code, d.path, d.goal if d.goal is not None else "")
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        out.append(hashlib.sha256("\0".join((*key, str(rank))).encode()).hexdigest()[:32])
    return out


def renderer(name: str) -> Callable[[CheckResult, RenderOptions], str]:
    module = importlib.import_module(FORMATS[name])
    return module.render  # type: ignore[no-any-return]
