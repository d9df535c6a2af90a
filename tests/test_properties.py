"""Property tests over the whole pipeline: loader -> schema -> rules -> every format -> reports.

For any text, any bytes, and any YAML-shaped data, goallint returns diagnostics and never
raises; every position lies inside the file; machine formats parse. The examples are
derandomised so the suite gives the same verdict on every run; the fuzz target under
fuzz/ explores further.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import yaml
from helpers import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goallint.config import Settings
from goallint.formats import FORMATS, RenderOptions, renderer
from goallint.linter import check
from goallint.report.model import build
from goallint.report.render import render_html, render_markdown

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")

FIELDS = ["id", "title", "owner", "team", "why", "parent", "status", "start", "deadline", "metric", "milestones",
          "checkins", "resources", "confidence", "tags", "baseline", "target", "unit", "direction", "date", "value",
          "source", "name", "version", "period", "goals", "objectives", "defaults"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20), st.sampled_from(["2026-02-30", "2026-Q3", "2026", "TBD", "active", "done", "draft",
                                           "increase", "decrease", "maintain", "2026-01-01..2026-03-31", "soon"]),
)
shaped = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), children, max_size=6),
    ),
    max_leaves=40,
)
goal_like = st.fixed_dictionaries(
    {"version": st.just(1), "goals": st.lists(st.dictionaries(st.sampled_from(FIELDS), shaped, max_size=8),
                                              max_size=5)},
    optional={"period": scalars, "objectives": st.lists(st.dictionaries(st.sampled_from(FIELDS), shaped),
                                                        max_size=2),
              "defaults": st.dictionaries(st.sampled_from(FIELDS), shaped, max_size=3)},
)


def _pipeline(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.goals.yaml"
        path.write_bytes(raw)
        result = check([path], Settings(root=Path(folder)), TODAY, cwd=Path(folder))
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = _BREAKS.split(text)
    for d in result.diagnostics + result.suppressed:
        assert 1 <= d.line <= len(lines) + 1, d
        assert 1 <= d.column <= max(len(line) for line in lines) + 2, d
        assert (d.end_line, d.end_column) >= (d.line, d.column) or d.end_line >= d.line, d
    for name in FORMATS:
        out = renderer(name)(result, RenderOptions())
        if name in ("json", "sarif", "gitlab"):
            json.loads(out)
    model = build(result, TODAY)
    assert render_html(model).startswith("<!DOCTYPE html>")
    render_markdown(model)


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text(text):
    _pipeline(text.encode("utf-8"))


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes(raw):
    _pipeline(raw)


@SETTINGS
@given(goal_like)
def test_any_goal_shaped_data(data):
    _pipeline(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))


@SETTINGS
@given(goal_like, st.sampled_from(["flow", "block"]))
def test_goal_shaped_data_in_flow_style(data, style):
    dumped = yaml.safe_dump(data, allow_unicode=True, default_flow_style=(style == "flow"), width=60)
    _pipeline(dumped.encode("utf-8"))


field_values = {
    "owner": st.one_of(st.text(max_size=5), st.integers()),
    "status": st.sampled_from(["draft", "active", "done", "dropped", "activ", 1]),
    "confidence": st.one_of(st.floats(-1, 2, allow_nan=False), st.booleans(), st.integers(-1, 2)),
    "start": st.one_of(st.text(max_size=10), st.integers(), st.floats(allow_nan=False)),
    "tags": st.one_of(st.lists(st.text(max_size=3), max_size=2), st.lists(st.integers(), max_size=2)),
    "metric": st.fixed_dictionaries({}, optional={
        "target": st.one_of(scalars, st.lists(st.integers(), max_size=1)),
        "baseline": st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=2)),
        "direction": st.sampled_from(["increase", "decrease", "maintain", "up"]),
    }),
    "checkins": st.lists(st.fixed_dictionaries({"date": st.sampled_from(["2026-01-01", 2026]),
                                                "value": st.one_of(st.integers(), st.text(max_size=2))}),
                         max_size=2),
}
near_valid = st.fixed_dictionaries(
    {"version": st.sampled_from([1, 1.0, 2, True]),
     "goals": st.lists(st.fixed_dictionaries({"id": st.text(min_size=1, max_size=5), "title": st.text(max_size=5)},
                                             optional=field_values), max_size=3)},
    optional={"period": st.sampled_from([2026, "2026-Q1", None])},
)


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(near_valid, goal_like, shaped))
def test_compiled_validator_agrees_with_jsonschema(data):
    """The fast path changes no verdict: the same documents are valid under both."""
    from jsonschema import Draft202012Validator

    from goallint.schema import schema
    from goallint.validator import compile_schema

    reference = Draft202012Validator(schema())
    assert compile_schema(schema())(data) == reference.is_valid(data)


def test_compiled_validator_refuses_unknown_keywords():
    import pytest

    from goallint.validator import UnsupportedSchema, compile_schema

    with pytest.raises(UnsupportedSchema):
        compile_schema({"type": "object", "patternProperties": {"^x": {"type": "string"}}})


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.dictionaries(st.sampled_from(["select", "ignore", "severity", "options", "rules", "overrides", "extends",
                                        "custom_prefixes", "max_file_bytes", "include", "selct"]),
                       st.one_of(shaped, st.lists(st.sampled_from(["S", "X", "Q", "E", "SS", "x"]), max_size=2),
                                 st.just([{"files": ["a"], "select": ["S"]}]), st.just([{"files": []}]),
                                 st.just([{"code": "X101", "name": "a-b", "message": "m", "require": {}}]),
                                 st.just([{"code": "X1", "name": "A", "message": "", "require": True}])),
                       max_size=3))
def test_compiled_validator_agrees_on_configs(data):
    from jsonschema import Draft202012Validator

    from goallint.catalog import builtin_catalog
    from goallint.config import config_schema
    from goallint.validator import compile_schema

    structure = config_schema(builtin_catalog())
    assert compile_schema(structure)(data) == Draft202012Validator(structure).is_valid(data)
