"""Which files a run checks: the paths given, and goal files found in folders.

A file named on the command line is always checked (unless it is a symlink that leads
out of the project). Folders are searched for goal files, by name or by the config's
``include`` globs, minus ``exclude``, minus what git ignores. Nothing found on the way
stops the walk: an unreadable folder, a path too long, a symlink loop or a name that is
not valid UTF-8 becomes one error naming the path, and the rest is still checked.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from .catalogue import METRICS_FILE_PATTERNS
from .config import Settings
from .globs import matches
from .project import git_top_level

GOAL_FILE_PATTERNS = ("goals.yaml", "goals.yml", "*.goals.yaml", "*.goals.yml", *METRICS_FILE_PATTERNS)
# Tool folders never hold goal files; .github holds workflows, one of which may well be
# called goals.yml.
SKIP_FOLDERS = frozenset({".git", ".hg", ".svn", ".github", ".venv", "venv", "node_modules", "__pycache__", ".tox",
                          ".nox"})
NAMING_HINT = ("goal files are named goals.yaml or *.goals.yaml (or .yml), metric catalogues *.metrics.yaml; "
               "add an 'include' glob to the config for other names")


class DiscoveryOptions:
    """The command line's say in discovery."""

    __slots__ = ("allow_outside_root", "respect_gitignore")

    def __init__(self, *, respect_gitignore: bool = True, allow_outside_root: bool = False) -> None:
        self.respect_gitignore = respect_gitignore
        self.allow_outside_root = allow_outside_root


class Discovery:
    """The files to check, one error per path that cannot be used, and why others were left out."""

    __slots__ = ("errors", "files", "skipped")

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.errors: list[str] = []
        self.skipped: list[tuple[Path, str]] = []


def is_goal_file(relative: str, settings: Settings) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(name, p) for p in GOAL_FILE_PATTERNS) or matches(relative, settings.include)


def discover(paths: list[str], settings: Settings,
             options: DiscoveryOptions | None = None) -> tuple[list[Path], list[str]]:
    """Files to check, in a stable order, and one message per path that cannot be used."""
    found = find_files(paths, settings, options or DiscoveryOptions())
    return found.files, found.errors


def find_files(paths: list[str], settings: Settings, options: DiscoveryOptions) -> Discovery:
    """What :func:`discover` returns, plus the files left out and why (for ``--show-files``)."""
    walker = _Walker(settings, options)
    for given in paths or ["."]:
        walker.add(given, explicit=bool(paths))
    unique: dict[str, Path] = {}
    for path in walker.result.files:
        unique.setdefault(os.path.normpath(path), path)
    walker.result.files = list(unique.values())
    return walker.result


