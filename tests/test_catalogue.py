"""The metric catalogue: goals that refer to it read exactly like goals written inline.

The realistic corpus (tests/corpus/realistic) is checked as written and again with its
metrics moved into a catalogue: every existing rule must find the same, goal by goal.
"""

from __future__ import annotations

import copy
import datetime as dt
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT, TODAY

from goallint import loader, parallel
from goallint.catalogue import SHARED_FIELDS
from goallint.cli import main
from goallint.config import Settings
from goallint.dates import DateError, parse_when
from goallint.diagnostics import CheckResult
from goallint.linter import check
from goallint.rules.data import (
    BaselineDisagreesWithHistory,
    MetricHistoryInvalid,
    MetricIdDuplicate,
    MetricOverridesCatalogue,
    MetricRefUnknown,
    PaceBeyondHistory,
    TargetBelowLastSeason,
    TimeframeBelowCadence,
)

CORPUS = ROOT / "tests" / "corpus" / "realistic"
MARKETING = ROOT / "tests" / "catalogue" / "marketing.metrics.yaml"
NEW_CODES = {rule.code for rule in (MetricRefUnknown, MetricIdDuplicate, MetricHistoryInvalid,
                                    MetricOverridesCatalogue, BaselineDisagreesWithHistory, PaceBeyondHistory,
                                    TargetBelowLastSeason, TimeframeBelowCadence)}


def _day(value: Any) -> dt.date | None:
    try:
        return parse_when(value, end=True)
    except DateError:
        return None


