"""Language server speed: start-up, and diagnostics for a 500-goal file after the debounce.

    python benchmarks/lsp_bench.py            # 500 goals, 15 edits
    python benchmarks/lsp_bench.py --goals 2000 --edits 5

Drives ``goallint lsp`` over stdio with plain JSON-RPC (no editor, no test client), so
the numbers are the server's own:

* start-up: from starting the process to the answer to ``initialize``;
* first diagnostics: from ``didOpen`` of the file to its ``publishDiagnostics``;
* after an edit: from ``didChange`` to ``publishDiagnostics``, minus the debounce
  (the pause the server waits on purpose for more typing). The median and the worst
  of the edits are printed.
"""

from __future__ import annotations

import argparse
import json
import os
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


class Connection:
    def __init__(self, root: Path) -> None:
        env = {**os.environ, "GOALLINT_TODAY": "2026-10-15"}
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=500)
    parser.add_argument("--edits", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = generate(args.goals, root / "team.goals.yaml")[0]
        text = path.read_text(encoding="utf-8")
        uri = path.resolve().as_uri()
        server = Connection(root)
        ident = server.send("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}},
                            request=True)
        server.wait(lambda m: m.get("id") == ident)
        startup = time.perf_counter() - server.started
        startup_cpu = server.cpu()
        server.send("initialized", {})
        opened = time.perf_counter()
        server.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                              "text": text}})
        first = server.wait(_diagnostics_for(uri))
        first_time = time.perf_counter() - opened
        after: list[float] = []
        processor: list[float] = []
        for version in range(2, args.edits + 2):
            text = text.replace("Move ", "Move  ", 1) if version % 2 == 0 else text.replace("Move  ", "Move ", 1)
            changed = time.perf_counter()
            server.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                   "contentChanges": [{"text": text}]})
            log = server.wait(lambda m: m.get("method") == "window/logMessage" and "checked" in m["params"]["message"])
            server.wait(_diagnostics_for(uri))
            after.append(time.perf_counter() - changed - DEBOUNCE_SECONDS)
            processor.append(float(log["params"]["message"].rsplit("(", 1)[1].split()[0]) / 1000)
        server.close()
    print(f"goals: {args.goals}, findings: {len(first['params']['diagnostics'])}, "
          f"debounce: {DEBOUNCE_SECONDS * 1000:.0f} ms")
    print(f"start-up (spawn to initialize answered): {startup * 1000:.0f} ms "
          f"({startup_cpu * 1000:.0f} ms of processor time)")
    print(f"first diagnostics after didOpen: {first_time * 1000:.0f} ms")
    print(f"diagnostics after an edit, past the debounce: median {statistics.median(after) * 1000:.0f} ms, "
          f"worst {max(after) * 1000:.0f} ms ({len(after)} edits)")
    print(f"processor time of the server per edit (check + publish): "
          f"median {statistics.median(processor) * 1000:.0f} ms, "
          f"worst {max(processor) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
