"""Where the built-in rule modules take their base class from (kept while they move to plugin.py)."""

from __future__ import annotations

from typing import TypeVar

from .plugin import CheckContext, Rule

__all__ = ["CheckContext", "Rule", "register"]

R = TypeVar("R", bound=type[Rule])


def register(rule: R) -> R:
    """Marks a built-in rule class; the list that counts is ``rules.BUILTIN_RULES``."""
    return rule
