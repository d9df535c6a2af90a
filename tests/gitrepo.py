"""Real git repositories for the history tests, built with the git CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import textwrap
from pathlib import Path
from typing import Any

from goallint.cli import main
from goallint.config import Settings
from goallint.history.run import HistoryResult, history

GOAL = """\
version: 1
goals:
  - id: leads
    title: Reach 400 inbound leads per month
    owner: Ann
    start: 2026-01-01
    deadline: 2026-03-31
    metric:
      baseline: 300
      target: 400
      unit: leads
      source: CRM
    checkins:
      - date: 2026-01-31
        value: 310
"""


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Ann Lee")  # the author of uncommitted changes
        self.git("config", "user.email", "dev@example.org")

    def git(self, *args: str, author: str = "Ann Lee", date: str = "2026-01-05") -> str:
        stamp = f"{date}T10:00:00+00:00"
        env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "dev@example.org",
               "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "dev@example.org",
               "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_CONFIG_NOSYSTEM": "1",
               "HOME": str(self.path)}
        done = subprocess.run(["git", *args], cwd=self.path, env=env, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    def write(self, name: str, text: str) -> None:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        text = (self.path / name).read_text(encoding="utf-8")
        assert old in text, old
        self.write(name, text.replace(old, new, 1))

    def commit(self, date: str, author: str = "Ann Lee", message: str = "change") -> str:
        self.git("add", "-A", author=author, date=date)
        self.git("commit", "-q", "-m", message, author=author, date=date)
        return self.short()

    def short(self, rev: str = "HEAD") -> str:
        return self.git("rev-parse", "--short=7", rev)

    def history(self, *paths: str, since: str | None = None, today: dt.date = dt.date(2026, 6, 1),
                **options: Any) -> HistoryResult:
        settings = Settings(root=self.path)
        settings.set_options(options)
        cwd = Path.cwd()
        os.chdir(self.path)
        try:
            return history(list(paths), settings, since, today, cwd=self.path)
        finally:
            os.chdir(cwd)

    def found(self, *paths: str, **kwargs: Any) -> list[tuple[str, str, int, int, str]]:
        """(path, code, line, column, message) of every finding."""
        return [(d.path, d.code, d.line, d.column, d.message) for d in self.history(*paths, **kwargs).diagnostics]

    def cli(self, *args: str) -> tuple[int, str, str, Any]:
        """Run goallint in the repository: exit code, stdout, stderr (and the JSON, when asked)."""
        import contextlib
        import io

        out, err = io.StringIO(), io.StringIO()
        cwd = Path.cwd()
        os.chdir(self.path)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(list(args))
        finally:
            os.chdir(cwd)
        text = out.getvalue()
        return code, text, err.getvalue(), json.loads(text) if "json" in args else None
