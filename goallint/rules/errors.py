"""E rules: the file cannot be read as a goal file. They cannot be ignored.

E001-E003 and E005 are reported by the loader, the schema check and the suppression
parser; their classes carry the code and the documentation. E004 is an ordinary check.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Problem, Severity
from ..model import Item
from ..registry import CheckContext, Rule, register


@register
class YamlSyntaxError(Rule):
    """The file is not usable YAML.

    What it checks:
    The file must decode (UTF-8, or UTF-16/32 with a byte-order mark), parse as one YAML
    document, and hold plain data only: no Python or other unsupported tags, no alias
    that refers to itself or expands into far more data than the file spells out, no
    nesting deeper than 64 levels, no mapping key that is itself a list or a mapping,
    and no more than 2 MiB. The finding points at the parser's position.

    Why it matters:
    Nothing else can be checked in a file that cannot be read; a goal that silently
    vanishes from the check is worse than a loud error.

    Example:
        goals:
          - id: leads
            title: "More leads
    (the quote is never closed)

    Fix:
    Correct the YAML at the reported position. `yes`, `no`, `on`, `off` and dates are
    plain strings in goal files (YAML 1.2), so there is no need to quote them.
    """

    code = "E001"
    name = "yaml-syntax-error"
    letter = "E"
    severity = Severity.ERROR


@register
class SchemaViolation(Rule):
    """The file does not follow the goal-file schema.

    What it checks:
    The file against `schemas/goals.schema.json`: `version: 1` is present, every key is
    known, every value has the right type, and enumerations such as `status` hold one of
    their values. Unknown keys are reported at the key, with the nearest known key as a
    suggestion; a missing required key at the start of its mapping.

    Why it matters:
    A misspelled `dedline:` is not a deadline. Without this check the goal would simply
    look like it has none, or worse, pass rules it should fail.

    Example:
        version: 1
        goals:
          - id: leads
            title: Reach 400 inbound leads per month
            dedline: 2026-12-31

    Fix:
    Use the key or value the message names (`goallint schema` prints the whole schema).
    """

    code = "E002"
    name = "schema-violation"
    letter = "E"
    severity = Severity.ERROR


@register
class DuplicateKey(Rule):
    """A mapping has the same key twice.

    What it checks:
    Every mapping in the file, at any depth. The finding is at the repeated key and names
    the line of the first one. The later value is the one goallint uses.

    Why it matters:
    Most YAML readers silently keep one of the two values, so a reviewer reading the first
    `target:` may be looking at a number nobody measures against.

    Example:
        metric:
          target: 400
          target: 250

    Fix:
    Keep one of the keys.
    """

    code = "E003"
    name = "duplicate-key"
    letter = "E"
    severity = Severity.ERROR


@register
class DuplicateId(Rule):
    """Two goals or objectives share an id.

    What it checks:
    Ids across every file checked together (goals and objectives share one namespace).
    Each repeat is reported at its `id` value and names where the id was first used.

    Why it matters:
    Parents, reports and suppressions refer to goals by id; with two goals behind one id,
    progress and alignment are attributed to the wrong goal.

    Example:
        goals:
          - id: leads
            title: Reach 400 inbound leads per month
          - id: leads
            title: Close 30 % of qualified leads

    Fix:
    Give every goal a unique id, e.g. prefix it with the team: `marketing-leads`.
    """

    code = "E004"
    name = "duplicate-id"
    letter = "E"
    severity = Severity.ERROR
    applies_to = frozenset({"goal", "objective"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.id is None:
            return
        same = ctx.project.by_id[item.id]
        if len(same) > 1 and same[0] is not item:
            first = same[0]
            where = f"{first.file.path}:{first.at('id').line}"
            yield Problem(item.at("id"), f"id '{item.id}' is already used by the {first.kind} at {where}")


@register
class DirectiveInvalid(Rule):
    """A `# goallint:` comment cannot be understood.

    What it checks:
    Suppression comments: `# goallint: disable=CODE[,CODE...]` or
    `# goallint: disable-file=CODE[,CODE...]`, optionally followed by `until=YYYY-MM-DD`
    and ` -- reason`. Codes must name known rules or rule prefixes, and `until` must be a
    real date.

    Why it matters:
    A misspelled suppression silently suppresses nothing, or a misspelled date never
    lapses; either way the file says something goallint does not do.

    Example:
        - id: leads  # goallint: disable=M03 until=2026-13-01

    Fix:
    Use existing codes (`goallint rules` lists them) and an ISO date.
    """

    code = "E005"
    name = "directive-invalid"
    letter = "E"
    severity = Severity.ERROR
