"""Which files a run checks: the paths given, and goal files found in folders."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from .config import Settings
from .globs import matches, relative_to

GOAL_FILE_PATTERNS = ("goals.yaml", "goals.yml", "*.goals.yaml", "*.goals.yml")
SKIP_FOLDERS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox"})


def is_goal_file(relative: str, settings: Settings) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(name, p) for p in GOAL_FILE_PATTERNS) or matches(relative, settings.include)


def discover(paths: list[str], settings: Settings) -> tuple[list[Path], list[str]]:
    """Files to check, in a stable order, and one message per path that does not exist.

    A file named on the command line is always checked; folders are searched for goal
    files (by name, or by the config's ``include`` globs) minus ``exclude``.
    """
    root = settings.root
    found: list[Path] = []
    errors: list[str] = []
    for given in paths or ["."]:
        path = Path(given)
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if d not in SKIP_FOLDERS
                                       and not matches(relative_to(Path(folder, d), root), settings.exclude))
                for name in sorted(names):
                    candidate = Path(folder, name)
                    relative = relative_to(candidate, root)
                    if is_goal_file(relative, settings) and not matches(relative, settings.exclude):
                        found.append(candidate)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            errors.append(f"{given}: no such file or folder")
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(os.path.normpath(path), path)
    return list(unique.values()), errors
