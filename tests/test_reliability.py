"""Reliability: nothing a goal file or the file system does hangs the run, forges output or loses it.

Hangs are tested in a subprocess with a timeout; the test fails when the time runs out.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goallint.suppressions import parse_directives

KNOWN = ["M001", "M003", "S002", "S004", "T006", "A001"]

# The directive grammar as it was first written (backtracking regular expressions). The
# hand-written parser must read every line the same way; only its speed differs.
_OLD_DIRECTIVE = re.compile(r"(?:^|\s)#\s*goallint:\s*(?P<body>.*)$")
_OLD_BODY = re.compile(
    r"(?P<kind>disable-file|disable)\s*=\s*(?P<codes>[A-Za-z0-9_, ]+?)"
    r"(?:\s+until\s*=\s*(?P<until>\S+))?\s*(?:--\s*(?P<reason>.*))?\Z"
)


def _old_reading(line: str) -> object:
    found = _OLD_DIRECTIVE.search(line)
    if not found:
        return None
    column = found.start() + (1 if line[found.start()] != "#" else 0) + 1
    body = _OLD_BODY.match(found.group("body").strip())
    if not body:
        return (column, "unreadable")
    codes = tuple(c.strip().upper() for c in body.group("codes").split(",") if c.strip())
    return (column, body.group("kind"), codes, body.group("until"), (body.group("reason") or "").strip() or None)


def _new_reading(line: str) -> object:
    from goallint import suppressions

    found = suppressions._find(line)
    if found is None:
        return None
    body = suppressions._parse_body(found[1].strip())
    if body is None:
        return (found[0] + 1, "unreadable")
    codes = tuple(c.strip().upper() for c in body.codes.split(",") if c.strip())
    return (found[0] + 1, body.kind, codes, body.until, body.reason)


_PIECES = st.sampled_from([
    "#", " ", "\t", "\u00a0", "goallint:", "goallint", "disable", "disable-file", "=", "M001", "S", ",", "until",
    "2026-09-30", "--", "reason", "x", "-", "ALL", "  ",
])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_directive_parser_reads_lines_as_the_grammar_says(line: str) -> None:
    assert _new_reading(line) == _old_reading(line)


def test_directive_examples_read_the_same() -> None:
    for line in [
        "  - id: a  # goallint: disable=S004 -- team is set by the platform",
        "# goallint: disable=A001 until=2026-09-30 -- launch",
        "# goallint: disable=A001\tuntil = 2026-09-30",
        "# goallint: disable=A001 until=2026-09-30--glued",
        "x# goallint: disable=A001",
        "# goallint: disable= until=2026-09-30",
        "# goallint: disable=M001 until",
        "#   goallint:   disable-file = T006 , S  ",
    ]:
        assert _new_reading(line) == _old_reading(line), line


def test_directives_padded_with_spaces_do_not_hang(tmp_path: Path) -> None:
    """50 directives padded with 40,000 spaces each took over 20 s with the regular expressions."""
    pad = " " * 40_000
    lines = [f"# goallint: disable=M001{pad}x", f"# goallint: disable=M001 until{pad}x",
             f"#{pad}goallint: disable=M001,{pad}-", f"# goallint: disable=M001 until={pad}x{pad}y"]
    text = "\n".join(lines[i % len(lines)] for i in range(50)) + "\n"
    script = ("import sys; from goallint.suppressions import parse_directives; "
              "d, p = parse_directives(sys.stdin.read(), ['M001']); print(len(d), len(p))")
    done = subprocess.run([sys.executable, "-c", script], input=text, capture_output=True, text=True,
                          timeout=10, check=True)
    assert done.stdout.split() == ["0", "50"]


def test_directive_on_a_line_still_parses() -> None:
    directives, problems = parse_directives("a: 1  # goallint: disable=M001 until=2026-09-30 -- why\n", KNOWN)
    assert problems == []
    assert [(d.line, d.codes, d.until, d.reason) for d in directives] == [
        (1, ("M001",), dt.date(2026, 9, 30), "why")]


# -- declarative rules: no hang, no network, every $ref checked at load --------------------

GOALS = """\
version: 1
goals:
  - id: crafted
    title: {title}
    owner: kari@example.com
