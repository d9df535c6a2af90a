"""S rules: each fires on input built for it, and stays quiet on a good goal."""

from __future__ import annotations

import json

import pytest
from helpers import TODAY

from goallint.config import Settings
from goallint.linter import check


def test_s001_owner_missing_at_goal_start(lint):
    text = """\
version: 1
goals:
  - id: a
    title: Reach 400 leads
  - id: b
    title: Reach 400 leads
    owner: kari@example.com
  - id: c
    title: Reach 400 leads
    owner: "  "
"""
    assert lint(text, select="S001") == [("S001", 3, 5), ("S001", 8, 5)]


def test_s001_owner_from_defaults_counts(lint):
    text = """\
version: 1
defaults:
  owner: kari@example.com
goals:
  - id: a
    title: Reach 400 leads
"""
    assert lint(text, select="S001") == []


def test_s001_applies_to_objectives(lint):
    text = """\
version: 1
objectives:
  - id: o
    title: Grow
"""
    assert lint(text, select="S001") == [("S001", 3, 5)]


def test_s002_owner_placeholder_at_value(lint):
    text = """\
version: 1
goals:
  - id: a
    title: t
    owner: TBD
  - id: b
    title: t
    owner: The Team
  - id: c
    title: t
    owner: teamet
  - id: d
    title: t
    owner: Kari Nordmann
  - id: e
    title: t
    owner: NO
"""
    assert lint(text, select="S002") == [("S002", 5, 12), ("S002", 8, 12), ("S002", 11, 12)]


def test_s002_extra_placeholders_option(lint):
    text = """\
version: 1
goals:
  - id: a
    title: t
    owner: the usual suspects
"""
    assert lint(text, select="S002") == []
    assert lint(text, select="S002", options={"extra_placeholder_owners": ["The Usual  Suspects"]}) == [("S002", 5, 12)]


def test_s002_reported_at_defaults_line(lint):
    text = """\
version: 1
defaults:
  owner: everyone
goals:
  - id: a
    title: t
"""
    assert lint(text, select="S002") == [("S002", 3, 10)]


PLACEHOLDERS = [
    # English
    "TBD", "TBC", "tba", "?", "???", "-", "n/a", "someone", "somebody", "unknown", "to be decided", "unassigned",
    "nobody", "TODO",
    # Norwegian
    "ikke bestemt", "Ikke bestemt.", "ukjent", "ingen", "noen", "uavklart", "bestemmes senere", "vet ikke",
]


@pytest.mark.parametrize("owner", PLACEHOLDERS)
def test_s002_placeholders_in_both_languages(lint_result, owner):
    result = lint_result(f"version: 1\ngoals:\n  - id: a\n    title: t\n    owner: {json.dumps(owner)}\n",
                         select="S002")
    [d] = result.diagnostics
    assert (d.code, d.line, d.column) == ("S002", 5, 12)
    assert d.message == f"owner '{owner}' is a placeholder: nobody is answerable for the goal yet"
    assert d.help == f"replace '{owner}' with the one person responsible, e.g. `owner: kari.nordmann@example.com`"


CROWDS = [
    # English
    "everyone", "Everybody", "all", "the team", "The whole team", "management", "all hands",
    # Norwegian
    "alle", "teamet", "alle sammen", "ledelsen", "hele teamet", "avdelingen",
]


def test_s002_a_team_pattern_matches_without_case_beyond_ascii_too(lint_result):
    """The quick test on a pattern's words must not drop what its case-blind match accepts ("İ" is "i")."""
    result = lint_result("version: 1\ngoals:\n  - id: a\n    title: t\n    owner: EVERYONE \u0130N SALES\n",
                         select="S002")
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("S002", "owner 'EVERYONE \u0130N SALES' is a team, not a person: a team cannot be asked how the goal is "
                 "going")]


@pytest.mark.parametrize("owner", CROWDS)
def test_s002_crowds_in_both_languages(lint_result, owner):
    result = lint_result(f"version: 1\ngoals:\n  - id: a\n    title: t\n    owner: {owner}\n"
                         "    contributors: [ola@example.com]\n", select="S002")
    [d] = result.diagnostics
    assert (d.code, d.line, d.column) == ("S002", 5, 12)
    assert d.message == f"owner '{owner}' is a group, not a person: what everyone owns, nobody chases"
    assert d.help == (f"replace '{owner}' with one person, e.g. `owner: ola@example.com`, and list the others "
                      "under `contributors`")


