"""The language server, end to end: a real ``goallint lsp`` process driven over stdio.

Each test starts the server in a fresh workspace (a temporary folder), opens goal files
as an editor would, and asserts what comes back: exact ranges (0-based, UTF-16), codes,
hovers, completions, definitions and code actions.
"""

from __future__ import annotations

import asyncio
import atexit
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import hypothesis
import pytest
import pytest_lsp
from helpers import UPDATE_GOLDEN
from hypothesis import strategies as st
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from goallint.catalog import builtin_catalog
from goallint.config import Settings
from goallint.diagnostics import Problem, Severity, Span
from goallint.fixes import line_starts
from goallint.linter import Reuse, _line_starts, check
from goallint.lsp.engine import Engine
from goallint.lsp.positions import Lines
from goallint.lsp.worker import CheckWorker
from goallint.model import Item
from goallint.plugin import CheckContext, Rule

CORPUS = Path(__file__).resolve().parent / "yaml-test-suite" / "cases"  # vendored: nothing beside the clone
ENV = {**os.environ, "GOALLINT_TODAY": "2026-10-15"}

OBJECTIVES = """\
version: 1
objectives:
  - id: grow-pipeline
    title: Grow the sales pipeline
    owner: Ola Nordmann
    status: active
"""

GOALS = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month 🚀
    owner: Kari Nordmann
    parent: grow-pipline
    metric:
      target: "400"
"""


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "goallint", "lsp"],
                                              server_env=ENV))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    (tmp_path / "company.goals.yaml").write_text(OBJECTIVES, encoding="utf-8")
    (tmp_path / "team.goals.yaml").write_text(GOALS, encoding="utf-8")
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="w")]))
    yield
    await lsp_client.shutdown_session()


async def _until(client: LanguageClient, uri: str, wanted: Callable[[list[types.Diagnostic]], bool]) -> list:
    """Wait for published diagnostics of ``uri`` that satisfy ``wanted`` (fails after 20 s)."""
    for _ in range(1000):
        found = list(client.diagnostics.get(uri, []))
        if uri in client.diagnostics and wanted(found):
            return found
        await asyncio.sleep(0.02)
    pytest.fail(f"no diagnostics as wanted for {uri}: {client.diagnostics.get(uri)}")


def _open(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="yaml", version=version,
        text=path.read_text(encoding="utf-8") if text is None else text)))
    return uri


def _change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def _codes(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, int, int]]:
    return sorted((str(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
                  for d in diagnostics)


def _has(code: str) -> Callable[[list[types.Diagnostic]], bool]:
    return lambda found: any(d.code == code for d in found)


async def test_open_shows_findings_with_exact_ranges_and_docs(client: LanguageClient, tmp_path: Path):
    uri = _open(client, tmp_path / "team.goals.yaml")
    found = await _until(client, uri, _has("R002"))
    assert ("R002", 5, 12, 5, 24) in _codes(found)  # parent: grow-pipline
    assert ("M002", 7, 14, 7, 19) in _codes(found)  # target: "400"
    r002 = next(d for d in found if d.code == "R002")
    assert r002.severity == types.DiagnosticSeverity.Error
    assert r002.message == ("parent 'grow-pipline' is not defined (did you mean 'grow-pipeline'?)\n"
                            "help: write `parent: grow-pipeline`")  # the help on its own line, as check prints it
    assert r002.code_description is not None
    assert r002.code_description.href == "https://github.com/goallint/goallint/blob/main/docs/rules.md#r002-parent-unknown"


async def test_change_updates_and_ranges_count_utf16(client: LanguageClient, tmp_path: Path):
    uri = _open(client, tmp_path / "team.goals.yaml")
    await _until(client, uri, _has("R002"))
    text = GOALS.replace("parent: grow-pipline", "parent: grow-pipeline").replace(
        "Reach 400 inbound leads per month 🚀", "Reach 400 leads 🚀").replace(
        'target: "400"', 'target: "400"\n    ownr: x')
    _change(client, uri, text, 2)
    found = await _until(client, uri, lambda f: not _has("R002")(f) and _has("E002")(f))
    assert ("E002", 8, 4, 8, 8) in _codes(found)
    # A finding after an emoji on its line: the emoji is two UTF-16 units, one character.
    line = '    metric: {name: "🚀 leads", target: "40"}'
    _change(client, uri, text.replace('    metric:\n      target: "400"', line), 3)
    await _until(client, uri, lambda f: ("M002", 6, 39, 6, 43) in _codes(f))
    assert line.index('"40"') == 38  # characters; 39 in UTF-16 units


async def test_cross_file_duplicate_appears_and_disappears(client: LanguageClient, tmp_path: Path):
    company = _open(client, tmp_path / "company.goals.yaml")
    team = _open(client, tmp_path / "team.goals.yaml")
    await _until(client, team, _has("R002"))
    assert not _has("E004")(client.diagnostics[team])
    # The company file (checked first) gains the id 'leads': the team file's goal is now the repeat.
    _change(client, company, OBJECTIVES.replace("id: grow-pipeline", "id: leads"), 2)
    found = await _until(client, team, _has("E004"))
    assert [c for c in _codes(found) if c[0] == "E004"] == [("E004", 2, 8, 2, 13)]
    _change(client, company, OBJECTIVES, 3)
    await _until(client, team, lambda f: not _has("E004")(f))


async def test_lines_typed_above_a_goal_move_its_kept_findings(client: LanguageClient, tmp_path: Path):
    """Three lines typed above the goal: the server keeps the goal's findings and moves them down."""
    uri = _open(client, tmp_path / "team.goals.yaml")
    first = _codes(await _until(client, uri, _has("M002")))
    assert ("M002", 7, 14, 7, 19) in first
    moved = GOALS.replace("goals:\n", "goals:\n  # three lines\n  # typed above\n  # the goal\n")
    _change(client, uri, moved, 2)
    found = await _until(client, uri, lambda found: ("M002", 10, 14, 10, 19) in _codes(found))
    assert _codes(found) == sorted((code, line + 3, start, end_line + 3, end) for code, line, start, end_line, end
                                   in first)
    assert any("(1 unchanged goal of edited files not checked again)" in log.message
               for log in client.log_messages), [log.message for log in client.log_messages]
    fixed = moved.replace('target: "400"', "target: 400")
    _change(client, uri, fixed, 3)
    found = await _until(client, uri, lambda found: not _has("M002")(found))  # the edited goal, checked again
    assert [entry[:3] for entry in _codes(found)] == [(code, line + 3, start) for code, line, start, _l, _e in first
                                                      if code != "M002"]


