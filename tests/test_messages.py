"""Finding messages through gettext: each is its English text, keeps its template, and has a Norwegian one.

Three sides are held here: the source (every ``msg()`` template in goallint has a translation
with the same placeholders, and no translation is left for a template that is gone), the
findings themselves (every diagnostic goallint makes on a wide set of files is a ``Message``
whose templates are translated: the test that fails when someone writes an f-string message),
and the report (the Norwegian report says the Norwegian text; the English one is unchanged).
"""

from __future__ import annotations

import ast
import datetime as dt
import pickle
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from gitrepo import GOAL, Repo
from helpers import ROOT, TODAY, run
from test_jobs import _write_project
from test_rule_examples import NOT_ONE_FILE, _example_and_fix

from goallint.catalog import builtin_catalog
from goallint.cli import main
from goallint.config import Settings
from goallint.diagnostics import Diagnostic
from goallint.linter import check
from goallint.messages import Message, msg
from goallint.report.i18n import finding_message

FINDINGS_PO = ROOT / "goallint/report/locale/nb/LC_MESSAGES/findings.po"


def _fields(template: str) -> list[tuple[str, str, str]]:
    """The placeholders of a template with their format spec and conversion, in order of appearance."""
    return sorted((name, spec or "", conversion or "") for _, name, spec, conversion
                  in string.Formatter().parse(template) if name is not None)


def _norwegian() -> dict[str, str]:
    with FINDINGS_PO.open("rb") as stream:
        catalog = read_po(stream)
    return {m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and not m.fuzzy}


def _calls() -> Iterator[tuple[str, int, ast.Call]]:
    for path in sorted((ROOT / "goallint").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "msg":
                yield str(path.relative_to(ROOT)), node.lineno, node


def _source_templates() -> set[str]:
    return {node.args[0].value for _, _, node in _calls()
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}


# -- the value ------------------------------------------------------------------------------------

def test_a_message_is_its_english_text_and_keeps_its_template():
    made = msg("owner '{owner}' holds {held} active goals (limit {limit})", owner="TBD", held=7, limit=5)
    assert made == "owner 'TBD' holds 7 active goals (limit 5)"
    assert isinstance(made, str) and type(made) is Message
    assert made.template == "owner '{owner}' holds {held} active goals (limit {limit})"
    assert made.args == {"owner": "TBD", "held": 7, "limit": 5}
    assert made + "!" == "owner 'TBD' holds 7 active goals (limit 5)!"
    assert msg("target {value:g} is {share:.1f}%", value=4.0, share=12.345) == "target 4 is 12.3%"


def test_a_message_survives_pickling_as_workers_send_it():
    inner = msg("limit {limit} days", limit=30)
    made = msg("last check-in was {days} days ago; {rule}", days=40, rule=inner)
    back = pickle.loads(pickle.dumps(made))
    assert type(back) is Message and back == made
    assert back.template == made.template and back.args == made.args
    assert type(back.args["rule"]) is Message and back.args["rule"].template == "limit {limit} days"


def test_translation_fills_the_same_arguments_and_translates_wording_arguments():
    made = msg("owner '{owner}' is a placeholder: nobody is answerable for the {kind} yet", owner="TBD",
               kind=msg("goal"))
    assert finding_message(made, "nb") == "eieren 'TBD' er en plassholder: ingen står ansvarlig for målet ennå"
    assert finding_message(made, "en") is made
    assert finding_message("a plugin's own words", "nb") == "a plugin's own words"


def test_a_translation_that_does_not_fit_its_arguments_falls_back_to_english():
    made = msg("goal has no metric: nobody can see whether it is reached")
    broken = Message.__new__(Message, "x")
    broken.template, broken.args = "{missing}", {}
    assert finding_message(broken, "nb") == "x"
    assert finding_message(made, "nb") == "målet har ikke noe måltall: ingen kan se om det er nådd"


# -- the source -----------------------------------------------------------------------------------

def test_every_msg_call_has_a_literal_template():
    """A computed template could not be extracted into the catalog, so it could never be translated."""
    computed = [f"{path}:{line}" for path, line, node in _calls()
                if not (node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))]
    assert computed == []
    assert len(_source_templates()) > 150


def test_every_template_has_a_norwegian_translation_with_the_same_placeholders():
    norwegian = _norwegian()
    templates = _source_templates()
    missing = sorted(t for t in templates if not norwegian.get(t))
    assert missing == []
    mismatched = sorted(t for t in templates if _fields(t) != _fields(norwegian[t]))
    assert mismatched == []
    stale = sorted(set(norwegian) - templates)
    assert stale == []  # no translation kept for a message that is gone


