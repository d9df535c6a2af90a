"""A plugin whose rule raises on some goals: goallint must report it and go on."""

from __future__ import annotations

from collections.abc import Iterable

from goallint.plugin import CheckContext, ItemView, Problem, Rule, Severity


class Fragile(Rule):
    """Raises on goals owned by 'crash'.

    What it checks:
    Nothing useful: it exists to show how goallint handles a rule that raises.

    Why it matters:
    A broken third-party rule must not hide the other rules' findings.

    Example:
        owner: crash

    Fix:
    Fix the plugin.
    """

    code = "Q001"
    name = "fragile"
    letter = "S"
    severity = Severity.WARNING

    def check(self, item: ItemView, ctx: CheckContext) -> Iterable[Problem]:
        if item.owner == "crash":
            raise ZeroDivisionError("division by zero")
        return ()


RULES = [Fragile]