"""


def _policy(require: str) -> str:
    return f"rules:\n  - {{code: X101, name: x, message: Policy broken, require: {require}}}\n"


def _run_cli(tmp_path: Path, config: str, title: str = "t", timeout: float = 60) -> tuple[int, str, str]:
    (tmp_path / ".goallint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "g.goals.yaml").write_text(GOALS.format(title=title), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "goallint", "check", "-q", "--select", "X", "g.goals.yaml"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout, done.stderr


def test_catastrophic_pattern_cannot_hang_the_run(tmp_path: Path) -> None:
    """Python's own engine takes years on this title; the time limit ends it."""
    config = _policy("{properties: {title: {pattern: '^(a|aa)+$'}}}")
    code, out, err = _run_cli(tmp_path, config, title="a" * 60 + "!", timeout=30)
    assert (code, err) == (0, "")
    assert out == ("g.goals.yaml:3:5: X101 [warning] Policy broken (not checked: the pattern ^(a|aa)+$ is too slow "
                   "on a value of this goal; a pattern may take 0.05 s a value and 1 s a run) (goal crafted)\n")


def test_thousands_of_crafted_values_cost_the_time_limit_a_bounded_number_of_times(tmp_path: Path) -> None:
    """Without a budget per pattern, 3,000 such goals would take 150 s (0.05 s each)."""
    config = _policy("{properties: {title: {pattern: '^(a|aa)+$'}}}")
    goal = "  - {{id: g{}, title: " + "a" * 60 + "!, owner: kari@example.com}}\n"
    (tmp_path / ".goallint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "g.goals.yaml").write_text("version: 1\ngoals:\n" + "".join(goal.format(i) for i in range(3000)))
    done = subprocess.run([sys.executable, "-m", "goallint", "check", "-q", "--select", "X", "g.goals.yaml"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert len(lines) == 3000 and all("(not checked: the pattern ^(a|aa)+$ is too slow" in line for line in lines)


def test_pattern_still_matches(tmp_path: Path) -> None:
    config = _policy("{properties: {title: {pattern: '^Grow'}}}")
    assert _run_cli(tmp_path, config, title="Shrink")[1] == \
        "g.goals.yaml:4:12: X101 [warning] Policy broken (goal crafted)\n"
    assert _run_cli(tmp_path, config, title="Grow")[:2] == (0, "")


def test_local_ref_is_resolved(tmp_path: Path) -> None:
    config = _policy("{$defs: {mail: {pattern: '@example[.]org$'}}, properties: {owner: {$ref: '#/$defs/mail'}}}")
    assert _run_cli(tmp_path, config)[1] == "g.goals.yaml:5:12: X101 [warning] Policy broken (goal crafted)\n"


def test_recursion_through_the_data_is_not_a_loop(tmp_path: Path) -> None:
    config = _policy("{$defs: {node: {properties: {child: {$ref: '#/$defs/node'}}}}, $ref: '#/$defs/node'}")
    assert _run_cli(tmp_path, config)[:3] == (0, "", "")


PREFIX = "goallint: error: .goallint.yaml:2:5: rules[0]: rule X101: 'require' "


@pytest.mark.parametrize(("require", "message"), [
    ("{$ref: 'https://example.invalid/schema.json'}",
     "has $ref 'https://example.invalid/schema.json': only references inside the rule ('#/$defs/NAME') are "
     "allowed, never files or addresses"),
    ("{$ref: 'file:///etc/passwd'}",
     "has $ref 'file:///etc/passwd': only references inside the rule ('#/$defs/NAME') are allowed, never files "
     "or addresses"),
    ("{properties: {owner: {$ref: 'other.json#/x'}}}",
     "has $ref 'other.json#/x': only references inside the rule ('#/$defs/NAME') are allowed, never files "
     "or addresses"),
    ("{$ref: '#/$defs/missing'}", "has $ref '#/$defs/missing', which points at nothing"),
    ("{$defs: {a: {$ref: '#/$defs/b'}, b: {allOf: [{$ref: '#/$defs/a'}]}}, $ref: '#/$defs/a'}",
     "has a $ref that leads back to itself"),
    ("{$ref: '#'}", "has a $ref that leads back to itself"),
    ("{properties: {owner: {format: uri}}}",
     "uses format 'uri', which goallint cannot check (it checks date, email, idn-email, ipv4, ipv6, time, uuid); "
     "use a pattern instead"),
    ("{properties: {owner: {$id: 'https://example.invalid/x'}}}", "uses $id, which goallint does not support"),
])
def test_refs_and_formats_are_checked_at_load(tmp_path: Path, require: str, message: str) -> None:
    assert _run_cli(tmp_path, _policy(require)) == (2, "", PREFIX + message + "\n")


def test_format_is_checked(tmp_path: Path) -> None:
    config = _policy("{properties: {owner: {format: email}, start: {format: date}}}")
    assert _run_cli(tmp_path, config)[:2] == (0, "")
    (tmp_path / "g.goals.yaml").write_text(GOALS.format(title="t").replace("kari@example.com", "kari"))
    done = subprocess.run([sys.executable, "-m", "goallint", "check", "-q", "--select", "X", "g.goals.yaml"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.stdout == "g.goals.yaml:5:12: X101 [warning] Policy broken (goal crafted)\n"


# -- safe writing ---------------------------------------------------------------------------

OK_GOALS = "version: 1\ngoals:\n  - id: a\n    title: Grow\n    owner: kari@example.com\n"


def _write_out(tmp_path: Path, target: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "g.goals.yaml").write_text(OK_GOALS, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "goallint", "check", "-q", "--select", "S001",
                           "--output-format", f"json={target}", "g.goals.yaml"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)


def test_trailing_slash_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    done = _write_out(tmp_path, "newdir/")
    assert (done.returncode, done.stderr) == (
        2, "goallint: error: newdir/: cannot write (a path ending in '/' names a folder, not a file)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.goals.yaml"]


def test_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    done = _write_out(tmp_path, "out")
    assert (done.returncode, done.stderr) == (2, "goallint: error: out: cannot write (it is a folder)\n")
    assert list((tmp_path / "out").iterdir()) == []


def test_fifo_is_refused_and_kept(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    done = _write_out(tmp_path, "pipe")
    assert (done.returncode, done.stderr) == (
        2, "goallint: error: pipe: cannot write (it is not a regular file; goallint only replaces files)\n")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node with mknod needs root")
def test_device_node_is_refused_and_kept(tmp_path: Path) -> None:
    os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    done = _write_out(tmp_path, "null")
    assert (done.returncode, done.stderr) == (
        2, "goallint: error: null: cannot write (it is not a regular file; goallint only replaces files)\n")
    assert stat.S_ISCHR(os.lstat(tmp_path / "null").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.goals.yaml", "null"]


def test_symlinked_output_is_written_through_to_its_target(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "latest.json").write_text("old\n")
    (tmp_path / "out.json").symlink_to("reports/latest.json")
    (tmp_path / "dangling.json").symlink_to("reports/new.json")
    for name in ("out.json", "dangling.json"):
        assert _write_out(tmp_path, name).returncode == 0
        assert (tmp_path / name).is_symlink()
    assert json.loads((tmp_path / "reports" / "latest.json").read_text())["summary"]["files"] == 1
    assert json.loads((tmp_path / "reports" / "new.json").read_text())["summary"]["files"] == 1
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["latest.json", "new.json"]


def test_symlink_loop_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.json").symlink_to("b.json")
    (tmp_path / "b.json").symlink_to("a.json")
    done = _write_out(tmp_path, "a.json")
    assert (done.returncode, done.stderr) == (
        2, "goallint: error: a.json: cannot write (Too many levels of symbolic links)\n")


_STOP_DURING_WRITE = """\
import os, signal, sys
from goallint.atomic import write_atomic
real_fsync = os.fsync
def fsync(fd):  # the signal arrives while the temporary file exists
    os.kill(os.getpid(), getattr(signal, sys.argv[2]))
    real_fsync(fd)
os.fsync = fsync
write_atomic(sys.argv[1], "new text\\n")
"""


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_signal_during_write_leaves_no_temporary_file(tmp_path: Path, signame: str) -> None:
    target = tmp_path / "report.html"
    target.write_text("old\n")
    done = subprocess.run([sys.executable, "-c", _STOP_DURING_WRITE, str(target), signame],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == -getattr(signal, signame)  # the process ends as the signal would end it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
    assert target.read_text() == "old\n"


# -- reading: stat, then a bounded read ----------------------------------------------------

def _limit_memory(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_sparse_huge_file_is_not_read(tmp_path: Path) -> None:
    """A 2 GiB sparse file was read whole (2.1 GB of memory) before the size check."""
    with open(tmp_path / "big.goals.yaml", "wb") as stream:
        stream.truncate(2 * 1024**3)
    done = subprocess.run([sys.executable, "-m", "goallint", "check", "-q", "big.goals.yaml"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60,
                          preexec_fn=lambda: _limit_memory(1024**3))
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout == ("big.goals.yaml:1:1: E006 [error] the file is 2,147,483,648 bytes, over the "
                           "2,097,152-byte limit; it was not parsed\n"
                           "  help: split the goals into smaller files, or raise max_file_bytes\n")


def test_bounded_reader_reads_small_files_and_refuses_folders(tmp_path: Path) -> None:
    from goallint.reading import read_goal_file

    (tmp_path / "a").write_bytes(b"x" * 10)
    assert read_goal_file(tmp_path / "a", 10) == b"x" * 10
    over = read_goal_file(tmp_path / "a", 9)
    assert (len(over), bytes(over)) == (10, b"")
    with pytest.raises(IsADirectoryError):
        read_goal_file(tmp_path, 10)


# -- outputs that cannot be forged or broken -------------------------------------------------

NO_OWNER = 'version: 1\ngoals:\n  - id: "{id}"\n    title: Grow\n'


def _check_bytes(folder: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "goallint", "check", "-q", "--select", "S001", *args], cwd=folder,
                          capture_output=True, timeout=60, env={**os.environ, **(env or {})})


def test_a_value_with_a_newline_cannot_forge_a_finding(tmp_path: Path) -> None:
    forged = "a\\nother.goals.yaml:1:1: E001 [error] forged\\n0 errors"
    (tmp_path / "g.goals.yaml").write_text(NO_OWNER.format(id=forged), encoding="utf-8")
    for name in ("text", "concise", "github", "junit"):
        out = _check_bytes(tmp_path, "--format", name, "g.goals.yaml").stdout.decode()
        assert "\nother.goals.yaml" not in out and "a\\nother.goals.yaml:1:1: E001 [error] forged\\n0 errors" in out
    out = _check_bytes(tmp_path, "g.goals.yaml").stdout.decode()
    assert out == ("g.goals.yaml:3:5: S001 [error] goal has no owner, so nobody is answerable for it "
                   "(goal a\\nother.goals.yaml:1:1: E001 [error] forged\\n0 errors)\n"
                   "  help: add `owner: kari.nordmann@example.com`: the one person responsible\n")
    document = json.loads(_check_bytes(tmp_path, "--format", "json", "g.goals.yaml").stdout)
    assert document["diagnostics"][0]["goal"] == "a\nother.goals.yaml:1:1: E001 [error] forged\n0 errors"


def _odd_names(tmp_path: Path) -> Path:
    folder = tmp_path / "goals"
    folder.mkdir()
    for index, name in enumerate((b"bad\xff\x01.goals.yaml", b"100%.goals.yaml", b"q#1.goals.yaml",
                                  b"a b.goals.yaml", "ø.goals.yaml".encode(), b"line\nbreak.goals.yaml")):
        (folder / os.fsdecode(name)).write_text(NO_OWNER.format(id=f"g{index}"), encoding="utf-8")
    return folder


def test_odd_file_names_in_every_format(tmp_path: Path) -> None:
    folder = _odd_names(tmp_path)
    outputs = {}
    for name in ("text", "concise", "json", "sarif", "github", "junit", "gitlab"):
        done = _check_bytes(folder, "--format", name, ".")
        assert (done.returncode, done.stderr) == (1, b""), name
        outputs[name] = done.stdout.decode("utf-8")  # strict: every output is valid UTF-8
    assert outputs["text"].splitlines()[::2] == outputs["concise"].splitlines()
    assert [line.split(":")[0] for line in outputs["concise"].splitlines()] == [
        "100%.goals.yaml", "a b.goals.yaml", "bad\\xff\\x01.goals.yaml", "line\\nbreak.goals.yaml",
        "q#1.goals.yaml", "ø.goals.yaml"]
    sarif = json.loads(outputs["sarif"])
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]]
    assert uris == ["100%25.goals.yaml", "a%20b.goals.yaml", "bad%FF%01.goals.yaml", "line%0Abreak.goals.yaml",
                    "q%231.goals.yaml", "%C3%B8.goals.yaml"]
    assert [d["path"] for d in json.loads(outputs["json"])["diagnostics"]][2:4] == [
        "bad\\xff\x01.goals.yaml", "line\nbreak.goals.yaml"]
    assert [i["location"]["path"] for i in json.loads(outputs["gitlab"])][2] == "bad\\xff\x01.goals.yaml"
    suites = ElementTree.fromstring(outputs["junit"].encode())
    assert [s.get("name") for s in suites][2:4] == ["bad\\xff\\x01.goals.yaml", "line\\nbreak.goals.yaml"]
    assert outputs["github"].splitlines()[2].startswith("::error file=bad\\xff\\x01.goals.yaml,line=3,")


def test_odd_file_names_written_to_files_are_valid_utf8(tmp_path: Path) -> None:
    folder = _odd_names(tmp_path)
    targets = [f"{name}={tmp_path / ('out.' + name)}" for name in ("json", "sarif", "junit", "gitlab", "text")]
    done = _check_bytes(folder, *[arg for target in targets for arg in ("--output-format", target)], ".")
    assert (done.returncode, done.stderr) == (1, b"")
    for name in ("json", "sarif", "junit", "gitlab", "text"):
        written = (tmp_path / f"out.{name}").read_bytes().decode("utf-8")  # strict
        expected = {"json": "bad\\\\xff", "gitlab": "bad\\\\xff", "sarif": "bad%FF%01"}.get(name, "bad\\xff")
        assert expected in written, name


def test_junit_is_valid_xml_whatever_the_message(tmp_path: Path) -> None:
    (tmp_path / "g.goals.yaml").write_text(NO_OWNER.format(id="a\\x01\\x1b[31m\\ufffe\\u202e"), encoding="utf-8")
    out = _check_bytes(tmp_path, "--format", "junit", "g.goals.yaml").stdout
    case = ElementTree.fromstring(out).find("testsuite/testcase/failure")
    assert case is not None and case.text is not None
    assert case.text.endswith("(goal a\\x01\\x1b[31m\\ufffe\\u202e)")


def test_latin1_terminal_and_an_emoji_goal_id(tmp_path: Path) -> None:
    (tmp_path / "g.goals.yaml").write_text(NO_OWNER.format(id="launch-🚀"), encoding="utf-8")
    done = _check_bytes(tmp_path, "g.goals.yaml", env={"PYTHONIOENCODING": "latin-1"})
    assert (done.returncode, done.stderr) == (1, b"")
    assert done.stdout == (b"g.goals.yaml:3:5: S001 [error] goal has no owner, so nobody is answerable for it "
                           b"(goal launch-\\U0001f680)\n"
                           b"  help: add `owner: kari.nordmann@example.com`: the one person responsible\n")


def test_json_on_an_ascii_stdout_is_valid_utf8_json(tmp_path: Path) -> None:
    (tmp_path / "g.goals.yaml").write_text(NO_OWNER.format(id="café-🚀\u202e—"), encoding="utf-8")
    done = _check_bytes(tmp_path, "--format", "json", "g.goals.yaml", env={"PYTHONIOENCODING": "ascii"})
    assert (done.returncode, done.stderr) == (1, b"")
    [found] = json.loads(done.stdout.decode("utf-8"))["diagnostics"]  # strict UTF-8, and JSON's own escapes only
    assert (found["code"], found["goal"]) == ("S001", "café-🚀\u202e—")


# -- numbers beyond what goallint computes with ---------------------------------------------

HUGE = f"""\
version: 1
goals:
  - id: big
    title: Grow revenue
    owner: kari@example.com
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {{name: revenue, unit: NOK, baseline: 1, target: {"9" * 401}}}
    checkins:
      - {{date: 2026-03-01, value: 1.7e308}}
      - {{date: 2026-04-01, value: 1.8e308}}
      - {{date: 2026-05-01, value: 1e-320}}
  - id: odd
    title: Grow revenue
    owner: kari@example.com
    start: 2026-01-01
    deadline: 2026-12-31
    metric: {{name: revenue, unit: NOK, baseline: .nan, target: -.inf}}
    milestones:
      - {{date: 2026-06-30, target: -1e101}}
"""


def test_numbers_beyond_range_are_one_clear_finding_each(tmp_path: Path) -> None:
    (tmp_path / "n.goals.yaml").write_text(HUGE, encoding="utf-8")
    done = _check_bytes(tmp_path, "--select", "E,A,M", "--today", "2026-06-01", "n.goals.yaml")
    lines = done.stdout.decode().splitlines()
    assert (done.returncode, done.stderr) == (1, b"")
    assert not [line for line in lines if "failed on this goal" in line]
    beyond = "is beyond the numbers goallint computes with (zero, or sizes from 1e-100 to 1e100); it is not used"
    assert [line.split(" (goal")[0] for line in lines if "E002" in line] == [
        f"n.goals.yaml:8:61: E002 [error] goals[0].metric.target: a 401-digit number {beyond}",
        f"n.goals.yaml:10:35: E002 [error] goals[0].checkins[0].value: 1.7e+308 {beyond}",
        f"n.goals.yaml:12:35: E002 [error] goals[0].checkins[2].value: 9.99989e-321 {beyond}",
        "n.goals.yaml:18:50: E002 [error] goals[1].metric.baseline: expected a number, got string '.nan'",
        f"n.goals.yaml:20:36: E002 [error] goals[1].milestones[0].target: -1e+101 {beyond}",
    ]


def test_numbers_beyond_range_never_reach_the_report(tmp_path: Path) -> None:
    (tmp_path / "n.goals.yaml").write_text(HUGE, encoding="utf-8")
    for kind in ("html", "md"):
        done = subprocess.run([sys.executable, "-m", "goallint", "report", "--format", kind, "--today", "2026-06-01",
                               "-o", f"r.{kind}", "n.goals.yaml"], cwd=tmp_path, capture_output=True, text=True,
                              timeout=60)
        assert (done.returncode, done.stderr) == (1, "")  # exits as check does: the E002 findings are errors
        text = (tmp_path / f"r.{kind}").read_text(encoding="utf-8")
        # The page's own scripts may say Infinity (sorting); the data they draw from may not.
        text = re.sub(r"(?s)<script(?! type=\"application/json\")[^>]*>.*?</script>", "", text)
        # The findings quote what the file says; charts, numbers and progress must not show it.
        shown = [line for line in text.splitlines() if not re.search(r"E002|M002|M001|M013", line)]
        # The data block carries the findings' messages (which quote the file) and every number drawn;
        # check its numbers, not the quotes.
        shown = [re.sub(r'"[^"]*(?:is beyond the numbers|is not a number|expected a number)[^"]*"', '""', line)
                 for line in shown]
        charts = re.findall(r"(?s)<svg.*?</svg>", text)
        assert (kind == "md" or charts) and re.findall(r"(?i)\bnan\b|infinity|\binf\b|e\+?30[78]",
                                                      "\n".join(shown + charts)) == []


def test_number_keeps_only_values_in_range() -> None:
    from goallint.model import number

    assert [number(v) for v in (5, -2.5, 0, 1e100, 10**400, 1e101, float("nan"), float("inf"), 1e-320, True)] == [
        5.0, -2.5, 0.0, 1e100, None, None, None, None, None, None]


# -- suppression hygiene --------------------------------------------------------------------

def test_comment_that_starts_like_a_directive_is_e005(lint: Any) -> None:
    text = """\
version: 1
goals:
  - id: a  # goallint disable=S004
    title: t  #goallint=S004
    owner: kari@example.com  # goallinter is a word, goallint: not a directive here
  - id: b  # goallint
    title: t
"""
    assert [p for p in lint(text, select="E005")] == [("E005", 3, 12), ("E005", 4, 15), ("E005", 6, 12)]


def test_lookalike_message_names_the_missing_colon() -> None:
    _, problems = parse_directives("a: 1  # goallint disable=M001\n", KNOWN)
    assert [(p.span, p.message, p.help) for p in problems] == [(
        (1, 7, 1, 30), "this comment starts like a goallint directive but has no ':' after 'goallint', so it "
        "suppresses nothing", "write '# goallint: disable=CODE[,CODE] [until=YYYY-MM-DD] [-- reason]'")]


HYGIENE = """\
version: 1
goals:
  - id: a  # goallint: disable=S004 -- used: the goal has no team
    title: t
    owner: TBD  # goallint: disable=S002
  - id: b  # goallint: disable=S004
    title: t
    team: sales
    owner: kari@example.com  # goallint: disable=S002,M001
  - id: c  # goallint: disable=S004 until=2026-09-30 -- lapsed
    title: t
    owner: kari@example.com  # goallint: disable=M001
# goallint: disable-file=S002
"""


def test_unused_directives_are_u001_and_lapsed_ones_say_so(lint_result: Any) -> None:
    result = lint_result(HYGIENE, select="S002,S004,U001", today=dt.date(2026, 10, 15))
    assert [(d.code, d.line, d.column, d.end_column, d.severity.label, d.message) for d in result.diagnostics] == [
        ("U001", 6, 12, 36, "info", "'# goallint: disable=S004' suppresses nothing here, and would hide a new "
                                    "finding unseen"),
        ("U001", 9, 30, 59, "info", "'# goallint: disable=S002,M001' suppresses nothing here, and would hide a new "
                                    "finding unseen"),
        ("S004", 10, 5, 7, "warning", "goal names no team, so nobody can tell where in the business it lives "
                                      "(its suppression on line 10 lapsed after 2026-09-30)"),
        ("U001", 13, 1, 30, "info", "'# goallint: disable-file=S002' suppresses nothing in this file, and would hide "
                                    "a new finding unseen"),
    ]
    assert [(d.code, d.line) for d in result.suppressed] == [("S004", 3), ("S002", 5)]


def test_u001_is_off_when_not_selected_and_silent_for_rules_that_did_not_run(lint_result: Any) -> None:
    assert [d.code for d in lint_result(HYGIENE, select="S002,S004", today=dt.date(2026, 10, 15)).diagnostics] \
        == ["S004"]
    only_s002 = lint_result(HYGIENE, select="S002,U001", today=dt.date(2026, 10, 15))
    assert [(d.code, d.line) for d in only_s002.diagnostics] == [("U001", 9), ("U001", 13)]


def test_u001_is_the_same_with_jobs(tmp_path: Path) -> None:
    from helpers import TODAY
    from test_jobs import _write_project

    from goallint.config import Settings
    from goallint.linter import check

    paths = _write_project(tmp_path)
    with paths[7].open("a") as stream:
        stream.write("# goallint: disable=S002 -- on a line with no finding\n")
    settings = Settings(root=tmp_path)
    serial = check(paths, settings, TODAY, cwd=tmp_path, jobs=1)
    parallel = check(paths, settings, TODAY, cwd=tmp_path, jobs=2)
    assert parallel.diagnostics == serial.diagnostics
    unused = [(d.path, d.message) for d in serial.diagnostics if d.code == "U001"]
    assert unused == [("team-07.goals.yaml", "'# goallint: disable=S002' suppresses nothing here, and would hide a new "
                                             "finding unseen")]
    assert {d.path for d in serial.suppressed if d.suppression and d.suppression.line == 4} == {"team-03.goals.yaml"}


def test_error_lines_show_a_newline_in_a_file_name_as_an_escape(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x\ny.goals.yaml")
    (tmp_path / "ok.goals.yaml").write_text("version: 1\ngoals:\n  - {id: a, title: t, owner: k@example.com}\n")
    done = _check_bytes(tmp_path, "x\ny.goals.yaml", "ok.goals.yaml")
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr == b"goallint: error: x\\ny.goals.yaml: cannot read (not a regular file)\n"


def test_report_shows_undecodable_file_names_as_escapes(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"bad\xff\x01.goals.yaml")).write_text("version: 1\ngoals:\n  - {id: b, title: t}\n")
    for kind in ("md", "html"):
        done = subprocess.run([sys.executable, "-m", "goallint", "report", "--format", kind, "--today", "2026-10-15",
                               "-o", "-", "."], cwd=tmp_path, capture_output=True, timeout=60)
        assert done.returncode == 1 and b"\xff" not in done.stdout and b"\x01" not in done.stdout
        assert "bad\\xff\\x01.goals.yaml" in done.stdout.decode("utf-8").replace("\\\\", "\\")