async def test_hover_on_finding_and_on_parent(client: LanguageClient, tmp_path: Path):
    uri = _open(client, tmp_path / "team.goals.yaml", GOALS.replace("grow-pipline", "grow-pipeline"))
    await _until(client, uri, _has("M002"))
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri), position=types.Position(7, 16)))
    assert hover is not None
    parts = hover.contents.value.split("\n\n---\n\n")
    assert [part.split(" ", 1)[0] for part in parts] == ["M003", "M004", "M006", "M012", "M002"]  # every finding here
    assert parts[4].startswith("M002 target-not-numeric\n\nThe metric's target is missing or not a number.")
    assert parts[4].endswith("[Documentation](https://github.com/goallint/goallint/blob/main/docs/rules.md"
                             "#m002-target-not-numeric)")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri), position=types.Position(5, 15)))
    assert hover is not None
    card = hover.contents.value
    assert card.startswith("**grow-pipeline** (objective)\n\nGrow the sales pipeline\n\n"
                           "Owner: Ola Nordmann  \nStatus: active")
    assert "company.goals.yaml, line 3" in card


async def test_completion_of_parents_and_owners(client: LanguageClient, tmp_path: Path):
    text = GOALS + "  - id: churn\n    title: Fewer cancellations\n    parent: \n    owner: \n"
    uri = _open(client, tmp_path / "team.goals.yaml", text)
    await _until(client, uri, _has("R002"))
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri), position=types.Position(10, 12)))
    assert [item.label for item in result.items] == ["grow-pipeline", "leads", "churn"]
    assert result.items[0].detail == "objective: Grow the sales pipeline"
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri), position=types.Position(11, 11)))
    assert [item.label for item in result.items] == ["Kari Nordmann", "Ola Nordmann"]
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri), position=types.Position(9, 10)))
    assert list(result.items) == []


async def test_definition_of_a_parent(client: LanguageClient, tmp_path: Path):
    uri = _open(client, tmp_path / "team.goals.yaml", GOALS.replace("grow-pipline", "grow-pipeline"))
    await _until(client, uri, _has("M002"))
    location = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri), position=types.Position(5, 14)))
    assert location == types.Location(uri=(tmp_path / "company.goals.yaml").as_uri(),
                                      range=types.Range(types.Position(2, 8), types.Position(2, 21)))
    nothing = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri), position=types.Position(3, 10)))
    assert nothing is None


