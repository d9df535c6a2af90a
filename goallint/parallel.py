"""Speed measures of the check pipeline, each behind one small function.

- ``no_cyclic_gc``: a check builds trees of plain data that reference counting frees;
  the cyclic collector's passes over them only cost time (about 40 % of a 10k-goal check
  on the benchmark machine when it ran).
- ``in_workers``: files parsed and checked goal by goal in forked processes (1.66x with
  two processes on 100 files of 100 goals). Workers send back each file cut down to what
  the cross-goal rules declare they read.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
Task = tuple[Path, str, bool]  # the file, its shown path, whether it is reported
MIN_PARALLEL_BYTES = 256 * 1024  # below this, forking costs more than it saves


class WorkerLost(Exception):
    """A worker process died; the run cannot be complete."""


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def worth_parallel(tasks: Sequence[Task], jobs: int) -> bool:
    """Processes pay only for several files with real content, and only where fork exists."""
    if jobs <= 1 or len(tasks) < 2:
        return False
    if sum(size(path) for path, _shown, _reported in tasks) < MIN_PARALLEL_BYTES:
        return False
    import multiprocessing  # only now: its import costs a small run noticeable time

    return "fork" in multiprocessing.get_all_start_methods()


def _share(tasks: Sequence[Task], jobs: int) -> list[list[tuple[int, Task]]]:
    """The files in ``jobs`` shares of about equal size, largest first."""
    loads = [0] * jobs
    chunks: list[list[tuple[int, Task]]] = [[] for _ in range(jobs)]
    for file_size, index in sorted(((size(task[0]), index) for index, task in enumerate(tasks)), reverse=True):
        lightest = loads.index(min(loads))
        loads[lightest] += file_size
        chunks[lightest].append((index, tasks[index]))
    return chunks


def _die_with_parent() -> None:
    """A worker ends when the process that forked it does (Linux); elsewhere the pipe does it."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def in_workers(tasks: Sequence[Task], jobs: int, work: Callable[[Task], T]) -> list[T]:
    """``work`` over every task in ``jobs`` processes: this one and forks.

    This process takes a share itself rather than wait: one fork fewer, and its share's
    results need no trip through a pipe. A worker that dies fails the run at once.
    """
    chunks = _share(tasks, jobs)
    own, others = chunks[0], [chunk for chunk in chunks[1:] if chunk]
    import multiprocessing

    def run(chunk: list[tuple[int, Task]]) -> list[tuple[int, T]]:
        return [(index, work(task)) for index, task in chunk]

    context = multiprocessing.get_context("fork")
    results: list[Any] = []
    readers = []
    processes = []
    for chunk in others:
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(run, chunk, writer), daemon=True)
        process.start()
        writer.close()
        readers.append(reader)
        processes.append(process)
    try:
        results.extend(run(own))
        for reader, process in zip(readers, processes, strict=True):
            try:
                status, payload = reader.recv()
            except EOFError:
                process.join()
                raise WorkerLost(f"a worker process ended without its results (exit status {process.exitcode})") \
                    from None
            if status != "ok":
                raise WorkerLost(f"a worker process failed: {payload}")
            results.extend(payload)
    finally:
        for process in processes:
            if process.is_alive():
                process.kill()
            process.join()
    outcomes: list[Any] = [None] * len(tasks)
    for index, outcome in results:
        outcomes[index] = outcome
    return outcomes


def _child(run: Callable[[Any], Any], chunk: Any, writer: Any) -> None:
    _die_with_parent()
    try:
        try:
            payload: tuple[str, Any] = ("ok", run(chunk))
        except Exception as exc:
            payload = ("error", f"{type(exc).__name__}: {exc}")
        writer.send(payload)
    except (BrokenPipeError, OSError):
        pass
    finally:
        writer.close()
        os._exit(0)  # no teardown: the parent has what it needs
