"""The project root: the one place that decides which folder a run belongs to.

The root is the folder of the config file found (or given), else the top level of the
git work tree around the current folder, else the current folder. Discovery, the
symlink check, .gitignore handling and ``--in-project`` all take it from here.
"""

from __future__ import annotations

from pathlib import Path


def git_top_level(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``.git`` (a folder, or a file in a worktree)."""
    for folder in (start, *start.parents):
        try:
            if (folder / ".git").exists():
                return folder
        except OSError:
            return None
    return None


def project_root(config_path: Path | None, cwd: Path | None = None) -> Path:
    """The config file's folder, else the git top level, else the current folder (all resolved)."""
    if config_path is not None:
        return config_path.resolve().parent
    here = (cwd or Path.cwd()).resolve()
    return git_top_level(here) or here