async def test_code_actions_fix_suppress_and_docs(client: LanguageClient, tmp_path: Path):
    uri = _open(client, tmp_path / "team.goals.yaml")
    found = await _until(client, uri, _has("R002"))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri),
        range=types.Range(types.Position(5, 14), types.Position(5, 14)),
        context=types.CodeActionContext(diagnostics=[d for d in found if d.code == "R002"])))
    titles = [action.title for action in actions]
    assert titles == ["Use the parent 'grow-pipeline'", "Suppress R002 on this line, with a reason",
                      "Show the documentation of R002 (parent-unknown)"]
    fix, suppress, docs = actions
    assert fix.is_preferred is True
    value, end = types.Range(types.Position(5, 12), types.Position(5, 24)), types.Position(5, 24)
    assert list(fix.edit.changes[uri]) == [types.TextEdit(value, "grow-pipeline")]
    assert list(suppress.edit.changes[uri]) == [types.TextEdit(types.Range(end, end),
                                                               "  # goallint: disable=R002 -- reason: TODO")]
    # The test client's protocol library reads any code action that has a "command" key as a
    # bare Command (its union hook looks at that key only), so the nested command arrives as text.
    assert "'command': 'goallint.showDocumentation', 'arguments': ['R002']" in str(docs.command)
    url = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="goallint.showDocumentation", arguments=["R002"]))
    assert url == "https://github.com/goallint/goallint/blob/main/docs/rules.md#r002-parent-unknown"
    # Applying the fix and the M002 fix leaves neither finding.
    text = GOALS.replace("grow-pipline", "grow-pipeline").replace('"400"', "400")
    _change(client, uri, text, 2)
    await _until(client, uri, lambda f: not _has("R002")(f) and not _has("M002")(f))


async def test_broken_config_is_one_diagnostic_and_the_server_lives(client: LanguageClient, tmp_path: Path):
    uri = _open(client, tmp_path / "team.goals.yaml")
    await _until(client, uri, _has("R002"))
    config = tmp_path / ".goallint.yaml"
    config.write_text("select: [S]\nsevrity: {}\n", encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]))
    found = await _until(client, config.as_uri(), lambda f: len(f) == 1)
    assert found[0].message == ".goallint.yaml:2:1: sevrity: unknown config key 'sevrity' (did you mean 'severity'?)"
    assert (found[0].range.start.line, found[0].range.start.character) == (1, 0)
    assert _has("R002")(client.diagnostics[uri])  # goal files are still checked, with the defaults
    config.write_text("select: [S]\n", encoding="utf-8")  # fixed: picked up, the config's diagnostic goes
    _change(client, uri, GOALS, 2)
    await _until(client, config.as_uri(), lambda f: f == [])
    await _until(client, uri, lambda f: not _has("R002")(f) and _has("S005")(f))


def _hostile() -> list[tuple[str, str]]:
    texts = [
        ("bomb", "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))),
        ("python", "version: !!python/object/apply:os.system ['touch pwned']\n"),
        ("deep", "version: 1\ngoals: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        ("bidi", "version: 1\ngoals:\n  - {id: a, title: \"x\u202ey\"}\n"),
        ("nul", "version: 1\x00\n"),
        ("empty", ""),
    ]
    cases = sorted(CORPUS.glob("*/in.yaml"))
    assert len(cases) == 402, CORPUS
    texts += [(case.parent.name, case.read_bytes().decode("utf-8", errors="replace")) for case in cases[::20]]
    return texts


async def test_hostile_inputs_never_stop_the_server(client: LanguageClient, tmp_path: Path):
    uris = []
    for name, text in _hostile():
        uris.append(_open(client, tmp_path / f"{name}.goals.yaml", text))
    await _until(client, uris[-1], lambda f: all(u in client.diagnostics for u in uris))
    assert _has("E006")(client.diagnostics[uris[0]])  # the alias bomb is stopped, not expanded
    assert not (tmp_path / "pwned").exists()
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uris[0]), position=types.Position(0, 0)))
    assert hover is None or hover.contents.value
    uri = _open(client, tmp_path / "team.goals.yaml")
    await _until(client, uri, _has("R002"))  # still alive and checking


def test_positions_convert_between_characters_and_utf16():
    lines = Lines("a: 😀 ø x\r\nb: y\n")
    assert lines.range_of(Span(1, 8, 1, 9)) == ((0, 8), (0, 9))  # 'x' after a surrogate pair
    assert lines.from_utf16(0, 8) == (1, 8)
    assert lines.from_utf16(0, 99) == (1, 9)
    assert lines.to_utf16(2, 4) == (1, 3)


def test_ascii_positions_take_the_short_way_to_the_same_answer():
    """In an all-ASCII text a column converts by itself; the answers are those of measuring the line."""
    text = "a: b\r\nlonger: line\n\nx\ry"
    fast, measured = Lines(text), Lines(text)
    measured.ascii = False
    assert fast.ascii and not Lines("ø").ascii
    for line in range(7):
        for column in range(16):
            assert fast.to_utf16(line + 1, column + 1) == measured.to_utf16(line + 1, column + 1), (line, column)
            assert fast.from_utf16(line, column) == measured.from_utf16(line, column), (line, column)
    assert fast.from_utf16(1, 99) == (2, 13) and fast.line(4) == "y" and fast.line(9) == ""