def _movable_checkins(goal: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The goal's check-ins as catalogue history, when the catalogue would give them back unchanged."""
    checkins, start = goal.get("checkins"), goal.get("start")
    if not isinstance(checkins, list) or not checkins or start is None:
        return None
    try:
        first = parse_when(start, end=False)
    except DateError:
        return None
    deadline = _day(goal.get("deadline")) if "deadline" in goal else None
    days = []
    for entry in checkins:
        value = entry.get("value") if isinstance(entry, dict) else None
        day = _day(entry.get("date")) if isinstance(entry, dict) else None
        if day is None or isinstance(value, bool) or not isinstance(value, (int, float)) or day <= first \
                or (deadline is not None and day > deadline) or (days and day <= days[-1]):
            return None
        days.append(day)
    return [{"date": day.isoformat(), "value": entry["value"]} for day, entry in zip(days, checkins, strict=True)]


def _catalogued(data: dict[str, Any], prefix: str, every: int, with_history: bool) -> list[dict[str, Any]]:
    """Move the metrics of every ``every``-th goal of ``data`` into catalogue entries (returned)."""
    entries = []
    for index, goal in enumerate(data.get("goals") or []):
        metric = goal.get("metric") if isinstance(goal, dict) else None
        if not isinstance(metric, dict) or index % every:
            continue
        entry: dict[str, Any] = {"id": f"{prefix}-{index}"}
        entry.update({key: metric[key] for key in SHARED_FIELDS if key in metric})
        goal["metric"] = {"ref": entry["id"], **{k: v for k, v in metric.items() if k not in SHARED_FIELDS}}
        history = _movable_checkins(goal) if with_history else None
        if history is not None:
            entry["history"] = history
            del goal["checkins"]
        entries.append(entry)
    return entries


def _write_referenced(folder: Path, every: int, with_history: bool) -> list[Path]:
    """The corpus with metrics in a catalogue file; ``every`` 2 leaves every other goal inline."""
    folder.mkdir()
    entries: list[dict[str, Any]] = []
    paths = []
    for path in sorted(CORPUS.glob("*.goals.yaml")):
        data = copy.deepcopy(loader.parse(path.read_text(encoding="utf-8")).data)
        entries += _catalogued(data, path.name.split(".")[0], every, with_history)
        target = folder / path.name
        target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        paths.append(target)
    catalogue = folder / "corpus.metrics.yaml"
    catalogue.write_text(yaml.safe_dump({"version": 1, "metrics": entries}, sort_keys=False, allow_unicode=True),
                         encoding="utf-8")
    return [catalogue, *paths]


def _by_goal(result: CheckResult) -> dict[str | None, Counter[tuple[str, str]]]:
    found: dict[str | None, Counter[tuple[str, str]]] = {}
    for d in result.diagnostics:
        if d.code not in NEW_CODES:
            found.setdefault(d.goal, Counter())[(d.code, d.message)] += 1
    return found


@pytest.fixture(scope="module")
def inline() -> CheckResult:
    return check(sorted(CORPUS.glob("*.goals.yaml")), Settings(root=ROOT), dt.date(2026, 10, 15), cwd=ROOT)


@pytest.mark.parametrize(("every", "with_history"), [(1, False), (2, False), (1, True)],
                         ids=["all-referenced", "mixed", "check-ins-from-history"])
def test_the_realistic_corpus_finds_the_same_with_a_catalogue(inline, tmp_path, every, with_history):
    paths = _write_referenced(tmp_path / "referenced", every, with_history)
    result = check(paths, Settings(root=tmp_path), dt.date(2026, 10, 15), cwd=tmp_path)
    referenced = [item for item in result.items if item.link is not None]
    assert len(referenced) >= (60 if every == 1 else 30)
    assert all(item.link is not None and item.link.entry is not None for item in referenced)
    if with_history:
        assert sum("checkins" in item.link.defaulted for item in referenced if item.link) >= 20
    assert _by_goal(result) == _by_goal(inline)
    assert sum(sum(c.values()) for c in _by_goal(inline).values()) > 100  # the comparison covers real findings


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOALS = """\
version: 1
goals:
  - id: q4-leads
    title: Reach 430 inbound leads per month in Q4
    start: 2026-10-01
    deadline: 2026-12-31
    metric: {ref: inbound-leads, target: 430}
  - id: h1-conversion
    title: Raise lead conversion to 3 %
    start: 2026-01-01
    deadline: 2026-06-30
    metric: {ref: lead-conversion, target: 3, source: CRM funnel report}
    checkins:
      - {date: 2026-03-31, value: 2.4}
"""


def test_a_reference_takes_fields_baseline_and_checkins_from_the_catalogue(tmp_path):
    metrics = _write(tmp_path, "marketing.metrics.yaml", MARKETING.read_text(encoding="utf-8"))
    goals = _write(tmp_path, "team.goals.yaml", GOALS)
    result = check([metrics, goals], Settings(root=tmp_path), TODAY, cwd=tmp_path)
    q4, conversion = result.items
    assert q4.metric == {"name": "inbound leads per month (form fills and demo requests)", "unit": "leads/month",
                         "source": 'CRM report "Inbound leads by month"', "cadence": "monthly",
                         "baseline": 310.0, "baseline_date": "2026-09-30", "ref": "inbound-leads", "target": 430}
    assert q4.checkins == []  # nothing measured inside Q4 yet
    assert q4.link is not None and q4.link.defaulted == {"name", "unit", "source", "cadence", "baseline",
                                                         "baseline_date"}
    assert q4.at("metric", "baseline") == q4.at("metric", "ref") == loader.Span(7, 19, 7, 32)
    # The goal's own source and check-ins win; kind comes from the catalogue's "%" unit.
    assert conversion.metric is not None and conversion.metric["source"] == "CRM funnel report"
    assert conversion.baseline == 2.9 and conversion.measure.scale.kind == "percent"
    assert [(c.date.isoformat(), c.value) for c in conversion.checkins] == [("2026-03-31", 2.4)]
    assert conversion.at("checkins", 0).line == 14


def test_checkins_default_to_the_measurements_inside_the_goal(tmp_path):
    metrics = _write(tmp_path, "marketing.metrics.yaml", MARKETING.read_text(encoding="utf-8"))
    goals = _write(tmp_path, "team.goals.yaml", """\
        version: 1
        goals:
          - id: summer
            title: Hold referral visits above 800 over the summer
            start: 2026-06-01
            deadline: 2026-08-31
            metric: {ref: visits-referral, target: 800, direction: at_least}
        """)
    result = check([metrics, goals], Settings(root=tmp_path), TODAY, cwd=tmp_path)
    (summer,) = result.items
    assert summer.baseline == 930.0 and summer.measure.baseline_date == dt.date(2026, 5, 31)
    assert [(c.date.isoformat(), c.value) for c in summer.checkins] == [
        ("2026-06-30", 900.0), ("2026-07-31", 820.0), ("2026-08-31", 850.0)]
    assert summer.at("checkins", 1) == summer.at("metric", "ref")


def test_a_hook_on_one_goal_file_still_reads_the_catalogue(tmp_path):
    metrics = _write(tmp_path, "marketing.metrics.yaml", MARKETING.read_text(encoding="utf-8"))
    goals = _write(tmp_path, "team.goals.yaml", GOALS)
    settings = Settings(root=tmp_path)
    settings.select = ["E010", "M003", "M004"]
    alone = check([goals], settings, TODAY, cwd=tmp_path)
    assert [(d.code, d.line, d.column) for d in alone.diagnostics] == [("E010", 7, 19), ("E010", 12, 19)]
    hooked = check([goals], settings, TODAY, cwd=tmp_path, context=[metrics, goals])
    assert hooked.diagnostics == [] and hooked.paths == ["team.goals.yaml"]


def test_worker_processes_see_the_catalogue(tmp_path, monkeypatch):
    metrics = _write(tmp_path, "marketing.metrics.yaml", MARKETING.read_text(encoding="utf-8"))
    goals = [_write(tmp_path, f"t{n}.goals.yaml", GOALS.replace("id: ", f"id: t{n}-").replace(
        f"id: t{n}-inbound", "id: inbound")) for n in range(3)]
    one = check([metrics, *goals], Settings(root=tmp_path), TODAY, cwd=tmp_path)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)
    two = check([metrics, *goals], Settings(root=tmp_path), TODAY, cwd=tmp_path, jobs=2)
    assert two.diagnostics == one.diagnostics
    assert sum(d.code == "R007" for d in one.diagnostics) == 0
    assert sum(d.code == "M014" for d in one.diagnostics) == 3


