"""The server's model of a workspace: its files, their unsaved texts, its config, one check.

No protocol here: the engine runs the same discovery, configuration and check as
``goallint check`` over the workspace, with the editor's unsaved texts laid over the
files, and answers questions about the result (which goal has this id, which finding
is at this place). The server decides when to run it and turns answers into LSP.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog, builtin_catalog
from ..config import CONFIG_NAMES, ConfigError, Settings, find_config, load_settings
from ..diagnostics import Diagnostic, Span
from ..discovery import discover, is_goal_file
from ..globs import relative_to
from ..linter import Reuse, check, display_path
from ..model import Item

# "file:3:7: message" at the start of a config error: where in the config it points.
_PLACE = re.compile(r"(?P<file>[^:\n]+):(?P<line>\d+):(?P<column>\d+): ")


@dataclass(frozen=True)
class ConfigProblem:
    path: Path
    span: Span
    message: str


@dataclass
class Snapshot:
    """One check of the workspace: findings by file, every goal and objective, the config's health."""

    diagnostics: dict[Path, list[Diagnostic]] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # shown path -> absolute path
    config_problem: ConfigProblem | None = None
    # The rules as of this check: the config's own rules come and go with the config, and
    # the catalog is read here, in the check's thread, never while a config is being read.
    rules: Catalog = field(default_factory=builtin_catalog)

    def file_of(self, item: Item) -> Path | None:
        return self.files.get(item.file.path)

    def items_in(self, path: Path) -> list[Item]:
        return [item for item in self.items if self.file_of(item) == path]

    def find(self, item_id: str) -> Item | None:
        return next((item for item in self.items if item.id == item_id), None)

    def owners(self) -> list[str]:
        return sorted({item.owner for item in self.items if item.owner})


class Engine:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.texts: dict[Path, str] = {}  # open documents: absolute path -> the editor's text
        self._files: list[Path] | None = None
        self._settings: Settings | None = None
        self._config_problem: ConfigProblem | None = None
        self._stamp: tuple[tuple[str, int, int], ...] | None = None
        # Each file's reading and goal-by-goal findings from the last check: after an edit,
        # only the edited file is parsed and checked again (the cross-goal rules see all).
        self._reuse = Reuse()

    # -- what the editor tells ---------------------------------------------------------------
    def opened(self, path: Path, text: str) -> None:
        self.texts[_key(path)] = text

    def closed(self, path: Path) -> None:
        self.texts.pop(_key(path), None)

    def files_changed(self) -> None:
        """Files were created, deleted or renamed: find the goal files and read the config again."""
        self._files = None
        self._stamp = None

    def forget(self) -> None:
        """Keep nothing from earlier checks: the next one reads and checks every file afresh."""
        self._reuse = Reuse()

    @property
    def goals_reused(self) -> int:
        """How many goals of the edited files the last check kept the findings of: their text had not changed."""
        return self._reuse.goals_reused

    # -- checking ---------------------------------------------------------------------------
    def settings(self) -> Settings:
        """The workspace's settings, read again whenever a config file changed on disk.

        A config that cannot be used becomes a ``ConfigProblem`` and the defaults apply
        meanwhile, so the goal files are still checked.
        """
        stamp = self._config_stamp()
        if self._settings is None or stamp != self._stamp:
            problem = None
            try:
                settings = load_settings(None, cwd=self.root)
            except ConfigError as exc:
                settings, problem = Settings(root=self.root), self._locate(str(exc))
            # All at once, after reading: a check stopped while reading leaves the old state whole.
            self._settings, self._config_problem, self._files, self._stamp = settings, problem, None, stamp
        return self._settings

    def goal_files(self, settings: Settings, texts: dict[Path, str]) -> list[Path]:
        """The workspace's goal files, and any open goal file outside it."""
        if self._files is None:
            self._files = [_key(path) for path in discover([str(self.root)], settings)[0]]
        known = set(self._files)
        extra = [path for path in texts if path not in known and self._is_goal_file(path, settings)]
        return [*self._files, *sorted(extra)]

    def run(self, today: dt.date, texts: dict[Path, str] | None = None) -> Snapshot:
        """Check the workspace; ``texts`` (default: the open documents) are used instead of the files."""
        texts = self.texts if texts is None else texts
        settings = self.settings()
        files = self.goal_files(settings, texts)
        wanted = set(files)
        overlay = {path: text.encode("utf-8") for path, text in texts.items() if path in wanted}
        result = check(files, settings, today, cwd=self.root, overlay=overlay, reuse=self._reuse)
        shown = {display_path(path, self.root): path for path in files}
        snapshot = Snapshot(files=shown, items=result.items, config_problem=self._config_problem,
                            rules=settings.catalog)
        for path in files:
            snapshot.diagnostics[path] = []
        for diagnostic in result.diagnostics:
            target = shown.get(diagnostic.path)
            if target is not None:
                snapshot.diagnostics[target].append(diagnostic)
        return snapshot

    # -- helpers ----------------------------------------------------------------------------
    def _is_goal_file(self, path: Path, settings: Settings) -> bool:
        return is_goal_file(relative_to(path, settings.root), settings)

    def _config_stamp(self) -> tuple[tuple[str, int, int], ...]:
        """Every file that could be the config, with its size and time: a change shows here."""
        stamp = []
        for folder in (self.root, *self.root.parents):
            for name in (*CONFIG_NAMES, "pyproject.toml"):
                try:
                    info = os.stat(folder / name)
                except OSError:
                    continue
                stamp.append((str(folder / name), info.st_mtime_ns, info.st_size))
        return tuple(stamp)

    def _locate(self, message: str) -> ConfigProblem:
        config = find_config(self.root)
        found = _PLACE.match(message)
        span = Span(1, 1, 1, 1)
        if found is not None:
            line, column = int(found.group("line")), int(found.group("column"))
            span = Span(line, column, line, column + 1)
            named = (self.root / found.group("file")).resolve()
            if named.is_file():
                config = named
        return ConfigProblem(config or self.root / CONFIG_NAMES[0], span, message)


def _key(path: Path) -> Path:
    return Path(os.path.normpath(path.resolve()))