TEAMS = [
    # (owner, the team it names); English
    ("Marketing team", "Marketing"), ("the marketing team", "marketing"), ("team Marketing", "Marketing"),
    ("everyone in marketing", "marketing"), ("Everybody on Sales", "Sales"), ("all of marketing", "marketing"),
    ("the whole marketing team", "marketing"), ("Marketing department", "Marketing"),
    # Norwegian
    ("alle i marked", "marked"), ("Alle på salg", "salg"), ("hele marked", "marked"), ("markedsteamet", "marked"),
    ("marked-teamet", "marked"), ("teamet i marked", "marked"), ("salgsavdelingen", "salg"),
    ("Team Marked", "Marked"),
]


@pytest.mark.parametrize(("owner", "team"), TEAMS)
def test_s002_team_shapes_in_both_languages(lint_result, owner, team):
    result = lint_result(f"version: 1\ngoals:\n  - id: a\n    title: t\n    owner: {owner}\n", select="S002")
    [d] = result.diagnostics
    assert (d.code, d.line, d.column) == ("S002", 5, 12)
    assert d.message == f"owner '{owner}' is a team, not a person: a team cannot be asked how the goal is going"
    assert d.help == (f"replace '{owner}' with one person of {team}, e.g. `owner: kari.nordmann@example.com`, "
                      f"and add `team: {team}`")


def test_s002_the_goals_own_team_and_any_team_of_the_project(lint_result):
    text = """\
version: 1
goals:
  - {id: a, title: t, team: Marketing, owner: marketing}
  - {id: b, title: t, team: sales, owner: Support}
  - {id: c, title: t, team: Support, owner: Kari Nordmann}
  - {id: d, title: t, team: marked, owner: Marked}
"""
    result = lint_result(text, select="S002")
    assert [(d.line, d.goal, d.help) for d in result.diagnostics] == [
        (3, "a", "replace 'marketing' with one person of marketing, e.g. `owner: kari.nordmann@example.com`"),
        (4, "b", "replace 'Support' with one person of Support, e.g. `owner: kari.nordmann@example.com`"),
        (6, "d", "replace 'Marked' with one person of Marked, e.g. `owner: kari.nordmann@example.com`"),
    ]


def test_s002_a_team_named_in_another_file_counts(tmp_path, monkeypatch):
    (tmp_path / "a.goals.yaml").write_text("version: 1\ngoals:\n  - {id: a, title: t, team: growth, owner: kari}\n")
    (tmp_path / "b.goals.yaml").write_text("version: 1\ngoals:\n  - {id: b, title: t, owner: Growth}\n")
    result = check([tmp_path / "a.goals.yaml", tmp_path / "b.goals.yaml"], Settings(root=tmp_path, select=["S002"]),
                   TODAY, cwd=tmp_path)
    assert [(d.path, d.line, d.column, d.help) for d in result.diagnostics] == [
        ("b.goals.yaml", 3, 30, "replace 'Growth' with one person of Growth, e.g. `owner: kari.nordmann@example.com`,"
                                " and add `team: Growth`")]


@pytest.mark.parametrize("owner", ["Kari Nordmann", "kari@example.com", "team lead", "Team leder Ola",
                                   "Ola (marketing)", "Alexander", "Teamleder Kari", "Allan"])
def test_s002_people_and_roles_are_not_crowds(lint, owner):
    text = f"version: 1\ngoals:\n  - {{id: a, title: t, team: marketing, owner: {owner}}}\n"
    assert lint(text, select="S002") == []


def test_s003_weasel_terms_always_vague(lint):
    text = """\
version: 1
goals:
  - id: a
    title: Grow leads ASAP
    metric: {target: 400}
  - id: b
    title: Gjøre dette så fort som mulig
    metric: {target: 400}
  - id: c
    title: Reach 400 leads per month
  - id: d
    title: Classic asapness is not a word match
"""
    assert lint(text, select="S003") == [("S003", 4, 12), ("S003", 7, 12)]


def test_s003_direction_words_only_without_numeric_target(lint):
    text = """\
version: 1
goals:
  - id: a
    title: Improve the website
  - id: b
    title: Improve organic visits to 18,000 per month
    metric: {target: 18000}
  - id: c
    title: Øke salget
    metric: {target: lots}
"""
    assert lint(text, select="S003") == [("S003", 4, 12), ("S003", 9, 12)]


def test_s003_lexicon_is_extensible(lint):
    text = """\
version: 1
goals:
  - id: a
    title: Deliver synergies
"""
    assert lint(text, select="S003") == []
    assert lint(text, select="S003", options={"extra_vague_terms": ["synergies"]}) == [("S003", 4, 12)]


def test_s004_s005_s006_missing_fields_at_goal_start(lint):
    text = """\
version: 1
goals:
  - id: a
    title: t
  - id: b
    title: t
    team: marketing
    why: Because sales need it.
    resources: [budget]
  - id: c
    title: t
    resources: []
    why: ""
"""
    assert lint(text, select="S004,S005,S006") == [
        ("S004", 3, 5), ("S005", 3, 5), ("S006", 3, 5),
        ("S004", 10, 5), ("S005", 10, 5), ("S006", 10, 5),
    ]


