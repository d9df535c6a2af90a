"""Hostile and broken input: goallint never crashes, never hangs, never runs code.

The YAML test suite corpus is vendored in tests/yaml-test-suite (MIT-licensed data, its
licence beside it), so the tests run in a clone with nothing beside it.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from helpers import ROOT, TODAY

from goallint import loader
from goallint.cli import main
from goallint.config import Settings
from goallint.formats import FORMATS, RenderOptions, renderer
from goallint.linter import check
from goallint.report.model import build
from goallint.report.render import render_html, render_markdown

CORPUS = ROOT / "tests" / "yaml-test-suite" / "cases"

# Valid YAML 1.2 that libyaml (PyYAML's parser) rejects: goallint reports E001 for these,
# because it can only be as right as the parser under it.
LIBYAML_REJECTS_VALID = {
    **dict.fromkeys(["2JQS", "6M2F", "NHX8", "NKF9", "S3PD", "SM9W-01", "UKK6-00", "CFD4", "58MP", "DBG4",
                     "HWV9", "QT73", "FRK4", "4ABK", "5T43", "HM87-00"],
                    "empty or unusual implicit keys and empty nodes"),
    **dict.fromkeys(["4MUZ-00", "4MUZ-01", "4MUZ-02", "5MUD", "9SA2", "K3WX", "NJ66", "UT92", "VJP3-01"],
                    "flow mapping whose ':' or key spans lines"),
    **dict.fromkeys(["6BCT", "6CA3", "A2M4", "DK95-00", "DK95-03", "DK95-04", "Q5MG", "96NN-00", "96NN-01",
                     "R4YG", "Y79Y-001", "Y79Y-010"], "tabs where YAML 1.2 allows them"),
    **dict.fromkeys(["2LFX", "6LVF", "MUS6-05", "MUS6-06", "W4TN", "BEC7"], "reserved or YAML 1.2+ directives"),
    **dict.fromkeys(["2SXE", "8XYN", "W5VH"], "anchors with ':' or non-ASCII characters in their names"),
    **dict.fromkeys(["7Z25", "DK3J", "FP8R", "M7A3"], "bare documents and zero-indented block scalars"),
}
# Invalid YAML that libyaml accepts: goallint reads what the parser reads.
LIBYAML_ACCEPTS_INVALID = {
    "9C9N": "wrongly indented flow sequence", "9JBA": "comment right after a flow sequence",
    "CVW2": "comment right after a comma", "DK95-01": "tab as indentation", "G5U8": "plain '-' in a flow sequence",
    "MUS6-00": "directive variant", "QB6E": "wrongly indented multi-line quoted scalar",
    "S98Z": "block scalar with leading spaces", "SU5Z": "comment without a space after a quoted scalar",
    "X4QW": "comment without a space after a block indicator", "Y79Y-003": "tab in a flow context",
    "YJV2": "'-' in a flow sequence",
}


class _Timeout(Exception):
    pass


def _alarm(_signum, _frame):  # pragma: no cover - only on a hang
    raise _Timeout


def _cases() -> list[Path]:
    cases = sorted(CORPUS.glob("*/in.yaml"))
    assert len(cases) == 402, f"{CORPUS} should hold the 402 cases of the YAML test suite"
    return cases


@pytest.mark.slow
def test_yaml_test_suite_corpus(tmp_path):
    cases = _cases()
    settings = Settings(root=tmp_path)
    wrong_valid, wrong_error = [], []
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        for case in cases:
            name = case.parent.name
            signal.alarm(5)  # a hang fails the test instead of the run
            started = time.perf_counter()
            result = check([case], settings, TODAY, cwd=case.parent)
            signal.alarm(0)
            assert time.perf_counter() - started < 5, name
            for fmt in FORMATS:
                renderer(fmt)(result, RenderOptions())
            model = build(result, TODAY)
            render_html(model)
            render_markdown(model)
            codes = {d.code for d in result.diagnostics}
            if (case.parent / "error").exists():
                if not codes & {"E001", "E006"} and name not in LIBYAML_ACCEPTS_INVALID:
                    wrong_error.append(name)
            elif "E001" in codes and name not in LIBYAML_REJECTS_VALID:
                wrong_valid.append(name)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert wrong_valid == [] and wrong_error == []


def test_known_disagreements_are_still_real():
    """Each listed case still behaves as listed, so the lists cannot go stale."""
    cases = {case.parent.name: case for case in _cases()}
    for name in LIBYAML_REJECTS_VALID:
        problems = loader.load_file_bytes(cases[name].read_bytes()).problems
        assert any(p.code == "E001" for p in problems), name
    for name in LIBYAML_ACCEPTS_INVALID:
        problems = loader.load_file_bytes(cases[name].read_bytes()).problems
        assert not any(p.code in ("E001", "E006") for p in problems), name


def test_one_bad_file_does_not_stop_the_others(tmp_path, monkeypatch, capsys):
    files = {
        "a.goals.yaml": b"version: 1\ngoals:\n  - {id: a, title: t}\n",
        "bomb.goals.yaml": b"a: &a [x,x,x,x,x,x,x,x,x]\n" + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n".encode() for i in range(9)),
        "latin1.goals.yaml": "version: 1\ngoals:\n  - {id: b, title: caf\u00e9}\n".encode("latin-1"),
        "python.goals.yaml": b"version: !!python/object/apply:os.system ['touch pwned']\n",
        "deep.goals.yaml": b"version: 1\ngoals: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        "utf16.goals.yaml": "version: 1\ngoals:\n  - {id: c, title: t}\n".encode("utf-16"),
        "z.goals.yaml": b"version: 1\ngoals:\n  - {id: z, title: t}\n",
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "pipe.goals.yaml").unlink(missing_ok=True)
    os.mkfifo(tmp_path / "pipe.goals.yaml")
    (tmp_path / "folder.goals.yaml").mkdir()  # a folder with a goal file's name is searched, not read
    monkeypatch.chdir(tmp_path)
    code = main(["check", ".", "--select", "S001", "--format", "json", *["--today", "2026-10-15"]])
    out, err = capsys.readouterr()
    assert code == 2  # the pipe cannot be read...
    assert err.splitlines() == ["goallint: error: pipe.goals.yaml: cannot read (not a regular file)"]
    report = json.loads(out)  # ...and every other file is still checked
    found = sorted((d["path"], d["code"], d["line"], d["column"]) for d in report["diagnostics"])
    assert found == [
        ("a.goals.yaml", "S001", 3, 6),
        ("bomb.goals.yaml", "E006", 5, 8),  # stopped at the fourth level of aliases
        ("deep.goals.yaml", "E001", 2, 1007),  # libyaml's own limit of 1,000 flow levels comes first here
        ("latin1.goals.yaml", "E001", 3, 23),
        ("python.goals.yaml", "E006", 1, 10),
        ("utf16.goals.yaml", "S001", 3, 6),
        ("z.goals.yaml", "S001", 3, 6),
    ]
    assert not (tmp_path / "pwned").exists()


def test_a_two_megabyte_line_is_read_once(tmp_path):
    title = "x" * 2_000_000
    path = tmp_path / "long.goals.yaml"
    path.write_text(f"version: 1\ngoals:\n  - id: a\n    title: {title}\n    owner: TBD\n")
    result = check([path], Settings(root=tmp_path, select=["S002"]), TODAY, cwd=tmp_path)
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("S002", 5, 12)]


def test_size_cap_is_configurable(tmp_path, monkeypatch, capsys):
    (tmp_path / "goals.yaml").write_text("version: 1\ngoals: []\n" + "# padding\n" * 20)
    (tmp_path / ".goallint.yaml").write_text("max_file_bytes: 100\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-q"]) == 1
    assert capsys.readouterr().out == (
        "goals.yaml:1:1: E006 [error] the file is 221 bytes, over the 100-byte limit; it was not parsed\n"
        "  help: split the goals into smaller files, or raise max_file_bytes\n")


def test_implicit_typing_is_never_silent(lint_result):
    text = """\
version: 1
goals:
  - id: a
    title: NO
    owner: yes
    team: off
    why: 0123
    description: 1:30
    metric: {target: 1e3, baseline: .nan}
    start: 2026-01-01
"""
    result = lint_result(text, select="E002,M002")
    [item] = result.items
    assert (item.data["title"], item.data["owner"], item.data["team"]) == ("NO", "yes", "off")
    assert (item.data["why"], item.data["description"], item.data["start"]) == ("0123", "1:30", "2026-01-01")
    assert item.metric == {"target": 1000.0, "baseline": ".nan"}
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("E002", 9, 37)]
