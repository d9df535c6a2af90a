"""Matching paths against the config's globs (include, exclude, overrides)."""

from __future__ import annotations

import fnmatch
from pathlib import Path


def relative_to(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes, or as given when outside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def matches(relative: str, globs: list[str]) -> bool:
    """A glob matches the whole relative path, the file name, or a folder above it."""
    name = relative.rsplit("/", 1)[-1]
    for glob in globs:
        glob = glob.rstrip("/")
        if fnmatch.fnmatchcase(relative, glob) or fnmatch.fnmatchcase(name, glob):
            return True
        if relative.startswith(glob + "/") or fnmatch.fnmatchcase(relative, glob + "/*"):
            return True
    return False
