"""Speed measures of the check pipeline, each behind one small function.

- ``no_cyclic_gc``: a check builds trees of plain data that reference counting frees;
  the cyclic collector's passes over them only cost time (about 40 % of a 10k-goal check
  on the benchmark machine when it ran).
- ``in_workers``: files parsed and checked goal by goal in forked processes (1.5x to
  1.6x with two processes on 100 files of 100 goals). Workers send back each file cut
  down to what the cross-goal rules declare they read. The built-in cross-goal rules
  then run in two processes too, each over half of the files (``linter._cross_in_two``).
- ``keep_until_exit``: in the console script, which ends with ``os._exit``, what a run
  built is kept to the end instead of being freed object by object when the functions
  holding it return (about 40 ms at 10,000 goals).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
A = TypeVar("A")
Task = tuple[Path, str, bool]  # the file, its shown path, whether it is reported
MIN_PARALLEL_BYTES = 256 * 1024  # below this, forking costs more than it saves


class WorkerLost(Exception):
    """A worker process died; the run cannot be complete."""


_forked = False  # True in a worker process


def in_fork() -> bool:
    """Whether this is a worker: what it makes crosses a pipe, so it sends as little as it can."""
    return _forked


# Set by the console script before a run; None (keep nothing) for any other caller.
kept_until_exit: list[object] | None = None


def keep_until_exit(*objects: object) -> None:
    """Leave ``objects`` for the process's exit to reclaim, when the process ends without teardown."""
    if kept_until_exit is not None:
        kept_until_exit.extend(objects)


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


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def worth_parallel(tasks: Sequence[Task], jobs: int) -> bool:
    """Processes pay only for several files with real content, and only where fork exists."""
    if jobs <= 1 or len(tasks) < 2:
        return False
    if sum(size(path) for path, _shown, _reported in tasks) < MIN_PARALLEL_BYTES:
        return False
    return fork_available()


def fork_available() -> bool:
    import multiprocessing  # only now: its import costs a small run noticeable time

    return "fork" in multiprocessing.get_all_start_methods()


def _share(tasks: Sequence[A], jobs: int, weight: Callable[[A], int]) -> list[list[tuple[int, A]]]:
    """The tasks in ``jobs`` shares of about equal weight, heaviest first."""
    loads = [0] * jobs
    chunks: list[list[tuple[int, A]]] = [[] for _ in range(jobs)]
    for file_size, index in sorted(((weight(task), index) for index, task in enumerate(tasks)), reverse=True):
        lightest = loads.index(min(loads))
        loads[lightest] += file_size
        chunks[lightest].append((index, tasks[index]))
    return chunks


def _die_with_parent(parent: int) -> None:
    """A worker ends when the process that forked it does (Linux); elsewhere the pipe does it."""
    import signal

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def in_workers(tasks: Sequence[A], jobs: int, work: Callable[[A], T],
               weight: Callable[[A], int] | None = None) -> list[T]:
    """``work`` over every task in ``jobs`` processes: this one and forks.

    Tasks are shared by ``weight`` (by default a task is a file: its size). This process
    takes a share itself rather than wait: one fork fewer, and its share's results need
    no trip through a pipe. A worker that dies fails the run at once.
    """
    chunks = _share(tasks, jobs, weight or (lambda task: size(task[0])))  # type: ignore[index]
    own, others = chunks[0], [chunk for chunk in chunks[1:] if chunk]
    import multiprocessing

    def run(chunk: list[tuple[int, A]]) -> list[tuple[int, T]]:
        return [(index, work(task)) for index, task in chunk]

    context = multiprocessing.get_context("fork")
    results: list[Any] = []
    readers = []
    processes = []
    for chunk in others:
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(run, chunk, writer, os.getpid()), daemon=True)
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


def _child(run: Callable[[Any], Any], chunk: Any, writer: Any, parent: int) -> None:
    global _forked  # noqa: PLW0603 - set once, in the fork, before its work begins
    _forked = True
    _die_with_parent(parent)
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
