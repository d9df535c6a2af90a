"""The one way goallint talks to git: the git CLI, run with argument lists, never a shell.

Every call goes through ``run_git``. Names of files and refs that come from the
repository are passed as separate arguments (after ``--`` or ``--end-of-options`` where
git could read them as options), and output is read in NUL-separated porcelain forms,
so no name is ever split, quoted or interpreted. The git CLI is used rather than a
library binding because it is on every machine that has a repository, it understands
every repository layout (worktrees, shallow clones, packed refs, alternates) and it
needs no compiled extension.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """git is missing, the folder is not a repository, or a ref does not resolve: one line."""


# Git reads these from the environment; a user's setting must not change what is parsed.
_ENV_DROP = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_EXTERNAL_DIFF", "GIT_PAGER", "GIT_CONFIG_PARAMETERS")


def _environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _ENV_DROP}
    env.update({"LC_ALL": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"})
    return env


def run_git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """Run ``git ARGS`` in ``cwd`` and return its standard output; GitError on failure."""
    executable = shutil.which("git")
    if executable is None:
        raise GitError("git is not installed (or not on PATH); history needs it")
    try:
        done = subprocess.run([executable, "-c", "core.quotePath=false", *args], cwd=cwd, input=stdin,
                              capture_output=True, env=_environment(), check=False)
    except OSError as exc:
        raise GitError(f"cannot run git ({exc.strerror or exc})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed with exit code {done.returncode}")
    return done.stdout


def repository_root(folder: Path) -> Path:
    """The top of the work tree that holds ``folder``; GitError when there is none."""
    try:
        out = run_git(["rev-parse", "--show-toplevel"], folder)
    except GitError as exc:
        if "not a git repository" in str(exc):
            raise GitError(f"{folder}: not inside a git repository; history needs one") from None
        raise
    return Path(out.decode("utf-8").strip())


def resolve(rev: str, root: Path) -> str:
    """The full hash of the commit ``rev`` names. Refs that look like options are refused."""
    if not rev or rev.startswith("-") or any(ord(char) < 32 for char in rev):
        raise GitError(f"'{rev}' is not a revision (a revision may not start with '-')")
    try:
        out = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], root)
    except GitError:
        out = b""
    sha = out.decode("ascii", "replace").strip()
    if not sha:
        raise GitError(f"'{rev}' does not name a commit in this repository")
    return sha


def has_commits(root: Path) -> bool:
    try:
        run_git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], root)
    except GitError:
        return False
    return True


def merge_base(first: str, second: str, root: Path) -> str | None:
    try:
        out = run_git(["merge-base", first, second], root)
    except GitError:
        return None
    return out.decode("ascii").strip() or None


def is_ancestor(first: str, second: str, root: Path) -> bool:
    try:
        run_git(["merge-base", "--is-ancestor", first, second], root)
    except GitError:
        return False
    return True


def shallow_boundary(root: Path) -> list[str]:
    """The commits a shallow clone's history stops at; empty for a full clone."""
    out = run_git(["rev-parse", "--is-shallow-repository", "--git-path", "shallow"], root).decode("utf-8")
    lines = out.splitlines()
    if not lines or lines[0].strip() != "true":
        return []
    shallow = Path(lines[1].strip())
    shallow = shallow if shallow.is_absolute() else root / shallow
    try:
        return shallow.read_text(encoding="ascii").split()
    except OSError:
        return []


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author: str
    date: dt.datetime  # the committer date: when the change entered this history

    @property
    def short(self) -> str:
        return self.sha[:7] if self.sha else "work tree"


@dataclass(frozen=True, slots=True)
class FileChange:
    """One entry of ``git log --raw``: status A/M/D/R/C/T, the blob after, the paths."""

    status: str
    blob: str
    path: str
    old_path: str | None


ZERO = "0" * 40
_FORMAT = "%x01%H%x02%P%x02%an%x02%cI"


def describe(root: Path, sha: str) -> Commit:
    out = run_git(["log", "-1", "-z", f"--format={_FORMAT}", sha, "--"], root)
    return next(parse_log(out))[0]


def log(root: Path, pathspecs: Sequence[str], stop: str | None = None) -> list[tuple[Commit, list[FileChange]]]:
    """Every commit reachable from HEAD (minus those reachable from ``stop``), parents first.

    One ``git log --raw -z`` gives each commit with the files it changed against its
    first parent (merges included), renames detected, in a NUL-separated form.
    ``--full-history --sparse`` keep the commits that touch no goal file, so that parent
    links stay whole; the pathspecs limit only the listed files.
    """
    args = ["log", "-z", "--raw", "--no-abbrev", "-M", "--diff-merges=first-parent", "--topo-order",
            "--reverse", "--full-history", "--sparse", f"--format={_FORMAT}", "HEAD"]
    if stop is not None:
        args.append(f"^{stop}")
    out = run_git([*args, "--", *pathspecs], root)
    return list(parse_log(out))


def parse_log(out: bytes) -> Iterator[tuple[Commit, list[FileChange]]]:
    for record in out.split(b"\x01")[1:]:
        header, _, rest = record.partition(b"\x00")
        fields = header.decode("utf-8", "replace").split("\x02")
        try:
            sha, parents, author, date = fields
            when = dt.datetime.fromisoformat(date)
        except ValueError:  # a name with the separators in it: refuse rather than misread
            raise GitError(f"cannot read the commit list near {fields[0][:7]!r}") from None
        commit = Commit(sha, tuple(parents.split()), author, when)
        yield commit, list(_parse_raw(rest.lstrip(b"\n\x00")))


def _parse_raw(raw: bytes) -> Iterator[FileChange]:
    fields = raw.split(b"\x00")
    index = 0
    while index < len(fields):
        meta = fields[index].strip(b"\n").decode("ascii", "replace")
        if not meta.startswith(":"):
            index += 1
            continue
        parts = meta[1:].split()
        status = parts[4][:1]
        first = fields[index + 1].decode("utf-8", "surrogateescape")
        if status in ("R", "C"):
            second = fields[index + 2].decode("utf-8", "surrogateescape")
            yield FileChange(status, parts[3], second, first)
            index += 3
        else:
            yield FileChange(status, parts[3], first, None)
            index += 2


def read_blobs(root: Path, blobs: Sequence[str]) -> dict[str, bytes]:
    """Many blobs in one ``git cat-file --batch``: ``<sha> <type> <size>\\n<bytes>\\n`` each."""
    if not blobs:
        return {}
    out = run_git(["cat-file", "--batch"], root, stdin="".join(f"{sha}\n" for sha in blobs).encode("ascii"))
    found: dict[str, bytes] = {}
    position = 0
    for sha in blobs:
        end = out.index(b"\n", position)
        header = out[position:end].decode("ascii", "replace").split()
        position = end + 1
        if len(header) < 3 or header[1] == "missing":
            continue
        size = int(header[2])
        found[sha] = out[position:position + size]
        position += size + 1
    return found


def author_now(root: Path) -> str:
    """The name git would record as the author of a commit made now."""
    try:
        ident = run_git(["var", "GIT_AUTHOR_IDENT"], root).decode("utf-8", "replace")
    except GitError:
        return "unknown"
    return ident.split("<", 1)[0].strip() or "unknown"
