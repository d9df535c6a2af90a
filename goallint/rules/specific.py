"""S rules: is the goal specific? Who, what, where, which resources, and why."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from ..diagnostics import Problem, Severity
from ..fixes import scalar_text
from ..messages import kind, msg
from ..model import Item, is_blank, text
from ..plugin import DEFAULT_READS, CheckContext, Rule


# The word lists load on first use, so a run whose goals never reach them does not pay for them; an
# import inside ``check`` cost a few microseconds on every goal.
@cache
def _owner_words() -> tuple[Callable[..., Any], Callable[[str], str]]:
    from ..text.owners import crowd, normal

    return crowd, normal


@cache
def _vagueness() -> Callable[..., Any]:
    from ..text.vague import vagueness

    return vagueness

EXAMPLE_OWNER = "kari.nordmann@example.com"


def _person_hint(item: Item) -> str:
    """An owner to suggest: the goal's first contributor when it names one, else an example address."""
    contributors = item.data.get("contributors")
    first = contributors[0] if isinstance(contributors, list) and contributors else None
    return first.strip() if isinstance(first, str) and first.strip() else EXAMPLE_OWNER


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

        - id: leads
          title: Reach 400 inbound leads per month
          owner: kari.nordmann@example.com
    """

    code = "S001"
    missing_key = "owner"
    name = "owner-missing"
    letter = "S"
    severity = Severity.ERROR
    applies_to = frozenset({"goal", "objective"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.owner is None and not ("owner" in item.data and not isinstance(item.data["owner"], str)):
            yield Problem(item.start_span, msg("{kind} has no owner, so nobody is answerable for it",
                                              kind=kind(item.kind)),
                          help=f"add `owner: {_person_hint(item)}`: the one person responsible")


class OwnerPlaceholder(Rule):
    """The owner is a placeholder, a crowd or a team, not a person.

    What it checks:
    The `owner`, compared without case, against the placeholders and crowd words of the
    shared English and Norwegian word lists (TBD, TBC, ?, n/a, someone, unknown, everyone,
    the team, management; ikke bestemt, ukjent, noen, alle, teamet, ledelsen), and against
    team names: the goal's own `team`, any team a goal of the project names, and the
    shapes "marketing team", "team marketing", "everyone in marketing", "all of
    marketing", "alle i marked", "hele marked" and "markedsteamet". A role such as "team
    lead" is a person. Teams can add their own placeholder words.

    Why it matters:
    "Everyone" owning a goal means nobody does. Specific asks for the person responsible,
    and a placeholder only hides that the question is still open; a team cannot be asked
    how the goal is going, one of its members can.

    Example:
        - id: leads
          title: Reach 400 inbound leads per month
          team: marketing
          owner: Marketing team

    Fix:
    Name one person; the team is already in `team`, and the others who work on the goal
    go in `contributors`.

        - id: leads
          title: Reach 400 inbound leads per month
          team: marketing
          owner: kari.nordmann@example.com
    """

    code = "S002"
    name = "owner-placeholder"
    letter = "S"
    severity = Severity.WARNING
    applies_to = frozenset({"goal", "objective"})
    needs_project = True  # an owner that is any team of the project is a team
    reads = DEFAULT_READS | {"team", "contributors"}  # contributors: to suggest an owner
    options = {
        "extra_placeholder_owners": {
            "type": "array", "items": {"type": "string"}, "default": [],
            "description": "More owner values to treat as placeholders (compared without case).",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        crowd, normal = _owner_words()
        owner = item.owner
        if owner is None:
            return
        extra = self._extra.get(id(ctx))  # the option's words, folded once per run
        if extra is None:
            extra = self._extra[id(ctx)] = frozenset(normal(w) for w in ctx.options["extra_placeholder_owners"])
        found = crowd(owner, ctx.project.teams, extra)
        if found is None:
            return
        person = _person_hint(item)
        if found.kind == "placeholder":
            yield Problem(item.at("owner"), msg("owner '{owner}' is a placeholder: nobody is answerable for the "
                                                "{kind} yet", owner=owner, kind=kind(item.kind)),
                          help=f"replace '{owner}' with the one person responsible, e.g. `owner: {person}`")
        elif found.kind == "crowd":
            yield Problem(item.at("owner"), msg("owner '{owner}' is a group, not a person: what everyone owns, "
                                                "nobody chases", owner=owner),
                          help=f"replace '{owner}' with one person, e.g. `owner: {person}`, and list the others "
                               "under `contributors`")
        else:
            yield Problem(item.at("owner"), msg("owner '{owner}' is a team, not a person: a team cannot be asked "
                                                "how the {kind} is going", owner=owner, kind=kind(item.kind)),
                          help=self._team_help(item, owner, found.team or owner, person))

    def __init__(self) -> None:
        super().__init__()
        self._extra: dict[int, frozenset[str]] = {}  # by the context: a rule instance serves one run

    @staticmethod
    def _team_help(item: Item, owner: str, team: str, person: str) -> str:
        helped = f"replace '{owner}' with one person of {team}, e.g. `owner: {person}`"
        return helped if item.team is not None else f"{helped}, and add `team: {scalar_text(team)}`"


class TitleVague(Rule):
    """The title uses vague words instead of saying what will be done.

    What it checks:
    The `title` itself, in English and Norwegian, with inflections ("increase", "increased",
    "increasing"; "øke", "økt", "økning"). Weasel words are vague wherever they stand
    (significantly, substantially, ASAP, hopefully, world-class, try to; betydelig,
    vesentlig, så fort som mulig, prøve å), and so are vague time words (soon, eventually;
    snart, etter hvert). A direction word (improve, increase, grow, more, better, faster;
    forbedre, øke, flere, bedre, bli) is vague when the title has no number and names no
    concrete deliverable (launch, hire, publish; lansere, ansette). This holds even when
    the metric has a numeric target: the finding then says so, since a reader of the title
    alone cannot tell how much. The word lists are data files shared with
    `goallint statement`.

    Why it matters:
    Specific means concrete and clearly defined. "Improve traffic" cannot be celebrated
    when reached, because nobody can tell when it is; "significantly" means something
    different to each reader. Titles are what reports, slides and check-ins show.

    Example:
        - id: organic-traffic
          title: Significantly improve our website traffic ASAP

    Fix:
    Say what changes and by how much, in the title and as a numeric `metric.target`.

        - id: organic-traffic
          title: Grow organic visits from 12,000 to 18,000 per month
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
            "description": "More direction words, vague in a title that has no number.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        vagueness = _vagueness()
        title = text(item.data.get("title"))
        if title is None:
            return
        found = vagueness(title, None, tuple(ctx.options["extra_vague_terms"]),
                          tuple(ctx.options["extra_direction_words"]))
        if found is None:
            return
        word = found.term.text
        if found.kind == "weasel":
            yield Problem(item.at("title"), msg("title uses the vague term '{word}', which means something different "
                                                "to each reader", word=word),
                          help=f"replace '{word}' with the number or date it stands for{_target_hint(item)}")
        elif item.target is None:
            yield Problem(item.at("title"),
                          msg("title says '{word}' but the goal has no numeric target to say how much", word=word),
                          help=f"say how much next to '{word}' in the title, and add that number as "
                               "`metric.target`")
        else:
            target = _amount(item)
            yield Problem(item.at("title"),
                          msg("title says '{word}' but not how much, although the metric's target is {target}",
                              word=word, target=target),
                          help=f"put the target in the title: '{title.rstrip('. ')} to {target}'")


