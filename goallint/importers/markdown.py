"""Goals from Markdown lists: one goal per list item, headings as teams or objectives.

What is read:

- list items ``- ...``, ``* ...``, ``+ ...``, ``1. ...`` and ``1) ...``, one line each; a
  task-list item ``- [x] ...`` is a goal whose status is ``done`` (``- [ ] ...`` an open one);
- an item with items nested under it is an objective, and the nested items are its goals
  (``parent``); deeper items belong to the same objective;
- a ``##`` (or deeper) heading of at most three words and no digit ("Marketing",
  "Kundeservice") is the team of the goals under it; a longer heading ("Grow the pipeline
  from inbound marketing") is an objective the goals under it serve. A ``#`` heading is
  the document's title and is left alone;
- inline markup is dropped from titles: links keep their text, emphasis and code marks go.

Fenced code blocks are skipped. Each goal title goes through the sentence parser, like a
sheet's title column. An empty item is a finding at its line and column.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import Draft, ImportFailure, SheetFinding, decode_text

_ITEM = re.compile(r"(?P<indent>[ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(?:\[(?P<task>[ xX])\](?:[ \t]+|$))?|$)")
_HEADING = re.compile(r"(?P<marks>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*\Z")
_FENCE = re.compile(r"[ \t]{0,3}(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|~~|`|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")
_TEAM_WORDS = 3


def plain(text: str) -> str:
    """The text of a Markdown line without links' targets, emphasis or code marks."""
    return " ".join(_MARKS.sub("", _LINK.sub(r"\1", text)).split())


class _Reader:
    """The state while reading: the current team, heading objective and top-level item."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.findings: list[SheetFinding] = []
        self.team: str | None = None
        self.heading: Draft | None = None
        self.top: tuple[int, Draft] | None = None  # (indent, draft) of the current top-level item

    def heading_line(self, number: int, level: int, text: str) -> None:
        self.top = None
        if level == 1:
            return
        words = text.split()
        if words and len(words) <= _TEAM_WORDS and not any(c.isdigit() for c in text):
            self.team, self.heading = text, None
            return
        self.team = None
        self.heading = Draft(number, {"title": text}, "line", objective=True) if words else None
        if self.heading is not None:
            self.drafts.append(self.heading)

    def item_line(self, number: int, indent: int, column: int, text: str, task: str | None) -> None:
        if not text:
            self.findings.append(SheetFinding(number, column, "list item has no text; it was left out"))
            return
        draft = Draft(number, {"title": text}, "line")
        if task in ("x", "X"):
            draft.values["status"] = "done"
        if self.top is not None and indent > self.top[0]:
            parent = self.top[1]
            parent.objective = True
            draft.parent = parent
        else:
            draft.parent = self.heading
            self.top = (indent, draft)
        if self.team is not None:
            draft.values["team"] = self.team
        self.drafts.append(draft)


def read_markdown(path: str) -> tuple[list[Draft], list[SheetFinding]]:
    """Drafts for every list item (and objective heading) of the file; findings for empty items."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFailure(f"{path}: cannot read the file ({exc.strerror})") from None
    reader = _Reader()
    fence: str | None = None
    for number, line in enumerate(decode_text(raw, path, "UTF-8").splitlines(), start=1):
        opened = _FENCE.match(line)
        if fence is not None:
            fence = None if opened and opened[1] == fence else fence
        elif opened:
            fence = opened[1]
        else:
            _line(reader, number, line)
    if not any(not d.objective for d in reader.drafts):
        raise ImportFailure(f"{path}: no list items: write each goal as a line starting with '- '")
    for draft in reader.drafts:  # an objective has no team in the schema: its goals carry it
        if draft.objective:
            draft.values.pop("team", None)
    return reader.drafts, reader.findings


def _line(reader: _Reader, number: int, line: str) -> None:
    if heading := _HEADING.match(line):
        reader.heading_line(number, len(heading["marks"]), plain(heading["text"]))
        return
    if item := _ITEM.match(line):
        indent = len(item["indent"].expandtabs(4))
        rest = line[item.end():]
        column = item.end() + 1 + (len(rest) - len(rest.lstrip()))
        reader.item_line(number, indent, column, plain(rest), item["task"])
