"""U rules: suppression hygiene. The linter reports them after every other rule has run."""

from __future__ import annotations

from ..diagnostics import Severity
from ..plugin import Rule


class SuppressionUnused(Rule):
    """A suppression directive silences nothing.

    What it checks:
    Every active `# goallint: disable=...` or `disable-file=...` directive must silence at
    least one finding of a rule that ran on the file. A directive that names only rules
    that did not run (not selected, ignored or turned off) is left alone, and so is one
    whose `until` date has passed (the findings it covered say so instead).

    Why it matters:
    A suppression outlives the problem it was written for: the goal is fixed, the line
    moves, the rule changes. Left in place it silences the next real problem there
    without anyone deciding to, and readers believe something is wrong that is not.

    Example:
        - id: leads  # goallint: disable=E004 -- sales uses the same id
          title: Reach 400 inbound leads per month
    (E004 can never be suppressed, so this directive silences nothing; the same holds
    for `disable=S002` above a goal that has a real owner now)

    Fix:
    Remove the directive, or the codes in it that no longer match anything.

        - id: leads
          title: Reach 400 inbound leads per month
    """

    code = "U001"
    name = "suppression-unused"
    severity = Severity.INFO
    fixable = "safe"  # removing the comment changes no finding: it silenced nothing