async def test_a_newer_check_stops_a_running_one():
    """The worker stops a check that a newer request made stale, then runs the newer one."""
    worker = CheckWorker()
    started, release = threading.Event(), threading.Event()

    def endless() -> str:
        started.set()
        try:
            while not release.is_set():  # a rule that would never finish on its own
                pass
        except Exception:  # as the linter guards each rule: the stop must pass through
            return "swallowed"
        return "finished"

    stale = worker.submit(1, endless)
    fresh = worker.submit(2, lambda: "fresh")
    try:
        await asyncio.get_running_loop().run_in_executor(None, started.wait)
        worker.cancel_older(2)
        assert await asyncio.wait_for(stale, 30) is None  # cancelled: no result
        assert await asyncio.wait_for(fresh, 30) == "fresh"
        assert (worker.cancelled, worker.stopped) == (1, 1)
        worker.cancel_older(3)  # nothing running: nothing to stop
        assert await asyncio.wait_for(worker.submit(3, lambda: 7), 30) == 7
        assert worker.cancelled == 1
    finally:
        release.set()


TEAM_UNDER_CALLS = """\
version: 1
goals:
  - id: team-calls
    title: Make 90 sales calls per week
    owner: Kari Nordmann
    parent: calls  # goallint: disable=R002 -- reason: the calls goal is being planned
"""


def test_the_engine_reads_only_the_edited_file_and_finds_what_a_full_check_finds(tmp_path: Path):
    """After an edit, unchanged files are not parsed again; the findings are those of a fresh check.

    The unchanged team file's suppression silences an unknown parent that the edited file
    defines or not: while it is defined, the suppression is unused (U001).
    """
    (tmp_path / "company.goals.yaml").write_text(OBJECTIVES, encoding="utf-8")
    team = tmp_path / "team.goals.yaml"
    team.write_text(TEAM_UNDER_CALLS, encoding="utf-8")
    alpha = tmp_path / "alpha.goals.yaml"
    plain = GOALS.replace("id: leads", "id: calls").replace("grow-pipline", "grow-pipeline")
    alpha.write_text(plain, encoding="utf-8")
    engine, today = Engine(tmp_path), dt.date(2026, 10, 15)
    before = None
    for round, text in enumerate([plain, GOALS, plain, GOALS.replace("🚀", "🚀🚀"), plain]):
        engine.opened(alpha, text)
        snapshot = engine.run(today)
        settings = engine.settings()
        fresh = check(engine.goal_files(settings, {}), settings, today, cwd=tmp_path,
                      overlay={alpha: text.encode("utf-8")})
        assert [d for found in snapshot.diagnostics.values() for d in found] == fresh.diagnostics, round
        on_team = [d.code for d in snapshot.diagnostics[team.resolve()]]
        assert ("U001" in on_team) == (text == plain), (round, on_team)  # unused while 'calls' is defined
        assert "R002" not in on_team
        if before is not None:  # the same objects: the team file was neither parsed nor checked again
            assert snapshot.items_in(team.resolve())[0] is before.items_in(team.resolve())[0]
            assert snapshot.items_in(alpha.resolve())[0] is not before.items_in(alpha.resolve())[0]
        before = snapshot


# A realistic team file: objectives, defaults and a period the goals read, an anchor one
# goal's metric aliases, a suppression, a misspelt key, flow-style goals and findings of
# most rule families (some placed at the defaults, outside any goal).
PLAN = """\
version: 1
period: 2026
defaults:
  team: growth
  start: 2026-01-01
objectives:
  - id: grow-pipeline
    title: Grow the sales pipeline
    owner: Ola Nordmann
  - {id: keep-customers, title: Keep the customers we have, owner: Kari Nordmann}
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    owner: Kari Nordmann
    parent: grow-pipeline
    deadline: 2026-12-31
    metric: &leads
      baseline: 250
      target: "400"
      unit: leads/month
    checkins:
      - {date: 2026-03-31, value: 260}
      - {date: 2026-06-30, value: 270}
  - id: calls
    title: Improve sales calls significantly  # goallint: disable=S003 -- reason: being reworded
    owner: Per Hansen
    parent: grow-pipline
    deadline: 2026-06-31
    metric: {baseline: 40, target: 40.5, unit: calls/week}
  - id: churn
    title: Cut monthly churn from 4.2% to 3%
    parent: keep-customers
    deadline: 31.12.2026
    metric:
      baseline: 4.2
      target: 3
      unit: "%"
      direction: increase
    milestones:
      - {date: 2026-06-30, target: 3.6}
  - id: nps
    title: Better NPS
    owner: Kari Nordmann
    status: done
    metric: *leads
  - {id: docs, title: Publish the pricing page, owner: Per Hansen, deadline: 2026-09-30, parent: leads}
  - id: hires
    titel: Hire two account executives
    owner: Ola Nordmann
    parent: grow-pipeline
    deadline: 2027-03-31
    metric:
      baseline: 0
      target: 2
      unit: people
"""
COMPANY_GOALS = """\
version: 1
objectives:
  - id: revenue
    title: Grow revenue
    owner: Ola Nordmann
goals:
  - id: company-leads
    title: Reach 2000 leads per month
    owner: Ola Nordmann
    parent: revenue
    deadline: 2026-12-31
    metric: {baseline: 1500, target: 2000, unit: leads/month, name: leads, source: CRM}
"""
NEW_GOALS = ["""\
  - id: partners
    title: Sign 5 new partners
    owner: Per Hansen
    parent: grow-pipeline
    deadline: 2026-12-31
    metric: {baseline: 0, target: 5, unit: partners}""",
             "  - {id: onboarding, title: Better onboarding, parent: revenue}"]
