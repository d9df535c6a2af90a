"""Language server speed: start-up, and diagnostics for a 500-goal file after the debounce.

    python benchmarks/lsp_bench.py            # 500 goals, 15 edits
    python benchmarks/lsp_bench.py --goals 2000 --edits 5
    python benchmarks/lsp_bench.py --others 2000   # the file in a workspace of 20 more files
    python benchmarks/lsp_bench.py --edit line     # each edit types a line above every goal
    python benchmarks/lsp_bench.py --against OLD   # also OLD/goallint, edit by edit, under the same load

Drives ``goallint lsp`` over stdio with plain JSON-RPC (no editor, no test client), so
the numbers are the server's own:

* start-up: from starting the process to the answer to ``initialize``;
* first diagnostics: from ``didOpen`` of the file to its ``publishDiagnostics``;
* after an edit: from ``didChange`` to ``publishDiagnostics``, minus the debounce
  (the pause the server waits on purpose for more typing). The median and the worst
  of the edits are printed;
* processor time per edit: the server's own account of its check and of building and
  sending the findings (from its log), and the whole process's (from /proc).

``--others N`` puts N more goals in 20 other files of the workspace (their ids do not
clash with the edited file's): the cross-file rules then read them on every edit.
``--against FOLDER`` starts a second server from the goallint package in FOLDER (say, an
earlier commit: ``git archive COMMIT goallint | tar -x -C FOLDER``) and sends each edit to
both in turn, so a comparison is not skewed by the load of a shared machine changing
between two runs. The load average is printed with the results.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from goallint.lsp.server import DEBOUNCE_SECONDS

# The server's log line after each check: "... (12 ms of processor time: check 10 ms, publish 2 ms)".
_SPENT = re.compile(r"\((\d+) ms of processor time: check (\d+) ms, publish (\d+) ms\)")
_KEPT = re.compile(r"\((\d+) unchanged goals? of edited files not checked again\)")


class Connection:
    def __init__(self, root: Path, source: Path | None = None) -> None:
        env = {**os.environ, "GOALLINT_TODAY": "2026-10-15"}
        if source is not None:  # that folder's goallint package, not the installed one; its files left as they are
            env.update(PYTHONPATH=str(source.resolve()), PYTHONDONTWRITEBYTECODE="1")
        self.started = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, "-m", "goallint", "lsp"], cwd=root, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, method: str, params: Any, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        ident = None
        if request:
            self.next_id += 1
            ident = message["id"] = self.next_id
        body = json.dumps(message).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return ident

    def receive(self) -> dict[str, Any]:
        stream = self.process.stdout
        assert stream is not None
        length = 0
        while (line := stream.readline().strip()):
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(stream.read(length))
        if "id" in message and "method" in message:  # a request from the server: answer it
            body = json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": None}).encode()
            assert self.process.stdin is not None
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()
        return message

    def wait(self, accept: Any) -> dict[str, Any]:
        while True:
            message = self.receive()
            if accept(message):
                return message

    def cpu(self) -> float:
        """The server's processor time so far, in seconds (read from /proc; 0 where there is none)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        ident = self.send("shutdown", None, request=True)
        self.wait(lambda m: m.get("id") == ident)
        self.send("exit", None)
        self.process.wait(timeout=10)


def _diagnostics_for(uri: str) -> Any:
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri


def _checked(message: dict[str, Any]) -> bool:
    return message.get("method") == "window/logMessage" and "checked" in message["params"]["message"]


def _others(goals: int, root: Path) -> None:
    """``goals`` more goals in 20 files, renamed so that they neither clash with nor serve the edited file."""
    for path in generate(goals, root / "others", files=20, seed=7):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("goal-", "other-goal-").replace("objective-", "other-objective-"),
                        encoding="utf-8")


def _median(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.0f} ms, worst {max(values) * 1000:.0f} ms"


