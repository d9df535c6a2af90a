"""Writing files so that a reader never sees half of one.

The text goes to a temporary file in the target's own folder, is flushed to disk, and
then renamed over the target in one step. On any error, and on SIGTERM or SIGINT, the
temporary file is removed and the old target is left as it was.

Only a regular file or a missing path is written: a folder, a device, a pipe or a path
ending in ``/`` is refused. A target that is a symbolic link is written through: the
file it points to gets the new text and the link stays a link.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class WriteError(Exception):
    """The target could not be written; the message names it."""


class _Stopped(BaseException):
    """A signal arrived while a temporary file existed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def write_atomic(target: str | Path, text: str) -> None:
    path = _destination(str(target))
    folder = path.parent if str(path.parent) else Path(".")
    with _signals_cleaned_up():
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise WriteError(f"{target}: cannot write ({exc.strerror or exc})") from None
        try:
            _fill(handle, temporary, path, text)
        except BaseException as exc:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            if isinstance(exc, OSError):
                raise WriteError(f"{target}: cannot write ({exc.strerror or exc})") from None
            raise


def _fill(handle: int, temporary: str, path: Path, text: str) -> None:
    # backslashreplace: a stray undecodable name never makes the file invalid UTF-8 or the write fail
    with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace", newline="") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    if path.exists():
        os.chmod(temporary, path.stat().st_mode & 0o7777)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
    os.replace(temporary, path)


def _destination(target: str) -> Path:
    """The path to replace: the target, or the file a symbolic link points to; refused unless regular."""
    if target.endswith(("/", os.sep)) or (os.altsep and target.endswith(os.altsep)):
        raise WriteError(f"{target}: cannot write (a path ending in '/' names a folder, not a file)")
    try:
        real = os.path.realpath(target, strict=True) if os.path.islink(target) else target
    except FileNotFoundError:  # a link to a file not made yet: make it there
        real = os.path.realpath(target)
    except OSError as exc:  # a loop of links
        raise WriteError(f"{target}: cannot write ({exc.strerror or exc})") from None
    try:
        mode = os.lstat(real).st_mode
    except FileNotFoundError:
        return Path(real)
    except OSError as exc:
        raise WriteError(f"{target}: cannot write ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise WriteError(f"{target}: cannot write (it is a folder)")
    if not stat.S_ISREG(mode):
        raise WriteError(f"{target}: cannot write (it is not a regular file; goallint only replaces files)")
    return Path(real)


@contextmanager
def _signals_cleaned_up() -> Iterator[None]:
    """While a temporary file exists, SIGTERM and SIGINT first remove it, then act as before."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in _SIGNALS}
    previous = {signum: handler for signum, handler in previous.items() if handler is not signal.SIG_IGN}

    def stop(signum: int, _frame: FrameType | None) -> None:
        raise _Stopped(signum)

    for signum in previous:
        signal.signal(signum, stop)
    try:
        yield
    except _Stopped as exc:
        _restore(previous)
        signal.raise_signal(exc.signum)  # now with the handler that was there: the usual ending
        raise WriteError(f"the write was stopped by signal {exc.signum}") from None  # that handler returned
    finally:
        _restore(previous)


def _restore(previous: dict[signal.Signals, Any]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
