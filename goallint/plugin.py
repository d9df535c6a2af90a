"""The public interface for rule plugins: import what a rule needs from here.

A plugin package declares its rules under the ``goallint.rules`` entry point group::

    [project.entry-points."goallint.rules"]
    why-too-short = "my_package:WhyTooShort"

The entry point may name one Rule subclass, a list of them, or a module with a ``RULES``
list. Plugin rules go through the same registry as the built-ins: their codes must be a
capital letter and three digits, must not clash with another rule, and must not use the
prefix E. See docs/writing-rules.md.
"""

from __future__ import annotations

from .diagnostics import Problem, Severity, Span
from .model import GoalFile, Item, Project
from .registry import CheckContext, Rule

__all__ = ["CheckContext", "GoalFile", "Item", "Problem", "Project", "Rule", "Severity", "Span"]