def _amount(item: Item) -> str:
    """The goal's target as a reader writes it: 400, 20 %, NOK 250 000 stay close to the file."""
    target = f"{item.target:g}"
    unit = item.unit
    if not unit:
        return target
    return f"{target}{unit}" if unit in ("%", "‰") else f"{target} {unit}"


def _target_hint(item: Item) -> str:
    return f", e.g. '... to {_amount(item)}'" if item.target is not None else ""


class _MissingField(Rule):
    """Shared logic of the rules that only ask for a field to be filled in."""

    key = ""
    missing = ""
    letter = "S"

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if is_blank(item.data.get(self.key)):
            yield Problem(item.start_span, self.missing, help=self.help_for(item))

    def help_for(self, item: Item) -> str:
        raise NotImplementedError


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
    Add the team, or set it once for the file under `defaults:`.

        - id: leads
          title: Reach 400 inbound leads per month
          team: marketing
    """

    code = "S004"
    missing_key = "team"
    name = "team-missing"
    severity = Severity.WARNING
    key = "team"
    missing = msg("goal names no team, so nobody can tell where in the business it lives")

    def help_for(self, item: Item) -> str:
        return "add `team:` with the team that does the work (e.g. `team: marketing`), or set it once under " \
               "`defaults:`"


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
    Add `why:` with what the business gains.

        - id: leads
          title: Reach 400 inbound leads per month
          why: Sales needs 120 qualified leads a month to hit budget
    """

    code = "S005"
    missing_key = "why"
    name = "why-missing"
    severity = Severity.WARNING
    key = "why"
    missing = msg("goal does not say why it matters")

    def help_for(self, item: Item) -> str:
        title = item.title
        if title is None or len(title) > 60:
            return "add `why:` with what the business gains when the goal is reached"
        return f"add `why:` with what the business gains when '{title}' is reached"


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
    List the budget, people and tools; quote an amount with a thousands separator.

        - id: leads
          title: Reach 400 inbound leads per month
          resources: ["NOK 50,000 ad budget", 1 content writer]
    """

    code = "S006"
    missing_key = "resources"
    name = "resources-missing"
    severity = Severity.INFO
    key = "resources"
    missing = msg("goal lists no resources (budget, people, tools)")

    def help_for(self, item: Item) -> str:
        return 'add `resources:` with the budget, people and tools it uses, e.g. ' \
               '`resources: ["NOK 50,000 ad budget", 1 content writer]`'


class ContributorsMissing(Rule):
    """A long goal shared by several teams names nobody besides its owner.

    What it checks:
    A goal that spans more than `long_goal_days` (92) days, start and deadline
    included, and whose parent is served by goals of two or more teams (compared
    without case, across every file checked together), must list at least one entry
    under `contributors` (directly or through the file's `defaults`).

    Why it matters:
    Specific asks who should be involved, not only who is responsible. When several
    teams work towards the same objective for months, a goal that names only its owner
    leaves the people it depends on unasked, and they find out from the report.

    Example:
        - id: onboarding-time
          title: Cut onboarding time from 14 to 7 days
          team: support
          parent: retention
          start: 2026-01-01
          deadline: 2026-12-31
        - id: renewals
          title: Renew 90 % of contracts
          team: sales
          parent: retention

    Fix:
    List the people and teams the goal depends on.

        - id: onboarding-time
          title: Cut onboarding time from 14 to 7 days
          team: support
          parent: retention
          start: 2026-01-01
          deadline: 2026-12-31
          contributors: [sales team, kari.larsen@example.com]
        - id: renewals
          title: Renew 90 % of contracts
          team: sales
          parent: retention
    """

    code = "S007"
    name = "contributors-missing"
    letter = "S"
    severity = Severity.INFO
    needs_project = True
    reads = DEFAULT_READS | {"team", "contributors"}  # of the goals that serve the same parent
    skip_statuses = frozenset({"draft", "done", "dropped"})
    options = {
        "long_goal_days": {
            "type": "integer", "minimum": 1, "default": 92,
            "description": "Goals spanning more days than this (both ends included) are long.",
        },
    }

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        contributors = item.data.get("contributors")
        if item.parent is None or item.start is None or item.deadline is None \
                or (isinstance(contributors, list) and contributors):
            return
        days = (item.deadline - item.start).days + 1
        teams = ctx.project.teams_by_parent.get(item.parent, set())
        if days > int(ctx.options["long_goal_days"]) and len(teams) > 1:
            team = item.team
            own = team.casefold() if team else None
            said = self._said.get((days, item.parent, own))  # goals of one team under one parent share the words
            if said is None:
                others = sorted(teams - {own} if own else teams)
                said = self._said[days, item.parent, own] = (
                    msg("goal spans {days} days under '{parent}', which {teams} teams serve, but names no "
                        "contributors", days=days, parent=item.parent, teams=len(teams)),
                    f"add `contributors:` with the people of {' and '.join(others)} the goal depends on")
            yield Problem(item.start_span, said[0], help=said[1])

    def __init__(self) -> None:
        super().__init__()
        self._said: dict[tuple[int, str, str | None], tuple[str, str]] = {}  # one run's messages, by what they say
