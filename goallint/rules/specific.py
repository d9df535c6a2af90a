"""S rules: is the goal specific? Who, what, where, which resources, and why."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..diagnostics import Problem, Severity
from ..model import Item, is_blank, text
from ..registry import CheckContext, Rule, register

PLACEHOLDER_OWNERS = [
    "tbd", "tba", "?", "n/a", "na", "none", "unknown", "everyone", "all", "team", "the team",
    "alle", "ingen", "ukjent", "teamet",
]
WEASEL_TERMS = [
    "asap", "as soon as possible", "etc.", "and so on", "world-class", "best-in-class",
    "significantly", "substantially", "hopefully", "try to", "strive to",
    "så fort som mulig", "osv.", "betydelig", "prøve å",
]
DIRECTION_WORDS = [
    "improve", "better", "more", "enhance", "optimize", "optimise", "boost",
    "forbedre", "bedre", "mer", "øke", "styrke", "optimalisere",
]


@register
class OwnerMissing(Rule):
    """The goal names no owner.

    What it checks:
    That every goal and objective has an `owner` (directly or through the file's
    `defaults`), and that it is not blank.

    Why it matters:
    Specific answers "who is responsible?". A goal nobody owns is a goal nobody chases;
    naming the person responsible is the first thing the SMART method asks for.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month

    Fix:
    Add `owner:` with one person's name or email, and list the others in `contributors`.
    """

    code = "S001"
    missing_key = "owner"
    name = "owner-missing"
    letter = "S"
    severity = Severity.ERROR
    applies_to = frozenset({"goal", "objective"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.owner is None and not ("owner" in item.data and not isinstance(item.data["owner"], str)):
            yield Problem(item.start_span, f"{item.kind} has no owner: name the one person responsible")


@register
class OwnerPlaceholder(Rule):
    """The owner is a placeholder or a crowd, not a person.

    What it checks:
    The `owner` against a list of placeholders and collective names, compared without case:
    TBD, TBA, ?, n/a, none, unknown, everyone, all, team, the team, and the Norwegian
    alle, ingen, ukjent, teamet. Teams can add their own words.

    Why it matters:
    "Everyone" owning a goal means nobody does. Specific asks for the person responsible,
    and a placeholder only hides that the question is still open.

    Example:
        owner: TBD

    Fix:
    Name one person; put the rest of the team in `contributors`.
    """

    code = "S002"
    name = "owner-placeholder"
    letter = "S"
    severity = Severity.WARNING
    applies_to = frozenset({"goal", "objective"})
    options = {
        "extra_placeholder_owners": {
            "type": "array", "items": {"type": "string"}, "default": [],
            "description": "More owner values to treat as placeholders (compared without case).",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        owner = item.owner
        if owner is None:
            return
        words = {w.casefold() for w in PLACEHOLDER_OWNERS + list(ctx.options["extra_placeholder_owners"])}
        if owner.casefold() in words:
            yield Problem(item.at("owner"), f"owner '{owner}' is a placeholder, not a person")


@lru_cache(maxsize=32)
def _lexicon(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@register
class TitleVague(Rule):
    """The title uses vague words instead of saying what will be done.

    What it checks:
    The `title` for weasel terms that are always vague (asap, as soon as possible, etc.,
    and so on, world-class, best-in-class, significantly, substantially, hopefully,
    try to, strive to; Norwegian: så fort som mulig, osv., betydelig, prøve å), and for
    direction words (improve, better, more, enhance, optimize, boost; Norwegian:
    forbedre, bedre, mer, øke, styrke, optimalisere) when the goal has no numeric target
    to say how much. Words match whole, without case.

    Why it matters:
    Specific means concrete and clearly defined. "Improve traffic" cannot be celebrated
    when reached, because nobody can tell when it is; "significantly" means something
    different to each reader.

    Example:
        title: Significantly improve our website traffic ASAP

    Fix:
    Say what changes and by how much, and give the goal a numeric `metric.target`:
    `Grow organic visits from 12,000 to 18,000 per month`.
    """

    code = "S003"
    name = "title-vague"
    letter = "S"
    severity = Severity.WARNING
    options = {
        "extra_vague_terms": {
            "type": "array", "items": {"type": "string"}, "default": [],
            "description": "More words or phrases that are always vague in a title.",
        },
        "extra_direction_words": {
            "type": "array", "items": {"type": "string"}, "default": [],
            "description": "More direction words, vague when the goal has no numeric target.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        title = text(item.data.get("title"))
        if title is None:
            return
        weasels = _lexicon(tuple(WEASEL_TERMS + list(ctx.options["extra_vague_terms"])))
        found = weasels.search(title)
        if found:
            yield Problem(item.at("title"), f"title uses the vague term '{found.group(0)}'")
            return
        if item.target is None:
            directions = _lexicon(tuple(DIRECTION_WORDS + list(ctx.options["extra_direction_words"])))
            found = directions.search(title)
            if found:
                yield Problem(item.at("title"),
                              f"title says '{found.group(0)}' but the goal has no numeric target to say how much")


class _MissingField(Rule):
    """Shared logic of the rules that only ask for a field to be filled in."""

    key = ""
    missing = ""
    letter = "S"

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if is_blank(item.data.get(self.key)):
            yield Problem(item.start_span, self.missing)


@register
class TeamMissing(_MissingField):
    """The goal does not say where in the business it lives.

    What it checks:
    That the goal has a `team` (directly or through the file's `defaults`).

    Why it matters:
    Specific asks "where in the business does it happen?". The team tells a reader whose
    work and budget the goal draws on, and groups goals in the report.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month

    Fix:
    Add `team: marketing`, or set it once for the file under `defaults:`.
    """

    code = "S004"
    missing_key = "team"
    name = "team-missing"
    severity = Severity.WARNING
    key = "team"
    missing = "goal names no team: say where in the business it lives"


@register
class WhyMissing(_MissingField):
    """The goal does not say why it matters.

    What it checks:
    That the goal has a non-empty `why`.

    Why it matters:
    Specific asks "why, what do we gain by reaching it?". A goal without a reason is hard
    to prioritise, and easy to drop when daily problems pile up.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month

    Fix:
    Add `why:` with the gain, e.g. `Sales needs 120 qualified leads a month to hit budget`.
    """

    code = "S005"
    missing_key = "why"
    name = "why-missing"
    severity = Severity.WARNING
    key = "why"
    missing = "goal does not say why it matters"


@register
class ResourcesMissing(_MissingField):
    """The goal does not say which resources it will use.

    What it checks:
    That the goal lists at least one entry under `resources` (budget, people, tools).

    Why it matters:
    Specific asks "which resources will be used?", and relevance asks whether the goal is
    realistic in skills, time, money and equipment. Unfunded goals are wishes.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month

    Fix:
    Add `resources: [NOK 50,000 ad budget, 1 content writer]`.
    """

    code = "S006"
    missing_key = "resources"
    name = "resources-missing"
    severity = Severity.INFO
    key = "resources"
    missing = "goal lists no resources (budget, people, tools)"
