"""E rules: the file cannot be read as a goal file, or hides what it says.

E001-E003 and E005-E007 are reported by the loader, the schema check and the suppression
parser; their classes carry the code and the documentation. E004 is an ordinary check.
E001-E006 are mandatory: they always run, as errors, and cannot be suppressed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from ..diagnostics import Problem, Severity, Span
from ..fixes import Applicability, Edit, Fix, scalar_text
from ..messages import kind, msg
from ..model import Item
from ..plugin import CheckContext, Rule


class YamlSyntaxError(Rule):
    """The file is not valid YAML.

    What it checks:
    The file must decode (UTF-8, or UTF-16/32 with a byte-order mark), hold no control
    characters YAML forbids, and parse as YAML: unclosed quotes, bad indentation, an
    alias to an anchor that does not exist, or a value that does not fit its explicit
    tag (`!!int abc`). The finding points at the parser's position. Valid YAML that goal
    files do not allow is E006.

    Why it matters:
    Nothing else can be checked in a file that cannot be read; a goal that silently
    vanishes from the check is worse than a loud error.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          owner: *kari
    (an alias to an anchor `&kari` that no line defines; an unclosed quote or a key
    out of line is E001 too)

    Fix:
    Correct the YAML at the reported position; here, write the value the alias was
    meant to repeat. `yes`, `no`, `on`, `off` and dates are plain strings in goal files
    (YAML 1.2), so there is no need to quote them.

        - id: leads
          title: Reach 400 inbound leads per month
          owner: kari.nordmann@example.com
    """

    code = "E001"
    name = "yaml-syntax-error"
    severity = Severity.ERROR
    mandatory = True


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
        - id: leads
          title: Reach 400 inbound leads per month
          dedline: 2026-12-31

    Fix:
    Use the key or value the help names (`goallint schema` prints the whole schema).

        - id: leads
          title: Reach 400 inbound leads per month
          deadline: 2026-12-31
    """

    code = "E002"
    fixable = "safe"
    name = "schema-violation"
    severity = Severity.ERROR
    mandatory = True


class DuplicateKey(Rule):
    """A mapping has the same key twice.

    What it checks:
    Every mapping in the file, at any depth. The finding is at the repeated key and names
    the line of the first one. The later value is the one goallint uses.

    Why it matters:
    Most YAML readers silently keep one of the two values, so a reviewer reading the first
    `target:` may be looking at a number nobody measures against.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          metric: {name: inbound leads, target: 400, target: 250}

    Fix:
    Keep one of the keys: the one with the number the goal is measured against.

        - id: leads
          title: Reach 400 inbound leads per month
          metric: {name: inbound leads, target: 400}
    """

    code = "E003"
    name = "duplicate-key"
    severity = Severity.ERROR
    mandatory = True