def test_s007_contributors_missing(lint):
    text = """\
version: 1
objectives:
  - {id: retention, title: Keep customers longer, owner: ola}
goals:
  - id: onboarding
    title: t
    team: support
    parent: retention
    start: 2026-01-01
    deadline: 2026-12-31
  - id: renewals
    title: t
    team: sales
    parent: retention
    contributors: [support team]
    start: 2026-01-01
    deadline: 2026-12-31
  - id: one-quarter
    title: t
    team: Support
    parent: retention
    start: 2026-10-01
    deadline: 2026-12-31
"""
    assert lint(text, select="S007") == [("S007", 5, 5)]
    assert lint(text, select="S007", options={"long_goal_days": 400}) == []


# -- help texts, worked out from the goal --------------------------------------------------

def _helps(lint_result, text, select):
    return [(d.code, d.line, d.message, d.help) for d in lint_result(text, select=select).diagnostics]


def test_s001_help_suggests_the_first_contributor(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    contributors: [ola.hansen@example.com, sales team]
  - id: churn
    title: Cut monthly churn from 3 % to 2 %
"""
    assert _helps(lint_result, text, "S001") == [
        ("S001", 3, "goal has no owner, so nobody is answerable for it",
         "add `owner: ola.hansen@example.com`: the one person responsible"),
        ("S001", 6, "goal has no owner, so nobody is answerable for it",
         "add `owner: kari.nordmann@example.com`: the one person responsible"),
    ]


def test_s003_help_names_the_word_and_the_target(lint_result):
    text = """\
version: 1
goals:
  - id: traffic
    title: Significantly grow organic traffic
    metric: {name: organic visits, target: 18000, unit: visits/month}
  - id: nps
    title: Improve NPS
    metric: {name: net promoter score, baseline: 31, target: 40}
  - id: share
    title: Grow our market share.
    metric: {name: market share, target: 12, unit: "%"}
"""
    assert _helps(lint_result, text, "S003") == [
        ("S003", 4, "title uses the vague term 'Significantly', which means something different to each reader",
         "replace 'Significantly' with the number or date it stands for, e.g. '... to 18000 visits/month'"),
        ("S003", 7, "title says 'Improve' but not how much, although the metric's target is 40",
         "put the target in the title: 'Improve NPS to 40'"),
        ("S003", 10, "title says 'Grow' but not how much, although the metric's target is 12%",
         "put the target in the title: 'Grow our market share to 12%'"),
    ]


def test_s004_s005_s006_help(lint_result):
    text = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
  - id: report
    title: "Publish the yearly sustainability report with audited numbers for every site"
"""
    assert _helps(lint_result, text, "S004,S005,S006") == [
        ("S004", 3, "goal names no team, so nobody can tell where in the business it lives",
         "add `team:` with the team that does the work (e.g. `team: marketing`), or set it once under `defaults:`"),
        ("S005", 3, "goal does not say why it matters",
         "add `why:` with what the business gains when 'Reach 400 inbound leads per month' is reached"),
        ("S006", 3, "goal lists no resources (budget, people, tools)",
         'add `resources:` with the budget, people and tools it uses, e.g. '
         '`resources: ["NOK 50,000 ad budget", 1 content writer]`'),
        ("S004", 5, "goal names no team, so nobody can tell where in the business it lives",
         "add `team:` with the team that does the work (e.g. `team: marketing`), or set it once under `defaults:`"),
        ("S005", 5, "goal does not say why it matters",
         "add `why:` with what the business gains when the goal is reached"),
        ("S006", 5, "goal lists no resources (budget, people, tools)",
         'add `resources:` with the budget, people and tools it uses, e.g. '
         '`resources: ["NOK 50,000 ad budget", 1 content writer]`'),
    ]


def test_s007_help_names_the_other_teams(lint_result):
    text = """\
version: 1
objectives:
  - {id: retention, title: Keep our customers}
goals:
  - {id: onboarding, title: Cut onboarding from 14 to 7 days, team: Support, parent: retention,
     start: 2026-01-01, deadline: 2026-12-31}
  - {id: renewals, title: Renew 90 % of contracts, team: sales, parent: retention}
  - {id: adoption, title: Grow weekly active teams to 500, team: product, parent: retention}
"""
    assert _helps(lint_result, text, "S007") == [
        ("S007", 5, "goal spans 365 days under 'retention', which 3 teams serve, but names no contributors",
         "add `contributors:` with the people of product and sales the goal depends on"),
    ]