def test_norwegian_findings_use_the_report_terms():
    norwegian = _norwegian()
    no_target = norwegian["metric has no target: nothing says how much means done"]
    assert no_target.startswith("måltallet har ingen målverdi")
    assert "utgangspunkt" in norwegian["metric has no baseline: without the zero point neither ambition nor progress "
                                       "can be judged"]
    assert norwegian["goal"] == "målet" and norwegian["objective"] == "det overordnede målet"
    passed = "deadline {deadline} passed {days} days ago, but the goal is still active: the report counts it as open"
    assert norwegian[passed].startswith("fristen {deadline} gikk ut")
    assert "måling" in norwegian["check-in has no value: it counts neither as progress nor as a measurement"]


# -- the findings ---------------------------------------------------------------------------------

def _templates_of(message: Message) -> Iterator[str]:
    yield message.template
    for value in message.args.values():
        if isinstance(value, Message):
            yield from _templates_of(value)


def _untranslated(diagnostics: list[Diagnostic], norwegian: dict[str, str]) -> list[str]:
    """Every diagnostic that is not a Message, or whose template (or a wording argument's) lacks nb."""
    wrong = []
    for d in diagnostics:
        if not isinstance(d.message, Message):
            wrong.append(f"{d.code} plain text: {d.message}")
            continue
        wrong += [f"{d.code} untranslated: {t}" for t in _templates_of(d.message) if not norwegian.get(t)]
    return wrong


HOSTILE = {
    "hidden.goals.yaml": "version: 1\ngoals:\n  - id: a\n    title: \"Reach\u200b 400 leads\"\n",
    "latin1.goals.yaml": b"version: 1\ngoals:\n  - id: a\n    title: caf\xe9\n",
    "syntax.goals.yaml": "version: 1\ngoals:\n  - id: a\n    title: [unclosed\n",
    "tab.goals.yaml": "version: 1\ngoals:\n\t- id: a\n",
    "control.goals.yaml": "version: 1\ngoals:\n  - id: a\n    title: bell\x07\n",
    "alias.goals.yaml": "version: 1\ngoals:\n  - &a [*a]\n",
    "undefined.goals.yaml": "version: 1\ngoals:\n  - *nowhere\n",
    "tag.goals.yaml": "version: 1\ngoals:\n  - !!python/object:os.system {id: a}\n",
    "badint.goals.yaml": "version: 1\ngoals:\n  - id: !!int twelve\n",
    "dupkey.goals.yaml": "version: 1\ngoals:\n  - id: a\n    id: b\n    title: Reach 400 leads\n",
    "twodocs.goals.yaml": "version: 1\n---\nversion: 1\n",
    "deep.goals.yaml": "version: 1\ngoals:\n  - id: a\n    description: " + "[" * 80 + "]" * 80 + "\n",
    "complexkey.goals.yaml": "version: 1\ngoals:\n  - {[a]: b}\n",
    "empty.goals.yaml": "",
    "schema.goals.yaml": (
        "version: 2\nperiod: 2026\nmystery: 1\ngoals:\n  - id: a\n    titel: x\n    <<: {owner: b}\n"
        "    status: finished\n    confidence: 7\n    owner: ''\n    metric: {baseline: 1e400, target: -1e-400}\n"
        "  - id: [not, text]\n    title: 3\n    resources: [NOK 250,000 budget]\n    checkins: [{value: 99" + "9" * 130
        + "}]\n"),
    "dates.goals.yaml": (
        "version: 1\nperiod: 2026-H3\ndefaults: {start: 2026-13, deadline: 0000}\ngoals:\n  - id: a\n    title: x\n"
        "    start: 2026-02-30\n    deadline: 2026-03-01..2026-01-01\n    milestones: [{date: yesterday}]\n"
        "  - id: b\n    title: y\n    start: 26-01-01\n    deadline: 2026-Q5\n"),
    "directives.goals.yaml": (
        "version: 1\n# goallint disable=S001\n# goallint: nonsense\n# goallint: disable=Z999\n"
        "# goallint: disable=S001 until=2026-02-30\n# goallint: disable-file=H001\ngoals:\n"
        "  - id: a  # goallint: disable=S001 until=2026-01-01 -- lapsed\n    title: Reach 400 leads\n"),
}


def _hostile(folder: Path) -> list[Path]:
    paths = []
    for name, content in HOSTILE.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


