"""S rules: each fires on input built for it, and stays quiet on a good goal."""

from __future__ import annotations


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
    owner: somebody
"""
    assert lint(text, select="S002") == []
    assert lint(text, select="S002", options={"extra_placeholder_owners": ["Somebody"]}) == [("S002", 5, 12)]


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