def shown(path: Path | str) -> str:
    """A path for a message: bytes that are not valid UTF-8 appear as \\xNN escapes."""
    text = os.fspath(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class _Walker:
    def __init__(self, settings: Settings, options: DiscoveryOptions) -> None:
        self.settings = settings
        self.options = options
        self.root = settings.root.resolve()
        self.result = Discovery()
        self.ignored = _GitIgnored()
        self._asked: set[str] = set()  # the folders git was asked about, relative to the root
        self._cwd = Path.cwd()
        self._cwd_resolved = self._cwd.resolve()
        self._plain_walk = False  # the folder walked now has no symlink in its path

    def _ask_git(self, start: Path) -> None:
        """Learn what git ignores under ``start`` (once per folder; only inside the root)."""
        lexical = self._lexical(start)
        if not self.options.respect_gitignore or not _inside(lexical, self.root):
            return
        relative = "" if lexical == self.root else lexical.relative_to(self.root).as_posix()
        if any(relative == a or relative.startswith(a + "/") or not a for a in self._asked):
            return
        self._asked.add(relative)
        self.ignored = self.ignored.merged(_GitIgnored.load(self.root, relative or "."))

    def add(self, given: str, *, explicit: bool) -> None:
        path = Path(given)
        if path.is_dir():
            before, skipped = len(self.result.files), len(self.result.skipped)
            self._walk(path)
            if explicit and len(self.result.files) == before and not self._has_errors_under(given):
                left_out = len(self.result.skipped) - skipped
                extra = f"; {left_out} ignored by git (--no-respect-gitignore to check them)" if left_out else ""
                self.result.errors.append(f"{shown(given)}: no goal files found ({NAMING_HINT}{extra})")
        elif path.exists() or path.is_symlink():
            self._take(path)
        else:
            self.result.errors.append(f"{shown(given)}: no such file or folder")

    def _has_errors_under(self, given: str) -> bool:
        return any(e.startswith(shown(given)) for e in self.result.errors)

    def _walk(self, start: Path) -> None:
        def report(exc: OSError) -> None:
            where = shown(exc.filename) if exc.filename else shown(start)
            self.result.errors.append(f"{where}: cannot read the folder ({exc.strerror or exc})")

        self._ask_git(start)
        try:
            self._plain_walk = start.resolve() == self._lexical(start)
        except (RuntimeError, OSError):
            self._plain_walk = False
        for folder, subfolders, names in os.walk(start, onerror=report):
            subfolders[:] = sorted(d for d in subfolders if self._enter(Path(folder, d)))
            for name in sorted(names):
                candidate = Path(folder, name)
                relative = self._relative(candidate)
                if not is_goal_file(relative, self.settings) or matches(relative, self.settings.exclude):
                    continue
                if self.ignored.covers(relative):
                    self.result.skipped.append((candidate, "ignored by git"))
                elif self._plain_walk and not os.path.islink(candidate):
                    self.result.files.append(candidate)  # os.walk enters no symlinked folder: nothing to resolve
                else:
                    self._take(candidate)

    def _enter(self, folder: Path) -> bool:
        if folder.name in SKIP_FOLDERS:
            return False
        relative = self._relative(folder)
        if matches(relative, self.settings.exclude):
            return False
        if self.ignored.covers(relative + "/"):
            self.result.skipped.append((folder, "ignored by git"))
            return False
        return True

    def _take(self, path: Path) -> None:
        """Add a file unless it is a symlink loop or a symlink out of the project."""
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            self.result.files.append(path)  # the linter reports it as unreadable, with the others
            return
        except (RuntimeError, OSError):
            self.result.errors.append(f"{shown(path)}: cannot read (a symlink loop)")
            return
        if not self.options.allow_outside_root and self._leaves_root(path, target):
            self.result.errors.append(
                f"{shown(path)}: refused: a symlink to a file outside the project root {shown(self.root)} "
                "(--allow-outside-root to check it)")
            return
        self.result.files.append(path)

    def _leaves_root(self, path: Path, target: Path) -> bool:
        """Inside the root by its name, outside it once symlinks are followed."""
        return _inside(self._lexical(path), self.root) and not _inside(target, self.root)

    def _lexical(self, path: Path) -> Path:
        """The absolute path with the root's own symlinks resolved, but not the file's or its folders'."""
        absolute = Path(os.path.abspath(path))
        if _inside(absolute, self._cwd):
            return self._cwd_resolved / absolute.relative_to(self._cwd)
        return absolute

    def _relative(self, path: Path) -> str:
        """``path`` relative to the root with forward slashes (symlinks in it not followed), or as given."""
        try:
            return self._lexical(path).relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


class _GitIgnored:
    """The untracked files and folders git ignores, asked of git once per folder walked.

    git itself answers, so every source of ignore rules counts exactly as git counts it
    (nested .gitignore files, negations, .git/info/exclude, core.excludesFile), tracked
    files are never ignored, and no dependency is needed. Without git, or outside a work
    tree, nothing is ignored.
    """

    __slots__ = ("files", "folders")

    def __init__(self, files: frozenset[str] = frozenset(), folders: tuple[str, ...] = ()) -> None:
        self.files = files
        self.folders = folders

    def merged(self, other: _GitIgnored) -> _GitIgnored:
        return _GitIgnored(self.files | other.files, self.folders + other.folders)

    @classmethod
    def load(cls, root: Path, under: str = ".") -> _GitIgnored:
        """Ask git about the folder ``under`` (relative to ``root``) only, so a run on one
        folder of a large repository does not pay for the whole work tree."""
        top = git_top_level(root)
        if top is None:
            return cls()
        import subprocess  # only when a folder is searched inside a git repository

        # porcelain status names ignored folders once ("build/") and ignored files inside
        # folders that are not ignored as a whole; paths are relative to the top level.
        command = ["git", "-c", "core.quotePath=false", "status", "--porcelain=v1", "-z", "--ignored=matching",
                   "--untracked-files=all", "--no-renames", "--", under]
        try:
            done = subprocess.run(command, cwd=root, capture_output=True, check=False, timeout=120)
        except (OSError, subprocess.SubprocessError):
            return cls()
        if done.returncode != 0:
            return cls()
        prefix = root.relative_to(top).as_posix() + "/" if root != top else ""
        entries = [os.fsdecode(e[3:]) for e in done.stdout.split(b"\0") if e.startswith(b"!! ")]
        entries = [e[len(prefix):] for e in entries if e.startswith(prefix)]
        return cls(frozenset(e for e in entries if not e.endswith("/")),
                   tuple(e for e in entries if e.endswith("/")))

    def covers(self, relative: str) -> bool:
        """A file (or a folder, given with a trailing slash) that git ignores, itself or by a folder above."""
        if relative in self.files or relative in self.folders:
            return True
        return any(relative.startswith(folder) for folder in self.folders)