def test_every_finding_on_hostile_files_is_a_translated_message(tmp_path):
    paths = _hostile(tmp_path)
    big = tmp_path / "big.goals.yaml"
    big.write_text("version: 1\ngoals: []\n" + "#" * 2000 + "\n", encoding="utf-8")
    settings = Settings(root=tmp_path)
    result = check([*paths, big], settings, TODAY, cwd=tmp_path)
    small = Settings(root=tmp_path)
    small.max_file_bytes = 1000
    result.diagnostics += check([big], small, TODAY, cwd=tmp_path).diagnostics
    codes = {d.code for d in result.diagnostics}
    assert codes >= {"E001", "E002", "E003", "E005", "E006", "E007", "E009", "T002", "U001", "A005"}
    assert _untranslated(result.diagnostics, _norwegian()) == []


def test_every_finding_on_the_yaml_test_suite_is_a_translated_message(tmp_path):
    cases = sorted((ROOT / "tests/yaml-test-suite/cases").glob("*/in.yaml"))
    assert len(cases) == 402
    result = check(cases, Settings(root=tmp_path), TODAY, cwd=ROOT)
    assert {"E001", "E002", "E006"} <= {d.code for d in result.diagnostics}
    assert _untranslated(result.diagnostics, _norwegian()) == []


def test_every_finding_on_the_corpus_and_the_examples_is_a_translated_message(tmp_path):
    files = [*sorted((ROOT / "tests/corpus/realistic").glob("*.goals.yaml")), ROOT / "goals.example.yaml",
             *sorted((ROOT / "examples").glob("*.yaml"))]
    result = check(files, Settings(root=ROOT), TODAY, cwd=ROOT)
    assert len(result.diagnostics) > 50
    assert _untranslated(result.diagnostics, _norwegian()) == []


def test_every_rule_example_finding_is_a_translated_message(tmp_path):
    norwegian = _norwegian()
    seen: set[str] = set()
    wrong: list[str] = []
    for code in builtin_catalog().builtin():
        if code in NOT_ONE_FILE:
            continue
        example, _fix = _example_and_fix(code)
        folder = tmp_path / code
        folder.mkdir()
        found = run(example, folder, select=code, today=dt.date(2026, 6, 15)).diagnostics
        seen |= {d.code for d in found}
        wrong += _untranslated(found, norwegian)
    assert wrong == []
    assert len(seen) >= len(builtin_catalog().builtin()) - len(NOT_ONE_FILE)


