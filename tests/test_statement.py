"""`goallint statement`: W findings on one-line goals, their formats, exit codes and --to-yaml."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from sarif_kit import validation_errors

from goallint.catalog import DOC_HEADINGS
from goallint.cli import main
from goallint.diagnostics import Severity
from goallint.ruledocs import doc_sections, documentation
from goallint.statement import STATEMENT_RULES, lint_statement, rule_for

TODAY = dt.date(2026, 11, 29)
CORPUS = Path(__file__).parent / "corpus" / "statements.yaml"


@pytest.fixture
def cli(capsys: Any, monkeypatch: Any) -> Any:
    monkeypatch.delenv("GOALLINT_TODAY", raising=False)

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["statement", *args, "--today", "2026-11-29"])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def _codes(text: str, lang: str | None = None) -> list[tuple[str, int, int]]:
    return [(f.code, f.start, f.end) for f in lint_statement(text, TODAY, lang)[1]]


def test_a_smart_statement_has_only_info_findings() -> None:
    text = "Øke antall leads fra 250 til 400 innen Q4 (eier: Kari Nordmann)"
    assert _codes(text) == []
    assert _codes("Reach 400 inbound leads per month by Q4 2026") == [("W006", 0, 44), ("W005", 6, 9)]


def test_vague_statement_findings_with_spans() -> None:
    text = "Increase sales significantly soon"
    assert _codes(text) == [("W001", 0, 8), ("W002", 0, 33), ("W006", 0, 33), ("W003", 15, 28),
                            ("W003", 29, 33)]


def test_norwegian_inflections_and_placeholder_owner() -> None:
    assert _codes("Flere besøk på nettsidene, betydelig økt (eier: alle)") == [
        ("W001", 0, 5), ("W002", 0, 53), ("W003", 27, 36), ("W004", 48, 52)]


def test_past_deadline_is_info() -> None:
    assert _codes("We will increase recurring revenue by 25% in 2021") == [("W006", 0, 49), ("W007", 42, 49)]


def test_text_output_and_exit_code(cli: Any) -> None:
    code, out, err = cli("Increase sales significantly next year")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "<arg>:1:1: W001 [warning] says 'Increase' but gives no number",
        "  help: add a number: by how much, or to what level?",
        "<arg>:1:1: W006 [info] names no owner",
        "  help: add who is responsible: (owner: NAME)",
        "<arg>:1:16: W003 [warning] uses the vague word 'significantly'",
        "  help: replace 'significantly' with the number or date it stands for",
        "1 statement checked, 3 findings",
    ]


def test_clean_statement_exits_0_and_fail_on_info_exits_1(cli: Any) -> None:
    text = "Øke antall leads fra 250 til 400 innen Q4 (eier: Kari Nordmann)"
    assert cli(text)[0] == 0
    assert cli("Reach 400 inbound leads per month by Q4 2026")[0] == 0
    assert cli("Reach 400 inbound leads per month by Q4 2026", "--fail-on", "info")[0] == 1


def test_norwegian_messages(cli: Any) -> None:
    code, out, _ = cli("Flere leads", "--lang", "nb")
    assert code == 1
    assert out.splitlines()[:2] == ["<arg>:1:1: W001 [warning] sier «Flere», men gir ikke noe tall",
                                    "  help: legg til et tall: hvor mye, eller til hvilket nivå?"]


def test_input_lang_overrides_detection(cli: Any) -> None:
    _, out, _ = cli("Reach 10 new clients", "--input-lang", "nb", "--format", "json")
    assert json.loads(out)["statements"][0]["fields"]["lang"] == "nb"


def test_json_carries_fields_and_findings(cli: Any) -> None:
    code, out, _ = cli("Grow organic visits from 12,000 to 18,000 per month by Q4 2026 (owner: Kari)",
                       "--format", "json")
    data = json.loads(out)["statements"][0]
    assert code == 0
    assert data["fields"]["baseline"]["value"] == 12000 and data["fields"]["target"]["value"] == 18000
    assert data["fields"]["deadline"] == {"date": "2026-12-31", "spec": "2026-Q4", "text": "by Q4 2026",
                                          "start": 52, "end": 62}
    assert data["fields"]["owner"]["text"] == "Kari"
    assert data["findings"] == []


def test_sarif_is_valid_and_documents_every_w_rule(cli: Any) -> None:
    code, out, _ = cli("Increase sales soon", "--format", "sarif")
    document = json.loads(out)
    assert code == 1
    assert validation_errors(document) == []
    run = document["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [f"W00{i}" for i in range(1, 9)]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in run["results"]] \
        == [("W001", 1), ("W002", 1), ("W006", 1), ("W003", 16)]
    assert run["results"][3]["message"] == {"text": "uses the vague word 'soon'"}
    assert run["results"][3]["properties"] == {"help": "replace 'soon' with the number or date it stands for"}


def test_json_findings_carry_their_help(cli: Any) -> None:
    _, out, _ = cli("Increase sales soon", "--format", "json")
    [first, *_] = json.loads(out)["statements"][0]["findings"]
    assert first == {"code": "W001", "name": "no-number", "severity": "warning", "start": 0, "end": 8,
                     "message": "says 'Increase' but gives no number",
                     "help": "add a number: by how much, or to what level?",
                     "suggestion": "add a number: by how much, or to what level?"}


def test_usage_errors_exit_2(cli: Any) -> None:
    assert main(["statement"]) == 2
    code, _, err = cli("Increase sales", "--format", "xml")
    assert code == 2 and "--format" in err
    assert cli("Increase sales by 5 % by Q4", "  ") == (2, "", "goallint: error: statement 2 is empty\n")


def test_a_day_that_does_not_exist_is_no_deadline() -> None:
    assert [f.code for f in lint_statement("Reach 5 leads by 30 February", TODAY)[1]] == ["W002", "W006", "W005"]


def test_stdin_one_statement_per_line() -> None:
    run = subprocess.run([sys.executable, "-m", "goallint", "statement", "-", "--today", "2026-11-29"],
                         input="Flere leads\n\nReach 400 inbound leads per month by Q4 2026 (owner: Kari)\n",
                         capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 1
    findings = [line for line in run.stdout.splitlines()[:-1] if not line.startswith("  help: ")]
    assert [line.split(" ")[0:2] for line in findings] == [
        ["<stdin>:1:1:", "W001"], ["<stdin>:1:1:", "W002"], ["<stdin>:1:1:", "W006"], ["<stdin>:3:7:", "W005"]]


def test_every_w_rule_is_documented_under_the_headings() -> None:
    for rule in STATEMENT_RULES:
        sections = doc_sections(rule)
        assert all(sections.get(h) for h in DOC_HEADINGS), rule.code
    rule = rule_for("W002")
    assert rule is not None and documentation(rule, "goallint").startswith("W002 no-deadline\n")
    assert rule_for("S003") is None


def _items(split: str | None = None) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    return [i for i in items if split is None or i["split"] == split]


def _agreement(lang: str | None) -> float:
    items = [i for i in _items("holdout") if lang is None or i["lang"] == lang]
    agree = 0
    for item in items:
        findings = lint_statement(item["text"], TODAY)[1]
        smart = not any(f.severity >= Severity.WARNING for f in findings)
        agree += smart == (item["label"] == "smart")
    return agree / len(items)


def test_agreement_with_the_labels_on_the_held_out_half() -> None:
    """"No warning-level W finding" against the source's label, on split=holdout only.

    The language is detected, as the command does by default; --today is fixed.
    """
    measured = {lang: round(_agreement(lang), 3) for lang in ("en", "nb", None)}
    assert measured == {"en": 0.959, "nb": 1.0, None: 0.971}
    assert all(value >= 0.9 for value in measured.values())


def test_to_yaml_of_every_smart_statement_passes_check_without_e_codes(tmp_path: Path, capsys: Any) -> None:
    smart = [i["text"] for i in _items() if i["label"] == "smart"]
    assert main(["statement", *smart, "--to-yaml", "--today", "2026-11-29"]) == 0
    goal_file = tmp_path / "from-statements.goals.yaml"
    goal_file.write_text(capsys.readouterr().out, encoding="utf-8")
    main(["check", str(goal_file), "--format", "json", "--today", "2026-11-29"])
    report = json.loads(capsys.readouterr().out)
    codes = sorted({d["code"] for d in report["diagnostics"]})
    assert [c for c in codes if c.startswith("E")] == []
    assert (report["summary"]["files"], report["summary"]["goals"], len(smart)) == (1, 67, 67)


def test_to_yaml_says_what_the_sentence_did_not(cli: Any) -> None:
    code, out, _ = cli("Øke antall leads med 20 % innen Q4", "--to-yaml")
    assert code == 0
    assert out.splitlines()[4:] == [
        "  - id: oke-antall-leads-med-20-innen",
        '    title: "Øke antall leads med 20 % innen Q4"',
        "    # TODO owner: who is the one person responsible?",
        "    # TODO team: where in the business does it live?",
        "    # TODO why: what do we gain?",
        "    # TODO resources: which budget, people and tools?",
        "    start: 2026-11-29",
        '    deadline: 2026-12-31  # from "innen Q4"',
        "    metric:",
        '      name: "antall leads"',
        '      unit: "%"',
        "      # TODO baseline: where does it start?",
        "      # TODO target: the level after the change of 20 % the sentence states",
        "      direction: increase",
        "      # TODO source: where is it measured, and how often?",
    ]


def test_to_yaml_quotes_hostile_text(cli: Any, tmp_path: Path, capsys: Any) -> None:
    hostile = 'Reach 5 leads by Q4 "\n: !!python/object ]} # not a comment'
    code, out, _ = cli(hostile.replace("\n", " "), "--to-yaml")
    assert code == 0
    data = yaml.safe_load(out)
    assert data["goals"][0]["title"] == hostile.replace("\n", " ")


def test_every_statement_rule_is_documented_by_goallint_rule(capsys):
    from goallint.catalog import DOC_HEADINGS
    from goallint.cli import main
    from goallint.statement import STATEMENT_RULES

    for rule in STATEMENT_RULES:
        assert main(["rule", rule.code.lower()]) == 0
        out = capsys.readouterr().out
        assert out.startswith(f"{rule.code} {rule.name}\n")
        assert all(f"## {heading}\n\n" in out for heading in DOC_HEADINGS)
    assert main(["rule", "W999"]) == 2


@pytest.mark.parametrize(("text", "owner"), [
    ("Grow from 250 to 400 inbound leads per month by Q4 2026 (owner: marketing team)", "marketing team"),
    ("Grow from 250 to 400 inbound leads per month by Q4 2026 (owner: everyone in sales)", "everyone in sales"),
    ("Øke antall leads fra 250 til 400 innen Q4 (eier: alle i marked)", "alle i marked"),
    ("Øke antall leads fra 250 til 400 innen Q4 (eier: markedsteamet)", "markedsteamet"),
    ("Øke antall leads fra 250 til 400 innen Q4 (eier: ikke bestemt)", "ikke bestemt"),
])
def test_w004_reads_the_owner_words_s002_reads(text: str, owner: str) -> None:
    start = text.index(owner)
    assert _codes(text) == [("W004", start, start + len(owner))]


def test_w004_leaves_a_person_named_by_role_alone() -> None:
    assert _codes("Grow from 250 to 400 inbound leads per month by Q4 2026 (owner: team lead Kari)") == []


def test_a_number_beyond_what_goallint_computes_with_is_no_target(capsys):
    """A 400-digit "number" is not read as the target (it was an internal error in --to-yaml)."""
    text = f"Raise NPS from 10 to {'9' * 400} by 2026-12-31"
    assert main(["statement", text, "--today", "2026-06-01", "--to-yaml"]) == 0
    out = capsys.readouterr().out
    assert "      baseline: 10\n" in out
    assert "      # TODO target: what number marks success?\n" in out
