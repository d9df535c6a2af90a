"""R rules: is the goal relevant? Aligned with the strategy, at the right time."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Problem, Severity, Span
from ..fixes import Edit, Fix, scalar_text
from ..messages import msg
from ..model import CLOSED, Item, text
from ..plugin import CheckContext, Rule


class AlignmentMissing(Rule):
    """The goal is not aligned with any objective or goal.

    What it checks:
    That every goal has a `parent` (directly or through the file's `defaults`).

    Why it matters:
    A relevant goal matches the company's goal and strategy. Lacking an overall strategy
    is one of the biggest pitfalls; a goal without a parent cannot show which part of the
    strategy it serves.

    Example:
        version: 1
        objectives:
          - {id: grow-pipeline, title: Grow the sales pipeline}
        goals:
          - id: leads
            title: Reach 400 inbound leads per month

    Fix:
    Add `parent:` with the id of the objective it serves:

        version: 1
        objectives:
          - {id: grow-pipeline, title: Grow the sales pipeline}
        goals:
          - id: leads
            title: Reach 400 inbound leads per month
            parent: grow-pipeline
    """

    code = "R001"
    missing_key = "parent"
    name = "alignment-missing"
    letter = "R"
    severity = Severity.WARNING

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.parent is None:
            yield Problem(item.start_span,
                          msg("goal has no parent: it cannot show which part of the strategy it serves"),
                          help=_parent_help(_objective_ids(item)))


def _objective_ids(item: Item) -> list[str]:
    """The ids of the objectives in the goal's own file, in file order."""
    entries = item.file.data.get("objectives")
    ids = [text(entry.get("id")) for entry in entries if isinstance(entry, dict)] if isinstance(entries, list) else []
    return [found for found in ids if found]


def _parent_help(ids: list[str]) -> str:
    if len(ids) == 1:
        return f"add `parent: {ids[0]}`, the objective of this file, if this goal serves it"
    if ids:
        shown = ", ".join(f"`{found}`" for found in ids[:4]) + (", …" if len(ids) > 4 else "")
        return f"add `parent:` with the objective it serves: {shown}"
    return "add `parent:` with the id of the objective it serves"


class ParentUnknown(Rule):
    """The parent id is not defined in any file checked.

    What it checks:
    That `parent` names the id of an objective or goal in one of the files checked
    together. The message suggests the nearest existing id (while the run's budget for
    those searches lasts: a file naming thousands of unknown parents gets suggestions
    for the first of them only, and still checks quickly).

    Why it matters:
    A misspelled parent breaks the alignment tree silently: the goal looks aligned, but
    the objective's report never counts it.

    Example:
        version: 1
        objectives:
          - {id: grow-pipeline, title: Grow the sales pipeline}
        goals:
          - id: leads
            title: Reach 400 inbound leads per month
            parent: grow-pipline

    Fix:
    Correct the id, or check the file that defines the parent together with this one:

        version: 1
        objectives:
          - {id: grow-pipeline, title: Grow the sales pipeline}
        goals:
          - id: leads
            title: Reach 400 inbound leads per month
            parent: grow-pipeline
    """

    code = "R002"
    fixable = "safe"
    name = "parent-unknown"
    letter = "R"
    severity = Severity.ERROR
    needs_project = True
    applies_to = frozenset({"goal", "objective"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        parent = item.parent
        if parent is not None and parent not in ctx.project.by_id:
            near = ctx.project.suggest_id(parent)
            hint = msg(" (did you mean '{near}'?)", near=near) if near else ""  # the likely typo, as E002 says it
            span = item.at("parent")
            fix = _parent_fix(parent, ctx, span) if near else None
            advice = f"write `parent: {near}`" if near else \
                f"correct `parent: {parent}`, or check the file that defines it together with this one"
            yield Problem(span, msg("parent '{parent}' is not defined{hint}", parent=parent, hint=hint), help=advice,
                          fix=fix)


def _parent_fix(parent: str, ctx: CheckContext, span: Span) -> Fix | None:
    """The unknown parent replaced by the one id close to it; none when two or more are close."""
    only = ctx.project.only_close_id(parent)  # the same budgeted search as the hint
    if only is None or span.line != span.end_line:
        return None
    return Fix(f"use the parent '{only}'", (Edit(span, scalar_text(only)),))


class AlignmentCycle(Rule):
    """Parents form a loop.

    What it checks:
    Following `parent` from goal to goal must end at a root. When it comes back to where
    it started, every goal and objective in the loop is reported at its `parent`, and the
    message names the loop (a loop of more than eight names its ends and counts the
    rest). An id held by two items is followed through the first; the second is E004's
    finding.

    Why it matters:
    A loop has no top: none of its goals is aligned with the strategy, and progress
    cannot be rolled up.

    Example:
        version: 1
        objectives:
          - {id: grow-pipeline, title: Grow the sales pipeline}
        goals:
          - {id: leads, title: Reach 400 inbound leads per month, parent: demos}
          - {id: demos, title: Book 60 demos per month, parent: leads}

    Fix:
    Point one of the goals at the objective the loop should serve:

        version: 1
        objectives:
          - {id: grow-pipeline, title: Grow the sales pipeline}
        goals:
          - {id: leads, title: Reach 400 inbound leads per month, parent: grow-pipeline}
          - {id: demos, title: Book 60 demos per month, parent: leads}
    """

    code = "R003"
    name = "alignment-cycle"
    letter = "R"
    severity = Severity.ERROR
    needs_project = True
    applies_to = frozenset({"goal", "objective"})

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.id is None or item.parent is None or ctx.project.find(item.id) is not item:
            return  # a repeated id is E004's finding; its loops are judged on the first holder
        on_loop = ctx.project.loops.get(item.id)
        if on_loop is not None:
            outside = next((found for found in _objectives(ctx, live=False) if found not in on_loop[0]), None)
            example = f", e.g. `parent: {outside}`" if outside else ""
            yield Problem(item.at("parent"), msg("alignment loop: {loop}: none of these goals reaches the strategy",
                                                loop=_loop_text(*on_loop)),
                          help=f"point one goal of the loop at the objective it serves{example}")


def _objectives(ctx: CheckContext, *, live: bool) -> list[str]:
    """The first few objective ids of the run (open ones only, with ``live``): what a help line offers."""
    return (ctx.project.open_objective_ids if live else ctx.project.objective_ids)[:_LOOP_SHOWN]


_LOOP_SHOWN = 8  # a longer loop is named by its ends, with the ids between them counted


def _loop_text(loop: list[str], place: int) -> str:
    """The loop from ``loop[place]`` round to it again; reads only the ids it names."""
    size = len(loop)
    if size <= _LOOP_SHOWN:
        names = [loop[(place + step) % size] for step in range(size)]
    else:
        names = [loop[(place + step) % size] for step in range(_LOOP_SHOWN - 2)]
        return msg("{start} -> ... {more} more -> {end}", start=" -> ".join(names), more=size - _LOOP_SHOWN + 1,
                   end=" -> ".join((loop[(place - 1) % size], loop[place])))
    return " -> ".join([*names, loop[place]])


class OutsidePeriod(Rule):
    """The goal starts or ends outside the file's planning period.

    What it checks:
    When the file has a `period`, the goal's `start` and `deadline` must fall inside it.

    Why it matters:
    Timing is part of relevance: a goal filed under 2026-H1 that ends in September is
    planned in the wrong place, and the period's report will count it wrongly.

    Example:
        version: 1
        period: 2026-H1
        goals:
          - id: leads
            title: Reach 400 inbound leads per month
            deadline: 2026-09-30

    Fix:
    Move the goal to the file of the right period, or correct its dates:

        version: 1
        period: 2026-H1
        goals:
          - id: leads
            title: Reach 400 inbound leads per month
            deadline: 2026-06-30
    """

    code = "R004"
    name = "outside-period"
    letter = "R"
    severity = Severity.WARNING

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        period = item.file.period
        if period is None:
            return
        shown = item.file.data["period"]
        for key, day in (("start", item.start), ("deadline", item.deadline)):
            if day is not None and not period.first <= day <= period.last:
                edge = period.first if day < period.first else period.last
                yield Problem(item.at(key), msg("{key} {day} is outside the file's period {period} ({first}..{last}): "
                                                "the period's report counts it wrongly", key=key, day=day,
                                                period=shown, first=period.first, last=period.last),
                              help=f"set `{key}: {edge}` to keep the goal in {shown}, or move it to the file "
                                   f"of the period it belongs to")


class ParentClosed(Rule):
    """An active goal serves a parent that is done or dropped.

    What it checks:
    An active goal whose parent has `status: done` or `status: dropped`.

    Why it matters:
    When the objective is closed, work on its goals no longer serves the strategy. Either
    the goal should close too, or it belongs under another objective.

    Example:
        version: 1
        objectives:
          - {id: launch, title: Launch the web shop, status: dropped}
          - {id: grow-pipeline, title: Grow the sales pipeline}
        goals:
          - {id: shop-traffic, title: Bring 5000 visitors to the shop, parent: launch}

    Fix:
    Close the goal (`status: done` or `dropped`) or move it under a live objective:

        version: 1
        objectives:
          - {id: launch, title: Launch the web shop, status: dropped}
          - {id: grow-pipeline, title: Grow the sales pipeline}
        goals:
          - {id: shop-traffic, title: Bring 5000 visitors to the shop, parent: grow-pipeline}
    """

    code = "R005"
    name = "parent-closed"
    letter = "R"
    severity = Severity.WARNING
    needs_project = True

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.status != "active" or item.parent is None:
            return
        parent = ctx.project.find(item.parent)
        if parent is not None and parent.status in CLOSED:
            live = next(iter(_objectives(ctx, live=True)), None)
            move = f"move it under a live objective, e.g. `parent: {live}`" if live else \
                "move it under a live objective"
            yield Problem(item.at("parent"), msg("parent '{parent}' is {status}, but this goal is active: "
                                                 "its work no longer serves the strategy", parent=item.parent,
                                                 status=parent.status),
                          help=f"set `status: {parent.status}` on this goal too, or {move}")


class DeadlineAfterParent(Rule):
    """The goal ends after the objective or goal it serves.

    What it checks:
    When both have a deadline, the goal's deadline must not be later than its parent's.

    Why it matters:
    A key result that lands after its objective is closed cannot contribute to it; the
    time frame of the parts must fit inside the whole.

    Example:
        version: 1
        objectives:
          - {id: pipeline, title: Grow the sales pipeline, deadline: 2026-06-30}
        goals:
          - {id: leads, title: Reach 400 inbound leads per month, parent: pipeline, deadline: 2026-12-31}

    Fix:
    Bring the goal's deadline forward, or move the parent's:

        version: 1
        objectives:
          - {id: pipeline, title: Grow the sales pipeline, deadline: 2026-06-30}
        goals:
          - {id: leads, title: Reach 400 inbound leads per month, parent: pipeline, deadline: 2026-06-30}
    """

    code = "R006"
    name = "deadline-after-parent"
    letter = "R"
    severity = Severity.WARNING
    needs_project = True

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        if item.parent is None or item.deadline is None:
            return
        parent = ctx.project.find(item.parent)
        if parent is not None and parent.deadline is not None and item.deadline > parent.deadline:
            yield Problem(item.at("deadline"),
                          msg("deadline {deadline} is after parent '{parent}' ends ({ends}): what lands later "
                              "cannot count towards it", deadline=item.deadline, parent=item.parent,
                              ends=parent.deadline),
                          help=f"set `deadline: {parent.deadline}` or earlier, or move the deadline of "
                               f"'{item.parent}'")
