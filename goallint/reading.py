"""Reading a goal file without trusting its size: stat first, then read no more than the limit.

A file over the limit is never read: a sparse file of gigabytes costs nothing to make
and would cost as much memory to read whole.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class Unread(bytes):
    """Stands for a file over the size limit: no bytes, but ``len()`` is the file's size.

    The loader's size check then reports the real size, and nothing else ever sees it.
    """

    size: int

    def __new__(cls, size: int) -> Unread:
        made = super().__new__(cls)
        made.size = size
        return made

    def __len__(self) -> int:
        return self.size

    def __reduce__(self) -> tuple[type[Unread], tuple[int]]:
        return Unread, (self.size,)


def read_goal_file(path: str | Path, limit: int) -> bytes:
    """A regular file's bytes, or ``Unread`` when it holds more than ``limit`` bytes.

    Folders, pipes and devices are refused (OSError) before they are opened, so reading
    never blocks on a pipe or a terminal.
    """
    _refuse_unless_regular(os.stat(path).st_mode)  # follows links: a broken link raises here
    with open(path, "rb") as stream:
        status = os.fstat(stream.fileno())
        _refuse_unless_regular(status.st_mode)  # the name may point elsewhere by now
        if status.st_size > limit:
            return Unread(status.st_size)
        # Read what the stat promised and one byte more: a file that grew since is read on to the limit. (Asking
        # for ``limit + 1`` at once made a buffer of the limit's size, a gigabyte with a large ``max_file_bytes``.)
        data = stream.read(status.st_size + 1)
        if len(data) > status.st_size:
            data += stream.read(limit + 1 - len(data))
    return Unread(len(data) + _rest(path, limit)) if len(data) > limit else data


def _rest(path: str | Path, limit: int) -> int:
    try:
        return max(0, os.stat(path).st_size - limit - 1)
    except OSError:
        return 0


def _refuse_unless_regular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise OSError(errno.EISDIR, "is a folder, not a goal file")
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "not a regular file")
