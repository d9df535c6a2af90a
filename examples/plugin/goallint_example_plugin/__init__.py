"""An example goallint plugin with one rule, K001 why-too-short."""

from __future__ import annotations

from collections.abc import Iterable

from goallint.plugin import CheckContext, ItemView, Problem, Rule, Severity


class WhyTooShort(Rule):
    """The goal's why is too short to say what the business gains.

    What it checks:
    That a goal's `why` has at least `min_why_words` (6) words. Goals without a `why`
    are left to S005.

    Why it matters:
    "Why" is the question that decides whether a goal gets funded. "Growth." persuades
    nobody; one sentence about what the business gains does.

    Example:
        why: More leads.

    Fix:
    Say what reaching the goal gives the business, e.g. `why: Sales needs 400 leads a
    month to meet next year's revenue budget.`
    """

    code = "K001"
    name = "why-too-short"
    letter = "S"
    severity = Severity.WARNING
    options = {
        "min_why_words": {"type": "integer", "minimum": 1, "default": 6,
                          "description": "Fewest words a goal's why may have."},
    }

    def check(self, item: ItemView, ctx: CheckContext) -> Iterable[Problem]:
        why = item.why
        if why is None:
            return
        words = len(why.split())
        wanted = ctx.options["min_why_words"]
        if words < wanted:
            yield Problem(item.at("why"), f"why has {words} words; say what the business gains in at least {wanted}")