IDS = ["leads", "calls", "churn", "grow-pipeline", "company-leads", "fresh-id", "docs"]
PARENTS = ["grow-pipeline", "keep-customers", "grow-pipline", "leads", "revenue", "company-leads", "nowhere"]
TITLES = ["Better NPS", "Reach 500 leads per month by June 🚀", "Improve things a lot", "Cut churn to 3%"]
OUTSIDE = [("period: 2026", "period: 2026-H2"), ("team: growth", "team: sales"),
           ("  start: 2026-01-01", "  start: 2026-03-01"), ("id: keep-customers", "id: retain"),
           ("id: grow-pipeline", "id: pipeline"), ("Grow the sales", "Grow the")]
ANCHORED = [('target: "400"', "target: 400"), ("baseline: 250", "baseline: 390")]
_NUMBER = re.compile(r"(?<![\w.:-])\d+(?:\.\d+)?(?![\w.:-])")


def _goal_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line indexes of each goal of the `goals:` list."""
    top = next((index for index, line in enumerate(lines) if line == "goals:"), len(lines))
    starts = [index for index in range(top + 1, len(lines)) if lines[index].startswith("  - ")]
    ends = [*starts[1:], len(lines) - (lines[-1] == "")] if starts else []
    return list(zip(starts, ends, strict=True))


def _replace_nth(text: str, pattern: str, choice: int, new: str) -> str:
    found = list(re.finditer(pattern, text, flags=re.MULTILINE))
    if not found:
        return text
    hit = found[choice % len(found)]
    return text[:hit.start(1)] + new + text[hit.end(1):]


def _edit(text: str, kind: str, a: int, b: int) -> str:
    """One edit of the kinds a person makes while typing; ``a`` and ``b`` pick where and what."""
    lines = text.split("\n")
    blocks = _goal_blocks(lines)
    if kind == "line endings":  # CRLF, then back; lines typed later get LF alone, as in a mixed file
        return text.replace("\r\n", "\n") if "\r\n" in text else text.replace("\n", "\r\n")
    if kind == "insert line":
        lines.insert(a % (len(lines) + 1), ["", "  # a note", "# a note", "    # inside"][b % 4])
    elif kind == "delete line" and lines:
        del lines[a % len(lines)]
    elif kind == "suppress" and "#" not in lines[a % len(lines)]:
        lines[a % len(lines)] += "  # goallint: disable=M006,S005 -- reason: tracked elsewhere"
    elif kind in ("add goal", "copy goal"):
        first, end = blocks[b % len(blocks)] if blocks else (len(lines), len(lines))
        new = NEW_GOALS[b % 2].split("\n") if kind == "add goal" or not blocks else lines[first:end]
        where = blocks[a % len(blocks)][0] if blocks and a % (len(blocks) + 1) < len(blocks) else \
            len(lines) - (lines[-1] == "")
        lines[where:where] = new
    else:
        return _edit_value(text, kind, a, b)
    return "\n".join(lines)


def _edit_value(text: str, kind: str, a: int, b: int) -> str:
    if kind == "value":
        found = list(_NUMBER.finditer(text))
        hit = found[a % len(found)] if found else None
        return text if hit is None else text[:hit.start()] + str(b % 700 / (1 if b % 3 else 10)) + text[hit.end():]
    if kind == "id":
        return _replace_nth(text, r"\bid: ([\w-]+)", a, IDS[b % len(IDS)])
    if kind == "parent":
        return _replace_nth(text, r"\bparent: ([\w-]+)", a, PARENTS[b % len(PARENTS)])
    if kind == "title":
        return _replace_nth(text, r"\btitle: ([^,}\n#]+?)\s*(?:$|[,}#])", a, TITLES[b % len(TITLES)])
    if kind == "anchor":  # the leads goal's metric, which the nps goal aliases: its text stays, its data changes
        old, new = ANCHORED[a % len(ANCHORED)]
        return text.replace(old, new, 1) if old in text else text.replace(new, old, 1)
    old, new = OUTSIDE[a % len(OUTSIDE)]  # outside the goals: what every goal's rules may read
    return text.replace(old, new, 1) if old in text else text.replace(new, old, 1)


EDITS = ["insert line", "delete line", "suppress", "add goal", "copy goal", "value", "id", "parent", "title",
         "outside", "line endings", "anchor"]
_ENGINE_FILES = tempfile.mkdtemp(prefix="goallint-incremental-")  # one workspace for every example
atexit.register(shutil.rmtree, _ENGINE_FILES, ignore_errors=True)


@hypothesis.settings(max_examples=60, deadline=None, derandomize=True,
                     suppress_health_check=[hypothesis.HealthCheck.too_slow])
@hypothesis.given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 999), st.integers(0, 999)),
                           min_size=1, max_size=12))
def test_findings_after_any_edits_are_those_of_a_fresh_check(edits: list[tuple[str, int, int]]):
    """The engine's incremental check (kept files, kept goals moved by the lines inserted
    above them) finds after every edit exactly what a full check of the same text finds:
    codes, positions, messages, help, fixes and suppressions."""
    root = Path(_ENGINE_FILES)
    (root / "company.goals.yaml").write_text(COMPANY_GOALS, encoding="utf-8")
    team = (root / "team.goals.yaml").resolve()
    team.write_text(PLAN, encoding="utf-8")
    engine, today, text = Engine(root), dt.date(2026, 10, 15), PLAN
    engine.opened(team, text)
    engine.run(today)
    for step, (kind, a, b) in enumerate(edits):
        text = _edit(text, kind, a, b)
        engine.opened(team, text)
        snapshot = engine.run(today)
        settings = engine.settings()
        fresh = check(engine.goal_files(settings, {}), settings, today, cwd=root, overlay={team: text.encode("utf-8")})
        assert [d for found in snapshot.diagnostics.values() for d in found] == fresh.diagnostics, (step, kind, text)


def test_the_engine_keeps_the_findings_of_unchanged_goals_and_moves_them(tmp_path: Path):
    """Lines inserted above the goals: every goal keeps its findings, moved down; an edited goal is checked again."""
    team = (tmp_path / "team.goals.yaml").resolve()
    team.write_text(PLAN, encoding="utf-8")
    engine, today = Engine(tmp_path), dt.date(2026, 10, 15)
    engine.opened(team, PLAN)
    before = engine.run(today).diagnostics[team]
    moved = PLAN.replace("goals:\n", "goals:\n  # two lines\n  # inserted\n")
    engine.opened(team, moved)
    after = engine.run(today).diagnostics[team]
    # Kept: both objectives, and the two goals without a finding at the defaults (M009 on
    # line 5 for the goals that take their start from there, which are checked again).
    assert engine.goals_reused == 4
    m002 = [(d.line, d.column, d.goal) for d in after if d.code == "M002"]
    assert m002 == [(21, 15, "leads"), (47, 13, "nps")]
    assert [(d.line + (2 if d.line > 11 else 0), d.column, d.code, d.message) for d in before] == \
        [(d.line, d.column, d.code, d.message) for d in after]
    edited = moved.replace("title: Better NPS", "title: Reach an NPS of 50")
    engine.opened(team, edited)
    again = engine.run(today).diagnostics[team]
    assert engine.goals_reused == 1  # the leads goal (objectives are kept only while the goals are the same)
    assert [d.goal for d in again if d.code == "S003"] == []  # the edited goal was checked again
    assert [d.goal for d in after if d.code == "S003"] == ["nps"]

TYPED_ANCHOR = """\
version: 1
period: 2026
defaults:
  team: growth
  owner: Kari Nordmann
  deadline: 2026-12-31