def test_metrics_files_are_found_and_schema_checked(tmp_path, capsys):
    (tmp_path / "goals").mkdir()
    _write(tmp_path / "goals", "web.metrics.yaml", """\
        version: 1
        metrics:
          - id: visits
            unit: visits/month
            histroy: []
          - id: leads
            history:
              - {period: 2026-01, value: "many"}
        """)
    _write(tmp_path / "goals", "team.goals.yaml", """\
        version: 1
        goals:
          - id: visits
            title: Reach 20,000 visits a month
            metric: {ref: visits, target: 20000}
        """)
    code = main(["check", str(tmp_path / "goals"), "--select", "E002,E010", "--today", "2026-10-15", "-q",
                 "--format", "concise"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert [line.split(" [")[0].rsplit("/", 1)[-1] for line in out] == [
        "web.metrics.yaml:5:5: E002", "web.metrics.yaml:8:34: E002"]
    assert "did you mean 'history'?" in out[0]


def test_the_schema_describes_the_catalogue(capsys):
    assert main(["schema"]) == 0
    schema = yaml.safe_load(capsys.readouterr().out)
    assert schema["properties"]["metrics"]["items"] == {"$ref": "#/$defs/catalogued_metric"}
    assert schema["$defs"]["metric"]["properties"]["ref"]["type"] == "string"
    assert schema["$defs"]["measurement"]["required"] == ["value"]
    assert set(SHARED_FIELDS) <= set(schema["$defs"]["catalogued_metric"]["properties"])


def test_the_example_uses_the_catalogue_and_stays_clean():
    result = check([ROOT / "goals.example.yaml"], Settings(root=ROOT), TODAY, cwd=ROOT)
    assert result.diagnostics == []
    linked = [item.id for item in result.items if item.link is not None and item.link.entry is not None]
    assert linked == ["organic-traffic", "inbound-leads"]


def test_the_flawed_example_trips_every_catalogue_rule():
    result = check([ROOT / "examples" / "flawed.goals.yaml"], Settings(root=ROOT), TODAY, cwd=ROOT)
    assert NEW_CODES <= {d.code for d in result.diagnostics}


def test_odd_catalogues_are_findings_never_failures(tmp_path):
    metrics = _write(tmp_path, "odd.metrics.yaml", """\
        version: 1
        metrics:
          - 1
          - {id: 5}
          - {id: text, history: lots}
          - id: edges
            cadence: 0
            history:
              - 3
              - {date: 0001-01-01, value: 0}
              - {date: 0001-02-01, value: 0}
              - {date: 0001-03-01, value: 0}
              - {period: 9999, value: 1e300}
        """)
    other = _write(tmp_path, "flow.goals.yaml", '{version: 1, "metrics": [{id: flow, unit: leads}]}\n')
    goals = _write(tmp_path, "team.goals.yaml", """\
        version: 1
        defaults:
          metric: {ref: edges, target: 1}
          start: 0001-01-01
          deadline: 9999-12-31
        goals:
          - {id: a, title: t}
          - {id: b, title: t, metric: {ref: [edges], target: 1}}
          - {id: c, title: t, metric: {ref: edges, baseline: 0, target: -1e300}, deadline: 0001-01-02}
          - {id: d, title: t, metric: {ref: flow, target: 10}}
        """)
    result = check([metrics, other, goals], Settings(root=tmp_path), TODAY, cwd=tmp_path)
    codes = {(d.path, d.code) for d in result.diagnostics}
    assert not any(code == "E008" for _, code in codes)
    assert ("odd.metrics.yaml", "E002") in codes and ("team.goals.yaml", "E002") in codes
    assert ("team.goals.yaml", "E010") not in codes  # a flow-style catalogue is found too
    (a, b, _c, d) = result.items
    assert a.link is not None and a.link.entry is not None and a.at("metric", "unit").line == 3
    assert b.link is not None and b.link.entry is None and d.metric is not None and d.metric["unit"] == "leads"


def test_a_hook_on_the_first_definition_hears_of_the_repeat(tmp_path):
    first = _write(tmp_path, "marketing.metrics.yaml", MARKETING.read_text(encoding="utf-8"))
    repeat = _write(tmp_path, "web.metrics.yaml", "version: 1\nmetrics:\n  - id: visits-paid\n")
    settings = Settings(root=tmp_path)
    settings.select = ["E011"]
    everything = [first, repeat]
    full = check(everything, settings, TODAY, cwd=tmp_path)
    assert [(d.path, d.line, d.column) for d in full.diagnostics] == [("web.metrics.yaml", 3, 9)]
    hooked = check([first], settings, TODAY, cwd=tmp_path, context=everything)
    assert [(d.path, d.line, d.column, d.message) for d in hooked.diagnostics] == [
        ("marketing.metrics.yaml", 100, 9, "metric id 'visits-paid' is also defined at web.metrics.yaml:3: goals "
         "that refer to it cannot tell the two apart")]
    assert check([repeat], settings, TODAY, cwd=tmp_path, context=everything).diagnostics[0].line == 3


def test_the_editors_reuse_rechecks_goals_when_only_the_catalogue_changed(tmp_path):
    """A goal file left unchanged is judged again when the catalogue it refers to changes."""
    from goallint.linter import Reuse

    catalogue = tmp_path / "team.metrics.yaml"
    goals = tmp_path / "team.goals.yaml"
    catalogue.write_text(textwrap.dedent("""\
        version: 1
        metrics:
          - id: leads
            name: inbound leads per month
            unit: leads/month
            source: CRM report
            history:
              - {date: 2025-12-31, value: 250}
        """), encoding="utf-8")
    goals.write_text(textwrap.dedent("""\
        version: 1
        goals:
          - id: more-leads
            title: Reach 300 inbound leads per month
            owner: kari@example.com
            start: 2026-01-01
            deadline: 2026-12-31
            metric: {ref: leads, unit: leads/month, target: 300}
        """), encoding="utf-8")
    settings = Settings(root=tmp_path)
    reuse = Reuse()
    codes = lambda result: [(d.path, d.line, d.code) for d in result.diagnostics]  # noqa: E731
    first = check([catalogue, goals], settings, TODAY, cwd=tmp_path, reuse=reuse)
    assert "M014" not in [d.code for d in first.diagnostics]
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("unit: leads/month", "unit: leads/week"),
                         encoding="utf-8")
    again = check([catalogue, goals], settings, TODAY, cwd=tmp_path, reuse=reuse)
    fresh = check([catalogue, goals], settings, TODAY, cwd=tmp_path)
    assert codes(again) == codes(fresh)
    assert ("team.goals.yaml", 8, "M014") in codes(again)  # the goal's own unit now differs from the catalogue's


def test_a_repeated_id_beside_an_id_that_is_a_list_is_two_findings_not_a_crash(tmp_path, capsys):
    (tmp_path / "a.metrics.yaml").write_text("version: 1\nmetrics: [{id: a, name: a}, {id: a, name: b}, {id: [x]}]\n",
                                             encoding="utf-8")
    assert main(["check", str(tmp_path), "--today", "2026-10-15", "--format", "concise", "-q"]) == 1
    out = capsys.readouterr().out
    assert [line.split(" [")[0].rsplit("/", 1)[-1] for line in out.splitlines()] == [
        "a.metrics.yaml:2:34: E011", "a.metrics.yaml:2:52: E002"]
