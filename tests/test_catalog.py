"""The rule catalog as a value: built per config, validated, and never shared through module state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

import pytest

from goallint.catalog import BUILTIN, Catalog, CatalogError, build_catalog, builtin_catalog, validate_rule
from goallint.config import load_settings
from goallint.diagnostics import Severity
from goallint.linter import check
from goallint.plugin import CheckContext, ItemView, Problem, Rule, Span

GOALS = "version: 1\ngoals:\n  - id: a\n    title: Reach 400 leads\n    owner: kari@example.com\n"
POLICY = """\
rules:
  - code: X101
    name: {name}
    message: {message}
    require: {{required: [why]}}
"""


def test_two_configs_in_one_process_do_not_see_each_others_rules(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for folder, name, message in ((one, "why-one", "first policy"), (two, "why-two", "second policy")):
        folder.mkdir()
        (folder / ".goallint.yaml").write_text(POLICY.format(name=name, message=message) + "select: [X101]\n")
        (folder / "goals.yaml").write_text(GOALS)
    first, second = load_settings(cwd=one), load_settings(cwd=two)
    assert first.catalog["X101"].name == "why-one" and second.catalog["X101"].name == "why-two"
    plain = load_settings(cwd=tmp_path)
    assert "X101" not in plain.catalog and "X101" not in builtin_catalog()
    today = dt.date(2026, 10, 15)
    messages = [[d.message for d in check([folder / "goals.yaml"], settings, today, cwd=folder).diagnostics]
                for folder, settings in ((one, first), (two, second))]
    assert messages == [["first policy"], ["second policy"]]
    assert first.catalog.source("X101") == "config .goallint.yaml" and first.catalog.source("S001") == BUILTIN


def test_builtins_are_listed_explicitly_in_code_order() -> None:
    codes = list(builtin_catalog())
    assert codes[:8] == ["E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008"]
    order = "EHUWSMART"  # engine and hygiene families first, then the SMART letters in their own order
    assert [code[0] for code in codes] == sorted((code[0] for code in codes), key=order.index)


class _Good(Rule):
    """A well-formed rule.

    What it checks:
    Nothing.

    Why it matters:
    It is the shape every rule has.

    Example:
        owner: x

    Fix:
    None.
    """

    code = "K123"
    name = "good-rule"
    severity = Severity.INFO
    options: ClassVar[dict[str, dict[str, Any]]] = {"limit": {"type": "integer", "default": 3}}


@pytest.mark.parametrize(("change", "message"), [
    ({"code": "K12"}, "plugin some-dist: rule _Bad has code 'K12'; a code is a capital letter and three digits"),
    ({"code": "W123"}, "plugin some-dist: rule W123 uses the prefix W, which goallint reserves"),
    ({"name": "Bad Name"}, "plugin some-dist: rule K123 needs a kebab-case name"),
    ({"severity": "warning"}, "plugin some-dist: rule K123 needs a default severity"),
    ({"letter": "Q"}, "plugin some-dist: rule K123 has letter 'Q'; a SMART letter is one of S, M, A, R, T"),
    ({"__doc__": "Only a summary."}, "plugin some-dist: rule K123 lacks documentation under 'What it checks', "
                                     "'Why it matters', 'Example', 'Fix'"),
    ({"options": {"limit": {"type": "integer"}}}, "plugin some-dist: rule K123 option 'limit' needs a JSON Schema "
                                                  "with a 'default'"),
])
def test_validation_names_the_source_and_the_code(change: dict[str, Any], message: str) -> None:
    bad = type("_Bad", (_Good,), {"__doc__": _Good.__doc__, **change})
    with pytest.raises(CatalogError) as caught:
        validate_rule(bad, "some-dist")
    assert str(caught.value).startswith(message)
    validate_rule(_Good, "some-dist")  # the unchanged rule passes


def test_a_clash_names_both_sources() -> None:
    clash = type("_Clash", (_Good,), {"code": "S001", "__doc__": _Good.__doc__})
    with pytest.raises(CatalogError, match="plugin other: rule S001 clashes with S001 from goallint"):
        Catalog([(rule, BUILTIN) for rule in builtin_catalog().values()] + [(clash, "other")])


def test_letter_defaults_to_the_code_when_it_is_smart() -> None:
    assert type("_M", (_Good,), {"code": "M901"}).letter == "M"
    assert _Good.letter is None and builtin_catalog()["E001"].letter is None
    assert builtin_catalog()["S001"].letter == "S"


class _Broken(_Good):
    __doc__ = _Good.__doc__
    code = "K124"
    name = "broken-rule"
    mode: ClassVar[str] = "raise"

    def check(self, item: ItemView, ctx: CheckContext) -> Iterable[Any]:
        print("a plugin talking on stdout")  # what a careless plugin does
        if self.mode == "raise":
            raise ValueError("boom")
        if self.mode == "exit":
            raise SystemExit(0)
        if self.mode == "not-a-problem":
            return ["oops"]
        if self.mode == "position":
            return [Problem(Span(-5, 0, -5, 0), "nowhere")]
        if self.mode == "booleans":  # a bool is an int to Python, but no line or column
            return [Problem(Span(True, True, True, 5), "somewhere")]
        return [Problem(item.start_span, f"fine, limit {ctx.options['limit']}")]


@pytest.mark.parametrize(("mode", "message"), [
    ("raise", "rule K124 failed on this goal: ValueError: boom"),
    ("exit", "rule K124 failed on this goal: SystemExit: 0"),
    ("not-a-problem", "rule K124 yielded str, not a Problem"),
    ("position", "rule K124 reported an impossible position (-5:0--5:0)"),
    ("booleans", "rule K124 yielded a Problem without a Span"),
])
def test_a_failing_rule_is_an_e008_error_and_its_print_stays_off_stdout(tmp_path: Path, capsys: Any, mode: str,
                                                                       message: str) -> None:
    rule = type("_B", (_Broken,), {"mode": mode, "__doc__": _Good.__doc__})
    settings = load_settings(cwd=tmp_path)
    settings.catalog = build_catalog([(rule, "config test")], plugins=False)
    settings.select = ["K124"]
    (tmp_path / "goals.yaml").write_text(GOALS)
    found = check([tmp_path / "goals.yaml"], settings, dt.date(2026, 10, 15), cwd=tmp_path).diagnostics
    assert [(d.code, d.severity, d.line, d.column, d.message) for d in found] == [
        ("E008", Severity.ERROR, 3, 5, message)]
    captured = capsys.readouterr()
    assert captured.out == "" and "a plugin talking on stdout" in captured.err


def test_a_rule_sees_only_its_own_options(tmp_path: Path) -> None:
    from goallint.config import Settings

    rule = type("_B", (_Broken,), {"mode": "fine", "__doc__": _Good.__doc__})
    settings = Settings(root=tmp_path, catalog=build_catalog([(rule, "config test")], plugins=False))
    settings.set_options({"K124": {"limit": 9}})
    assert dict(settings.rule_options("K124")) == {"limit": 9}
    assert "stale_after_days" not in settings.rule_options("K124")
    assert dict(settings.rule_options("M009")) == {"stale_after_days": 30}
    assert settings.warnings == []


def test_flat_options_still_work_and_say_they_are_deprecated(tmp_path: Path) -> None:
    (tmp_path / ".goallint.yaml").write_text("options: {stale_after_days: 9, pace_tolerance_percent: 20}\n")
    settings = load_settings(cwd=tmp_path)
    assert settings.rule_options("M009")["stale_after_days"] == 9
    assert settings.metrics.pace_tolerance_percent == 20
    assert settings.warnings == [
        "options.stale_after_days: flat option names are deprecated; write 'options: {M009: {stale_after_days: ...}}'",
        "options.pace_tolerance_percent: this value now lives in 'metrics: {pace_tolerance_percent: ...}'; "
        "the flat form is deprecated",
    ]
