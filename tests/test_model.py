"""The model: what rules see of a goal, and the one meaning of "missing"."""

from __future__ import annotations

import textwrap

import pytest
from helpers import TODAY

from goallint import loader
from goallint.diagnostics import Span
from goallint.model import GoalFile, Project, build_items, is_blank


def _items(text: str):
    document = loader.parse(textwrap.dedent(text))
    return build_items(GoalFile("x.goals.yaml", document.data, document.source_map))


@pytest.mark.parametrize(("value", "blank"), [
    (None, True), ("", True), ("   ", True), ([], True), ({}, True),
    ("x", False), ([""], False), (0, False), (False, False), ({"a": None}, False),
])
def test_is_blank_is_the_one_meaning_of_missing(value, blank):
    assert is_blank(value) is blank


GOALS = """\
version: 1
defaults:
  owner: kari@example.com
  team: marketing
objectives:
  - id: grow
    title: Grow the pipeline
goals:
  - id: leads
    title: "  Reach 400 leads  "
    parent: grow
    why: Sales needs them
    metric: {name: leads, baseline: 250, target: 400, unit: leads/month}
    resources: [one writer]
    contributors: [ola@example.com]
  - id: visits
    team: web
    parent: grow
"""


def test_typed_fields_merge_defaults_and_strip_text():
    objective, leads, visits = _items(GOALS)
    assert (leads.title, leads.owner, leads.team, leads.why, leads.unit) == (
        "Reach 400 leads", "kari@example.com", "marketing", "Sales needs them", "leads/month")
    assert (leads.baseline, leads.target, leads.direction) == (250.0, 400.0, "increase")
    assert (leads.resources, leads.contributors, leads.get("missing")) == (["one writer"], ["ola@example.com"], None)
    assert (visits.team, visits.title, visits.unit, visits.resources) == ("web", None, None, [])
    assert objective.kind == "objective" and objective.owner is None  # defaults are for goals
    assert leads.file_path == "x.goals.yaml"


def test_positions_of_keys_and_values_and_defaulted_keys():
    _objective, leads, visits = _items(GOALS)
    assert leads.at("metric", "target") == Span(13, 50, 13, 53)  # the 400
    assert leads.key_at("metric", "target") == Span(13, 42, 13, 48)
    assert leads.start_span == Span(9, 5, 9, 7)
    assert visits.at("owner") == Span(3, 10, 3, 26)  # a defaulted value is found in `defaults`
    assert visits.key_at("team") == Span(17, 5, 17, 9)


def test_project_finds_ids_children_and_ranks_owners_by_identity():
    items = _items(GOALS)
    project = Project(TODAY, items)
    assert project.find("grow") is items[0] and project.find("nowhere") is None
    assert project.children("grow") == [items[1], items[2]]
    assert project.started_owner_rank == {items[1]: 0, items[2]: 1}  # no start: started