x-values:
  t: &tgt 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    parent: nothing
    metric: {baseline: 0, target: *tgt, unit: leads}
  - id: later
    title: Reach 400 inbound leads per month
    deadline: 2025-06-30
    metric: {baseline: 0, target: 400, unit: leads}
"""


@pytest.mark.parametrize("edit", [("&tgt 1", "&tgt true"), ("period: 2026", "period: 2026.0")])
def test_a_value_that_changes_type_but_not_equality_is_checked_again(tmp_path: Path, edit: tuple[str, str]):
    """1, 1.0 and true are equal in Python but not to the rules: the kept findings must not outlive such an edit."""
    team = (tmp_path / "team.goals.yaml").resolve()
    team.write_text(TYPED_ANCHOR, encoding="utf-8")
    engine, today = Engine(tmp_path), dt.date(2026, 10, 15)
    engine.opened(team, TYPED_ANCHOR)
    before = engine.run(today).diagnostics[team]
    edited = TYPED_ANCHOR.replace(*edit)
    engine.opened(team, edited)
    got = engine.run(today).diagnostics[team]
    settings = engine.settings()
    fresh = check(engine.goal_files(settings, {}), settings, today, cwd=tmp_path, overlay={team: edited.encode()})
    assert fresh.diagnostics != before  # the edit matters to some rule
    assert got == fresh.diagnostics


@hypothesis.settings(max_examples=200, deadline=None, derandomize=True)
@hypothesis.given(st.text(alphabet="ab \n\r\x85\u2028\u2029é🚀", max_size=40))
def test_the_memos_line_starts_are_the_loaders(text: str):
    """The goal memo cuts lines with a quicker function for LF-only text; it must cut them as the loader does."""
    assert _line_starts(text) == line_starts(text)


class _TitleTwice(Rule):
    """Another goal of the file has the same title.

    What it checks:
    Whether two goals of one file share a title; it reads the whole file from one goal,
    as a plugin may.

    Why it matters:
    It stands for a third-party rule that reads more than its own goal.

    Example:
        - {id: a, title: Grow}
        - {id: b, title: Grow}

    Fix:
    Give each goal its own title.
        - {id: a, title: Grow}
        - {id: b, title: Keep}
    """

    code = "K900"
    name = "title-twice"
    severity = Severity.WARNING

    def check(self, item: Item, ctx: CheckContext) -> Iterable[Problem]:
        goals = item.file.data.get("goals")
        titles = [goal.get("title") for goal in goals if isinstance(goal, dict)] if isinstance(goals, list) else []
        if titles.count(item.data.get("title")) > 1:
            yield Problem(item.at("title"), "another goal of this file has this title")


def test_with_a_plugin_rule_every_goal_of_an_edited_file_is_checked_again(tmp_path: Path):
    """A plugin's goal-by-goal rule may read the rest of the file: then no goal keeps its findings."""
    settings = Settings(root=tmp_path, catalog=builtin_catalog().with_rules([(_TitleTwice, "title-plugin 1.0")]))
    team = tmp_path / "team.goals.yaml"
    first = "version: 1\ngoals:\n  - {id: a, title: Grow}\n  - {id: b, title: Keep}\n"
    team.write_text(first, encoding="utf-8")
    reuse, today = Reuse(), dt.date(2026, 10, 15)
    for text in (first, first.replace("Keep", "Grow"), first):  # goal a's line never changes
        kept = check([team], settings, today, cwd=tmp_path, overlay={team: text.encode("utf-8")}, reuse=reuse)
        fresh = check([team], settings, today, cwd=tmp_path, overlay={team: text.encode("utf-8")})
        assert kept.diagnostics == fresh.diagnostics
        assert reuse.goals_reused == 0
        assert [d.goal for d in kept.diagnostics if d.code == "K900"] == (["a", "b"] if "Keep" not in text else [])