class Session:
    """One server with the file open, edited and measured edit by edit."""

    def __init__(self, root: Path, path: Path, text: str, source: Path | None = None) -> None:
        self.uri = path.resolve().as_uri()
        self.server = Connection(root, source)
        ident = self.server.send("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(),
                                                "capabilities": {}}, request=True)
        self.server.wait(lambda m: m.get("id") == ident)
        self.startup = time.perf_counter() - self.server.started
        self.startup_cpu = self.server.cpu()
        self.server.send("initialized", {})
        opened = time.perf_counter()
        self.server.send("textDocument/didOpen", {"textDocument": {"uri": self.uri, "languageId": "yaml",
                                                                   "version": 1, "text": text}})
        self.findings = len(self.server.wait(_diagnostics_for(self.uri))["params"]["diagnostics"])
        self.first = time.perf_counter() - opened
        self.server.wait(_checked)
        self.after: list[float] = []
        self.spent: list[tuple[float, ...]] = []
        self.whole: list[float] = []
        self.kept: list[int] = []

    def edit(self, text: str, version: int) -> None:
        changed, before = time.perf_counter(), self.server.cpu()
        self.server.send("textDocument/didChange", {"textDocument": {"uri": self.uri, "version": version},
                                                    "contentChanges": [{"text": text}]})
        self.server.wait(_diagnostics_for(self.uri))  # the server publishes, then logs what the check cost
        self.after.append(time.perf_counter() - changed - DEBOUNCE_SECONDS)
        message = self.server.wait(_checked)["params"]["message"]
        self.whole.append(self.server.cpu() - before)
        found = _SPENT.search(message)
        assert found is not None, message
        self.spent.append(tuple(int(number) / 1000 for number in found.groups()))
        kept = _KEPT.search(message)
        self.kept.append(int(kept.group(1)) if kept else 0)

    def report(self, name: str) -> None:
        print(f"{name}start-up (spawn to initialize answered): {self.startup * 1000:.0f} ms "
              f"({self.startup_cpu * 1000:.0f} ms of processor time)")
        print(f"{name}first diagnostics after didOpen: {self.first * 1000:.0f} ms")
        print(f"{name}diagnostics after an edit, past the debounce: {_median(self.after)} ({len(self.after)} edits)")
        print(f"{name}processor time per edit, the server's account: check + publish "
              f"{_median([s[0] for s in self.spent])}; check {_median([s[1] for s in self.spent])}; "
              f"publish {_median([s[2] for s in self.spent])}")
        print(f"{name}processor time per edit, the whole process (/proc, 10 ms ticks): {_median(self.whole)}")
        print(f"{name}goals of the edited file not checked again: median {statistics.median(self.kept):.0f}")


def _edited(text: str, version: int, kind: str) -> str:
    """The next text: a title edited and put back (``title``), or a line typed above every goal and removed."""
    if kind == "line":
        note = "goals:\n  # a note\n"
        return text.replace("goals:\n", note, 1) if version % 2 == 0 else text.replace(note, "goals:\n", 1)
    return text.replace("Move ", "Move  ", 1) if version % 2 == 0 else text.replace("Move  ", "Move ", 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=500)
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--others", type=int, default=0, help="goals in other files of the workspace")
    parser.add_argument("--edit", choices=("title", "line"), default="title",
                        help="what each edit does: change a title, or type a line above every goal")
    parser.add_argument("--against", type=Path, metavar="FOLDER",
                        help="also measure the server of the goallint package in FOLDER (another version), "
                             "sent the same edits in turn, so both meet the same load")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = generate(args.goals, root / "team.goals.yaml")[0]
        if args.others:
            _others(args.others, root)
        text = path.read_text(encoding="utf-8")
        sessions = {"": Session(root, path, text)}
        if args.against is not None:
            sessions["against: "] = Session(root, path, text, args.against)
        for version in range(2, args.edits + 2):
            text = _edited(text, version, args.edit)
            order = list(sessions.values())
            for session in order if version % 2 else order[::-1]:  # each goes first half of the time
                session.edit(text, version)
        for session in sessions.values():
            session.server.close()
    print(f"goals: {args.goals} in the edited file, {args.others} in other files; "
          f"findings in the edited file: {sessions[''].findings}; debounce: {DEBOUNCE_SECONDS * 1000:.0f} ms; "
          f"edit: {args.edit}; load average {load:.1f} before, {os.getloadavg()[0]:.1f} after")
    for name, session in sessions.items():
        session.report(name)


if __name__ == "__main__":
    main()