def test_every_history_finding_is_a_translated_message(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("goals.yaml", GOAL)
    repo.write("other.goals.yaml", GOAL.replace("id: leads", "id: gone"))
    repo.commit("2026-01-05")
    for old, new in (("target: 400", "target: 350"), ("deadline: 2026-03-31", "deadline: 2026-06-30"),
                     ("baseline: 300", "baseline: 280"), ("value: 310", "value: 340"), ("unit: leads", "unit: visits")):
        repo.edit("goals.yaml", old, new)
    repo.write("other.goals.yaml", "version: 1\ngoals: []\n")
    first = repo.commit("2026-03-02", author="Bob Roe")
    repo.edit("goals.yaml", "deadline: 2026-06-30", "deadline: 2026-09-30")
    second = repo.commit("2026-04-02", author="Cy")
    found = repo.history().diagnostics
    assert {d.code for d in found} == {"H001", "H002", "H003", "H004", "H005", "H006"}
    assert _untranslated(found, _norwegian()) == []
    [moved] = [d.message for d in found if d.code == "H002"]
    assert finding_message(moved, "nb") == (
        f"fristen er utsatt 2 ganger etter at målet startet: 2026-03-31 -> 2026-06-30 i {first} av Bob Roe den "
        f"2026-03-02; 2026-06-30 -> 2026-09-30 i {second} av Cy den 2026-04-02")


def test_messages_come_back_from_worker_processes(tmp_path):
    paths = _write_project(tmp_path)
    parallel = check(paths, Settings(root=tmp_path), TODAY, cwd=tmp_path, jobs=2)
    assert len(parallel.diagnostics) > 1000
    assert _untranslated(parallel.diagnostics, _norwegian()) == []


# -- the report -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_norwegian_report_says_the_norwegian_messages(tmp_path, fmt):
    out = tmp_path / f"r.{fmt}"
    assert main(["report", "examples/flawed.goals.yaml", "--lang", "nb", "--format", fmt, "-o", str(out),
                 "--today", TODAY.isoformat()]) in (0, 1)
    text = out.read_text(encoding="utf-8")
    quote = "&#39;" if fmt == "html" else "'"
    wanted = [
        "målet har ikke noe måltall: ingen kan se om det er nådd",  # M001
        f"eieren {quote}TBD{quote} er en plassholder: ingen står ansvarlig for målet ennå",  # S002, a wording argument
        "fristen 2026-09-01 gikk ut for 44 dager siden, men målet er fortsatt aktivt: rapporten regner det som åpent",
        "målverdien 2000 er 8,0x utgangspunktet 250 (grense 3x): utenfor rekkevidde fra start",  # A001, a decimal comma
        f"det overordnede målet {quote}brnad{quote} er ikke definert (mente du {quote}brand{quote}?)",  # R002
        "ingen måling siden start for 106 dager siden (2026-07-01); grense 30 dager: et etterslep blir ikke oppdaget",
    ]
    if fmt == "md":
        assert [w for w in wanted if w not in text] == []
    else:  # the goal cards' findings are in the page's data block, the objectives' in plain HTML
        assert [w for w in wanted if w not in text and w.replace(quote, "'") not in text] == []
    assert "goal has no metric" not in text and "is a placeholder" not in text


def test_the_norwegian_report_names_severities_in_norwegian(tmp_path):
    from goallint.report.model import build

    result = run("""\
        version: 1
        objectives:
          - {id: o1, title: Grow}
        goals:
          - {id: a, title: Reach 400 leads, parent: o1}
    """, tmp_path)
    model = build(result, TODAY, "nb")
    objective = next(g for g in model.other_findings if g.findings)
    assert {f.severity for f in objective.findings} == {"feil"}
    assert objective.findings[0].message == "det overordnede målet har ingen eier, så ingen står ansvarlig for det"
    english = build(result, TODAY, "en")
    assert english.other_findings[0].findings[0].message == "objective has no owner, so nobody is answerable for it"
    assert english.other_findings[0].findings[0].severity == "error"


def test_a_long_alignment_loop_is_named_in_norwegian_with_its_ids_as_written(tmp_path):
    lines = ["version: 1", "goals:", *(f"  - {{id: l{n}, title: t, parent: l{(n + 1) % 10}}}" for n in range(10))]
    [first, *_] = run("\n".join(lines) + "\n", tmp_path, select="R003").diagnostics
    assert first.message == ("alignment loop: l0 -> l1 -> l2 -> l3 -> l4 -> l5 -> ... 3 more -> l9 -> l0: none of "
                             "these goals reaches the strategy")
    assert finding_message(first.message, "nb") == (
        "sirkulær forankring: l0 -> l1 -> l2 -> l3 -> l4 -> l5 -> ... 3 til -> l9 -> l0: ingen av disse målene når "
        "fram til strategien")


def test_numbers_in_a_norwegian_message_take_norwegian_marks(tmp_path):
    """A template writes 1,747 and 4.25; in Norwegian that reads as 1.747 and 425, so the report uses nb's marks."""
    goals = tmp_path / "team.goals.yaml"
    goals.write_text("""\
version: 1
goals:
  - id: leads
    title: Reach 2000 inbound leads per month
    owner: Kari Nordmann
    parent: x
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {baseline: 1000, target: 2000, unit: leads, name: leads, source: CRM}
    checkins:
      - {date: 2026-09-30, value: 1100}
""", encoding="utf-8")
    out = tmp_path / "r.md"
    assert main(["report", str(goals), "--lang", "nb", "--format", "md", "-o", str(out), "--no-history",
                 "--today", TODAY.isoformat()]) in (0, 1)
    # nb groups with a no-break space; the Markdown report writes every run of white space as one space
    assert ("A003 ikke i rute: 1 100 ligger etter en rett plan fra utgangspunkt til målverdi (1 747 på den "
            "datoen) med 65% av veien til 2000") in out.read_text(encoding="utf-8")


def test_a_long_list_of_moves_nests_shallowly_and_still_translates():
    """A deadline moved a thousand times: the list is one message that pickles and translates, not a deep chain."""
    from goallint.rules.history import _listed

    moves = [msg("{old} -> {new} in {commit}", old=f"2026-01-{1 + i % 28:02d}", new="2026-12-31", commit=f"c{i}")
             for i in range(1000)]
    listed = _listed(moves)
    assert listed == "; ".join(moves)
    assert pickle.loads(pickle.dumps(listed)) == listed
    norwegian = finding_message(msg("deadline moved later {times} after the goal started: {moves}",
                                    times=msg("{count} times", count=1000), moves=listed), "nb")
    assert norwegian.startswith("fristen er utsatt 1000 ganger etter at målet startet: 2026-01-01 -> 2026-12-31 i c0; ")