async def test_a_thread_that_hit_the_recursion_limit_is_replaced():
    """A check that ends in RecursionError fails alone: the next runs on a fresh thread."""
    worker = CheckWorker()
    names: list[str] = []

    def deep(depth: int = 0) -> int:
        return deep(depth + 1)

    def who() -> int:
        names.append(threading.current_thread().name)
        return threading.get_ident()

    first = await asyncio.wait_for(worker.submit(1, who), 30)
    with pytest.raises(RecursionError):
        await asyncio.wait_for(worker.submit(2, deep), 30)
    second = await asyncio.wait_for(worker.submit(3, who), 30)
    assert first != second and worker.threads == 2 and names == ["goallint-check"] * 2
    assert await asyncio.wait_for(worker.submit(4, lambda: 7), 30) == 7


def test_every_documentation_link_has_its_section():
    """codeDescription links point into docs/rules.md, which is generated and current."""
    from goallint.catalog import builtin_catalog
    from goallint.ruledocs import docs_url, rules_page

    catalog = builtin_catalog()
    path = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    if UPDATE_GOLDEN:
        path.write_text(rules_page(catalog), encoding="utf-8")
    page = path.read_text(encoding="utf-8")
    assert page == rules_page(catalog), "docs/rules.md is stale: python -m goallint.ruledocs > docs/rules.md"
    headings = {line[3:].lower().replace(" ", "-") for line in page.splitlines() if line.startswith("## ")}
    for code, rule in catalog.items():
        assert docs_url(rule).rsplit("#", 1)[1] in headings, rule.code
        assert catalog.documentation_url(code) == docs_url(rule)


# A plugin whose rule spends two minutes on a goal titled "slow", declared by a hand-made
# dist-info so that the server finds it through its entry point like an installed one.
_SLOW_SITE = Path(tempfile.mkdtemp(prefix="goallint-slow-plugin-"))
atexit.register(shutil.rmtree, _SLOW_SITE, ignore_errors=True)
(_SLOW_SITE / "goallint_slow_rule.py").write_text('''\
import time

from goallint.plugin import Rule, Severity


class SlowRule(Rule):
    """A rule that takes two minutes on a goal titled 'slow'.

    What it checks:
    Nothing; it only takes its time.

    Why it matters:
    It stands for a slow third-party rule.

    Example:
        title: slow

    Fix:
    None.
    """

    code = "X901"
    name = "slow-rule"
    severity = Severity.INFO

    def check(self, item, ctx):
        if item.data.get("title") == "slow":
            end = time.monotonic() + 120
            while time.monotonic() < end:
                pass
        return ()
''', encoding="utf-8")
_SLOW_INFO = _SLOW_SITE / "goallint_slow_rule-1.0.dist-info"
_SLOW_INFO.mkdir()
(_SLOW_INFO / "METADATA").write_text("Metadata-Version: 2.1\nName: goallint-slow-rule\nVersion: 1.0\n",
                                     encoding="utf-8")