class DuplicateId(Rule):
    """Two goals or objectives share an id.

    What it checks:
    Ids across every file checked together (goals and objectives share one namespace).
    Each repeat is reported at its `id` value and names where the id was first used.

    Why it matters:
    Parents, reports and suppressions refer to goals by id; with two goals behind one id,
    progress and alignment are attributed to the wrong goal.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
        - id: leads
          title: Close 30 % of qualified leads
          team: sales

    Fix:
    Give every goal a unique id, e.g. prefix it with the team.

        - id: leads
          title: Reach 400 inbound leads per month
        - id: sales-leads
          title: Close 30 % of qualified leads
          team: sales
    """

    code = "E004"
    name = "duplicate-id"
    severity = Severity.ERROR
    needs_project = True
    mandatory = True
    applies_to = frozenset({"goal", "objective"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.id is None:
            return
        same = ctx.project.by_id[item.id]
        if len(same) < 2:
            return
        first = same[0]
        if first is not item:
            where = f"{first.file.path}:{first.at('id').line}"
            yield Problem(item.at("id"), msg("id '{id}' is already used by the {kind} at {where}", id=item.id,
                                             kind=kind(first.kind), where=where),
                          help=_unique_id_help(item, ctx))
        elif not any(ctx.project.is_reported(other) for other in same[1:]):
            # Only this file is being checked (a pre-commit hook): the clash is news here.
            other = same[1]
            where = f"{other.file.path}:{other.at('id').line}"
            yield Problem(item.at("id"), msg("id '{id}' is also used by the {kind} at {where}", id=item.id,
                                             kind=kind(other.kind), where=where),
                          help=_unique_id_help(item, ctx))


def _unique_id_help(item: Item, ctx: CheckContext) -> str:
    """A free id to suggest: the team as a prefix, else a number as a suffix."""
    base = item.id or ""
    team = item.team
    if team and not base.startswith(f"{team.casefold()}-"):
        candidate = f"{'-'.join(team.casefold().split())}-{base}"
        if candidate not in ctx.project.by_id:
            return f"rename it, e.g. `id: {candidate}`, and update the parents that meant this {item.kind}"
    number = 2
    while f"{base}-{number}" in ctx.project.by_id:
        number += 1
    return f"rename it, e.g. `id: {base}-{number}`, and update the parents that meant this {item.kind}"


class DirectiveInvalid(Rule):
    """A `# goallint:` comment cannot be understood.

    What it checks:
    Suppression comments: `# goallint: disable=CODE[,CODE...]` or
    `# goallint: disable-file=CODE[,CODE...]`, optionally followed by `until=YYYY-MM-DD`
    and ` -- reason`. Codes must name known rules or rule prefixes, and `until` must be a
    real date. A comment that reads like a directive but is not one (`# goallint
    disable=M007`, without the colon) is reported too.

    Why it matters:
    A misspelled suppression silently suppresses nothing, or a misspelled date never
    lapses; either way the file says something goallint does not do.

    Example:
        - id: leads  # goallint: disable=S0002
          title: Reach 400 inbound leads per month
          owner: TBD

    Fix:
    Use existing codes (`goallint rules` lists them) and an ISO date for `until`.

        - id: leads  # goallint: disable=S002
          title: Reach 400 inbound leads per month
          owner: TBD
    """

    code = "E005"
    name = "directive-invalid"
    severity = Severity.ERROR
    mandatory = True


class YamlUnsupported(Rule):
    """The file is valid YAML, but uses something goal files do not allow.

    What it checks:
    Goal files hold one document of plain data, so goallint refuses: tags other than the
    core `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map` and `!!seq`
    (`!!python/object`, `!!binary`, `!!set`, `!!omap`, `!custom`...); a second document
    (`---`); mapping keys that are lists or mappings; an alias inside the node it refers
    to; aliases that expand into far more data than the file spells out (an "alias
    bomb"); nesting deeper than 64 levels; and files over `max_file_bytes` (2 MiB), which
    are not parsed at all.

    Why it matters:
    Goal files arrive in pull requests from anyone. Loading them must never run code,
    exhaust memory or take minutes, and every goal must be plain data a reviewer can read.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          owner: !!python/object/apply:os.system ["rm -rf /"]

    Fix:
    Write plain values. Split several documents into several files, and share values
    with `defaults:` instead of aliases.

        - id: leads
          title: Reach 400 inbound leads per month
          owner: kari.nordmann@example.com
    """

    code = "E006"
    name = "yaml-unsupported"
    severity = Severity.ERROR
    mandatory = True


class HiddenCharacters(Rule):
    """A text holds invisible characters that change what a reader sees.

    What it checks:
    Every key and string value for bidirectional embeddings, overrides and isolates
    (U+202A-U+202E, U+2066-U+2069), zero-width spaces (U+200B), word joiners (U+2060)
    and byte-order marks inside text (U+FEFF). Zero-width joiners are allowed, because
    emoji need them.

    Why it matters:
    These characters make text display differently from what it says: a right-to-left
    override can make an owner or a target read as something else in review, the
    "Trojan Source" trick. Goal files are reviewed in pull requests, so what the reviewer
    sees must be what goallint reads.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          owner: "kari\u202e@example.com"

    Fix:
    Delete the character; retype the text if you cannot see where it is.

        - id: leads
          title: Reach 400 inbound leads per month
          owner: "kari@example.com"
    """

    code = "E007"
    fixable = "unsafe"  # the text goallint reads changes: a person confirms it
    name = "hidden-characters"
    severity = Severity.WARNING


class RuleFailed(Rule):
    """A rule failed while checking this goal or file.

    What it checks:
    Every rule (built-in, plugin or config) must finish and report problems with real
    positions. A rule that raises, calls `sys.exit`, yields something that is not a
    `Problem`, or points at line 0 or a negative column is reported here instead of its
    own findings, naming the rule and what went wrong.

    Why it matters:
    A broken rule checks nothing. If its failure were quiet, or could be turned off, a
    plugin bug would make a CI gate pass on goals nobody checked. E008 is an error that
    configuration and suppressions cannot hide.

    Example:
        goals:
          - id: leads
            owner: crash   # a plugin rule that raises on this owner

    Fix:
    Report the message to the rule's author (`goallint rules` shows where each rule
    comes from), or uninstall the plugin until it is fixed.
    """

    code = "E008"
    name = "rule-failed"
    severity = Severity.ERROR
    mandatory = True


_NUMBER_END = re.compile(r"\d\Z")
_THOUSANDS_START = re.compile(r"\d{3}(?!\d)")


class ListItemSplitAtComma(Rule):
    """A list item looks like one value split at a thousands separator.

    What it checks:
    In a flow list (`[a, b]`) a comma separates items, so `[NOK 250,000 budget]` is two
    items, `NOK 250` and `000 budget`. An item that ends with a digit followed by one
    that starts with exactly three digits is reported on the second.

    Why it matters:
    The file then says something its author did not mean: the report lists a budget of
    NOK 250 and a resource called "000 budget", and nobody notices.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          resources: [NOK 250,000 paid social budget]

    Fix:
    Write the number without a separator, as here, or with a space (`NOK 250 000`), or
    quote the item: `["NOK 250,000 paid social budget"]`.

        - id: leads
          title: Reach 400 inbound leads per month
          resources: [NOK 250000 paid social budget]
    """

    code = "E009"
    fixable = "unsafe"  # joining changes the data: the person confirms the two items were one
    name = "list-item-split-at-comma"
    severity = Severity.WARNING
    applies_to = frozenset({"goal", "objective"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        for key, value in item.raw.items():
            if type(value) is not list or len(value) < 2:  # the loader makes plain lists
                continue
            for index in range(1, len(value)):
                before, after = value[index - 1], value[index]
                if isinstance(before, str) and isinstance(after, str) and _NUMBER_END.search(before) \
                        and _THOUSANDS_START.match(after):
                    joined = f"{before},{after}"
                    yield Problem(item.at(key, index), msg("'{before}' and '{after}' look like one item split at a "
                                                           "thousands separator, so the list holds two",
                                                           before=before, after=after),
                                  help=f"quote the item, {json.dumps(joined, ensure_ascii=False)}, or drop the "
                                       f"separator: {before}{after}",
                                  fix=_joined(item, key, index, joined))


def _joined(item: Item, key: str, index: int, joined: str) -> Fix | None:
    """The two items as one quoted item, when both stand on one line as plain text."""
    first, second = item.at(key, index - 1), item.at(key, index)
    if first.line != second.end_line:
        return None
    return Fix(f"quote {scalar_text(joined)}", (Edit(Span(first.line, first.column, second.end_line,
                                                          second.end_column), json.dumps(joined, ensure_ascii=False)),),
               Applicability.UNSAFE)