(_SLOW_INFO / "entry_points.txt").write_text("[goallint.rules]\nslow = goallint_slow_rule:SlowRule\n",
                                             encoding="utf-8")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "goallint", "lsp"],
                                              server_env={**ENV, "PYTHONPATH": str(_SLOW_SITE)}))
async def slow_client(lsp_client: LanguageClient, tmp_path: Path):
    (tmp_path / "team.goals.yaml").write_text(GOALS, encoding="utf-8")
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri()))
    yield
    await lsp_client.shutdown_session()


async def test_a_slow_rule_never_holds_up_the_newer_text(slow_client: LanguageClient, tmp_path: Path):
    uri = _open(slow_client, tmp_path / "team.goals.yaml")
    await _until(slow_client, uri, _has("R002"))
    slow = GOALS.replace("Reach 400 inbound leads per month 🚀", "slow") + "  - id: calls\n    title: slow\n"
    _change(slow_client, uri, slow, 2)  # two slow goals: the stop must end the whole check, not one rule
    await asyncio.sleep(0.5)  # past the debounce: the two-minute check is running now
    hover = await slow_client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri), position=types.Position(5, 15)))
    assert hover is not None and hover.contents.value.startswith("**grow-pipline**")  # answered meanwhile
    _change(slow_client, uri, GOALS.replace("parent: grow-pipline", "parent: elsewhere"), 3)
    found = await _until(slow_client, uri, lambda f: any("'elsewhere'" in d.message for d in f))
    assert [c for c in _codes(found) if c[0] == "R002"] == [("R002", 5, 12, 5, 21)]
    assert not _has("E008")(found)


NEOVIM_SCRIPT = """\
local file = os.getenv("GOALLINT_FILE")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "goallint",
  cmd = { os.getenv("GOALLINT_PYTHON"), "-m", "goallint", "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
})
vim.lsp.buf_attach_client(buf, client_id)
vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(lines, string.format("%s %d %d %d %d", tostring(d.code), d.lnum, d.col, d.end_lnum, d.end_col))
end
table.sort(lines)
vim.fn.writefile(lines, os.getenv("GOALLINT_OUT"))
vim.lsp.stop_client(client_id)
vim.cmd("qa!")
"""


def test_neovim_shows_the_findings_at_the_right_bytes(tmp_path: Path):
    """A real editor as the client: headless Neovim attaches the server to a buffer.

    Neovim keeps columns in bytes of UTF-8, so the emoji before the target (one character,
    two UTF-16 units, four bytes) shows that the server's UTF-16 ranges are right.
    """
    nvim = shutil.which("nvim")
    assert nvim is not None, "the editor test needs Debian's neovim (apt-get install neovim); .ci/run installs it"
    goal_file = tmp_path / "team.goals.yaml"
    goal_file.write_text('version: 1\ngoals:\n  - id: leads\n    title: Reach 400 leads\n'
                         '    owner: Kari Nordmann\n    metric: {name: "🚀 leads", target: "40"}\n', encoding="utf-8")
    script, out = tmp_path / "check.lua", tmp_path / "out.txt"
    script.write_text(NEOVIM_SCRIPT, encoding="utf-8")
    env = {**ENV, "GOALLINT_FILE": str(goal_file), "GOALLINT_OUT": str(out), "GOALLINT_PYTHON": sys.executable}
    done = subprocess.run([nvim, "--headless", "--clean", "-c", f"luafile {script}"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").splitlines() == [
        "M002 5 41 5 45", "M003 5 12 5 46", "M004 5 12 5 46", "M006 5 12 5 46",
        "R001 2 4 2 6", "S004 2 4 2 6", "S005 2 4 2 6", "S006 2 4 2 6", "T001 2 4 2 6", "T006 2 4 2 6"]


def test_without_the_extra_the_command_is_one_line_and_exit_2():
    code = ("import sys; sys.modules['pygls'] = None; from goallint.cli import main; "
            "sys.exit(main(['lsp']))")  # None in sys.modules: importing pygls fails as if it were not installed
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("goallint: error: the language server needs the lsp extra: "
                                  "pip install 'goallint[lsp]' (")
    assert len(done.stderr.splitlines()) == 1
